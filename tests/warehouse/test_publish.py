"""The analyst snapshot: published atomically; an open reader keeps its view, the next open sees the new run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.warehouse.factories import SAMPLE, load
from warehouse.db import connect
from warehouse.publish import publish_snapshot, snapshot_path

COUNT = (
    "import duckdb, sys; print(duckdb.connect(sys.argv[1], read_only=True).execute("
    "'SELECT count(*) FROM reports').fetchone()[0])"
)


def _count_in_fresh_process(path: Path) -> int:
    # a fresh process: DuckDB caches open databases per path within one process
    out = subprocess.run([sys.executable, "-c", COUNT, str(path)], capture_output=True, text=True, check=True)
    return int(out.stdout)


def test_reader_keeps_its_view_while_a_new_snapshot_is_published(tmp_path: Path) -> None:
    db = tmp_path / "warehouse.duckdb"
    target = snapshot_path(tmp_path)
    con = connect(db)
    for f in SAMPLE[:2]:
        load(con, f, f.meta.department)
    con.close()
    assert publish_snapshot(db, target) == target

    reader = duckdb.connect(str(target), read_only=True)
    try:
        assert reader.execute("SELECT count(*) FROM reports").fetchone() == (2,)
        con = connect(db)
        for f in SAMPLE[2:]:
            load(con, f, f.meta.department, run_id="run-2")
        con.close()
        publish_snapshot(db, target)  # the open reader does not block publishing
        assert reader.execute("SELECT count(*) FROM reports").fetchone() == (2,)
        assert reader.execute("SELECT count(*) FROM budget_lines").fetchone() == (10,)
        assert _count_in_fresh_process(target) == 5
    finally:
        reader.close()
    assert sorted(p.name for p in target.parent.iterdir()) == ["warehouse.duckdb"]


def test_snapshot_is_complete_without_the_live_file(tmp_path: Path) -> None:
    db = tmp_path / "warehouse.duckdb"
    con = connect(db)
    load(con, SAMPLE[0], "a")
    con.close()
    target = publish_snapshot(db, tmp_path / "pub" / "warehouse.duckdb")
    assert target.stat().st_mode & 0o044 == 0o044  # readable by analysts on other accounts
    db.unlink()
    snap = duckdb.connect(str(target), read_only=True)
    try:
        assert snap.execute("SELECT department FROM reports").fetchall() == [(SAMPLE[0].meta.department,)]
        comment = snap.execute("SELECT comment FROM duckdb_views() WHERE view_name = 'reports'").fetchone()
        assert comment and "Current version" in comment[0]
    finally:
        snap.close()


def test_failed_publish_keeps_the_previous_snapshot(tmp_path: Path) -> None:
    db = tmp_path / "warehouse.duckdb"
    con = connect(db)
    load(con, SAMPLE[0], "a")
    con.close()
    target = publish_snapshot(db, snapshot_path(tmp_path))
    before = target.read_bytes()
    broken = tmp_path / "broken.duckdb"
    broken.write_bytes(b"not a database")
    with pytest.raises(duckdb.Error):
        publish_snapshot(broken, target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["warehouse.duckdb"]
