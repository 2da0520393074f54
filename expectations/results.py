"""Recording rule outcomes: dq_results for every rule x report, dq_issues with ids stable across nights."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

import duckdb

from expectations.runner import RuleOutcome


@dataclass(frozen=True)
class RecordSummary:
    rules_run: int
    rules_failed: int
    issues_open: int
    issues_new: int
    issues_resolved: int


def issue_id(rule_id: str, report_key: str, subject: str) -> str:
    """Stable id: the same rule on the same report (any version) and subject keeps its id."""
    return hashlib.sha256(f"{rule_id}|{report_key}|{subject}".encode()).hexdigest()[:16]


def _str(v: object) -> str | None:
    return None if v is None else str(v)


def record_outcomes(con: duckdb.DuckDBPyConnection, run_id: str, outcomes: list[RuleOutcome]) -> RecordSummary:
    """Write dq_results and upsert dq_issues in one transaction."""
    now = datetime.now()
    current = {r[0]: r[1] for r in con.execute(
        "SELECT report_id, report_key FROM core_reports WHERE is_current").fetchall()}
    new = resolved = 0
    seen: set[str] = set()
    con.execute("BEGIN TRANSACTION")
    try:
        for o in outcomes:
            failing: dict[str, int] = {}
            for row in o.violations:
                rid = str(row["report_id"])
                if rid not in current:
                    continue
                failing[rid] = failing.get(rid, 0) + 1
                subject = str(row.get("subject") or "")
                iid = issue_id(o.rule.id, current[rid], subject)
                seen.add(iid)
                zh, en = o.rule.render(row)
                existing = con.execute("SELECT status FROM core_dq_issues WHERE issue_id = ?", [iid]).fetchone()
                values = [rid, o.rule.severity, zh, en, _str(row.get("stated_value")), _str(row.get("computed_value")),
                          _str(row.get("difference")), _str(row.get("tolerance")), _str(row.get("evidence_text")),
                          _str(row.get("source_locator"))]
                if existing is None:
                    new += 1
                    con.execute(
                        "INSERT INTO core_dq_issues (issue_id, rule_id, report_id, report_key, subject, severity, "
                        "message_zh, message_en, stated_value, computed_value, difference, tolerance, evidence_text, "
                        "source_locator, status, first_seen_run, last_seen_run, first_seen_at, last_seen_at) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?)",
                        [iid, o.rule.id, rid, current[rid], subject, *values[1:], run_id, run_id, now, now])
                else:
                    status = "open" if existing[0] == "resolved" else existing[0]
                    con.execute(
                        "UPDATE core_dq_issues SET report_id = ?, severity = ?, message_zh = ?, message_en = ?, "
                        "stated_value = ?, computed_value = ?, difference = ?, tolerance = ?, evidence_text = ?, "
                        "source_locator = ?, status = ?, last_seen_run = ?, last_seen_at = ? WHERE issue_id = ?",
                        [*values, status, run_id, now, iid])
            for rid in current:
                status = "fail" if rid in failing else ("pass" if rid in o.applicable else "not_applicable")
                con.execute("INSERT INTO dq_results VALUES (?, ?, ?, ?, ?, ?)",
                            [run_id, o.rule.id, rid, status, failing.get(rid, 0), now])
            # an open issue of this rule on a current report that no longer violates it is resolved
            for iid, rid in con.execute(
                    "SELECT issue_id, report_id FROM core_dq_issues WHERE rule_id = ? AND status = 'open'",
                    [o.rule.id]).fetchall():
                key_current = con.execute("SELECT report_key FROM core_reports WHERE report_id = ?", [rid]).fetchone()
                if iid not in seen and key_current is not None:
                    resolved += 1
                    con.execute("UPDATE core_dq_issues SET status = 'resolved', last_seen_run = ?, last_seen_at = ? "
                                "WHERE issue_id = ?", [run_id, now, iid])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    open_count = con.execute("SELECT count(*) FROM core_dq_issues WHERE status = 'open'").fetchone()
    failed = sum(1 for o in outcomes if o.violations)
    return RecordSummary(len(outcomes), failed, int(open_count[0]) if open_count else 0, new, resolved)
