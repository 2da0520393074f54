"""Run bookkeeping: the runs table and the per-file ingest log."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

import duckdb


def new_run_id() -> str:
    """A run id that sorts by time and does not collide: 20261204T020000-1a2b3c."""
    return datetime.now().strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]


def start_run(con: duckdb.DuckDBPyConnection, run_id: str, inbox: str) -> None:
    """Record that a run started."""
    con.execute(
        "INSERT INTO runs (run_id, started_at, inbox, status) VALUES (?, ?, ?, 'running')",
        [run_id, datetime.now(), inbox],
    )


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str, status: str, summary: dict[str, Any]) -> None:
    """Record how a run ended, with its counts."""
    con.execute(
        "UPDATE runs SET finished_at = ?, status = ?, files_seen = ?, loaded = ?, skipped = ?, quarantined = ?, "
        "rules_run = ?, rules_failed = ?, summary_json = ? WHERE run_id = ?",
        [
            datetime.now(),
            status,
            summary.get("files_seen", 0),
            summary.get("loaded", 0),
            summary.get("skipped", 0),
            summary.get("quarantined", 0),
            summary.get("rules_run", 0),
            summary.get("rules_failed", 0),
            json.dumps(summary, ensure_ascii=False, default=str),
            run_id,
        ],
    )


_LOG_COLUMNS = (
    "run_id",
    "source_file",
    "sha256",
    "size_bytes",
    "media_type",
    "outcome",
    "report_id",
    "error_class",
    "reason_zh",
    "reason_en",
    "logged_at",
)


def log_file(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    *,
    source_file: str,
    sha256: str,
    size_bytes: int,
    media_type: str | None,
    outcome: str,
    report_id: str | None = None,
    error_class: str | None = None,
    reason_zh: str | None = None,
    reason_en: str | None = None,
) -> None:
    """One outcome per file per run: loaded, skipped or quarantined."""
    con.execute(
        f"INSERT INTO ingest_log ({', '.join(_LOG_COLUMNS)}) VALUES ({', '.join('?' * len(_LOG_COLUMNS))})",
        [
            run_id,
            source_file,
            sha256,
            size_bytes,
            media_type,
            outcome,
            report_id,
            error_class,
            reason_zh,
            reason_en,
            datetime.now(),
        ],
    )


def log_files(con: duckdb.DuckDBPyConnection, run_id: str, rows: list[dict[str, Any]]) -> None:
    """The outcomes of many files in one insert (a night logs every unchanged file it skipped, thousands)."""
    if not rows:
        return
    import pyarrow as pa

    columns = {c: [r.get(c) for r in rows] for c in _LOG_COLUMNS}
    columns["run_id"] = [run_id] * len(rows)
    columns["logged_at"] = [datetime.now()] * len(rows)
    types = {"size_bytes": pa.int64(), "logged_at": pa.timestamp("us")}
    table = pa.table({c: pa.array(v, types.get(c, pa.string())) for c, v in columns.items()})
    con.register("_log_rows", table)
    try:
        con.execute(f"INSERT INTO ingest_log ({', '.join(_LOG_COLUMNS)}) SELECT * FROM _log_rows")
    finally:
        con.unregister("_log_rows")
