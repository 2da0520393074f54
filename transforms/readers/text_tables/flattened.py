"""Rows whose cells ran together on one line (a copy from Word or a web page that dropped the cell breaks).

The header line splits into column labels by the vocabulary; each row line splits at spaces, then at level and
total names and qualitative values the vocabulary knows, and assign.py places the pieces in the header's columns.
Figures that fused with no space between them (2020 for 分值 20 and 得分 20) cannot be told apart and are left as
they are.
"""

from __future__ import annotations

from transforms.readers.columns import label_kind, split_labels, split_words
from transforms.readers.text_tables.assign import Token, assign
from transforms.readers.text_tables.lines import Found, Line, ends_table, rows_table

_MIN_LABELS = 3
_MAX_HEADER = 120


def header_of(raw: str) -> list[str] | None:
    """The labels of a run-together header line, or None."""
    text = raw.strip()
    if not text or len(text) > _MAX_HEADER or "\t" in text or "|" in text or ends_table(text):
        return None
    labels = split_labels(text)
    return labels if labels and len(labels) >= _MIN_LABELS else None


def find(lines: list[Line], i: int, name: str, table_no: int) -> Found | None:
    """A run-together table whose header is line i, or None."""
    labels = header_of(lines[i].raw)
    if labels is None:
        return None
    kinds = [label_kind(t) or "text" for t in labels]
    if kinds[0] not in ("text", "seq", "level1"):
        labels.insert(0, "")
        kinds.insert(0, "text")
    grid = [[(t, lines[i].no) for t in labels]]
    j = i + 1
    while j < len(lines):
        raw = lines[j].raw
        if not raw.strip() or "\t" in raw or ends_table(raw, cell=False) or header_of(raw) is not None:
            break
        tokens = [Token(w, lines[j].no) for chunk in raw.split() for w in split_words(chunk)]
        rows = assign(tokens, kinds, "none")
        if rows is None:
            break
        placed = {c: t.text for c, t in rows[0]}
        grid.append([(placed.get(c, ""), lines[j].no) for c in range(len(kinds))])
        j += 1
    if len(grid) < 2:
        return None
    return Found(
        rows_table(grid, name, table_no, header_rows=1),
        j,
        f"表{table_no}: cells run together, {len(grid) - 1} rows split by their header",
    )
