"""Tables whose cells keep a separator: pipe and markdown rows, bar rows, tab rows, and tab-led one-cell-per-line
rows."""

from __future__ import annotations

import re

from transforms.readers.columns import label_kind
from transforms.readers.paragraphs import is_number
from transforms.readers.text_tables.lines import Found, Line, ends_table, rows_table

PIPE_ROW = re.compile(r"^\s*\|.*\|")  # starts with | and has another
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
ONE_CELL = re.compile(r"^\t[^\t]*$")
# a page's table turned to text by a browser or converter: cells ended by " |", no bar in front, the cells a merge
# covered printed as a run of bars at the end (年度资金总额 | 329.77 | 338.31 | |||||)
BAR_ROW = re.compile(r"^\s*[^|\s][^|]*\|(?:[^|]*\|)+\s*\|*\s*$")
BAR_CELL = re.compile(r"^\s*[^|\s][^|]*\|\s*\|*\s*$")  # one cell and its bar, inside such a table
_BAR_END = re.compile(r"^\|{2,}$")  # a line of bars ends a row written a cell to a line
_ROW_CELLS = 60  # the most cells a row written a cell to a line has before its line of bars


def pipe(lines: list[Line], i: int, name: str, table_no: int) -> Found:
    """Markdown and pipe tables: rows that start with |, separator rows dropped, an open last cell allowed."""
    rows: list[list[tuple[str, int]]] = []
    while i < len(lines) and PIPE_ROW.match(lines[i].raw):
        raw = lines[i].raw.strip()
        if not _PIPE_RULE.match(raw):
            cells = raw[1:].split("|")
            if raw.endswith("|") and len(cells) > 1:
                cells = cells[:-1]
            rows.append([(c.strip(), lines[i].no) for c in cells])
        i += 1
    return Found(rows_table(rows, name, table_no), i)


def bar_rows(lines: list[Line], i: int, name: str, table_no: int) -> Found:
    """Rows of cells each ended by a bar, without one in front, in either of the two ways converters write them.

    A row to a line (年度资金总额 | 329.77 | 338.31 |), where a line of one cell between rows is a row of its own; or a
    cell to a line (全年预算数 |), a lone bar an empty cell and a line of bars (||||) the end of a row. A line of one
    cell that starts neither is a caption, left as text.

    A header row that opens with a figure's column (年初预算数) over rows that open with a label lost the label
    column to a merge above it (预算资金（万元） over the labels): it is moved right so its labels stand over their
    figures.
    """
    rows, j = _cell_per_line(lines, i)
    if not rows:
        if len(_bar_cells(lines[i].raw)) < 2:
            return Found(rows_table([], name, table_no), i)  # a caption with its bar (…绩效自评表 |) is text
        j = i
        while j < len(lines) and (BAR_ROW.match(lines[j].raw) or BAR_CELL.match(lines[j].raw)):
            rows.append([(c, lines[j].no) for c in _bar_cells(lines[j].raw)])
            j += 1
        while rows and len(rows[-1]) == 1:  # a caption or a sentence with a bar after the table is not a row of it
            rows.pop()
            j -= 1
    for k in range(len(rows) - 1):
        head, first = rows[k], rows[k + 1]
        if (
            len(head) >= 2
            and label_kind(head[0][0]) == "amount"  # the header opens with a figure's column, not the labels'
            and not is_number(first[0][0])
            and any(is_number(t) for t, _ in first[1:])
        ):
            rows[k] = [("", head[0][1]), *head]
    return Found(rows_table(rows, name, table_no), j)


def _cell_per_line(lines: list[Line], i: int) -> tuple[list[list[tuple[str, int]]], int]:
    """Rows written a cell to a line and ended by a line of bars, from line i; none unless two rows of two cells or
    more come out."""
    rows: list[list[tuple[str, int]]] = []
    row: list[tuple[str, int]] = []
    j = i
    while j < len(lines):
        raw = lines[j].raw.strip()
        if not rows and j - i > _ROW_CELLS:
            return [], i  # no row end in sight: not this form (and no rescanning of a long run from every line)
        if _BAR_END.match(raw):
            if row:
                rows.append(row)
            row = []
        elif raw == "|" or BAR_CELL.match(raw):
            row.append((raw.rstrip("|").strip(), lines[j].no))
        else:
            break
        j += 1
    if row:
        rows.append(row)
    rows = [r for r in rows if any(t for t, _ in r)]
    if sum(1 for r in rows if len(r) >= 2) < 2:
        return [], i
    return rows, j


def _bar_cells(raw: str) -> list[str]:
    cells = [c.strip() for c in raw.strip().split("|")]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def tab_rows(lines: list[Line], i: int, name: str, table_no: int) -> Found:
    """Rows written as one line each with cells separated by tabs; blank lines inside are skipped."""
    rows: list[list[tuple[str, int]]] = []
    while i < len(lines):
        raw = lines[i].raw
        if not raw.strip():
            # a blank line continues the table only when the next non-blank line is a tab row too
            j = i + 1
            while j < len(lines) and not lines[j].raw.strip():
                j += 1
            if j < len(lines) and "\t" in lines[j].raw and not ONE_CELL.match(lines[j].raw):
                i = j
                continue
            break
        if "\t" not in raw or ONE_CELL.match(raw):
            break
        rows.append([(t, lines[i].no) for t in raw.split("\t")])
        i += 1
    return Found(rows_table(rows, name, table_no), i)


def tab_cells(lines: list[Line], i: int, name: str, table_no: int) -> Found:
    """Each cell on its own line starting with a tab; a blank line ends a row, two end the table.

    A line without the leading tab continues the previous cell (a cell with several lines or paragraphs), unless
    it is a heading or a sentence: that ends the table, so a paragraph after it is not swallowed.
    """
    rows: list[list[tuple[str, int]]] = [[]]
    blank_run = 0
    while i < len(lines):
        raw = lines[i].raw
        if not raw.strip() and "\t" not in raw:
            blank_run += 1
            if blank_run >= 2:
                # two blank lines end the table unless a tab cell follows right after
                j = i + 1
                while j < len(lines) and not lines[j].raw.strip() and "\t" not in lines[j].raw:
                    j += 1
                if j < len(lines) and ONE_CELL.match(lines[j].raw):
                    i = j
                    blank_run = 1
                    if rows[-1]:
                        rows.append([])
                    continue
                break
            if rows[-1]:
                rows.append([])
            i += 1
            continue
        if ONE_CELL.match(raw):
            blank_run = 0
            rows[-1].append((raw[1:], lines[i].no))
        elif "\t" in raw:
            break
        else:
            target = rows[-1] if rows[-1] else (rows[-2] if len(rows) > 1 else None)
            if not target or blank_run >= 2 or (blank_run and ends_table(raw)):
                break
            text, no = target[-1]
            target[-1] = (text + "\n" + raw.strip(), no)
            blank_run = 0
        i += 1
    rows = [r for r in rows if r]
    if sum(len(r) for r in rows) < 2:
        rows = []  # one tab-led line is an indented paragraph, not a table
    return Found(rows_table(rows, name, table_no), i)
