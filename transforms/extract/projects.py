"""Projects: rows of a project summary table, each per-project self-evaluation table, and project sentences.

The same project is often stated two or three times (the department's summary table, the project's own table,
the text) and the statements disagree in places; every statement is kept with its origin so that the
consistency rules can compare them.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from functools import lru_cache

from transforms.document import Block, Cell, Document, Table
from transforms.extract.categories import column_phase, names_change_or_rate
from transforms.extract.indicators import project_name_of
from transforms.extract.report_score import score_in_text
from transforms.extract.sentences import mentions, sentences
from transforms.extract.tablegrid import (
    FUNDS_TOTAL,
    PROJECT_NAME_HEADER,
    money_unit_near,
    number_cell,
    repaired_rows,
    text_of,
)
from transforms.facts import Evidence, Project
from transforms.normalize.numbers import parse_amount, parse_rate, scale_amount, to_decimal
from transforms.normalize.text import fold_chars
from transforms.readers.columns import label_role
from transforms.vocabulary import alternation, terms

_SUMMARY_ROW_SKIP = re.compile(alternation(terms("budget", "summary_rows")))
_TOTAL_ROW = re.compile(alternation(terms("budget", "total_rows")))
_PHASE_FIELDS = {"initial": "initial", "change": "adjustment", "adjusted": "full_year", "executed": "executed"}
_ROLE_FIELDS = {"rate": "rate", "score": "score"}
_UNIT_LABEL = re.compile(rf"^(?:{alternation(terms('organisations', 'labels'))})$")
_SENTENCE = re.compile(
    r"年初预算(?:金额|数)?\s*(?P<initial>[\d,.]+)\s*(?P<u1>万元|元).{0,6}?调整后预算(?:金额|数)?\s*(?P<full>[\d,.]+)\s*"
    r"(?P<u2>万元|元).{0,6}?[\u4e00-\u9fff]{0,4}支出\s*(?P<exec>[\d,.]+)\s*(?P<u3>万元|元)"
)
_SENTENCE_RATE = re.compile(r"执行率(?:为|达)?\s*(\d+(?:\.\d+)?)\s*%")
_SECTION_END = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|附件)")
_HEADING_NAME = re.compile(r"^\s*[（(][一二三四五六七八九十]+[)）]\s*(.{2,30}?)\s*$")


@lru_cache(maxsize=1 << 14)
def _field_of(header: str) -> str | None:
    """Which project field a column header names: a phase of its funds, its rate or score, or its unit."""
    if not header:
        return None
    h = re.sub(r"\s+", "", header)
    role = label_role(h)
    # a rate or a score column, also under a longer label that ends with one (项目资金绩效自评得分)
    tail = next((r for k in range(len(h)) if (r := label_role(h[k:])) and r[0] in _ROLE_FIELDS), None)
    if tail:
        return _ROLE_FIELDS[tail[0]]
    phase = column_phase(h)
    if phase != "change" and ((role and role[1] != "amount") or names_change_or_rate(h)):
        return None  # 实际完成值 is an indicator's actual value, 拨付率 a rate
    if phase in _PHASE_FIELDS:
        return _PHASE_FIELDS[phase]
    return "unit_name" if _UNIT_LABEL.match(h) else None


def _summary_projects(doc: Document, table: Table) -> list[Project]:
    rows = repaired_rows(table)
    texts_rows = [[text_of(c) for c in r] for r in rows]
    head = next((i for i, r in enumerate(texts_rows) if any(PROJECT_NAME_HEADER.match(t) for t in r)), None)
    if head is None:
        return []
    name_col = next(i for i, t in enumerate(texts_rows[head]) if PROJECT_NAME_HEADER.match(t))
    unit = money_unit_near(doc, table) or "万元"
    fields: dict[int, str] = {}
    body = head + 1
    top = texts_rows[head]
    sub = texts_rows[head + 1] if head + 1 < len(texts_rows) else []
    sub_is_header = bool(sub) and not any(number_cell(t) is not None for t in sub) and any(sub)
    last_top = ""
    for c in range(max(len(top), len(sub))):
        t = top[c] if c < len(top) else ""
        last_top = t or last_top
        s = sub[c] if sub_is_header and c < len(sub) else ""
        f = _field_of(s) or _field_of(t or (last_top if s else ""))
        if f:
            fields[c] = f
    if sub_is_header:
        body += 1
    out: list[Project] = []
    for row, texts in zip(rows[body:], texts_rows[body:], strict=True):
        name = texts[name_col] if name_col < len(texts) else ""
        label = " ".join(t for t in texts[: name_col + 1] if t)
        total = bool(_SUMMARY_ROW_SKIP.search(label))
        if total:  # the 合计 row is kept, marked, for sums_project_rows_total; 平均 and 比例 rows are not
            name = next((t for t in texts[: name_col + 1] if _TOTAL_ROW.search(t)), "")
        if not name or number_cell(name) is not None:
            continue
        values: dict[str, Decimal | str | None] = {}
        for c, f in fields.items():
            if c >= len(texts) or not texts[c]:
                continue
            if f in ("initial", "adjustment", "full_year", "executed"):
                amt = parse_amount(texts[c], default_unit=unit)
                values[f] = amt.yuan if amt else None
            elif f == "rate":
                r = parse_rate(texts[c], rate_column=True)
                values[f] = r.value if r else None
            elif f == "score":
                values[f] = number_cell(texts[c])
            else:
                values[f] = texts[c]
        project = _project(name, row[name_col], " | ".join(t for t in texts if t), values, unit, "summary_table")
        out.append(replace(project, is_total=True) if total else project)
    return out


def _project(
    name: str,
    cell: Cell,
    raw: str,
    values: dict[str, Decimal | str | None],
    unit: str,
    origin: str,
    supervisor: str | None = None,
    funding: str | None = None,
) -> Project:
    def dec(key: str) -> Decimal | None:
        v = values.get(key)
        return v if isinstance(v, Decimal) else None

    unit_name = values.get("unit_name")
    return Project(
        name=name,
        evidence=Evidence(cell.locator, raw),
        initial_yuan=dec("initial"),
        adjustment_yuan=dec("adjustment"),
        full_year_yuan=dec("full_year"),
        executed_yuan=dec("executed"),
        stated_rate=dec("rate"),
        score=dec("score"),
        unit=unit,
        funding=funding,
        origin=origin,
        unit_name=unit_name if isinstance(unit_name, str) else None,
        supervisor=supervisor,
    )


def _labelled(texts_rows: list[list[str]], label: str) -> str | None:
    for texts in texts_rows[:4]:
        for i, t in enumerate(texts):
            if t == label:
                return next((x for x in texts[i + 1 :] if x), None)
    return None


def _project_table(doc: Document, table: Table, subject: str | None = None) -> Project | None:
    name = project_name_of(table) or subject
    if not name:
        return None
    rows = repaired_rows(table)
    texts_rows = [[text_of(c) for c in r] for r in rows]
    unit = money_unit_near(doc, table) or "万元"
    fields: dict[int, str] = {}
    values: dict[str, Decimal | str | None] = {}
    funding: list[str] = []
    name_cell = rows[0][0]
    raw = ""
    for row, texts in zip(rows, texts_rows, strict=True):
        if sum(1 for t in texts if _field_of(t) in ("initial", "full_year", "executed")) >= 2:
            fields = {c: f for c, t in enumerate(texts) if (f := _field_of(t)) and f != "unit_name"}
            continue
        if not fields:
            continue
        label = next((t for t in texts if t and number_cell(t) is None), "")
        if FUNDS_TOTAL.search(label) and not values:
            raw = " | ".join(t for t in texts if t)
            name_cell = row[0]
            for c, f in fields.items():
                if c >= len(texts) or not texts[c]:
                    continue
                if f == "rate":
                    r = parse_rate(texts[c], rate_column=True)
                    values[f] = r.value if r else None
                elif f in ("initial", "full_year", "executed"):
                    amt = parse_amount(texts[c], default_unit=unit)
                    values[f] = amt.yuan if amt else None
        elif (
            values
            and label
            and any(
                parse_amount(texts[c], default_unit=unit)
                for c in fields
                if c < len(texts) and fields[c] in ("initial", "full_year", "executed") and texts[c]
            )
        ):
            funding.append(re.sub(r"^其中[:：]", "", label))
        if any(t == "总分" for t in texts):
            nums = [n for t in texts if (n := number_cell(t)) is not None]
            if nums:
                values["score"] = nums[-1]
    if not values:
        return None
    values["unit_name"] = _labelled(texts_rows, "实施单位") or _labelled(texts_rows, "项目实施单位")
    return _project(
        name,
        name_cell,
        raw,
        values,
        unit,
        "project_table",
        supervisor=_labelled(texts_rows, "主管部门"),
        funding="、".join(funding) or None,
    )


def _sentence_projects(doc: Document) -> list[Project]:
    """``（一）城乡医疗救助 … 该项目年初预算金额 466 万元，调整后预算 919.085 万元，年度本级支出 919.085 万元``.

    A project section runs from its ``（一）name`` line to the next heading; its score may sit in a later paragraph.
    """
    out: list[Project] = []
    sections: list[tuple[str, list[Block]]] = []
    for b in doc.blocks:
        if b.table is not None:
            continue
        text = fold_chars(b.text)
        m = _HEADING_NAME.match(text) if len(text) <= 34 else None
        if m:
            sections.append((m.group(1), []))
        elif b.kind == "heading" or _SECTION_END.match(text):
            sections.append(("", []))
        elif sections and sections[-1][0]:
            sections[-1][1].append(b)
    for name, blocks in sections:
        found = next(((b, sm) for b in blocks if (sm := _SENTENCE.search(fold_chars(b.text)))), None)
        if found is None:
            continue
        score = next((v for b in blocks if (v := score_in_text(fold_chars(b.text), "project")) is not None), None)
        out.append(_sentence_project(name, found[0], found[1], score))
    return out


def _sentence_project(name: str, b: Block, sm: re.Match[str], score: Decimal | None) -> Project:
    def yuan(num: str, unit: str) -> Decimal | None:
        n = to_decimal(num.rstrip("."))
        return scale_amount(n, unit) if n is not None else None

    return Project(
        name=name,
        evidence=Evidence(b.locator, sm.group(0)),
        initial_yuan=yuan(sm["initial"], sm["u1"]),
        full_year_yuan=yuan(sm["full"], sm["u2"]),
        executed_yuan=yuan(sm["exec"], sm["u3"]),
        score=score,
        unit=sm["u1"],
        origin="sentence",
    )


def _named_sentence_projects(doc: Document) -> list[Project]:
    """``校舍维修改造年初预算443.23万元，全年预算507.79万元，全年执行498.07万元，执行率98.09%``: a sentence
    that opens with a project's name states that project's money, one row a sentence."""
    out: list[Project] = []
    for s in sentences(doc):
        ms = [m for m in mentions(s) if m.project is not None]
        if len(ms) < 2:
            continue
        by_phase: dict[str, Decimal] = {}
        for m in ms:
            by_phase.setdefault(m.phase or "", m.yuan)
        rate = _SENTENCE_RATE.search(s.text)
        percent = to_decimal(rate.group(1)) if rate else None
        out.append(
            Project(
                name=ms[0].project or "",
                evidence=Evidence(s.block.locator, s.text[:300]),
                initial_yuan=by_phase.get("initial"),
                full_year_yuan=by_phase.get("adjusted"),
                executed_yuan=by_phase.get("executed"),
                stated_rate=percent / 100 if percent is not None else None,
                unit=ms[0].unit,
                origin="sentence",
            )
        )
    return out


def extract_projects(doc: Document, subject: str | None = None) -> list[Project]:
    """Every project statement: summary-table rows, per-project tables and project sentences.

    ``subject`` is the project a project report is about: its funding table (年度资金总额 …) states that
    project's money even when the table does not repeat the name.
    """
    out: list[Project] = []
    for t in doc.tables():
        if project_name_of(t):
            p = _project_table(doc, t)
            if p is not None:
                out.append(p)
            continue
        funding = _project_table(doc, t, subject) if subject else None
        if funding is not None:
            out.append(funding)
        else:
            out.extend(_summary_projects(doc, t))
    out.extend(_sentence_projects(doc))
    out.extend(_named_sentence_projects(doc))
    return out
