"""Column labels and value kinds (vocabulary/table_columns.yaml): what a header says and which cell fits which column.

The text readers that rebuild a table whose separators were lost use this to count the columns from the header
and to place each cell in the column its value fits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from transforms.normalize.levels import level1_names, level2_names
from transforms.normalize.text import fold_chars
from transforms.normalize.units import operator_alternation
from transforms.vocabulary import entries, terms

_SUFFIX = r"(?:[（(][^（()）]{1,10}[)）])?"
_NUMBER = re.compile(r"^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^[-+]?\d+(?:\.\d+)?$")
_SCORE = re.compile(r"^\d+(?:\.\d+)?分?$")
_PERCENT = re.compile(r"^[-+]?\d+(?:\.\d+)?\s*%$")
_DASH = re.compile(r"^[-—–/／―]+$|^无$")
_SEQ = re.compile(r"^\d{1,3}$|^[（(]?[一二三四五六七八九十]{1,3}[)）、]?$")
_OPS = re.compile(rf"^(?:{operator_alternation()})")
_HAS_DIGIT = re.compile(r"\d")
_WEIGHT_SUFFIX = re.compile(r"[（(]\d+(?:\.\d+)?分[)）]")  # 产出指标（60分）
_NAME_VALUE = re.compile(rf"^(.*[\u4e00-\u9fff）)])((?:{operator_alternation()})\S*|\d+(?:\.\d+)?[^\d\s]{{0,6}})$")


@dataclass(frozen=True)
class Vocabulary:
    """The compiled vocabulary: one pattern per column kind, and the level names, totals and qualitative words."""

    roles: tuple[tuple[str, str, re.Pattern[str]], ...]  # (role, kind, anchored label pattern), in file order
    level1: frozenset[str]
    level2: frozenset[str]
    totals: frozenset[str]
    heads: tuple[str, ...]  # level and total names a fused run may start with, longest first
    qualitative: tuple[str, ...]  # qualitative values a fused run may end with, longest first


@cache
def vocabulary() -> Vocabulary:
    """The compiled table vocabulary (vocabulary/table_columns.yaml, indicators.yaml, budget.yaml, scores.yaml)."""
    roles = tuple(
        (str(e["term"]), str(e["kind"]), re.compile(rf"^(?:{'|'.join(e['labels'])}){_SUFFIX}$"))
        for e in entries("table_columns", "columns")
    )
    level1, level2 = level1_names(tables=True), level2_names()
    totals = frozenset(terms("budget", "total_rows") + terms("scores", "total_rows"))
    heads = tuple(sorted(level1 | level2 | totals, key=len, reverse=True))
    qualitative = tuple(sorted(terms("table_columns", "qualitative"), key=len, reverse=True))
    return Vocabulary(roles, level1, level2, totals, heads, qualitative)


@lru_cache(maxsize=1 << 16)  # the same header cells recur in every report of a layout
def label_role(text: str) -> tuple[str, str] | None:
    """(role, kind) of the column a header cell names (("weight", "number") for 分值), or None for no label."""
    t = re.sub(r"\s+", "", fold_chars(text))
    for role, kind, pattern in vocabulary().roles:
        if pattern.match(t):
            return role, kind
    return None


def label_kind(text: str) -> str | None:
    """The kind of value in the column a header cell names, or None when it is not a column label."""
    found = label_role(text)
    return found[1] if found else None


def split_labels(run: str) -> list[str] | None:
    """A header whose labels ran together (一级指标二级指标 三级指标 分值…) as its labels; None if any part is not one.

    At each point the longest label that lets the rest split too is taken, so 项目名称 wins over 项目.
    """
    t = re.sub(r"\s+", " ", fold_chars(run)).strip()
    out: list[str] = []
    for chunk in t.split(" "):
        parts = _split_chunk(chunk)
        if parts is None:
            return None
        out.extend(parts)
    return out


def _split_chunk(chunk: str) -> list[str] | None:
    if not chunk:
        return []
    for end in range(len(chunk), 0, -1):
        head = chunk[:end]
        if label_kind(head) is None:
            continue
        rest = _split_chunk(chunk[end:])
        if rest is not None:
            return [head, *rest]
    return None


def split_words(chunk: str) -> list[str]:
    """A run of cells fused into one chunk, split where the vocabulary allows.

    Level and total names are peeled off the front (效益指标社会效益指标群众就医负担 -> three cells) and qualitative
    values off the back (群众就医负担逐步提高达到预期 -> three cells); what stays in the middle is one cell, since a
    name that merely contains a vocabulary word (患者满意度) must not be cut, except before a value it ends in
    (村级运转经费≤8万元, 完成任务数17项).
    """
    v = vocabulary()
    head: list[str] = []
    rest = chunk
    while rest:
        hit = next((w for w in v.heads if rest.startswith(w)), None)
        if hit is None:
            break
        weight = _WEIGHT_SUFFIX.match(rest, len(hit))
        end = weight.end() if weight else len(hit)
        head.append(rest[:end])
        rest = rest[end:]
    tail: list[str] = []
    while True:
        hit = next((w for w in v.qualitative if rest.endswith(w) and len(rest) > len(w)), None)
        if hit is None:
            break
        tail.insert(0, hit)
        rest = rest[: -len(hit)]
    value = _NAME_VALUE.match(rest) if rest else None
    middle = [value.group(1), value.group(2)] if value else ([rest] if rest else [])
    return [*head, *middle, *tail]


def value_shape(text: str) -> str:
    """What a cell's value looks like: empty, dash, seq, number, percent, measure, level1/2, total or text."""
    t = _WEIGHT_SUFFIX.sub("", re.sub(r"\s+", "", fold_chars(text)))
    v = vocabulary()
    if not t:
        return "empty"
    if _DASH.match(t):
        return "dash"
    if t in v.level1 and t in v.level2:
        return "level12"
    if t in v.level1:
        return "level1"
    if t in v.level2:
        return "level2"
    if t in v.totals:
        return "total"
    if _SEQ.match(t):
        return "seq"
    if _NUMBER.match(t) or _SCORE.match(t):
        return "number"
    if _PERCENT.match(t):
        return "percent"
    if _OPS.match(t) or (_HAS_DIGIT.search(t) and len(t) <= 20):
        return "measure"
    return "text"


# how well a value of one shape fits a column of one kind; a missing pair cannot happen
_FIT: dict[str, dict[str, float]] = {
    "seq": {"seq": 3, "number": 2, "measure": 1, "amount": 1},
    "number": {"number": 2, "amount": 2, "measure": 1, "seq": 0.2},
    "percent": {"rate": 3, "measure": 2},
    "measure": {"measure": 3},
    "dash": {"amount": 1, "rate": 1, "number": 1, "measure": 1, "note": 0.5, "text": 0.2},
    "level1": {"level1": 4, "text": 0.5},
    "level2": {"level2": 4, "text": 0.5},
    "level12": {"level1": 4, "level2": 4, "text": 0.5},
    "total": {"text": 3, "level1": 2, "seq": 1},
    "text": {"text": 3, "level1": 0.8, "level2": 0.8, "note": 1.5, "measure": 1},
}


def fit(shape: str, kind: str) -> float | None:
    """The score of a value of ``shape`` in a column of ``kind``; None when it cannot go there."""
    return _FIT.get(shape, {}).get(kind)
