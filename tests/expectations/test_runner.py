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
