"""Budget lines: category x phase amounts from tables and sentences, with the rates tables state beside them.

Categories: total, grand_total (总计: spending plus closing carry-over), basic, personnel, public, project,
operating, three_public, overseas, vehicle, vehicle_purchase, vehicle_operation, reception, procurement,
income, income_general_public, income_fiscal, income_gov_fund, income_nontax, income_other,
opening_carryover, closing_carryover, carryover_total.
Phases: initial (年初), adjusted (全年/调整后), executed (决算/执行/实际), previous (the year before), budget
(a budget figure that names neither).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.document import Cell, Document, Locator, Table
from transforms.extract.categories import category_of, is_income, phase_of
from transforms.extract.indicators import project_name_of
from transforms.extract.own_funds import own_fund_lines
from transforms.extract.sentences import sentence_budget_lines
from transforms.extract.tablegrid import PROJECT_NAME_HEADER, money_unit_near, number_cell, repaired_rows, text_of
from transforms.facts import BudgetLine, Claim, Evidence
from transforms.normalize.numbers import parse_amount, parse_rate, scale_amount, to_decimal
from transforms.readers.columns import label_role
from transforms.vocabulary import alternation, terms

_RATE_HEADER = re.compile(alternation(terms("budget", "rate_headers")))
_INDEX_FORMULA = re.compile(r"^\d+=\d+/\d+$")
_HEADER_WORDS = re.compile(alternation(terms("budget", "header_words") + terms("budget", "rate_headers")))
_INDICATOR_ROLES = {"level1", "indicator", "target"}  # a header naming these heads an indicator table
_ROW_NO = re.compile(r"^\d{1,3}$")
_TOTAL_ROWS = terms("budget", "total_rows")
_SPENDING_PARTS = {"basic", "project", "personnel", "public"}
_KV = re.compile(r"^(?P<label>.+?)[:：](?P<num>[-+]?\d[\d,]*(?:\.\d+)?)(?P<unit>亿元|万元|元)?$")


@dataclass
class _Columns:
    phases: dict[int, str]
    rates: set[int]


def _header_columns(header: list[str], above: list[str] | None, fiscal_year: int | None) -> _Columns:
    filled: list[str] = []
    if above:
        last = ""
        for i in range(len(header)):
            cur = above[i] if i < len(above) else ""
            last = cur or last
            filled.append(last)
    phases: dict[int, str] = {}
    rates: set[int] = set()
    for i, h in enumerate(header):
        text = (filled[i] if filled else "") + h
        if _RATE_HEADER.search(h):
            rates.add(i)
            continue
        p = phase_of(text, fiscal_year)
        if p is not None:
            phases[i] = p
    return _Columns(phases, rates)


def _is_header(texts: list[str]) -> bool:
    hits = sum(1 for t in texts if t and _HEADER_WORDS.search(t) and number_cell(t) is None and parse_amount(t) is None)
    amounts = sum(1 for t in texts if t and (number_cell(t) is not None or parse_amount(t) is not None))
    # a table of one figure per row (项目 | 决算数) names its label column and a single phase
    named = bool(texts) and (label_role(texts[0]) or ("", ""))[0] == "name"
    return (hits >= 2 or (hits == 1 and named)) and amounts == 0


def _loc(cell: Cell | None, table: Table) -> Locator:
    return cell.locator if cell is not None else table.locator


@dataclass
class TableBudget:
    """What one table states: amounts and rates."""

    lines: list[BudgetLine]
    claims: list[Claim]


def extract_table_budget(
    doc: Document, table: Table, fiscal_year: int | None = None, report_kind: str = "department"
) -> TableBudget:
    """Amounts per (category, phase) from one table, following its header rows, plus its rate cells."""
    unit = money_unit_near(doc, table) or "万元"
    rows = repaired_rows(table)
    texts_rows = [[text_of(c) for c in r] for r in rows]
    total_cat = _total_row_category(texts_rows, report_kind)
    cols: _Columns | None = None
    prev_header: list[str] | None = None
    lines: list[BudgetLine] = []
    claims: list[Claim] = []
    for row, texts in zip(rows, texts_rows, strict=True):
        if any((label_role(t) or ("", ""))[0] in _INDICATOR_ROLES for t in texts if t):
            cols, prev_header = None, None
            continue
        formula_cols = {i for i, t in enumerate(texts) if _INDEX_FORMULA.match(t)}
        if formula_cols and cols is not None:
            for i in formula_cols:
                cols.phases.pop(i, None)
                cols.rates.add(i)
            continue
        if _is_header(texts):
            cols = _header_columns(texts, prev_header, fiscal_year)
            prev_header = texts
            continue
        prev_header = None
        lines.extend(_key_value_lines(row, texts, table, unit))
        if cols is None:
            continue
        label, first_value = _row_label(texts)
        cat = category_of(label) if label else None
        if label in _TOTAL_ROWS and (cat is None or cat == "grand_total"):
            cat = total_cat or cat
        if cat is None:
            continue
        row_lines: dict[str, BudgetLine] = {}
        for ci, phase in cols.phases.items():
            if ci < first_value or ci >= len(row):
                continue
            amt = parse_amount(row[ci].text, default_unit=unit)
            if amt is None:
                continue
            bl = BudgetLine(cat, phase, amt.yuan, amt.unit, Evidence(_loc(row[ci], table), row[ci].text.strip()))
            lines.append(bl)
            row_lines.setdefault(phase, bl)
        for ci in cols.rates:
            if ci >= len(row) or ci < first_value:
                continue
            rate = parse_rate(row[ci].text, rate_column=True)
            if rate is None:
                continue
            kind = (
                "control_rate" if total_cat == "three_public" or "控制" in "".join(texts_rows[0]) else "execution_rate"
            )
            num = row_lines.get("executed")
            den = row_lines.get("adjusted") or row_lines.get("budget") or row_lines.get("initial")
            raw = " | ".join(t for t in texts if t)
            claims.append(
                Claim(
                    kind,
                    rate.value,
                    rate.decimals,
                    Evidence(_loc(row[ci], table), raw),
                    numerator_yuan=num.amount_yuan if num else None,
                    denominator_yuan=den.amount_yuan if den else None,
                    subject=cat,
                    percent=rate.percent,
                )
            )
    claims.extend(_staff_control_claims(rows, texts_rows, table))
    return TableBudget(_dedupe(lines), claims)


def _total_row_category(texts_rows: list[list[str]], report_kind: str) -> str | None:
    """What a 合计/小计/总计 row adds up, from the other rows of its table.

    Under the three 三公 parts alone it is the 三公 total; above or below the department's spending lines
    (基本支出, 项目支出) it is the total, unless another row already names it; under a list of projects it is
    the total of a project or fund report, whose projects are all its money, but only part of a department's,
    so there it names nothing.
    """
    cats = {category_of(t) for r in texts_rows for t in r[:2] if t not in _TOTAL_ROWS}
    if cats & _SPENDING_PARTS:
        # beside a row that names the total (本年支出合计), 总计 adds the carry-over to it: not the total
        return None if "total" in cats else "total"
    if cats & {"overseas", "vehicle", "reception"}:
        return "three_public"
    if any(PROJECT_NAME_HEADER.match(t) for r in texts_rows[:3] for t in r) and report_kind in ("project", "fund"):
        return "total"
    return None


def _row_label(texts: list[str]) -> tuple[str, int]:
    """The row's label (last text cell before the first value) and the index of that first value."""
    label = ""
    for i, t in enumerate(texts):
        if not t:
            continue
        if i == 0 and _ROW_NO.match(t) and len(texts) > 1 and texts[1] and number_cell(texts[1]) is None:
            continue  # a 行次/序号 cell numbers the row; it is not the row's first value
        if number_cell(t) is not None or parse_amount(t) is not None or t in ("—", "-"):
            return label, i
        label = t
    return label, len(texts)


def _key_value_lines(row: list[Cell], texts: list[str], table: Table, unit: str) -> list[BudgetLine]:
    """Cells that carry their own label: ``其中：一般公共预算：192.22``."""
    out: list[BudgetLine] = []
    for cell, t in zip(row, texts, strict=True):
        m = _KV.match(t)
        if not m:
            continue
        cat = category_of(m.group("label"))
        n = to_decimal(m.group("num"))
        if cat is None or n is None:
            continue
        u = m.group("unit") or unit
        phase = "budget" if is_income(cat) else "executed"
        out.append(BudgetLine(cat, phase, scale_amount(n, u), u, Evidence(_loc(cell, table), cell.text.strip())))
    return out


def _staff_control_claims(rows: list[list[Cell]], texts_rows: list[list[str]], table: Table) -> list[Claim]:
    """在职人员控制率: a rate over head counts (实际在职人数 / 编制数)."""
    out: list[Claim] = []
    for ri, texts in enumerate(texts_rows[:-1]):
        quota = next((i for i, t in enumerate(texts) if t == "编制数" or t.endswith("编制数")), None)
        actual = next((i for i, t in enumerate(texts) if "在职" in t or "实有" in t), None)
        rate_col = next((i for i, t in enumerate(texts) if "控制率" in t), None)
        if quota is None or actual is None or rate_col is None:
            continue
        vals = texts_rows[ri + 1]
        cells = rows[ri + 1]
        if rate_col >= len(vals):
            continue
        rate = parse_rate(vals[rate_col], rate_column=True)
        if rate is None:
            continue
        num = number_cell(vals[actual]) if actual < len(vals) else None
        den = number_cell(vals[quota]) if quota < len(vals) else None
        out.append(
            Claim(
                "control_rate",
                rate.value,
                rate.decimals,
                Evidence(_loc(cells[rate_col], table), " | ".join(t for t in texts + vals if t)),
                subject="staff",
                percent=rate.percent,
                numerator_count=num,
                denominator_count=den,
            )
        )
    return out


def _dedupe(lines: list[BudgetLine]) -> list[BudgetLine]:
    """One line per (category, phase, amount, subject) per table or sentence: the same figure restated in
    another cell of the same table is not a second figure."""
    seen: set[tuple[object, ...]] = set()
    out: list[BudgetLine] = []
    for bl in lines:
        key = (
            bl.category,
            bl.phase,
            bl.amount_yuan,
            bl.subject,
            bl.source,
            bl.evidence.locator.table,
            bl.evidence.locator.line_start if bl.source == "sentence" else None,
        )
        if key in seen:
            continue
        seen.add(key)
        out.append(bl)
    return out


def extract_budget(
    doc: Document, fiscal_year: int | None = None, report_kind: str = "department", subject: str | None = None
) -> tuple[list[BudgetLine], list[Claim]]:
    """Department budget lines from every table and sentence, and the rates the tables state."""
    lines: list[BudgetLine] = []
    claims: list[Claim] = []
    for block in doc.blocks:
        # a per-project table's money belongs to the project (see projects.py), not the department
        if block.table is None or project_name_of(block.table) is not None:
            continue
        tb = extract_table_budget(doc, block.table, fiscal_year, report_kind)
        lines.extend(tb.lines)
        claims.extend(tb.claims)
    lines.extend(sentence_budget_lines(doc, fiscal_year, subject if report_kind == "project" else None))
    if report_kind != "department":
        have = {bl.phase for bl in lines if bl.category == "total" and bl.subject is None}
        lines.extend(own_fund_lines(doc, fiscal_year, have, subject))
    return lines, claims
