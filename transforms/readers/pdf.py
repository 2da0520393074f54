"""PDF reader: text lines in reading order outside tables, ruled tables with cell boxes.

The page's characters and ruling lines come from pypdfium2 (pdf_objects); pdfplumber's table finder runs on them,
and its text lines are built as pdfplumber builds them (pdf_text).

Layout quirks handled: duplicated glyphs (fake bold), 分散对齐 spacing, page numbers and running headers,
paragraphs wrapped across lines and pages, headings by font size and numbering, page-frame boxes that are not
tables, merged cells, tables continued on the next page, scans with an OCR text layer, pages without text.
"""

from __future__ import annotations

import re
import statistics
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from transforms.document import Block, Cell, Document, Locator, Table
from transforms.normalize.text import clean_inline
from transforms.notices import notice
from transforms.readers.errors import CorruptPdf, EmptyFile, EncryptedPdf, ImageOnlyPdf, QuarantineError
from transforms.readers.limits import check_page_size, check_pages, out_of_memory
from transforms.readers.paragraphs import fold_spaced, heading_level, is_number, join_cell_lines, starts_item
from transforms.readers.pdf_objects import PageObjects, open_pdf, read_page
from transforms.readers.pdf_tables import cell_texts, ruled_tables
from transforms.readers.pdf_text import text_lines

_PAGE_NO = re.compile(r"^[-—–\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*(?:共\s*)?\d{1,4}\s*页?)?[-—–\s]*$")
_MARGIN = 0.08  # top/bottom share of the page where running headers and page numbers live
_HEADING_RATIO = 1.15  # a line this much larger than body text is a heading
# what goes down to the next line whole: a Latin word or figure, or a quoted word with the character before it
_LEADING_WORD = re.compile(r"^[\x21-\x7e]+|^[^，。；：、“”\s]{0,2}“[^”]{0,6}”[。，；、]?")
_SCAN_AREA = 0.8  # an image covering this share of the page makes it a scan


@dataclass
class _Line:
    page: int
    no: int  # 1-based line number on the page
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    text: str


@dataclass
class _RawCell:
    text: str
    row: int
    col: int
    rowspan: int
    colspan: int
    page: int
    bbox: tuple[float, float, float, float]


@dataclass
class _RawTable:
    page: int
    top: float
    bbox: tuple[float, float, float, float]
    cols: list[float]  # column left edges
    rows: list[list[_RawCell]]
    continued: bool = False
    pieces: list[int] = field(default_factory=list)  # pages the table spans


@dataclass
class _Page:
    number: int
    height: float
    items: list[_Line | _RawTable]


def read_pdf(path: Path) -> Document:
    """Read a PDF with a text layer; quarantine corrupt, truncated, encrypted and image-only files."""
    name = path.name
    _check_complete(path, name)
    try:
        return _read(path, name)
    except QuarantineError:
        raise
    except Exception as exc:  # any parser failure on hostile input is a damaged file, never a crash
        if out_of_memory(exc):  # the worker's memory limit, not a damaged file
            raise MemoryError(str(exc)) from exc
        if "encrypt" in str(exc).lower() or "password" in str(exc).lower():
            raise EncryptedPdf(name, type(exc).__name__) from exc
        raise CorruptPdf(name, f"{type(exc).__name__}: {exc}"[:200]) from exc


def _check_complete(path: Path, name: str) -> None:
    """A PDF ends with %%EOF; pdfminer silently reads what is left of a truncated file, so check first."""
    with path.open("rb") as fh:
        head = fh.read(1024)
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(max(0, size - 2048))
        tail = fh.read()
    if b"%PDF" not in head:
        raise CorruptPdf(name, "no %PDF header")
    if b"%%EOF" not in tail:
        raise CorruptPdf(name, "truncated: no %%EOF at the end")


def _read(path: Path, name: str) -> Document:
    warnings: list[str] = []
    pages: list[_Page] = []
    no_text: list[int] = []
    ocr: list[int] = []
    with open_pdf(path) as doc:
        npages = len(doc)
        check_pages(name, npages)
        for pno in range(1, npages + 1):
            objs = read_page(doc, pno, check=lambda w, h, pno=pno: check_page_size(name, pno, w, h))
            if not objs.chars:
                if objs.images:  # a blank page (no text, no image) is only a separator
                    no_text.append(pno)
                continue
            if any(_area(im) >= _SCAN_AREA * objs.width * objs.height for im in objs.images):
                ocr.append(pno)
            pages.append(_read_page(objs))
    if npages == 0:
        raise CorruptPdf(name, "no pages")
    if not pages:
        if no_text:
            raise ImageOnlyPdf(name, f"{npages} pages")
        raise EmptyFile(name, f"{npages} blank pages")
    if len(no_text) * 2 >= npages:
        raise ImageOnlyPdf(name, f"{len(no_text)} of {npages} pages have no text")
    if no_text:
        warnings.append(notice("no_text_layer", f"pages {_ranges(no_text)} have no text (scans); content missing"))
    if ocr:
        warnings.append(
            notice(
                "ocr_text_layer",
                f"pages {_ranges(ocr)} are scans with an OCR text layer; figures may carry recognition errors",
            )
        )
    _drop_running_lines(pages)
    items = _join_tables(pages, warnings)
    blocks = _blocks(items, name)
    return Document(source_file=name, media_type="pdf", blocks=tuple(blocks), pages=npages, warnings=tuple(warnings))


def _area(box: tuple[float, float, float, float]) -> float:
    return (box[2] - box[0]) * (box[3] - box[1])


def _ranges(nums: list[int]) -> str:
    out: list[str] = []
    start = prev = nums[0]
    for n in [*nums[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        out.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return ",".join(out)


# ---------------------------------------------------------------- one page


def _read_page(page: PageObjects) -> _Page:
    pno = page.number
    tables = [t for t in (_raw_table(t, pno, page.chars) for t in ruled_tables(page)) if t is not None]
    boxes = [t.bbox for t in tables]
    outside = [c for c in page.chars if not _inside(c, boxes)] if boxes else page.chars
    items: list[_Line | _RawTable] = list(tables)
    for no, ln in enumerate(text_lines(outside), start=1):
        text = fold_spaced(clean_inline(ln.text).strip())
        if not text:
            continue
        size = statistics.median(c["size"] for c in ln.chars) if ln.chars else 0.0
        items.append(_Line(pno, no, ln.top, ln.bottom, ln.x0, ln.x1, round(size, 1), text))
    items.sort(key=lambda it: (it.top, it.x0 if isinstance(it, _Line) else it.bbox[0]))
    return _Page(pno, page.height, items)


def _inside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    cx = (obj["x0"] + obj["x1"]) / 2
    cy = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _raw_table(t: Any, pno: int, chars: list[dict[str, Any]]) -> _RawTable | None:
    """Cells with spans from their boxes; a single box (page frame, framed note) or an empty grid is no table."""
    row_objs = t.rows
    data = cell_texts(row_objs, chars)
    if not row_objs:
        return None
    tops = sorted({round(r.bbox[1], 1) for r in row_objs})
    lefts = sorted({round(b[0], 1) for r in row_objs for b in r.cells if b is not None})
    rows: list[list[_RawCell]] = []
    for r, (row_obj, texts) in enumerate(zip(row_objs, data, strict=False)):
        cells: list[_RawCell] = []
        for c, box in enumerate(row_obj.cells):
            if box is None:
                continue  # covered by a merged cell
            x0, top, x1, bottom = box
            first = bisect_left(lefts, x0 - 1)  # the column edges the cell spans lie in [x0 - 1, x1 - 1)
            colspan = max(1, bisect_left(lefts, x1 - 1) - first)
            rowspan = max(1, bisect_left(tops, bottom - 1) - bisect_left(tops, top - 1))
            text = texts[c] if c < len(texts) and texts[c] is not None else ""
            edge = bisect_left(lefts, round(x0, 1) - 1)  # the first edge within 1 of the cell's left
            col = edge if edge < len(lefts) and abs(lefts[edge] - round(x0, 1)) <= 1 else c
            cells.append(_RawCell(_cell_text(text), r, col, rowspan, colspan, pno, tuple(box)))
        rows.append(cells)
    ncells = sum(len(r) for r in rows)
    if ncells <= 1 or not any(c.text for r in rows for c in r):
        return None
    return _RawTable(pno, float(t.bbox[1]), tuple(t.bbox), lefts, rows, pieces=[pno])


def _cell_text(raw: str) -> str:
    lines = [fold_spaced(clean_inline(x).strip()) for x in raw.split("\n")]
    return join_cell_lines([x for x in lines if x])


# ---------------------------------------------------------------- across pages


def _drop_running_lines(pages: list[_Page]) -> None:
    """Remove page numbers and running headers/footers (the same line in the margin of most pages)."""

    def in_margin(ln: _Line, height: float) -> bool:
        return ln.top < _MARGIN * height or ln.bottom > (1 - _MARGIN) * height

    seen: Counter[str] = Counter()
    for p in pages:
        keys = {re.sub(r"\d+", "#", it.text) for it in p.items if isinstance(it, _Line) and in_margin(it, p.height)}
        seen.update(keys)
    running = {k for k, n in seen.items() if n >= 3 and n * 2 >= len(pages)}
    for p in pages:
        p.items = [
            it
            for it in p.items
            if not (
                isinstance(it, _Line)
                and in_margin(it, p.height)
                and (_PAGE_NO.match(it.text) or re.sub(r"\d+", "#", it.text) in running)
            )
        ]


def _join_tables(pages: list[_Page], warnings: list[str]) -> list[_Line | _RawTable]:
    """Join a table that continues at the top of the next page to the table ending the previous page.

    Joined when the header rows repeat (they are dropped) or when the column grid matches; a table that only
    starts the page with a different grid stays separate and gets a warning.
    """
    out: list[_Line | _RawTable] = []
    prev_last: _Line | _RawTable | None = None
    for p in pages:
        for i, it in enumerate(p.items):
            first = i == 0
            if (
                first
                and isinstance(it, _RawTable)
                and isinstance(prev_last, _RawTable)
                and it.top < 0.25 * p.height
                and out
                and out[-1] is prev_last
            ):
                head = _repeated_header(prev_last, it)
                if head or _same_grid(prev_last, it):
                    _append_rows(prev_last, it, head, warnings)
                    continue
                warnings.append(
                    notice(
                        "table_split",
                        f"the table at the top of page {p.number} may continue the "
                        f"table on page {prev_last.pieces[-1]} but its columns differ; kept separate",
                    )
                )
            out.append(it)
        if p.items:
            prev_last = out[-1]
    return out


def _row_texts(row: list[_RawCell]) -> list[str]:
    return [c.text for c in row]


def _repeated_header(a: _RawTable, b: _RawTable) -> int:
    """How many leading rows of ``b`` repeat the leading rows of ``a`` (0 when none)."""
    k = 0
    limit = min(len(a.rows), len(b.rows) - 1, 3)
    while k < limit and _same_labels(a.rows[k], b.rows[k]) and any(_row_texts(b.rows[k])):
        k += 1
    return k


def _same_labels(a: list[_RawCell], b: list[_RawCell]) -> bool:
    """The same header row, allowing a label the repeat cuts short (未完成原因及拟采取 for …的改进措施)."""
    ta, tb = _row_texts(a), _row_texts(b)
    return len(ta) == len(tb) and all(x == y or (len(y) >= 4 and x.startswith(y)) for x, y in zip(ta, tb, strict=True))


def _same_grid(a: _RawTable, b: _RawTable) -> bool:
    return len(a.cols) == len(b.cols) and all(abs(x - y) <= 2 for x, y in zip(a.cols, b.cols, strict=True))


def _append_rows(a: _RawTable, b: _RawTable, skip: int, warnings: list[str]) -> None:
    rows = b.rows[skip:]
    if skip and rows:
        _drop_header_rest(a.rows[:skip], rows[0])
    if rows and a.rows and _row_broken(a.rows[-1], rows[0]):
        _join_row(a.rows[-1], rows[0])
        warnings.append(notice("table_split", f"a row broken across pages {a.pieces[-1]}–{b.page} was joined"))
        rows = rows[1:]
        skip += 1
    offset = len(a.rows) - skip
    for row in rows:
        for c in row:
            c.row += offset
        a.rows.append(row)
    a.continued = True
    a.pieces.append(b.page)
    _regrid(a, b.cols)


def _drop_header_rest(header: list[list[_RawCell]], first: list[_RawCell]) -> None:
    """A repeated header cut short (未完成原因及拟采取) leaves the rest of its label (的改进) in the first row below
    it: text under a column that is a piece of that column's label is the header's, not the row's."""
    labels: dict[int, str] = {}
    for row in header:
        for c in row:
            labels[c.col] = labels.get(c.col, "") + c.text.replace("\n", "")
    for c in first:
        t = c.text.replace("\n", "").strip()
        if len(t) >= 2 and t in labels.get(c.col, "") and not is_number(t):
            c.text = ""


def _row_broken(last: list[_RawCell], first: list[_RawCell]) -> bool:
    """The first row of a page's piece is the rest of the row the previous page ended with.

    It holds text only under cells of that row that have text (the rest of a name, the % of a rate) and no
    figure, or only the last digits of the figures above it: a row of its own would carry a name or figures of
    its own, and a new level name (merged down over the rows of its group) would sit under no cell above.
    """
    above = {c.col: c for c in last if c.text.strip()}
    below = [c for c in first if c.text.strip()]
    if not below or not any(is_number(c.text) for c in above.values()) or any(c.col not in above for c in below):
        return False
    if not any(is_number(c.text) for c in below):
        return True
    # the last digits of the row's figures (6766.3 | 3): under figures only, each still a figure when joined,
    # and nothing under the row's label (a table of figures alone would otherwise join every row to the next)
    labelled = any(not is_number(c.text) for c in above.values())
    return labelled and all(is_number(above[c.col].text) and is_number(above[c.col].text + c.text) for c in below)


def _join_row(last: list[_RawCell], first: list[_RawCell]) -> None:
    """Each cell of the broken row's rest appended to the cell above it."""
    above = {c.col: c for c in last}
    for c in first:
        if c.text.strip():
            top = above[c.col]
            top.text = top.text + c.text
            top.bbox = (top.bbox[0], top.bbox[1], top.bbox[2], c.bbox[3])


def _regrid(a: _RawTable, more_cols: list[float]) -> None:
    """Put every cell on the union of both pieces' column edges.

    A piece whose rows all merge the same two columns (label cells at the foot of a page) has no edge between
    them, so its cells would be numbered on a coarser grid than the rest of the table.
    """
    cols = sorted(a.cols)
    for x in more_cols:
        if all(abs(x - y) > 2 for y in cols):
            cols.append(x)
    cols.sort()
    if len(cols) == len(a.cols):
        return
    a.cols = cols
    for row in a.rows:
        for c in row:
            x0, x1 = c.bbox[0], c.bbox[2]
            c.col = next((k for k, x in enumerate(cols) if abs(x - x0) <= 2), c.col)
            c.colspan = max(1, sum(1 for x in cols if x0 - 2 <= x < x1 - 2))


# ---------------------------------------------------------------- blocks


@dataclass(frozen=True)
class _Geometry:
    """The body text's measures: font size, left and right margins, line pitch."""

    body: float
    left: float
    right: float
    pitch: float

    @classmethod
    def of(cls, lines: list[_Line]) -> _Geometry:
        weights: Counter[float] = Counter()
        for ln in lines:
            weights[ln.size] += len(ln.text)
        body = weights.most_common(1)[0][0] if weights else 0.0
        main = [ln for ln in lines if abs(ln.size - body) < 0.6 and len(ln.text) >= 10]
        if len(main) < 3:  # too little body text to know the margin: every line stands alone
            return cls(body, 0.0, float("inf"), 0.0)
        ends = sorted(ln.x1 for ln in main)
        lefts = Counter(round(ln.x0) for ln in main)
        steps = [b.top - a.top for a, b in pairwise(main) if a.page == b.page and 0 < b.top - a.top < 3 * body]
        # the lower quartile: a line step inside a paragraph, not the wider step between paragraphs, even when
        # most paragraphs are one line long
        return cls(
            body,
            float(lefts.most_common(1)[0][0]),
            ends[int(0.9 * (len(ends) - 1))],
            sorted(steps)[len(steps) // 4] if steps else 0.0,
        )


def _blocks(items: list[_Line | _RawTable], name: str) -> list[Block]:
    lines = [it for it in items if isinstance(it, _Line)]
    geo = _Geometry.of(lines)
    heading_sizes = sorted({ln.size for ln in lines if ln.size >= geo.body * _HEADING_RATIO}, reverse=True)
    blocks: list[Block] = []
    para: list[_Line] = []
    table_no = 0

    def flush() -> None:
        if para:
            blocks.append(_text_block(para, name, geo.body, heading_sizes))
            para.clear()

    for it in items:
        if isinstance(it, _RawTable):
            flush()
            table_no += 1
            tb = _table(it, name, table_no)
            blocks.append(Block("table", _table_text(tb), tb.locator, table=tb))
            continue
        if para and _continues(para[-1], it, geo):
            para.append(it)
        else:
            flush()
            para.append(it)
    flush()
    return blocks


def _continues(prev: _Line, cur: _Line, geo: _Geometry) -> bool:
    """True when ``cur`` is the next line of the paragraph ``prev`` is in (on the same or the next page)."""
    size = max(prev.size, 1.0)
    if abs(prev.size - cur.size) > 0.6:
        return False
    title = prev.size >= geo.body * _HEADING_RATIO and not prev.text.endswith(("。", "：", ":"))
    if (
        title
        and cur.page == prev.page
        and 0 < cur.top - prev.top <= 1.8 * size
        and not starts_item(cur.text)
        and not heading_level(cur.text)
    ):
        return True  # a title centred on two lines: neither reaches the margin, the second goes on the first
    # a wrapped line reaches the margin, short by at most a character plus the Latin word (a figure such as
    # 4483.925) that did not fit and went down whole; a line stopping shorter ended its paragraph
    word = _LEADING_WORD.match(cur.text)
    if prev.x1 < geo.right - (1.5 + 0.6 * (len(word.group(0)) if word else 0)) * size:
        return False
    if cur.x0 - geo.left >= 1.5 * size and prev.x0 - geo.left < 1.5 * size:
        return False  # first-line indent opens a new paragraph
    if starts_item(cur.text) or heading_level(cur.text):
        return False
    if cur.page == prev.page:
        step = cur.top - prev.top
        limit = 1.3 * geo.pitch if geo.pitch else 2.2 * size  # paragraph spacing shows as a wider step
        return 0 < step <= limit
    return cur.page == prev.page + 1 and cur.no <= 3


def _text_block(lines: list[_Line], name: str, body: float, heading_sizes: list[float]) -> Block:
    text = lines[0].text
    for ln in lines[1:]:
        latin = text[-1:].isascii() and text[-1:].isalpha() and ln.text[:1].isascii() and ln.text[:1].isalpha()
        text += (" " if latin else "") + ln.text
    first = lines[0]
    same_page = [ln for ln in lines if ln.page == first.page]
    loc = Locator(
        name,
        page=first.page,
        line_start=first.no,
        line_end=same_page[-1].no if len(same_page) == len(lines) else None,
        bbox=(min(ln.x0 for ln in same_page), same_page[0].top, max(ln.x1 for ln in same_page), same_page[-1].bottom),
    )
    if first.size >= body * _HEADING_RATIO and len(text) <= 60:
        return Block("heading", text, loc, level=heading_sizes.index(first.size) + 1)
    level = heading_level(text)
    if level:
        return Block("heading", text, loc, level=level)
    return Block("paragraph", text, loc)


def _table(raw: _RawTable, name: str, table_no: int) -> Table:
    loc = Locator(name, page=raw.page, table=table_no, bbox=raw.bbox)
    rows: list[tuple[Cell, ...]] = []
    for r, row in enumerate(raw.rows):
        cells = tuple(
            Cell(
                c.text,
                r,
                c.col,
                Locator(name, page=c.page, table=table_no, row=r, col=c.col, bbox=c.bbox),
                rowspan=c.rowspan,
                colspan=c.colspan,
            )
            for c in row
        )
        rows.append(cells)
    return Table(tuple(rows), loc, continued=raw.continued, header_rows=_header_rows(raw))


def _header_rows(raw: _RawTable) -> int:
    """Leading rows without a number in them (at most three), when data rows follow."""
    k = 0
    while k < min(3, len(raw.rows) - 1) and not any(is_number(c.text) for c in raw.rows[k]):
        k += 1
    return k if k < len(raw.rows) else 0


def _table_text(t: Table) -> str:
    return "\n".join("\t".join(c.text.replace("\n", " ") for c in row) for row in t.rows)
