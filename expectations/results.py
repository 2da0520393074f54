"""Recording rule outcomes: dq_results for every rule x report, and the life of each issue in dq_issues.

An issue id is stable across nights (rule, report key, subject). Each night an issue is seen again (open, or
waived while a waiver for the same values holds), or resolved when the current version of its report no longer
violates the rule. A waiver is keyed to the values it saw; new values lapse it and the issue is open again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

import duckdb
import polars as pl

from expectations.runner import RuleOutcome


@dataclass(frozen=True)
class RecordSummary:
    rules_run: int
    rules_failed: int
    issues_open: int
    issues_new: int
    issues_resolved: int
    waivers_lapsed: int = 0
    rules_errored: tuple[str, ...] = ()  # rules that could not run: nothing they check was judged tonight


def issue_id(rule_id: str, report_key: str, subject: str) -> str:
    """Stable id: the same rule on the same report (any version) and subject keeps its id."""
    return hashlib.sha256(f"{rule_id}|{report_key}|{subject}".encode()).hexdigest()[:16]


def values_key(stated: str | None, computed: str | None) -> str:
    """What a waiver is keyed to besides the issue: the stated and computed values the reviewer saw."""
    return hashlib.sha256(f"{stated}|{computed}".encode()).hexdigest()[:16]


def _str(v: object) -> str | None:
    return None if v is None else str(v)


def add_event(
    con: duckdb.DuckDBPyConnection,
    iid: str,
    run_id: str | None,
    event: str,
    report_id: str | None,
    stated: str | None,
    computed: str | None,
    note: str | None,
    at: datetime,
) -> None:
    """Append one change to an issue's history."""
    con.execute(
        "INSERT INTO dq_issue_events VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [iid, run_id, event, report_id, stated, computed, note, at],
    )


@dataclass
class _Counts:
    new: int = 0
    resolved: int = 0
    lapsed: int = 0


def _status_after_waiver(
    con: duckdb.DuckDBPyConnection, iid: str, vk: str, run_id: str, now: datetime, counts: _Counts
) -> tuple[str, bool]:
    """'waived' while a waiver for these values holds; a waiver for other values lapses (True) and it is open."""
    waiver = con.execute(
        "SELECT values_key FROM dq_waivers WHERE issue_id = ? AND lapsed_at IS NULL ORDER BY waived_at DESC LIMIT 1",
        [iid],
    ).fetchone()
    if waiver is None:
        return "open", False
    if waiver[0] == vk:
        return "waived", False
    con.execute(
        "UPDATE dq_waivers SET lapsed_at = ?, lapsed_run = ? WHERE issue_id = ? AND lapsed_at IS NULL",
        [now, run_id, iid],
    )
    counts.lapsed += 1
    return "open", True


def _upsert_issue(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    now: datetime,
    o: RuleOutcome,
    row: dict[str, object],
    rid: str,
    key: str,
    department: str | None,
    counts: _Counts,
) -> str:
    subject = str(row.get("subject") or "")
    iid = issue_id(o.rule.id, key, subject)
    zh, en = o.rule.render(row)
    stated, computed = _str(row.get("stated_value")), _str(row.get("computed_value"))
    vk = values_key(stated, computed)
    existing = con.execute("SELECT status, values_key FROM core_dq_issues WHERE issue_id = ?", [iid]).fetchone()
    status, lapsed = _status_after_waiver(con, iid, vk, run_id, now, counts)
    values = [
        rid,
        o.rule.severity,
        o.rule.family,
        department,
        zh,
        en,
        stated,
        computed,
        _str(row.get("difference")),
        _str(row.get("tolerance")),
        _str(row.get("evidence_text")),
        _str(row.get("source_locator")),
        vk,
        status,
        _str(row.get("other_locator")),
        _str(row.get("other_evidence")),
    ]
    if existing is None:
        counts.new += 1
        con.execute(
            "INSERT INTO core_dq_issues (issue_id, rule_id, report_key, subject, report_id, severity, family, "
            "department, message_zh, message_en, stated_value, computed_value, difference, tolerance, evidence_text, "
            "source_locator, values_key, status, other_locator, other_evidence, first_seen_run, last_seen_run, "
            "first_seen_at, last_seen_at) VALUES (" + ", ".join(["?"] * 24) + ")",
            [iid, o.rule.id, key, subject, *values, run_id, run_id, now, now],
        )
        add_event(con, iid, run_id, "opened", rid, stated, computed, None, now)
    else:
        con.execute(
            "UPDATE core_dq_issues SET report_id = ?, severity = ?, family = ?, department = ?, message_zh = ?, "
            "message_en = ?, stated_value = ?, computed_value = ?, difference = ?, tolerance = ?, evidence_text = ?, "
            "source_locator = ?, values_key = ?, status = ?, other_locator = ?, other_evidence = ?, "
            "resolved_run = NULL, last_seen_run = ?, "
            "last_seen_at = ? WHERE issue_id = ?",
            [*values, run_id, now, iid],
        )
        if existing[0] == "resolved":
            add_event(con, iid, run_id, "reopened", rid, stated, computed, None, now)
        elif existing[1] is not None and existing[1] != vk:
            add_event(con, iid, run_id, "values_changed", rid, stated, computed, None, now)
    if lapsed:
        add_event(
            con,
            iid,
            run_id,
            "waiver_lapsed",
            rid,
            stated,
            computed,
            "数值已变更，豁免失效 / the values changed, so the waiver lapsed",
            now,
        )
    return iid


def record_outcomes(
    con: duckdb.DuckDBPyConnection, run_id: str, outcomes: list[RuleOutcome], judged: set[str] | None = None
) -> RecordSummary:
    """Write dq_results and carry every issue through its lifecycle, in one transaction.

    ``judged`` names the reports the rules judged tonight (None: every current one); an issue of a report not
    judged keeps its state, and only judged reports get a result row.
    """
    now = datetime.now()
    current = {
        r[0]: (r[1], r[2])
        for r in con.execute("SELECT report_id, report_key, department FROM core_reports WHERE is_current").fetchall()
        if judged is None or r[0] in judged
    }
    current_by_key = {k: rid for rid, (k, _) in current.items()}
    counts = _Counts()
    results: list[tuple[str, str, str, str, int, datetime]] = []  # a row per rule and report, inserted at once
    con.execute("BEGIN TRANSACTION")
    try:
        for o in outcomes:
            if o.error is not None:  # judged nothing: no pass, no resolution, its open issues stay open
                results += [(run_id, o.rule.id, rid, "error", 0, now) for rid in current]
                continue
            seen: set[str] = set()
            failing: dict[str, int] = {}
            for row in o.violations:
                rid = str(row["report_id"])
                if rid not in current:
                    continue
                failing[rid] = failing.get(rid, 0) + 1
                key, department = current[rid]
                seen.add(_upsert_issue(con, run_id, now, o, row, rid, key, department, counts))
            results += [
                (
                    run_id,
                    o.rule.id,
                    rid,
                    "fail" if rid in failing else ("pass" if rid in o.applicable else "not_applicable"),
                    failing.get(rid, 0),
                    now,
                )
                for rid in current
            ]
            # the current version of the issue's report no longer violates the rule: fixed (a waiver stays on
            # record, keyed to its values, should the same figures come back)
            for iid, key in con.execute(
                "SELECT issue_id, report_key FROM core_dq_issues WHERE rule_id = ? AND status IN ('open', 'waived')",
                [o.rule.id],
            ).fetchall():
                if iid not in seen and key in current_by_key:
                    counts.resolved += 1
                    con.execute(
                        "UPDATE core_dq_issues SET status = 'resolved', resolved_run = ? WHERE issue_id = ?",
                        [run_id, iid],
                    )
                    add_event(con, iid, run_id, "resolved", current_by_key[key], None, None, None, now)
        if results:
            frame = pl.DataFrame(
                results, schema=["run_id", "rule_id", "report_id", "status", "failures", "checked_at"], orient="row"
            )
            con.register("_results", frame.to_arrow())
            try:
                con.execute("INSERT INTO dq_results SELECT * FROM _results")
            finally:
                con.unregister("_results")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    open_count = con.execute("SELECT count(*) FROM core_dq_issues WHERE status = 'open'").fetchone()
    failed = sum(1 for o in outcomes if o.violations)
    errored = tuple(sorted(f"{o.rule.id}: {o.error}" for o in outcomes if o.error is not None))
    return RecordSummary(
        len(outcomes),
        failed,
        int(open_count[0]) if open_count else 0,
        counts.new,
        counts.resolved,
        counts.lapsed,
        errored,
    )
