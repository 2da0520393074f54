"""Schema migrations: a warehouse written by older code is upgraded in place without losing anything."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb

from tests.warehouse.factories import SAMPLE, load
from warehouse.db import MIGRATIONS, connect, schema_version


def _write_001_warehouse(path: Path) -> None:
    """What the first release left on disk: schema 001, its views, one report with a budget line."""
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)")
    con.execute((MIGRATIONS / "001_core.sql").read_text(encoding="utf-8"))
    con.execute("INSERT INTO schema_version VALUES (1, '001_core', ?)", [datetime(2024, 3, 1)])
    con.execute("CREATE VIEW reports_history AS SELECT report_id, version FROM core_reports")
    con.execute(
        "INSERT INTO core_reports (report_id, report_key, version, is_current, facts_fingerprint, load_id, "
        "source_file, sha256, media_type, department, province, fiscal_year, self_eval_score, loaded_at) VALUES "
        "('a81ce77742afc3b5', '441422|大埔县医疗保障局|2021|department', 1, true, 'fp', 'old-run', 'dabu.pdf', "
        "'a81ce77742afc3b5ffff', 'application/pdf', '大埔县医疗保障局', '广东省', 2021, 95.5, '2024-03-01')"
    )
    con.execute(
        "INSERT INTO core_budget_lines (report_id, line_no, category, phase, amount_yuan, load_id) "
        "VALUES ('a81ce77742afc3b5', 0, 'total', 'adjusted', 12500000.00, 'old-run')"
    )
    con.execute("INSERT INTO runs (run_id, started_at, status) VALUES ('old-run', '2024-03-01', 'completed')")
    con.close()


def test_old_warehouse_is_upgraded_in_place(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    _write_001_warehouse(db)
    newest = max(int(f.name[:3]) for f in MIGRATIONS.glob("[0-9][0-9][0-9]_*.sql"))
    con = connect(db)
    try:
        assert schema_version(con) == newest
        versions = [r[0] for r in con.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()]
        assert versions == sorted({int(f.name[:3]) for f in MIGRATIONS.glob("[0-9][0-9][0-9]_*.sql")})
        # the old data is intact and visible through the new views
        assert con.execute("SELECT department, self_eval_score, fiscal_year FROM reports").fetchall() == [
            ("大埔县医疗保障局", 95.5, 2021)
        ]
        assert con.execute("SELECT amount_yuan FROM budget_lines").fetchone()[0] == 12500000
        assert con.execute("SELECT status FROM runs").fetchall() == [("completed",)]
        # the new schema is there: history columns, submissions backfilled, new fact columns
        assert con.execute("SELECT superseded_at, media_type FROM reports_history").fetchall() == [
            (None, "application/pdf")
        ]
        assert con.execute("SELECT source_file, relation, load_id FROM submissions").fetchall() == [
            ("dabu.pdf", "version", "old-run")
        ]
        cols = {r[0] for r in con.execute("DESCRIBE core_claims").fetchall()}
        assert {"current_yuan", "previous_yuan", "change_yuan"} <= cols
        # and the upgraded file keeps working: the same report resubmitted becomes version 2
        out = load(con, SAMPLE[0], "dabu_v2.pdf")
        assert (out.outcome, out.version, out.superseded) == ("loaded", 2, "a81ce77742afc3b5")
    finally:
        con.close()
    # opening again applies nothing
    con = connect(db)
    try:
        assert con.execute("SELECT count(*) FROM schema_version").fetchone() == (len(versions),)
        assert con.execute("SELECT count(*) FROM reports_history").fetchone() == (2,)
    finally:
        con.close()


# A released migration is never edited: a warehouse that applied it would keep the old text forever. Add a new
# migration instead; shared rule SQL lives in expectations/macros and is recreated every run.
RELEASED = {
    "001_core.sql": "25e6f3cae67624dd",
    "002_versions.sql": "b2e6c81a9fd949b9",
    "003_fact_details.sql": "7c47f9652f1413e6",
    "010_dq_review.sql": "02c8ee553322facc",
    "011_dq_lifecycle.sql": "ef8116ec6c8075ca",
    "012_dq_rule_macros.sql": "49a9e0c36198f71a",
    "013_incomplete_reports.sql": "4301a73ca725dcaf",
    "014_budget_line_printed.sql": "8a8c230b9a2672dc",
    "015_project_total_row.sql": "05c75eb8202ea7c5",
}


def test_released_migrations_are_unchanged() -> None:
    import hashlib

    here = Path(__file__).resolve().parents[2] / "warehouse" / "migrations"
    now = {p.name: hashlib.sha256(p.read_bytes()).hexdigest()[:16] for p in sorted(here.glob("*.sql"))}
    changed = {name for name, digest in RELEASED.items() if now.get(name) != digest}
    assert not changed, f"released migrations edited: {sorted(changed)}"
    assert set(now) >= set(RELEASED)


def test_migrations_after_012_hold_no_macros() -> None:
    here = Path(__file__).resolve().parents[2] / "warehouse" / "migrations"
    for p in sorted(here.glob("*.sql")):
        if int(p.name[:3]) > 12:
            assert "MACRO" not in p.read_text(encoding="utf-8").upper(), p.name
