"""Indicator levels (vocabulary/indicators.yaml): level-1 and level-2 names, the family a level-2 name belongs
to, and the level a numeral names (该二级指标)."""

from __future__ import annotations

import re
from functools import cache

from transforms.vocabulary import alternation, entries, terms

_SUFFIX = "指标"


def _with_suffix(words: list[str]) -> frozenset[str]:
    return frozenset(w for base in words for w in (base, base + _SUFFIX))


@cache
def level1_names(tables: bool = False) -> frozenset[str]:
    """Level-1 names as printed (产出, 产出指标); ``tables`` adds the names some templates use at level 1 only."""
    return _with_suffix([str(e["term"]) for e in entries("indicators", "level1") if tables or not e.get("tables_only")])


@cache
def level2_names() -> frozenset[str]:
    """Level-2 names as printed (数量指标, 社会效益)."""
    return frozenset(terms("indicators", "level2"))


@cache
def level1_pattern() -> re.Pattern[str]:
    """A whole cell that is a level-1 name."""
    return re.compile(rf"^(?:{alternation(level1_names())})$")


@cache
def level2_pattern() -> re.Pattern[str]:
    """A whole cell that is a level-2 name."""
    return re.compile(rf"^(?:{alternation(level2_names())})$")


@cache
def level2_ending() -> re.Pattern[str]:
    """A name that ends in a level-2 name: 产出数量指标, （一）数量指标."""
    return re.compile(rf"(?:{alternation(level2_names())})$")


@cache
def _families() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple(
        (re.compile(str(e["family"])), str(e["term"]) + _SUFFIX)
        for e in entries("indicators", "level1")
        if "family" in e
    )


def family_of(level2: str) -> str | None:
    """The standard level-1 name a level-2 name belongs under (数量指标 -> 产出指标), or None."""
    return next((name for rx, name in _families() if rx.search(level2)), None)


def is_standard_level1(name: str) -> bool:
    """True for the national framework's three level-1 names (产出, 效益, 满意度), with any suffix."""
    return any(name.startswith(str(e["term"])) for e in entries("indicators", "level1") if e.get("standard"))


def numbered_level(numeral: str) -> str | None:
    """The level a numeral names: 一 -> level1."""
    return next((str(e["level"]) for e in entries("indicators", "numbered_levels") if e["term"] == numeral), None)


def group_labels() -> frozenset[str]:
    """Labels over a group of indicator columns or rows (绩效指标), not indicators themselves."""
    return frozenset(terms("indicators", "group_labels"))
