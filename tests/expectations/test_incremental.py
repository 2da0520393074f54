"""While the rules are unchanged a night judges only the reports it loaded: the issues of the others keep their
state, their results stand; a change to any rule or macro judges every report again."""

from __future__ import annotations

from pathlib import Path

import duckdb

from expectations.catalogue import catalogue_fingerprint
from expectations.results import record_outcomes
from expectations.runner import run_rules
from flows import stages
from warehouse.db import connect
from warehouse.runs import finish_run, start_run

WRONG = (
    "## {unit}2023年度部门整体支出绩效自评报告\n\n"
    "2023年度年初预算数为1000万元，全年预算数为1200万元，全年执行数为1100万元，预算执行率为95.00%。\n"
)


def _night(db: Path, inbox: Path, run_id: str) -> set[str] | None:
    con = connect(db)
    start_run(con, run_id, str(inbox))
    to_read, known = stages.unchanged(
        stages.discover(inbox), set(r[0] for r in con.execute("SELECT sha256 FROM core_submissions").fetchall())
    )
    stages.load_results(con, run_id, known + [stages.read_and_extract(s) for s in to_read], db.parent / "q")
    batch = stages.reports_to_judge(con, catalogue_fingerprint())
    con.close()
    outcomes = run_rules(db, batch=batch)
    con = connect(db)
    record_outcomes(con, run_id, outcomes, judged=batch)
    finish_run(con, run_id, "completed", {"rules_fingerprint": catalogue_fingerprint()})
    con.close()
    return batch


def test_a_night_judges_what_it_loaded_and_leaves_the_rest_as_judged(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text(WRONG.replace("{unit}", "甲子县医疗保障局"), encoding="utf-8")
    db = tmp_path / "w.duckdb"
    assert _night(db, inbox, "n1") is None  # the first night: every report
    (inbox / "b.txt").write_text(
        WRONG.replace("{unit}", "乙丑县医疗保障局").replace("95.00%", "91.67%"), encoding="utf-8"
    )
    batch = _night(db, inbox, "n2")
    con = duckdb.connect(str(db), read_only=True)
    try:
        b = con.execute("SELECT report_id FROM reports WHERE source_file = 'b.txt'").fetchone()[0]
        assert batch == {b}
        issues = con.execute(
            "SELECT r.source_file, i.status FROM dq_issues i JOIN reports r USING (report_id) "
            "WHERE i.rule_id = 'rate_execution'"
        ).fetchall()
        judged_n2 = con.execute("SELECT DISTINCT report_id FROM dq_results WHERE run_id = 'n2'").fetchall()
    finally:
        con.close()
    assert issues == [("a.txt", "open")]  # a.txt was not judged again, and its issue was not taken as resolved
    assert judged_n2 == [(b,)]
    con = connect(db)
    try:
        assert stages.reports_to_judge(con, "another catalogue") is None  # a changed rule judges everything
        assert stages.reports_to_judge(con, catalogue_fingerprint()) == set()
    finally:
        con.close()
