"""The reviewer's side of data-quality issues: list them, show one with its history, waive one with a reason."""

from __future__ import annotations

import getpass
import hashlib
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from warehouse.db import records

if TYPE_CHECKING:
    import duckdb

LIST_SQL = (Path(__file__).parent / "review_issues.sql").read_text(encoding="utf-8")
STATUSES = ("unresolved", "open", "waived", "resolved", "all")  # unresolved = open or waived
SEVERITIES = ("error", "warning", "info")

# Why a reviewer may set an issue aside; the code is stored, the labels are shown.
REASONS: dict[str, tuple[str, str]] = {
    "known_rounding": ("已知的四舍五入差异", "known rounding difference"),
    "source_typo_confirmed": ("已核实为报告原文笔误", "typo in the report, confirmed with the unit"),
    "extraction_error": ("抽取错误，报告原文无误", "extraction error; the report itself is right"),
    "accepted_by_reviewer": ("审核人认可该差异", "difference accepted by the reviewer"),
    "rule_not_applicable": ("该规则不适用于此报告", "the rule does not apply to this report"),
}


class ReviewError(Exception):
    """A reviewer's mistake (unknown issue, unknown reason code), told in Chinese and English."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh, self.en = zh, en


def _with_readable_values(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add stated/computed/difference/tolerance as a reviewer reads them (percent, 万元), per the rule's format."""
    from expectations.catalogue import format_value, load_rules

    formats = {r.id: r.value_format for r in load_rules()}
    for row in rows:
        kind = formats.get(row["rule_id"], "number")
        for k in ("stated", "computed", "difference", "tolerance"):
            row[k] = format_value(row[f"{k}_value" if k in ("stated", "computed") else k], kind)
    return rows


def list_issues(
    con: duckdb.DuckDBPyConnection, status: str = "unresolved", severity: str | None = None, report: str | None = None
) -> list[dict[str, Any]]:
    """Issues by status, most severe first; the default lists open and waived ones together."""
    if status not in STATUSES:
        raise ReviewError(
            f"未知状态 {status}（可用：{'、'.join(STATUSES)}）",
            f"unknown status {status} (use one of {', '.join(STATUSES)})",
        )
    if severity is not None and severity not in SEVERITIES:
        raise ReviewError(f"未知严重程度 {severity}", f"unknown severity {severity} (use {', '.join(SEVERITIES)})")
    return _with_readable_values(
        records(con.execute(LIST_SQL, {"status": status, "severity": severity, "report": report}))
    )


def resolve_issue_id(con: duckdb.DuckDBPyConnection, given: str) -> str:
    """The full issue id for an id or a unique prefix of at least six characters."""
    given = given.strip().lower()
    if len(given) < 6:
        raise ReviewError(f"问题编号太短：{given}（至少 6 位）", f"issue id too short: {given} (6 characters at least)")
    ids = [
        r[0]
        for r in con.execute("SELECT issue_id FROM core_dq_issues WHERE starts_with(issue_id, ?)", [given]).fetchall()
    ]
    if not ids:
        raise ReviewError(f"没有编号为 {given} 的问题", f"no issue with id {given}")
    if len(ids) > 1:
        raise ReviewError(
            f"编号 {given} 对应多个问题，请写全", f"id {given} matches {len(ids)} issues; give more of it"
        )
    return str(ids[0])


def show_issue(con: duckdb.DuckDBPyConnection, given: str) -> dict[str, Any]:
    """One issue with its report, waivers, alerts sent and the history of its changes."""
    iid = resolve_issue_id(con, given)
    issue = _with_readable_values(
        records(
            con.execute(
                "SELECT i.*, r.department AS report_department, r.source_file, r.version, r.fiscal_year "
                "FROM core_dq_issues i LEFT JOIN core_reports r ON r.report_id = i.report_id WHERE i.issue_id = ?",
                [iid],
            )
        )
    )[0]
    issue["waivers"] = records(
        con.execute(
            "SELECT reason_code, note, waived_by, waived_at, lapsed_at, lapsed_run FROM dq_waivers WHERE issue_id = ? "
            "ORDER BY waived_at",
            [iid],
        )
    )
    issue["alerts"] = records(
        con.execute(
            "SELECT run_id, audience, channel, sent_at FROM dq_alert_log WHERE issue_id = ? ORDER BY sent_at", [iid]
        )
    )
    issue["history"] = records(
        con.execute(
            "SELECT happened_at, run_id, event, report_id, stated_value, computed_value, note FROM dq_issue_events "
            "WHERE issue_id = ? ORDER BY happened_at, rowid",
            [iid],
        )
    )
    return issue


def waive(con: duckdb.DuckDBPyConnection, given: str, reason: str, note: str, by: str | None = None) -> str:
    """Waive an open (or re-waive a waived) issue for the values it shows now; return its id."""
    from expectations.results import add_event, values_key

    if reason not in REASONS:
        codes = ", ".join(f"{c} ({zh} / {en})" for c, (zh, en) in REASONS.items())
        raise ReviewError(
            f"未知的豁免理由代码 {reason}；可用：{codes}", f"unknown reason code {reason}; use one of: {codes}"
        )
    iid = resolve_issue_id(con, given)
    row = con.execute(
        "SELECT status, values_key, report_id, stated_value, computed_value FROM core_dq_issues WHERE issue_id = ?",
        [iid],
    ).fetchone()
    assert row is not None
    status, vk, report_id, stated, computed = row
    if status == "resolved":
        raise ReviewError(f"问题 {iid} 已解决，无需豁免", f"issue {iid} is resolved; there is nothing to waive")
    now = datetime.now()
    who = by or getpass.getuser()
    con.execute("BEGIN TRANSACTION")
    try:
        # a new waiver replaces the one that held
        con.execute("UPDATE dq_waivers SET lapsed_at = ? WHERE issue_id = ? AND lapsed_at IS NULL", [now, iid])
        con.execute(
            "INSERT INTO dq_waivers (issue_id, values_key, reason_code, note, waived_by, waived_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [iid, vk or values_key(stated, computed), reason, note, who, now],
        )
        con.execute("UPDATE core_dq_issues SET status = 'waived' WHERE issue_id = ?", [iid])
        add_event(con, iid, None, "waived", report_id, stated, computed, f"{reason} ({who}): {note}", now)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return iid


def assign(
    con: duckdb.DuckDBPyConnection,
    report: str,
    *,
    department: str | None,
    fiscal_year: int | None,
    region: tuple[str | None, str | None, str | None, str | None] | None,
    note: str,
    by: str | None = None,
) -> tuple[str, str]:
    """Store a reviewer's metadata for a report's file; the next run loads it as a new version with it applied.

    ``report`` is a report id or a source file name; returns (assignment id, the file it applies to).
    """
    if not (department or fiscal_year or region):
        raise ReviewError(
            "请至少给出 --department、--year 或 --region 之一", "give at least one of --department, --year or --region"
        )
    row = con.execute(
        "SELECT sha256, source_file FROM core_reports WHERE report_id = ? OR source_file = ? "
        "ORDER BY is_current DESC, loaded_at DESC LIMIT 1",
        [report, report],
    ).fetchone()
    if row is None:
        raise ReviewError(f"找不到报告 {report}", f"no report {report} (give a report id or a source file name)")
    if fiscal_year is not None and not 2000 <= fiscal_year <= datetime.now().year:
        raise ReviewError(f"年度 {fiscal_year} 不合理", f"fiscal year {fiscal_year} is not plausible")
    now = datetime.now()
    aid = hashlib.sha256(f"{row[0]}|{now.isoformat()}".encode()).hexdigest()[:12]
    province, city, county, code = region or (None, None, None, None)
    con.execute(
        "INSERT INTO review_assignments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [aid, row[0], department, fiscal_year, province, city, county, code, note, by or getpass.getuser(), now],
    )
    return aid, str(row[1])
