"""Every public view and column carries a Chinese and English comment, and keeps it when views are recreated."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from warehouse.db import VIEWS, connect, load_comments
from warehouse.marts import HERE as MARTS
from warehouse.marts import build_marts

# The analyst contract is what warehouse/views/ and the marts define; helper views the rules use are not.
PUBLIC = sorted(
    {
        m.group(1)
        for f in [*VIEWS.glob("*.sql"), *MARTS.glob("*.sql")]
        for m in re.finditer(r"CREATE OR REPLACE VIEW (\w+)", f.read_text(encoding="utf-8"))
    }
)
PUBLIC_COLUMNS = (
    "SELECT c.table_name, c.column_name, c.comment FROM duckdb_columns() c "
    "JOIN duckdb_views() v ON v.view_name = c.table_name AND v.schema_name = c.schema_name "
    "WHERE v.schema_name = 'main' AND list_contains($public, v.view_name)"
)
CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]{2,}")


def _bilingual(text: str | None) -> bool:
    return bool(text and CJK.search(text) and LATIN.search(text))


def _missing(con: duckdb.DuckDBPyConnection, public: list[str]) -> list[str]:
    views = dict(con.execute("SELECT view_name, comment FROM duckdb_views() WHERE schema_name = 'main'").fetchall())
    gaps = [f"view {v}" for v in public if not _bilingual(views.get(v))]
    gaps += [
        f"column {v}.{col}"
        for v, col, c in con.execute(PUBLIC_COLUMNS, {"public": public}).fetchall()
        if not _bilingual(c)
    ]
    return gaps


def test_every_public_view_and_column_is_commented_in_both_languages(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    first = connect(db)
    build_marts(first, "t")
    first.close()
    con = connect(db)  # the second connect recreates the views: the comments must come back with them
    try:
        assert len(PUBLIC) >= 9
        assert _missing(con, PUBLIC) == []
    finally:
        con.close()


def test_comments_file_names_only_what_exists(tmp_path: Path) -> None:
    con = connect(tmp_path / "w.duckdb")
    build_marts(con, "t")
    try:
        columns: dict[str, set[str]] = {}
        for view, col, _ in con.execute(PUBLIC_COLUMNS, {"public": PUBLIC}).fetchall():
            columns.setdefault(view, set()).add(col)
    finally:
        con.close()
    documented = load_comments()
    assert set(documented) == set(PUBLIC), "comments.yaml and warehouse/views/ name different views"
    import yaml

    from warehouse.db import COMMENTS

    raw = yaml.safe_load(COMMENTS.read_text(encoding="utf-8"))
    stale = [f"{v}.{c}" for v, spec in raw["views"].items() for c in spec.get("columns", {}) if c not in columns[v]]
    assert stale == []
    unused_common = [c for c in raw["common"] if not any(c in cols for cols in columns.values())]
    assert unused_common == []


def test_a_view_without_comments_is_caught(tmp_path: Path) -> None:
    con = connect(tmp_path / "w.duckdb")
    build_marts(con, "t")
    try:
        con.execute("CREATE VIEW undocumented AS SELECT 1 AS x")
        assert _missing(con, [*PUBLIC, "undocumented"]) == ["view undocumented", "column undocumented.x"]
    finally:
        con.close()
