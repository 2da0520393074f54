"""One cell per line, as tables converted from PDF, Word or HTML often arrive: a header of column labels, then the
cells, with or without indentation and blank lines, merged cells printed once and empty cells not at all.

The header (three or more column labels on consecutive lines) fixes the columns; assign.py places the cells. How
blank lines are used decides where rows end: between header labels they separate cells (and mean nothing), right
after the header they separate rows, and with none a blank line ends the table. The table ends at structure: a
heading, a sentence, a unit caption, the next table's header.
"""

from __future__ import annotations

from transforms.readers.columns import label_kind
from transforms.readers.text_tables.assign import Token, assign
from transforms.readers.text_tables.lines import Found, Line, ends_table, rows_table

_MIN_LABELS = 3


def header_at(lines: list[Line], i: int) -> tuple[list[tuple[str, int]], int, bool] | None:
    """The labels of a one-cell-per-line header at line i, the line after it, and whether blanks separate them."""
    labels: list[tuple[str, int]] = []
    blanks_between = False
    j = i
    while j < len(lines):
        text = lines[j].raw.strip()
        if not text:
            k = j + 1
            while k < len(lines) and not lines[k].raw.strip():
                k += 1
            if labels and k < len(lines) and label_kind(lines[k].raw) is not None and k == j + 1:
                blanks_between = True
                j = k
                continue
            break
        if "\t" in lines[j].raw.strip() or label_kind(text) is None:
            break
        labels.append((text, lines[j].no))
        j += 1
        if label_kind(text) == "note":
            break  # a note column (偏差原因, 备注) is a table's last: a label after it is a cell (预算执行率)
    if len(labels) < _MIN_LABELS:
        return None
    return labels, j, blanks_between


def find(lines: list[Line], i: int, name: str, table_no: int) -> Found | None:
    """A one-cell-per-line table whose header starts at line i, or None."""
    head = header_at(lines, i)
    if head is None:
        return None
    labels, j, blanks_between = head
    after_header_blank = j < len(lines) and not lines[j].raw.strip()
    mode = "free" if blanks_between else ("blank" if after_header_blank else "free")
    tokens: list[Token] = []
    blank = False
    end = j
    while j < len(lines):
        raw = lines[j].raw
        text = raw.strip()
        if not text:
            if mode == "free" and not blanks_between and tokens:
                break  # a table without blank lines ends at one
            if blank and tokens:
                break  # two blank lines in a row end any table
            blank = True
            j += 1
            continue
        if "\t" in text or ends_table(text) or header_at(lines, j) is not None:
            break
        tokens.append(Token(text, lines[j].no, after_blank=blank))
        blank = False
        j += 1
        end = j
    kinds = [label_kind(t) or "text" for t, _ in labels]
    if kinds[0] not in ("text", "seq", "level1"):
        labels.insert(0, ("", labels[0][1]))  # the header's first cell was empty and so not printed
        kinds.insert(0, "text")
    rows = assign(tokens, kinds, mode) if tokens else None
    if rows is None:
        return None
    grid = [list(labels)]
    for row in rows:
        placed = dict(row)
        first = row[0][1].line
        grid.append([(placed[c].text, placed[c].line) if c in placed else ("", first) for c in range(len(kinds))])
    return Found(
        rows_table(grid, name, table_no, header_rows=1),
        end,
        f"表{table_no}: one cell per line, {len(rows)} rows placed by their header",
    )
