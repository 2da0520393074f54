"""How figures are printed: amounts in the report's unit, rates to two decimals, scores without trailing zeros."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

WAN = Decimal(10000)
CENT = Decimal("0.01")


def money(yuan: Decimal, unit: str, thousands: bool = False) -> str:
    """An amount in yuan as the report prints it in its unit (万元 to two decimals; 元 to two decimals)."""
    value = yuan / WAN if unit == "万元" else yuan
    q = value.quantize(CENT, rounding=ROUND_HALF_UP)
    return f"{q:,.2f}" if thousands else f"{q:.2f}"


def rate(numerator: Decimal, denominator: Decimal) -> str:
    """numerator / denominator as a percentage to two decimals, e.g. 97.63%."""
    if not denominator:
        return "0.00%"
    pct = (numerator / denominator * 100).quantize(CENT, rounding=ROUND_HALF_UP)
    return f"{pct:.2f}%"


def exact_rate(numerator: Decimal, denominator: Decimal) -> str:
    """The same ratio to eight places: the figure a rounded rate stands for."""
    if not denominator:
        return "0"
    return f"{(numerator / denominator * 100):.8f}"


def score(value: Decimal) -> str:
    """A score as printed: 96, 95.5, 88.75."""
    return f"{value.normalize():f}"


def round_to(value: Decimal, step: Decimal) -> Decimal:
    """value rounded to a multiple of step."""
    return (value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
