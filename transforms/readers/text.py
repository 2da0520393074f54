"""Text reader: .txt/.md as converted from PDF or Word, with the layout quirks the submissions carry.

Handles markdown headings, tab-separated table rows, one-cell-per-line tables (each cell a line that starts
with a tab, rows separated by a blank line), HTML and LaTeX fragments, OCR line breaks inside sentences,
full-width characters, and UTF-8 (with or without BOM) / GB18030 encodings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from transforms.document import Block, Cell, Document, Locator, Table
from transforms.normalize.text import clean_inline
from transforms.notices import notice
from transforms.readers.errors import EmptyFile, UndecodableText
from transforms.readers.paragraphs import continues

_HEADING_MD = re.compile(r"^\s*(#{1,6})\s*(.+?)\s*#*\s*$")
_HEADING_NUM = re.compile(
    r"^\s*(?:\*\*)?\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+部分)"
)
_ONE_CELL = re.compile(r"^\t[^\t]*$")
_PIPE_ROW = re.compile(r"^\s*\|.*\|")  # a markdown or pipe table row: starts with | and has another
_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_HTML_TABLE = re.compile(r"<table\b", re.IGNORECASE)
_HTML_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.IGNORECASE | re.DOTALL)
_HTML_CELL = re.compile(r"<t[dh]\b([^>]*)>(.*?)</t[dh]>", re.IGNORECASE | re.DOTALL)
_COLSPAN = re.compile(r"colspan\s*=\s*[\"']?(\d+)", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Decode UTF-8 (BOM or not) or GB18030; raise UndecodableText when neither fits."""
    if not data.strip():
        raise EmptyFile(name)
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    for enc in ("utf-8", "gb18030"):
        try:
            text = data.decode(enc, errors="strict")
        except UnicodeDecodeError:
            continue
        if enc == "gb18030" and not _mostly_cjk_or_ascii(text):
            break
        return text, enc
    raise UndecodableText(name)


def _mostly_cjk_or_ascii(text: str) -> bool:
    sample = text[:20000]
    good = sum(1 for ch in sample if ch.isascii() or "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f"
               or "\uff00" <= ch <= "\uffef")
    return good >= 0.9 * max(len(sample), 1)


@dataclass
class _Line:
    no: int  # 1-based line number in the file
    raw: str


def read_text(path: Path, display_name: str | None = None) -> Document:
    """Read a text or markdown report into a Document."""
    name = display_name or path.name
    text, encoding = decode_bytes(path.read_bytes(), name)
    return parse_text(text, name, encoding)


def parse_text(text: str, name: str, encoding: str = "utf-8") -> Document:
    """Parse already-decoded report text into blocks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_Line(i + 1, s) for i, s in enumerate(text.split("\n"))]
    blocks: list[Block] = []
    table_no = 0
    para: list[_Line] = []
    i = 0

    def flush_para() -> None:
        if para:
            blocks.append(_paragraph(para, name))
            para.clear()

    while i < len(lines):
        ln = lines[i]
        raw = ln.raw
        if _PIPE_ROW.match(raw) or _HTML_TABLE.search(raw):
            flush_para()
            table_no += 1
            reader = _pipe_table if _PIPE_ROW.match(raw) else _html_table
            table, i = reader(lines, i, name, table_no)
            if table.rows:
                blocks.append(Block("table", _table_text(table), table.locator, table=table))
            else:
                table_no -= 1
            continue
        if "\t" in raw and raw.strip():
            flush_para()
            table_no += 1
            if _ONE_CELL.match(raw):
                table, i = _one_cell_table(lines, i, name, table_no)
            else:
                table, i = _tab_row_table(lines, i, name, table_no)
            if table.rows:
                blocks.append(Block("table", _table_text(table), table.locator, table=table))
            else:
                table_no -= 1
            continue
        stripped = raw.strip()
        if not stripped:
            i += 1
            continue
        md = _HEADING_MD.match(raw)
        if md:
            flush_para()
            blocks.append(
                Block("heading", clean_inline(md.group(2)).strip(), Locator(name, line_start=ln.no, line_end=ln.no),
                      level=len(md.group(1)))
            )
            i += 1
            continue
        if para and continues(clean_inline(para[-1].raw), clean_inline(stripped)):
            para.append(ln)
        else:
            flush_para()
            para.append(ln)
        i += 1
    flush_para()
    blocks = [_as_heading(b) for b in blocks]
    warnings = (notice("encoding", encoding),) if encoding not in ("utf-8",) else ()
    return Document(source_file=name, media_type="text", blocks=tuple(blocks), pages=0, warnings=warnings)


def _paragraph(lines: list[_Line], name: str) -> Block:
    text = "".join(clean_inline(ln.raw).strip() for ln in lines)
    return Block("paragraph", text, Locator(name, line_start=lines[0].no, line_end=lines[-1].no))


def _as_heading(b: Block) -> Block:
    if b.kind == "paragraph" and len(b.text) <= 40 and _HEADING_NUM.match(b.text) and not b.text.endswith("。"):
        level = 1 if re.match(r"^\s*[一二三四五六七八九十]+、", b.text) else 2
        return Block("heading", b.text, b.locator, level=level)
    return b


def _cell(text: str, row: int, col: int, loc: Locator, line_no: int) -> Cell:
    cloc = Locator(loc.file, line_start=line_no, line_end=line_no, table=loc.table, row=row, col=col)
    return Cell(clean_inline(text).strip(), row, col, cloc)


def _tab_row_table(lines: list[_Line], i: int, name: str, table_no: int) -> tuple[Table, int]:
    """Rows written as one line each with cells separated by tabs; blank lines inside are skipped."""
    start = lines[i].no
    rows: list[tuple[Cell, ...]] = []
    end = start
    loc = Locator(name, line_start=start, table=table_no)
    while i < len(lines):
        raw = lines[i].raw
        if not raw.strip():
            # a blank line continues the table only when the next non-blank line is a tab row too
            j = i + 1
            while j < len(lines) and not lines[j].raw.strip():
                j += 1
            if j < len(lines) and "\t" in lines[j].raw and not _ONE_CELL.match(lines[j].raw):
                i = j
                continue
            break
        if "\t" not in raw or _ONE_CELL.match(raw):
            break
        r = len(rows)
        cells = raw.rstrip("\n").split("\t")
        rows.append(tuple(_cell(t, r, c, loc, lines[i].no) for c, t in enumerate(cells)))
        end = lines[i].no
        i += 1
    loc = Locator(name, line_start=start, line_end=end, table=table_no)
    rows = [tuple(Cell(c.text, c.row, c.col, Locator(name, line_start=c.locator.line_start,
                                                           line_end=c.locator.line_end, table=table_no,
                                                           row=c.row, col=c.col)) for c in r) for r in rows]
    return Table(tuple(rows), loc), i


def _rows_table(rows: list[tuple[list[str], int]], name: str, table_no: int, start: int, end: int) -> Table:
    loc = Locator(name, line_start=start, line_end=end, table=table_no)
    return Table(tuple(tuple(_cell(t, r, c, loc, no) for c, t in enumerate(cells))
                       for r, (cells, no) in enumerate(rows)), loc)


def _pipe_table(lines: list[_Line], i: int, name: str, table_no: int) -> tuple[Table, int]:
    """Markdown and pipe tables: rows that start with |, separator rows dropped, an open last cell allowed."""
    start = lines[i].no
    rows: list[tuple[list[str], int]] = []
    end = start
    while i < len(lines) and _PIPE_ROW.match(lines[i].raw):
        raw = lines[i].raw.strip()
        if not _PIPE_RULE.match(raw):
            cells = raw[1:].split("|")
            if raw.endswith("|") and len(cells) > 1:
                cells = cells[:-1]
            rows.append(([c.strip() for c in cells], lines[i].no))
        end = lines[i].no
        i += 1
    return _rows_table(rows, name, table_no, start, end), i


def _html_table(lines: list[_Line], i: int, name: str, table_no: int) -> tuple[Table, int]:
    """An HTML <table> fragment: its rows and cells, a cell spanning columns followed by empty ones."""
    start = lines[i].no
    chunk: list[str] = []
    while i < len(lines):
        chunk.append(lines[i].raw)
        i += 1
        if "</table>" in lines[i - 1].raw.lower():
            break
    html = "\n".join(chunk)
    rows: list[tuple[list[str], int]] = []
    for m in _HTML_ROW.finditer(html):
        cells: list[str] = []
        for attrs, body in _HTML_CELL.findall(m.group(1)):
            span = _COLSPAN.search(attrs)
            cells.append(_TAG.sub("", body).strip())
            cells.extend([""] * (int(span.group(1)) - 1 if span else 0))
        if cells:
            rows.append((cells, start + html[: m.start()].count("\n")))
    return _rows_table(rows, name, table_no, start, lines[i - 1].no), i


def _one_cell_table(lines: list[_Line], i: int, name: str, table_no: int) -> tuple[Table, int]:
    """Each cell on its own line starting with a tab; a blank line ends a row, two end the table.

    A line without the leading tab continues the previous cell (a cell with several lines or paragraphs).
    """
    start = lines[i].no
    rows: list[list[tuple[str, int]]] = [[]]
    blank_run = 0
    end = start
    while i < len(lines):
        raw = lines[i].raw
        if not raw.strip() and "\t" not in raw:
            blank_run += 1
            if blank_run >= 2:
                # two blank lines end the table unless a tab cell follows right after
                j = i + 1
                while j < len(lines) and not lines[j].raw.strip() and "\t" not in lines[j].raw:
                    j += 1
                if j < len(lines) and _ONE_CELL.match(lines[j].raw):
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
        if _ONE_CELL.match(raw):
            blank_run = 0
            rows[-1].append((raw[1:], lines[i].no))
            end = lines[i].no
        elif "\t" in raw:
            break
        else:
            target = rows[-1] if rows[-1] else (rows[-2] if len(rows) > 1 else None)
            if not target or blank_run >= 2:
                break
            text, no = target[-1]
            target[-1] = (text + "\n" + raw.strip(), no)
            end = lines[i].no
            blank_run = 0
        i += 1
    rows = [r for r in rows if r]
    loc = Locator(name, line_start=start, line_end=end, table=table_no)
    out = tuple(tuple(_cell(t, r, c, loc, no) for c, (t, no) in enumerate(row)) for r, row in enumerate(rows))
    return Table(out, loc), i


def _table_text(t: Table) -> str:
    return "\n".join("\t".join(c.text.replace("\n", " ") for c in row) for row in t.rows)
