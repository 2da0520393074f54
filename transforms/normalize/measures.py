"""Target and actual values of indicators: ``≥1500 人次``, ``>=98%``, ``2次``, ``不低于上年``, ``提高``.

Percentages are stored as fractions (``≥95%`` -> 0.95 with unit ``%``), like every ratio in the warehouse;
other values keep the number as printed with its unit (``34.6万元`` -> 34.6, ``万元``).
"""

from __future__ import annotations

import re
from decimal import Decimal

from transforms.facts import Measure
from transforms.normalize.numbers import to_decimal
from transforms.normalize.text import fold_chars, squash
from transforms.normalize.units import leading_unit, normalize_unit

_OPS = [
    (re.compile(r"^(?:≥|>=|＞=|大于或?等于|不低于|不少于|不小于|至少)"), ">="),
    (re.compile(r"^(?:≤|<=|＜=|小于或?等于|不高于|不超过|不多于|不大于|最多|控制在)"), "<="),
    (re.compile(r"^(?:>|＞|大于|高于|超过|多于)"), ">"),
    (re.compile(r"^(?:<|＜|小于|低于|少于)"), "<"),
    (re.compile(r"^(?:=|＝|等于)"), "="),
]
_SUFFIX_OPS = [(re.compile(r"(?:以上|及以上)$"), ">="), (re.compile(r"(?:以下|及以下|以内)$"), "<=")]
_NUMBER = re.compile(r"^[-+]?\d+(?:,\d{3})*(?:\.\d+)?")


def _op_prefix(text: str) -> tuple[str | None, str]:
    for rx, op in _OPS:
        m = rx.match(text)
        if m:
            return op, text[m.end():]
    return None, text


def parse_measure(raw: str) -> Measure | None:
    """A target or actual value; None for an empty cell."""
    text = squash(fold_chars(raw)).replace("％", "%")
    if not text or text in {"—", "-", "/", "无"}:
        return None
    op, rest = _op_prefix(text)
    suffix_op = None
    for rx, sop in _SUFFIX_OPS:
        m = rx.search(rest)
        if m:
            suffix_op, rest = sop, rest[: m.start()]
            break
    m = _NUMBER.match(rest)
    if m:
        value = to_decimal(m.group(0))
        tail = rest[m.end():]
        unit = leading_unit(tail) if tail else None
        leftover = tail[len(unit):] if unit else tail
        if value is not None and not leftover:
            unit = normalize_unit(unit) if unit else None
            if unit == "%":
                value = value / Decimal(100)
            return Measure(raw=raw.strip(), op=op or suffix_op, value=value, unit=unit)
    # a compound (``364人+389万元``), a range or words: keep the text, no number to compare
    qualitative = not any(ch.isdigit() for ch in rest)
    return Measure(raw=raw.strip(), op=op or suffix_op, qualitative=qualitative)
