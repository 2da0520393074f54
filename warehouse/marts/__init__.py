"""Published marts: one SQL model a file, rebuilt after each run (00_report_figures first: the others add it up).

Each file replaces its table ``mart_<name>`` and the view ``<name>`` analysts read. The marts add up the figures
the rules judge (the rule views dq_amounts and dq_indicator_targets), so the summary and the checks agree.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

HERE = Path(__file__).parent
GRADE_COLUMNS = "/* grade columns */"


def _grade_columns(con: duckdb.DuckDBPyConnection) -> str:
    """A count column per grade band, best first, from the reference table the vocabulary builds."""
    bands = [
        b
        for (b,) in con.execute(
            "SELECT band FROM ref_grade_words GROUP BY band ORDER BY max(min_score) DESC"
        ).fetchall()
    ]
    return ", ".join(f"count(*) FILTER (WHERE grade_band = '{b}') AS \"grade_{b}\"" for b in bands)


def build_marts(con: duckdb.DuckDBPyConnection, run_id: str) -> list[str]:
    """Rebuild every mart in one transaction; return their names."""
    from expectations.macros import install
    from warehouse.db import apply_comments

    install(con)  # the rule views the marts add up, as this code defines them
    built: list[str] = []
    con.execute("BEGIN TRANSACTION")
    try:
        for f in sorted(HERE.glob("*.sql")):
            sql = f.read_text(encoding="utf-8").replace(GRADE_COLUMNS, _grade_columns(con))
            for statement in con.extract_statements(sql):
                con.execute(statement, {"run_id": run_id} if "$run_id" in statement.query else None)
            built.append(f.stem.lstrip("0123456789_"))
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    apply_comments(con)
    return built
