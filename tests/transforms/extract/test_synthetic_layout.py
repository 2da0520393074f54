"""A report in a layout none of the seeds uses still yields its totals, rate, indicators and scores."""

from __future__ import annotations

from decimal import Decimal

from transforms.extract import extract_report
from transforms.readers.text import parse_text

# Invented report: prose budget with 亿元/元 units, a budget table whose unit sits in a header cell and whose
# columns come in an unusual order, and an indicator table with 指标名称-free headers and a qualitative target.
REPORT = """# 青禾县医疗保障局2024年度部门整体支出绩效自评报告

部门名称：青禾县医疗保障局

一、预算收支
本局 2024 年全年预算 1.2 亿元，全年执行数 118,800,000 元，预算执行率为 99.00%。
其中基本支出 600 万元，项目支出 11,280 万元。三公经费预算 5 万元，实际支出 4 万元，控制率 80%。

经费（万元）\t决算数\t全年预算数\t年初预算数
支出合计\t11880\t12000\t11000

二、绩效指标
一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分
产出指标（60分）\t时效指标\t结算办结时限\t≤10个工作日\t8个工作日\t30\t30
效益指标（30分）\t社会效益指标\t群众就医负担\t逐步降低\t有所降低\t30\t28
满意度指标（10分）\t服务对象满意度指标\t参保群众满意度\t≥90%\t93.5%\t10\t10
总分\t\t\t\t\t100\t98

经综合评价，得分为 98 分，评价等级为优秀。

填报日期：2025年3月2日
"""


def test_synthetic_layout_extracts_totals_and_indicators() -> None:
    facts = extract_report(parse_text(REPORT, "synthetic.md"))
    sentence = {(b.category, b.phase): b.amount_yuan for b in facts.budget_lines if b.source == "sentence"}
    table = {(b.category, b.phase): b.amount_yuan for b in facts.budget_lines if b.source == "table"}
    assert sentence[("total", "adjusted")] == Decimal("120000000")
    assert sentence[("total", "executed")] == Decimal("118800000")
    assert sentence[("project", "executed")] == Decimal("112800000")
    assert table == {
        ("total", "executed"): Decimal("118800000"),
        ("total", "adjusted"): Decimal("120000000"),
        ("total", "initial"): Decimal("110000000"),
    }
    rate = next(c for c in facts.claims if c.kind == "execution_rate")
    assert rate.stated_value == Decimal("0.99") and rate.decimals == 2
    assert rate.numerator_yuan == Decimal("118800000") and rate.denominator_yuan == Decimal("120000000")
    names = [(i.level1, i.level3) for i in facts.indicators]
    assert names == [("产出指标", "结算办结时限"), ("效益指标", "群众就医负担"), ("满意度指标", "参保群众满意度")]
    first = facts.indicators[0]
    assert first.target is not None and (first.target.op, first.target.value, first.target.unit) == (
        "<=",
        Decimal("10"),
        "个工作日",
    )
    assert facts.indicators[1].target is not None and facts.indicators[1].target.qualitative
    assert facts.meta.self_eval_score == Decimal("98")
    control = next(c for c in facts.claims if c.kind == "control_rate")
    assert control.stated_value == Decimal("0.8")
    assert [s.weight for s in facts.scores if s.level == "level1"] == [60, 30, 10]
