"""The evidence as printed: a PNG of the page band around a fact's bounding box, rendered with pypdfium2."""

from __future__ import annotations

import hashlib
from pathlib import Path

from flows.stages import sha256_of

SCALE = 2.0  # 144 dpi: small print in Chinese tables stays legible
MARGIN = 14.0  # points above and below the box, so the row's neighbours give context
MIN_HEIGHT = 36.0
STYLE = 1  # raised when the drawing changes, so that crops the published pages keep are drawn again


def crop_name(sha256: str, page: int, bbox: tuple[float, float, float, float] | None) -> str:
    """A crop's file name from what it shows and how it is drawn: the same evidence on a later night is the same
    file."""
    key = f"{sha256}|{page}|{bbox}|{SCALE}|{MARGIN}|{MIN_HEIGHT}|{STYLE}"
    return hashlib.sha256(key.encode()).hexdigest()[:24] + ".png"


def find_source(inbox: Path, name: str, sha256: str) -> Path | None:
    """The delivered file in the inbox with this name and content (the warehouse keeps only the name)."""
    if not name or not inbox.is_dir():
        return None
    for p in sorted(inbox.rglob(name)):
        if p.is_file() and (not sha256 or sha256_of(p) == sha256):
            return p
    return None


def header_band(pdf: Path, page: int, bbox: tuple[float, float, float, float]) -> tuple[float, float] | None:
    """(top, bottom) of the first row of the ruled table on ``page`` that holds ``bbox``: the column labels a
    reviewer needs beside a cell; None when the box is in no ruled table."""
    from transforms.readers.pdf_objects import open_pdf, read_page
    from transforms.readers.pdf_tables import ruled_tables

    cx, cy = (bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2
    with open_pdf(pdf) as doc:
        if not 1 <= page <= len(doc):
            return None
        objs = read_page(doc, page)
    for table in ruled_tables(objs):
        x0, top, x1, bottom = table.bbox
        if x0 <= cx <= x1 and top <= cy <= bottom and table.rows:
            first = table.rows[0].bbox
            return float(first[1]), float(first[3])
    return None


def _band(p: object, height: float, top: float, bottom: float) -> object:
    # pdfium crops by the amount cut from each edge: left, bottom, right, top
    return p.render(scale=SCALE, crop=(0, height - bottom, 0, top)).to_pil().convert("RGB")  # type: ignore[attr-defined]


def crop_png(
    pdf: Path,
    page: int,
    bbox: tuple[float, float, float, float] | None,
    out: Path,
    header: tuple[float, float] | None = None,
) -> Path:
    """Render the full-width band of 1-based ``page`` around ``bbox`` (x0, top, x1, bottom in points from the top
    left, as the PDF reader measures) with the box outlined in red; the whole page when there is no box. With
    ``header`` (the table's first row), the header is shown above the band: in one band when they are near, else as a
    strip stacked on top."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw

    doc = pdfium.PdfDocument(str(pdf))
    strip = None
    try:
        if not 1 <= page <= len(doc):
            raise ValueError(f"{pdf.name} has no page {page}")
        p = doc[page - 1]
        height = p.get_height()
        top, bottom = 0.0, height
        if bbox is not None:
            top = max(0.0, bbox[1] - MARGIN)
            bottom = min(height, max(bbox[3] + MARGIN, top + MIN_HEIGHT))
            if header is not None and header[0] < top:
                if top - header[1] <= 4 * MIN_HEIGHT:
                    top = max(0.0, header[0] - 2)  # near: one band from the header down
                else:
                    strip = _band(p, height, max(0.0, header[0] - 2), min(height, header[1] + 2))
        image = _band(p, height, top, bottom)
    finally:
        doc.close()
    if bbox is not None:
        x0, y0 = bbox[0] * SCALE, (bbox[1] - top) * SCALE
        x1, y1 = bbox[2] * SCALE, (bbox[3] - top) * SCALE
        ImageDraw.Draw(image).rectangle((x0 - 3, y0 - 3, x1 + 3, y1 + 3), outline=(220, 0, 0), width=2)
    if strip is not None:
        joined = Image.new("RGB", (image.width, strip.height + 6 + image.height), (200, 200, 200))
        joined.paste(strip, (0, 0))
        joined.paste(image, (0, strip.height + 6))
        image = joined
    out.parent.mkdir(parents=True, exist_ok=True)
    image.save(out, format="PNG", optimize=True)
    return out
