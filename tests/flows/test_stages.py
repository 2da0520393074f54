"""The nightly stages as plain functions: discovery, per-file outcomes, quarantine without loss."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from flows import stages
from warehouse.db import connect

REPORT = """部门名称：测试县医疗保障局
填报日期：2023年4月1日
# 2022年度部门整体支出绩效自评报告
2022年度部门整体支出情况如下，经综合评价，得分为 91 分。
"""


def _write(p: Path, text: str, encoding: str = "utf-8") -> Path:
    p.write_bytes(text.encode(encoding))
    return p


def test_discover_groups_attachments(tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", REPORT)
    _write(tmp_path / "a_附件1.txt", "附件")
    _write(tmp_path / "b.txt", REPORT)
    (tmp_path / ".hidden").write_text("x")
    subs = stages.discover(tmp_path)
    assert [s.path.name for s in subs] == ["a.txt", "b.txt"]
    assert [p.name for p in subs[0].attachments] == ["a_附件1.txt"]


def test_bad_file_is_quarantined_and_batch_loads(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _write(inbox / "good.txt", REPORT.replace("测试县", "浮梁县"))
    _write(inbox / "gbk.txt", REPORT.replace("测试县", "大埔县"), encoding="gb18030")
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "bad.bin").write_bytes(b"\x00\x01binary")
    (inbox / "notes.txt").write_text("今天天气很好。", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in inbox.iterdir()}
    results = [stages.read_and_extract(s) for s in stages.discover(inbox)]
    con = connect(tmp_path / "w.duckdb")
    counts = stages.load_results(con, "run1", results, tmp_path / "quarantine")
    log = dict(con.execute("SELECT source_file, coalesce(error_class, outcome) FROM ingest_log").fetchall())
    depts = {r[0] for r in con.execute("SELECT department FROM reports").fetchall()}
    con.close()
    # a readable text without unit or year is not unreadable: it loads incomplete and waits for a reviewer
    assert counts["loaded"] == 3 and counts["quarantined"] == 2 and counts["incomplete"] == 1
    assert log == {
        "good.txt": "loaded",
        "gbk.txt": "loaded",
        "empty.txt": "empty_file",
        "bad.bin": "unknown_type",
        "notes.txt": "loaded",
    }
    assert depts == {"浮梁县医疗保障局", "大埔县医疗保障局", None}
    # the inbox is never modified; quarantined files are copied with their reason beside them
    assert {p.name: p.read_bytes() for p in inbox.iterdir()} == before
    reasons = sorted(p.name for p in (tmp_path / "quarantine").glob("*.reason.txt"))
    assert len(reasons) == 2


def test_rerun_loads_nothing_twice(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _write(inbox / "good.txt", REPORT.replace("测试县", "浮梁县"))
    db = tmp_path / "w.duckdb"
    for run in ("r1", "r2"):
        con = connect(db)
        stages.load_results(con, run, [stages.read_and_extract(s) for s in stages.discover(inbox)], tmp_path / "q")
        con.close()
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM core_reports").fetchone() == (1,)
    assert con.execute("SELECT outcome FROM ingest_log ORDER BY logged_at").fetchall() == [("loaded",), ("skipped",)]
    con.close()


def test_a_report_that_cannot_be_written_is_rolled_back_and_kept_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import warehouse.loader as loader

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _write(inbox / "a.txt", REPORT.replace("测试县", "浮梁县"))
    _write(inbox / "b.txt", REPORT.replace("测试县", "大埔县"))
    results = [stages.read_and_extract(s) for s in stages.discover(inbox)]
    real = loader.fact_frames

    def failing(report_id: str, load_id: str, facts: object) -> object:
        if facts.meta.department == "浮梁县医疗保障局":  # type: ignore[attr-defined]
            raise duckdb.ConversionException("a value its column cannot hold")
        return real(report_id, load_id, facts)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "fact_frames", failing)
    con = connect(tmp_path / "w.duckdb")
    counts = stages.load_results(con, "run1", results, tmp_path / "quarantine")
    log = {
        r[0]: r[1:]
        for r in con.execute("SELECT source_file, outcome, error_class, reason_en FROM ingest_log").fetchall()
    }
    reports = con.execute("SELECT department FROM core_reports").fetchall()
    con.close()
    assert counts["loaded"] == 1 and counts["quarantined"] == 1
    assert log["a.txt"][:2] == ("quarantined", "load_failed") and "ConversionException" in log["a.txt"][2]
    assert log["b.txt"][0] == "loaded" and reports == [("大埔县医疗保障局",)]  # nothing of a.txt was left behind
    assert counts["load_failed_files"][0]["file"] == "a.txt"
    assert any(p.name.endswith("a.txt") for p in (tmp_path / "quarantine").iterdir())
