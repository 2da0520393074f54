"""Target/actual parsing: operators, units, percentages as fractions, qualitative values."""

from __future__ import annotations

from decimal import Decimal

import pytest

from transforms.normalize.measures import parse_measure
from transforms.normalize.units import declared_money_unit, leading_unit


@pytest.mark.parametrize(
    ("raw", "op", "value", "unit"),
    [
        ("≥1500 人次", ">=", Decimal("1500"), "人次"),
        (">=2000人", ">=", Decimal("2000"), "人"),
        ("≥40万", ">=", Decimal("40"), "万元"),
        ("<=15 天", "<=", Decimal("15"), "天"),
        ("=2次", "=", Decimal("2"), "次"),
        ("98.65%", None, Decimal("0.9865"), "%"),
        ("95%以上", ">=", Decimal("0.95"), "%"),
        ("310家", None, Decimal("310"), "家"),
    ],
)
def test_numeric_measures(raw: str, op: str | None, value: Decimal, unit: str) -> None:
    m = parse_measure(raw)
    assert m is not None and (m.op, m.value, m.unit, m.qualitative) == (op, value, unit, False)


def test_qualitative_and_compound_measures() -> None:
    low = parse_measure("不低于上年")
    assert low is not None and low.op == ">=" and low.qualitative and low.value is None
    assert parse_measure("逐步减 轻") is not None and parse_measure("逐步减 轻").qualitative  # type: ignore[union-attr]
    both = parse_measure("364人+389万元")
    assert both is not None and both.value is None and not both.qualitative
    assert parse_measure("—") is None


def test_units() -> None:
    assert leading_unit("人次以上") == "人次"
    assert declared_money_unit("单位：万元") == "万元"
    assert declared_money_unit("项目资金 (万元)") == "万元"
    assert declared_money_unit("人数") is None
