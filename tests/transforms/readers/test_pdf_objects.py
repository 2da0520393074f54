"""Page objects from pypdfium2: boxes on the page as displayed (crop box, /Rotate), edges inside forms, fake bold."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from transforms.readers.errors import CorruptPdf
from transforms.readers.pdf_objects import PageObjects, open_pdf, read_page

FONT = "STSong-Light"
SIZE = 12.0


def _register() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _page(path: Path) -> PageObjects:
    with open_pdf(path) as doc:
        return read_page(doc, 1)


def _one_char_pdf(
    path: Path, *, crop: tuple[float, float, float, float] | None = None, rotate: int = 0, turn: float = 0
) -> None:
    _register()
    c = canvas.Canvas(str(path), pagesize=(600, 800), invariant=1)
    if crop is not None:
        c.setCropBox(crop)
    c.saveState()
    c.translate(100, 700)
    c.rotate(turn)
    c.setFont(FONT, SIZE)
    c.drawString(0, 0, "预")
    c.restoreState()
    c.save()
    if rotate:  # set afterwards: reportlab swaps the media box of a page it rotates
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(path.read_bytes())
        doc[0].set_rotation(rotate)
        doc.save(str(path))
        doc.close()


def test_a_character_box_is_measured_from_the_top_left_of_the_crop_box(tmp_path: Path) -> None:
    path = tmp_path / "crop.pdf"
    _one_char_pdf(path, crop=(50, 40, 550, 760))
    page = _page(path)
    (ch,) = page.chars
    assert (page.width, page.height) == (500, 720)
    assert ch["text"] == "预" and ch["upright"] and ch["size"] == SIZE
    # the origin (100, 700) in user space is (50, 60) from the crop box's top left; the box rises 0.88 em above it
    assert ch["x0"] == pytest.approx(50, abs=0.01) and ch["x1"] == pytest.approx(50 + SIZE, abs=0.01)
    assert ch["bottom"] == pytest.approx(60 + 0.12 * SIZE, abs=0.01)
    assert ch["top"] == pytest.approx(60 - 0.88 * SIZE, abs=0.01)


def test_text_turned_with_the_page_rotation_reads_upright(tmp_path: Path) -> None:
    # a landscape table is often a portrait page with /Rotate 90 and its text turned the same way
    path = tmp_path / "rotated.pdf"
    _one_char_pdf(path, rotate=90, turn=90)
    page = _page(path)
    (ch,) = page.chars
    assert (page.width, page.height) == (800, 600) and ch["upright"]
    # displayed clockwise: user y becomes x, user x becomes the distance from the top
    assert ch["x0"] == pytest.approx(700, abs=0.01) and ch["bottom"] == pytest.approx(100 + 0.12 * SIZE, abs=0.01)


def test_text_across_a_rotated_page_is_not_upright(tmp_path: Path) -> None:
    path = tmp_path / "sideways.pdf"
    _one_char_pdf(path, rotate=90)
    (ch,) = _page(path).chars
    # its box is pdfium's, turned: one em down the page from user x = 100, about the baseline at user y = 700
    assert not ch["upright"]
    assert ch["top"] == pytest.approx(100, abs=0.01) and ch["bottom"] == pytest.approx(100 + SIZE, abs=0.01)
    assert ch["x0"] < 700 < ch["x1"]


def test_a_glyph_drawn_twice_for_bold_is_one_character(tmp_path: Path) -> None:
    _register()
    path = tmp_path / "bold.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, 800), invariant=1)
    c.setFont(FONT, SIZE)
    for dx in (0, 0.3, 0.6):
        c.drawString(100 + dx, 700, "绩效")
    c.drawString(100, 650, "绩效")  # the same words on another line are kept
    c.save()
    assert "".join(ch["text"] for ch in _page(path).chars) == "绩效绩效"


def test_ruling_lines_inside_a_form_are_edges_where_the_form_is_placed(tmp_path: Path) -> None:
    path = tmp_path / "form.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, 800), invariant=1)
    c.beginForm("grid")
    c.rect(0, 0, 200, 40)  # a rectangle gives its four sides
    c.line(100, 0, 100, 40)
    c.endForm()
    c.saveState()
    c.translate(50, 600)
    c.doForm("grid")
    c.restoreState()
    c.save()
    edges = _page(path).edges
    vertical = sorted(round(e["x0"], 1) for e in edges if e["orientation"] == "v")
    horizontal = sorted(round(e["top"], 1) for e in edges if e["orientation"] == "h")
    assert vertical == [50, 150, 250] and horizontal == [160, 200]
    assert all(e["x0"] == pytest.approx(50) and e["x1"] == pytest.approx(250) for e in edges if e["orientation"] == "h")


def test_a_diagonal_stroke_is_not_a_ruling_line(tmp_path: Path) -> None:
    path = tmp_path / "diagonal.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, 800), invariant=1)
    c.line(50, 50, 300, 300)
    c.save()
    assert _page(path).edges == []


def test_an_image_keeps_its_placed_box(tmp_path: Path) -> None:
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    path = tmp_path / "image.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, 800), invariant=1)
    c.drawImage(ImageReader(Image.new("L", (10, 10), 128)), 100, 500, width=300, height=200)
    c.save()
    ((x0, top, x1, bottom),) = _page(path).images
    assert (round(x0), round(top), round(x1), round(bottom)) == (100, 100, 400, 300)


def test_a_file_that_is_no_pdf_is_a_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "not.pdf"
    path.write_bytes(b"%PDF-1.4\n this is not a document")
    with pytest.raises(CorruptPdf), open_pdf(path):
        pass
