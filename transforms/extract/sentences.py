"""Sentences and the amounts they name: each amount with the words before it, its category and phase."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from transforms.document import Block, Document
from transforms.extract.categories import category_of, names_change_or_rate, phase_of
from transforms.facts import BudgetLine, Evidence
from transforms.normalize.numbers import scale_amount, to_decimal
from transforms.normalize.text import fold_chars

_AMOUNT = re.compile(r"(?<![\d.,/])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(亿元|万元|元)")
_DELIM = re.compile(r"[，,；;：:≥≤<>=]|其中")
_SENTENCE_END = re.compile(r"[。！？!?\n]")
_ASIDE = re.compile(r"[（(]含[^）)]{0,40}[）)]")
_YEAR = re.compile(r"(20\d{2})\s*年")
_PROJECT_SENTENCE = re.compile(r"该项目|项目绩效自评")
_BUDGET_SUFFIX = re.compile(r"(?:支出|经费)预算$")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a paragraph, with the text before it in the paragraph (for the year it is about)."""

    block: Block
    text: str
    before: str  # paragraph text before this sentence


@dataclass(frozen=True)
class Mention:
    """An amount named in a sentence."""

    start: int
    end: int
    raw: str
    yuan: Decimal
    unit: str
    label: str
    category: str | None
    phase: str | None


def clean_sentence_text(text: str) -> str:
    """Sentence text with folded characters and the ``（含…）`` asides that would mislabel the next amount removed."""
    return _ASIDE.sub("", fold_chars(text))


def sentences(doc: Document) -> Iterator[Sentence]:
    """Every sentence of every paragraph and heading, in order."""
    for b in doc.blocks:
        if b.table is not None:
            continue
        text = clean_sentence_text(b.text)
        pos = 0
        for m in _SENTENCE_END.finditer(text + "。"):
            s = text[pos: m.end()].strip()
            if s:
                yield Sentence(b, s, text[:pos])
            pos = m.end()


def mentions(sentence: Sentence, fiscal_year: int | None = None) -> list[Mention]:
    """The amounts a sentence names, each labelled by the words since the previous delimiter or amount."""
    text = sentence.text
    out: list[Mention] = []
    prev_end = 0
    first_phase: str | None = None
    for m in _AMOUNT.finditer(text):
        n = to_decimal(m.group(1))
        if n is None:
            continue
        left = text[prev_end: m.start()]
        cut = [d.end() for d in _DELIM.finditer(left)]
        label = left[cut[-1]:] if cut else left
        label = label.strip(" 为是达共计约")
        cat = category_of(label)
        phase = phase_of(label)
        if cat is None and phase is not None and out and not names_change_or_rate(label):
            cat = out[-1].category
        if cat is None and label.strip("、和及") == "支出" and out and out[-1].category == "income":
            cat, phase = "total", "executed"  # 收入…、支出…: the year's income and its spending
        if phase is None or (phase == "budget" and _BUDGET_SUFFIX.search(label.rstrip("数为"))):
            phase = first_phase or phase
        if first_phase is None and phase not in (None, "budget"):
            first_phase = phase
        if fiscal_year is not None:
            years = [int(y) for y in _YEAR.findall(sentence.before + text[: m.start()])]
            if years and years[-1] == fiscal_year - 1:
                phase = "previous"
        out.append(Mention(m.start(), m.end(), m.group(0), scale_amount(n, m.group(2)), m.group(2), label, cat,
                           phase or "executed"))
        prev_end = m.end()
    return out


def sentence_budget_lines(doc: Document, fiscal_year: int | None = None) -> list[BudgetLine]:
    """Department budget lines stated in sentences (project sentences are left to the project extractor)."""
    lines: list[BudgetLine] = []
    seen: set[tuple[object, ...]] = set()
    for s in sentences(doc):
        if _PROJECT_SENTENCE.search(s.text):
            continue
        for mt in mentions(s, fiscal_year):
            if mt.category is None or mt.phase is None:
                continue
            key = (mt.category, mt.phase, mt.yuan, s.block.locator.line_start, s.text)
            if key in seen:
                continue
            seen.add(key)
            lines.append(BudgetLine(mt.category, mt.phase, mt.yuan, mt.unit, Evidence(s.block.locator, s.text[:300]),
                                    source="sentence"))
    return lines
