"""The five real reports, rendered to DOCX and PDF, read back to the content of their text reading."""

from __future__ import annotations

import difflib
import time
from collections import Counter
from pathlib import Path

from transforms.document import Document
from transforms.normalize.text import squash
from transforms.readers import read_document
from transforms.readers.text import read_text

# measured on the five seeds: DOCX 1.000 / 1.000; PDF text 1.000, paragraphs 0.998 (one wrapped numbered
# heading splits), cells 0.998 (2 of 1227: "m²" loses "²", which STSong-Light lacks)
PDF_MIN_PARAGRAPHS = 0.98
PDF_MIN_CELLS = 0.98


def _paragraphs(d: Document) -> list[str]:
    return [squash(b.text) for b in d.blocks if b.kind != "table"]


def _cells(d: Document) -> Counter[str]:
    return Counter(squash(c.text) for t in d.tables() for r in t.rows for c in r if squash(c.text))


def test_docx_reads_exactly_what_the_text_says(rendered: dict[str, dict[str, Path]]) -> None:
    for files in rendered.values():
        ref, got = read_text(files["txt"]), read_document(files["docx"])
        assert _paragraphs(got) == _paragraphs(ref), files["docx"].name
        assert _cells(got) == _cells(ref), files["docx"].name
        assert len(got.tables()) == len(ref.tables())


def test_pdf_reads_what_the_text_says(rendered: dict[str, dict[str, Path]]) -> None:
    para_ok = para_all = cell_ok = cell_all = 0
    pages = 0
    started = time.perf_counter()
    for files in rendered.values():
        ref, got = read_text(files["txt"]), read_document(files["pdf"])
        pages += got.pages
        a, b = _paragraphs(ref), _paragraphs(got)
        assert "".join(a) == "".join(b), files["pdf"].name  # no character lost or added outside tables
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        para_ok += sum(m.size for m in matcher.get_matching_blocks())
        para_all += len(a)
        ca, cb = _cells(ref), _cells(got)
        cell_ok += sum((ca & cb).values())
        cell_all += sum(ca.values())
        assert sum((cb - ca).values()) <= 2, files["pdf"].name
        assert len(got.tables()) == len(ref.tables()), files["pdf"].name
    elapsed = time.perf_counter() - started
    print(
        f"\nrendered seeds: {pages} pages in {elapsed:.2f} s = {pages / elapsed:.1f} pages/s; "
        f"paragraphs {para_ok}/{para_all}, cells {cell_ok}/{cell_all}"
    )
    assert para_ok / para_all >= PDF_MIN_PARAGRAPHS
    assert cell_ok / cell_all >= PDF_MIN_CELLS


def test_pdf_joins_tables_split_across_pages(rendered: dict[str, dict[str, Path]]) -> None:
    doc = read_document(rendered["004_1f8c90973b37444e"]["pdf"])
    joined = [t for t in doc.tables() if t.continued]
    assert joined, "the 61-row form runs over several pages"
    pages = {c.locator.page for t in joined for r in t.rows for c in r}
    assert len(pages) > len(joined)  # cells keep the page they were printed on
    assert not any(w.startswith("table_split") for w in doc.warnings)


def test_pdf_locators_point_into_the_page(rendered: dict[str, dict[str, Path]]) -> None:
    doc = read_document(rendered["003_63b96bcb6c414895"]["pdf"])
    for b in doc.blocks:
        assert b.locator.page is not None and 1 <= b.locator.page <= doc.pages
        if b.table is None:
            assert b.locator.line_start is not None
            continue
        x0, top, x1, bottom = b.table.locator.bbox or (0, 0, 0, 0)
        for row in b.table.rows:
            for c in row:
                assert c.locator.table == b.locator.table and c.locator.row == c.row and c.locator.col == c.col
                cx0, ctop, cx1, cbottom = c.locator.bbox or (0, 0, 0, 0)
                assert x0 - 1 <= cx0 < cx1 <= x1 + 1
                if c.locator.page == b.locator.page:
                    assert top - 1 <= ctop < cbottom <= bottom + 1
