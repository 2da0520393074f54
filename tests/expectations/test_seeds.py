"""Acceptance on the five real reports: every inconsistency found by reading them is flagged with its severity,
no error or warning fires outside that list, and figures that do add up (within printed precision) pass."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from flows.nightly import nightly

# (county or city, rule, severity, part of the subject) — found by reading the seeds by hand
EXPECTED: list[tuple[str, str, str, str]] = [
    ("门头沟区", "rate_execution", "error", "execution_rate|total"),  # 100.73% vs 17706.61 / 17826.29 = 99.33%
    ("门头沟区", "rate_share_over_100", "error", "年初全部项目支出预算"),  # 112.22% of the project budget
    ("门头沟区", "consistency_amount_restated", "warning", "total|adjusted"),  # 全年支出预算数 17706.61 vs 17826.29
    ("门头沟区", "rate_scale_unmarked", "warning", "control_rate|vehicle"),  # 50.22 in a 4=3/2 column
    ("大埔县", "completeness_three_public_over_budget", "warning", "three_public"),  # 21.70 spent of 3 budgeted
    ("大埔县", "consistency_amount_restated", "warning", "total|executed"),  # 支出决算数 177.87 vs 11,429.51
    ("承德市", "consistency_title_year", "error", "title_year"),  # title 2023, body 2022
    ("承德市", "sums_count_parts", "error", "参保|万人"),  # 326.68 万人 vs 50.6 + 273.74 = 324.34
    ("浮梁县", "consistency_project_figures", "error", "城乡居民基本医疗保险|score"),  # text 95, tables 97
    ("浮梁县", "consistency_project_figures", "error", "困难企业职工基本医疗保险|score"),  # text 95, tables 96
    ("浮梁县", "consistency_project_figures", "error", "城乡医疗救助|full_year"),  # project table 466 vs 919.085
    ("浮梁县", "consistency_project_figures", "error", "城乡医疗救助|executed"),  # project table 466 vs 919.085
    ("浮梁县", "consistency_project_figures", "error", "困难企业职工基本医疗保险|full_year"),  # 1000 vs 1301.56
    ("浮梁县", "rate_project_execution", "error", "困难企业职工基本医疗保险"),  # 100% vs 1301.56 / 1000
    ("浮梁县", "scores_weights_exceed_full_mark", "error", "weights|department"),  # table rows weigh 122 of 100
    ("浮梁县", "targets_text_actual_missed", "error", "两定机构数量"),  # text 291 家, target 310家 marked 达成
    ("浮梁县", "consistency_amount_restated", "warning", "project|adjusted"),  # 2697.67 vs projects' 4483.925
    ("浮梁县", "consistency_year_of_figure", "warning", "previous"),  # "2020 年" over the 2021 figures
    ("浮梁县", "consistency_period_year", "warning", "2020 年全年"),  # the same sentence: 2020 年全年支出执行数
    ("浮梁县", "targets_missed", "info", ">50%"),  # 补偿比 target >50%, actual 50%
    ("浮梁县", "targets_missed", "info", ">2次"),  # 政策宣传 target >2次, actual 2次
    ("浮梁县", "targets_quantitative_unreported", "info", "department"),  # 达成 for numeric targets
    ("资阳区", "rate_staff_control", "error", "staff"),  # 控制率 100% vs 17 / 20 = 85%
    ("资阳区", "targets_missed", "info", "参保率"),  # 98.65% of a 100% target, score 7 of 8
]

# (county or city, rule): consistent figures the rules recompute and must pass
PASSING: list[tuple[str, str]] = [
    ("承德市", "balance_carryover"),  # 57.25 + 2515.17 − 2534.09 = 38.33
    ("承德市", "sums_basic_project_total"),  # 1651.40 + 882.69 = 2534.09
    ("承德市", "sums_personnel_public_basic"),  # 1569.30 + 82.10 = 1651.40
    ("门头沟区", "sums_total_row"),  # 17706.61 + 119.69 = 17826.3 as printed
    ("门头沟区", "rate_share"),  # 6.83% / 93.17% and 6.88% / 93.12%
    ("门头沟区", "rate_carryover"),  # 0.68% and 1.71% over the operands the sentence names
    ("大埔县", "rate_growth"),  # 94.07% within the rounding of 199.88 / (412.38 − 199.88)
    ("大埔县", "rate_decline"),  # 54.58% and 55.85%
    ("大埔县", "sums_basic_project_total"),  # 412.38 + 11,017.13 = 11,429.51
    ("大埔县", "scores_children_sum"),  # 30 + 36 + 26 = 92 and every sub-score under its level
    ("资阳区", "rate_execution"),  # 351.44 / 359.98 = 97.63%
    ("资阳区", "scores_indicators_sum_total"),  # indicator scores add up to 96
]


@pytest.fixture(scope="module")
def issues(prefect_harness: None, seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list]:
    tmp = tmp_path_factory.mktemp("seeds")
    inbox = tmp / "inbox"
    shutil.copytree(seeds_dir, inbox)
    db = tmp / "w.duckdb"
    nightly(inbox=str(inbox), db=str(db))
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "SELECT coalesce(r.county, r.city), i.rule_id, i.severity, i.subject FROM core_dq_issues i "
            "JOIN core_reports r USING (report_id) WHERE i.status = 'open'"
        ).fetchall()
        results = con.execute(
            "SELECT coalesce(r.county, r.city), d.rule_id, d.status FROM dq_results d "
            "JOIN core_reports r USING (report_id)"
        ).fetchall()
    finally:
        con.close()
    return {"issues": rows, "results": results}


def _matches(issue: tuple, expected: tuple[str, str, str, str]) -> bool:
    place, rule, severity, subject = expected
    return issue[0] == place and issue[1] == rule and issue[2] == severity and subject in (issue[3] or "")


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda e: f"{e[0]}-{e[1]}-{e[3]}")
def test_every_inconsistency_found_by_hand_is_flagged(issues: dict[str, list], expected: tuple) -> None:
    assert any(_matches(i, expected) for i in issues["issues"]), f"not flagged: {expected}"


def test_no_error_or_warning_outside_the_list(issues: dict[str, list]) -> None:
    stray = [i for i in issues["issues"] if i[2] in ("error", "warning") and not any(_matches(i, e) for e in EXPECTED)]
    assert stray == []


@pytest.mark.parametrize("place_rule", PASSING, ids=lambda p: f"{p[0]}-{p[1]}")
def test_consistent_figures_are_checked_and_pass(issues: dict[str, list], place_rule: tuple[str, str]) -> None:
    statuses = {s for p, r, s in issues["results"] if (p, r) == place_rule}
    assert statuses == {"pass"}, f"{place_rule}: {statuses}"
