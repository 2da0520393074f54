"""Canonical indicator catalogue (indicator_catalogue.json) and fuzzy matching of printed indicator names."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from transforms.facts import ReportFacts
from transforms.normalize.text import fold_chars, squash

CATALOGUE_PATH = Path(__file__).with_name("indicator_catalogue.json")
# ratio on characters: names that differ by a region word or a suffix (数量/次数) still match; shorter
# overlaps do not, so an unknown indicator stays unmatched rather than forced onto a neighbour.
MATCH_THRESHOLD = 86.0
_BRACKETS = re.compile(r"[（(][^）)]*[）)]|[“”\"'‘’《》]")
_NUMBERING = re.compile(r"^(?:[①-⑳]|\d+[.、])")


@dataclass(frozen=True)
class CatalogueEntry:
    """One canonical indicator."""

    code: str
    name: str
    synonyms: tuple[str, ...]


def normalize_name(name: str) -> str:
    """Indicator name reduced for matching: no whitespace, quotes, bracketed notes or list numbering."""
    t = squash(fold_chars(name))
    t = _BRACKETS.sub("", t)
    return _NUMBERING.sub("", t)


@lru_cache(maxsize=1)
def load_catalogue() -> tuple[CatalogueEntry, ...]:
    """The catalogue entries from the JSON data file."""
    data = json.loads(CATALOGUE_PATH.read_text(encoding="utf-8"))
    return tuple(CatalogueEntry(e["code"], e["name"], tuple(e.get("synonyms", ()))) for e in data["indicators"])


@lru_cache(maxsize=1)
def _choices() -> dict[str, str]:
    out: dict[str, str] = {}
    for e in load_catalogue():
        for n in (e.name, *e.synonyms):
            out.setdefault(normalize_name(n), e.code)
    return out


@lru_cache(maxsize=4096)
def match_indicator(name: str) -> str | None:
    """Canonical code for a printed indicator name, or None when nothing is close enough."""
    key = normalize_name(name)
    if not key:
        return None
    choices = _choices()
    if key in choices:
        return choices[key]
    best = process.extractOne(key, list(choices), scorer=fuzz.ratio, score_cutoff=MATCH_THRESHOLD)
    return choices[best[0]] if best else None


def unmatched_indicators(facts: ReportFacts) -> list[str]:
    """Indicator names of a report that the catalogue does not know, for a reviewer to add or map."""
    return sorted({i.level3 for i in facts.indicators if i.canonical_code is None})
