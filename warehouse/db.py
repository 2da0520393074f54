"""Opening the warehouse: numbered migrations applied in order, then the analyst views."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb

HERE = Path(__file__).parent
MIGRATIONS = HERE / "migrations"
VIEWS = HERE / "views"


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse file, upgrading its schema in place when it is older than the code."""
    p = Path(path)
    if not read_only:
        p.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(p), read_only=read_only)
    if not read_only:
        migrate(con)
    return con


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply every migration newer than the schema version, each in its own transaction; return those applied."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)"
    )
    done = {r[0] for r in con.execute("SELECT version FROM schema_version").fetchall()}
    applied: list[int] = []
    for f in sorted(MIGRATIONS.glob("[0-9][0-9][0-9]_*.sql")):
        version = int(f.name[:3])
        if version in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(f.read_text(encoding="utf-8"))
            con.execute("INSERT INTO schema_version VALUES (?, ?, ?)", [version, f.stem, datetime.now()])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(version)
    for f in sorted(VIEWS.glob("*.sql")):
        con.execute(f.read_text(encoding="utf-8"))
    return applied


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The newest migration applied."""
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0
