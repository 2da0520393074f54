"""DOCX reader (python-docx/lxml): paragraphs and tables in document order, merged cells, nested tables.

Layout quirks handled: headings by style or outline level or numbering, content controls (w:sdt) wrapping
body content, tracked insertions kept and deletions dropped, text boxes read once (mc:Fallback copies skipped),
gridBefore offsets, gridSpan and vMerge spans, legacy hMerge, tables nested in cells, 分散对齐 spacing in cells.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from transforms.document import Block, Cell, Document, Locator, Table
from transforms.normalize.text import clean_inline
from transforms.readers.errors import CorruptOffice, EmptyFile, QuarantineError
from transforms.readers.limits import out_of_memory
from transforms.readers.paragraphs import fold_spaced, heading_level
from transforms.readers.zipcheck import check_zip

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def read_docx(path: Path) -> Document:
    """Read a Word document; quarantine files that are not valid, expand too far or hold no text.

    Locators carry the 1-based index of the body paragraph or table in ``line_start`` (DOCX has no pages).
    """
    import docx

    name = path.name
    check_zip(path, name, required="word/document.xml")
    try:
        d = docx.Document(str(path))
        styles = _style_names(d)
        reader = _Reader(name, styles)
        reader.walk(d.element.body)
    except QuarantineError:
        raise
    except Exception as exc:  # a damaged part or hostile XML is a damaged file, never a crash
        if out_of_memory(exc):  # the worker's memory limit, not a damaged file
            raise MemoryError(str(exc)) from exc
        raise CorruptOffice(name, f"{type(exc).__name__}: {exc}"[:200]) from exc
    if not reader.blocks:
        raise EmptyFile(name, "no text in the document / 文档中没有文字")
    return Document(source_file=name, media_type="docx", blocks=tuple(reader.blocks), pages=0)


def _style_names(d: Any) -> dict[str, tuple[str, int | None]]:
    """style id -> (lower-case name, outline level) for paragraph styles."""
    out: dict[str, tuple[str, int | None]] = {}
    for st in d.styles.element.iterchildren(f"{_W}style"):
        sid = st.get(f"{_W}styleId") or ""
        name_el = st.find(f"{_W}name")
        lvl_el = st.find(f"{_W}pPr/{_W}outlineLvl")
        lvl = int(lvl_el.get(f"{_W}val")) if lvl_el is not None and lvl_el.get(f"{_W}val", "").isdigit() else None
        out[sid] = ((name_el.get(f"{_W}val") if name_el is not None else sid).lower(), lvl)
    return out


class _Reader:
    """Walks the body XML once, numbering body elements and tables as it goes."""

    def __init__(self, name: str, styles: dict[str, tuple[str, int | None]]) -> None:
        self.name = name
        self.styles = styles
        self.blocks: list[Block] = []
        self.element_no = 0
        self.table_no = 0

    def walk(self, parent: Any) -> None:
        for child in parent.iterchildren():
            if child.tag == f"{_W}p":
                self.element_no += 1
                self._paragraph(child)
            elif child.tag == f"{_W}tbl":
                self.element_no += 1
                self._table(child)
            elif child.tag == f"{_W}sdt":
                content = child.find(f"{_W}sdtContent")
                if content is not None:
                    self.walk(content)

    def _paragraph(self, p: Any) -> None:
        text = clean_inline(paragraph_text(p)).strip()
        if not text:
            return
        loc = Locator(self.name, line_start=self.element_no, line_end=self.element_no)
        level = self._heading_level(p) or heading_level(text)
        if level:
            self.blocks.append(Block("heading", fold_spaced(text), loc, level=level))
        else:
            self.blocks.append(Block("paragraph", text, loc))

    def _heading_level(self, p: Any) -> int:
        ppr = p.find(f"{_W}pPr")
        if ppr is None:
            return 0
        lvl = ppr.find(f"{_W}outlineLvl")
        if lvl is not None and lvl.get(f"{_W}val", "").isdigit() and int(lvl.get(f"{_W}val")) < 9:
            return int(lvl.get(f"{_W}val")) + 1
        ps = ppr.find(f"{_W}pStyle")
        if ps is None:
            return 0
        style, outline = self.styles.get(ps.get(f"{_W}val") or "", ("", None))
        if style.startswith("heading"):
            digits = style.split()[-1]
            return int(digits) if digits.isdigit() else 1
        if style == "title":
            return 1
        return outline + 1 if outline is not None and outline < 9 else 0

    def _table(self, tbl: Any) -> None:
        self.table_no += 1
        loc = Locator(self.name, line_start=self.element_no, line_end=self.element_no, table=self.table_no)
        nested: list[Any] = []
        grid: list[list[_Slot]] = []
        for r, tr in enumerate(tbl.iterchildren(f"{_W}tr")):
            col = _grid_before(tr)
            slots: list[_Slot] = []
            for tc in _row_cells(tr):
                tcpr = tc.find(f"{_W}tcPr")
                span = _int_val(tcpr, "gridSpan", 1)
                vmerge = _val(tcpr, "vMerge")
                hmerge = _val(tcpr, "hMerge")
                text = "\n".join(
                    t
                    for t in (fold_spaced(clean_inline(paragraph_text(p)).strip()) for p in tc.iterchildren(f"{_W}p"))
                    if t
                )
                nested.extend(tc.iterchildren(f"{_W}tbl"))
                slots.append(_Slot(text, r, col, span, vmerge, hmerge))
                col += span
            grid.append(slots)
        rows = _cells(grid, loc)
        table = Table(rows, loc)
        self.blocks.append(Block("table", _table_text(table), loc, table=table))
        for inner in nested:
            self._table(inner)


class _Slot:
    """One w:tc as found, before vertical and legacy horizontal merges are resolved."""

    def __init__(self, text: str, row: int, col: int, span: int, vmerge: str | None, hmerge: str | None) -> None:
        self.text, self.row, self.col, self.span = text, row, col, span
        self.vmerge, self.hmerge = vmerge, hmerge


def _cells(grid: list[list[_Slot]], loc: Locator) -> tuple[tuple[Cell, ...], ...]:
    rows: list[tuple[Cell, ...]] = []
    for r, slots in enumerate(grid):
        cells: list[Cell] = []
        for i, s in enumerate(slots):
            if s.vmerge == "continue" or s.hmerge == "continue":
                continue  # covered by the cell above / to the left
            colspan = s.span
            if s.hmerge == "restart":
                for nxt in slots[i + 1 :]:
                    if nxt.hmerge != "continue":
                        break
                    colspan += nxt.span
            rowspan = 1
            if s.vmerge == "restart":
                for below in grid[r + 1 :]:
                    hit = next((b for b in below if b.col == s.col), None)
                    if hit is None or hit.vmerge != "continue":
                        break
                    rowspan += 1
            cells.append(Cell(s.text, r, s.col, loc.with_cell(r, s.col), rowspan=rowspan, colspan=colspan))
        rows.append(tuple(cells))
    return tuple(rows)


def _row_cells(tr: Any) -> list[Any]:
    """The row's w:tc elements, including those wrapped in content controls."""
    out: list[Any] = []
    for child in tr.iterchildren():
        if child.tag == f"{_W}tc":
            out.append(child)
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                out.extend(content.iterchildren(f"{_W}tc"))
    return out


def _grid_before(tr: Any) -> int:
    trpr = tr.find(f"{_W}trPr")
    return _int_val(trpr, "gridBefore", 0)


def _val(parent: Any, tag: str) -> str | None:
    """The w:val of a child property; a bare <w:vMerge/> means "continue"."""
    if parent is None:
        return None
    el = parent.find(f"{_W}{tag}")
    if el is None:
        return None
    return el.get(f"{_W}val") or "continue"


def _int_val(parent: Any, tag: str, default: int) -> int:
    if parent is None:
        return default
    el = parent.find(f"{_W}{tag}")
    v = el.get(f"{_W}val") if el is not None else None
    return int(v) if v is not None and v.isdigit() and int(v) > 0 else default


def paragraph_text(p: Any) -> str:
    """Text of one w:p: runs, insertions, hyperlinks, fields and text boxes; tabs and breaks as spaces/newlines."""
    parts: list[str] = []
    for el in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        if any(a.tag == _MC_FALLBACK for a in el.iterancestors()):
            continue  # the Fallback branch repeats the text box the Choice branch already holds
        if el.tag == f"{_W}t":
            parts.append(el.text or "")
        elif el.tag == f"{_W}tab":
            if el.getparent() is not None and el.getparent().tag == f"{_W}r":
                parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts)


def _table_text(t: Table) -> str:
    return "\n".join("\t".join(c.text.replace("\n", " ") for c in row) for row in t.rows)
