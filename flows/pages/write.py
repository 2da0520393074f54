"""Writing the pages beside the published snapshot: data/published/dashboard.html and review.html (stable paths),
with the crops the review page shows in data/published/crops/."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import duckdb

from flows.alerts.crops import find_source
from flows.alerts.digest import Entry, issue_entries, places_of
from flows.alerts.run import render_crops
from flows.pages.dashboard import render_dashboard
from flows.pages.excerpts import ExcerptLine, source_excerpt
from flows.pages.review import render_review
from transforms.document import Document
from transforms.readers import read_document
from transforms.readers.errors import QuarantineError
from warehouse.db import records
from warehouse.exports import write_atomic

_BY_RULE = "SELECT rule_id, count(*) FROM dq_issues WHERE status = 'open' GROUP BY ALL"
_BY_REGION = (
    "SELECT coalesce(r.province, '未能确定地区 unresolved'), count(*) FROM dq_issues i "
    "JOIN reports r USING (report_id) WHERE i.status = 'open' GROUP BY ALL"
)


def page_paths(target: Path) -> tuple[Path, Path]:
    """Where the dashboard and the review page are written (stable paths people bookmark)."""
    return target / "dashboard.html", target / "review.html"


def _excerpts(entries: list[Entry], inbox: Path, cache: Path) -> tuple[dict[str, list[ExcerptLine]], list[str]]:
    """The lines around each DOCX, text or workbook issue's evidence, read again from its file in the inbox.

    Lines found on an earlier night are kept in ``cache`` by the file's content and the locator, so a night reads
    again only the files of issues it has not shown before.
    """
    try:
        known: dict[str, list[list[Any]]] = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    docs: dict[str, Document | None] = {}
    out: dict[str, list[ExcerptLine]] = {}
    kept: dict[str, list[list[Any]]] = {}
    problems: list[str] = []
    for e in entries:
        key = f"{e.sha256}|{e.locator}"
        if e.sha256 and key in known:
            kept[key] = known[key]
            if known[key]:
                out[e.issue_id] = [ExcerptLine(str(t), bool(h), bool(hd)) for t, h, hd in known[key]]
            continue
        if e.report_id not in docs:
            source = find_source(inbox, e.source_file, e.sha256)
            try:
                docs[e.report_id] = read_document(source) if source else None
            except QuarantineError as exc:
                docs[e.report_id] = None
                problems.append(f"excerpt {e.issue_id}: {exc.reason_en}")
            if source is None:
                problems.append(
                    f"excerpt {e.issue_id}: 收件箱中找不到原件 source file not in the inbox: {e.source_file}"
                )
        doc = docs[e.report_id]
        if doc is None:
            continue  # not cached: the file may be back in the inbox tomorrow
        lines = source_excerpt(doc, e.locator)
        if lines:
            out[e.issue_id] = lines
        if e.sha256:
            kept[key] = [[x.text, x.hit, x.header] for x in lines]
    write_atomic(cache, lambda p: p.write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8"))
    return out, problems


_OPERANDS = (
    "SELECT numerator_yuan, denominator_yuan, numerator_count, denominator_count FROM core_claims "
    "WHERE report_id = ? AND locator = ? AND (numerator_yuan IS NOT NULL OR numerator_count IS NOT NULL) "
    "ORDER BY line_no LIMIT 1"
)


def _operands(con: duckdb.DuckDBPyConnection, entries: list[Entry]) -> dict[str, str]:
    """For a recomputed rate, the two figures it was recomputed from, as the report printed them (万元 or counts)."""
    out: dict[str, str] = {}
    for e in entries:
        if not e.rule_id.startswith("rate_"):
            continue
        row = con.execute(_OPERANDS, [e.report_id, e.locator]).fetchone()
        if row is None:
            continue
        num, den, n_count, d_count = row
        if num is not None and den:
            out[e.issue_id] = f"{float(num) / 10000:,.2f} 万元 ÷ {float(den) / 10000:,.2f} 万元"
        elif n_count is not None and d_count:
            out[e.issue_id] = f"{n_count} ÷ {d_count}"
    return out


def _other_places(con: duckdb.DuckDBPyConnection, entries: list[Entry]) -> list[Entry]:
    """A two-place issue's other place as an entry of its own (id ``<issue>-other``), so it gets a crop or an
    excerpt like the first."""
    places = places_of(con, ((e.report_id, e.other_locator) for e in entries))
    out = []
    for e in entries:
        if e.other_locator:
            page, bbox = places[(e.report_id, e.other_locator)]
            out.append(
                replace(
                    e,
                    issue_id=f"{e.issue_id}-other",
                    locator=e.other_locator,
                    evidence_text=e.other_evidence or "",
                    page=page,
                    bbox=bbox,
                )
            )
    return out


def write_pages(snapshot: Path, target: Path, inbox: Path, run_id: str) -> tuple[list[Path], list[str]]:
    """The dashboard and the review page of ``snapshot`` in ``target``; the files, and crop problems as messages."""
    con = duckdb.connect(str(snapshot), read_only=True)
    try:
        units = records(con.execute("SELECT * FROM summary_region"))
        by_rule = [(str(a), int(b)) for a, b in con.execute(_BY_RULE).fetchall()]
        by_region = [(str(a), int(b)) for a, b in con.execute(_BY_REGION).fetchall()]
        entries = issue_entries(con, ("open", "waived"))
        operands = _operands(con, entries)
        others = _other_places(con, entries)
    finally:
        con.close()
    crops, problems = render_crops([*entries, *others], inbox, target / "crops", reuse=True)
    shown = set(crops.values())
    for old in (target / "crops").glob("*.png"):  # crops of issues no longer open or waived
        if old not in shown:
            old.unlink()
    rel = {i: p.relative_to(target).as_posix() for i, p in crops.items()}
    excerpts, more = _excerpts(
        [e for e in [*entries, *others] if not e.is_pdf], inbox, target / ".cache" / "excerpts.json"
    )
    dashboard = render_dashboard(units, by_rule, by_region, run_id)
    review = render_review(entries, rel, run_id, excerpts, operands)
    dashboard_path, review_path = page_paths(target)
    written = [
        write_atomic(dashboard_path, lambda p: p.write_text(dashboard, encoding="utf-8")),
        write_atomic(review_path, lambda p: p.write_text(review, encoding="utf-8")),
    ]
    return written + list(crops.values()), problems + more
