"""The rules' shared SQL: one macro or view a file, recreated before every run so a fix reaches every warehouse.

Files run in the order of their numeric prefix (a macro before what uses it). Migrations hold only tables: a
macro defined there would be frozen in the warehouses that applied it first (issue 13).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from transforms.normalize.numbers import UNIT_SCALE

HERE = Path(__file__).parent


def macro_files() -> list[Path]:
    """The macro files in the order they are created."""
    return sorted(HERE.glob("[0-9][0-9]_*.sql"))


def install(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Create (or replace) every shared macro and view on a write connection; returns their names."""
    names: list[str] = []
    # the money units as the extractors scale them (vocabulary/measures.yaml), as SQL rows
    units = ", ".join(f"('{u}', {float(v)})" for u, v in UNIT_SCALE.items())
    for f in macro_files():
        con.execute(f.read_text(encoding="utf-8").replace("{money_units}", units))
        names.append(f.stem.split("_", 1)[1])
    return names
