"""The life of an issue across nights: stable id, first/last seen, resolved by a fix, waivers that lapse."""

from __future__ import annotations

from pathlib import Path

import duckdb

from tests.expectations.helpers import add_report, warehouse
from tests.flows.alerts.support import night, resubmit, violation
from warehouse.review import waive


def _issue(con: duckdb.DuckDBPyConnection) -> dict[str, object]:
    cur = con.execute("SELECT * FROM core_dq_issues")
    rows = cur.fetchall()
    assert len(rows) == 1
    return dict(zip([d[0] for d in cur.description], rows[0], strict=True))


def _events(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute("SELECT event FROM dq_issue_events ORDER BY happened_at, rowid").fetchall()]


def test_issue_keeps_its_id_across_nights(tmp_path: Path) -> None:
    con = warehouse(tmp_path / "w.duckdb")
    add_report(con, "r1")
    first = night(con, "n1", [violation("r1")])
    iid = _issue(con)["issue_id"]
    second = night(con, "n2", [violation("r1")])
    issue = _issue(con)
    assert (first.issues_new, second.issues_new) == (1, 0)
    assert issue["issue_id"] == iid and issue["status"] == "open"
    assert (issue["first_seen_run"], issue["last_seen_run"]) == ("n1", "n2")
    assert issue["family"] == "rates" and issue["department"] == "测试局" and issue["values_key"]
    assert _events(con) == ["opened"]


def test_fixing_resubmission_resolves_and_a_relapse_reopens(tmp_path: Path) -> None:
    con = warehouse(tmp_path / "w.duckdb")
    add_report(con, "r1")
    night(con, "n1", [violation("r1")])
    resubmit(con, "r1", "r2")
    fixed = night(con, "n2", [])
    issue = _issue(con)
    assert fixed.issues_resolved == 1
    assert (issue["status"], issue["resolved_run"], issue["last_seen_run"]) == ("resolved", "n2", "n1")
    assert con.execute("SELECT status FROM dq_results WHERE run_id = 'n2' AND report_id = 'r2'").fetchone() == ("pass",)
    resubmit(con, "r2", "r3")
    night(con, "n3", [violation("r3")])
    issue = _issue(con)
    assert (issue["status"], issue["resolved_run"], issue["report_id"]) == ("open", None, "r3")
    assert _events(con) == ["opened", "resolved", "reopened"]


def test_an_issue_of_another_report_is_not_resolved_by_a_fix(tmp_path: Path) -> None:
    con = warehouse(tmp_path / "w.duckdb")
    add_report(con, "r1")
    add_report(con, "q1")
    night(con, "n1", [violation("r1"), violation("q1")])
    resubmit(con, "r1", "r2")
    night(con, "n2", [violation("q1")])
    status = dict(con.execute("SELECT report_key, status FROM core_dq_issues").fetchall())
    assert status == {"k|r1": "resolved", "k|q1": "open"}


def test_waiver_holds_for_the_same_values_and_lapses_when_they_change(tmp_path: Path) -> None:
    con = warehouse(tmp_path / "w.duckdb")
    add_report(con, "r1")
    night(con, "n1", [violation("r1")])
    iid = str(_issue(con)["issue_id"])
    waive(con, iid[:8], "known_rounding", "差在末位 last digit", by="tester")
    held = night(con, "n2", [violation("r1")])
    assert _issue(con)["status"] == "waived" and held.waivers_lapsed == 0 and held.issues_open == 0

    resubmit(con, "r1", "r2")
    lapsed = night(con, "n3", [violation("r2", stated="1.0090")])
    issue = _issue(con)
    assert issue["status"] == "open" and lapsed.waivers_lapsed == 1
    assert con.execute("SELECT lapsed_run FROM dq_waivers WHERE issue_id = ?", [iid]).fetchone() == ("n3",)
    assert _events(con) == ["opened", "waived", "values_changed", "waiver_lapsed"]


def test_waived_issue_fixed_by_a_resubmission_is_resolved(tmp_path: Path) -> None:
    con = warehouse(tmp_path / "w.duckdb")
    add_report(con, "r1")
    night(con, "n1", [violation("r1")])
    waive(con, str(_issue(con)["issue_id"]), "accepted_by_reviewer", "ok", by="tester")
    resubmit(con, "r1", "r2")
    night(con, "n2", [])
    assert _issue(con)["status"] == "resolved"
