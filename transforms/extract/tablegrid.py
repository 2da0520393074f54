"""Table helpers shared by the extractors: ragged-row repair, cell classification, declared units."""

from __future__ import annotations

import re
import weakref
from collections import Counter
from decimal import Decimal

from transforms.document import Block, Cell, Document, Table
from transforms.normalize.numbers import to_decimal
from transforms.normalize.text import fold_chars, squash
from transforms.normalize.units import declared_money_unit

PROJECT_NAME_HEADER = re.compile(r"^项目名称$")  # the name column of a list of projects
FUNDS_TOTAL = re.compile(r"资金总额|^总额$")  # the first row of a project's funding block (年度资金总额)
_BARE_NUMBER = re.compile(r"^[-+]?\d+(?:,\d{3})*(?:\.\d+)?分?$")


# each extractor reads every table: its repaired rows are built once and shared while the table lives
_REPAIRED: dict[int, tuple[weakref.ref[Table], list[list[Cell]]]] = {}


def repaired_rows(table: Table) -> list[list[Cell]]:
    """Rows with cells in order; two adjacent short rows that together make the table's usual width are joined.

    One-cell-per-line tables lose a row break to a blank line inside a cell (``二级\\n\\n指标``), which splits
    one row into two short ones; joining them restores the columns. The rows are shared: callers read them only.
    """
    key = id(table)
    hit = _REPAIRED.get(key)
    if hit is not None and hit[0]() is table:
        return hit[1]
    rows = _repaired(table)
    _REPAIRED[key] = (weakref.ref(table, lambda _, key=key: _REPAIRED.pop(key, None)), rows)
    return rows


def _repaired(table: Table) -> list[list[Cell]]:
    rows = aligned_rows(table)
    widths = Counter(len(r) for r in rows if len(r) > 1)
    if not widths:
        return rows
    width = widths.most_common(1)[0][0]
    out: list[list[Cell]] = []
    i = 0
    while i < len(rows):
        row = rows[i]
        if i + 1 < len(rows) and len(row) < width and len(rows[i + 1]) < width and len(row) + len(rows[i + 1]) == width:
            out.append(row + rows[i + 1])
            i += 2
            continue
        out.append(row)
        i += 1
    return out


def aligned_rows(table: Table) -> list[list[Cell]]:
    """Rows where position i holds the cell at grid column i; the columns a merged cell covers hold empty cells.

    Readers omit covered cells, so without this a merge (``全年预算数`` over three columns, a label spanning two)
    shifts every later cell of the row one place left and the extractors read labels in figure columns. The text
    form writes the covered cells as empty cells, which is what this restores.
    """
    out: list[list[Cell]] = []
    for r in table.rows:
        row: list[Cell] = []
        for c in sorted(r, key=lambda x: x.col):
            row.extend(Cell("", c.row, k, c.locator.with_cell(c.row, k)) for k in range(len(row), c.col))
            row.append(c)
            row.extend(Cell("", c.row, c.col + k, c.locator.with_cell(c.row, c.col + k)) for k in range(1, c.colspan))
        out.append(row)
    return out


def text_of(cell: Cell) -> str:
    """Cell text with all whitespace removed (cells wrap words across lines)."""
    return squash(fold_chars(cell.text))


def number_cell(text: str) -> Decimal | None:
    """A bare number cell (``10``, ``10分``, ``1,234.5``); None for anything with other words or units."""
    t = squash(fold_chars(text))
    if not _BARE_NUMBER.match(t):
        return None
    return to_decimal(t)


def block_index(doc: Document, table: Table) -> int:
    """Position of the block holding ``table``."""
    for i, b in enumerate(doc.blocks):
        if b.table is table:
            return i
    return -1


def money_unit_near(doc: Document, table: Table) -> str | None:
    """The money unit declared in the table's first rows or in a caption just before it."""
    for row in table.rows[:3]:
        for c in row:
            u = declared_money_unit(c.text)
            if u:
                return u
    idx = block_index(doc, table)
    for b in doc.blocks[max(0, idx - 2) : idx] if idx > 0 else []:
        u = _caption_unit(b)
        if u:
            return u
    return None


def _caption_unit(b: Block) -> str | None:
    if b.table is not None or len(b.text) > 200:
        return None
    return declared_money_unit(b.text)
