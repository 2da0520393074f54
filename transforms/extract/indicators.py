"""Indicator rows (一级/二级/三级指标, target, actual, weight, score) from every self-evaluation table.

Rows are read by content, not by column position: converted tables shift cells left when merged cells are lost,
so each row is read from its end (the weight and score pair, then the deviation note) and its start (level
names known from the national indicator framework, or any name followed by its weight).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from transforms.document import Cell, Document, Table
from transforms.extract.catalogue import match_indicator
from transforms.extract.indicator_sentences import sentence_indicators
from transforms.extract.rate_kinds import names_execution_rate
from transforms.extract.tablegrid import FUNDS_TOTAL, number_cell, repaired_rows, text_of
from transforms.facts import Evidence, Indicator, ScoreLine
from transforms.normalize.levels import family_of, group_labels, is_standard_level1, level1_pattern, level2_pattern
from transforms.normalize.measures import parse_measure
from transforms.normalize.units import operator_alternation, suffix_operators
from transforms.readers.columns import label_role, vocabulary
from transforms.vocabulary import alternation

_WEIGHT_PAREN = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")
_LEVEL1 = level1_pattern()
_LEVEL2 = level2_pattern()
_OPS = re.compile(f"{operator_alternation()}|{alternation(w for w, _ in suffix_operators())}")
_ASCII_DIGIT = re.compile(r"[0-9]")
_LABEL_ONLY = group_labels()
_TOTALS = vocabulary().totals


@dataclass
class IndicatorTable:
    """Indicators and score lines read from one table."""

    indicators: list[Indicator] = field(default_factory=list)
    scores: list[ScoreLine] = field(default_factory=list)


def project_name_of(table: Table) -> str | None:
    """The project a per-project table is about: the cell after its 项目名称 label."""
    for row in table.rows[:2]:
        texts = [t for t in (text_of(c) for c in row) if t]
        if texts and texts[0].startswith("项目名称") and len(texts[0]) <= 6 and len(texts) >= 2:
            return texts[1]
    return None


def _clean_level(text: str) -> tuple[str, Decimal | None]:
    m = _WEIGHT_PAREN.search(text)
    weight = Decimal(m.group(1)) if m else None
    return _WEIGHT_PAREN.sub("", text).strip(), weight


def _names_indicator(header: str) -> bool:
    """True for the header of the indicator names' column (三级指标, 指标名称)."""
    role = label_role(header) if header else None
    return role is not None and role[0] == "indicator"


def _value_like(text: str) -> bool:
    if len(text) > 20:
        return False
    if _ASCII_DIGIT.search(text) or _OPS.search(text):
        return True
    return len(text) <= 8


class _State:
    def __init__(self) -> None:
        self.level1: str | None = None
        self.level2: str | None = None


def extract_table_indicators(table: Table, owner: str) -> IndicatorTable:
    """Indicator rows, level weights and the total row of one table."""
    out = IndicatorTable()
    rows = repaired_rows(table)
    texts_rows = [[text_of(c) for c in r] for r in rows]
    header_at = next((i for i, r in enumerate(texts_rows) if any(_names_indicator(t) for t in r)), None)
    _budget_row_indicator(rows, texts_rows, header_at, owner, out)
    if header_at is None:
        return out
    level1_col = next((i for i, t in enumerate(texts_rows[header_at]) if t.startswith("一级指")), 0)
    roles = _header_roles(_header_texts(texts_rows, header_at))
    state = _State()
    for row, texts in zip(rows[header_at + 1 :], texts_rows[header_at + 1 :], strict=True):
        by_name = roles is not None and not any(t in _TOTALS for t in texts)
        if not (by_name and _read_by_header(row, texts, roles or {}, owner, state, out)):
            _read_row(row, texts, level1_col, owner, state, out)
    return out


def _header_texts(texts_rows: list[list[str]], at: int) -> list[str]:
    """The header row's labels, a column it leaves empty taking the label above it (a cell merged down from a
    two-row header: 分值 over both rows beside 绩效指标 over 一级指标 二级指标 三级指标)."""
    above = texts_rows[at - 1] if at > 0 else []
    width = max(len(texts_rows[at]), len(above))
    row = texts_rows[at]
    return [(row[c] if c < len(row) else "") or (above[c] if c < len(above) else "") for c in range(width)]


def _header_roles(header: list[str]) -> dict[str, int] | None:
    """Column of each role the header names (level1, level2, indicator, target, actual, weight, score, note);
    None unless it names the indicator, its weight and its score, so the columns can be read by name."""
    roles: dict[str, int] = {}
    weights: list[int] = []
    for i, t in enumerate(header):
        found = label_role(t)
        if found is not None:
            roles.setdefault(found[0], i)
            if found[0] == "weight":
                weights.append(i)
    if not {"indicator", "weight", "score"} <= roles.keys():
        return None
    # a level-1 权重 column may come first; the indicator's own weight is the last one before its score
    roles["weight"] = max((w for w in weights if w < roles["score"]), default=weights[0])
    if weights[0] < roles["weight"]:
        roles["level1_weight"] = weights[0]
    return roles


def _read_by_header(
    row: list[Cell], texts: list[str], roles: dict[str, int], owner: str, state: _State, out: IndicatorTable
) -> bool:
    """One indicator row read by its header's column names; merged level cells carry down from the rows above.

    A row with a level name but no indicator (预算执行率 in the first column, weight and score beside it) is an
    indicator named by that level, and does not become the level of the rows below. False when the row's
    figures are not under the header's weight and score (a row whose cells the grid shifted): the caller then
    reads it by the shapes of its cells. A row with figures needs a weight or a score to be read by name, and only
    figures under their own columns when it lacks one (a ragged row, kept for extraction_ragged_indicator_row).
    """

    def at(role: str) -> str:
        c = roles.get(role)
        return texts[c] if c is not None and c < len(texts) else ""

    cells = [(i, t) for i, t in enumerate(texts) if t]
    if not cells:
        return True
    weight, score = number_cell(at("weight")), number_cell(at("score"))
    figures = [c for c, t in cells if number_cell(t) is not None and c != roles.get("level1_weight")]
    # figures only under their own columns: the row lacks a cell (ragged) rather than being shifted by the grid
    in_place = {roles.get("weight"), roles.get("score")}
    if (weight is None or score is None) and figures and (weight is score is None or not set(figures) <= in_place):
        return False
    evidence = Evidence(row[cells[0][0]].locator, " | ".join(t for _, t in cells))
    l1, w1 = _clean_level(at("level1"))
    l2, w2 = _clean_level(at("level2"))
    if w1 is None and l1:
        w1 = number_cell(at("level1_weight"))
    name = at("indicator")
    standalone = False
    if not name:
        if weight is None and score is None:
            if l1:
                state.level1, state.level2 = l1, l2 or None
                if w1 is not None:
                    out.scores.append(ScoreLine("level1", l1, evidence, weight=w1, owner=owner))
            elif l2:
                state.level2 = l2
            return True
        if l1 and not l2 and _LEVEL1.match(l1) is None:
            name, l1, standalone = l1, "", True  # 预算执行率 standing alone in the level-1 column
        else:
            return True
    if l1:
        state.level1, state.level2 = l1, None
        if w1 is not None:
            out.scores.append(ScoreLine("level1", l1, evidence, weight=w1, owner=owner))
    if l2:
        state.level2 = l2
        if w2 is not None:
            out.scores.append(ScoreLine("level2", l2, evidence, weight=w2, owner=owner))
    # 指标性质 | 指标值 | 度量单位: the target printed in three cells, the actual in one without its unit
    unit = at("measure_unit")
    target = at("operator") + at("target") + (unit if at("target") and not at("target").endswith(unit) else "")
    actual = at("actual") + (unit if at("actual") and _ASCII_DIGIT.search(at("actual")[-1:]) else "")
    level1, level2 = (None, None) if standalone else (state.level1, state.level2)
    out.indicators.append(
        Indicator(
            owner=owner,
            level1=level1,
            level2=level2,
            level3=name,
            evidence=evidence,
            target=parse_measure(target) if target else None,
            actual=parse_measure(actual) if actual else None,
            weight=weight,
            score=score,
            deviation_note=at("note") or None,
            canonical_code=match_indicator(name),
        )
    )
    return True


def _budget_row_indicator(
    rows: list[list[Cell]], texts_rows: list[list[str]], header_at: int | None, owner: str, out: IndicatorTable
) -> None:
    """The scored budget-execution row (年度资金总额 ... 分值 执行率 得分) above the indicator rows."""
    stop = header_at if header_at is not None else len(rows)
    for hi, texts in enumerate(texts_rows[:stop]):
        roles = [(found[0] if (found := label_role(t)) else None) for t in texts]
        cols = {role: next((i for i, r in enumerate(roles) if r == role), None) for role in ("weight", "score", "rate")}
        if any(v is None for v in cols.values()):
            continue
        for ri in range(hi + 1, min(hi + 3, stop)):
            values = texts_rows[ri]
            if not any(FUNDS_TOTAL.search(t) for t in values):
                continue
            w_col, s_col, r_col = cols["weight"], cols["score"], cols["rate"]
            assert w_col is not None and s_col is not None and r_col is not None
            weight = number_cell(values[w_col]) if w_col < len(values) else None
            score = number_cell(values[s_col]) if s_col < len(values) else None
            rate = values[r_col] if r_col < len(values) else ""
            if weight is None and score is None:
                continue
            cell = rows[ri][r_col] if r_col < len(rows[ri]) else rows[ri][0]
            out.indicators.append(
                Indicator(
                    owner=owner,
                    level1=None,
                    level2=None,
                    level3="预算执行率",
                    evidence=Evidence(cell.locator, " | ".join(t for t in values if t)),
                    actual=parse_measure(rate) if rate else None,
                    weight=weight,
                    score=score,
                    canonical_code=match_indicator("预算执行率"),
                )
            )
            return


def _read_row(
    row: list[Cell], texts: list[str], level1_col: int, owner: str, state: _State, out: IndicatorTable
) -> None:
    cells = [(i, t) for i, t in enumerate(texts) if t]
    if not cells:
        return
    raw = " | ".join(t for _, t in cells)
    evidence = Evidence(row[cells[0][0]].locator, raw)
    if any(t in _TOTALS for _, t in cells):
        nums = [n for _, t in cells if (n := number_cell(t)) is not None]
        head, weight = _clean_level(cells[0][1])
        if _LEVEL1.match(head) and len(cells) > 1 and number_cell(cells[1][1]) is not None:
            out.scores.append(ScoreLine("level1", head, evidence, weight=number_cell(cells[1][1]), owner=owner))
        if nums:
            out.scores.append(
                ScoreLine(
                    "total", "总分", evidence, weight=nums[-2] if len(nums) >= 2 else None, score=nums[-1], owner=owner
                )
            )
        return
    pair = None
    for k in range(len(cells) - 2, -1, -1):
        if number_cell(cells[k][1]) is not None and number_cell(cells[k + 1][1]) is not None:
            pair = k
            break
    prefix = cells if pair is None else cells[:pair]
    names: list[str] = []
    idx = 0
    while idx < len(prefix):
        col, t = prefix[idx]
        nxt = number_cell(prefix[idx + 1][1]) if idx + 1 < len(prefix) else None
        head, paren_weight = _clean_level(t)
        later_names = sum(1 for _, x in prefix[idx + 1 :] if number_cell(x) is None)
        if head in _LABEL_ONLY or number_cell(t) is not None:
            idx += 1
            continue
        is_l2 = bool(_LEVEL2.match(head)) and paren_weight is None and not (_LEVEL1.match(head) and nxt is not None)
        if not is_l2 and (_LEVEL1.match(head) or (col == level1_col and later_names >= 2)):
            state.level1, state.level2 = head, None
            weight = paren_weight if paren_weight is not None else nxt
            if weight is not None:
                out.scores.append(ScoreLine("level1", head, evidence, weight=weight, owner=owner))
        elif is_l2 or (nxt is not None and later_names >= 1):
            state.level2 = head
            if state.level1 is None or not is_standard_level1(state.level1):
                fam = family_of(head) if is_l2 else None
                if fam:
                    state.level1 = fam
            if nxt is not None:
                out.scores.append(ScoreLine("level2", head, evidence, weight=nxt, owner=owner))
        else:
            names.append(t)
        idx += 1
    if pair is None or not names:
        return
    weight = number_cell(cells[pair][1])
    score = number_cell(cells[pair + 1][1])
    deviation = " ".join(t for _, t in cells[pair + 2 :]) or None
    target = actual = None
    if len(names) >= 3 and _value_like(names[-2]):
        target, actual, rest = names[-2], names[-1], names[:-2]
    elif len(names) >= 2 and _value_like(names[-1]):
        actual, rest = names[-1], names[:-1]
    else:
        rest = names
    if len(rest) >= 2:
        state.level2 = rest[-2]
    level3 = rest[-1]
    out.indicators.append(
        Indicator(
            owner=owner,
            level1=state.level1,
            level2=state.level2,
            level3=level3,
            evidence=evidence,
            target=parse_measure(target) if target else None,
            actual=parse_measure(actual) if actual else None,
            weight=weight,
            score=score,
            deviation_note=deviation,
            canonical_code=match_indicator(level3),
        )
    )


def _resolve_owner(name: str, known: list[str]) -> str:
    """``浮梁县城乡医疗救助`` is the project ``城乡医疗救助``: prefer the shortest known name it contains."""
    inside = [k for k in known if k != name and k in name]
    return min(inside, key=len) if inside else name


def extract_indicators(doc: Document) -> tuple[list[Indicator], list[ScoreLine]]:
    """Every indicator row and table score line in the document, owned by the department or a project."""
    tables = doc.tables()
    names = [n for t in tables if (n := project_name_of(t))]
    indicators: list[Indicator] = []
    scores: list[ScoreLine] = []
    for t in tables:
        name = project_name_of(t)
        owner = _resolve_owner(name, names) if name else "department"
        it = extract_table_indicators(t, owner)
        indicators.extend(it.indicators)
        scores.extend(it.scores)
    if not indicators:  # a narrative report states its indicators one to a sentence
        indicators = sentence_indicators(doc)
    return _execution_rows_apart(indicators, scores)


def _execution_rows_apart(
    indicators: list[Indicator], scores: list[ScoreLine]
) -> tuple[list[Indicator], list[ScoreLine]]:
    """The scored 预算执行率 row of a funding block or a table's head is a score line (level ``execution``), not an
    indicator: it has no level of the framework and measures the money, not the work."""
    kept: list[Indicator] = []
    for i in indicators:
        if i.level1 is None and i.level2 is None and names_execution_rate(i.level3):
            scores.append(ScoreLine("execution", i.level3, i.evidence, weight=i.weight, score=i.score, owner=i.owner))
        else:
            kept.append(i)
    return kept, scores
