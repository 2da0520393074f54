"""Word and Excel forms: DOCX with one- or two-row merged headers (the source of the PDF form), XLSX attachments."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from samples.synth.document import Block, Table

FIXED_TIME = datetime(2024, 1, 1)
_NUM = re.compile(r"^-?[\d,]+(?:\.\d+)?%?$")


def _freeze(path: Path) -> None:
    """Fixed member timestamps so a rebuild is byte-identical."""
    with zipfile.ZipFile(path) as z:
        members = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            z.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _docx_table(d: Any, table: Table, two_rows: bool) -> None:
    groups = table.groups if two_rows else []
    head_rows = 2 if groups else 1
    ncol = len(table.header)
    t = d.add_table(rows=head_rows + len(table.rows), cols=ncol)
    t.style = "Table Grid"
    cells = [list(r.cells) for r in t.rows]  # table.cell() rescans the table on every call
    if groups:
        grouped = set()
        for label, a, b in groups:
            top = cells[0][a].merge(cells[0][b])
            top.text = label
            for c in range(a, b + 1):
                cells[1][c].text = table.header[c]
                grouped.add(c)
        for c in range(ncol):
            if c not in grouped:
                merged = cells[0][c].merge(cells[1][c])
                merged.text = table.header[c]
    else:
        for c, h in enumerate(table.header):
            cells[0][c].text = h
    for k in range(head_rows):
        _repeat_header(t.rows[k])
    body = cells[head_rows:]
    for r, row in enumerate(table.rows):
        for c, text in enumerate(row[:ncol]):
            body[r][c].text = text
    for c in table.merge_cols:  # runs of one level name become one vertically merged cell
        r = 0
        while r < len(table.rows):
            run = r + 1
            while run < len(table.rows) and table.rows[run][c] == table.rows[r][c] and table.rows[r][c]:
                run += 1
            if run - r > 1:
                text = table.rows[r][c]
                merged = body[r][c].merge(body[run - 1][c])
                merged.text = text
            r = run


def render_docx(blocks: list[Block], path: Path, two_row_headers: bool, styled_headings: bool) -> None:
    """A Word report: centred title, headings (styled or bold paragraphs), paragraphs and ruled tables."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    d = docx.Document()
    for s in d.sections:
        s.page_width, s.page_height = Mm(210), Mm(297)
    normal = d.styles["Normal"]
    normal.font.size = Pt(12)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "Noto Serif CJK SC")
    for b in blocks:
        if b.kind == "title":
            p = d.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(b.text)
            run.bold = True
            run.font.size = Pt(18)
        elif b.kind == "heading":
            if styled_headings:
                d.add_heading(b.text, level=1)
            else:
                d.add_paragraph().add_run(b.text).bold = True
        elif b.kind == "para":
            d.add_paragraph(b.text)
        elif b.table is not None:
            if b.table.unit_note:
                d.add_paragraph(b.table.unit_note).alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _docx_table(d, b.table, two_row_headers)
            d.add_paragraph("")
    cp = d.core_properties
    cp.created = cp.modified = FIXED_TIME
    cp.author = cp.last_modified_by = "jixiao synth"
    cp.revision = 1
    d.save(str(path))
    _freeze(path)


CHUNK = 40  # files per LibreOffice run


def convert_to_pdf(docx_files: list[Path], out_dir: Path) -> None:
    """Word to PDF by LibreOffice, all files in one run (as a unit's office suite exports them)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError(
            "LibreOffice (soffice) is needed for the pdf layout: apt-get install "
            "libreoffice-writer-nogui fonts-noto-cjk"
        )
    if not docx_files:
        return

    def missing() -> list[Path]:
        return [p for p in docx_files if not (out_dir / (p.stem + ".pdf")).exists()]

    # in runs of CHUNK files, and once more for any a run left out: one long run stops partway on large corpora
    with tempfile.TemporaryDirectory() as profile:
        for _attempt in range(2):
            todo = missing()
            for i in range(0, len(todo), CHUNK):
                part = todo[i : i + CHUNK]
                cmd = [
                    soffice,
                    f"-env:UserInstallation=file://{profile}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(out_dir),
                    *map(str, part),
                ]
                subprocess.run(cmd, check=True, capture_output=True, timeout=60 + 20 * len(part))
    left = missing()
    if left:
        raise RuntimeError(f"LibreOffice did not convert {[p.name for p in left]}")


def _xlsx_value(cell: Any, text: str) -> None:
    s = text.strip()
    if not _NUM.match(s):
        cell.value = text
        return
    digits = s.rstrip("%").replace(",", "")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    fmt = "0" + ("." + "0" * decimals if decimals else "")
    if s.endswith("%"):
        cell.value = float(digits) / 100
        cell.number_format = fmt + "%"
    else:
        cell.value = float(digits) if decimals else int(digits)
        cell.number_format = ("#,##" if "," in s else "") + fmt


def render_xlsx(tables: list[Table], path: Path) -> None:
    """An attachment workbook: one sheet a table, caption and unit above a (merged) header, numbers as numbers."""
    import openpyxl
    from openpyxl.writer.excel import ExcelWriter

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for k, table in enumerate(tables, start=1):
        ws = wb.create_sheet(title=f"表{k}")
        ws.cell(row=1, column=1, value=table.caption or table.name)
        if table.unit_note:
            ws.cell(row=2, column=1, value=table.unit_note)
        top = 3
        if table.groups:
            grouped = set()
            for label, a, b in table.groups:
                ws.cell(row=top, column=a + 1, value=label)
                ws.merge_cells(start_row=top, start_column=a + 1, end_row=top, end_column=b + 1)
                for c in range(a, b + 1):
                    ws.cell(row=top + 1, column=c + 1, value=table.header[c])
                    grouped.add(c)
            for c, h in enumerate(table.header):
                if c not in grouped:
                    ws.cell(row=top, column=c + 1, value=h)
                    ws.merge_cells(start_row=top, start_column=c + 1, end_row=top + 1, end_column=c + 1)
            first = top + 2
        else:
            for c, h in enumerate(table.header):
                ws.cell(row=top, column=c + 1, value=h)
            first = top + 1
        for r, row in enumerate(table.rows):
            for c, text in enumerate(row):
                if text:
                    _xlsx_value(ws.cell(row=first + r, column=c + 1), text)
        for c in table.merge_cols:
            r = 0
            while r < len(table.rows):
                run = r + 1
                while run < len(table.rows) and table.rows[run][c] == table.rows[r][c] and table.rows[r][c]:
                    run += 1
                if run - r > 1:
                    for k2 in range(r + 1, run):
                        ws.cell(row=first + k2, column=c + 1).value = None
                    ws.merge_cells(start_row=first + r, start_column=c + 1, end_row=first + run - 1, end_column=c + 1)
                r = run
    wb.properties.created = wb.properties.modified = FIXED_TIME
    wb.properties.creator = wb.properties.lastModifiedBy = "jixiao synth"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    _freeze(path)
