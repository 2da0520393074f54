"""The evidence as printed: the loader keeps page and box for PDF facts, and the crop shows the printed region."""

from __future__ import annotations

import json
from pathlib import Path

from PIL import Image

from flows.alerts.crops import crop_png, find_source
from flows.alerts.digest import open_entries
from tests.flows.alerts.conftest import PdfWarehouse


def _dark_pixels(png: Path) -> int:
    """Pixels printed in black or grey (the red outline the crop adds does not count)."""
    data = Image.open(png).convert("RGB").tobytes()
    pixels = (data[i : i + 3] for i in range(0, len(data), 3))
    return sum(1 for r, g, b in pixels if max(r, g, b) < 140 and abs(r - g) < 40)


def test_loader_keeps_page_and_box_of_pdf_facts(pdf_warehouse: PdfWarehouse) -> None:
    con = pdf_warehouse.con
    for table in ("core_budget_lines", "core_claims", "core_scores", "core_evidence"):
        n, with_box = con.execute(f"SELECT count(*), count(bbox) FROM {table} WHERE page IS NOT NULL").fetchone()  # type: ignore[misc]
        assert n > 0 and with_box == n, table
    page, bbox = con.execute(
        "SELECT page, bbox FROM core_budget_lines WHERE locator = ?", [pdf_warehouse.locator]
    ).fetchone()  # type: ignore[misc]
    x0, top, x1, bottom = json.loads(bbox)
    assert page >= 1 and 0 <= x0 < x1 and 0 <= top < bottom


def test_crop_of_the_issue_shows_the_printed_text(pdf_warehouse: PdfWarehouse, tmp_path: Path) -> None:
    (entry,) = open_entries(pdf_warehouse.con)
    assert entry.is_pdf and entry.page is not None and entry.bbox is not None
    pdf = find_source(pdf_warehouse.inbox, entry.source_file, entry.sha256)
    assert pdf is not None
    png = crop_png(pdf, entry.page, entry.bbox, tmp_path / "crop.png")
    width, height = Image.open(png).size
    assert width > 1000 and 50 < height < 400  # a band of the page at 2x, not the whole page
    assert _dark_pixels(png) > 200


def test_find_source_checks_the_content(pdf_warehouse: PdfWarehouse) -> None:
    name = next(pdf_warehouse.inbox.iterdir()).name
    assert find_source(pdf_warehouse.inbox, name, "0" * 64) is None
    assert find_source(pdf_warehouse.inbox, "missing.pdf", "") is None
