"""A load killed with SIGKILL mid-transaction loses and duplicates nothing; the next run completes the rest."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb

from tests.warehouse.factories import fake_sha, many
from warehouse.db import connect
from warehouse.loader import FACT_TABLES, PAUSE_ENV

REPO = Path(__file__).resolve().parents[2]
N = 8

# The child loads N reports, one transaction each, logging each file inside the transaction; it announces
# "pending i" from inside the i-th transaction (before COMMIT) and "committed i" after it. From report argv[3] on
# it sets the loader's pause hook, so that report's transaction stays open long enough to be killed.
CHILD = f"""
import os
import sys
from tests.warehouse.factories import fake_sha, many
from warehouse.db import connect
from warehouse.loader import load_report
from warehouse.runs import log_file

con = connect(sys.argv[1])
run = sys.argv[2]
for i, facts in enumerate(many({N}), start=1):
    if i == int(sys.argv[3]):
        os.environ["{PAUSE_ENV}"] = "30"
    def log(out, i=i):
        log_file(con, run, source_file=f"r{{i}}.pdf", sha256=fake_sha(f"r{{i}}"), size_bytes=1, media_type=None,
                 outcome=out.outcome, report_id=out.report_id)
        print("pending", i, flush=True)
    out = load_report(con, facts, sha256=fake_sha(f"r{{i}}"), source_file=f"r{{i}}.pdf", media_type="", pages=1,
                      load_id=run, log=log)
    print("committed", i, out.outcome, flush=True)
con.close()
"""


def _run_child(db: Path, run_id: str, pause_at: int = 0) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop(PAUSE_ENV, None)
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db), run_id, str(pause_at)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )


def _counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = (*FACT_TABLES, "core_reports", "core_submissions", "ingest_log")
        return {t: int(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables}
    finally:
        con.close()


def test_sigkill_mid_load_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    reference = tmp_path / "clean.duckdb"
    clean = _run_child(reference, "clean")
    assert clean.wait(timeout=60) == 0

    db = tmp_path / "w.duckdb"
    child = _run_child(db, "night-1", pause_at=4)
    assert child.stdout is not None
    seen = []
    for line in child.stdout:
        seen.append(line.split())
        if line.startswith("pending 4"):
            break
    # the 4th report is written but not committed: the child sleeps before its COMMIT
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    assert [s[:2] for s in seen if s[0] == "committed"] == [["committed", str(i)] for i in (1, 2, 3)]

    after_kill = _counts(db)
    con = connect(db)
    try:
        loaded = con.execute("SELECT source_file FROM core_reports ORDER BY 1").fetchall()
        assert loaded == [("r1.pdf",), ("r2.pdf",), ("r3.pdf",)]
        assert con.execute("SELECT count(*) FROM ingest_log").fetchone() == (3,)
        # no fact row belongs to a report that is not there
        for t in FACT_TABLES:
            orphans = con.execute(
                f"SELECT count(*) FROM {t} WHERE report_id NOT IN (SELECT report_id FROM core_reports)"
            ).fetchone()
            assert orphans == (0,), t
        assert con.execute("SELECT count(*) FROM core_reports WHERE sha256 = ?", [fake_sha("r4")]).fetchone() == (0,)
    finally:
        con.close()

    rerun = _run_child(db, "night-2")
    out, _ = rerun.communicate(timeout=60)
    outcomes = [line.split()[2] for line in out.splitlines() if line.startswith("committed")]
    assert outcomes == ["skipped"] * 3 + ["loaded"] * (N - 3)
    final, expected = _counts(db), _counts(reference)
    assert {t: final[t] for t in expected if t != "ingest_log"} == {
        t: expected[t] for t in expected if t != "ingest_log"
    }
    assert final["ingest_log"] == after_kill["ingest_log"] + N
    assert final["core_reports"] == N and len(many(N)) == N
