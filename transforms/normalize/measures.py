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
from transforms.normalize.units import leading_unit, normalize_unit, operators, suffix_operators

_NUMBER = re.compile(r"^[-+]?\d+(?:,\d{3})*(?:\.\d+)?")


def _op_prefix(text: str) -> tuple[str | None, str]:
    for word, op in operators():
        if text.startswith(word):
            return op, text[len(word) :]
    return None, text


def parse_measure(raw: str) -> Measure | None:
    """A target or actual value; None for an empty cell."""
    text = squash(fold_chars(raw)).replace("％", "%")
    if not text or text in {"—", "-", "/", "无"}:
        return None
    op, rest = _op_prefix(text)
    suffix_op = None
    for word, sop in suffix_operators():
        if rest.endswith(word):
            suffix_op, rest = sop, rest[: -len(word)]
            break
    m = _NUMBER.match(rest)
    if m:
        value = to_decimal(m.group(0))
        tail = rest[m.end() :]
        unit = leading_unit(tail) if tail else None
        leftover = tail[len(unit) :] if unit else tail
        if value is not None and not leftover:
            unit = normalize_unit(unit) if unit else None
            if unit == "%":
                value = value / Decimal(100)
            return Measure(raw=raw.strip(), op=op or suffix_op, value=value, unit=unit)
    # a compound (``364人+389万元``), a range or words: keep the text, no number to compare
    qualitative = not any(ch.isdigit() for ch in rest)
    return Measure(raw=raw.strip(), op=op or suffix_op, qualitative=qualitative)
