"""Which kind of report this is (a department's overall report, a project's, or a fund's) and what it is about.

A department's overall report and a project report of the same unit and year are two reports, so the kind and
the project or fund name are part of a report's identity (warehouse/loader.py).
"""

from __future__ import annotations

import re

from transforms.normalize.text import fold_chars, squash

_FUND = re.compile(r"转移支付|专项资金|补助资金|(?<!项目)资金(?:使用)?(?:情况)?(?:的)?绩效")
_PROJECT = re.compile(r"项目(?:支出)?绩效|项目支出绩效自评|项目自评")
_DEPARTMENT = re.compile(r"(?:部门|单位|机关)整体支出")
_YEAR = re.compile(r"20\d{2}\s*年度?")
_PROJECT_LABEL = re.compile(r"^(?:项目名称|转移支付(?:（项目）)?名称|资金名称)[:：]\s*(\S.{1,40}?)\s*$")
_TAIL = re.compile(r"(?:项目)?(?:支出)?(?:使用情况)?(?:的)?绩效(?:自评|评价).*$")
_LEAD = re.compile(r"^.*?(?:关于)")


def report_kind(title: str, lines: list[str]) -> tuple[str, str | None]:
    """("department" | "project" | "fund", the project or fund name when the title or a label gives it)."""
    t = squash(fold_chars(title))
    label = next((m.group(1) for line in lines if (m := _PROJECT_LABEL.match(squash(fold_chars(line))))), None)
    if _DEPARTMENT.search(t):
        return "department", None
    kind = "fund" if _FUND.search(t) else "project" if _PROJECT.search(t) or label else "department"
    if kind == "department":
        return kind, None
    return kind, label or _subject(t)


def _subject(title: str) -> str | None:
    """The name between the year and 绩效自评 in a title: 2023年度城乡医疗救助项目支出绩效自评报告 -> 城乡医疗救助."""
    years = list(_YEAR.finditer(title))
    m = years[-1] if years else None
    rest = title[m.end():] if m else _LEAD.sub("", title)
    name = _TAIL.sub("", rest).strip("，,、 ")
    return name or None
