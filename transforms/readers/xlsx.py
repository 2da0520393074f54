"""XLSX reader (openpyxl): each non-empty sheet a heading (its name) and a table, merged ranges as spans.

Locators carry the sheet number in ``page`` and ``table`` and its name in ``sheet`` (rendered ``附表1!B6``); rows and
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from transforms.document import Block, Cell, Document, Locator, Table
from transforms.normalize.text import clean_inline
from transforms.notices import notice
from transforms.readers.errors import CorruptOffice, EmptyFile, QuarantineError
from transforms.readers.limits import check_sheet, out_of_memory
from transforms.readers.paragraphs import fold_spaced
from transforms.readers.zipcheck import check_zip

_DECIMALS = re.compile(r"0\.(0+)")


def read_xlsx(path: Path) -> Document:
    """Read a workbook; quarantine files that are not valid, expand too far or hold no values."""
    import openpyxl

    name = path.name
    check_zip(path, name, required="xl/workbook.xml")
    try:
        # read_only mode does not report merged ranges, so the workbook is loaded in full (the size is capped)
        wb = openpyxl.load_workbook(path, read_only=False, data_only=True)
        # a formula saved without its value (written by a script, not by Excel) reads as its formula text
        formulas = openpyxl.load_workbook(path, read_only=False, data_only=False)
        blocks: list[Block] = []
        warnings: list[str] = []
        sheets = [ws for ws in wb.worksheets if hasattr(ws, "merged_cells")]  # chartsheets hold no cells
        for tno, ws in enumerate(sheets, start=1):
            table = _sheet_table(ws, formulas[ws.title], name, tno, warnings)
            if table is None:
                continue
            if ws.sheet_state != "visible":
                warnings.append(notice("hidden_sheet", f"sheet {ws.title!r} is hidden; read anyway"))
            blocks.append(Block("heading", ws.title, Locator(name, page=tno, sheet=ws.title), level=1))
            blocks.append(Block("table", _table_text(table), table.locator, table=table))
    except QuarantineError:
        raise
    except Exception as exc:  # a damaged part or hostile XML is a damaged file, never a crash
        if out_of_memory(exc):  # the worker's memory limit, not a damaged file
            raise MemoryError(str(exc)) from exc
        raise CorruptOffice(name, f"{type(exc).__name__}: {exc}"[:200]) from exc
    if not blocks:
        raise EmptyFile(name, "no values in any sheet / 所有工作表均无数据")
    return Document(
        source_file=name, media_type="xlsx", blocks=tuple(blocks), pages=len(sheets), warnings=tuple(warnings)
    )


def _sheet_table(ws: Any, fs: Any, name: str, tno: int, warnings: list[str]) -> Table | None:
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for rng in ws.merged_cells.ranges:
        check_sheet(name, ws.title, rng.max_row - rng.min_row + 1, rng.max_col - rng.min_col + 1)
        spans[(rng.min_row, rng.min_col)] = (rng.max_row - rng.min_row + 1, rng.max_col - rng.min_col + 1)
        covered.update(
            (r, c)
            for r in range(rng.min_row, rng.max_row + 1)
            for c in range(rng.min_col, rng.max_col + 1)
            if (r, c) != (rng.min_row, rng.min_col)
        )
    texts: dict[tuple[int, int], str] = {}
    uncomputed: list[str] = []
    # the cells the sheet stores, not its declared dimension: one cell at XFD1048576 must not mean 17 billion
    for cell in sorted(ws._cells.values(), key=lambda c: (c.row, c.column)):
        if (cell.row, cell.column) in covered:
            continue
        value = cell.value
        if value is None:
            raw = fs.cell(row=cell.row, column=cell.column)
            if raw.data_type == "f" and isinstance(raw.value, str):
                value = raw.value
                uncomputed.append(raw.coordinate)
        if value is not None:
            text = fold_spaced(clean_inline(format_value(value, cell.number_format)).strip())
            if text:
                texts[(cell.row, cell.column)] = text
    if uncomputed:
        warnings.append(notice("formula_without_value", f"{ws.title}!{', '.join(uncomputed[:10])}"))
    if not texts:
        return None
    # rows and columns outside the used area (formatting only) are dropped; empty rows inside are kept
    first_row = min(r for r, _ in texts)
    last_row = max(r for r, _ in texts)
    last_col = max(c + spans.get((r, c), (1, 1))[1] - 1 for r, c in texts)
    check_sheet(name, ws.title, last_row - first_row + 1, last_col)
    loc = Locator(name, page=tno, table=tno, sheet=ws.title)
    rows: list[tuple[Cell, ...]] = []
    for r in range(first_row, last_row + 1):
        cells: list[Cell] = []
        for c in range(1, last_col + 1):
            if (r, c) in covered:
                continue
            rs, cs = spans.get((r, c), (1, 1))
            cells.append(Cell(texts.get((r, c), ""), r - 1, c - 1, loc.with_cell(r - 1, c - 1), rs, cs))
        rows.append(tuple(cells))
    return Table(tuple(rows), loc)


def format_value(v: object, number_format: str) -> str:
    """A cell value as the sheet shows it: percentages, fixed decimals, dates; floats without binary noise."""
    if isinstance(v, bool):
        return "是" if v else "否"
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time() else v.isoformat(sep=" ")
    if isinstance(v, dt.date | dt.time):
        return v.isoformat()
    if isinstance(v, int | float):
        m = _DECIMALS.search(number_format or "")
        decimals = len(m.group(1)) if m else None
        if "%" in (number_format or ""):
            return f"{v * 100:.{decimals}f}%" if decimals is not None else f"{_plain(v * 100)}%"
        if decimals is not None:
            return f"{v:.{decimals}f}"
        return _plain(v)
    return str(v)


def _plain(v: float) -> str:
    if isinstance(v, int) or float(v).is_integer():
        return str(int(v))
    return f"{v:.10f}".rstrip("0").rstrip(".")


def _table_text(t: Table) -> str:
    return "\n".join("\t".join(c.text.replace("\n", " ") for c in row) for row in t.rows)
