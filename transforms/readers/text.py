"""Text reader: .txt/.md as converted from PDF or Word, with the layout quirks the submissions carry.

Handles markdown headings, tables in every form text_tables/ knows, HTML and LaTeX fragments, OCR line breaks
inside sentences, full-width characters, and UTF-8 or UTF-16 (with or without BOM) / GB18030 encodings.
"""

from __future__ import annotations

import re
from pathlib import Path

from transforms.document import Block, Document, Locator, Table
from transforms.normalize.text import clean_inline
from transforms.notices import notice
from transforms.readers.errors import EmptyFile, UndecodableText
from transforms.readers.paragraphs import continues
from transforms.readers.text_tables import Line, find_table

_HEADING_MD = re.compile(r"^\s*(#{1,6})\s*(.+?)\s*#*\s*$")
_HEADING_NUM = re.compile(
    r"^\s*(?:\*\*)?\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+部分)"
)


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Decode UTF-8 (BOM or not), UTF-16 (BOM or not) or GB18030; raise UndecodableText when none fits."""
    if not data.strip():
        raise EmptyFile(name)
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    # Notepad's "Unicode": UTF-16 with a byte-order mark, or without one (UTF-8 and GB18030 text holds no NUL byte)
    utf16 = (
        ("utf-16",)
        if data.startswith((b"\xff\xfe", b"\xfe\xff"))
        else ("utf-16-le", "utf-16-be")
        if b"\x00" in data[:4096]
        else ()
    )
    for enc in utf16:
        try:
            text = data.decode(enc, errors="strict")
        except UnicodeDecodeError:
            continue
        if _mostly_cjk_or_ascii(text):
            return text, enc
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
    good = sum(
        1
        for ch in sample
        if ch.isascii() or "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"
    )
    return good >= 0.9 * max(len(sample), 1)


def read_text(path: Path, display_name: str | None = None) -> Document:
    """Read a text or markdown report into a Document."""
    name = display_name or path.name
    text, encoding = decode_bytes(path.read_bytes(), name)
    return parse_text(text, name, encoding)


def parse_text(text: str, name: str, encoding: str = "utf-8") -> Document:
    """Parse already-decoded report text into blocks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [Line(i + 1, s) for i, s in enumerate(text.split("\n"))]
    blocks: list[Block] = []
    warnings: list[str] = [notice("encoding", encoding)] if encoding != "utf-8" else []
    table_no = 0
    para: list[Line] = []
    i = 0

    def flush_para() -> None:
        if para:
            blocks.append(_paragraph(para, name))
            para.clear()

    while i < len(lines):
        ln = lines[i]
        raw = ln.raw
        found = find_table(lines, i, name, table_no + 1) if raw.strip() else None
        if found is not None and found.table.rows:
            flush_para()
            table_no += 1
            blocks.append(Block("table", _table_text(found.table), found.table.locator, table=found.table))
            if found.warning:
                warnings.append(notice("table_rebuilt", found.warning))
            i = found.next
            continue
        stripped = raw.strip()
        if not stripped:
            i += 1
            continue
        md = _HEADING_MD.match(raw)
        if md:
            flush_para()
            blocks.append(
                Block(
                    "heading",
                    clean_inline(md.group(2)).strip(),
                    Locator(name, line_start=ln.no, line_end=ln.no),
                    level=len(md.group(1)),
                )
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
    return Document(source_file=name, media_type="text", blocks=tuple(blocks), pages=0, warnings=tuple(warnings))


def _paragraph(lines: list[Line], name: str) -> Block:
    text = "".join(clean_inline(ln.raw).strip() for ln in lines)
    return Block("paragraph", text, Locator(name, line_start=lines[0].no, line_end=lines[-1].no))


def _as_heading(b: Block) -> Block:
    if b.kind == "paragraph" and len(b.text) <= 40 and _HEADING_NUM.match(b.text) and not b.text.endswith("。"):
        level = 1 if re.match(r"^\s*[一二三四五六七八九十]+、", b.text) else 2
        return Block("heading", b.text, b.locator, level=level)
    return b


def _table_text(t: Table) -> str:
    return "\n".join("\t".join(c.text.replace("\n", " ") for c in row) for row in t.rows)
