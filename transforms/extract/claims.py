"""Claims stated in sentences: rates, shares and changes, with the operands the same sentence names."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from transforms.document import Document
from transforms.extract.own_funds import own_fund_phase
from transforms.extract.rate_kinds import rate_kind
from transforms.extract.sentences import Mention, Sentence, mentions, sentences, unit_budget_sentence
from transforms.facts import Claim, Evidence
from transforms.normalize.numbers import decimals_of, scale_amount, to_decimal
from transforms.normalize.text import squash
from transforms.normalize.units import tally_units
from transforms.vocabulary import alternation, entries, terms

_PERCENT = re.compile(r"(?<![\d.])(?<![*×x]\s)(?<![*×x])(\d+(?:\.\d+)?)\s*%")
_DELIM = re.compile(r"[，,；;。]")
# 30 / 33.58 * 100% = or, as units print it, 30万元÷33.58万元×100%=
_FORMULA = re.compile(r"([\d,.]+)\s*(亿元|万元|元)?\s*[/÷]\s*([\d,.]+)\s*(亿元|万元|元)?\s*[*×]\s*100%\s*=\s*$")
_DEPARTMENT_WIDE = re.compile(alternation(terms("stated_rates", "department_wide")))
_CHANGE_LABEL = re.compile(alternation(terms("stated_rates", "change_words")))
_THRESHOLD_BEFORE = re.compile(rf"(?:{alternation(terms('stated_rates', 'thresholds_before'))})\s*$")
_THRESHOLD_AFTER = re.compile(alternation(terms("stated_rates", "thresholds_after")))
_TOTAL_LABEL = re.compile(r"合计|总|全年|全部")
# 项目11个，占全部13个预算项目的84.62% | 共有13个预算项目接受运行监控，占项目总数86.67%: counted items, not money
_COUNT = re.compile(rf"(?<![\d.])(\d+)\s*(?:{tally_units()})")


_DENOMINATOR_PHASES = ("adjusted", "budget", "initial")
_BUDGET_CATEGORIES = {e["term"] for e in entries("budget", "categories")}  # a rate of one of these is not the report's


def _yuan(num: str, unit: str | None) -> Decimal | None:
    n = to_decimal(num)
    return scale_amount(n, unit or "元") if n is not None else None


def _count_share(text: str, money_named: bool) -> tuple[Decimal, Decimal | None] | None:
    """(part, whole) of a share of counted items: the count before 占 and, when printed, the one after it.

    None when the share is of money (an amount sits in the clause) or no count precedes 占.
    """
    zhan = text.rfind("占")
    if zhan < 0 or money_named:
        return None
    part = list(_COUNT.finditer(text, 0, zhan))
    if not part:
        return None
    whole = _COUNT.search(text, zhan)
    return Decimal(part[-1].group(1)), Decimal(whole.group(1)) if whole else None


def _claim(s: Sentence, m: re.Match[str], ms: list[Mention], local_from: int) -> Claim | None:
    """One claim; its operands come from the amounts since the previous percentage (``local_from``)."""
    start = m.start()
    prev_cut = max([d.end() for d in _DELIM.finditer(s.text, 0, start)] or [0])
    window = squash(s.text[prev_cut:start])
    kind = rate_kind(window)
    if kind is None:
        return None
    value = to_decimal(m.group(1))
    if value is None:
        return None
    earlier = [x for x in ms if x.end <= start]
    before = [x for x in earlier if x.start >= local_from]
    claim = Claim(kind, value / 100, decimals_of(m.group(1)), Evidence(s.block.locator, s.text[:300]))
    fields: dict[str, object] = {}
    fm = _FORMULA.search(s.text[:start])
    if fm:
        fields["numerator_yuan"] = _yuan(fm.group(1), fm.group(2))
        fields["denominator_yuan"] = _yuan(fm.group(3), fm.group(4) or fm.group(2))
    elif kind in ("growth", "decline"):
        change = next((x for x in reversed(before) if _CHANGE_LABEL.search(x.label) and x.start >= prev_cut - 40), None)
        current = next((x for x in reversed(before) if x.category and change and x.end <= change.start), None)
        if change and current:
            fields.update(change_yuan=change.yuan, current_yuan=current.yuan, subject=current.category)
    elif kind == "share":
        counted = _count_share(s.text[local_from:start], bool(before))
        if counted is not None:
            fields.update(numerator_count=counted[0], denominator_count=counted[1], subject="count")
        elif before:
            # 基本支出1218.39万元，占全年预算17826.29万元的6.83%: the amount after 占 is the base
            zhan = s.text.rfind("占", 0, start)
            base = next((x for x in reversed(before) if zhan >= 0 and x.start > zhan), None)
            part = next((x for x in reversed(earlier) if base is not None and x.end <= zhan), None)
            num = part if part is not None else before[-1]
            den = (
                base
                if part is not None
                else next((x for x in reversed(earlier) if x is not num and _TOTAL_LABEL.search(x.label)), None)
            )
            fields.update(numerator_yuan=num.yuan, subject=num.category or num.label[-12:])
            if den is not None:
                fields["denominator_yuan"] = den.yuan
    elif kind == "carryover_rate":
        num = next((x for x in before if x.category == "carryover_total" or "结转结余" in x.label), None)
        den = next((x for x in before if x is not num and x.category == "total"), None)
        fields["subject"] = "total"  # the department's carry-over: rate_carryover_budget judges it
        if num is not None:
            fields["numerator_yuan"] = num.yuan
        if den is not None:
            fields["denominator_yuan"] = den.yuan
    elif kind == "execution_rate":
        executed = [x for x in before if x.phase in ("executed", "previous") and x.category is not None]
        # the denominator is the full-year budget the sentence names, the 年初 figure only when it names no other
        planned = sorted(
            (x for x in before if x.phase in _DENOMINATOR_PHASES and x.category is not None),
            key=lambda x: (_DENOMINATOR_PHASES.index(x.phase), -x.start),
        )
        if executed:
            fields.update(numerator_yuan=executed[-1].yuan, subject=executed[-1].category)
        if planned:
            fields["denominator_yuan"] = planned[0].yuan
    if "subject" not in fields and kind == "execution_rate" and _DEPARTMENT_WIDE.search(window):
        fields["subject"] = "total"
    if "subject" not in fields:
        fields["subject"] = window[-16:] or None
    return replace(claim, **fields)


def _threshold(text: str, m: re.Match[str]) -> bool:
    """True for a percentage a form's instruction or a rule sets (未达到90%的需说明原因), not one the report states."""
    return bool(_THRESHOLD_BEFORE.search(text[max(0, m.start() - 6) : m.start()])) or bool(
        _THRESHOLD_AFTER.match(text, m.end())
    )


def extract_claims(
    doc: Document, fiscal_year: int | None = None, subject: str | None = None, report_kind: str = "department"
) -> list[Claim]:
    """Every percentage a sentence states as a rate, share or change.

    In the report about a project or fund (``subject``), a sentence about that project states the report's own
    figures: its amounts are the total's, as are the amounts that name its money without a category (own_funds.py),
    and its first execution rate that names no category is the report's.
    """
    out: list[Claim] = []
    own = unit_budget_sentence(doc, fiscal_year)
    own_funds = report_kind != "department"
    for s in sentences(doc):
        if "%" not in s.text:
            continue
        about_total = own == (s.block.locator, s.text)
        ms = [
            replace(x, category="total")
            if (x.category is None and ((subject and x.project == subject) or (about_total and x.project is None)))
            or (own_funds and own_fund_phase(x, s.text) is not None)
            else x
            for x in mentions(s, fiscal_year)
        ]
        local_from = 0
        for m in _PERCENT.finditer(s.text):
            if _threshold(s.text, m):
                continue
            c = _claim(s, m, ms, local_from)
            local_from = m.end()
            if c is not None:
                out.append(c)
    if own_funds and not any(c.kind == "execution_rate" and c.subject == "total" for c in out):
        first = next(
            (i for i, c in enumerate(out) if c.kind == "execution_rate" and c.subject not in _BUDGET_CATEGORIES), None
        )
        if first is not None:
            out[first] = replace(out[first], subject="total")
    return out
