"""What a generated report says, as printed: the figures, the wording chosen for each field, its faults."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Region:
    """A real division: its 6-digit code and names (county is empty for a prefecture-level unit)."""

    code: str
    province: str
    prefecture: str
    county: str

    @property
    def place(self) -> str:
        """The most specific name: the county, else the prefecture."""
        return self.county or self.prefecture


@dataclass
class BudgetRow:
    """One row of the budget table: a category's amounts in yuan and the rate printed beside them."""

    category: str  # total | basic | personnel | public | project | three_public | overseas | vehicle | reception
    label: str
    initial: Decimal
    full_year: Decimal
    executed: Decimal
    rate_printed: str = ""  # e.g. "97.63%"; empty where the table prints none


@dataclass
class IndicatorRow:
    """A performance indicator as printed: level names, target and actual text, weight and score."""

    level1: str
    level2: str
    level3: str
    target: str
    actual: str
    weight: Decimal
    score: Decimal
    met: bool
    note: str = ""


@dataclass
class ProjectRow:
    """A project's figures as printed."""

    name: str
    initial: Decimal
    full_year: Decimal
    executed: Decimal
    rate_printed: str
    score: Decimal | None


@dataclass
class Carryover:
    """Opening + income - expenditure = closing, as printed."""

    opening: Decimal
    income: Decimal
    expenditure: Decimal
    closing: Decimal


@dataclass
class Fault:
    """An inconsistency put into the report on purpose: its family, what was changed and where."""

    family: str
    kind: str
    where: str
    stated: str
    expected: str


@dataclass
class Benign:
    """A figure that only looks wrong: rounding within the precision the report printed."""

    what: str
    printed: str
    exact: str


@dataclass
class Report:
    """One generated report: who, when, what it states, in which words, and what was made inconsistent."""

    report_id: str
    kind: str  # department | project | fund
    unit_kind: str
    unit: str
    self_name: str
    region: Region
    fiscal_year: int
    title_year: int
    filing_date: str  # ISO date as printed in the report, or "" when the report prints none
    money_unit: str  # 万元 | 元: the unit every amount is printed in
    budget: list[BudgetRow] = field(default_factory=list)
    carryover: Carryover | None = None
    indicators: list[IndicatorRow] = field(default_factory=list)
    projects: list[ProjectRow] = field(default_factory=list)
    project_name: str = ""  # the project (project report) or fund (fund report) the report is about
    execution_weight: Decimal | None = None  # project tables score execution in the funding row
    execution_score: Decimal | None = None
    score: Decimal | None = None
    grade: str = ""
    wording: dict[str, str] = field(default_factory=dict)  # field -> the phrasing template chosen
    faults: list[Fault] = field(default_factory=list)
    benign: list[Benign] = field(default_factory=list)
    body_year_override: int | None = None  # wrong_year (body): one sentence names this year
    said: dict[str, Decimal] = field(default_factory=dict)  # a sentence's figure where it differs from the table
    slip: tuple[str, str] | None = None  # (category, phase) printed in 元 inside a 万元 table
    rounded_text: bool = False  # benign: the carry-over sentence prints the expenditure to one decimal

    def row(self, category: str) -> BudgetRow | None:
        """The budget row of a category, if the report has one."""
        return next((r for r in self.budget if r.category == category), None)
