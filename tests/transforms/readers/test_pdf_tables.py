"""Ruled tables: the cell search gives pdfplumber's cells; a page without lines has no table."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest
from pdfplumber.table import edges_to_intersections, intersections_to_cells
from reportlab.pdfgen import canvas

from transforms.readers.pdf_objects import PageObjects, open_pdf, read_page
from transforms.readers.pdf_tables import _cells, ruled_tables


def _edge(orientation: str, x0: float, top: float, x1: float, bottom: float) -> dict[str, object]:
    return {
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


def _grid_with_merges(rng: random.Random) -> list[dict[str, object]]:
    """A ruled grid whose inner lines are broken here and there, as merged cells break them."""
    xs = sorted(rng.sample(range(40, 560, 20), rng.randint(3, 9)))
    ys = sorted(rng.sample(range(40, 760, 15), rng.randint(3, 12)))
    edges = []
    for i, y in enumerate(ys):
        for a, b in itertools.pairwise(xs):
            if i in (0, len(ys) - 1) or rng.random() > 0.2:
                edges.append(_edge("h", a, y, b, y))
    for j, x in enumerate(xs):
        for a, b in itertools.pairwise(ys):
            if j in (0, len(xs) - 1) or rng.random() > 0.2:
                edges.append(_edge("v", x, a, x, b))
    return edges


@pytest.mark.parametrize("seed", range(40))
def test_the_cell_search_finds_pdfplumbers_cells(seed: int) -> None:
    points = edges_to_intersections(_grid_with_merges(random.Random(seed)), 3, 3)
    assert sorted(_cells(points)) == sorted(intersections_to_cells(points))


def _page(path: Path) -> PageObjects:
    with open_pdf(path) as doc:
        return read_page(doc, 1)


def test_a_grid_of_rectangles_is_a_table_of_their_cells(tmp_path: Path) -> None:
    path = tmp_path / "grid.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, 800), invariant=1)
    for row in range(3):
        for col in range(4):
            c.rect(50 + 100 * col, 600 - 20 * row, 100, 20)
    c.save()
    (table,) = ruled_tables(_page(path))
    assert len(table.rows) == 3 and all(len(r.cells) == 4 for r in table.rows)
    assert table.bbox == pytest.approx((50, 180, 450, 240))


def test_a_page_of_text_has_no_table(tmp_path: Path) -> None:
    path = tmp_path / "text.pdf"
    c = canvas.Canvas(str(path), pagesize=(600, 800), invariant=1)
    c.drawString(50, 700, "no lines here")
    c.save()
    assert ruled_tables(_page(path)) == []
