"""Loading one report's facts: Arrow bulk inserts through polars, one transaction per report, versioned."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

import duckdb
import polars as pl

from transforms.document import Locator
from transforms.facts import Evidence, Measure, ReportFacts

FACT_TABLES = ("core_evidence", "core_budget_lines", "core_projects", "core_indicators", "core_claims", "core_scores")


@dataclass(frozen=True)
class LoadOutcome:
    """What happened to one file: loaded (maybe superseding a version) or skipped, with why."""

    outcome: str  # loaded | skipped
    report_id: str
    report_key: str
    version: int
    superseded: str | None = None
    reason_zh: str | None = None
    reason_en: str | None = None


def report_key(facts: ReportFacts) -> str:
    """Identity of a report across resubmissions: division code, department, fiscal year and kind."""
    m = facts.meta
    return f"{m.division_code or '?'}|{m.department or '?'}|{m.fiscal_year or '?'}|{m.report_kind}"


def facts_fingerprint(facts: ReportFacts) -> str:
    """Hash of the figures that make a report what it is, so the same report in two formats is seen as one."""
    m = facts.meta
    lines = sorted(f"{b.category}|{b.phase}|{b.amount_yuan.normalize()}" for b in facts.budget_lines
                   if b.source == "table")
    payload = [report_key(facts), str(m.self_eval_score), lines]
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode()).hexdigest()[:32]


def _s(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, Decimal):
        return format(v.normalize(), "f") if v == v.to_integral_value() else format(v, "f")
    return str(v)


def _loc(ev: Evidence) -> dict[str, Any]:
    loc: Locator = ev.locator
    return {
        "raw_text": ev.raw_text,
        "locator": loc.render(),
        "page": loc.page,
        "line_start": loc.line_start,
        "table_no": loc.table,
        "row_no": loc.row,
        "col_no": loc.col,
    }


def _measure(prefix: str, m: Measure | None) -> dict[str, Any]:
    if m is None:
        return {f"{prefix}_raw": None, f"{prefix}_op": None, f"{prefix}_value": None, f"{prefix}_unit": None,
                f"{prefix}_qualitative": None}
    return {f"{prefix}_raw": m.raw, f"{prefix}_op": m.op, f"{prefix}_value": _s(m.value), f"{prefix}_unit": m.unit,
            f"{prefix}_qualitative": m.qualitative}


def fact_frames(report_id: str, load_id: str, facts: ReportFacts) -> dict[str, pl.DataFrame]:
    """One polars frame per fact table; every value a string or int so DuckDB casts on insert."""
    base = {"report_id": report_id, "load_id": load_id}
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in FACT_TABLES}
    for fld, ev in facts.meta.evidence:
        rows["core_evidence"].append({**base, "field": fld, "raw_text": ev.raw_text, "locator": ev.locator.render()})
    for i, b in enumerate(facts.budget_lines):
        rows["core_budget_lines"].append({**base, "line_no": i, "category": b.category, "phase": b.phase,
                                          "amount_yuan": _s(b.amount_yuan), "unit": b.unit, "source": b.source,
                                          "subject": b.subject, **_loc(b.evidence)})
    for i, p in enumerate(facts.projects):
        loc = _loc(p.evidence)
        rows["core_projects"].append({**base, "line_no": i, "name": p.name, "initial_yuan": _s(p.initial_yuan),
                                      "adjustment_yuan": _s(p.adjustment_yuan), "full_year_yuan": _s(p.full_year_yuan),
                                      "executed_yuan": _s(p.executed_yuan), "stated_rate": _s(p.stated_rate),
                                      "score": _s(p.score), "unit": p.unit, "funding": p.funding,
                                      "raw_text": loc["raw_text"], "locator": loc["locator"]})
    for i, ind in enumerate(facts.indicators):
        loc = _loc(ind.evidence)
        rows["core_indicators"].append({**base, "line_no": i, "owner": ind.owner, "level1": ind.level1,
                                        "level2": ind.level2, "level3": ind.level3,
                                        "canonical_code": ind.canonical_code, **_measure("target", ind.target),
                                        **_measure("actual", ind.actual), "weight": _s(ind.weight),
                                        "score": _s(ind.score), "deviation_note": ind.deviation_note,
                                        "raw_text": loc["raw_text"], "locator": loc["locator"]})
    for i, c in enumerate(facts.claims):
        loc = _loc(c.evidence)
        rows["core_claims"].append({**base, "line_no": i, "kind": c.kind, "subject": c.subject,
                                    "stated_value": _s(c.stated_value), "decimals": c.decimals, "percent": c.percent,
                                    "numerator_yuan": _s(c.numerator_yuan),
                                    "denominator_yuan": _s(c.denominator_yuan),
                                    "raw_text": loc["raw_text"], "locator": loc["locator"]})
    for i, s in enumerate(facts.scores):
        loc = _loc(s.evidence)
        rows["core_scores"].append({**base, "line_no": i, "level": s.level, "name": s.name, "owner": s.owner,
                                    "weight": _s(s.weight), "score": _s(s.score), "raw_text": loc["raw_text"],
                                    "locator": loc["locator"]})
    return {t: pl.DataFrame(r, infer_schema_length=None) for t, r in rows.items() if r}


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
    keep = [c for c in frame.columns if c in cols]
    con.register("_frame", frame.select(keep).to_arrow())
    try:
        con.execute(f"INSERT INTO {table} ({', '.join(keep)}) SELECT {', '.join(keep)} FROM _frame")
    finally:
        con.unregister("_frame")


def load_report(con: duckdb.DuckDBPyConnection, facts: ReportFacts, *, sha256: str, source_file: str,
                media_type: str, pages: int, load_id: str, attachments: tuple[str, ...] = ()) -> LoadOutcome:
    """Load one report in one transaction: skip what is already there, supersede an older version."""
    report_id = sha256[:16]
    key = report_key(facts)
    fp = facts_fingerprint(facts)
    con.execute("BEGIN TRANSACTION")
    try:
        same = con.execute("SELECT source_file FROM core_reports WHERE sha256 = ?", [sha256]).fetchone()
        if same:
            con.execute("ROLLBACK")
            return LoadOutcome("skipped", report_id, key, 0, reason_zh=f"内容相同的文件已入库（{same[0]}）",
                               reason_en=f"same content already loaded ({same[0]})")
        current = con.execute(
            "SELECT report_id, version, facts_fingerprint, source_file FROM core_reports "
            "WHERE report_key = ? AND is_current", [key]).fetchone()
        if current and current[2] == fp:
            con.execute("ROLLBACK")
            return LoadOutcome("skipped", current[0], key, current[1],
                               reason_zh=f"同一报告的其他格式已入库（{current[3]}）",
                               reason_en=f"the same report is already loaded in another format ({current[3]})")
        version = 1
        superseded = None
        if current:
            version = int(current[1]) + 1
            superseded = current[0]
            con.execute("UPDATE core_reports SET is_current = false, superseded_by = ? WHERE report_id = ?",
                        [report_id, superseded])
        m = facts.meta
        con.execute(
            "INSERT INTO core_reports (report_id, report_key, version, is_current, facts_fingerprint, load_id, "
            "source_file, sha256, media_type, pages, attachments, department, unit, province, city, county, "
            "division_code, admin_level, fiscal_year, title_year, fiscal_year_source, filing_date, preparer, phone, "
            "self_eval_score, grade_stated, report_kind, warnings, loaded_at) "
            "VALUES (?, ?, ?, true, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [report_id, key, version, fp, load_id, source_file, sha256, media_type, pages,
             json.dumps(list(attachments), ensure_ascii=False), m.department, m.unit, m.province, m.city, m.county,
             m.division_code, m.admin_level, m.fiscal_year, m.title_year, m.fiscal_year_source, m.filing_date,
             m.preparer, m.phone, m.self_eval_score, m.grade, m.report_kind,
             json.dumps(list(facts.warnings), ensure_ascii=False), datetime.now()],
        )
        for table, frame in fact_frames(report_id, load_id, facts).items():
            _insert(con, table, frame)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return LoadOutcome("loaded", report_id, key, version, superseded)
