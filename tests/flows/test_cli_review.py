"""``jixiao review list / show / waive`` on a small live warehouse."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.cli import main
from tests.flows.alerts.support import two_unit_warehouse


@pytest.fixture()
def db(tmp_path: Path) -> str:
    path = tmp_path / "w.duckdb"
    two_unit_warehouse(path).close()
    return str(path)


def _ids(db: str) -> dict[str, str]:
    import duckdb

    con = duckdb.connect(db, read_only=True)
    try:
        return dict(con.execute("SELECT report_id, issue_id FROM core_dq_issues").fetchall())
    finally:
        con.close()


def test_list_filters_and_shows_readable_values(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", "list", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "问题 issues (unresolved): 2" in out and "stated 100.73% computed 99.33%" in out
    assert main(["review", "list", "--db", db, "--report", "乙县"]) == 0
    out = capsys.readouterr().out
    assert "issues (unresolved): 1" in out and "乙县医疗保障局" in out and "甲县" not in out
    assert main(["review", "list", "--db", db, "--severity", "warning"]) == 0
    assert "issues (unresolved): 0" in capsys.readouterr().out


def test_waive_then_list_keeps_the_waived_issue_visible(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    iid = _ids(db)["ra"]
    assert (
        main(
            [
                "review",
                "waive",
                iid[:10],
                "--reason",
                "source_typo_confirmed",
                "--note",
                "单位已确认",
                "--by",
                "张审核",
                "--db",
                db,
            ]
        )
        == 0
    )
    assert f"waived {iid}" in capsys.readouterr().out
    main(["review", "list", "--db", db])  # the default list keeps the waived issue beside the open one
    out = capsys.readouterr().out
    assert "issues (unresolved): 2" in out and f"{iid}  waived" in out
    main(["review", "list", "--status", "open", "--db", db])
    assert iid not in capsys.readouterr().out
    main(["review", "list", "--status", "waived", "--db", db])
    assert f"{iid}  waived" in capsys.readouterr().out
    main(["review", "list", "--status", "all", "--db", db])
    out = capsys.readouterr().out
    assert "issues (all): 2" in out and "[source_typo_confirmed]" in out


def test_waive_with_unknown_reason_is_a_bilingual_error(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", "waive", _ids(db)["ra"], "--reason", "because", "--note", "x", "--db", db]) == 2
    err = capsys.readouterr().err
    assert "未知的豁免理由代码 because" in err and "unknown reason code because" in err and "known_rounding" in err
    assert main(["review", "waive", "000000", "--reason", "known_rounding", "--note", "x", "--db", db]) == 2
    assert "no issue with id 000000" in capsys.readouterr().err


def test_show_gives_values_evidence_and_history(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    iid = _ids(db)["rb"]
    main(["review", "waive", iid, "--reason", "known_rounding", "--note", "末位差异", "--by", "李", "--db", db])
    capsys.readouterr()
    assert main(["review", "show", iid, "--db", db]) == 0
    out = capsys.readouterr().out
    for text in (
        f"问题 issue {iid}",
        "status: waived",
        "规则 rule: rate_execution (rates)",
        "乙县医疗保障局",
        "填报值 stated: 95.00%",
        "计算值 computed: 90.00%",
        "差额 difference: 5.00%",
        "原文 evidence: 执行率95%",
        "位置 locator: r.txt L10",
        "known_rounding (已知的四舍五入差异 / known rounding difference) by 李",
        "in force",
        "opened",
        "waived",
    ):
        assert text in out, text
    assert "English: Execution rate" in out


def test_missing_warehouse_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["review", "list", "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "no warehouse at" in capsys.readouterr().err


def test_dq_issues_view_shows_the_waiver_and_department(db: str) -> None:
    import duckdb

    iid = _ids(db)["ra"]
    assert main(["review", "waive", iid, "--reason", "known_rounding", "--note", "末位差异", "--db", db]) == 0
    con = duckdb.connect(db, read_only=True)
    try:
        row = con.execute(
            "SELECT status, waiver_reason, waiver_note, department, family FROM dq_issues WHERE issue_id = ?", [iid]
        ).fetchone()
    finally:
        con.close()
    assert row == ("waived", "known_rounding", "末位差异", "甲县医疗保障局", "rates")


def test_assign_stores_the_reviewers_metadata(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    import duckdb

    assert (
        main(
            [
                "review",
                "assign",
                "ra",
                "--department",
                "甲县医疗保障局",
                "--year",
                "2021",
                "--region",
                "441881",
                "--note",
                "电话核实",
                "--by",
                "张审核",
                "--db",
                db,
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "assigned" in out and "广东省" in out and "new version" in out
    con = duckdb.connect(db, read_only=True)
    try:
        row = con.execute(
            "SELECT department, fiscal_year, province, county, division_code, assigned_by FROM review_assignments"
        ).fetchone()
    finally:
        con.close()
    assert row == ("甲县医疗保障局", 2021, "广东省", "英德市", "441881", "张审核")
    assert main(["review", "assign", "nope", "--year", "2021", "--db", db]) == 2
    assert "no report nope" in capsys.readouterr().err
    assert main(["review", "assign", "ra", "--region", "不存在的地方", "--db", db]) == 2
    assert main(["review", "assign", "ra", "--db", db]) == 2
