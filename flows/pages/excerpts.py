"""Where an issue's evidence sits in a DOCX, text or workbook source, shown as the lines around it (pure: a Document
in, lines out). A table hit shows the table's header rows above the row it names; a sentence, its paragraph with
the one before and after. PDF pages get an image crop instead (flows/alerts/crops.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.document import Block, Document

_LINE = re.compile(r"\bL(\d+)(?:-(\d+))?\b")
_TABLE = re.compile(r"表(\d+)")
_ROW = re.compile(r"行(\d+)")
_SHEET_CELL = re.compile(r"(\S+)!([A-Z]+)(\d+)$")


@dataclass(frozen=True)
class ExcerptLine:
    text: str
    hit: bool  # the line the evidence was read from
    header: bool = False  # a table's header row, shown for context


def _row_text(cells: tuple) -> str:  # type: ignore[type-arg]
    return " | ".join(c.text.strip() for c in cells if c.text.strip())


def _table_excerpt(block: Block, row: int | None) -> list[ExcerptLine]:
    table = block.table
    assert table is not None
    heads = max(table.header_rows, 1)
    out = [ExcerptLine(_row_text(r), False, True) for r in table.rows[:heads]]
    if row is not None and heads <= row < len(table.rows):
        if row > heads:
            out.append(ExcerptLine("…", False))
        out.append(ExcerptLine(_row_text(table.rows[row]), True))
    return out


def source_excerpt(doc: Document, locator: str) -> list[ExcerptLine]:
    """The lines a reviewer needs to see the evidence in its place; empty when the locator names no block."""
    sheet = _SHEET_CELL.search(locator)
    table_no = _TABLE.search(locator)
    row = _ROW.search(locator)
    row_i = int(row.group(1)) - 1 if row else None
    if sheet:
        for b in doc.blocks:
            if b.table is not None and b.locator.sheet == sheet.group(1):
                return _table_excerpt(b, int(sheet.group(3)) - 1)
    if table_no:
        for b in doc.blocks:
            if b.table is not None and b.table.locator.table == int(table_no.group(1)):
                return _table_excerpt(b, row_i)
    line = _LINE.search(locator)
    if not line:
        return []
    first = int(line.group(1))
    last = int(line.group(2) or first)
    blocks = list(doc.blocks)
    for i, b in enumerate(blocks):
        start = b.locator.line_start
        end = b.locator.line_end or start
        if start is not None and start <= last and (end or start) >= first:
            around = blocks[max(0, i - 1) : i + 2]
            return [ExcerptLine(x.text.strip(), x is b) for x in around if x.text.strip()]
    return []
