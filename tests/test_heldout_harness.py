"""The held-out scorer (tests/heldout.py) on known answers: outcomes, shapes, and a report of our own end to end."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from tests.heldout import FIELDS, outcome, report_lines, score, wanted


def test_outcomes() -> None:
    assert outcome("甲县财政局", "甲县财政局") == "right"
    assert outcome("甲县财政局", None) == "missed"
    assert outcome("甲县财政局", "乙县财政局") == "wrong"
    assert outcome(None, "乙县财政局") == "spurious"
    assert outcome(None, None) == "unstated"
    assert outcome({Decimal("16.2")}, {Decimal("16.2"), Decimal("16")}) == "wrong"  # two figures for one total
    assert outcome(set(), set()) == "unstated"


def test_truth_in_the_scorer_shapes() -> None:
    w = wanted({"self_eval_score": "95.50", "budget_full_year_wan": "16.20", "execution_rate": None})
    assert w["self_eval_score"] == Decimal("95.5")
    assert w["budget_full_year_wan"] == {Decimal("16.2")}
    assert w["execution_rate"] == set()


def test_a_report_scored_end_to_end(tmp_path: Path) -> None:
    truth = {
        "department": "甲县农业农村局",
        "province": None,
        "city": None,
        "county": None,
        "fiscal_year": 2023,
        "filing_date": None,
        "self_eval_score": "92",
        "grade": None,
        "budget_full_year_wan": None,
        "budget_initial_wan": None,
        "executed_wan": None,
        "execution_rate": None,
    }
    (tmp_path / "truth" / "x").mkdir(parents=True)
    (tmp_path / "texts" / "x").mkdir(parents=True)
    entry = {"id": "x01", "kind": "department", "truth": truth}
    (tmp_path / "truth" / "x" / "x01.json").write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "truth" / "x" / "x02.json").write_text(json.dumps({**entry, "id": "x02"}), encoding="utf-8")
    (tmp_path / "texts" / "x" / "x01.txt").write_text(
        "甲县农业农村局2023年度部门整体支出绩效自评报告\n\n经自评，我局2023年度部门整体支出绩效自评得分92分。\n",
        encoding="utf-8",
    )
    result = score(tmp_path / "texts", truth=tmp_path / "truth")
    assert result["reports"] == 1 and result["absent"] == ["x02"]  # a truth without its text is counted apart
    for f in ("department", "fiscal_year", "self_eval_score"):
        assert result["by_field"][f] == {"right": 1}, f
    assert sum(sum(c.values()) for c in result["by_field"].values()) == len(FIELDS)
    assert "1 scored, 1 without their text" in report_lines(result)[0]
