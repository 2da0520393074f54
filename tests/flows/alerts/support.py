"""Small warehouses with data-quality issues for the alert tests: real catalogue rules, violations given by hand."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from expectations.results import RecordSummary, record_outcomes
from expectations.runner import RuleOutcome
from tests.expectations.helpers import add_report, rule_by_id, warehouse

REPO = Path(__file__).resolve().parents[3]


def violation(
    report_id: str,
    stated: str = "1.0073",
    computed: str = "0.9933",
    subject: str = "execution_rate|1",
    locator: str = "r.txt L10",
    evidence: str = "部门预算执行率为100.73%",
) -> dict[str, Any]:
    """One violating row as a rule query returns it."""
    return {
        "report_id": report_id,
        "subject": subject,
        "stated_value": stated,
        "computed_value": computed,
        "difference": str(round(float(stated) - float(computed), 6)),
        "tolerance": "0.00005",
        "evidence_text": evidence,
        "source_locator": locator,
    }


def night(
    con: duckdb.DuckDBPyConnection, run_id: str, rows: list[dict[str, Any]], rule_id: str = "rate_execution"
) -> RecordSummary:
    """Record one night in which ``rule_id`` found ``rows`` (every current report was judged)."""
    current = {r[0] for r in con.execute("SELECT report_id FROM core_reports WHERE is_current").fetchall()}
    return record_outcomes(con, run_id, [RuleOutcome(rule_by_id(rule_id), rows, current)])


def resubmit(con: duckdb.DuckDBPyConnection, old: str, new: str, **meta: Any) -> None:
    """A new version ``new`` of report ``old`` (same report key) becomes current."""
    key, version, department = con.execute(
        "SELECT report_key, version, department FROM core_reports WHERE report_id = ?", [old]
    ).fetchone()  # type: ignore[misc]
    con.execute("UPDATE core_reports SET is_current = false, superseded_by = ? WHERE report_id = ?", [new, old])
    add_report(con, new, report_key=key, version=version + 1, department=department, **meta)


def two_unit_warehouse(path: Path) -> duckdb.DuckDBPyConnection:
    """Two departments' reports, each with one rate issue, recorded as night n1."""
    con = warehouse(path)
    add_report(con, "ra", department="甲县医疗保障局")
    add_report(con, "rb", department="乙县医疗保障局")
    night(con, "n1", [violation("ra"), violation("rb", "0.95", "0.90", evidence="执行率95%")])
    return con
