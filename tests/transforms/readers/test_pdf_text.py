"""Text lines and cell texts built from a page's characters come out as pdfplumber builds them, on every page and
ruled cell of the PDFs the tests render, of ../shared/realpdf (read in place, when present), and on rotated text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pdfplumber.utils.text import chars_to_textmap, extract_text

from transforms.readers.pdf_objects import open_pdf, read_page
from transforms.readers.pdf_tables import ruled_tables
from transforms.readers.pdf_text import cell_text, text_lines

REALPDF = Path(__file__).resolve().parents[3].parent / "shared" / "realpdf"


def _pdfplumber_lines(chars: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    textmap = chars_to_textmap(chars, layout=False)
    return [
        (ln["text"], ln["x0"], ln["top"], ln["x1"], ln["bottom"], len(ln["chars"]))
        for ln in textmap.extract_text_lines(strip=True, return_chars=True)
    ]


def _ours(chars: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(ln.text, ln.x0, ln.top, ln.x1, ln.bottom, len(ln.chars)) for ln in text_lines(chars)]


def _compare(paths: list[Path]) -> tuple[int, int]:
    """Pages and cells compared; fails on the first difference."""
    pages = cells = 0
    for path in paths:
        with open_pdf(path) as doc:
            for number in range(1, len(doc) + 1):
                page = read_page(doc, number)
                if not page.chars:
                    continue
                pages += 1
                assert _ours(page.chars) == _pdfplumber_lines(page.chars), f"{path.name} page {number}"
                for table in ruled_tables(page):
                    for row in table.rows:
                        for box in row.cells:
                            if box is None:
                                continue
                            x0, top, x1, bottom = box
                            mine = [
                                c
                                for c in page.chars
                                if x0 <= (c["x0"] + c["x1"]) / 2 < x1 and top <= (c["top"] + c["bottom"]) / 2 < bottom
                            ]
                            cells += 1
                            want = extract_text(mine) if mine else ""
                            assert cell_text(mine) == want, f"{path.name} page {number} cell {box}"
    return pages, cells


def test_rendered_reports_read_as_pdfplumber_reads_them(rendered: dict[str, dict[str, Path]]) -> None:
    pages, cells = _compare([v["pdf"] for v in rendered.values()])
    assert pages >= 5 and cells >= 50  # the seeds' tables are ruled, so cells were compared


@pytest.mark.slow
def test_real_pdfs_read_as_pdfplumber_reads_them() -> None:
    files = sorted(REALPDF.glob("*.pdf"))
    if not files:
        pytest.skip("../shared/realpdf is absent")
    pages, cells = _compare(files)
    assert pages > 300 and cells > 10_000


def _char(text: str, x0: float, top: float, *, upright: bool = True, size: float = 10.0) -> dict[str, Any]:
    return {
        "text": text,
        "x0": x0,
        "x1": x0 + size,
        "top": top,
        "bottom": top + size,
        "doctop": top,
        "upright": upright,
        "size": size,
    }


def test_words_break_at_gaps_and_lines_at_tops() -> None:
    chars = [
        _char("预", 0, 0),
        _char("算", 10, 0.5),  # within the tolerance: the same line, the same word
        _char("9", 40, 0),  # a gap wider than the tolerance: a new word
        _char("执", 0, 20),
        _char("行", 10, 20),
    ]
    assert [ln.text for ln in text_lines(chars)] == ["预算 9", "执行"]
    assert cell_text(chars) == "预算 9\n执行"
    assert _ours(chars) == _pdfplumber_lines(chars)


def test_rotated_text_goes_through_pdfplumber() -> None:
    chars = [_char("合", 0, 0, upright=False), _char("计", 0, 10, upright=False), _char("元", 30, 0)]
    assert _ours(chars) == _pdfplumber_lines(chars)
    assert cell_text(chars) == extract_text(chars)


def test_no_characters_no_lines() -> None:
    assert text_lines([]) == []
    assert cell_text([]) == ""
