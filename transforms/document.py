"""The Document model every reader produces: ordered blocks with a locator on each block and cell."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "table"]


@dataclass(frozen=True)
class Locator:
    """Where a piece of text came from: file plus page/line range and, for tables, table/row/column."""

    file: str
    page: int | None = None
    line_start: int | None = None
    line_end: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    sheet: str | None = None  # a workbook's sheet: the cell renders as Excel writes it (Sheet1!B6)

    def render(self) -> str:
        """Short human-readable form, e.g. ``r.pdf p3 表2 行4 列5``, ``r.txt L120-121`` or ``r.xlsx 附表1!B6``."""
        parts = [self.file]
        if self.sheet is not None:
            cell = f"{_column_letters(self.col)}{self.row + 1}" if self.row is not None and self.col is not None else ""
            return " ".join([*parts, f"{self.sheet}!{cell}" if cell else self.sheet])
        if self.page is not None:
            parts.append(f"p{self.page}")
        if self.line_start is not None:
            if self.line_end is not None and self.line_end != self.line_start:
                parts.append(f"L{self.line_start}-{self.line_end}")
            else:
                parts.append(f"L{self.line_start}")
        if self.table is not None:
            parts.append(f"表{self.table}")
        # rows and columns counted from 1, as a person counts them on the page
        if self.row is not None:
            parts.append(f"行{self.row + 1}")
        if self.col is not None:
            parts.append(f"列{self.col + 1}")
        return " ".join(parts)

    def with_cell(self, row: int, col: int, bbox: tuple[float, float, float, float] | None = None) -> Locator:
        """The same locator narrowed to one table cell."""
        return Locator(self.file, self.page, self.line_start, self.line_end, self.table, row, col, bbox, self.sheet)


def _column_letters(col: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: a column as Excel names it."""
    out = ""
    n = col + 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("A") + rem) + out
    return out


@dataclass(frozen=True)
class Cell:
    """One table cell; ``rowspan``/``colspan`` > 1 for merged cells (the covered cells are omitted)."""

    text: str
    row: int
    col: int
    locator: Locator
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class Table:
    """A table as rows of cells, in reading order."""

    rows: tuple[tuple[Cell, ...], ...]
    locator: Locator
    continued: bool = False  # joined from pieces split across pages
    header_rows: int = 0  # leading rows that label the columns (0 when unknown)

    def grid(self) -> list[list[str]]:
        """Rows of cell texts with merged cells expanded, so every row has the table's width."""
        width = max((c.col + c.colspan for r in self.rows for c in r), default=0)
        out: list[list[str]] = [[""] * width for _ in self.rows]
        for r in self.rows:
            for c in r:
                for dr in range(c.rowspan):
                    if c.row + dr >= len(out):
                        break
                    for dc in range(c.colspan):
                        out[c.row + dr][c.col + dc] = c.text
        return out

    def cell_at(self, row: int, col: int) -> Cell | None:
        """The cell covering grid position (row, col), merged cells included."""
        for r in self.rows:
            for c in r:
                if c.row <= row < c.row + c.rowspan and c.col <= col < c.col + c.colspan:
                    return c
        return None


@dataclass(frozen=True)
class Block:
    """A heading, paragraph or table in document order."""

    kind: BlockKind
    text: str
    locator: Locator
    table: Table | None = None
    level: int = 0  # heading level, 0 for body blocks


@dataclass(frozen=True)
class Document:
    """What a reader returns: the file's blocks in order, plus facts about the reading."""

    source_file: str
    media_type: str  # pdf | docx | xlsx | text
    blocks: tuple[Block, ...]
    pages: int = 0
    warnings: tuple[str, ...] = field(default_factory=tuple)

    def text(self) -> str:
        """All block text joined by newlines; tables as tab-separated rows."""
        return "\n".join(b.text for b in self.blocks)

    def tables(self) -> list[Table]:
        """Every table in document order."""
        return [b.table for b in self.blocks if b.table is not None]
