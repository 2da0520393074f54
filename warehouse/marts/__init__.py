"""Published marts: one SQL model a file, rebuilt after each run."""

from __future__ import annotations

from pathlib import Path

import duckdb

HERE = Path(__file__).parent


def build_marts(con: duckdb.DuckDBPyConnection, run_id: str) -> list[str]:
    """Rebuild every mart in one transaction; return their names."""
    built: list[str] = []
    con.execute("BEGIN TRANSACTION")
    try:
        for f in sorted(HERE.glob("*.sql")):
            con.execute(f.read_text(encoding="utf-8"), {"run_id": run_id})
            built.append(f.stem)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return built
