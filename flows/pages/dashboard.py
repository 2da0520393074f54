"""The provincial dashboard (pure: rows in, HTML out): headline figures, distributions of execution rate and score,
score against execution rate, issues by rule and by region, and a sortable, filterable table of units."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flows.alerts.safe_text import html_text
from flows.pages.charts import bars, histogram, scatter
from flows.pages.page import page, select

UNIT_COLUMNS = (
    ("province", "省份 province"),
    ("city", "地市 city"),
    ("county", "县区 county"),
    ("department", "单位 unit"),
    ("fiscal_year", "年度 year"),
    ("budget_wan", "预算（万元） budget"),
    ("executed_wan", "执行（万元） executed"),
    ("execution_rate", "执行率 rate"),
    ("self_eval_score", "自评得分 score"),
    ("grade_band", "等级 grade"),
    ("open_errors", "错误 errors"),
    ("open_issues", "问题 issues"),
)


def _cell(key: str, v: Any) -> str:
    if v is None:
        return '<td data-v=""></td>'
    if key == "execution_rate":
        return f'<td class="num" data-v="{float(v)}">{float(v) * 100:.2f}%</td>'
    if isinstance(v, int | float) or hasattr(v, "as_tuple"):
        return (
            f'<td class="num" data-v="{float(v)}">{float(v):,.2f}</td>'
            if key.endswith("_wan")
            else f'<td class="num" data-v="{float(v)}">{v}</td>'
        )
    return f"<td>{html_text(v)}</td>"


def _tiles(units: Sequence[dict[str, Any]]) -> str:
    both = [u for u in units if u["budget_yuan"] is not None and u["executed_yuan"] is not None]
    budget = sum(float(u["budget_yuan"]) for u in both)
    spent = sum(float(u["executed_yuan"]) for u in both)
    items = [
        ("报告 reports", f"{len(units)}"),
        ("预算（万元） budget", f"{sum(float(u['budget_yuan'] or 0) for u in units) / 10000:,.2f}"),
        ("执行（万元） executed", f"{sum(float(u['executed_yuan'] or 0) for u in units) / 10000:,.2f}"),
        ("加权执行率 weighted rate", f"{spent / budget * 100:.2f}%" if budget else "—"),
        ("有错误的报告 reports with errors", f"{sum(1 for u in units if u['open_errors'])}"),
        ("未解决问题 open issues", f"{sum(int(u['open_issues'] or 0) for u in units)}"),
    ]
    return (
        '<div class="tiles">'
        + "".join(f'<div class="tile">{html_text(k)}<b>{html_text(v)}</b></div>' for k, v in items)
        + "</div>"
    )


def render_dashboard(
    units: Sequence[dict[str, Any]],
    by_rule: Sequence[tuple[str, int]],
    by_region: Sequence[tuple[str, int]],
    run_id: str,
) -> str:
    rates = [float(u["execution_rate"]) * 100 for u in units if u["execution_rate"] is not None]
    scores = [float(u["self_eval_score"]) for u in units if u["self_eval_score"] is not None]
    pairs = [
        (float(u["execution_rate"]) * 100, float(u["self_eval_score"]), str(u["department"]))
        for u in units
        if u["execution_rate"] is not None and u["self_eval_score"] is not None
    ]
    charts = "".join(
        [
            histogram("执行率分布 execution rate (%)", rates, 50, 110, 12),
            histogram("自评得分分布 self-evaluation score", scores, 50, 100, 10),
            scatter("得分与执行率 score vs execution rate", pairs, (50, 110), (50, 100), "执行率 rate %", "得分 score"),
            bars("未解决问题：按规则 open issues by rule", list(by_rule)),
            bars("未解决问题：按地区 open issues by region", list(by_region)),
        ]
    )
    head = "".join(f'<th data-sort="1">{html_text(label)}</th>' for _, label in UNIT_COLUMNS)
    rows = "".join(
        f'<tr data-row="1" data-province="{html_text(u["province"] or "")}" '
        f'data-year="{html_text(u["fiscal_year"] or "")}">'
        + "".join(_cell(k, u.get(k)) for k, _ in UNIT_COLUMNS)
        + "</tr>"
        for u in units
    )
    filters = (
        '<div class="filters">'
        + select("province", "省份 province", [str(u["province"] or "") for u in units])
        + select("year", "年度 year", [str(u["fiscal_year"] or "") for u in units])
        + '<label>查找 find <input data-filter="text" placeholder="单位名称 unit"></label>'
        + ' <span>显示 shown <b id="shown">'
        + str(len(units))
        + "</b></span></div>"
    )
    body = (
        f"<h1>绩效自评汇总 / Performance self-evaluation dashboard</h1><p>运行 run <code>{html_text(run_id)}</code>"
        f' · <a href="review.html">审核页 review page</a></p>{_tiles(units)}'
        f'<h2>分布 / Distributions</h2><div class="charts">{charts}</div>'
        f'<h2>单位 / Units</h2>{filters}<table id="units"><thead><tr>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )
    return page("绩效自评汇总 / jixiao dashboard", body)
