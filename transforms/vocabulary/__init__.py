"""The wording of self-evaluation reports, kept as data: one YAML file per concept, each entry with an example.

Every extractor reads its words from here (tests/transforms/vocabulary checks that no extractor keeps a list of
its own, and that each entry's example extracts to what the entry says). An entry is a mapping with at least
``term`` (the word or label as printed), ``example`` (a short text of our own in the shape reports print it) and
``means`` (what an extractor must read from the example).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from transforms.yamlfile import load_yaml

HERE = Path(__file__).parent


@cache
def load(concept: str) -> dict[str, Any]:
    """The parsed vocabulary file ``<concept>.yaml``."""
    data: dict[str, Any] = load_yaml(HERE / f"{concept}.yaml")
    return data


def terms(concept: str, part: str) -> tuple[str, ...]:
    """The terms of one part of a vocabulary, in file order."""
    return tuple(str(e["term"]) for e in load(concept)[part])


def entries(concept: str, part: str) -> list[dict[str, Any]]:
    """The entries of one part of a vocabulary, in file order."""
    return list(load(concept)[part])


def alternation(words: Iterable[str]) -> str:
    """A regular-expression alternation of literal words, longest first (万元 before 万, 不合格 before 合格)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def concepts() -> list[str]:
    """Every vocabulary file's concept name."""
    return sorted(p.stem for p in HERE.glob("*.yaml"))
