"""The report's total self-evaluation score and its printed grade, and the band a grade word or a score names.

Phrases, grade words and bands are in vocabulary/scores.yaml. The printed grade is kept as printed (优, 良好);
its band, and the band a score falls in, come from ``ref_grade_words`` (warehouse/reference.py, from ``grade_bands``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from transforms.document import Block, Locator
from transforms.normalize.numbers import to_decimal
from transforms.normalize.text import fold_chars
from transforms.vocabulary import alternation, entries, terms

_NUM = r"(\d+(?:\.\d+)?)"
_SPACED = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])")
_QUOTES_OPEN, _QUOTES_CLOSE = "“\"「『‘'", "”\"」』’'"


@dataclass(frozen=True)
class Found:
    value: str  # the score as printed, or the grade word
    locator: Locator
    raw: str


@dataclass(frozen=True)
class _Patterns:
    score: re.Pattern[str]
    weak_score: re.Pattern[str]
    grade: re.Pattern[str]
    part: re.Pattern[str]
    project: re.Pattern[str]
    department: re.Pattern[str]
    total_row: re.Pattern[str]


def _score_pattern(phrases: str, leads: str | None) -> re.Pattern[str]:
    # 自评得分为96.5分 | 自评总分：92分 | 自评总分（分）96 | 经综合评价，得分为92分
    lead = rf"|(?:{leads})[^。；]{{0,40}}?得分" if leads else ""
    return re.compile(
        rf"(?:(?:{phrases}){lead})"
        rf"\s*(?:(?:为|是|达到|[:：])?\s*{_NUM}\s*分|[（(]分[)）]\s*[:：]?\s*{_NUM}"
        rf"|[:：]\s*{_NUM}(?![\d.%]))"
    )


@cache
def _patterns() -> _Patterns:
    strong = [e["term"] for e in entries("scores", "total_score") if not e.get("weak")]
    weak = [e["term"] for e in entries("scores", "total_score") if e.get("weak")]
    words = alternation(terms("scores", "grades"))
    tails = alternation(terms("scores", "grade_tails"))
    return _Patterns(
        score=_score_pattern(alternation(strong), None),
        weak_score=_score_pattern(alternation(weak), alternation(terms("scores", "score_leads"))),
        # 评价等级为“优” | 自评等级：良好 | 评价结果为“优”等次; not the legend 优秀（90（含）-100分）
        grade=re.compile(
            rf"(?:{alternation(terms('scores', 'grade_phrases'))})\s*(?:为|是|[:：])?\s*[{_QUOTES_OPEN}]?"
            rf"({words})[{_QUOTES_CLOSE}]?(?=(?:{tails})|[^\u4e00-\u9fff（(]|[（(](?!\d)|$)"
        ),
        part=re.compile(alternation(terms("scores", "part_context"))),
        project=re.compile(alternation(terms("scores", "project_context"))),
        department=re.compile(alternation(terms("report_titles", "department"))),
        total_row=re.compile(rf"^(?:{alternation(terms('scores', 'total_rows'))})$"),
    )


@cache
def _bands() -> dict[str, tuple[str, Decimal]]:
    return {str(e["term"]): (str(e["band"]), Decimal(str(e["min"]))) for e in entries("scores", "grades")}


def grade_bands() -> list[tuple[str, str, Decimal]]:
    """(printed word, band, lowest score of the band) for every grade word: the warehouse's reference table."""
    return [(w, b, low) for w, (b, low) in _bands().items()]


def score_in_text(text: str, kind: str = "department") -> Decimal | None:
    """The total score a sentence states, unless it states a part's (or, in a department's report, a project's)."""
    m = _score_match(fold_chars(text), kind)
    return to_decimal(m.group(1) or m.group(2) or m.group(3)) if m else None


def _close_spaces(text: str) -> str:
    """Spaces between Chinese characters removed: a grade printed spaced out (优 秀) is one word."""
    return _SPACED.sub("", fold_chars(text))


def grade_in_text(text: str) -> str | None:
    """The grade word a sentence prints (评定为“优” -> 优)."""
    m = _patterns().grade.search(_close_spaces(text))
    return m.group(1) if m else None


def _score_match(text: str, kind: str) -> re.Match[str] | None:
    """The first phrase stating the total; a weak phrase (综合得分) only when no other phrase is in ``text``."""
    p = _patterns()
    found = _first_total(p.score, text, kind)
    return found or _first_total(p.weak_score, text, kind)


def _first_total(pattern: re.Pattern[str], text: str, kind: str) -> re.Match[str] | None:
    p = _patterns()
    for m in pattern.finditer(text):
        start = max(text.rfind("。", 0, m.start()), text.rfind("\n", 0, m.start()), 0)
        sentence = text[start : m.end()]
        if p.part.search(sentence):
            continue
        if kind == "department" and p.project.search(sentence) and not p.department.search(sentence):
            continue
        return m
    return None


def find_score(blocks: list[Block], kind: str) -> Found | None:
    """The total score: the first sentence stating it (a strong phrase anywhere before a weak one), else the 总分
    row of a scoring table."""
    prose = [b for b in blocks if b.kind != "table"]
    for weak in (False, True):
        for b in prose:
            text = fold_chars(b.text)
            m = _first_total(_patterns().weak_score if weak else _patterns().score, text, kind)
            if m:
                return Found(m.group(1) or m.group(2) or m.group(3), b.locator, m.group(0))
    return _table_total(blocks)


def score_in_row(cells: list[str]) -> str | None:
    """The score a scoring table's total row prints (its last number): 总分 | 100 | 96.5 -> 96.5."""
    first = next((c for c in cells if c.strip()), "")
    if not _patterns().total_row.match(re.sub(r"\s+", "", first)):
        return None
    nums = [c.strip() for c in cells if to_decimal(c) is not None]
    # a 总分 out of less than 100 totals a part (the indicators beside a scored 预算执行率 row): not the report's
    if len(nums) >= 2 and to_decimal(nums[-2]) != 100:
        return None
    return nums[-1] if nums else None


def _table_total(blocks: list[Block]) -> Found | None:
    for b in blocks:
        if b.table is None:
            continue
        for row in b.table.grid():
            if value := score_in_row(row):
                return Found(value, b.locator, " | ".join(c for c in row if c))
    return None


def find_grade(blocks: list[Block], kind: str = "department", near: Locator | None = None) -> Found | None:
    """The printed grade: in the block that states the score when it prints one there, else the first printed.

    In a department's report a table about a project (an attached project's self-evaluation) grades the project.
    """
    p = _patterns()
    hits = [
        (b, m)
        for b in blocks
        for m in [p.grade.search(_close_spaces(b.text))]
        if m and not (kind == "department" and b.kind == "table" and p.project.search(b.text))
    ]
    hits.sort(key=lambda h: h[0].locator != near)
    if not hits:
        return None
    b, m = hits[0]
    return Found(m.group(1), b.locator, m.group(0))
