"""The rules' shared SQL (expectations/macros): recreated on every run, one money scale shared with Python."""

from __future__ import annotations

from pathlib import Path

from expectations.macros import install, macro_files
from expectations.runner import run_rules
from tests.expectations.helpers import C, add_report, add_rows, rule_by_id, warehouse
from transforms.normalize.numbers import UNIT_SCALE


def test_one_macro_a_file_and_every_file_installs(tmp_path: Path) -> None:
    con = warehouse(tmp_path / "w.duckdb")
    names = install(con)
    assert names == [f.stem.split("_", 1)[1] for f in macro_files()]
    assert len(names) == len(set(names)) >= 9
    for f in macro_files():  # each file defines the object it is named after
        assert f.stem.split("_", 1)[1] in f.read_text(encoding="utf-8")
    scale = dict(con.execute("SELECT unit, yuan FROM dq_unit_scale").fetchall())
    con.close()
    assert scale == {u: float(v) for u, v in UNIT_SCALE.items()}


def test_half_a_printed_unit_follows_the_unit_the_table_printed(tmp_path: Path) -> None:
    con = warehouse(tmp_path / "w.duckdb")
    install(con)
    half = {u: con.execute("SELECT dq_amount_half('12.5', ?)", [u]).fetchone()[0] for u in ("千元", "万元", "元")}
    con.close()
    assert half == {"千元": 50.0, "万元": 500.0, "元": 0.05}  # a 千元 table was given 万元's tolerance before


def test_a_warehouse_built_with_an_older_definition_gets_the_current_one(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    con = warehouse(db)
    add_report(con)
    add_rows(con, (C("execution_rate", "1.0073", 2, subject="total", num="17706.61", den="17826.29"),))
    con.execute("DROP VIEW dq_indicator_targets")  # as in a warehouse migrated before 012 gained the view
    con.execute("CREATE OR REPLACE MACRO dq_half_unit(stated, decimals, is_percent) AS 1.0")  # a stale definition
    con.close()
    outcomes = run_rules(db, [rule_by_id("targets_missed"), rule_by_id("rate_execution")])
    assert [o.error for o in outcomes] == [None, None]
    assert [len(o.violations) for o in outcomes] == [0, 1]
