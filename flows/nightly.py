"""The nightly Prefect flow: discover -> read & extract -> load -> expectations -> marts -> alerts -> publish."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from prefect import flow, task
from prefect.cache_policies import NONE
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from expectations.runner import preload as preload_rules
from flows import stages
from flows.pages.write import page_paths
from flows.run_lock import run_lock
from flows.settings import Settings
from warehouse.publish import snapshot_path
from warehouse.runs import new_run_id


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


@task(name="read-and-extract", task_run_name="read {sub.path.name}", cache_policy=NONE)
def read_extract_task(sub: stages.Submission) -> stages.FileResult:
    from flows.worker import read_in_worker

    return read_in_worker(sub)


@task(name="start")
def start_task(db: Path, run_id: str, inbox: Path) -> None:
    """The run's row, written before any file is read: a night that stops half-way is still on record."""
    from warehouse.db import connect
    from warehouse.runs import start_run

    con = connect(db)
    try:
        start_run(con, run_id, str(inbox))
    finally:
        con.close()


@task(name="load", task_run_name="load {first} (+{more} more)", cache_policy=NONE)
def load_task(
    con: Any, run_id: str, results: list[stages.FileResult], quarantine_dir: Path, first: str = "", more: int = 0
) -> dict[str, Any]:
    """One batch loaded through the night's warehouse connection ``con`` (one for all batches: opening and closing
    the file per batch checkpointed the whole warehouse each time, a cost that grew with it)."""
    return stages.load_results(con, run_id, results, quarantine_dir)


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
    # nothing new and the rules unchanged: no verdict can change, so Great Expectations is not started
    outcomes = [] if batch is not None and not batch else run_rules(db, docs_dir=docs_dir, batch=batch)
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
def finish_task(db: Path, run_id: str, summary: dict[str, Any], status: str = "completed") -> None:
    from warehouse.db import connect
    from warehouse.runs import finish_run

    con = connect(db)
    try:
        finish_run(con, run_id, status, summary)
    finally:
        con.close()


@task(name="publish")
def publish_task(db: Path, data_dir: Path, inbox: Path, run_id: str) -> dict[str, Any]:
    return stages.publish(db, data_dir, inbox, run_id)


def _run_name() -> str:
    """The Prefect flow run's name: the jixiao run id, so the two are found from each other."""
    from prefect.runtime import flow_run

    return f"jixiao-{flow_run.parameters.get('run_id') or new_run_id()}"


@flow(name="jixiao-nightly", flow_run_name=_run_name, task_runner=ThreadPoolTaskRunner(max_workers=2), log_prints=False)
def nightly(inbox: str | None = None, db: str | None = None, run_id: str | None = None) -> dict[str, Any]:
    """Run one night over the inbox into the warehouse and return the summary."""
    from prefect.runtime import flow_run

    settings = Settings.from_env(inbox=inbox, db=db)
    run_id = run_id or (flow_run.name or "").removeprefix("jixiao-") or new_run_id()
    with run_lock(settings.data_dir):
        start_task(settings.db, run_id, settings.inbox)
        try:
            return _night(settings, run_id)
        except BaseException as exc:  # the runs row says the night failed, and why, before the error goes up
            finish_task(
                settings.db, run_id, {"run_id": run_id, "error": f"{type(exc).__name__}: {exc}"[:500]}, "failed"
            )
            raise


PROGRESS_EVERY = 10.0  # seconds between progress lines
LOAD_BATCH = 100  # results held before they are loaded: memory stays bounded however large the night


class _Progress:
    """A progress line on stderr now and then: files done of total, rate, time left."""

    def __init__(self, total: int, unchanged: int) -> None:
        self.total, self.unchanged, self.done = total, unchanged, 0
        self.t0 = self.last = time.perf_counter()

    def tick(self) -> None:
        self.done += 1
        now = time.perf_counter()
        if now - self.last >= PROGRESS_EVERY and self.done < self.total:
            self.last = now
            rate = self.done / (now - self.t0)
            left = (self.total - self.done) / rate if rate else 0
            print(
                f"  读取 read {self.done}/{self.total} files ({self.unchanged} unchanged, skipped), "
                f"{rate * 60:.0f}/min, 约 about {left / 60:.1f} min left",
                file=sys.stderr,
                flush=True,
            )


def _read_and_load(
    settings: Settings, run_id: str, subs: list[stages.Submission], stage_seconds: dict[str, float]
) -> tuple[dict[str, Any], int]:
    """Read the files not seen before and load every result in batches as they arrive, in inbox order (a later
    version of a report is loaded after the earlier one); returns the load counts and the pages read."""
    from warehouse.db import connect

    to_read, known = stages.unchanged(subs, settled_task(settings.db))
    quarantine_dir = settings.data_dir / "quarantine" / run_id
    counts = stages.no_counts()
    pages = 0
    stage_seconds["load"] = 0.0  # of the reading's wall time, what the loading took (the two overlap)
    con = connect(settings.db)

    def load(batch: list[stages.FileResult]) -> None:
        nonlocal pages
        if batch:
            t = time.perf_counter()
            name = batch[0].submission.path.name
            # quoted: Prefect would otherwise walk every fact of the batch looking for futures to resolve
            stages.add_counts(counts, load_task(con, run_id, quote(batch), quarantine_dir, name, len(batch) - 1))
            pages += sum(r.pages for r in batch)
            stage_seconds["load"] = round(stage_seconds["load"] + time.perf_counter() - t, 3)

    try:
        load(known)
        if to_read:  # the rules will judge tonight's new reports
            preload_rules()
        futures = list(read_extract_task.map(to_read))
        futures.reverse()  # popped from the end: a loaded result is dropped at once
        progress = _Progress(len(to_read), len(known))
        batch: list[stages.FileResult] = []
        quarantine: list[dict[str, str]] = []
        while futures:
            res = futures.pop().result()
            progress.tick()
            if res.error is not None:
                quarantine.append(
                    {"file": res.submission.path.name, "class": res.error.code, "reason_en": res.error.reason_en}
                )
            batch.append(res)
            if len(batch) >= LOAD_BATCH:
                load(batch)
                batch = []
        load(batch)
    finally:
        con.close()
    counts["quarantine"] = quarantine + counts.pop("load_failed_files")
    return counts, pages


def _night(settings: Settings, run_id: str) -> dict[str, Any]:
    t0 = time.perf_counter()
    stage_seconds: dict[str, float] = {}

    def lap(stage: str, since: float) -> float:
        now = time.perf_counter()
        stage_seconds[stage] = round(now - since, 3)
        return now

    subs = discover_task(settings.inbox)
    t = lap("discover", t0)
    counts, pages = _read_and_load(settings, run_id, subs, stage_seconds)
    t = lap("read_extract_load", t)
    dq = expectations_task(settings.db, run_id, settings.data_dir / "docs")
    t = lap("rules", t)
    marts = marts_task(settings.db, run_id)
    t = lap("marts", t)
    quarantine = counts.pop("quarantine")
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
    summary["pages_read"] = pages
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
