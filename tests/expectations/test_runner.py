"""The GX runner as the nightly calls it, with the default (relative) data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from expectations.runner import run_rules
from tests.expectations.helpers import C, add_report, add_rows, rule_by_id, warehouse


def test_data_docs_build_into_a_relative_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    con = warehouse(Path("data/warehouse.duckdb"))
    add_report(con)
    add_rows(con, (C("execution_rate", "1.0073", 2, subject="total", num="17706.61", den="17826.29"),))
    con.close()
    outcomes = run_rules(Path("data/warehouse.duckdb"), [rule_by_id("rate_execution")], docs_dir=Path("data/docs"))
    assert [len(o.violations) for o in outcomes] == [1]
    assert (tmp_path / "data" / "docs" / "index.html").is_file()


def test_a_broken_rule_is_reported_as_errored_and_the_others_still_run(tmp_path: Path) -> None:
    import dataclasses

    from expectations.results import record_outcomes

    db = tmp_path / "w.duckdb"
    con = warehouse(db)
    add_report(con)
    add_rows(con, (C("execution_rate", "1.0073", 2, subject="total", num="17706.61", den="17826.29"),))
    con.close()
    good = rule_by_id("rate_execution")
    broken = dataclasses.replace(good, id="broken_rule", sql=good.sql.replace("core_claims", "no_such_table"))
    outcomes = {o.rule.id: o for o in run_rules(db, [broken, good])}
    assert outcomes["broken_rule"].error and "no_such_table" in outcomes["broken_rule"].error
    assert outcomes["broken_rule"].violations == []
    assert outcomes["rate_execution"].error is None and len(outcomes["rate_execution"].violations) == 1
    con = warehouse(db)
    summary = record_outcomes(con, "run1", list(outcomes.values()))
    statuses = dict(con.execute("SELECT rule_id, status FROM dq_results").fetchall())
    con.close()
    assert summary.rules_errored and summary.rules_errored[0].startswith("broken_rule:")
    assert statuses == {"broken_rule": "error", "rate_execution": "fail"}  # never a pass


def test_run_exits_non_zero_when_a_rule_errored(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import flows.nightly
    from flows.cli import main

    summary = {
        "run_id": "r",
        "seconds": 1,
        "inbox": "i",
        "db": "d",
        "files_seen": 0,
        "reports_seen": 0,
        "loaded": 0,
        "skipped": 0,
        "quarantined": 0,
        "rules_errored": ["broken_rule: Catalog Error"],
    }
    monkeypatch.setattr(flows.nightly, "nightly", lambda **_: summary)
    assert main(["run", "--inbox", str(tmp_path)]) == 1
    out = capsys.readouterr()
    assert "rule errored" in out.out and "broken_rule" in out.out and "reported as failed" in out.err
    assert main(["run", "--inbox", str(tmp_path), "--allow-rule-errors"]) == 0
