"""What a PDF page holds, read with pypdfium2: its characters with their boxes, its ruling edges, its images.

pdfminer (under pdfplumber) parses content streams in pure Python, some 40 times slower than a pypdfium2 text pass
over the same pages; pdfium's C++ has already computed every character's origin and every path's points. The
objects come out shaped as pdfplumber's (dicts with x0, top, x1, bottom in points from the top left of the page as
displayed) so that pdfplumber's table finder and text-line builder run on them unchanged.
"""

from __future__ import annotations

import ctypes
import math
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from unicodedata import east_asian_width

from transforms.readers.errors import CorruptPdf, EncryptedPdf

# pdfium is not thread-safe, and a Dask worker (or the review pages) may read two PDFs in one process at once
PDFIUM_LOCK = threading.RLock()

# a character's box from its baseline: pdfminer's (descent below the baseline, the font size above it), with the
# descent of the common CJK fonts (SimSun, 仿宋, Noto CJK: about 0.12 em) as pdfium gives no per-font figure cheaply
_DESCENT = 0.12
_AXIS = 0.1  # points: a segment this close to horizontal or vertical is a ruling line
_SPACES = frozenset(" \u00a0\u3000")
Box = tuple[float, float, float, float]


@dataclass
class PageObjects:
    """One page as displayed: characters and edges shaped as pdfplumber's, image boxes."""

    number: int
    width: float
    height: float
    chars: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    images: list[Box] = field(default_factory=list)

    @property
    def bbox(self) -> Box:
        return (0.0, 0.0, self.width, self.height)


@contextmanager
def open_pdf(path: Path) -> Iterator[Any]:
    """The pdfium document of ``path``, closed after use; an encrypted or unparsable file is a quarantine error."""
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        try:
            doc = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            code = getattr(exc, "err_code", None)
            if code in (pdfium.raw.FPDF_ERR_PASSWORD, pdfium.raw.FPDF_ERR_SECURITY):
                raise EncryptedPdf(path.name, str(exc)[:120]) from exc
            raise CorruptPdf(path.name, str(exc)[:200]) from exc
        try:
            yield doc
        finally:
            doc.close()


class _Display:
    """User space to the displayed page: the crop box's origin moved to the top left, the page's /Rotate applied."""

    def __init__(self, page: Any) -> None:
        self.left, self.bottom, self.right, self.top = (float(v) for v in page.get_cropbox())
        self.rotation = int(page.get_rotation()) % 360
        w, h = self.right - self.left, self.top - self.bottom
        self.width, self.height = (h, w) if self.rotation in (90, 270) else (w, h)

    def point(self, x: float, y: float) -> tuple[float, float]:
        r = self.rotation
        if r == 0:
            return x - self.left, self.top - y
        if r == 90:
            return y - self.bottom, x - self.left
        if r == 180:
            return self.right - x, y - self.bottom
        return self.top - y, self.right - x

    def box(self, x0: float, y0: float, x1: float, y1: float) -> Box:
        ax, ay = self.point(x0, y0)
        bx, by = self.point(x1, y1)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def read_page(doc: Any, number: int, check: Callable[[float, float], None] | None = None) -> PageObjects:
    """Characters, edges and images of the 1-based page ``number`` of the pdfium document ``doc``; ``check`` sees
    the page's displayed width and height first (and may refuse the page by raising)."""
    with PDFIUM_LOCK:
        page = doc[number - 1]
        try:
            disp = _Display(page)
            if check is not None:
                check(disp.width, disp.height)
            out = PageObjects(number, disp.width, disp.height)
            textpage = page.get_textpage()
            try:
                out.chars = _dedupe(_chars(textpage, disp))
            finally:
                textpage.close()
            _walk(page, disp, out)
        finally:
            page.close()
    return out


def _chars(textpage: Any, disp: _Display) -> list[dict[str, Any]]:
    import pypdfium2.raw as raw

    tp = textpage.raw
    n = raw.FPDFText_CountChars(tp)
    if n <= 0:
        return []
    text = textpage.get_text_range(0, n)
    one_per_char = len(text) == n  # a character outside the BMP takes two code units
    box, m = raw.FS_RECTF(), raw.FS_MATRIX()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    turn = math.radians(disp.rotation)  # text upright on the displayed page runs this way in user space
    get_matrix, get_size, get_origin = raw.FPDFText_GetMatrix, raw.FPDFText_GetFontSize, raw.FPDFText_GetCharOrigin
    get_box, generated = raw.FPDFText_GetLooseCharBox, raw.FPDFText_IsGenerated
    point = disp.point
    chars: list[dict[str, Any]] = []
    for i in range(n):
        ch = text[i] if one_per_char else chr(raw.FPDFText_GetUnicode(tp, i))
        if ch in "\r\n\ufffe" or (ch in _SPACES and generated(tp, i)):
            # pdfium's line breaks, and the spaces it puts, placed nowhere, for the space glyphs it drops: the
            # text-line builder finds word gaps from the boxes as it does for pdfminer's characters
            continue
        get_matrix(tp, i, m)  # the character's effective matrix: its scale and direction
        font_size = get_size(tp, i)
        size = font_size * math.hypot(m.c, m.d)  # Tf 1 scaled by Tm prints at Tm's size
        angle = math.atan2(m.b, m.a)  # counter-clockwise, in user space
        upright = abs((angle - turn + math.pi) % math.tau - math.pi) < 0.01
        if upright:  # the box from the origin, as pdfminer measures it: the font size high, the advance wide
            get_origin(tp, i, ox, oy)
            x0, base = point(ox.value, oy.value)
            top, bottom = base - (1 - _DESCENT) * size, base + _DESCENT * size
            if east_asian_width(ch) in "WF":
                # a full-width glyph advances one em; pdfium's box falls back to the ink when a subset font
                # carries no ascent, and the ink of 处 or 。 ends short of (or past) the advance
                x1 = x0 + font_size * math.hypot(m.a, m.b)
            else:
                get_box(tp, i, box)
                x1 = max(disp.box(box.left, box.bottom, box.right, box.top)[2], x0)
        else:
            get_box(tp, i, box)
            x0, top, x1, bottom = disp.box(box.left, box.bottom, box.right, box.top)
        chars.append(
            {
                "object_type": "char",
                "text": ch,
                "x0": x0,
                "x1": x1,
                "top": top,
                "bottom": bottom,
                "doctop": top,
                "width": x1 - x0,
                "height": bottom - top,
                "size": round(size, 2),
                "upright": upright,
            }
        )
    return chars


def _dedupe(chars: list[dict[str, Any]], tolerance: float = 1.0) -> list[dict[str, Any]]:
    """Drop a character drawn again within ``tolerance`` of itself (the fake bold of Word and WPS).

    pdfplumber's ``dedupe_chars`` does the same in quadratic time; buckets of ``tolerance`` keep it linear.
    """
    seen: dict[tuple[str, int], list[dict[str, Any]]] = {}
    out: list[dict[str, Any]] = []
    for c in chars:
        text, x0, top = c["text"], c["x0"], c["top"]
        gx = int(x0 // tolerance)
        if any(
            abs(o["x0"] - x0) <= tolerance
            and abs(o["top"] - top) <= tolerance
            and o["size"] == c["size"]
            and o["upright"] == c["upright"]
            for k in (gx - 1, gx, gx + 1)
            for o in seen.get((text, k), ())
        ):
            continue
        seen.setdefault((text, gx), []).append(c)
        out.append(c)
    return out


# ---------------------------------------------------------------- paths and images


_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _times(m: _Matrix, n: _Matrix) -> _Matrix:
    """``m`` applied first, then ``n``."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m: _Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _matrix_of(obj: Any) -> _Matrix:
    import pypdfium2.raw as raw

    fm = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, fm):
        return _IDENTITY
    return (fm.a, fm.b, fm.c, fm.d, fm.e, fm.f)


def _walk(page: Any, disp: _Display, out: PageObjects) -> None:
    import pypdfium2.raw as raw

    stack: list[tuple[Any, _Matrix, int]] = [(page.raw, _IDENTITY, 0)]
    while stack:
        parent, outer, depth = stack.pop()
        count = raw.FPDFPage_CountObjects(parent) if depth == 0 else raw.FPDFFormObj_CountObjects(parent)
        for k in range(count):
            obj = raw.FPDFPage_GetObject(parent, k) if depth == 0 else raw.FPDFFormObj_GetObject(parent, k)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_PATH:
                _path_edges(obj, _times(_matrix_of(obj), outer), disp, out.edges)
            elif kind == raw.FPDF_PAGEOBJ_IMAGE:
                m = _times(_matrix_of(obj), outer)
                pts = [_apply(m, x, y) for x, y in ((0, 0), (1, 0), (0, 1), (1, 1))]
                out.images.append(
                    disp.box(
                        min(p[0] for p in pts), min(p[1] for p in pts), max(p[0] for p in pts), max(p[1] for p in pts)
                    )
                )
            elif kind == raw.FPDF_PAGEOBJ_FORM and depth < 8:
                stack.append((obj, _times(_matrix_of(obj), outer), depth + 1))


def _path_edges(obj: Any, m: _Matrix, disp: _Display, edges: list[dict[str, Any]]) -> None:
    """The horizontal and vertical straight segments of a path, each an edge (a rectangle gives its four sides)."""
    import pypdfium2.raw as raw

    n = raw.FPDFPath_CountSegments(obj)
    fx, fy = ctypes.c_float(), ctypes.c_float()
    start = cur = None
    for k in range(n):
        seg = raw.FPDFPath_GetPathSegment(obj, k)
        raw.FPDFPathSegment_GetPoint(seg, fx, fy)
        kind = raw.FPDFPathSegment_GetType(seg)
        pt = _apply(m, fx.value, fy.value)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            start = cur = pt
        else:
            if kind == raw.FPDF_SEGMENT_LINETO and cur is not None:
                _edge(cur, pt, disp, edges)
            cur = pt
        if raw.FPDFPathSegment_GetClose(seg) and start is not None and cur is not None:
            _edge(cur, start, disp, edges)
            cur = start


def _edge(p: tuple[float, float], q: tuple[float, float], disp: _Display, edges: list[dict[str, Any]]) -> None:
    x0, top, x1, bottom = disp.box(p[0], p[1], q[0], q[1])
    if x1 - x0 <= _AXIS and bottom - top > _AXIS:
        orientation = "v"
        x0 = x1 = (x0 + x1) / 2
    elif bottom - top <= _AXIS and x1 - x0 > _AXIS:
        orientation = "h"
        top = bottom = (top + bottom) / 2
    else:
        return
    edges.append(
        {
            "object_type": "line",
            "orientation": orientation,
            "x0": x0,
            "x1": x1,
            "top": top,
            "bottom": bottom,
            "doctop": top,
            "width": x1 - x0,
            "height": bottom - top,
        }
    )
