"""A project or fund report's own money stated in sentences: by phase, never a part, a leftover or a department's."""

from __future__ import annotations

from decimal import Decimal

from transforms.extract import extract_report
from transforms.readers.text import parse_text

WAN = Decimal(10000)


def _totals(text: str) -> tuple[dict[str, Decimal], list[tuple[str, Decimal]]]:
    facts = extract_report(parse_text(text, "t.txt"))
    lines = {b.phase: b.amount_yuan / WAN for b in facts.budget_lines if b.category == "total" and b.subject is None}
    rates = [(c.subject or "", c.stated_value) for c in facts.claims if c.kind == "execution_rate"]
    return lines, rates


def test_a_fund_reports_money_by_phase_and_its_rate() -> None:
    lines, rates = _totals(
        "甲县民政局2023年度困难群众救助补助资金绩效自评报告\n"
        "2023年县财政局下达困难群众救助补助资金共计120万元，其中中央资金100万元，省级资金20万元。\n"
        "截至2023年底，已支出110万，结余资金10万元，预算执行率91.67%。\n"
    )
    assert lines == {"adjusted": Decimal(120), "executed": Decimal(110)}  # not the parts, not what is left
    assert rates == [("total", Decimal("0.9167"))]


def test_parts_by_level_of_government_are_no_total() -> None:
    lines, _ = _totals(
        "乙县2022年度衔接推进乡村振兴补助资金绩效自评报告\n"
        "2022年我县收到中央下达衔接资金900万元。\n省级下达资金80万元。\n市县安排资金200万元。\n"
    )
    assert lines == {}  # three sources, and no sentence totals them


def test_a_project_reports_initial_and_spent_money_and_a_rate_per_head() -> None:
    lines, _ = _totals(
        "丙县教育局2021年度学生资助项目支出绩效自评报告\n"
        "该项目年初预算资金为16万元，按每人补助1000元的标准发放，全年支付16万元。\n"
    )
    assert lines == {"initial": Decimal(16), "executed": Decimal(16)}


def test_a_department_reports_sentences_about_funds_are_not_its_total() -> None:
    lines, _ = _totals("丁县财政局2021年度部门整体支出绩效自评报告\n本年下达专项资金30万元，支付28万元。\n")
    assert "adjusted" not in lines and "executed" not in lines
