"""Tables in text, one module per form they arrive in; ``find_table`` tries the forms a line could start.

Forms with separators (pipe, HTML, tab) are read as written. Forms that lost them (one cell per line, columns
aligned by spaces, cells run together) are rebuilt from a header of known column labels (columns.py) and leave a
``table_rebuilt`` warning saying how, so a reviewer can see why a table looks as it does.
"""

from __future__ import annotations

from transforms.readers.text_tables import cell_lines, flattened, spaced
from transforms.readers.text_tables.delimited import (
    BAR_CELL,
    BAR_ROW,
    ONE_CELL,
    PIPE_ROW,
    bar_rows,
    pipe,
    tab_cells,
    tab_rows,
)
from transforms.readers.text_tables.html import TABLE_START, html_table
from transforms.readers.text_tables.lines import Found, Line

__all__ = ["Found", "Line", "find_table"]


def find_table(lines: list[Line], i: int, name: str, table_no: int) -> Found | None:
    """The table that starts at line i in whichever form it takes, or None when line i starts none."""
    raw = lines[i].raw
    if not raw.strip():
        return None
    if PIPE_ROW.match(raw):
        return pipe(lines, i, name, table_no)
    if TABLE_START.search(raw):
        return html_table(lines, i, name, table_no)
    if BAR_ROW.match(raw):
        return bar_rows(lines, i, name, table_no)
    if BAR_CELL.match(raw):
        found = bar_rows(lines, i, name, table_no)
        if found.table.rows:
            return found
        # a cell to a line with no line of bars between rows: the bars say nothing of the rows, so the table is
        # rebuilt from its header as one cell per line is (全年预算数 | / 全年执行数 | / …)
        if cell_lines.header_at(_unbarred(lines, i, i + 30), 0) is None:
            return found
        rebuilt = cell_lines.find(_unbarred(lines, i, len(lines)), 0, name, table_no)
        return found if rebuilt is None else Found(rebuilt.table, rebuilt.next + i, rebuilt.warning)
    if "\t" in raw:
        return tab_cells(lines, i, name, table_no) if ONE_CELL.match(raw) else tab_rows(lines, i, name, table_no)
    return (
        spaced.find(lines, i, name, table_no)
        or cell_lines.find(lines, i, name, table_no)
        or flattened.find(lines, i, name, table_no)
    )


def _unbarred(lines: list[Line], start: int, end: int) -> list[Line]:
    """Lines ``start`` to ``end`` without the bar that ends each cell."""
    return [Line(ln.no, ln.raw.strip().rstrip("|").rstrip()) for ln in lines[start:end]]
