"""Text as converted files arrive: one function per table form, paragraphs plain, as HTML or with LaTeX fragments."""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable

from samples.synth.document import Block, Table

_NUM = re.compile(r"^[-\d.,%]+$")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _blank_repeats(table: Table) -> list[list[str]]:
    """Rows with a merged column's repeated value left blank, as a merged cell reads once when converted."""
    out: list[list[str]] = []
    last: dict[int, str] = {}
    for row in table.rows:
        cells = list(row)
        for c in table.merge_cols:
            if c < len(cells) and cells[c] and last.get(c) == cells[c]:
                cells[c] = ""
            elif c < len(cells):
                last[c] = cells[c]
                for later in table.merge_cols:  # a new level-1 name starts its level-2 run anew
                    if later > c:
                        last.pop(later, None)
        out.append(cells)
    return out


def _rows(table: Table) -> list[list[str]]:
    return [table.header, *_blank_repeats(table)]


def pipe(table: Table, rng: random.Random) -> list[str]:
    sep = rng.random() < 0.7
    closed = rng.random() < 0.8
    lines = []
    for k, row in enumerate(_rows(table)):
        body = " | ".join(row)
        lines.append(f"| {body} |" if closed else f"| {body}")
        if k == 0 and sep:
            lines.append("|" + "|".join("---" for _ in row) + "|")
    return lines


def tab(table: Table, rng: random.Random) -> list[str]:
    return ["\t".join(row) for row in _rows(table)]


def cell_lines(table: Table, rng: random.Random) -> list[str]:
    return [cell for row in _rows(table) for cell in row if cell]


def cell_lines_indented(table: Table, rng: random.Random) -> list[str]:
    lines: list[str] = []
    for row in _rows(table):
        lines.extend("    " + cell for cell in row if cell)
        lines.append("")
    return lines[:-1]


def spaced(table: Table, rng: random.Random) -> list[str]:
    rows = _rows(table)
    n = max(len(r) for r in rows)
    widths = [max(_width(r[c]) if c < len(r) else 0 for r in rows) for c in range(n)]
    lines = []
    for row in rows:
        parts = [cell + " " * (widths[c] - _width(cell) + 2) for c, cell in enumerate(row)]
        lines.append("".join(parts).rstrip())
    return lines


def flattened(table: Table, rng: random.Random) -> list[str]:
    """A row's cells run together on one line: a space only where two figures would otherwise fuse."""
    lines = []
    for row in _rows(table):
        out = ""
        prev = ""
        for cell in row:
            if not cell:
                continue
            if out and (_NUM.match(prev) or _NUM.match(cell[0]) or rng.random() < 0.3):
                out += " "
            out += cell
            prev = cell
        lines.append(out)
    return lines


def html_table(table: Table, rng: random.Random) -> list[str]:
    out = ['<table border="1" cellspacing="0">']
    if table.groups:
        grouped = {c for _, a, b in table.groups for c in range(a, b + 1)}
        cells = []
        c = 0
        while c < len(table.header):
            g = next((g for g in table.groups if g[1] == c), None)
            if g is not None:
                cells.append(f'<td colspan="{g[2] - g[1] + 1}">{g[0]}</td>')
                c = g[2] + 1
            else:
                cells.append(f'<td rowspan="2">{table.header[c]}</td>')
                c += 1
        out.append("<tr>" + "".join(cells) + "</tr>")
        out.append("<tr>" + "".join(f"<td>{h}</td>" for k, h in enumerate(table.header) if k in grouped) + "</tr>")
    else:
        out.append("<tr>" + "".join(f"<td>{h}</td>" for h in table.header) + "</tr>")
    for row in _blank_repeats(table):
        out.append("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>")
    out.append("</table>")
    return out


TABLE_FORMS: dict[str, Callable[[Table, random.Random], list[str]]] = {
    "pipe": pipe,
    "tab": tab,
    "cell_lines": cell_lines,
    "cell_lines_indented": cell_lines_indented,
    "spaced": spaced,
    "flattened": flattened,
    "html": html_table,
}

_AMOUNT = re.compile(r"(\d[\d,]*\.?\d*)(万元|元)")
_PCT = re.compile(r"(\d+(?:\.\d+)?)%")


def latex(text: str) -> str:
    """Amounts and rates as the LaTeX fragments a PDF-to-markdown converter leaves."""
    text = _AMOUNT.sub(lambda m: f"${m.group(1)} \\text{{ {m.group(2)}}}$", text)
    return _PCT.sub(lambda m: f"${m.group(1)}\\%$", text)


def render(
    blocks: list[Block], rng: random.Random, table_form: str, headings: str = "plain", paragraphs: str = "plain"
) -> str:
    """Blocks as one text: headings plain or markdown, paragraphs plain, HTML or LaTeX, tables in one form."""
    lines: list[str] = []
    form = TABLE_FORMS[table_form]
    for b in blocks:
        if b.kind == "title":
            lines.append(
                f"# {b.text}"
                if headings == "md"
                else f'<p style="text-align:center;font-size:22px"><b>{b.text}</b></p>'
                if paragraphs == "html"
                else b.text
            )
        elif b.kind == "heading":
            lines.append(
                f"## {b.text}"
                if headings == "md"
                else f'<p style="font-weight:bold">{b.text}</p>'
                if paragraphs == "html"
                else b.text
            )
        elif b.kind == "para":
            text = latex(b.text) if paragraphs == "latex" else b.text
            lines.append(f'<p style="text-indent:2em;">{text}</p>' if paragraphs == "html" else text)
        elif b.table is not None:
            if b.table.unit_note:
                lines.append(b.table.unit_note if paragraphs != "html" else f"<p>{b.table.unit_note}</p>")
            lines.extend(form(b.table, rng))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def cut(blocks: list[Block], rng: random.Random) -> tuple[list[Block], str]:
    """An excerpt: the blocks before a point between 40% and 85% of the report, and half of the next paragraph
    (up to its first figure)."""
    at = rng.randint(int(len(blocks) * 0.4), int(len(blocks) * 0.85))
    tail = ""
    nxt = blocks[at] if at < len(blocks) else None
    if nxt is not None and nxt.kind == "para" and len(nxt.text) > 8:
        tail = nxt.text[: len(nxt.text) // 2]
        digit = re.search(r"\d", tail)
        tail = tail[: digit.start()] if digit else tail  # a figure cut in half states nothing the truth could hold
    return blocks[:at], tail
