"""Nothing a unit submits is lost or silently dropped: partial reports load and wait for a reviewer, resubmissions
become versions, reports of several kinds coexist, attachments stay with their report, odd entries end with one
outcome. Real files through the real stages, loader and rule SQL."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import duckdb
import openpyxl
import pytest

from flows import stages
from tests.expectations.helpers import rule_by_id, violations
from warehouse.db import connect
from warehouse.loader import settled_hashes
from warehouse.review import assign

DEPT = """部门名称：测试县医疗保障局
填报日期：2023年4月1日
# 测试县医疗保障局2022年度部门整体支出绩效自评报告
2022年全年预算数 500.00 万元，全年执行数 480.00 万元，预算执行率 96.00%。经综合评价，得分为 91 分。
"""
PROJECT = """# 测试县医疗保障局2022年度医疗救助项目支出绩效自评报告
项目实施单位：测试县医疗保障局
填报日期：2023年4月2日
2022年医疗救助项目全年预算数 120.00 万元，全年执行数 110.00 万元。经综合评价，得分为 88 分。
"""
PARTIAL = """绩效自评情况说明
一、基本情况
全年预算数 80.00 万元，全年执行数 78.00 万元，预算执行率 97.50%。
"""


def _run(inbox: Path, db: Path, run_id: str) -> dict[str, Any]:
    """One night as the flow runs it: files known by their hash skipped unread, the rest read, extracted, loaded."""
    con = connect(db)
    try:
        to_read, known = stages.unchanged(stages.discover(inbox), settled_hashes(con))
        results = known + [stages.read_and_extract(s) for s in to_read]
        return stages.load_results(con, run_id, results, db.parent / "q" / run_id)
    finally:
        con.close()


def _q(db: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    p = tmp_path / "inbox"
    p.mkdir()
    return p


def test_partial_report_loads_raises_its_issue_and_a_reviewer_completes_it(inbox: Path, tmp_path: Path) -> None:
    (inbox / "说明.txt").write_text(PARTIAL, encoding="utf-8")
    db = tmp_path / "w.duckdb"
    counts = _run(inbox, db, "r1")
    assert counts["loaded"] == 1 and counts["quarantined"] == 0 and counts["incomplete"] == 1
    assert counts["incomplete_files"] == [{"file": "说明.txt", "missing": ["department", "fiscal_year", "region"]}]
    ((rid, key, incomplete),) = _q(db, "SELECT report_id, report_key, incomplete FROM core_reports WHERE is_current")
    assert key.startswith("file:") and incomplete
    assert _q(db, "SELECT count(*) FROM core_budget_lines WHERE report_id = ?", rid)[0][0] >= 2  # what was found
    con = connect(db)
    fired = {r["report_id"] for r in violations(con, rule_by_id("extraction_unit_missing"))}
    assert fired == {rid}
    msg = rule_by_id("extraction_unit_missing").render(violations(con, rule_by_id("extraction_unit_missing"))[0])
    assert "绩效自评情况说明" in msg[0] and "candidates seen" in msg[1]
    aid, source = assign(
        con,
        "说明.txt",
        department="测试县医疗保障局",
        fiscal_year=2022,
        region=("测试省", "测试市", "测试县", "999999"),
        note="unit confirmed by phone",
        by="rev",
    )
    con.close()
    assert source == "说明.txt"
    counts = _run(inbox, db, "r2")
    assert counts["loaded"] == 1 and counts["superseded"] == 1 and counts["incomplete"] == 0
    rows = _q(
        db, "SELECT department, fiscal_year, is_current, assignment_id, incomplete FROM core_reports ORDER BY loaded_at"
    )
    assert rows[0][2] is False and rows[0][0] is None  # the first load stays in history
    assert rows[1] == ("测试县医疗保障局", 2022, True, aid, False)
    con = connect(db)
    assert violations(con, rule_by_id("extraction_unit_missing")) == []
    con.close()
    assert _run(inbox, db, "r3")["loaded"] == 0  # applied once; the next night skips the file
    assert _q(db, "SELECT count(*) FROM core_reports")[0][0] == 2


def test_resubmission_with_one_figure_changed_is_a_new_version(inbox: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    (inbox / "dept.txt").write_text(DEPT, encoding="utf-8")
    _run(inbox, db, "r1")
    (inbox / "dept.txt").unlink()
    (inbox / "dept_corrected.txt").write_text(DEPT.replace("480.00", "470.00"), encoding="utf-8")
    counts = _run(inbox, db, "r2")
    assert counts["loaded"] == 1 and counts["superseded"] == 1
    assert counts["superseded_files"][0]["file"] == "dept_corrected.txt"
    versions = _q(db, "SELECT version, is_current, source_file FROM core_reports ORDER BY version")
    assert versions == [(1, False, "dept.txt"), (2, True, "dept_corrected.txt")]
    # the title year alone changes it too
    (inbox / "dept_title.txt").write_text(
        DEPT.replace("470.00", "480.00").replace("2022年度部门", "2023年度部门"), encoding="utf-8"
    )
    assert _run(inbox, db, "r3")["loaded"] == 1


def test_department_and_project_report_of_one_unit_and_year_both_load(inbox: Path, tmp_path: Path) -> None:
    (inbox / "dept.txt").write_text(DEPT, encoding="utf-8")
    (inbox / "project.txt").write_text(PROJECT, encoding="utf-8")
    db = tmp_path / "w.duckdb"
    counts = _run(inbox, db, "r1")
    assert counts["loaded"] == 2 and counts["superseded"] == 0
    kinds = _q(db, "SELECT report_kind, report_subject FROM core_reports WHERE is_current ORDER BY report_kind")
    assert kinds == [("department", None), ("project", "医疗救助")]


def test_same_report_in_two_formats_loads_once(tmp_path: Path) -> None:
    inbox = Path(__file__).resolve().parents[2] / "samples" / "inbox"
    pair = tmp_path / "pair"
    pair.mkdir()
    for name in ("2021_beijing_mentougou_yibaoju.pdf", "2021_beijing_mentougou_yibaoju.docx"):
        (pair / name).write_bytes((inbox / name).read_bytes())
    counts = _run(pair, tmp_path / "w.duckdb", "r1")
    assert counts["loaded"] == 1 and counts["skipped"] == 1
    assert "version 1" in counts["skipped_files"][0]["reason_en"]


def _xlsx(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["项目", "全年预算数", "全年执行数"])
    ws.append(["支出合计", 500, 480])
    wb.save(path)


@pytest.mark.parametrize(
    "names",
    [
        ("r.txt", "r_附件1.xlsx"),
        ("r.txt", "附件1_r.xlsx"),
        ("r.txt", "r_att.xlsx"),
        ("r_main.txt", "r_att.xlsx"),
        ("r.txt", "r.xlsx"),
        ("unit/报告.txt", "unit/基础数据表.xlsx"),
    ],
)
def test_each_attachment_naming_loads_as_one_report(inbox: Path, tmp_path: Path, names: tuple[str, str]) -> None:
    main, att = (inbox / n for n in names)
    main.parent.mkdir(exist_ok=True)
    main.write_text(DEPT, encoding="utf-8")
    _xlsx(att)
    subs = stages.discover(inbox)
    assert [(s.path, s.attachments) for s in subs] == [(main, (att,))]
    db = tmp_path / "w.duckdb"
    counts = _run(inbox, db, "r1")
    assert counts["loaded"] == 1 and counts["quarantined"] == 0
    assert _q(db, "SELECT count(*) FROM core_reports")[0][0] == 1
    codes = {r[0] for r in _q(db, "SELECT code FROM core_warnings")}
    assert "attachment_joined" in codes


def test_attachment_alone_loads_with_a_warning_and_supersedes_nothing(inbox: Path, tmp_path: Path) -> None:
    (inbox / "dept.txt").write_text(DEPT, encoding="utf-8")
    (inbox / "other_附件1.txt").write_text(DEPT.replace("91 分", "90 分"), encoding="utf-8")
    db = tmp_path / "w.duckdb"
    counts = _run(inbox, db, "r1")
    assert counts["loaded"] == 2 and counts["superseded"] == 0
    con = connect(db)
    fired = violations(con, rule_by_id("extraction_attachment_alone"))
    con.close()
    assert [r["subject"] for r in fired] == ["other_附件1.txt"]


def test_reader_warnings_reach_the_warehouse_as_codes(inbox: Path, tmp_path: Path) -> None:
    (inbox / "gbk.txt").write_bytes(DEPT.encode("gb18030"))
    db = tmp_path / "w.duckdb"
    _run(inbox, db, "r1")
    assert ("encoding", "gb18030") in _q(db, "SELECT code, detail FROM core_warnings")


def test_odd_entries_each_end_with_one_outcome(inbox: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text(DEPT, encoding="utf-8")
    (inbox / "link.txt").symlink_to(outside)
    os.mkfifo(inbox / "pipe.txt")
    odd = 'a"b<script>\nc.txt'
    (inbox / odd).write_text(DEPT.replace("测试县", "浮梁县"), encoding="utf-8")
    (inbox / "good.txt").write_text(DEPT, encoding="utf-8")
    db = tmp_path / "w.duckdb"
    counts = _run(inbox, db, "r1")
    log = dict(_q(db, "SELECT source_file, coalesce(error_class, outcome) FROM ingest_log"))
    assert log == {"link.txt": "outside_inbox", "pipe.txt": "not_a_file", odd: "loaded", "good.txt": "loaded"}
    assert counts["quarantined"] == 2
    copied = [p.name for p in (db.parent / "q" / "r1").iterdir() if not p.name.endswith(".reason.txt")]
    assert copied == []  # neither the link's target nor the pipe is ever opened


def test_a_file_that_changes_while_read_is_read_again_next_run(
    inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = inbox / "dept.txt"
    target.write_text(DEPT, encoding="utf-8")
    real = stages.read_document

    def growing(path: Path) -> Any:
        doc = real(path)
        with path.open("a", encoding="utf-8") as fh:
            fh.write("（续）\n")
        return doc

    monkeypatch.setattr(stages, "read_document", growing)
    db = tmp_path / "w.duckdb"
    counts = _run(inbox, db, "r1")
    assert counts["loaded"] == 0 and counts["skipped"] == 1
    assert "changed while it was read" in counts["skipped_files"][0]["reason_en"]
    monkeypatch.setattr(stages, "read_document", real)
    assert _run(inbox, db, "r2")["loaded"] == 1


def test_a_corrected_resubmission_resolves_the_issue_on_the_old_figure(inbox: Path, tmp_path: Path) -> None:
    from expectations.results import record_outcomes
    from expectations.runner import run_rules

    db = tmp_path / "w.duckdb"
    rule = rule_by_id("rate_execution")

    def night(run_id: str) -> None:
        _run(inbox, db, run_id)
        outcomes = run_rules(db, [rule])
        con = connect(db)
        record_outcomes(con, run_id, outcomes)
        con.close()

    (inbox / "dept.txt").write_text(DEPT.replace("96.00%", "99.00%"), encoding="utf-8")
    night("r1")
    assert _q(db, "SELECT rule_id, status FROM core_dq_issues") == [("rate_execution", "open")]
    (inbox / "dept.txt").unlink()
    (inbox / "dept_v2.txt").write_text(DEPT, encoding="utf-8")
    night("r2")
    assert _q(db, "SELECT rule_id, status FROM core_dq_issues") == [("rate_execution", "resolved")]
    assert [r[0] for r in _q(db, "SELECT version FROM reports_history ORDER BY version")] == [1, 2]
