"""Tables whose cells keep a separator: pipe and markdown rows, tab rows, and tab-led one-cell-per-line rows."""

from __future__ import annotations

import re

from transforms.readers.text_tables.lines import Found, Line, ends_table, rows_table

PIPE_ROW = re.compile(r"^\s*\|.*\|")  # starts with | and has another
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
ONE_CELL = re.compile(r"^\t[^\t]*$")


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
