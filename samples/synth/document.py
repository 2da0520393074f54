"""A generated report as blocks, before any layout: each block carries the facts it states, for the truth file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Table:
    """A table as the report means it: flat column names, optional groups spanning columns, body rows."""

    name: str  # budget | indicators | projects | funding
    header: list[str]
    rows: list[list[str]]
    groups: list[tuple[str, int, int]] = field(default_factory=list)  # (label, first col, last col): 2-row header
    unit_note: str = ""
    merge_cols: tuple[int, ...] = ()  # columns whose repeated values are one merged cell (level 1 and 2 names)
    caption: str = ""


@dataclass
class Block:
    """A title, heading, paragraph or table, and the facts a reader can take from it."""

    kind: str  # title | heading | para | table
    text: str = ""
    table: Table | None = None
    facts: dict[str, Any] = field(default_factory=dict)


def merged_facts(blocks: list[Block]) -> dict[str, Any]:
    """The facts the given blocks state together: scalars from the first block that states them, lists joined."""
    out: dict[str, Any] = {}
    for b in blocks:
        for key, value in b.facts.items():
            if isinstance(value, list):
                out.setdefault(key, []).extend(value)
            else:
                out.setdefault(key, value)
    return out
