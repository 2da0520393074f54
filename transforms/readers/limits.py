"""How much one file may make a reader do: pages, page size, sheet cells. Over a limit, the file is quarantined
with the limit it broke (OverLimit) before the work is done; memory and CPU time are the worker's (flows/worker.py).

Each limit is an environment setting, so an operator can raise it for an unusual but genuine report.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from transforms.readers.errors import OverLimit


@dataclass(frozen=True)
class ReaderLimits:
    pages: int = 500  # a self-evaluation report runs to tens of pages; 2,000 pages take minutes and gigabytes
    page_points: float = 14400.0  # the largest side PDF allows (200 inches); beyond it a page is a trap
    sheet_cells: int = 2_000_000  # the used range of one sheet (rows × columns holding values)

    @classmethod
    def from_env(cls) -> ReaderLimits:
        return cls(
            pages=int(os.environ.get("JIXIAO_MAX_PAGES", cls.pages)),
            page_points=float(os.environ.get("JIXIAO_MAX_PAGE_POINTS", cls.page_points)),
            sheet_cells=int(os.environ.get("JIXIAO_MAX_SHEET_CELLS", cls.sheet_cells)),
        )


def check_pages(name: str, pages: int) -> None:
    limit = ReaderLimits.from_env().pages
    if pages > limit:
        raise OverLimit(name, f"{pages} pages > {limit} (JIXIAO_MAX_PAGES) / 页数超限")


def check_page_size(name: str, pno: int, width: float, height: float) -> None:
    limit = ReaderLimits.from_env().page_points
    if max(width, height) > limit:
        raise OverLimit(
            name, f"page {pno} is {width:.0f} × {height:.0f} pt > {limit:g} (JIXIAO_MAX_PAGE_POINTS) / 页面尺寸超限"
        )


def check_sheet(name: str, sheet: str, rows: int, cols: int) -> None:
    limit = ReaderLimits.from_env().sheet_cells
    if rows * cols > limit:
        raise OverLimit(
            name, f"sheet {sheet!r} uses {rows} × {cols} cells > {limit:,} (JIXIAO_MAX_SHEET_CELLS) / 工作表范围超限"
        )


def out_of_memory(exc: BaseException) -> bool:
    """True when an error, or one it wraps, is memory running out (zlib says "Unable to allocate output buffer")."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, MemoryError) or "unable to allocate" in str(seen).lower():
            return True
        seen = seen.__cause__ or seen.__context__
    return False
