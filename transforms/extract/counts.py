"""Counts a sentence breaks down with 其中: ``参保 326.68 万人，其中职工 50.6 万人，居民 273.74 万人``.

Each becomes a ``count_total`` claim: the stated total in ``stated_value``, the parts' sum in ``numerator_count``,
the number of parts in ``denominator_count``, the finest printed decimals in ``decimals`` and ``label|unit`` as
its subject, so a rule can check that the parts add up and match the count to an indicator of the same unit.
"""

from __future__ import annotations

import re
from decimal import Decimal

from transforms.document import Document
from transforms.extract.sentences import sentences
from transforms.facts import Claim, Evidence
from transforms.normalize.numbers import decimals_of, to_decimal
from transforms.normalize.units import tally_units

_UNIT = tally_units()
_TOTAL = re.compile(rf"(\d+(?:\.\d+)?)\s*({_UNIT})\s*[（(]?\s*[，,]?\s*其中\s*[：:]?")
_PART = re.compile(rf"^([^\d%]*?)\s*(\d+(?:\.\d+)?)\s*({_UNIT})")
_LABEL_CUT = re.compile(r"[，,；;。：:、]")
_CLAUSE_END = re.compile(r"[；;。）)]")


def _parts(rest: str, unit: str) -> list[str]:
    """The part numbers listed after 其中 in the same clause chain, in the total's unit."""
    end = _CLAUSE_END.search(rest)
    numbers: list[str] = []
    for clause in re.split(r"[，,]", rest[: end.start()] if end else rest):
        if "%" in clause:  # a rate about the previous part (平均降幅 62%) does not end the list
            continue
        m = _PART.match(clause.strip())
        if m is None or m.group(3) != unit:
            break
        numbers.append(m.group(2))
    return numbers


def extract_count_totals(doc: Document) -> list[Claim]:
    """Every count stated with at least two parts after 其中, as a ``count_total`` claim."""
    out: list[Claim] = []
    for s in sentences(doc):
        for m in _TOTAL.finditer(s.text):
            parts = _parts(s.text[m.end() :], m.group(2))
            total = to_decimal(m.group(1))
            if len(parts) < 2 or total is None:
                continue
            left = s.text[: m.start()]
            cut = [d.end() for d in _LABEL_CUT.finditer(left)]
            label = (left[cut[-1] :] if cut else left).strip(" 共计为达约有")[-16:]
            values = [to_decimal(p) or Decimal(0) for p in parts]
            out.append(
                Claim(
                    "count_total",
                    total,
                    max(decimals_of(x) for x in [m.group(1), *parts]),
                    Evidence(s.block.locator, s.text[:300]),
                    subject=f"{label}|{m.group(2)}",
                    percent=False,
                    numerator_count=sum(values, Decimal(0)),
                    denominator_count=Decimal(len(parts)),
                )
            )
    return out
