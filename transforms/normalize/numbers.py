"""Numbers as printed: amounts with units, percentages, rates, Chinese numerals, comparison operators."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from transforms.normalize.text import fold_chars
from transforms.normalize.units import MONEY_ALTERNATION, money_scale, normalize_unit

UNIT_SCALE: dict[str, Decimal] = money_scale()

_NUM = r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-+]?\d+(?:\.\d+)?"
NUMBER_RE = re.compile(_NUM)
_AMOUNT_RE = re.compile(rf"({_NUM})\s*({MONEY_ALTERNATION})")
_PERCENT_RE = re.compile(rf"({_NUM})\s*[%％]")
_CN_NUM = re.compile(r"^[零〇一二两三四五六七八九十百千万亿点]+$")


@dataclass(frozen=True)
class Amount:
    """An amount of money: exact yuan plus what was printed."""

    yuan: Decimal
    unit: str
    raw: str


@dataclass(frozen=True)
class Rate:
    """A rate as a fraction, with the decimals printed and whether a % sign was used."""

    value: Decimal
    decimals: int
    percent: bool
    raw: str


def to_decimal(text: str) -> Decimal | None:
    """Parse ``11,429.51`` / ``１２３`` / ``一百二十`` to Decimal; None when it is not a number."""
    t = fold_chars(text).strip().replace(",", "").replace("，", "")
    t = t.rstrip("分").strip()
    if not t:
        return None
    try:
        return Decimal(t)
    except InvalidOperation:
        pass
    if _CN_NUM.match(t):
        import cn2an

        try:
            return Decimal(str(cn2an.cn2an(t, "smart")))
        except (ValueError, KeyError):
            return None
    return None


def scale_amount(number: Decimal, unit: str) -> Decimal:
    """Exact yuan for a number printed in ``unit``."""
    return number * UNIT_SCALE[unit]


def parse_amount(text: str, default_unit: str | None = None) -> Amount | None:
    """An amount from a cell or phrase: ``11,429.51 万元``, ``34.6万元``, or a bare number in ``default_unit``."""
    t = fold_chars(text).strip()
    m = _AMOUNT_RE.search(t)
    if m:
        n = to_decimal(m.group(1))
        if n is None:
            return None
        unit = m.group(2)
        unit = normalize_unit(unit)
        return Amount(scale_amount(n, unit), unit, m.group(0))
    if default_unit:
        stripped = t.replace(" ", "")
        if re.fullmatch(_NUM, stripped):
            n = to_decimal(stripped)
            if n is not None:
                return Amount(scale_amount(n, default_unit), default_unit, t)
    return None


def decimals_of(number_text: str) -> int:
    """Digits after the decimal point as printed."""
    t = number_text.replace(",", "")
    return len(t.split(".", 1)[1]) if "." in t else 0


def parse_rate(text: str, rate_column: bool = False) -> Rate | None:
    """A rate: ``97.63%`` -> 0.9763; under a 率 column, ``0.99``/``1`` are fractions and ``50.22`` a percent."""
    t = fold_chars(text).strip()
    m = _PERCENT_RE.search(t)
    if m:
        n = to_decimal(m.group(1))
        if n is None:
            return None
        return Rate(n / 100, decimals_of(m.group(1)), True, m.group(0))
    if rate_column:
        s = t.replace(" ", "")
        if re.fullmatch(_NUM, s):
            n = to_decimal(s)
            if n is None:
                return None
            if n <= Decimal("1.5"):
                return Rate(n, decimals_of(s), False, t)
            return Rate(n / 100, decimals_of(s), False, t)
    return None
