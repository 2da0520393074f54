"""The marts on the sample warehouse equal figures computed by hand from the factory reports (tests/warehouse/
factories.py): current versions only, money in 元 and 万元, rates weighted by budget, reports with open errors
counted apart."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

from tests.warehouse.factories import build_sample_warehouse
from warehouse.db import connect
from warehouse.marts import build_marts

NOW = datetime(2026, 12, 4)


def _issue(con: duckdb.DuckDBPyConnection, department: str, severity: str, status: str, n: int) -> None:
    rid, key = con.execute("SELECT report_id, report_key FROM reports WHERE department = ?", [department]).fetchone()
    con.execute(
        "INSERT INTO core_dq_issues (issue_id, rule_id, report_id, report_key, severity, status, "
        "first_seen_run, last_seen_run, first_seen_at, last_seen_at) VALUES (?, 'rate_execution', ?, ?, ?, ?, "
        "'run-2', 'run-2', ?, ?)",
        [f"i{n}", rid, key, severity, status, NOW, NOW],
    )


@pytest.fixture(scope="module")
def marts(tmp_path_factory: pytest.TempPathFactory) -> duckdb.DuckDBPyConnection:
    db = build_sample_warehouse(tmp_path_factory.mktemp("marts") / "w.duckdb")
    con = connect(db)
    _issue(con, "平远县医疗保障局", "error", "open", 1)
    _issue(con, "平远县医疗保障局", "warning", "open", 2)
    _issue(con, "承德市医疗保障局", "warning", "waived", 3)
    con.execute(
        "INSERT INTO dq_results VALUES ('run-2', 'rate_execution', "
        "(SELECT report_id FROM reports WHERE department = '平远县医疗保障局'), 'fail', 1, ?)",
        [NOW],
    )
    con.execute(
        "INSERT INTO dq_results SELECT 'run-2', 'rate_execution', report_id, 'pass', 0, ? FROM reports "
        "WHERE department <> '平远县医疗保障局'",
        [NOW],
    )
    build_marts(con, "run-2")
    return con


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    r = con.execute(sql)
    cols = [d[0] for d in r.description]
    return [dict(zip(cols, row, strict=True)) for row in r.fetchall()]


def test_summary_province_year_by_hand(marts: duckdb.DuckDBPyConnection) -> None:
    rows = {(r["province"], r["fiscal_year"]): r for r in _rows(marts, "SELECT * FROM summary_province_year")}
    assert set(rows) == {("广东省", 2021), ("广东省", 2022), ("河北省", 2022), ("湖南省", 2022), ("江西省", 2021)}
    gd21 = rows[("广东省", 2021)]  # 大埔: 12,203,750 of 12,500,000
    assert gd21["reports"] == 1 and gd21["reports_county_level"] == 1
    assert gd21["budget_yuan"] == Decimal("12500000.00") and gd21["budget_wan"] == pytest.approx(1250.0)
    assert gd21["execution_rate"] == pytest.approx(0.9763) and gd21["grade_优秀"] == 1
    hb = rows[("河北省", 2022)]  # 承德: a prefecture, 27,180,000 / 30,200,000, 88.6 is 良好
    assert hb["reports_prefecture_level"] == 1 and hb["execution_rate"] == pytest.approx(0.9)
    assert hb["grade_良好"] == 1 and hb["reports_with_errors"] == 0
    hn = rows[("湖南省", 2022)]  # 资阳: the corrected resubmission's 81, not the first version's 78
    assert hn["mean_score"] == pytest.approx(81.0) and hn["median_score"] == Decimal("81.00")
    gd22 = rows[("广东省", 2022)]  # 平远 carries an open error: counted, and left out of the *_without_errors figures
    assert gd22["reports_with_errors"] == 1 and gd22["open_issues"] == 2
    assert gd22["budget_yuan"] == Decimal("6000000.00") and gd22["budget_yuan_without_errors"] is None
    assert gd22["execution_rate"] == pytest.approx(0.95) and gd22["execution_rate_without_errors"] is None
    assert gd22["built_run"] == "run-2"


def test_summary_region_one_row_per_unit_and_year(marts: duckdb.DuckDBPyConnection) -> None:
    rows = {r["department"]: r for r in _rows(marts, "SELECT * FROM summary_region")}
    assert len(rows) == 5
    py = rows["平远县医疗保障局"]
    assert (py["open_errors"], py["open_warnings"], py["open_issues"]) == (1, 1, 2)
    assert py["executed_wan"] == pytest.approx(570.0) and py["execution_rate"] == pytest.approx(0.95)
    assert rows["承德市医疗保障局"]["waived_issues"] == 1 and rows["承德市医疗保障局"]["county"] is None


def test_indicator_achievement_counts_targets_met(marts: duckdb.DuckDBPyConnection) -> None:
    rows = {
        (r["indicator"], r["province"], r["fiscal_year"]): r
        for r in _rows(marts, "SELECT * FROM indicator_achievement")
    }
    insured = rows[("OUT-QTY-INSURED", "广东省", 2022)]  # 10500 against ≥10000
    assert insured["rows_judged"] == 1 and insured["rows_met"] == 1 and insured["met_share"] == pytest.approx(1.0)
    satisfaction = rows[("（未归类）参保群众满意度", "河北省", 2022)]  # 86% against ≥90%
    assert satisfaction["rows_judged"] == 1 and satisfaction["rows_met"] == 0
    burden = rows[("（未归类）群众看病负担", "江西省", 2021)]  # qualitative: stated, not judged
    assert burden["rows_stated"] == 1 and burden["rows_judged"] == 0 and burden["met_share"] is None


def test_project_summary_recomputes_the_rate(marts: duckdb.DuckDBPyConnection) -> None:
    rows = {r["project"]: r for r in _rows(marts, "SELECT * FROM project_summary")}
    assert set(rows) == {"医疗救助", "医保信息化建设"}
    it = rows["医保信息化建设"]
    assert it["full_year_wan"] == pytest.approx(200.0) and it["execution_rate"] == pytest.approx(0.75)
    assert it["province"] == "河北省" and it["fiscal_year"] == 2022


def test_dq_scoreboard_pass_rate_per_rule_and_province(marts: duckdb.DuckDBPyConnection) -> None:
    rows = {(r["rule_id"], r["province"]): r for r in _rows(marts, "SELECT * FROM dq_scoreboard")}
    gd = rows[("rate_execution", "广东省")]  # 大埔 passed, 平远 failed
    assert (gd["reports_judged"], gd["reports_passed"], gd["pass_rate"]) == (2, 1, pytest.approx(0.5))
    assert rows[("rate_execution", "江西省")]["pass_rate"] == pytest.approx(1.0)


def test_an_unresolved_region_has_a_labelled_row(tmp_path: Path) -> None:
    from dataclasses import replace

    from tests.warehouse.factories import SAMPLE, load

    con = connect(tmp_path / "w.duckdb")
    load(
        con,
        replace(SAMPLE[0], meta=replace(SAMPLE[0].meta, province=None, city=None, county=None, division_code=None)),
        "nowhere.pdf",
    )
    build_marts(con, "r")
    (province,) = con.execute("SELECT province FROM summary_province_year").fetchone()
    assert province == "未能确定地区 unresolved"
