"""Budget vocabulary: which category a label names and which phase a header or label names."""

from __future__ import annotations

import re

from transforms.normalize.text import fold_chars, squash

_CATEGORIES: list[tuple[str, re.Pattern[str]]] = [
    ("opening_carryover", re.compile(r"年初结转(?:和|及|与)?结余|上年结转")),
    ("carryover_total", re.compile(r"结转结余(?:资金)?总额")),
    ("closing_carryover", re.compile(r"年末结转(?:和|及|与)?结余")),
    ("vehicle_purchase", re.compile(r"公车购置$|公务用车购置费$")),
    ("vehicle_operation", re.compile(r"公车运行维护|公务用车运行(?:维护)?费$")),
    ("overseas", re.compile(r"因公出国|出国(?:（境）)?(?:经费|费)")),
    ("vehicle", re.compile(r"公务用车|公车")),
    ("reception", re.compile(r"公务接待")),
    ("three_public", re.compile(r"三公")),
    ("procurement", re.compile(r"政府采购")),
    ("personnel", re.compile(r"人员经费|人员支出|工资福利")),
    ("public", re.compile(r"公用经费")),
    ("basic", re.compile(r"基本支出")),
    ("project", re.compile(r"项目支出|项目经费")),
    ("operating", re.compile(r"经营支出")),
    ("income_general_public", re.compile(r"一般公共预算")),
    ("income_gov_fund", re.compile(r"政府性基金")),
    ("income_nontax", re.compile(r"非税收入")),
    ("income_fiscal", re.compile(r"财政拨款|财政资金")),
    ("income_other", re.compile(r"其他资金|其他收入")),
    ("income", re.compile(r"总收入|本年收入|当年收入|收入合计|按收入性质分|收入总额")),
    ("grand_total", re.compile(r"^总计$")),
    ("total", re.compile(r"^总额$|资金合计|总支出|本年支出|当年支出|支出合计|支出总额|资金总额|全年预算数?$|总体支出|"
                         r"按支出性质分|预算编制数|部门预算数|预算总额|年度预算数?$|支出预算数|支出执行数|全年执行数")),
]
_THREE_PARTS = ("因公出国", "公务用车", "公务接待")
_NOT_A_LEVEL = re.compile(r"率|比例|占|比上年|较上年|同比|增加|减少|增长|下降|追加|追减|自评")

_PHASES: list[tuple[str | None, re.Pattern[str]]] = [
    ("initial", re.compile(r"年初(?:批复)?(?:预算)?(?:编制)?(?:数|金额)?|预算批复数?|批复预算数?")),
    (None, re.compile(r"追加|追减|调增|调减|增减")),  # a change column, not a phase
    ("adjusted", re.compile(r"全年(?:支出)?预算|调整(?:后)?预算|调整数|小计")),
    ("executed", re.compile(r"执行数|决算|实际|总体支出|完成数|支出数|全年执行")),
    ("previous", re.compile(r"上年|上一年")),
    ("budget", re.compile(r"预算|安排")),
]
_YEAR = re.compile(r"(20\d{2})\s*年")
_PHASE_FREE = re.compile(r"年[初末]结转(?:和|及|与)?结余|一般公共预算")


def category_of(label: str) -> str | None:
    """The budget category a label names, or None when it names none (or names a rate or a change)."""
    t = squash(fold_chars(label))
    if not t or _NOT_A_LEVEL.search(t):
        return None
    if sum(1 for p in _THREE_PARTS if p in t) >= 2:
        return "three_public"
    for cat, rx in _CATEGORIES:
        if rx.search(t):
            return cat
    return None


def phase_of(text: str, fiscal_year: int | None = None) -> str | None:
    """The phase a header or label names: the phase word nearest its end wins (``年初预算总金额全年预算``)."""
    # phase words inside category names (年初结转和结余, 一般公共预算) do not name a phase
    t = _PHASE_FREE.sub("", squash(fold_chars(text)))
    if fiscal_year is not None:
        years = [int(y) for y in _YEAR.findall(t)]
        if years and years[-1] == fiscal_year - 1:
            return "previous"
    best: tuple[int, str | None] | None = None
    for phase, rx in _PHASES:
        for m in rx.finditer(t):
            if best is None or m.end() > best[0]:
                best = (m.end(), phase)
    return best[1] if best else None


def is_income(category: str) -> bool:
    """Income categories (收入 by source) as opposed to spending."""
    return category.startswith("income")


def names_change_or_rate(label: str) -> bool:
    """True when a label introduces a change (比上年增加) or a rate rather than an amount of a category."""
    return bool(_NOT_A_LEVEL.search(squash(fold_chars(label))))
