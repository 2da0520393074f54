"""The ``jixiao`` command line: run, status, serve."""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any

from flows import cli_review, cli_sql


def _prefect_env() -> None:
    # Offline machines: Prefect's telemetry only logs errors; keep the console to what the operator needs.
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")


LISTED = 20  # files listed per kind of outcome; --json has them all


def print_summary(s: dict[str, Any]) -> None:
    """What the night did, in Chinese and English."""
    print(f"jixiao run {s['run_id']}  ({s['seconds']} s)")
    print(f"  收件箱 inbox: {s['inbox']}   仓库 warehouse: {s['db']}")
    print(
        f"  文件 files seen: {s['files_seen']} (reports {s['reports_seen']})   "
        f"入库 loaded: {s['loaded']}   跳过 skipped: {s['skipped']} (未变 unchanged {s.get('unchanged', 0)})   "
        f"隔离 quarantined: {s['quarantined']}   "
        f"版本更替 superseded: {s.get('superseded', 0)}   待补充 incomplete: {s.get('incomplete', 0)}"
    )
    for q in s.get("quarantine", []):
        print(f"    隔离 quarantined {q['file']}: [{q['class']}] {q['reason_en']}")
    for k in s.get("incomplete_files", [])[:LISTED]:
        print(f"    待补充 incomplete {k['file']}: missing {', '.join(k['missing'])} (jixiao review assign)")
    for k in s.get("superseded_files", [])[:LISTED]:
        print(f"    新版本 new version {k['version']} {k['file']} (replaces {k['replaces']})")
    for k in s.get("skipped_files", [])[:LISTED]:
        print(f"    跳过 skipped {k['file']}: {k['reason_en']}")
    hidden = sum(max(0, len(s.get(x, [])) - LISTED) for x in ("incomplete_files", "superseded_files", "skipped_files"))
    if hidden:
        print(f"    …另有 {hidden} 个文件 and {hidden} more files (jixiao run --json lists them all)")
    print(
        f"  规则 expectations run: {s.get('rules_run', 0)}   未通过 failed: {s.get('rules_failed', 0)}   "
        f"问题 open issues: {s.get('issues_open', 0)} (new {s.get('issues_new', 0)}, "
        f"resolved {s.get('issues_resolved', 0)})"
        + ("   （无新报告需检查 no new report to judge）" if s.get("reports_judged") == 0 else "")
    )
    for err in s.get("rules_errored", []):
        print(f"  !! 规则运行出错，本次未检查 rule errored, nothing it checks was judged: {err}")
    print(f"  发布 tables published: {', '.join(s.get('tables_published', []))}")
    if s.get("published"):
        print(f"  快照 snapshot: {s['published']}")
    if s.get("dashboard"):
        print(f"  汇总页 dashboard: {s['dashboard']}")
        print(f"  审核页 review page: {s['review_page']}")
    if s.get("alerts_dir"):
        print(f"  提醒 alerts: {s['alerts_dir']}")
    for err in s.get("alert_errors", []):
        print(f"    提醒发送失败 alert delivery failed: {err}")


def cmd_run(args: argparse.Namespace) -> int:
    _prefect_env()
    from flows.nightly import nightly
    from flows.prefect_api import PrefectUnavailable, ensure_api
    from flows.run_lock import check_free
    from flows.settings import Settings
    from warehouse.runs import new_run_id

    inbox = Settings.from_env(inbox=args.inbox, db=args.db).inbox
    if not inbox.is_dir():  # an operator's setting, not a crash: say so before Prefect starts
        print(f"收件箱不存在 inbox folder not found: {inbox} (--inbox or JIXIAO_INBOX)", file=sys.stderr)
        return 2
    check_free(Settings.from_env(inbox=args.inbox, db=args.db).data_dir)  # refuse before Prefect starts
    run_id = new_run_id()
    try:
        ensure_api()
    except PrefectUnavailable as exc:
        record_failed_run(Settings.from_env(inbox=args.inbox, db=args.db), run_id, exc)
        print(f"错误 error: {exc.zh}\n  {exc.en}\n  ({exc.detail}); run {run_id} recorded as failed", file=sys.stderr)
        return 4
    flow = nightly
    if args.runner == "dask":
        from flows.runners import dask_runner

        flow = nightly.with_options(task_runner=dask_runner(args.address))
    summary = flow(inbox=args.inbox, db=args.db, run_id=run_id)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2, default=str))
    else:
        print_summary(summary)
    if summary.get("rules_errored") and not args.allow_rule_errors:
        print(
            f"规则出错 {len(summary['rules_errored'])} rule(s) errored: the run is reported as failed "
            "(--allow-rule-errors to accept it)",
            file=sys.stderr,
        )
        return 1
    return 0


def record_failed_run(settings: Any, run_id: str, exc: Exception) -> None:
    """A runs row for a night that could not start, so the operator's record has it with why."""
    from warehouse.db import connect
    from warehouse.runs import finish_run, start_run

    con = connect(settings.db)
    try:
        start_run(con, run_id, str(settings.inbox))
        finish_run(con, run_id, "failed", {"run_id": run_id, "error": str(exc)[:500]})
    finally:
        con.close()


def cmd_publish(args: argparse.Namespace) -> int:
    """Marts, snapshot, exports and pages from the warehouse as it is: no file is read, nothing is loaded."""
    from datetime import datetime

    from flows import stages
    from flows.run_lock import run_lock
    from flows.settings import Settings
    from warehouse.db import connect
    from warehouse.marts import build_marts

    settings = Settings.from_env(inbox=args.inbox, db=args.db)
    if not settings.db.exists():
        print(f"没有仓库 no warehouse at {settings.db}; run `jixiao run` first", file=sys.stderr)
        return 1
    run_id = "publish-" + datetime.now().strftime("%Y%m%dT%H%M%S")
    with run_lock(settings.data_dir):  # never beside a run that is loading
        con = connect(settings.db)
        try:
            marts = build_marts(con, run_id)
        finally:
            con.close()
        out = stages.publish(settings.db, settings.data_dir, settings.inbox, run_id)
    print(f"发布 published {', '.join(marts)}")
    print(f"  快照 snapshot: {out['published']}  导出 exports: {out['exports']} files")
    print(f"  汇总页 dashboard: {out['dashboard']}\n  审核页 review page: {out['review_page']}")
    for p in out["page_problems"]:
        print(f"  注意 note: {p}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from flows.settings import Settings
    from warehouse.db import connect

    settings = Settings.from_env(db=args.db)
    if not settings.db.exists():
        print(f"没有仓库 no warehouse at {settings.db}; run `jixiao run` first")
        return 1
    con = connect(settings.db, read_only=True)
    try:
        n = con.execute("SELECT count(*) FROM reports").fetchone()
        print(f"仓库 warehouse {settings.db}: {n[0] if n else 0} current reports")
        by_year = con.execute("SELECT province, fiscal_year, count(*) FROM reports GROUP BY ALL ORDER BY ALL")
        for row in by_year.fetchall():
            print(f"  {row[0]} {row[1]}: {row[2]}")
        issues = con.execute("SELECT severity, status, count(*) FROM dq_issues GROUP BY ALL ORDER BY ALL").fetchall()
        for sev, st, c in issues:
            print(f"  issues {sev}/{st}: {c}")
        print("最近运行 last runs:")
        runs = con.execute(
            "SELECT run_id, status, started_at, finished_at, files_seen, loaded, skipped, quarantined, "
            "rules_failed, summary_json FROM runs ORDER BY started_at DESC LIMIT 5"
        )
        for r in runs.fetchall():
            errored = json.loads(r[9] or "{}").get("rules_errored", [])
            print(
                f"  {r[0]} {r[1]} started {r[2]:%Y-%m-%d %H:%M:%S} files {r[4]} loaded {r[5]} skipped {r[6]} "
                f"quarantined {r[7]} rules failed {r[8]} errored {len(errored)}"
            )
            for err in errored:
                print(f"    !! 规则出错 rule errored: {err}")
    finally:
        con.close()
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    _prefect_env()
    from flows.serve import serve

    return serve(cron=args.cron, timezone=args.timezone, inbox=args.inbox, db=args.db)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="jixiao", description="绩效自评报告 nightly pipeline")
    sub = p.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run the nightly flow once / 运行一次")
    run.add_argument("--inbox", help="folder of submitted reports (env JIXIAO_INBOX, default samples/inbox)")
    run.add_argument("--db", help="DuckDB warehouse file (env JIXIAO_DB, default data/warehouse.duckdb)")
    run.add_argument("--json", action="store_true", help="print the summary as JSON")
    run.add_argument(
        "--allow-rule-errors", action="store_true", help="exit 0 even when a rule could not run (it is still reported)"
    )
    run.add_argument(
        "--runner",
        choices=("local", "dask"),
        default=os.environ.get("JIXIAO_RUNNER", "local"),
        help="local: threads each driving a worker process (default); dask: the tasks on a Dask cluster",
    )
    run.add_argument(
        "--address",
        default=os.environ.get("JIXIAO_DASK_ADDRESS"),
        help="the Dask scheduler, e.g. tcp://10.0.0.5:8786 (without it, a local cluster is started)",
    )
    run.set_defaults(func=cmd_run)
    pb = sub.add_parser("publish", help="rebuild marts, snapshot, exports and pages without ingesting / 重新发布")
    pb.add_argument("--db")
    pb.add_argument("--inbox", help="where the PDFs for the review page's crops are (default JIXIAO_INBOX)")
    pb.set_defaults(func=cmd_publish)
    st = sub.add_parser("status", help="what the warehouse holds and the last runs / 仓库状态")
    st.add_argument("--db")
    st.set_defaults(func=cmd_status)
    sv = sub.add_parser("serve", help="serve the nightly flow on a schedule through a Prefect server / 定时运行")
    sv.add_argument("--cron", default=os.environ.get("JIXIAO_CRON", "0 2 * * *"))
    sv.add_argument("--timezone", default=os.environ.get("JIXIAO_TZ", "Asia/Shanghai"))
    sv.add_argument("--inbox")
    sv.add_argument("--db")
    sv.set_defaults(func=cmd_serve)
    cli_sql.add_parser(sub)
    cli_review.add_parser(sub)
    sm = sub.add_parser("samples", help="development corpora / 开发语料")
    sm_sub = sm.add_subparsers(dest="samples_command", required=True)
    syn = sm_sub.add_parser("synth", help="generate reports in every layout with truth files / 生成带真值的报告")
    from samples.synth.cli import add_arguments, run

    add_arguments(syn)
    syn.set_defaults(func=run)
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``jixiao`` console script."""
    from flows.run_lock import RunInProgress
    from warehouse.db import WarehouseBusy

    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except (WarehouseBusy, RunInProgress) as exc:
        print(f"错误：{exc.zh}\nerror: {exc.en}", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
