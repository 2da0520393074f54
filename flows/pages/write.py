"""Writing the pages beside the published snapshot: data/published/dashboard.html and review.html (stable paths),
with the crops the review page shows in data/published/crops/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from flows.alerts.digest import issue_entries
from flows.alerts.run import render_crops
from flows.pages.dashboard import render_dashboard
from flows.pages.review import render_review
from warehouse.exports import write_atomic

_BY_RULE = "SELECT rule_id, count(*) FROM dq_issues WHERE status = 'open' GROUP BY ALL"
_BY_REGION = ("SELECT coalesce(r.province, '未能确定地区 unresolved'), count(*) FROM dq_issues i "
              "JOIN reports r USING (report_id) WHERE i.status = 'open' GROUP BY ALL")


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def write_pages(snapshot: Path, target: Path, inbox: Path, run_id: str) -> tuple[list[Path], list[str]]:
    """The dashboard and the review page of ``snapshot`` in ``target``; the files, and crop problems as messages."""
    con = duckdb.connect(str(snapshot), read_only=True)
    try:
        units = _rows(con, "SELECT * FROM summary_region")
        by_rule = [(str(a), int(b)) for a, b in con.execute(_BY_RULE).fetchall()]
        by_region = [(str(a), int(b)) for a, b in con.execute(_BY_REGION).fetchall()]
        entries = issue_entries(con, ("open", "waived"))
    finally:
        con.close()
    crops, problems = render_crops(entries, inbox, target / "crops")
    rel = {i: p.relative_to(target).as_posix() for i, p in crops.items()}
    dashboard = render_dashboard(units, by_rule, by_region, run_id)
    review = render_review(entries, rel, run_id)
    written = [write_atomic(target / "dashboard.html", lambda p: p.write_text(dashboard, encoding="utf-8")),
               write_atomic(target / "review.html", lambda p: p.write_text(review, encoding="utf-8"))]
    return written + list(crops.values()), problems
