"""What every text-table form shares: the numbered line, the cell and table builders, and where a table stops."""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.document import Cell, Locator, Table
from transforms.normalize.text import clean_inline, squash
from transforms.normalize.units import declared_money_unit
from transforms.readers.paragraphs import heading_level

_MD_HEADING = re.compile(r"^\s*#{1,6}\s")
_LONG = 60  # a line this long is prose, not a cell
_SENTENCE_END = re.compile(r"[。：:；;]$")


@dataclass(frozen=True)
class Line:
    """One line of the file, numbered from 1."""

    no: int
    raw: str


@dataclass(frozen=True)
class Found:
    """A table a form recognised, the index of the first line after it, and the warning it leaves (if any)."""

    table: Table
    next: int
    warning: str = ""


def rows_table(rows: list[list[tuple[str, int]]], name: str, table_no: int, header_rows: int = 0) -> Table:
    """A Table from rows of (text, line number); every cell's locator names its line, row and column."""
    nos = [no for r in rows for _, no in r]
    loc = Locator(name, line_start=min(nos, default=None), line_end=max(nos, default=None), table=table_no)
    return Table(
        tuple(tuple(cell(t, r, c, loc, no) for c, (t, no) in enumerate(row)) for r, row in enumerate(rows)),
        loc,
        header_rows=header_rows,
    )


def cell(text: str, row: int, col: int, loc: Locator, line_no: int) -> Cell:
    cloc = Locator(loc.file, line_start=line_no, line_end=line_no, table=loc.table, row=row, col=col)
    return Cell(clean_inline(text).strip(), row, col, cloc)


def ends_table(text: str, cell: bool = True) -> bool:
    """A line no table row can be: a heading, a sentence, a unit caption, or (for a line holding one cell) prose."""
    t = clean_inline(text).strip()
    return bool(
        heading_level(t)
        or _MD_HEADING.match(text)
        or declared_money_unit(t)
        or (cell and (_SENTENCE_END.search(t) or len(squash(t)) > _LONG))
    )
