"""``jixiao review``: list data-quality issues, show one with its evidence and history, waive one with a reason."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from warehouse.review import REASONS, SEVERITIES, STATUSES, ReviewError


def add_parser(sub: Any) -> None:
    """Register the ``review`` subcommand (list / show / waive) on the CLI's subparsers."""
    p = sub.add_parser("review", help="review data-quality issues in the warehouse / 审核数据质量问题")
    rsub = p.add_subparsers(dest="review_command", required=True)
    ls = rsub.add_parser("list", help="list issues / 列出问题")
    ls.add_argument(
        "--status",
        choices=STATUSES,
        default="unresolved",
        help="default unresolved: open and waived issues, so a waiver never hides an issue",
    )
    ls.add_argument("--severity", choices=SEVERITIES)
    ls.add_argument("--report", help="a report id, source file name, or part of the department name")
    ls.add_argument("--db", help="DuckDB warehouse file (env JIXIAO_DB, default data/warehouse.duckdb)")
    ls.set_defaults(func=cmd_list)
    sh = rsub.add_parser("show", help="one issue with its evidence and history / 查看问题详情")
    sh.add_argument("issue_id", help="issue id (or a unique prefix of 6+ characters)")
    sh.add_argument("--db")
    sh.set_defaults(func=cmd_show)
    codes = "; ".join(f"{c}: {zh} / {en}" for c, (zh, en) in REASONS.items())
    wv = rsub.add_parser(
        "waive",
        help="set an issue aside for the values it shows / 豁免问题",
        description=f"reason codes 理由代码: {codes}",
    )
    wv.add_argument("issue_id")
    wv.add_argument("--reason", required=True, metavar="CODE", help=f"one of {', '.join(REASONS)}")
    wv.add_argument("--note", required=True, help="why, in the reviewer's words / 说明")
    wv.add_argument("--by", help="reviewer name (default: the login name)")
    wv.add_argument("--db")
    wv.set_defaults(func=cmd_waive)
    asg = rsub.add_parser(
        "assign",
        help="complete or correct a report's unit, year or region / 补充报告信息",
        description="stored for the file's content; the next run loads it as a new version",
    )
    asg.add_argument("report", help="report id or source file name")
    asg.add_argument("--department", help="the reporting unit's full name / 单位全称")
    asg.add_argument("--year", type=int, help="fiscal year / 所属年度")
    asg.add_argument("--region", help="6-digit division code or place name / 行政区划代码或地名")
    asg.add_argument("--note", default="", help="why / 说明")
    asg.add_argument("--by", help="reviewer name (default: the login name)")
    asg.add_argument("--db")
    asg.set_defaults(func=cmd_assign)


def _open(db: str | None, write: bool) -> Any:
    from flows.settings import Settings
    from warehouse.db import connect, schema_version

    path = Settings.from_env(db=db).db
    if not path.exists():
        raise ReviewError(f"没有仓库 {path}；请先运行 `jixiao run`", f"no warehouse at {path}; run `jixiao run` first")
    con = connect(path, read_only=not write)
    if not write and schema_version(con) < 11:  # a warehouse from older code: upgrade it once
        con.close()
        con = connect(path)
    return con


def _run(args: argparse.Namespace, write: bool, action: Any) -> int:
    try:
        con = _open(args.db, write)
        try:
            action(con)
        finally:
            con.close()
    except ReviewError as exc:
        print(f"{exc.zh}\n{exc.en}", file=sys.stderr)
        return 2
    return 0


def _cut(text: object, width: int) -> str:
    s = "" if text is None else str(text).replace("\n", " ")
    return s if len(s) <= width else s[: width - 1] + "…"


def cmd_list(args: argparse.Namespace) -> int:
    """Print the issues as one line each, most severe first."""
    from warehouse.review import list_issues

    def action(con: Any) -> None:
        rows = list_issues(con, args.status, args.severity, args.report)
        print(f"问题 issues ({args.status}): {len(rows)}")
        for r in rows:
            waived = f"  [{r['reason_code']}]" if r["reason_code"] and r["status"] == "waived" else ""
            print(
                f"{r['issue_id']}  {r['status']:<8} {r['severity']:<7} {r['rule_id']:<34} "
                f"{_cut(r['department'], 16)}  {_cut(r['subject'], 40)}  "
                f"stated {_cut(r['stated'], 16)} computed {_cut(r['computed'], 16)}{waived}"
            )

    return _run(args, False, action)


def cmd_show(args: argparse.Namespace) -> int:
    """Print one issue: rule, severity, messages, values, evidence, waivers, alerts and history."""
    from warehouse.review import show_issue

    def action(con: Any) -> None:
        i = show_issue(con, args.issue_id)
        print(f"问题 issue {i['issue_id']}  状态 status: {i['status']}  严重程度 severity: {i['severity']}")
        print(f"  规则 rule: {i['rule_id']} ({i['family'] or '-'})   主题 subject: {i['subject']}")
        print(
            f"  报告 report: {i['report_department'] or i['department']} · {i['source_file']} "
            f"(v{i['version']}, {i['report_id']})"
        )
        print(f"  中文：{i['message_zh']}")
        print(f"  English: {i['message_en']}")
        print(
            f"  填报值 stated: {i['stated']}   计算值 computed: {i['computed']}   "
            f"差额 difference: {i['difference']}   容差 tolerance: {i['tolerance']}"
        )
        print(f"  原文 evidence: {i['evidence_text']}")
        print(f"  位置 locator: {i['source_locator']}")
        print(
            f"  首次 first seen: {i['first_seen_at']:%Y-%m-%d %H:%M} ({i['first_seen_run']})   "
            f"最近 last seen: {i['last_seen_at']:%Y-%m-%d %H:%M} ({i['last_seen_run']})"
        )
        for w in i["waivers"]:
            zh, en = REASONS.get(w["reason_code"], ("", ""))
            state = f"lapsed {w['lapsed_at']:%Y-%m-%d %H:%M}" if w["lapsed_at"] else "in force 有效"
            print(
                f"  豁免 waiver: {w['reason_code']} ({zh} / {en}) by {w['waived_by']} "
                f"{w['waived_at']:%Y-%m-%d %H:%M}, {state}: {w['note']}"
            )
        for a in i["alerts"]:
            print(f"  提醒 alerted: {a['sent_at']:%Y-%m-%d %H:%M} {a['audience']} via {a['channel']} ({a['run_id']})")
        print("  历史 history:")
        for h in i["history"]:
            values = f" stated {h['stated_value']} computed {h['computed_value']}" if h["stated_value"] else ""
            note = f" — {h['note']}" if h["note"] else ""
            print(f"    {h['happened_at']:%Y-%m-%d %H:%M} {h['event']}{values} ({h['run_id'] or 'reviewer'}){note}")

    return _run(args, False, action)


def cmd_waive(args: argparse.Namespace) -> int:
    """Waive one issue for the values it shows now."""
    from warehouse.review import waive

    def action(con: Any) -> None:
        iid = waive(con, args.issue_id, args.reason, args.note, args.by)
        zh, en = REASONS[args.reason]
        print(
            f"已豁免 waived {iid}: {args.reason} ({zh} / {en}). 数值变化时豁免失效 / "
            "the waiver lapses if a resubmission changes the values."
        )

    return _run(args, True, action)


def cmd_assign(args: argparse.Namespace) -> int:
    """Store the reviewer's metadata for a report; it applies from the next run on."""
    from transforms.extract.region import region_of
    from warehouse.review import assign

    region = None
    if args.region:
        m = region_of(args.region)
        if m.province is None:
            print(
                f"无法识别地区 {args.region}\nregion {args.region} not recognised (give a 6-digit code)",
                file=sys.stderr,
            )
            return 2
        region = (m.province, m.city, m.county, m.division_code)

    def action(con: Any) -> None:
        aid, source = assign(
            con,
            args.report,
            department=args.department,
            fiscal_year=args.year,
            region=region,
            note=args.note,
            by=args.by,
        )
        where = " ".join(x for x in (region or ()) if x)
        print(f"已记录 assigned {aid} for {source}: {args.department or ''} {args.year or ''} {where}".rstrip())
        print(
            "下次运行时按新版本入库，原版本保留在历史中 / the next run loads it as a new version; the earlier "
            "one stays in history."
        )

    return _run(args, True, action)
