"""HTML <table> fragments left in converted text: rows and cells, with their column and row spans."""

from __future__ import annotations

import re

from transforms.document import Cell, Locator, Table
from transforms.normalize.text import clean_inline
from transforms.readers.text_tables.lines import Found, Line

TABLE_START = re.compile(r"<table\b", re.IGNORECASE)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.IGNORECASE | re.DOTALL)
_CELL = re.compile(r"<t[dh]\b([^>]*)>(.*?)</t[dh]>", re.IGNORECASE | re.DOTALL)
_COLSPAN = re.compile(r"colspan\s*=\s*[\"']?(\d+)", re.IGNORECASE)
_ROWSPAN = re.compile(r"rowspan\s*=\s*[\"']?(\d+)", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def html_table(lines: list[Line], i: int, name: str, table_no: int) -> Found:
    """The <table> starting at line i, up to its </table>."""
    start = lines[i].no
    chunk: list[str] = []
    while i < len(lines):
        chunk.append(lines[i].raw)
        i += 1
        if "</table>" in lines[i - 1].raw.lower():
            break
    html = "\n".join(chunk)
    loc = Locator(name, line_start=start, line_end=lines[i - 1].no, table=table_no)
    rows: list[tuple[Cell, ...]] = []
    covered: set[tuple[int, int]] = set()  # grid positions a cell from a row above spans into
    for m in _ROW.finditer(html):
        r = len(rows)
        no = start + html[: m.start()].count("\n")
        cells: list[Cell] = []
        col = 0
        for attrs, body in _CELL.findall(m.group(1)):
            while (r, col) in covered:
                col += 1
            cspan, rspan = _span(_COLSPAN, attrs), _span(_ROWSPAN, attrs)
            cloc = Locator(name, line_start=no, line_end=no, table=table_no, row=r, col=col)
            cells.append(Cell(clean_inline(_TAG.sub("", body)).strip(), r, col, cloc, rowspan=rspan, colspan=cspan))
            covered.update((r + dr, col + dc) for dr in range(rspan) for dc in range(cspan))
            col += cspan
        if cells:
            rows.append(tuple(cells))
    return Found(Table(tuple(rows), loc), i)


def _span(rx: re.Pattern[str], attrs: str) -> int:
    m = rx.search(attrs)
    return max(1, min(int(m.group(1)), 100)) if m else 1
