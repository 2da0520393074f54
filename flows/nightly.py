"""The nightly Prefect flow: discover -> read & extract -> load -> expectations -> marts -> alerts -> publish."""

from __future__ import annotations

import sys
import time
import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.task_runners import ThreadPoolTaskRunner

from flows import stages
from flows.pages.write import page_paths
from flows.run_lock import run_lock
from flows.settings import Settings
from warehouse.publish import snapshot_path


@task(name="discover")
def discover_task(inbox: Path) -> list[stages.Submission]:
    return stages.discover(inbox)


@task(name="settled")
def settled_task(db: Path) -> set[str]:
    """The hashes of files received before that a new night could not change (none when there is no warehouse)."""
    from warehouse.db import connect
    from warehouse.loader import settled_hashes

    if not db.exists():
        return set()
    con = connect(db)
    try:
        return settled_hashes(con)
    finally:
        con.close()


@task(name="read-and-extract", task_run_name="read {sub.path.name}")
def read_extract_task(sub: stages.Submission) -> stages.FileResult:
    from flows.worker import read_in_worker

    return read_in_worker(sub)


@task(name="load")
def load_task(
    db: Path, run_id: str, inbox: Path, results: list[stages.FileResult], quarantine_dir: Path
) -> dict[str, Any]:
    from warehouse.db import connect
    from warehouse.runs import start_run

    con = connect(db)
    try:
        start_run(con, run_id, str(inbox))
        counts = stages.load_results(con, run_id, results, quarantine_dir)
    finally:
        con.close()
    return counts


@task(name="expectations")
def expectations_task(db: Path, run_id: str, docs_dir: Path) -> dict[str, Any]:
    from expectations.catalogue import catalogue_fingerprint
    from expectations.results import record_outcomes
    from expectations.runner import run_rules
    from warehouse.db import open_waiting

    fingerprint = catalogue_fingerprint()
    con = open_waiting(db, read_only=True)
    try:
        batch = stages.reports_to_judge(con, fingerprint)
    finally:
        con.close()
    outcomes = run_rules(db, docs_dir=docs_dir, batch=batch)
    con = open_waiting(db)
    try:
        s = record_outcomes(con, run_id, outcomes, judged=batch)
    finally:
        con.close()
    return {
        "rules_run": s.rules_run,
        "rules_failed": s.rules_failed,
        "rules_errored": list(s.rules_errored),
        "issues_open": s.issues_open,
        "issues_new": s.issues_new,
        "issues_resolved": s.issues_resolved,
        "rules_fingerprint": fingerprint,
        "reports_judged": "all" if batch is None else len(batch),
    }


@task(name="marts")
def marts_task(db: Path, run_id: str) -> list[str]:
    from warehouse.db import connect
    from warehouse.marts import build_marts

    con = connect(db)
    try:
        return build_marts(con, run_id)
    finally:
        con.close()


@task(name="alerts")
def alerts_task(db: Path, run_id: str, inbox: Path, out_dir: Path, load: dict[str, Any]) -> dict[str, Any]:
    from flows.alerts.run import run_alerts
    from warehouse.db import connect

    con = connect(db)
    try:
        return run_alerts(con, run_id, inbox, out_dir, load=load)
    finally:
        con.close()


@task(name="finish")
def finish_task(db: Path, run_id: str, summary: dict[str, Any]) -> None:
    from warehouse.db import connect
    from warehouse.runs import finish_run

    con = connect(db)
    try:
        finish_run(con, run_id, "completed", summary)
    finally:
        con.close()


@task(name="publish")
def publish_task(db: Path, data_dir: Path, inbox: Path, run_id: str) -> dict[str, Any]:
    return stages.publish(db, data_dir, inbox, run_id)


@flow(name="jixiao-nightly", task_runner=ThreadPoolTaskRunner(max_workers=2), log_prints=False)
def nightly(inbox: str | None = None, db: str | None = None) -> dict[str, Any]:
    """Run one night over the inbox into the warehouse and return the summary."""
    settings = Settings.from_env(inbox=inbox, db=db)
    with run_lock(settings.data_dir):
        return _night(settings)


PROGRESS_EVERY = 10.0  # seconds between progress lines


def _gather(futures: Any, total: int, unchanged: int) -> list[stages.FileResult]:
    """Every file's result, with a progress line on stderr now and then: done of total, rate, time left."""
    out: list[stages.FileResult] = []
    t0 = last = time.perf_counter()
    for f in futures:
        out.append(f.result())
        now = time.perf_counter()
        if now - last >= PROGRESS_EVERY and len(out) < total:
            last = now
            rate = len(out) / (now - t0)
            left = (total - len(out)) / rate if rate else 0
            print(
                f"  读取 read {len(out)}/{total} files ({unchanged} unchanged, skipped), {rate * 60:.0f}/min, "
                f"约 about {left / 60:.1f} min left",
                file=sys.stderr,
                flush=True,
            )
    return out


def _night(settings: Settings) -> dict[str, Any]:
    t0 = time.perf_counter()
    run_id = datetime.now().strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    stage_seconds: dict[str, float] = {}

    def lap(stage: str, since: float) -> float:
        now = time.perf_counter()
        stage_seconds[stage] = round(now - since, 3)
        return now

    subs = discover_task(settings.inbox)
    to_read, known = stages.unchanged(subs, settled_task(settings.db))
    t = lap("discover", t0)
    futures = read_extract_task.map(to_read)
    results = known + _gather(futures, len(to_read), len(known))
    t = lap("read_extract", t)
    counts = load_task(settings.db, run_id, settings.inbox, results, settings.data_dir / "quarantine" / run_id)
    t = lap("load", t)
    dq = expectations_task(settings.db, run_id, settings.data_dir / "docs")
    t = lap("rules", t)
    marts = marts_task(settings.db, run_id)
    t = lap("marts", t)
    quarantine = [
        {"file": r.submission.path.name, "class": r.error.code, "reason_en": r.error.reason_en}
        for r in results
        if r.error is not None
    ] + counts.pop("load_failed_files", [])
    alerts = alerts_task(
        settings.db, run_id, settings.inbox, settings.data_dir / "alerts" / run_id, {**counts, "quarantine": quarantine}
    )
    summary: dict[str, Any] = {
        "run_id": run_id,
        "inbox": str(settings.inbox),
        "db": str(settings.db),
        "files_seen": sum(1 + len(s.attachments) for s in subs),
        "reports_seen": len(subs),
        **counts,
        **dq,
        "tables_published": marts,
        **alerts,
        "quarantine": quarantine,
    }
    published = snapshot_path(settings.data_dir)
    dashboard, review = page_paths(published.parent)
    summary.update(published=str(published), dashboard=str(dashboard), review_page=str(review))
    lap("alerts", t)
    summary["stage_seconds"] = stage_seconds
    summary["pages_read"] = sum(r.pages for r in results)
    summary["seconds"] = round(time.perf_counter() - t0, 2)
    finish_task(settings.db, run_id, summary)
    # last: the analyst snapshot shows the whole night, its completed run record included; exports and pages follow it
    t = time.perf_counter()
    out = publish_task(settings.db, settings.data_dir, settings.inbox, run_id)
    stage_seconds["publish"] = round(time.perf_counter() - t, 3)
    summary["page_problems"] = out["page_problems"]
    _artifact(summary)
    return summary


def _artifact(summary: dict[str, Any]) -> None:
    """The run summary as a Prefect artifact, beside the flow run in Prefect's UI."""
    from prefect.artifacts import create_markdown_artifact

    lines = [
        f"# jixiao run {summary['run_id']}",
        "",
        f"- 文件 files seen: {summary['files_seen']} · 入库 loaded: {summary['loaded']} · "
        f"跳过 skipped: {summary['skipped']} (unchanged {summary.get('unchanged', 0)}) · "
        f"隔离 quarantined: {summary['quarantined']}",
        f"- 规则 rules: {summary.get('rules_run')} run, {summary.get('rules_failed')} failed, "
        f"errored: {', '.join(summary.get('rules_errored') or []) or 'none'}",
        f"- 未解决问题 open issues: {summary.get('issues_open')} (new {summary.get('issues_new')})",
        f"- 审核页 review page: {summary.get('review_page')}",
        f"- 耗时 seconds: {summary['seconds']}",
        f"- stages: {summary.get('stage_seconds')}",
    ]
    create_markdown_artifact(
        markdown="\n".join(lines), key="jixiao-run-summary", description="jixiao nightly run summary"
    )
