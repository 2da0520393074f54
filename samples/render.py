"""Fixture renderer: report text (the text reader's format) to DOCX and PDF, table rows to XLSX.

Files are deterministic (fixed timestamps, reportlab invariant mode) so a rebuild is byte-identical.
"""

from __future__ import annotations

import re
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.platypus.flowables import Flowable

from transforms.document import Block, Table
from transforms.readers.text import parse_text

FIXED_TIME = datetime(2024, 1, 1, 0, 0, 0)
_NUMERIC = re.compile(r"^-?\d+(?:\.\d+)?%?$")
_CJK = re.compile(r"^[\u4e00-\u9fff]+$")


def _blocks(text: str) -> tuple[Block, ...]:
    return parse_text(text, "render").blocks


def _is_number(text: str) -> bool:
    return bool(_NUMERIC.match(text.strip()))


def table_layout(table: Table) -> list[list[tuple[str, int]]]:
    """Rows of (text, colspan), each row as wide as the table.

    A short row's last cell spans the missing columns (the text form dropped cells that were merged), and a
    label followed by empty cells and then more content spans the empty cells, as in the forms the text
    was converted from. Numbers and trailing empty cells are never merged, so value columns stay apart.
    """
    rows = [[c.text for c in r] for r in table.rows]
    width = max((len(r) for r in rows), default=0)
    out: list[list[tuple[str, int]]] = []
    for row in rows:
        cells: list[tuple[str, int]] = []
        c = 0
        while c < len(row):
            text = row[c]
            span = 1
            if c == len(row) - 1:
                span = width - c
            elif text and not _is_number(text):
                run = c + 1
                while run < len(row) and not row[run]:
                    run += 1
                if run > c + 1 and run < len(row):
                    span = run - c
            cells.append((text, span))
            c += span
        out.append(cells)
    return out


def _freeze_zip(path: Path) -> None:
    """Rewrite an OOXML package with fixed member timestamps so rebuilds are byte-identical."""
    with zipfile.ZipFile(path) as z:
        members = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for fname, data in members:
            info = zipfile.ZipInfo(fname, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


# ---------------------------------------------------------------- DOCX


def render_docx(text: str, path: Path) -> None:
    """Write report text as a Word document: headings, paragraphs and real Word tables with merged cells."""
    import docx
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    d = docx.Document()
    for s in d.sections:
        s.page_width, s.page_height = Mm(210), Mm(297)
    normal = d.styles["Normal"]
    normal.font.size = Pt(11)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "仿宋_GB2312")
    for b in _blocks(text):
        if b.kind == "heading":
            d.add_heading(b.text, level=min(max(b.level, 1), 9))
        elif b.kind == "paragraph":
            d.add_paragraph(b.text)
        elif b.table is not None:
            _docx_table(d, b.table)
    cp = d.core_properties
    cp.created = cp.modified = FIXED_TIME
    cp.last_modified_by = cp.author = "jixiao samples"
    cp.revision = 1
    d.save(str(path))
    _freeze_zip(path)


def _docx_table(d: Any, table: Table) -> None:
    layout = table_layout(table)
    width = max((sum(s for _, s in r) for r in layout), default=0)
    if not width:
        return
    t = d.add_table(rows=len(layout), cols=width)
    t.style = "Table Grid"
    for r, row in enumerate(layout):
        before = t.rows[r].cells  # table.cell() rescans the whole table on every call: 14 s for a 60-row form
        c = 0
        for text, span in row:
            cell = before[c]
            if span > 1:
                cell = cell.merge(before[c + span - 1])
            lines = text.split("\n")
            cell.text = lines[0]
            for extra in lines[1:]:
                cell.add_paragraph(extra)
            c += span
    d.add_paragraph("")


# ---------------------------------------------------------------- PDF

_FONT = "STSong-Light"
_PAD = 2.0


def _register_font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if _FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(_FONT))


def render_pdf(text: str, path: Path) -> None:
    """Write report text as a PDF with a text layer, ruled tables split across pages, page numbers in the footer."""
    from reportlab.platypus.doctemplate import LayoutError

    _register_font()
    blocks = _blocks(text)
    # platypus cannot split a tall row across pages; smaller table type keeps such rows on one page
    for size in (9.0, 7.5, 6.0, 5.0):
        try:
            _build_pdf(blocks, path, size)
            return
        except LayoutError:
            continue
    raise ValueError(f"{path.name}: a table row is taller than a page even at 5 pt")


def _build_pdf(blocks: tuple[Block, ...], path: Path, cell_size: float) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    body = ParagraphStyle(
        "body", fontName=_FONT, fontSize=11, leading=18, wordWrap="CJK", spaceAfter=6, firstLineIndent=22
    )
    heads = {
        lv: ParagraphStyle(
            f"h{lv}", fontName=_FONT, fontSize=size, leading=size * 1.5, wordWrap="CJK", spaceBefore=8, spaceAfter=6
        )
        for lv, size in ((1, 16.0), (2, 14.0), (3, 13.0))
    }
    # CJK wrapping lets closing punctuation hang past the line end; the indent keeps it inside its own cell
    cell = ParagraphStyle(
        "cell", fontName=_FONT, fontSize=cell_size, leading=cell_size * 1.3, wordWrap="CJK", rightIndent=cell_size
    )
    doc = SimpleDocTemplate(
        str(path),
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=25 * mm,
        topMargin=25 * mm,
        bottomMargin=25 * mm,
        invariant=1,
        title="jixiao sample",
        author="jixiao samples",
        creator="jixiao samples",
        producer="jixiao samples",
    )
    story: list[Any] = []
    for b in blocks:
        if b.kind == "heading":
            style = heads[min(max(b.level, 1), 3)]
            if len(b.text) <= 6 and _CJK.match(b.text):
                story.append(_SpacedHeading(b.text, style.fontSize))  # 分散对齐, as Word prints short headings
            else:
                story.append(Paragraph(escape(b.text), style))
        elif b.kind == "paragraph":
            story.append(Paragraph(escape(b.text), body))
        elif b.table is not None:
            story.append(_pdf_table(b.table, cell, doc.width, colors))
            story.append(Spacer(1, 8))
    doc.build(story, onFirstPage=_footer, onLaterPages=_footer)


def _footer(canvas: Any, doc: Any) -> None:
    from reportlab.lib.pagesizes import A4

    canvas.saveState()
    canvas.setFont(_FONT, 9)
    canvas.drawCentredString(A4[0] / 2, 30, f"- {doc.page} -")
    canvas.restoreState()


def _pdf_table(table: Table, style: Any, avail: float, colors: Any) -> Any:
    from reportlab.platypus import Paragraph, TableStyle
    from reportlab.platypus import Table as RlTable

    layout = table_layout(table)
    width = max(sum(s for _, s in r) for r in layout)
    weight = [2.0] * width
    for row in layout:
        c = 0
        for text, span in row:
            longest = max((len(x) for x in text.split("\n")), default=0)
            share = min(max(longest, 2), 24) / span
            for k in range(c, c + span):
                weight[k] = max(weight[k], share)
            c += span
    floor = style.fontSize * 2 + 2 * _PAD  # two characters: a narrower column cannot hold one CJK word
    widths = [avail * w / sum(weight) for w in weight]
    narrow = [k for k, w in enumerate(widths) if w < floor]
    if narrow:
        rest = avail - floor * len(narrow)
        wide_total = sum(w for k, w in enumerate(widths) if k not in narrow)
        widths = [floor if k in narrow else w * rest / wide_total for k, w in enumerate(widths)]
    data: list[list[Any]] = []
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
    ]
    for r, row in enumerate(layout):
        cells: list[Any] = []
        c = 0
        for text, span in row:
            cells.append(Paragraph(escape(text).replace("\n", "<br/>"), style))
            cells.extend([""] * (span - 1))
            if span > 1:
                commands.append(("SPAN", (c, r), (c + span - 1, r)))
            c += span
        data.append(cells)
    # a header row repeats on every page, as Word's 标题行重复 does; a numeric first row is data, not a header
    header = 1 if len(layout) > 1 and not any(_is_number(t) for t, _ in layout[0]) else 0
    return RlTable(data, colWidths=widths, repeatRows=header, style=TableStyle(commands))


class _SpacedHeading(Flowable):
    """A short heading drawn with wide character spacing (分散对齐); the text layer then has gaps, not spaces."""

    def __init__(self, text: str, size: float) -> None:
        super().__init__()
        self.text = text
        self.size = size

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return aw, self.size * 2.2

    def draw(self) -> None:
        t = self.canv.beginText(0, self.size * 0.6)
        t.setFont(_FONT, self.size)
        t.setCharSpace(self.size * 1.2)
        t.textOut(self.text)
        self.canv.drawText(t)


# ---------------------------------------------------------------- XLSX


def render_xlsx(tables: list[tuple[str, list[list[str]]]], path: Path) -> None:
    """Write (sheet name, rows) pairs as a workbook; numbers become numeric cells, repeated header cells merge."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in tables:
        ws = wb.create_sheet(title=re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or "Sheet")
        for r, row in enumerate(rows, start=1):
            for c, text in enumerate(row, start=1):
                if text:
                    _xlsx_cell(ws.cell(row=r, column=c), text)
            _merge_repeats(ws, r, row)
    from openpyxl.writer.excel import ExcelWriter

    wb.properties.created = wb.properties.modified = FIXED_TIME
    wb.properties.creator = wb.properties.lastModifiedBy = "jixiao samples"
    # Workbook.save stamps the current time as "modified", so two builds a second apart differed
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    _freeze_zip(path)


def _xlsx_cell(cell: Any, text: str) -> None:
    s = text.strip()
    if not _is_number(s) or re.match(r"^-?0\d", s):
        cell.value = text
        return
    percent = s.endswith("%")
    digits = s.rstrip("%")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    value: float | int = float(digits) if decimals else int(digits)
    fmt = "0" + ("." + "0" * decimals if decimals else "")
    if percent:
        cell.value = float(digits) / 100
        cell.number_format = fmt + "%"
    else:
        cell.value = value
        cell.number_format = fmt if decimals else "General"


def _merge_repeats(ws: Any, r: int, row: list[str]) -> None:
    c = 0
    while c < len(row):
        run = c + 1
        while run < len(row) and row[run] == row[c]:
            run += 1
        if run - c > 1 and row[c] and not _is_number(row[c]):
            ws.merge_cells(start_row=r, start_column=c + 1, end_row=r, end_column=run)
        c = run
