"""The money a project or fund report is about, as its sentences state it.

A report about one project or one fund names its money without a category: 项目财政资金总额16.20万元, 下达…专项资金
6.56万元, 年初预算资金为16万元, 实际支出40万元, 已支出5.56万. Such an amount is the report's own total, in the phase
its words name (vocabulary/budget.yaml: own_funds, own_spending). Not the parts of a sentence after 其中, what is
left or returned, a rate per head, another year's figure or an amount of a named project or category
(not_own_funds). One amount of each phase is kept (own_fund_lines says which), and only where the report's tables
and its other sentences gave none: the other amounts so worded are as often another fund or a part as the total
restated.
"""

from __future__ import annotations

import re
from functools import cache

from transforms.document import Document
from transforms.extract.categories import phase_of
from transforms.extract.sentences import Mention, Sentence, mentions, sentences
from transforms.facts import BudgetLine, Evidence
from transforms.vocabulary import alternation, terms

_MONEY_CATEGORIES = {None, "total", "income", "income_fiscal", "project"}  # what a project's money is called


@cache
def _words(part: str) -> re.Pattern[str]:
    return re.compile(alternation(terms("budget", part)))


def own_fund_phase(mention: Mention, sentence: str) -> str | None:
    """The phase in which ``mention`` states the report's own money, or None when it states something else."""
    label = _label(mention, sentence)
    if mention.project is not None or mention.category not in _MONEY_CATEGORIES or mention.phase == "previous":
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


def own_fund_lines(
    doc: Document, fiscal_year: int | None, have: set[str], subject: str | None = None
) -> list[BudgetLine]:
    """The report's own total in each phase its sentences state and ``have`` (phases already found) lacks.

    An amount from one level of government beside another level's amount (中央下达…9056万元 / 省级下达资金804万元)
    is a part of the money, however it is worded. Of the rest, the first in a sentence naming the report's
    ``subject`` (the fund or project its title names) is taken, else the first whose words total (共计, 总额),
    else the first: a fund report often opens on the wider programme, or lists its parts, before its own money.
    """
    # every amount in order, with the level of government its clause names; the report's candidates among them
    amounts: list[tuple[str | None, tuple[int, str, Mention, Sentence] | None]] = []
    for s in sentences(doc):
        about = _names(s.text, subject)
        for mt in mentions(s, fiscal_year):
            phase = own_fund_phase(mt, s.text)
            rank = 0 if about else 1 if _words("own_fund_totals").search(_label(mt, s.text)) else 2
            amounts.append((_source(_clause(mt, s.text)), (rank, phase, mt, s) if phase is not None else None))
    found: dict[str, tuple[int, BudgetLine]] = {}
    for i, (source, candidate) in enumerate(amounts):
        near = [x for x, _ in amounts[max(0, i - 1) : i] + amounts[i + 1 : i + 2]]
        if candidate is None or (source is not None and any(x not in (None, source) for x in near)):
            continue
        rank, phase, mt, s = candidate
        if phase in have or (phase in found and found[phase][0] <= rank):
            continue
        found[phase] = (
            rank,
            BudgetLine(
                "total",
                phase,
                mt.yuan,
                mt.unit,
                Evidence(s.block.locator, s.text[:300]),
                printed=re.sub(r"[^\d.,]", "", mt.raw),
                source="sentence",
            ),
        )
    return [line for _, line in found.values()]


def _clause(mention: Mention, sentence: str) -> str:
    """The words of the clause an amount closes (省级下达资金 of …；省级下达资金80万元)."""
    return re.split(r"[，,；;：:。]", sentence[: mention.start])[-1]


def _names(text: str, subject: str | None) -> bool:
    """True when ``text`` names the report's subject (most of its name, as sentences shorten it)."""
    if not subject or len(subject) < 4:
        return False
    from rapidfuzz import fuzz

    return fuzz.partial_ratio(subject, text) >= 85
