"""The facts extracted from one report. Every fact carries its locator and the raw text it was read from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from transforms.document import Locator


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: locator plus the raw cell or sentence."""

    locator: Locator
    raw_text: str


@dataclass(frozen=True)
class ReportMeta:
    """Who reported, where, for which year, and the overall result."""

    department: str | None = None
    unit: str | None = None
    province: str | None = None
    city: str | None = None
    county: str | None = None
    division_code: str | None = None
    admin_level: str | None = None  # province | prefecture | county
    fiscal_year: int | None = None
    title_year: int | None = None
    fiscal_year_source: str | None = None  # body | title | filing_date
    filing_date: date | None = None
    preparer: str | None = None
    phone: str | None = None
    self_eval_score: Decimal | None = None
    grade: str | None = None
    report_kind: str = "department"  # department | project | fund
    report_subject: str | None = None  # the project or fund a project or fund report is about
    evidence: tuple[tuple[str, Evidence], ...] = ()  # (field name, evidence)


@dataclass(frozen=True)
class BudgetLine:
    """One amount: a budget category in a phase, in exact yuan."""

    category: str  # total | basic | personnel | public | project | three_public | ... (see extract/budget.py)
    phase: str  # initial | adjusted | executed | previous | budget
    amount_yuan: Decimal
    unit: str  # the unit the report printed: 元 | 万元 | 亿元
    evidence: Evidence
    source: str = "table"  # table | sentence
    subject: str | None = None  # the unit or project the line belongs to, when not the department
    printed: str | None = None  # the figure as a sentence printed it (2671.0): its precision, where the evidence
    # is the whole sentence; a table cell's evidence is the figure itself


@dataclass(frozen=True)
class Project:
    """A project row: budgets, execution and score."""

    name: str
    evidence: Evidence
    initial_yuan: Decimal | None = None
    adjustment_yuan: Decimal | None = None
    full_year_yuan: Decimal | None = None
    executed_yuan: Decimal | None = None
    stated_rate: Decimal | None = None
    score: Decimal | None = None
    unit: str | None = None
    funding: str | None = None
    origin: str | None = None  # summary_table | project_table | sentence: where the row was stated
    unit_name: str | None = None  # the budget or implementing unit (预算单位 / 实施单位)
    is_total: bool = False  # a table's 合计 row: what the projects above it add up to, not a project
    supervisor: str | None = None  # 主管部门


@dataclass(frozen=True)
class Measure:
    """A target or actual value: raw text, comparison operator, number and unit, or qualitative."""

    raw: str
    op: str | None = None  # >= > <= < =
    value: Decimal | None = None
    unit: str | None = None
    qualitative: bool = False


@dataclass(frozen=True)
class Indicator:
    """A performance indicator row."""

    owner: str  # "department" or the project name
    level1: str | None
    level2: str | None
    level3: str
    evidence: Evidence
    target: Measure | None = None
    actual: Measure | None = None
    weight: Decimal | None = None
    score: Decimal | None = None
    deviation_note: str | None = None
    canonical_code: str | None = None


@dataclass(frozen=True)
class Claim:
    """A stated rate, share or change with the operands the text names, so it can be recomputed."""

    kind: str  # execution_rate | growth | decline | share | carryover_rate | control_rate | ...
    stated_value: Decimal  # as a fraction: 97.63% -> 0.9763
    decimals: int  # printed decimals of the percentage (97.63% -> 2; 1 -> 0 with percent=False)
    evidence: Evidence
    numerator_yuan: Decimal | None = None
    denominator_yuan: Decimal | None = None
    subject: str | None = None
    percent: bool = True  # printed with a % sign
    current_yuan: Decimal | None = None  # growth/decline: the current amount the text names
    previous_yuan: Decimal | None = None  # growth/decline: the previous amount, when the text names it
    change_yuan: Decimal | None = None  # growth/decline: the change amount as printed (unsigned)
    numerator_count: Decimal | None = None  # for rates over people or items (在职人数 / 编制数)
    denominator_count: Decimal | None = None


@dataclass(frozen=True)
class ScoreLine:
    """A score with its weight: the total, a level-1/level-2 sub-score, or the scored budget execution row."""

    level: str  # total | level1 | level2 | level3 | execution (预算执行率 with its weight and score)
    name: str
    evidence: Evidence
    weight: Decimal | None = None
    score: Decimal | None = None
    owner: str = "department"


@dataclass(frozen=True)
class ReportFacts:
    """Everything extracted from one report."""

    meta: ReportMeta
    budget_lines: tuple[BudgetLine, ...] = ()
    projects: tuple[Project, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    claims: tuple[Claim, ...] = ()
    scores: tuple[ScoreLine, ...] = ()
    warnings: tuple[str, ...] = field(default_factory=tuple)
