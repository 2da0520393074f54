"""Units as printed (vocabulary/measures.yaml): money units and their value in yuan, count units (人, 人次, 家 ...),
comparison words, and the unit a table caption declares."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from transforms.normalize.text import fold_chars
from transforms.vocabulary import alternation, entries, terms


def money_scale() -> dict[str, Decimal]:
    """Yuan per printed money unit: the one table the extractors and the rules' SQL (dq_unit_scale) share."""
    return {str(e["term"]): Decimal(str(e["yuan"])) for e in entries("measures", "money_units")}


MONEY_ALTERNATION = alternation(terms("measures", "money_units"))  # 百万元 before 万元 before 万
# the units a caption declares are the full forms (单位：万元), not the bare 万 a figure may carry
_FULL_MONEY = alternation(e["term"] for e in entries("measures", "money_units") if "as" not in e)
_CAPTION = re.compile(rf"(?:单位|金额单位)\s*[:：]\s*({_FULL_MONEY})")
_PAREN = re.compile(rf"[（(]\s*({_FULL_MONEY})\s*[)）]")


@cache
def _count_unit() -> re.Pattern[str]:
    units = terms("measures", "count_units") + terms("measures", "money_units")
    return re.compile(rf"^(?:{alternation(units)})")


@cache
def tally_units() -> str:
    """The count units of people, households and items a sentence breaks down with 其中, as an alternation."""
    return alternation(e["term"] for e in entries("measures", "count_units") if e.get("tally"))


@cache
def operators() -> tuple[tuple[str, str], ...]:
    """(word, operator) for every comparison word before a value, longest first (大于或等于 before 大于)."""
    ops = [(str(e["term"]), str(e["op"])) for e in entries("measures", "operators")]
    return tuple(sorted(ops, key=lambda o: len(o[0]), reverse=True))


@cache
def suffix_operators() -> tuple[tuple[str, str], ...]:
    """(word, operator) for the comparison words after a value (以上, 以内), longest first."""
    ops = [(str(e["term"]), str(e["op"])) for e in entries("measures", "suffix_operators")]
    return tuple(sorted(ops, key=lambda o: len(o[0]), reverse=True))


def operator_alternation() -> str:
    """Every comparison word before a value, as a regular-expression alternation."""
    return alternation(w for w, _ in operators())


def normalize_unit(unit: str) -> str:
    """Fold the bare forms reports use: ``万`` after a money figure is 万元, ``亿`` is 亿元."""
    folded = {str(e["term"]): str(e["as"]) for e in entries("measures", "money_units") if "as" in e}
    return folded.get(unit, unit)


def leading_unit(text: str) -> str | None:
    """The unit a measure text starts with (``人次 以上`` -> ``人次``), or None."""
    m = _count_unit().match(fold_chars(text).strip())
    return m.group(0) if m else None


def declared_money_unit(text: str) -> str | None:
    """The money unit a caption or header declares: ``单位：万元`` or ``项目资金（万元）``."""
    t = fold_chars(text)
    m = _CAPTION.search(t) or _PAREN.search(t)
    return m.group(1) if m else None
