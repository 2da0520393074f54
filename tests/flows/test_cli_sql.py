"""``jixiao sql``: read-only queries on the published snapshot, table/CSV/Parquet output, bilingual errors."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from flows.cli import main
from tests.warehouse.factories import SAMPLE, build_sample_warehouse, load
from warehouse.db import connect
from warehouse.publish import publish_snapshot, snapshot_path

SCORES = "SELECT department, self_eval_score FROM reports ORDER BY division_code"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder whose published snapshot holds the factory warehouse (five current reports)."""
    data = tmp_path_factory.mktemp("data")
    publish_snapshot(build_sample_warehouse(data / "warehouse.duckdb"), snapshot_path(data))
    return data


@pytest.fixture()
def published(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("JIXIAO_DATA", str(data_dir))
    return snapshot_path(data_dir)


def _expected_scores(snapshot: Path) -> list[tuple[str, Decimal]]:
    con = duckdb.connect(str(snapshot), read_only=True)
    try:
        return con.execute(SCORES).fetchall()
    finally:
        con.close()


def test_prints_the_published_snapshot_as_a_table(published: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sql", SCORES]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split(" | ") == ["department                  ", "self_eval_score"]
    body = [tuple(c.strip() for c in line.split(" | ")) for line in out[2:-1]]
    assert body == [(d, str(s)) for d, s in _expected_scores(published)]
    assert ("益阳市资阳区医疗保障事务中心", "81.00") in body  # the resubmission, not the superseded version
    assert out[-1] == "(5 行 rows)"


def test_csv_to_stdout_and_parquet_hold_every_row(
    published: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "scores.parquet"
    assert main(["sql", SCORES, "--csv", "-", "--parquet", str(target), "--max-rows", "1"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    expected = _expected_scores(published)
    assert rows == [["department", "self_eval_score"]] + [[d, str(s)] for d, s in expected]
    table = pq.read_table(target)
    assert table.schema.field("self_eval_score").type == pa.decimal128(7, 2)
    assert list(zip(table["department"].to_pylist(), table["self_eval_score"].to_pylist(), strict=True)) == expected


def test_printing_is_capped_but_the_csv_file_is_not(
    published: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "lines.csv"
    assert (
        main(
            ["sql", "SELECT report_id, line_no FROM budget_lines ORDER BY ALL", "--max-rows", "2", "--csv", str(target)]
        )
        == 0
    )
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 + 2 + 1
    assert out[-1] == "(显示前 2 行，共 25 行 showing 2 of 25 rows (use --csv for all))"
    with target.open(encoding="utf-8", newline="") as fh:
        assert len(list(csv.reader(fh))) == 1 + 25


@pytest.mark.parametrize(
    "statement",
    [
        "DELETE FROM core_reports",
        "UPDATE core_reports SET self_eval_score = 0",
        "CREATE TABLE scratch AS SELECT 1",
        "COPY reports TO '{tmp}/leak.csv'",
        "ATTACH '{tmp}/other.duckdb' AS other",
        "SELECT 1; DROP VIEW reports",
    ],
)
def test_writing_statements_fail_and_change_nothing(
    statement: str, published: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = published.read_bytes()
    assert main(["sql", statement.format(tmp=tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "error:" in err and "错误" in err and "Traceback" not in err
    assert ("read-only" in err and "只读" in err) or ("exactly one statement" in err and "一条语句" in err)
    assert published.read_bytes() == before
    assert list(tmp_path.iterdir()) == []


# Each reads something outside the published tables: a file, a listing, the process environment (SMTP password),
# the production warehouse, the snapshot's own bytes, the network, an extension, or a setting that would re-open them.
ESCAPES = [
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_text('/etc/shadow')",
    "SELECT * FROM read_blob('/etc/hostname')",
    "SELECT * FROM glob('/*')",
    "SELECT content FROM read_text('/proc/self/environ')",
    "SELECT * FROM read_blob('{warehouse}')",
    "SELECT * FROM read_blob('{snapshot}')",
    "SELECT * FROM '/etc/passwd'",
    "SELECT * FROM sniff_csv('/etc/passwd')",
    "SELECT * FROM read_parquet('https://example.com/x.parquet')",
    "select * FROM READ_TEXT('/etc/passwd')",
    "SELECT /* harmless */ * FROM read_text('/etc/passwd') -- a comment",
    "SELECT 1; SELECT * FROM read_text('/etc/passwd')",
    "WITH x AS (SELECT * FROM read_text('/etc/passwd')) SELECT * FROM x",
    "SELECT (SELECT content FROM read_text('/etc/passwd'))",
    "LOAD httpfs",
    "INSTALL httpfs",
    "SET enable_external_access = true",
    "RESET enable_external_access",
    "PRAGMA enable_external_access",
    "EXPORT DATABASE '{tmp}/dump'",
]


@pytest.mark.parametrize("query", ESCAPES)
def test_every_way_out_of_the_snapshot_is_refused(
    query: str, published: Path, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    q = query.format(warehouse=data_dir / "warehouse.duckdb", snapshot=published, tmp=tmp_path)
    code = main(["sql", q, "--csv", "-"])
    out, err = capsys.readouterr()
    assert code == 2, out[:300]
    assert "error:" in err and "错误" in err and "Traceback" not in err
    assert "root:" not in out + err and "PATH=" not in out + err and "DUCK" not in out
    assert list(tmp_path.iterdir()) == []


def test_a_result_over_the_row_limit_stops_with_a_message(published: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sql", "SELECT * FROM range(1000000000000)", "--row-limit", "50000"]) == 2
    err = capsys.readouterr().err
    assert "50,000" in err and "上限" in err and "LIMIT" in err


def test_a_query_over_the_time_limit_is_stopped(published: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sql", "SELECT count(*) FROM range(1000000000000) a, range(10) b", "--timeout", "0.5"]) == 2
    err = capsys.readouterr().err
    assert "0.5" in err and "时限" in err and "stopped" in err


def test_no_snapshot_yet_says_run_first_in_both_languages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("JIXIAO_DATA", str(tmp_path))
    assert main(["sql", "SELECT 1"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "还没有已发布的快照" in captured.err and "no published snapshot" in captured.err
    assert str(snapshot_path(tmp_path)) in captured.err and "jixiao run" in captured.err


def test_failing_sql_is_a_bilingual_error_not_a_traceback(published: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sql", "SELECT no_such_column FROM reports"]) == 2
    err = capsys.readouterr().err
    assert "查询失败" in err and "the query failed" in err and "no_such_column" in err
    assert "Traceback" not in err
    assert main(["sql", "SELEC 1"]) == 2
    assert "syntax error" in capsys.readouterr().err.lower()


def test_db_flag_queries_another_snapshot(published: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    con = connect(tmp_path / "other.duckdb")
    load(con, SAMPLE[1], "fuliang.pdf")
    con.close()
    other = publish_snapshot(tmp_path / "other.duckdb", tmp_path / "pub" / "other.duckdb")
    assert main(["sql", "SELECT department FROM reports", "--db", str(other), "--csv", "-"]) == 0
    assert capsys.readouterr().out.splitlines() == ["department", SAMPLE[1].meta.department]


def test_a_file_that_is_not_a_snapshot_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bogus = tmp_path / "bogus.duckdb"
    bogus.write_bytes(b"not a database at all" * 100)
    assert main(["sql", "SELECT 1", "--db", str(bogus)]) == 2
    err = capsys.readouterr().err
    assert "无法打开快照" in err and "cannot open the snapshot" in err and "Traceback" not in err


def test_a_result_parquet_cannot_hold_is_reported(
    published: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "took.parquet"
    assert main(["sql", "SELECT INTERVAL 3 DAY AS took", "--parquet", str(target)]) == 2
    err = capsys.readouterr().err
    assert "Parquet" in err and "--csv" in err and "Traceback" not in err
