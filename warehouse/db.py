"""Opening the warehouse: numbered migrations applied in order, then the analyst views and their comments."""

from __future__ import annotations

import os
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from transforms.yamlfile import load_yaml
from warehouse import reference

HERE = Path(__file__).parent
MIGRATIONS = HERE / "migrations"
VIEWS = HERE / "views"
COMMENTS = HERE / "comments.yaml"


LOCK_WAIT_ENV = "JIXIAO_LOCK_WAIT"  # seconds a command waits for a warehouse another process holds (default 30)


class WarehouseBusy(Exception):
    """Another process holds the warehouse past the wait; says so in both languages."""

    def __init__(self, path: Path, seconds: float) -> None:
        self.zh = (
            f"数据仓库 {path} 正被另一个进程使用（例如正在运行的夜间任务），等待 {seconds:g} 秒后仍未释放；请稍后再试"
        )
        self.en = (
            f"the warehouse {path} is in use by another process (a nightly run, say) and was not free after "
            f"{seconds:g} s; try again later"
        )
        super().__init__(f"{self.zh} / {self.en}")


def open_waiting(p: Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """duckdb.connect, waiting a bounded time while another process holds the file's lock."""
    wait = float(os.environ.get(LOCK_WAIT_ENV) or 30)
    deadline = time.monotonic() + wait
    while True:
        try:
            return duckdb.connect(str(p), read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            if time.monotonic() >= deadline:
                raise WarehouseBusy(p, wait) from None
            time.sleep(0.25)


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the warehouse file, upgrading its schema in place when it is older than the code."""
    p = Path(path)
    if not read_only:
        p.parent.mkdir(parents=True, exist_ok=True)
    con = open_waiting(p, read_only)
    if not read_only:
        migrate(con)
    return con


def records(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """A query's rows as dicts by column name."""
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


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
    reference.build(con)
    for f in sorted(VIEWS.glob("*.sql")):
        con.execute(f.read_text(encoding="utf-8"))
    apply_comments(con)
    return applied


Pair = tuple[str, str]  # (中文, English)


def comment_pairs() -> dict[str, tuple[Pair, dict[str, Pair]]]:
    """comments.yaml resolved per view: (its comment, {column: comment}), common entries unless the view has its own."""
    raw = load_yaml(COMMENTS)
    common = {c: (t[0], t[1]) for c, t in raw.get("common", {}).items()}
    return {
        view: (
            (spec["comment"][0], spec["comment"][1]),
            {**common, **{c: (t[0], t[1]) for c, t in spec.get("columns", {}).items()}},
        )
        for view, spec in raw["views"].items()
    }


def load_comments() -> dict[str, dict[str, str | dict[str, str]]]:
    """comments.yaml resolved per view: {view: {"comment": text, "columns": {column: text}}}, text "中文 / English"."""
    return {
        view: {"comment": " / ".join(comment), "columns": {c: " / ".join(t) for c, t in columns.items()}}
        for view, (comment, columns) in comment_pairs().items()
    }


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def apply_comments(con: duckdb.DuckDBPyConnection) -> None:
    """COMMENT ON every documented view and column that exists (views lose their comments when recreated)."""
    existing: dict[str, set[str]] = {}
    for view, column in con.execute(
        "SELECT c.table_name, c.column_name FROM duckdb_columns() c "
        "JOIN duckdb_views() v ON v.view_name = c.table_name "
        "AND v.schema_name = c.schema_name WHERE NOT v.internal"
    ).fetchall():
        existing.setdefault(view, set()).add(column)
    statements: list[str] = []
    for view, spec in load_comments().items():
        if view not in existing:
            continue
        statements.append(f"COMMENT ON VIEW {view} IS {_quote(str(spec['comment']))}")
        cols = spec["columns"]
        assert isinstance(cols, dict)
        statements += [
            f"COMMENT ON COLUMN {view}.{c} IS {_quote(cols[c])}" for c in sorted(existing[view]) if c in cols
        ]
    if statements:
        con.execute(";\n".join(statements))


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The newest migration applied."""
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0
