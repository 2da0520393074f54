"""Digests as Markdown and HTML (pure: no I/O). ``crops`` maps an issue id to the image source to show."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from flows.alerts.digest import PROVINCE, Digest, Entry
from flows.alerts.safe_text import header_text, html_text, markdown_code, markdown_text

SEVERITY_LABEL = {"error": "错误 error", "warning": "警告 warning", "info": "提示 info"}
_COLOR = {"error": "#b00020", "warning": "#b26a00", "info": "#555555"}


INTAKE_LISTED = 50  # files listed in the province's digest; the run summary (--json) has them all


def subject_line(digest: Digest, run_id: str) -> str:
    """The e-mail subject: who it is for and how many new issues, in both languages."""
    who = "省级审核" if digest.audience == PROVINCE else str(digest.department)
    return header_text(
        f"[jixiao] {who} 数据质量新问题 {len(digest.entries)} 条 / "
        f"{len(digest.entries)} new data-quality issues ({run_id})"
    )


def _counts(digest: Digest) -> str:
    c = Counter(e.severity for e in digest.entries)
    return ", ".join(f"{SEVERITY_LABEL[s]} {c[s]}" for s in ("error", "warning", "info") if c[s])


def _heading(digest: Digest) -> tuple[str, str]:
    if digest.audience == PROVINCE:
        return "省级审核摘要", "Digest for the province's reviewers"
    return f"{digest.department} 数据质量提醒", f"Data-quality alert for {digest.department}"


def _report_title(first: Entry) -> str:
    year = f" {first.fiscal_year} 年度 FY{first.fiscal_year}" if first.fiscal_year else ""
    return f"{first.department}{year} — {first.source_file} (report {first.report_id})"


def _pending(digest: Digest) -> str:
    return (
        f"未解决问题共 {digest.open_total} 条（含此前的），全部见审核页 review.html（数据目录 published/ 下）。 / "
        f"{digest.open_total} open issues in all, earlier ones included: every one is on the review page "
        "(review.html in the data folder's published/)."
    )


def _values(e: Entry) -> str:
    return (
        f"填报值 stated **{markdown_text(e.stated)}** · 计算值 computed **{markdown_text(e.computed)}** · "
        f"差额 difference **{markdown_text(e.difference)}** (容差 tolerance {markdown_text(e.tolerance)})"
    )


def render_markdown(digest: Digest, run_id: str, crops: Mapping[str, str]) -> str:
    """The digest as Markdown: grouped by report, each issue with values, messages, source text and locator."""
    zh, en = _heading(digest)
    out = [
        f"# {markdown_text(zh)} / {markdown_text(en)}",
        "",
        f"运行 run {markdown_code(run_id)} · 新问题 new issues: {len(digest.entries)}"
        + (f" ({_counts(digest)})" if digest.entries else ""),
        "",
    ]
    if not digest.entries:
        out += ["今晚没有新问题。 / No new issues tonight.", ""]
    out += [_pending(digest), ""]
    for first, entries in digest.by_report():
        out += [f"## {markdown_text(_report_title(first))}", ""]
        for e in entries:
            out += [
                f"### [{SEVERITY_LABEL.get(e.severity, e.severity)}] {e.rule_id} · {markdown_code(e.issue_id)}",
                "",
                f"- {_values(e)}",
                f"- 中文：{markdown_text(e.message_zh)}",
                f"- English: {markdown_text(e.message_en)}",
                f"- 原文 source text: {markdown_text(e.evidence_text)}",
                f"- 位置 locator: {markdown_code(e.locator)}",
            ]
            if e.issue_id in crops:
                out.append(f"- 原件截图 as printed: ![{markdown_text(e.issue_id)}]({crops[e.issue_id]})")
            out.append("")
    if digest.intake:
        out += ["## 今晚的文件 / Tonight's files", ""]
        out += [
            f"- {markdown_text(outcome)}: {markdown_code(name)} — {markdown_text(why)}"
            for outcome, name, why in digest.intake[:INTAKE_LISTED]
        ]
        if len(digest.intake) > INTAKE_LISTED:
            out.append(f"- …另有 {len(digest.intake) - INTAKE_LISTED} 个 and {len(digest.intake) - INTAKE_LISTED} more")
        out.append("")
    out.append(
        '处理：`jixiao review show <id>` · `jixiao review waive <id> --reason CODE --note "..."` / '
        "act on an issue with the same commands."
    )
    return "\n".join(out) + "\n"


def _entry_html(e: Entry, crops: Mapping[str, str]) -> str:
    color = _COLOR.get(e.severity, "#555555")
    img = (
        f'<div><img src="{html_text(crops[e.issue_id])}" alt="{html_text(e.locator)}" '
        'style="max-width:100%;border:1px solid #ccc"></div>'
        if e.issue_id in crops
        else ""
    )
    return (
        f'<div style="margin:0 0 14px 0;padding:8px 10px;border-left:4px solid {color}">'
        f'<div><b style="color:{color}">{html_text(SEVERITY_LABEL.get(e.severity, e.severity))}</b> '
        f"{html_text(e.rule_id)} · <code>{html_text(e.issue_id)}</code></div>"
        '<table style="border-collapse:collapse;margin:4px 0"><tr>'
        f'<td style="padding:2px 8px">填报值 stated<br><b>{html_text(e.stated)}</b></td>'
        f'<td style="padding:2px 8px">计算值 computed<br><b>{html_text(e.computed)}</b></td>'
        f'<td style="padding:2px 8px">差额 difference<br><b>{html_text(e.difference)}</b></td>'
        f'<td style="padding:2px 8px">容差 tolerance<br>{html_text(e.tolerance)}</td></tr></table>'
        f'<div>{html_text(e.message_zh)}</div><div style="color:#444">{html_text(e.message_en)}</div>'
        f'<blockquote style="margin:6px 0;padding:4px 8px;background:#f6f6f6">{html_text(e.evidence_text)}</blockquote>'
        f'<div style="font-size:90%;color:#666">位置 locator: <code>{html_text(e.locator)}</code></div>{img}</div>'
    )


def render_html(digest: Digest, run_id: str, crops: Mapping[str, str]) -> str:
    """The digest as a self-contained HTML page (inline styles only, so mail clients keep them)."""
    zh, en = _heading(digest)
    parts = [
        f"<h1>{html_text(zh)} / {html_text(en)}</h1>",
        f"<p>运行 run <code>{html_text(run_id)}</code> · 新问题 new issues: {len(digest.entries)}"
        + (f" ({html_text(_counts(digest))})" if digest.entries else "")
        + "</p>",
    ]
    if not digest.entries:
        parts.append("<p>今晚没有新问题。 / No new issues tonight.</p>")
    parts.append(f"<p>{html_text(_pending(digest))}</p>")
    for first, entries in digest.by_report():
        parts.append(f"<h2>{html_text(_report_title(first))}</h2>")
        parts += [_entry_html(e, crops) for e in entries]
    if digest.intake:
        rows = "".join(
            f"<tr><td>{html_text(o)}</td><td>{html_text(n)}</td><td>{html_text(w)}</td></tr>"
            for o, n, w in digest.intake[:INTAKE_LISTED]
        )
        parts.append(f'<h2>今晚的文件 / Tonight\'s files</h2><table border="1" cellpadding="4">{rows}</table>')
    parts.append(
        '<p style="color:#666">处理 act on an issue: <code>jixiao review show &lt;id&gt;</code> · '
        '<code>jixiao review waive &lt;id&gt; --reason CODE --note "..."</code></p>'
    )
    return (
        '<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8">'
        f"<title>{html_text(zh)} / {html_text(en)}</title></head>"
        '<body style="font-family:sans-serif;max-width:900px">' + "".join(parts) + "</body></html>\n"
    )
