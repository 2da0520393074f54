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
from transforms.normalize.units import normalize_unit
from transforms.vocabulary import alternation, entries, terms

# a bare 万 or 亿 after a figure is money when no word follows it (已支出5.56万，), not 3万人 or 2万余
_AMOUNT = re.compile(
    r"(?<![\d.,/])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(亿元|万元|元|[万亿](?![\u4e00-\u9fff\d]))"
)
_NUMBER_PART = re.compile(r"[^\d.,]")  # the figure of an amount as printed (2671.0 of 2671.0万元)
_DELIM = re.compile(r"[，,；;：:≥≤<>=]|其中")
_SENTENCE_END = re.compile(r"[。！？!?\n]")
_ASIDE = re.compile(r"[（(]含[^）)]{0,40}[）)]")
_YEAR = re.compile(r"(20\d{2})\s*年")
_PROJECT_SENTENCE = re.compile(r"该项目|项目绩效自评")
_PROJECT_HEADING = re.compile(r"项目")  # a section about projects (三、重点项目支出情况)
_BUDGET_SUFFIX = re.compile(r"(?:支出|经费)预算$")
# a label that names only a phase: in a sentence about one category or project it keeps that subject
_PHASE_ONLY = re.compile(rf"^(?:{'|'.join(p for e in entries('budget', 'phase_only') for p in e['patterns'])})$")
# the unit's own budget, named by its year or how the unit calls itself: 2021年本校年初预算, 本局全年预算数
# (without either, as under a project's heading, the subject is not known)
_SELF = r"(?:(?:本|我)(?!级)[\u4e00-\u9fff]{1,3}?|部门|单位)"  # 本级 is a level of government, not the unit
_OWN = re.compile(rf"^(?:20\d{{2}}年度?{_SELF}?|{_SELF})(?P<rest>\S{{2,8}}?)为?$")
_OWN_PHASES = {"initial", "adjusted", "budget"}
# the funds a fund or project report is about, when a sentence names them without a category
_FUNDS = re.compile(rf"^(?:{'|'.join(p for e in entries('budget', 'funds_received') for p in e['patterns'])})$")
# words that point at a subject rather than name it (该项目, 本级, 全部资金)
_REFERENCE = re.compile(rf"^(?:{'|'.join(p for e in entries('budget', 'references') for p in e['patterns'])})")
# a sentence that opens with a name and a phase word is about that project: 校舍维修改造年初预算…, …下达资金…
_NAMED = re.compile(
    rf"^(?P<name>[\u4e00-\u9fff（）()“”A-Za-z]{{2,30}}?)"
    rf"(?:{alternation(terms('budget', 'project_openers'))})"
)


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
    project: str | None = None  # the project the sentence is about, when it opens with one's name


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
            s = text[pos : m.end()].strip()
            if s:
                yield Sentence(b, s, text[:pos])
            pos = m.end()


def mentions(sentence: Sentence, fiscal_year: int | None = None) -> list[Mention]:
    """The amounts a sentence names, each labelled by the words since the previous delimiter or amount."""
    text = sentence.text
    out: list[Mention] = []
    prev_end = 0
    first_phase: str | None = None
    project = sentence_project(text)
    for m in _AMOUNT.finditer(text):
        n = to_decimal(m.group(1))
        if n is None:
            continue
        left = text[prev_end : m.start()]
        cut = [d.end() for d in _DELIM.finditer(left)]
        label = left[cut[-1] :] if cut else left
        label = label.strip(" 为是达共计约")
        if project and label.startswith(project):
            label = label[len(project) :]  # what is said about the project: 下达资金, 年初预算
        cat = None if project else category_of(label)
        phase = phase_of(label) or ("executed" if label.endswith("执行") else None)
        if _FUNDS.search(label):
            phase = "adjusted"
            cat = None if project else (cat or "total")
        if cat is None and not project and not out and _own_budget(label):
            cat = "total"
        if out and _PHASE_ONLY.match(label) and out[-1].category is not None:
            cat = out[-1].category  # 基本支出年初预算…，全年预算…: still 基本支出
        if cat is None and phase is not None and out and not names_change_or_rate(label):
            cat = out[-1].category
        if cat is None and label.strip("、和及") == "支出" and out and out[-1].category == "income":
            cat, phase = "total", "executed"  # 收入…、支出…: the year's income and its spending
        if phase is None or (phase == "budget" and _BUDGET_SUFFIX.search(label.rstrip("数为"))):
            phase = first_phase or phase
        # 上年结转… opens many sentences: last year's figure does not make the later ones last year's
        if first_phase is None and phase not in (None, "budget", "previous"):
            first_phase = phase
        if fiscal_year is not None:
            years = [int(y) for y in _YEAR.findall(sentence.before + text[: m.start()])]
            if years and years[-1] == fiscal_year - 1:
                phase = "previous"
        out.append(
            Mention(
                m.start(),
                m.end(),
                m.group(0),
                scale_amount(n, normalize_unit(m.group(2))),
                normalize_unit(m.group(2)),
                label,
                cat,
                phase or "executed",
                project,
            )
        )
        prev_end = m.end()
    return out


def _own_budget(label: str) -> bool:
    """True when a label names the unit's own budget (2021年本校年初预算, 本局全年预算数) and no category."""
    m = _OWN.match(label)
    return bool(m) and category_of(m["rest"]) is None and phase_of(m["rest"]) in _OWN_PHASES


def sentence_project(text: str) -> str | None:
    """The project a sentence is about when it opens with the project's name and its money (None otherwise)."""
    m = _NAMED.match(text)
    if m is None:
        return None
    name = m.group("name")
    if category_of(name) is not None or re.search(r"\d", name) or _REFERENCE.match(name):
        return None
    return name


def unit_budget_sentence(doc: Document, fiscal_year: int | None = None) -> tuple[object, str] | None:
    """The sentence stating the unit's own budget in phase words alone (全年预算批复…，年中调整后为…；决算数…): the
    first whose amounts name phases and neither a category nor a project, a planned and a spent figure among them,
    outside a section about projects. Its amounts are the report's total."""
    heading = ""
    for s in sentences(doc):
        if s.block.kind == "heading":
            heading = s.text
            continue
        if _PROJECT_HEADING.search(heading) or _PROJECT_SENTENCE.search(s.text):
            continue
        ms = mentions(s, fiscal_year)
        phases = {m.phase for m in ms}
        if (
            ms
            and all(m.category is None and m.project is None for m in ms)
            and "executed" in phases
            and phases & {"initial", "adjusted"}
            and not _REFERENCE.match(ms[0].label)
        ):
            return s.block.locator, s.text
    return None


def sentence_budget_lines(
    doc: Document, fiscal_year: int | None = None, subject: str | None = None
) -> list[BudgetLine]:
    """The report's budget lines stated in sentences; a sentence about a project gives the project's money
    (projects.py), which is the report's own only in the report about that project (``subject``)."""
    lines: list[BudgetLine] = []
    seen: set[tuple[object, ...]] = set()
    own = unit_budget_sentence(doc, fiscal_year)
    for s in sentences(doc):
        if _PROJECT_SENTENCE.search(s.text):
            continue
        for mt in mentions(s, fiscal_year):
            category = mt.category
            if category is None and mt.project is None and own == (s.block.locator, s.text):
                category = "total"
            if mt.project is not None:
                category = "total" if subject is not None and mt.project == subject else None
            if category is None or mt.phase is None:
                continue
            key = (category, mt.phase, mt.yuan, s.block.locator.line_start, s.text)
            if key in seen:
                continue
            seen.add(key)
            lines.append(
                BudgetLine(
                    category,
                    mt.phase,
                    mt.yuan,
                    mt.unit,
                    Evidence(s.block.locator, s.text[:300]),
                    printed=_NUMBER_PART.sub("", mt.raw),
                    source="sentence",
                )
            )
    return lines
