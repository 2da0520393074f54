"""The review page (pure: issues in, HTML out): every open and waived issue, filterable by severity, rule, region,
unit and status, each with stated against computed values, both messages, the source text, where it was printed,
its crop when the source is a PDF page, and the commands that waive it or complete its report."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from flows.alerts.digest import Entry
from flows.alerts.render import SEVERITY_LABEL
from flows.alerts.safe_text import html_text
from flows.pages.excerpts import ExcerptLine
from flows.pages.page import page, select

_STATUS = {"open": "未解决 open", "waived": "已豁免 waived"}


def _excerpt(lines: Sequence[ExcerptLine]) -> str:
    rows = "".join(
        f'<div class="{"hit" if x.hit else "head" if x.header else "ctx"}">{html_text(x.text)}</div>' for x in lines
    )
    return f'<div class="excerpt">原件此处 in the source:{rows}</div>'


def _other(e: Entry, crops: Mapping[str, str], excerpts: Mapping[str, Sequence[ExcerptLine]]) -> str:
    """The other place of a two-place issue: its locator, its text, and its crop or excerpt."""
    if not e.other_locator:
        return ""
    key = f"{e.issue_id}-other"
    shown = (
        f'<div><img class="crop" src="{html_text(crops[key])}" alt="{html_text(e.other_locator)}"></div>'
        if key in crops
        else _excerpt(excerpts[key])
        if key in excerpts
        else ""
    )
    return (
        f'<div class="other">另一处 the other place: <code>{html_text(e.other_locator)}</code>'
        f"<blockquote>{html_text(e.other_evidence or '')}</blockquote>{shown}</div>"
    )


def _card(
    e: Entry, crops: Mapping[str, str], excerpts: Mapping[str, Sequence[ExcerptLine]], operands: Mapping[str, str]
) -> str:
    crop = (
        f'<div><img class="crop" src="{html_text(crops[e.issue_id])}" alt="{html_text(e.locator)}"></div>'
        if e.issue_id in crops
        else _excerpt(excerpts[e.issue_id])
        if e.issue_id in excerpts
        else ""
    )
    act = (
        f'<div>处理 act: <code>jixiao review waive {html_text(e.issue_id)} --reason CODE --note "…"</code>'
        + (
            f" · <code>jixiao review assign {html_text(e.report_id)} --department … --year … --region … "
            f'--note "…"</code>'
            if e.rule_id.startswith("extraction_")
            else ""
        )
        + "</div>"
    )
    waiver = f" · 豁免理由 waiver: {html_text(e.waiver)}" if e.waiver else ""
    return (
        f'<div class="issue {html_text(e.severity)}" data-row="1" data-severity="{html_text(e.severity)}" '
        f'data-rule="{html_text(e.rule_id)}" data-region="{html_text(e.province or "")}" '
        f'data-unit="{html_text(e.department)}" data-status="{html_text(e.status)}" id="{html_text(e.issue_id)}">'
        f"<div><b>{html_text(SEVERITY_LABEL.get(e.severity, e.severity))}</b> {html_text(e.rule_id)} · "
        f"{html_text(_STATUS.get(e.status, e.status))}{waiver} · <code>{html_text(e.issue_id)}</code></div>"
        f"<div>{html_text(e.department)} · {html_text(e.province or '未能确定地区 unresolved')} · "
        f"{html_text(e.fiscal_year or '')} · {html_text(e.source_file)}</div>"
        "<table><tr><th>填报值 stated</th><th>计算值 computed</th><th>差额 difference</th><th>容差 tolerance</th>"
        f'</tr><tr><td class="num">{html_text(e.stated)}</td><td class="num">{html_text(e.computed)}</td>'
        f'<td class="num">{html_text(e.difference)}</td><td class="num">{html_text(e.tolerance)}</td></tr></table>'
        + (f"<div>按此重算 recomputed from: {html_text(operands[e.issue_id])}</div>" if e.issue_id in operands else "")
        + f'<div>{html_text(e.message_zh)}</div><div style="color:#444">{html_text(e.message_en)}</div>'
        f"<blockquote>原文 source: {html_text(e.evidence_text)}</blockquote>"
        f"<div>位置 where: <code>{html_text(e.locator)}</code></div>{crop}{_other(e, crops, excerpts)}{act}</div>"
    )


def render_review(
    entries: Sequence[Entry],
    crops: Mapping[str, str],
    run_id: str,
    excerpts: Mapping[str, Sequence[ExcerptLine]] | None = None,
    operands: Mapping[str, str] | None = None,
) -> str:
    order = {"error": 0, "warning": 1, "info": 2}
    ranked = sorted(entries, key=lambda e: (order.get(e.severity, 3), e.department, e.rule_id, e.subject))
    filters = (
        '<div class="filters">'
        + select("severity", "严重程度 severity", [e.severity for e in ranked])
        + select("rule", "规则 rule", [e.rule_id for e in ranked])
        + select("region", "地区 region", [e.province or "" for e in ranked])
        + select("unit", "单位 unit", [e.department for e in ranked])
        + select("status", "状态 status", [e.status for e in ranked])
        + f' <span>显示 shown <b id="shown">{len(ranked)}</b> / {len(ranked)}</span></div>'
    )
    cards = (
        "".join(_card(e, crops, excerpts or {}, operands or {}) for e in ranked)
        or "<p>没有未解决或已豁免的问题。 / No open or waived issues.</p>"
    )
    body = (
        f"<h1>数据质量审核 / Data-quality review</h1><p>运行 run <code>{html_text(run_id)}</code> · "
        f'<a href="dashboard.html">汇总 dashboard</a> · 未解决与已豁免的问题 open and waived issues, '
        f"most severe first</p>{filters}{cards}"
    )
    return page("数据质量审核 / jixiao review", body)
