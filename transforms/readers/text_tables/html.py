"""HTML <table> fragments left in converted text: rows and cells, a cell spanning columns followed by empty ones."""

from __future__ import annotations

import re

from transforms.readers.text_tables.lines import Found, Line, rows_table

TABLE_START = re.compile(r"<table\b", re.IGNORECASE)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.IGNORECASE | re.DOTALL)
_CELL = re.compile(r"<t[dh]\b([^>]*)>(.*?)</t[dh]>", re.IGNORECASE | re.DOTALL)
_COLSPAN = re.compile(r"colspan\s*=\s*[\"']?(\d+)", re.IGNORECASE)
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
    rows: list[list[tuple[str, int]]] = []
    for m in _ROW.finditer(html):
        no = start + html[: m.start()].count("\n")
        cells: list[tuple[str, int]] = []
        for attrs, body in _CELL.findall(m.group(1)):
            span = _COLSPAN.search(attrs)
            cells.append((_TAG.sub("", body).strip(), no))
            cells.extend([("", no)] * (int(span.group(1)) - 1 if span else 0))
        if cells:
            rows.append(cells)
    return Found(rows_table(rows, name, table_no), i)
