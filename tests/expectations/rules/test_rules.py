"""Every rule fires on the cases its YAML marks ``fires`` and on no other, each case a report file read, extracted and
loaded by the nightly stages, then judged by the real GX runner.

All cases share one warehouse (a unit of their own each) validated once, so GX's start-up is paid once.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

import transforms.extract as extract
from expectations.catalogue import load_rules
from expectations.runner import RuleOutcome, run_rules
from flows import stages
from tests.expectations.rules.cases import RuleCase, rule_cases, write_case
from warehouse.db import connect
from warehouse.runs import start_run

CASES = rule_cases()
RULES = {r.id: r for r in load_rules()}


def _boom(*_: Any, **__: Any) -> Any:
    raise ValueError("an extractor broken on purpose")


@pytest.fixture(scope="module")
def judged(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, RuleOutcome], dict[str, str]]:
    """Rule outcomes, and the case key of every loaded report."""
    tmp = tmp_path_factory.mktemp("rules")
    inbox, db = tmp / "inbox", tmp / "w.duckdb"
    inbox.mkdir()
    file_case = {write_case(c, n, inbox).name: c for n, c in enumerate(CASES)}
    mp = pytest.MonkeyPatch()
    results = []
    try:
        for sub in stages.discover(inbox):
            case = file_case[sub.path.name]
            if case.breaks:
                mp.setattr(extract, f"extract_{case.breaks}", _boom)
            results.append(stages.read_and_extract(sub))
            mp.undo()
    finally:
        mp.undo()
    con = connect(db)
    start_run(con, "cases", str(inbox))
    stages.load_results(con, "cases", results, tmp / "quarantine")
    loaded = con.execute("SELECT report_id, source_file FROM reports").fetchall()
    report_case = {rid: file_case[f].key for rid, f in loaded}
    con.close()
    return {o.rule.id: o for o in run_rules(db, list(RULES.values()))}, report_case


def _hit(o: RuleOutcome, report_case: dict[str, str]) -> set[str]:
    return {report_case[str(r["report_id"])] for r in o.violations}


def test_every_rule_has_a_case_that_fires_and_one_that_does_not() -> None:
    fires = Counter(c.rule_id for c in CASES if c.fires)
    silent = Counter(c.rule_id for c in CASES if not c.fires)
    assert not [r for r in RULES if not fires[r] or not silent[r]]
    assert {c.rule_id for c in CASES} <= set(RULES)
    assert len({c.key for c in CASES}) == len(CASES), "case names repeat within a rule"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.key)
def test_rule_fires_on_its_failing_cases_only(
    judged: tuple[dict[str, RuleOutcome], dict[str, str]], case: RuleCase
) -> None:
    outcomes, report_case = judged
    assert case.key in report_case.values(), f"{case.key} did not load"
    o = outcomes[case.rule_id]
    assert o.error is None, o.error
    hit = _hit(o, report_case)
    judged_cases = {report_case[r] for r in o.applicable if r in report_case}
    assert case.key in judged_cases, f"{case.rule_id} cannot judge {case.name}"
    if case.fires:
        assert case.key in hit, f"{case.rule_id} did not fire on {case.name}"
    else:
        rows = [r for r in o.violations if report_case[str(r["report_id"])] == case.key]
        assert case.key not in hit, f"{case.rule_id} fired on {case.name}: {rows}"


@pytest.mark.parametrize("case", [c for c in CASES if c.fires], ids=lambda c: c.key)
def test_violations_render_in_both_languages(
    judged: tuple[dict[str, RuleOutcome], dict[str, str]], case: RuleCase
) -> None:
    outcomes, report_case = judged
    o = outcomes[case.rule_id]
    row = next(r for r in o.violations if report_case[str(r["report_id"])] == case.key)
    zh, en = o.rule.render(row)
    assert "{" not in zh + en and zh != en
    for column in (
        "subject",
        "stated_value",
        "computed_value",
        "difference",
        "tolerance",
        "evidence_text",
        "source_locator",
    ):
        assert column in row
    assert row["evidence_text"], f"{case.key}: a violation without its evidence"


def test_a_two_place_issue_names_its_other_place(judged: tuple[dict[str, RuleOutcome], dict[str, str]]) -> None:
    outcomes, report_case = judged
    row = next(
        r
        for r in outcomes["consistency_amount_text_table"].violations
        if report_case[str(r["report_id"])] == "consistency_amount_text_table.text_differs"
    )
    # the table cell the sentence contradicts
    assert "表1" in row["other_locator"] and row["other_evidence"] == "17706.61"
    row = next(
        r
        for r in outcomes["rate_execution"].violations
        if report_case[str(r["report_id"])] == "rate_execution.rate_against_the_table"
    )
    assert "表1" in row["other_locator"] and row["other_evidence"] == "17706.61 ÷ 17826.29"  # the operands used
