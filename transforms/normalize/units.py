"""Units as printed: money units, count units (人, 人次, 家 ...), and the unit a table caption declares."""

from __future__ import annotations

import re

from transforms.normalize.text import fold_chars

MONEY_UNITS = ("亿元", "万元", "千元", "元")
# Longest first so that 人次 wins over 人 and 万人次 over 万人.
COUNT_UNITS = (
    "万人次", "万人", "人次", "批次", "个工作日", "工作日", "小时", "平方米", "人", "家", "次", "天", "日", "项", "份",
    "个", "件", "户", "所", "场", "篇", "期", "种", "批", "名", "元/人", "元", "万元", "亿元", "万", "月", "年", "%",
)
_UNIT_ALT = "|".join(re.escape(u) for u in sorted(set(COUNT_UNITS), key=len, reverse=True))
UNIT_RE = re.compile(rf"^(?:{_UNIT_ALT})")
_CAPTION = re.compile(r"(?:单位|金额单位)\s*[:：]\s*(亿元|万元|千元|元)")
_PAREN = re.compile(r"[（(]\s*(亿元|万元|千元|元)\s*[)）]")


def normalize_unit(unit: str) -> str:
    """Fold the bare forms reports use: ``万`` after a money figure is 万元, ``亿`` is 亿元."""
    return {"万": "万元", "亿": "亿元"}.get(unit, unit)


def leading_unit(text: str) -> str | None:
    """The unit a measure text starts with (``人次 以上`` -> ``人次``), or None."""
    m = UNIT_RE.match(fold_chars(text).strip())
    return m.group(0) if m else None


def declared_money_unit(text: str) -> str | None:
    """The money unit a caption or header declares: ``单位：万元`` or ``项目资金（万元）``."""
    t = fold_chars(text)
    m = _CAPTION.search(t) or _PAREN.search(t)
    return m.group(1) if m else None
