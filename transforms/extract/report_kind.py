"""Which kind of report this is (a department's overall report, a project's, or a fund's) and what it is about.

A department's overall report and a project report of the same unit and year are two reports, so the kind and
the project or fund name are part of a report's identity (warehouse/loader.py). The words are in
vocabulary/report_titles.yaml.
"""

from __future__ import annotations

import re
from functools import cache

from transforms.normalize.text import fold_chars, squash
from transforms.vocabulary import alternation, terms

_YEAR = re.compile(r"20\d{2}\s*年度?")
_LEAD = re.compile(r"^.*?关于")


@cache
def _kinds() -> tuple[tuple[str, re.Pattern[str]], ...]:
    # department words win over fund words, fund words over project words (a fund's title often says 项目)
    return tuple((k, re.compile(alternation(terms("report_titles", k)))) for k in ("department", "fund", "project"))


@cache
def _label() -> re.Pattern[str]:
    return re.compile(rf"^(?:{alternation(terms('report_titles', 'subject_labels'))})[:：]\s*(\S.{{1,40}}?)\s*$")


@cache
def _tail() -> re.Pattern[str]:
    return re.compile(rf"(?:{alternation(terms('report_titles', 'subject_tails'))}).*$")


def opens_with_kind(text: str) -> bool:
    """True when ``text`` starts with words that name a kind of report (专项资金绩效…, 部门整体支出…)."""
    t = squash(fold_chars(text))
    return any(
        t.startswith(term) for kind in ("department", "fund", "project") for term in terms("report_titles", kind)
    )


def kind_of_title(title: str) -> str | None:
    """The kind of report a title names, or None when it names none."""
    t = squash(fold_chars(title))
    return next((kind for kind, rx in _kinds() if rx.search(t)), None)


def report_kind(title: str, lines: list[str]) -> tuple[str, str | None]:
    """("department" | "project" | "fund", the project or fund name when the title or a label gives it)."""
    label = next((m.group(1) for line in lines if (m := _label().match(squash(fold_chars(line))))), None)
    kind = kind_of_title(title) or ("project" if label else "department")
    if kind == "department":
        return kind, None
    return kind, label or subject_of_title(title)


def subject_of_title(title: str) -> str | None:
    """The name between the year and 绩效自评 in a title: 2023年度城乡医疗救助项目支出绩效自评报告 -> 城乡医疗救助."""
    t = squash(fold_chars(title))
    years = list(_YEAR.finditer(t))
    rest = t[years[-1].end() :] if years else _LEAD.sub("", t)
    m = _tail().search(rest)
    name = (rest[: m.start()] if m else rest).strip("，,、 ")
    return name or None
