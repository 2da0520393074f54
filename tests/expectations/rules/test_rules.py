"""Every rule fires on its failing case and stays silent on its passing case, run through the real GX runner.

All cases live in one warehouse (a report per case) validated once, so GX's start-up is paid once.
"""

from __future__ import annotations

from typing import Any

import pytest

from expectations.catalogue import load_rules
from expectations.runner import RuleOutcome, run_rules
from tests.expectations.helpers import add_report, add_rows, warehouse
from tests.expectations.rules.cases import CASES


def _rid(rule_id: str, fires: bool) -> str:
    return f"{rule_id}:{'fail' if fires else 'pass'}"


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, RuleOutcome]:
    db = tmp_path_factory.mktemp("rules") / "w.duckdb"
    con = warehouse(db)
    for rule_id, (fail, ok) in CASES.items():
        for fires, case in ((True, fail), (False, ok)):
            add_report(con, _rid(rule_id, fires), **case.report)
            add_rows(con, case.rows, _rid(rule_id, fires))
    con.close()
    return {o.rule.id: o for o in run_rules(db, load_rules())}


def _reports(rows: list[dict[str, Any]]) -> set[str]:
    return {str(r["report_id"]) for r in rows}


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_fires_on_its_failing_case_only(outcomes: dict[str, RuleOutcome], rule_id: str) -> None:
    o = outcomes[rule_id.split(":")[0]]  # a key rule:variant is a further pair of cases for the rule
    hit = _reports(o.violations)
    assert _rid(rule_id, True) in hit, f"{rule_id} did not fire on its failing case"
    assert _rid(rule_id, False) not in hit, f"{rule_id} fired on its passing case"
    assert _rid(rule_id, True) in o.applicable and _rid(rule_id, False) in o.applicable


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_violations_render_in_both_languages(outcomes: dict[str, RuleOutcome], rule_id: str) -> None:
    o = outcomes[rule_id.split(":")[0]]
    row = next(r for r in o.violations if str(r["report_id"]) == _rid(rule_id, True))
    zh, en = o.rule.render(row)
    assert "{" not in zh + en and zh != en
    for column in ("subject", "stated_value", "computed_value", "difference", "tolerance", "evidence_text",
                   "source_locator"):
        assert column in row
