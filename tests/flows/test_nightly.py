"""The nightly flow end to end on the real reports: load, re-run idempotency, expectations, summary table."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from flows.nightly import nightly

EXPECTED = {
    "大埔县医疗保障局": ("广东省", 2021),
    "承德市医疗保障局": ("河北省", 2022),
    "北京市门头沟区医疗保障局": ("北京市", 2021),
    "益阳市资阳区医疗保障事务中心": ("湖南省", 2022),
    "浮梁县医疗保障局": ("江西省", 2021),
}


@pytest.fixture()
def seed_inbox(seeds_dir: Path, tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    shutil.copytree(seeds_dir, inbox)
    return inbox


def test_nightly_loads_seeds_once(prefect_harness: None, seed_inbox: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    first = nightly(inbox=str(seed_inbox), db=str(db))
    assert first["loaded"] == 5 and first["quarantined"] == 0
    assert first["rules_run"] >= 1
    con = duckdb.connect(str(db), read_only=True)
    rows = {r[0]: (r[1], r[2]) for r in con.execute("SELECT department, province, fiscal_year FROM reports").fetchall()}
    con.close()
    assert rows == EXPECTED

    second = nightly(inbox=str(seed_inbox), db=str(db))
    assert second["loaded"] == 0 and second["skipped"] == 5
    assert second["unchanged"] == 5  # known by their hashes: skipped before any was read
    # nothing new to judge: no rule is run, and the issues stand as the first night left them
    assert (second["reports_judged"], second["rules_run"], second["rules_errored"]) == (0, 0, [])
    assert second["issues_open"] == first["issues_open"] and second["issues_resolved"] == 0
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM reports").fetchone() == (5,)
    assert (
        con.execute("SELECT count(*) FROM core_budget_lines").fetchone()[0]
        == con.execute("SELECT count(*) FROM core_budget_lines WHERE load_id = ?", [first["run_id"]]).fetchone()[0]
    )
    summary = con.execute("SELECT province, reports FROM summary_province_year ORDER BY province").fetchall()
    outcomes = con.execute("SELECT outcome, count(*) FROM ingest_log GROUP BY outcome ORDER BY outcome").fetchall()
    con.close()
    assert sum(n for _, n in summary) == 5
    assert outcomes == [("loaded", 5), ("skipped", 5)]


def test_results_load_in_batches_and_the_flow_run_is_named_by_the_run_id(
    prefect_harness: None, seed_inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prefect.client.orchestration import get_client

    import flows.nightly

    monkeypatch.setattr(flows.nightly, "LOAD_BATCH", 2)  # five reports: three loads while the reading goes on
    db = tmp_path / "w.duckdb"
    summary = nightly(inbox=str(seed_inbox), db=str(db), run_id="20261204T020000-abcdef")
    assert summary["run_id"] == "20261204T020000-abcdef" and summary["loaded"] == 5
    with get_client(sync_client=True) as client:
        runs = {r.name: r for r in client.read_flow_runs()}
        tasks = {t.name for t in client.read_task_runs()}
    assert "jixiao-20261204T020000-abcdef" in runs
    assert sum(name.startswith("load ") for name in tasks) >= 3
    assert "read 000_a81ce77742afc3b5.txt" in tasks  # a task names its file
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT status FROM runs").fetchall() == [("completed",)]
    assert con.execute("SELECT count(DISTINCT source_file) FROM ingest_log").fetchone() == (5,)
    con.close()


def test_a_night_that_stops_half_way_is_recorded_as_failed_with_why(
    prefect_harness: None, seed_inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import flows.nightly

    def broken(*_: object) -> None:
        raise RuntimeError("marts could not be built")

    monkeypatch.setattr(flows.nightly, "marts_task", broken)
    db = tmp_path / "w.duckdb"
    with pytest.raises(RuntimeError, match="marts could not be built"):
        nightly(inbox=str(seed_inbox), db=str(db))
    con = duckdb.connect(str(db), read_only=True)
    status, finished, summary = con.execute("SELECT status, finished_at, summary_json FROM runs").fetchone()
    loaded = con.execute("SELECT count(*) FROM reports").fetchone()
    con.close()
    assert status == "failed" and finished is not None and "marts could not be built" in summary
    assert loaded == (5,)  # what was loaded before the failure stays, under that run's load id
