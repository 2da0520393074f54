"""Versioned loading: re-runs change nothing, resubmissions supersede and keep history, formats collapse."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from tests.warehouse.factories import SAMPLE, fake_sha, load
from warehouse.db import connect
from warehouse.loader import FACT_TABLES

FACT_COUNT_SQL = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM {t}" for t in FACT_TABLES)


@pytest.fixture()
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    c = connect(tmp_path / "w.duckdb")
    yield c
    c.close()


def _fact_counts(c: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return dict(c.execute(FACT_COUNT_SQL).fetchall())


def test_rerun_changes_nothing(con: duckdb.DuckDBPyConnection) -> None:
    first = [load(con, f, f"{f.meta.department}.pdf") for f in SAMPLE]
    assert [o.outcome for o in first] == ["loaded"] * 5
    before = _fact_counts(con)
    again = [load(con, f, f"{f.meta.department}.pdf", run_id="run-2") for f in SAMPLE]
    assert [o.outcome for o in again] == ["skipped"] * 5
    assert all("same content" in (o.reason_en or "") for o in again)
    assert [o.report_id for o in again] == [o.report_id for o in first]
    assert _fact_counts(con) == before
    assert con.execute("SELECT count(*) FROM reports").fetchone() == (5,)
    assert con.execute("SELECT count(*) FROM submissions").fetchone() == (5,)


def test_resubmission_supersedes_and_keeps_history(con: duckdb.DuckDBPyConnection) -> None:
    original = SAMPLE[2]
    v1 = load(con, original, "承德.pdf")
    corrected = replace(original, meta=replace(original.meta, self_eval_score=Decimal("90.1")))
    v2 = load(con, corrected, "承德_更正.pdf", run_id="run-2")
    assert (v2.outcome, v2.version, v2.superseded) == ("loaded", 2, v1.report_id)
    current = con.execute("SELECT report_id, self_eval_score, version FROM reports").fetchall()
    assert current == [(v2.report_id, Decimal("90.10"), 2)]
    history = con.execute(
        "SELECT report_id, version, is_current, superseded_by, superseded_at IS NOT NULL "
        "FROM reports_history ORDER BY version"
    ).fetchall()
    assert history == [(v1.report_id, 1, False, v2.report_id, True), (v2.report_id, 2, True, None, False)]
    # both versions keep their facts; the analyst views show only the current one's
    per_version = con.execute("SELECT report_id, count(*) FROM core_budget_lines GROUP BY 1 ORDER BY 1").fetchall()
    assert [n for _, n in per_version] == [5, 5]
    assert con.execute("SELECT DISTINCT report_id FROM budget_lines").fetchall() == [(v2.report_id,)]
    # the old file arriving again is skipped, it does not bring version 1 back
    again = load(con, original, "承德.pdf", run_id="run-3")
    assert again.outcome == "skipped"
    assert con.execute("SELECT report_id FROM reports").fetchall() == [(v2.report_id,)]


def test_one_report_in_two_formats_is_one_row(con: duckdb.DuckDBPyConnection) -> None:
    pdf = load(con, SAMPLE[0], "大埔.pdf", media_type="application/pdf")
    docx = load(con, SAMPLE[0], "大埔.docx", media_type="application/docx")
    assert docx.outcome == "skipped" and docx.report_id == pdf.report_id
    assert "another format" in (docx.reason_en or "")
    assert con.execute("SELECT count(*) FROM reports").fetchone() == (1,)
    assert con.execute("SELECT count(*) FROM reports_history").fetchone() == (1,)
    rows = con.execute("SELECT source_file, relation, report_id FROM submissions ORDER BY source_file").fetchall()
    assert rows == [("大埔.docx", "other_format", pdf.report_id), ("大埔.pdf", "version", pdf.report_id)]
    # and the docx arriving again is recognised by its content
    assert load(con, SAMPLE[0], "大埔-副本.docx").outcome == "skipped"


def test_fact_lines_cannot_be_counted_twice(con: duckdb.DuckDBPyConnection) -> None:
    out = load(con, SAMPLE[1], "浮梁.pdf")
    with pytest.raises(duckdb.ConstraintException):
        con.execute(
            "INSERT INTO core_budget_lines (report_id, line_no, category, phase, load_id) "
            "VALUES (?, 0, 'total', 'adjusted', 'x')",
            [out.report_id],
        )
    with pytest.raises(duckdb.ConstraintException):
        con.execute(
            "INSERT INTO core_reports SELECT * REPLACE (? AS report_id, ? AS sha256) FROM core_reports",
            ["f" * 16, fake_sha("dup")],
        )


def test_failed_load_leaves_nothing(con: duckdb.DuckDBPyConnection) -> None:
    def boom(_: object) -> None:
        raise RuntimeError("log failed")

    from warehouse.loader import load_report

    with pytest.raises(RuntimeError):
        load_report(
            con, SAMPLE[0], sha256=fake_sha("x"), source_file="x.pdf", media_type="", pages=1, load_id="r", log=boom
        )
    assert _fact_counts(con) == dict.fromkeys(FACT_TABLES, 0)
    assert con.execute("SELECT count(*) FROM core_reports").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM core_submissions").fetchone() == (0,)
