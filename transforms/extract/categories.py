"""Budget vocabulary (vocabulary/budget.yaml): which category a label names and which phase a header names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from transforms.normalize.text import fold_chars, squash
from transforms.vocabulary import alternation, entries, terms

_YEAR = re.compile(r"(20\d{2})\s*年")


def _patterns(part: str) -> list[tuple[str, re.Pattern[str]]]:
    return [(str(e["term"]), re.compile("|".join(e["patterns"]))) for e in entries("budget", part)]


@dataclass(frozen=True)
class _Vocabulary:
    categories: list[tuple[str, re.Pattern[str]]]
    phases: list[tuple[str, re.Pattern[str]]]
    three_parts: tuple[str, ...]
    not_amount: re.Pattern[str]
    phase_free: re.Pattern[str]


@cache
def _vocabulary() -> _Vocabulary:
    return _Vocabulary(
        categories=_patterns("categories"),
        phases=_patterns("phases"),
        three_parts=terms("budget", "three_public_parts"),
        not_amount=re.compile(alternation(terms("budget", "not_amounts"))),
        phase_free=re.compile("|".join(rx.pattern for _, rx in _patterns("phase_free"))),
    )


@lru_cache(maxsize=1 << 14)  # the same labels recur in every table and sentence
def category_of(label: str) -> str | None:
    """The budget category a label names, or None when it names none (or names a rate or a change)."""
    v = _vocabulary()
    t = squash(fold_chars(label))
    if not t or v.not_amount.search(t):
        return None
    if sum(1 for p in v.three_parts if p in t) >= 2:
        return "three_public"
    for cat, rx in v.categories:
        if rx.search(t):
            return cat
    return None


@lru_cache(maxsize=1 << 14)
def column_phase(text: str, fiscal_year: int | None = None) -> str | None:
    """The phase a header or label names, ``change`` for a column of additions: the word nearest the end wins
    (``年初预算总金额全年预算`` is the full-year budget)."""
    v = _vocabulary()
    # phase words inside category names (年初结转和结余, 一般公共预算) do not name a phase
    t = v.phase_free.sub("", squash(fold_chars(text)))
    if fiscal_year is not None:
        years = [int(y) for y in _YEAR.findall(t)]
        if years and years[-1] == fiscal_year - 1:
            return "previous"
    best: tuple[int, str] | None = None
    for phase, rx in v.phases:
        for m in rx.finditer(t):
            if best is None or m.end() > best[0]:
                best = (m.end(), phase)
    return best[1] if best else None


@lru_cache(maxsize=1 << 14)
def phase_of(text: str, fiscal_year: int | None = None) -> str | None:
    """The phase of an amount a header or label names; None for a change column or no phase word."""
    phase = column_phase(text, fiscal_year)
    return None if phase == "change" else phase


def is_income(category: str) -> bool:
    """Income categories (收入 by source) as opposed to spending."""
    return category.startswith("income")


def names_change_or_rate(label: str) -> bool:
    """True when a label introduces a change (比上年增加) or a rate rather than an amount of a category."""
    return bool(_vocabulary().not_amount.search(squash(fold_chars(label))))
