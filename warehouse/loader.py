"""Loading one report's facts: Arrow bulk inserts through polars, one transaction per report, versioned."""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import Any

import duckdb
import polars as pl

from transforms.document import Locator
from transforms.facts import Evidence, Measure, ReportFacts
from transforms.normalize.text import fold_chars, squash
from transforms.notices import notice, parse

# Test hook (harmless): seconds to sleep inside each report's transaction just before COMMIT, so a test can kill
# the process mid-load. Unset or 0 in production.
PAUSE_ENV = "JIXIAO_LOAD_PAUSE_SECONDS"

FACT_TABLES = (
    "core_evidence",
    "core_budget_lines",
    "core_projects",
    "core_indicators",
    "core_claims",
    "core_scores",
    "core_warnings",
)
_BENJI = re.compile(r"[（(]本级[)）]$")


@dataclass(frozen=True)
class LoadOutcome:
    """What happened to one file: loaded (maybe superseding a version) or skipped, with why."""

    outcome: str  # loaded | skipped
    report_id: str
    report_key: str
    version: int
    superseded: str | None = None
    missing: tuple[str, ...] = ()  # metadata not found (and not assigned): the report loaded incomplete
    reason_zh: str | None = None
    reason_en: str | None = None


def _norm(name: str) -> str:
    """A unit or project name as compared: folded characters, no spaces, no (本级) suffix."""
    return _BENJI.sub("", squash(fold_chars(name)))


def report_key(facts: ReportFacts, sha256: str = "") -> str:
    """Identity across resubmissions: division code, unit, fiscal year and kind (with the project or fund name).

    A report whose unit or year is unknown is keyed to its file, so two unknowns never merge.
    """
    m = facts.meta
    alone = any(parse(w).code == "attachment_without_report" for w in facts.warnings)  # never supersedes a report
    if not m.department or not m.fiscal_year or alone:
        return f"file:{sha256[:16] or '?'}"
    kind = m.report_kind if m.report_kind == "department" else f"{m.report_kind}:{_norm(m.report_subject or '?')}"
    return f"{m.division_code or '?'}|{_norm(m.department)}|{m.fiscal_year}|{kind}"


def _v(x: Any) -> str | None:
    if x is None:
        return None
    if isinstance(x, Decimal):
        return format(x.normalize(), "f")
    return str(x)


def facts_fingerprint(facts: ReportFacts) -> str:
    """Hash of everything the report states (metadata, every fact's values and every stated rate, not where they
    were read).

    The same report in another format gives the same fingerprint; a resubmission that changes any figure, the
    title year or the unit does not.
    """
    m = facts.meta
    meta = [
        _v(x)
        for x in (
            m.department,
            m.province,
            m.city,
            m.county,
            m.division_code,
            m.fiscal_year,
            m.title_year,
            m.filing_date,
            m.self_eval_score,
            m.grade,
            m.report_kind,
            m.report_subject,
        )
    ]
    payload = {
        "meta": meta,
        "budget": sorted({(b.category, b.phase, _v(b.amount_yuan), b.subject or "") for b in facts.budget_lines}),
        "projects": sorted(
            {
                (p.name, _v(p.initial_yuan), _v(p.full_year_yuan), _v(p.executed_yuan), _v(p.score))
                for p in facts.projects
            },
            key=str,
        ),
        "indicators": sorted(
            {
                (
                    i.level3,
                    i.target.raw if i.target else "",
                    i.actual.raw if i.actual else "",
                    _v(i.weight),
                    _v(i.score),
                )
                for i in facts.indicators
            },
            key=str,
        ),
        "scores": sorted({(s.level, s.name, _v(s.weight), _v(s.score)) for s in facts.scores}, key=str),
        "claims": sorted({(c.kind, c.subject or "", _v(c.stated_value)) for c in facts.claims}, key=str),
    }
    return hashlib.sha256(json.dumps(payload, ensure_ascii=False, default=str).encode()).hexdigest()[:32]


def missing_fields(facts: ReportFacts) -> list[str]:
    """The metadata a report needs to join the marts and that was not found."""
    m = facts.meta
    return [
        name
        for name, value in (("department", m.department), ("fiscal_year", m.fiscal_year), ("region", m.province))
        if not value
    ]


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
        "bbox": json.dumps(list(loc.bbox)) if loc.bbox else None,
    }


def _prov(loc: dict[str, Any]) -> dict[str, Any]:
    return {k: loc[k] for k in ("raw_text", "locator", "page", "bbox")}


def _measure(prefix: str, m: Measure | None) -> dict[str, Any]:
    if m is None:
        return {
            f"{prefix}_raw": None,
            f"{prefix}_op": None,
            f"{prefix}_value": None,
            f"{prefix}_unit": None,
            f"{prefix}_qualitative": None,
        }
    return {
        f"{prefix}_raw": m.raw,
        f"{prefix}_op": m.op,
        f"{prefix}_value": _s(m.value),
        f"{prefix}_unit": m.unit,
        f"{prefix}_qualitative": m.qualitative,
    }


def fact_frames(report_id: str, load_id: str, facts: ReportFacts) -> dict[str, pl.DataFrame]:
    """One polars frame per fact table; every value a string or int so DuckDB casts on insert."""
    base = {"report_id": report_id, "load_id": load_id}
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in FACT_TABLES}
    for fld, ev in facts.meta.evidence:
        rows["core_evidence"].append({**base, "field": fld, **_prov(_loc(ev))})
    for i, b in enumerate(facts.budget_lines):
        rows["core_budget_lines"].append(
            {
                **base,
                "line_no": i,
                "category": b.category,
                "phase": b.phase,
                "amount_yuan": _s(b.amount_yuan),
                "unit": b.unit,
                "source": b.source,
                "subject": b.subject,
                "printed": b.printed,
                **_loc(b.evidence),
            }
        )
    for i, p in enumerate(facts.projects):
        loc = _loc(p.evidence)
        rows["core_projects"].append(
            {
                **base,
                "line_no": i,
                "name": p.name,
                "initial_yuan": _s(p.initial_yuan),
                "adjustment_yuan": _s(p.adjustment_yuan),
                "full_year_yuan": _s(p.full_year_yuan),
                "executed_yuan": _s(p.executed_yuan),
                "stated_rate": _s(p.stated_rate),
                "score": _s(p.score),
                "unit": p.unit,
                "funding": p.funding,
                "origin": p.origin,
                "unit_name": p.unit_name,
                "supervisor": p.supervisor,
                "is_total": p.is_total,
                **_prov(loc),
            }
        )
    for i, ind in enumerate(facts.indicators):
        loc = _loc(ind.evidence)
        rows["core_indicators"].append(
            {
                **base,
                "line_no": i,
                "owner": ind.owner,
                "level1": ind.level1,
                "level2": ind.level2,
                "level3": ind.level3,
                "canonical_code": ind.canonical_code,
                **_measure("target", ind.target),
                **_measure("actual", ind.actual),
                "weight": _s(ind.weight),
                "score": _s(ind.score),
                "deviation_note": ind.deviation_note,
                **_prov(loc),
            }
        )
    for i, c in enumerate(facts.claims):
        loc = _loc(c.evidence)
        rows["core_claims"].append(
            {
                **base,
                "line_no": i,
                "kind": c.kind,
                "subject": c.subject,
                "stated_value": _s(c.stated_value),
                "decimals": c.decimals,
                "percent": c.percent,
                "numerator_yuan": _s(c.numerator_yuan),
                "denominator_yuan": _s(c.denominator_yuan),
                "current_yuan": _s(c.current_yuan),
                "previous_yuan": _s(c.previous_yuan),
                "change_yuan": _s(c.change_yuan),
                "numerator_count": _s(c.numerator_count),
                "denominator_count": _s(c.denominator_count),
                **_prov(loc),
            }
        )
    for i, s in enumerate(facts.scores):
        loc = _loc(s.evidence)
        rows["core_scores"].append(
            {
                **base,
                "line_no": i,
                "level": s.level,
                "name": s.name,
                "owner": s.owner,
                "weight": _s(s.weight),
                "score": _s(s.score),
                **_prov(loc),
            }
        )
    for i, w in enumerate(facts.warnings):
        n = parse(w)
        rows["core_warnings"].append({**base, "line_no": i, "code": n.code, "detail": n.detail})
    return {t: pl.DataFrame(r, infer_schema_length=None) for t, r in rows.items() if r}


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
    keep = [c for c in frame.columns if c in cols]
    con.register("_frame", frame.select(keep).to_arrow())
    try:
        con.execute(f"INSERT INTO {table} ({', '.join(keep)}) SELECT {', '.join(keep)} FROM _frame")
    finally:
        con.unregister("_frame")


def _pause_for_tests() -> None:
    seconds = float(os.environ.get(PAUSE_ENV) or 0)
    if seconds > 0:
        time.sleep(seconds)


def _record_submission(
    con: duckdb.DuckDBPyConnection,
    sha256: str,
    report_id: str,
    key: str,
    relation: str,
    source_file: str,
    media_type: str,
    load_id: str,
) -> None:
    con.execute(
        "INSERT INTO core_submissions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [sha256, report_id, key, relation, source_file, media_type, load_id, datetime.now()],
    )


@dataclass(frozen=True)
class Assignment:
    """A reviewer's completion of a file's metadata (``jixiao review assign``)."""

    assignment_id: str
    department: str | None
    fiscal_year: int | None
    province: str | None
    city: str | None
    county: str | None
    division_code: str | None
    assigned_by: str


def assignment_for(con: duckdb.DuckDBPyConnection, sha256: str) -> Assignment | None:
    """The latest assignment made for this file, if any."""
    row = con.execute(
        "SELECT assignment_id, department, fiscal_year, province, city, county, division_code, "
        "assigned_by FROM review_assignments WHERE sha256 = ? ORDER BY assigned_at DESC LIMIT 1",
        [sha256],
    ).fetchall()
    return Assignment(*row[0]) if row else None


def settled_hashes(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Files already received that a new night could not change: no reviewer assignment newer than the one their
    report was loaded with. Such a file is skipped by its hash before it is read."""
    rows = con.execute(
        "SELECT s.sha256 FROM core_submissions s LEFT JOIN core_reports r USING (report_id) "
        "LEFT JOIN (SELECT sha256, arg_max(assignment_id, assigned_at) AS latest FROM review_assignments "
        "GROUP BY sha256) a ON a.sha256 = s.sha256 "
        "WHERE a.latest IS NULL OR a.latest IS NOT DISTINCT FROM r.assignment_id"
    ).fetchall()
    return {r[0] for r in rows}


_ASSIGNED_AWAY = {"department": "department_missing", "fiscal_year": "fiscal_year_missing", "region": "region_missing"}


def apply_assignment(facts: ReportFacts, a: Assignment) -> ReportFacts:
    """The facts with the reviewer's metadata in place of what the extractor found (or did not)."""
    m = facts.meta
    region = a.province is not None
    meta = replace(
        m,
        department=a.department or m.department,
        fiscal_year=a.fiscal_year or m.fiscal_year,
        fiscal_year_source="review" if a.fiscal_year else m.fiscal_year_source,
        province=a.province if region else m.province,
        city=a.city if region else m.city,
        county=a.county if region else m.county,
        division_code=a.division_code if region else m.division_code,
    )
    given = {"department": a.department, "fiscal_year": a.fiscal_year, "region": a.province}
    dropped = {_ASSIGNED_AWAY[k] for k, v in given.items() if v}
    warnings = tuple(w for w in facts.warnings if parse(w).code not in dropped)
    done = ", ".join(k for k, v in given.items() if v)
    return replace(facts, meta=meta, warnings=(*warnings, notice("assigned", f"{done} by {a.assigned_by}")))


def decimal_limits(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, Decimal]]:
    """Per core table, each DECIMAL column's bound: a value must stay below 10^(precision - scale) in magnitude."""
    rows = con.execute(
        "SELECT table_name, column_name, numeric_precision, numeric_scale "
        "FROM information_schema.columns "
        "WHERE table_name LIKE 'core_%' AND data_type LIKE 'DECIMAL%'"
    ).fetchall()
    out: dict[str, dict[str, Decimal]] = {}
    for table, column, precision, scale in rows:
        out.setdefault(table, {})[column] = Decimal(10) ** (int(precision) - int(scale))
    return out


def _over(value: Any, bound: Decimal) -> bool:
    try:
        return value is not None and abs(Decimal(str(value))) >= bound
    except ArithmeticError:
        return True


def fit_frames(frames: dict[str, pl.DataFrame], limits: dict[str, dict[str, Decimal]]) -> list[str]:
    """Blank every figure its column cannot hold (a score of 123456789), in place; one warning each, raw text kept.

    The report still loads with everything else it states; the warning makes it an extraction issue to review.
    """
    notes: list[str] = []
    for table, frame in frames.items():
        bounds = {c: b for c, b in limits.get(table, {}).items() if c in frame.columns}
        if not bounds:
            continue
        raw = frame["raw_text"].to_list() if "raw_text" in frame.columns else [None] * frame.height
        for column, bound in bounds.items():
            values = frame[column].to_list()
            bad = [i for i, v in enumerate(values) if _over(v, bound)]
            for i in bad:
                notes.append(notice("value_out_of_range", f"{column} {values[i]}: {raw[i] or ''}"[:300]))
                values[i] = None
            if bad:
                frame = frame.with_columns(pl.Series(column, values, dtype=frame[column].dtype))
        frames[table] = frame
    return notes


def _place(
    con: duckdb.DuckDBPyConnection,
    facts: ReportFacts,
    *,
    sha256: str,
    source_file: str,
    media_type: str,
    pages: int,
    load_id: str,
    attachments: tuple[str, ...],
    pending: dict[str, list[pl.DataFrame]],
    limits: dict[str, dict[str, Decimal]] | None = None,
) -> LoadOutcome:
    """Decide what the file is and write it; runs inside the caller's transaction. Its fact rows are added to
    ``pending``, for the caller to write table by table for many reports at once."""
    report_id = sha256[:16]
    assigned = assignment_for(con, sha256)
    if assigned is not None:
        facts = apply_assignment(facts, assigned)
        report_id = hashlib.sha256(f"{sha256}|{assigned.assignment_id}".encode()).hexdigest()[:16]
    key = report_key(facts, sha256)
    fp = facts_fingerprint(facts)
    earlier = None  # this very file, loaded before a reviewer completed it
    same = con.execute(
        "SELECT s.source_file, s.report_id, r.version, r.assignment_id FROM core_submissions s "
        "LEFT JOIN core_reports r USING (report_id) WHERE s.sha256 = ?",
        [sha256],
    ).fetchall()  # fetched whole: the connection takes no other statement while a result is open
    same = same[0] if same else None
    if same:
        if assigned is None or same[3] == assigned.assignment_id:
            return LoadOutcome(
                "skipped",
                same[1],
                key,
                same[2] or 0,
                reason_zh=f"内容相同的文件已收到（{same[0]}，第 {same[2]} 版）",
                reason_en=f"a file with the same content was already received ({same[0]}, version {same[2]})",
            )
        earlier = same[1]
    current = con.execute(
        "SELECT report_id, version, facts_fingerprint, source_file FROM core_reports "
        "WHERE report_key = ? AND is_current",
        [key],
    ).fetchall()
    current = current[0] if current else None
    if current and current[2] == fp and earlier is None:
        _record_submission(con, sha256, current[0], key, "other_format", source_file, media_type, load_id)
        return LoadOutcome(
            "skipped",
            current[0],
            key,
            current[1],
            reason_zh=f"同一报告的其他格式已入库（{current[3]}，第 {current[1]} 版）",
            reason_en=f"the same report is already loaded in another format ({current[3]}, version {current[1]})",
        )
    now = datetime.now()
    version = 1
    superseded = None
    if current:
        last = con.execute("SELECT max(version) FROM core_reports WHERE report_key = ?", [key]).fetchall()[0]
        version = int(last[0] if last[0] is not None else current[1]) + 1
        superseded = current[0]
    for old in {x for x in (superseded, earlier) if x}:
        con.execute(
            "UPDATE core_reports SET is_current = false, superseded_by = ?, superseded_at = ? "
            "WHERE report_id = ? AND is_current",
            [report_id, now, old],
        )
    superseded = superseded or earlier
    m = facts.meta
    missing = missing_fields(facts)
    limits = limits if limits is not None else decimal_limits(con)
    frames = fact_frames(report_id, load_id, facts)
    notes = fit_frames(frames, limits)
    score = m.self_eval_score
    if _over(score, limits["core_reports"]["self_eval_score"]):
        raw = next((e.raw_text for f, e in m.evidence if f == "self_eval_score"), "")
        notes.append(notice("value_out_of_range", f"self_eval_score {score}: {raw}"[:300]))
        score = None
    warnings = [*facts.warnings, *notes]
    if notes:
        start = len(facts.warnings)
        extra = pl.DataFrame(
            [
                {
                    "report_id": report_id,
                    "load_id": load_id,
                    "line_no": start + i,
                    "code": parse(n).code,
                    "detail": parse(n).detail,
                }
                for i, n in enumerate(notes)
            ]
        )
        frames["core_warnings"] = (
            pl.concat([frames["core_warnings"], extra], how="diagonal_relaxed") if "core_warnings" in frames else extra
        )
    con.execute(
        "INSERT INTO core_reports (report_id, report_key, version, is_current, facts_fingerprint, load_id, "
        "source_file, sha256, media_type, pages, attachments, department, unit, province, city, county, "
        "division_code, admin_level, fiscal_year, title_year, fiscal_year_source, filing_date, preparer, phone, "
        "self_eval_score, grade_stated, report_kind, warnings, loaded_at, incomplete, missing_fields, "
        "report_subject, assignment_id) "
        "VALUES (?, ?, ?, true, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            report_id,
            key,
            version,
            fp,
            load_id,
            source_file,
            sha256,
            media_type,
            pages,
            json.dumps(list(attachments), ensure_ascii=False),
            m.department,
            m.unit,
            m.province,
            m.city,
            m.county,
            m.division_code,
            m.admin_level,
            m.fiscal_year,
            m.title_year,
            m.fiscal_year_source,
            m.filing_date,
            m.preparer,
            m.phone,
            score,
            m.grade,
            m.report_kind,
            json.dumps(warnings, ensure_ascii=False),
            now,
            bool(missing),
            json.dumps(missing),
            m.report_subject,
            assigned.assignment_id if assigned else None,
        ],
    )
    if earlier:
        con.execute(
            "UPDATE core_submissions SET report_id = ?, report_key = ? WHERE sha256 = ?", [report_id, key, sha256]
        )
    else:
        _record_submission(con, sha256, report_id, key, "version", source_file, media_type, load_id)
    for table, frame in frames.items():
        pending.setdefault(table, []).append(frame)
    return LoadOutcome("loaded", report_id, key, version, superseded, tuple(missing))


def load_report(
    con: duckdb.DuckDBPyConnection,
    facts: ReportFacts,
    *,
    sha256: str,
    source_file: str,
    media_type: str,
    pages: int,
    load_id: str,
    attachments: tuple[str, ...] = (),
    log: Callable[[LoadOutcome], None] | None = None,
    limits: dict[str, dict[str, Decimal]] | None = None,
) -> LoadOutcome:
    """Load one report in one transaction: skip what is already there, supersede an older version.

    ``log`` runs inside the same transaction, so the file's ingest record commits (or vanishes) with its facts.
    ``limits`` (decimal_limits) may be read once for a batch.
    """
    one = ReportFile(facts, sha256, source_file, media_type, pages, attachments)
    return load_reports(
        con, [one], load_id=load_id, log=(lambda _, out: log(out)) if log is not None else None, limits=limits
    )[0]


@dataclass(frozen=True)
class ReportFile:
    """One extracted report file to load, with what the loader records of its file."""

    facts: ReportFacts
    sha256: str
    source_file: str
    media_type: str
    pages: int
    attachments: tuple[str, ...] = ()


def load_reports(
    con: duckdb.DuckDBPyConnection,
    files: list[ReportFile],
    *,
    load_id: str,
    log: Callable[[ReportFile, LoadOutcome], None] | None = None,
    limits: dict[str, dict[str, Decimal]] | None = None,
) -> list[LoadOutcome]:
    """Load many reports in one transaction, each table's new rows written once for all of them.

    A report's lookups see the reports placed before it in the batch, so versions and skips come out as they do one
    report at a time (load_report), some five times faster. Any error rolls the whole batch back and is raised: the
    caller then loads the reports one at a time, so that one bad report is kept aside alone.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        pending: dict[str, list[pl.DataFrame]] = {}
        outcomes = []
        for f in files:
            out = _place(
                con,
                f.facts,
                sha256=f.sha256,
                source_file=f.source_file,
                media_type=f.media_type,
                pages=f.pages,
                load_id=load_id,
                attachments=f.attachments,
                limits=limits,
                pending=pending,
            )
            if log is not None:
                log(f, out)
            outcomes.append(out)
        for table, frames in pending.items():
            _insert(con, table, pl.concat(frames, how="diagonal_relaxed"))
        _pause_for_tests()
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return outcomes
