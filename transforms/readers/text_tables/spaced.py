"""Columns aligned by runs of spaces, as text exported from a fixed-width view: a header of column labels fixes
where each column starts (in display width, a CJK character counting two), and every cell of a row goes in the
column its first character falls under, so empty and merged cells keep their place.
"""

from __future__ import annotations

import re
import unicodedata

from transforms.readers.columns import label_kind
from transforms.readers.text_tables.lines import Found, Line, ends_table, rows_table

_RUN = re.compile(r"\S+(?: \S+)*")  # text with single spaces inside; two or more end a cell
_MIN_LABELS = 3


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def cells_of(raw: str) -> list[tuple[int, str]]:
    """(display column, text) of each run of text between gaps of two or more spaces."""
    return [(_width(raw[: m.start()]), m.group(0)) for m in _RUN.finditer(raw)]


def find(lines: list[Line], i: int, name: str, table_no: int) -> Found | None:
    """A space-aligned table whose header is line i, or None."""
    head = cells_of(lines[i].raw)
    if len(head) < _MIN_LABELS or "\t" in lines[i].raw or any(label_kind(t) is None for _, t in head):
        return None
    starts = [s for s, _ in head]
    labels = [t for _, t in head]
    if starts[0] > 1:
        starts.insert(0, 0)  # the first column's header cell is empty
        labels.insert(0, "")
    grid = [[(t, lines[i].no) for t in labels]]
    j = i + 1
    while j < len(lines):
        raw = lines[j].raw
        cells = cells_of(raw)
        lone = len(cells) < 2 and not raw.startswith(" ")  # one run of text from the margin: prose
        if not raw.strip() or "\t" in raw or ends_table(raw, cell=False) or lone:
            break
        row = [("", lines[j].no) for _ in starts]
        for at, text in cells:
            col = max(k for k, s in enumerate(starts) if s <= at + 1) if at + 1 >= starts[0] else 0
            prev = row[col][0]
            row[col] = (f"{prev} {text}".strip(), lines[j].no)
        grid.append(row)
        j += 1
    if len(grid) < 2:
        return None
    return Found(
        rows_table(grid, name, table_no, header_rows=1),
        j,
        f"表{table_no}: columns aligned by spaces, {len(grid) - 1} rows",
    )
