"""The money a project or fund report is about, as its sentences state it.

A report about one project or one fund names its money without a category: 项目财政资金总额16.20万元, 下达…专项资金
6.56万元, 年初预算资金为16万元, 实际支出40万元, 已支出5.56万. Such an amount is the report's own total, in the phase
its words name (vocabulary/budget.yaml: own_funds, own_spending). Not the parts of a sentence after 其中, what is
left or returned, a rate per head, another year's figure or an amount of a named project or category
(not_own_funds). Only the first such amount of each phase is kept, and only where the report's tables and its
sentences about the department gave none: later amounts so worded are as often another fund or a part as the
total restated.
"""

from __future__ import annotations

import re
from functools import cache

from transforms.document import Document
from transforms.extract.categories import phase_of
from transforms.extract.sentences import Mention, mentions, sentences
from transforms.facts import BudgetLine, Evidence
from transforms.vocabulary import alternation, terms

_CATEGORIES = {None, "total", "income", "income_fiscal", "project"}  # words a project's money goes by


@cache
def _words(part: str) -> re.Pattern[str]:
    return re.compile(alternation(terms("budget", part)))


def own_fund_phase(mention: Mention, sentence: str) -> str | None:
    """The phase in which ``mention`` states the report's own money, or None when it states something else."""
    label = _label(mention, sentence)
    if mention.project is not None or mention.category not in _CATEGORIES or mention.phase == "previous":
        return None
    if "其中" in sentence[: mention.start] or _words("not_own_funds").search(label):
        return None
    if sentence[mention.end : mention.end + 1] in ("/", "／"):
        return None  # 300元/年, 1000元/人: a rate, not an amount
    phase = phase_of(label)  # the label's own phase words (mentions() defaults a label without any to executed)
    if phase == "initial":
        return phase
    if phase == "executed" or _words("own_spending").search(_words("own_spending_free").sub("", label)):
        return "executed"
    if phase == "adjusted" or _words("funds_received").search(label) or _words("own_funds").search(label):
        return "adjusted"
    return None


def _label(mention: Mention, sentence: str) -> str:
    """The words an amount goes by: a field's name before its colon when nothing stands between (经费：1080万元)."""
    if mention.label.strip():
        return mention.label
    head = sentence[: mention.start].rstrip()
    if head.endswith((":", "：")):
        return re.split(r"[，,；;。]", head[:-1])[-1]
    return mention.label


def _source(label: str) -> str | None:
    m = _words("fund_sources").search(label)
    return m.group(0) if m else None


def own_fund_lines(doc: Document, fiscal_year: int | None, have: set[str]) -> list[BudgetLine]:
    """The report's own total in each phase its sentences state and ``have`` (phases already found) lacks.

    An amount from one level of government beside another level's amount (中央下达…9056万元 / 省级下达资金804万元)
    is a part of the money, however it is worded.
    """
    candidates: list[tuple[str, str | None, Mention, object]] = []
    for s in sentences(doc):
        for mt in mentions(s, fiscal_year):
            phase = own_fund_phase(mt, s.text)
            if phase is not None:
                candidates.append((phase, _source(_label(mt, s.text)), mt, s))
    found: dict[str, BudgetLine] = {}
    for i, (phase, source, mt, s) in enumerate(candidates):
        near = [c[1] for c in candidates[max(0, i - 1) : i + 2] if c[2] is not mt]
        if source is not None and any(x is not None and x != source for x in near):
            continue
        if phase in have or phase in found:
            continue
        found[phase] = BudgetLine(
            "total",
            phase,
            mt.yuan,
            mt.unit,
            Evidence(s.block.locator, s.text[:300]),  # type: ignore[attr-defined]
            printed=re.sub(r"[^\d.,]", "", mt.raw),
            source="sentence",
        )
    return list(found.values())
