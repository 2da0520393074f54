"""Ruled tables of a page: pdfplumber's table finder run on the page's pypdfium2 objects.

The finder's cell search (``intersections_to_cells``) scans every later intersection for each one, quadratic in the
intersections of a page; the same search here walks each intersection's own column and row. Same cells out.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from typing import Any

from transforms.readers.pdf_objects import PageObjects
from transforms.readers.pdf_text import cell_text

# Government forms are drawn with lines (Word, WPS) or thin filled rectangles (WPS 表格); both become edges.
TABLE_SETTINGS: dict[str, Any] = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
    "edge_min_length": 5,
}


def ruled_tables(page: PageObjects) -> list[Any]:
    """pdfplumber's tables found from the page's ruling lines; none on a page without any."""
    if not page.edges:
        return []
    from pdfplumber.table import Table, TableFinder, TableSettings, cells_to_tables, edges_to_intersections

    finder = TableFinder.__new__(TableFinder)  # its __init__ runs the quadratic search; the steps are its own
    finder.page = page  # type: ignore[assignment]
    finder.settings = TableSettings.resolve(TABLE_SETTINGS)
    edges = finder.get_edges()
    points = edges_to_intersections(
        edges, finder.settings.intersection_x_tolerance, finder.settings.intersection_y_tolerance
    )
    return [Table(page, group) for group in cells_to_tables(_cells(points))]  # type: ignore[arg-type]


def _cells(intersections: dict[tuple[float, float], dict[str, list[dict[str, Any]]]]) -> list[tuple[float, ...]]:
    """pdfplumber's ``intersections_to_cells``: for each intersection, the smallest cell it is the top left of."""

    def boxes(edges: list[dict[str, Any]]) -> set[tuple[float, float, float, float]]:
        return {(e["x0"], e["top"], e["x1"], e["bottom"]) for e in edges}

    vert = {p: boxes(e["v"]) for p, e in intersections.items()}
    horiz = {p: boxes(e["h"]) for p, e in intersections.items()}

    def connects(p: tuple[float, float], q: tuple[float, float]) -> bool:
        return (p[0] == q[0] and not vert[p].isdisjoint(vert[q])) or (
            p[1] == q[1] and not horiz[p].isdisjoint(horiz[q])
        )

    points = sorted(intersections)
    column: dict[float, list[tuple[float, float]]] = defaultdict(list)
    row: dict[float, list[tuple[float, float]]] = defaultdict(list)
    for p in points:  # in sorted order: a column by top, a row by x
        column[p[0]].append(p)
        row[p[1]].append(p)
    cells: list[tuple[float, ...]] = []
    for pt in points:
        below = [q for q in column[pt[0]] if q[1] > pt[1]]
        right = [q for q in row[pt[1]] if q[0] > pt[0]]
        cell = _smallest(pt, below, right, intersections, connects)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest(
    pt: tuple[float, float],
    below: list[tuple[float, float]],
    right: list[tuple[float, float]],
    intersections: dict[tuple[float, float], Any],
    connects: Any,
) -> tuple[float, ...] | None:
    for b in below:
        if not connects(pt, b):
            continue
        for r in right:
            if not connects(pt, r):
                continue
            corner = (r[0], b[1])
            if corner in intersections and connects(corner, r) and connects(corner, b):
                return (pt[0], pt[1], corner[0], corner[1])
    return None


def cell_texts(rows: list[Any], chars: list[dict[str, Any]]) -> list[list[str | None]]:
    """Each cell's text, as pdfplumber's ``Table.extract`` gives it (a character belongs to the cell holding its
    centre), with the characters looked up by row, then by column, instead of every cell scanning the page."""
    mids = sorted(((c["top"] + c["bottom"]) / 2, k) for k, c in enumerate(chars))
    keys = [m for m, _ in mids]
    out: list[list[str | None]] = []
    for row in rows:
        _, top, _, bottom = row.bbox
        across = sorted(
            ((chars[k]["x0"] + chars[k]["x1"]) / 2, k)
            for _, k in mids[bisect_left(keys, top) : bisect_left(keys, bottom)]
        )
        xs = [x for x, _ in across]
        texts: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                texts.append(None)
                continue
            x0, ctop, x1, cbottom = cell
            mine = [
                chars[k]
                for k in sorted(k for _, k in across[bisect_left(xs, x0) : bisect_left(xs, x1)])
                if ctop <= (chars[k]["top"] + chars[k]["bottom"]) / 2 < cbottom
            ]
            texts.append(cell_text(mine))
        out.append(texts)
    return out
