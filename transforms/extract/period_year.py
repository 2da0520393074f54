"""The years sentences name as the period of the report's work or money (截至2022年底, 2022年全年): a report on 2023
that says 截至2022年底 names the wrong year somewhere. Phrases are in vocabulary/dates.yaml (period_phrases)."""

from __future__ import annotations

import re
from functools import cache

from transforms.document import Block
from transforms.facts import Evidence
from transforms.normalize.text import fold_chars
from transforms.vocabulary import terms


@cache
def _phrases() -> re.Pattern[str]:
    shapes = [re.escape(t).replace(r"\{year\}", r"\s*(20\d{2})\s*") for t in terms("dates", "period_phrases")]
    return re.compile("|".join(f"(?:{s})" for s in shapes))


def period_year(text: str) -> int | None:
    """The year the first period phrase of ``text`` names, or None."""
    m = _phrases().search(fold_chars(text))
    return int(next(g for g in m.groups() if g)) if m else None


def period_years(blocks: list[Block]) -> list[tuple[int, Evidence]]:
    """Each period phrase of the prose with the year it names and the phrase as evidence."""
    out: list[tuple[int, Evidence]] = []
    for b in blocks:
        if b.kind == "table":
            continue
        for m in _phrases().finditer(fold_chars(b.text)):
            out.append((int(next(g for g in m.groups() if g)), Evidence(b.locator, m.group(0))))
    return out
