"""Focused tests of the extractors on small hand-written inputs (no seed text)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from transforms.document import Block, Document, Locator, Table
from transforms.extract import extract_report
from transforms.extract.catalogue import match_indicator, unmatched_indicators
from transforms.extract.categories import category_of, phase_of
from transforms.facts import ReportFacts
from transforms.readers.text import parse_text


def _doc(text: str) -> Document:
    return parse_text(text, "t.txt")


def test_category_and_phase_follow_the_label() -> None:
    assert category_of("其中：人员经费支出") == "personnel"
    assert category_of("因公出国（境）费用、公务接待费、公务用车购置及运行维护费预算") == "three_public"
    assert category_of("比上年决算增加") is None
    assert phase_of("年初预算数") == "initial"
    assert phase_of("年初预算总金额全年预算") == "adjusted"
    assert phase_of("2020年决算数", fiscal_year=2021) == "previous"
    assert phase_of("年初结转和结余") is None


def test_sentence_amounts_and_growth_claim_with_operands() -> None:
    facts = extract_report(
        _doc("2023年度部门总支出 1,200.50 万元。\n\n基本支出 400 万元，比上年决算增加 100 万元，增长 33.33%。\n")
    )
    lines = {(b.category, b.phase): b.amount_yuan for b in facts.budget_lines}
    assert lines[("total", "executed")] == Decimal("12005000.00")
    assert lines[("basic", "executed")] == Decimal("4000000")
    assert ("basic", "previous") not in lines  # the change amount is not a budget line
    growth = next(c for c in facts.claims if c.kind == "growth")
    assert growth.stated_value == Decimal("0.3333") and growth.decimals == 2
    assert growth.current_yuan == Decimal("4000000") and growth.change_yuan == Decimal("1000000")


def test_share_claim_takes_the_total_as_denominator() -> None:
    facts = extract_report(
        _doc("全年预算 1000 万元，其中：基本支出预算 250 万元，占比 25%；项目支出预算 750 万元，占比 75%。\n")
    )
    shares = [c for c in facts.claims if c.kind == "share"]
    assert [(c.numerator_yuan, c.denominator_yuan) for c in shares] == [
        (Decimal("2500000"), Decimal("10000000")),
        (Decimal("7500000"), Decimal("10000000")),
    ]


def test_rate_column_reads_fractions_and_index_formula() -> None:
    text = (
        "单位：万元\n\n类别\t年初预算数\t调整预算数\t决算数\t预算执行数\n"
        "1\t2\t3\t4\t5=4/3\n本年支出合计\t90\t100\t99\t0.99\n"
    )
    facts = extract_report(_doc(text))
    claim = next(c for c in facts.claims if c.kind == "execution_rate")
    assert claim.stated_value == Decimal("0.99") and not claim.percent
    assert claim.numerator_yuan == Decimal("990000") and claim.denominator_yuan == Decimal("1000000")
    phases = {b.phase for b in facts.budget_lines if b.category == "total"}
    assert phases == {"initial", "adjusted", "executed"}


def test_shifted_indicator_rows_are_read_by_content() -> None:
    # the level-1 cell is missing on the second row and the row starts one column to the left
    text = (
        "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因\n"
        "产出指标 (50分)\t数量指标\t培训次数\t>=2次\t3次\t10\t9\t场地原因\n"
        "质量指标\t培训合格率\t≥90%\t95%\t10\t10\t\t\n"
        "总分\t\t\t\t\t100\t96\t\n"
    )
    facts = extract_report(_doc(text))
    first, second = facts.indicators
    assert (first.level1, first.level2, first.level3) == ("产出指标", "数量指标", "培训次数")
    assert first.target is not None and first.target.op == ">=" and first.target.unit == "次"
    assert first.deviation_note == "场地原因"
    assert (second.level2, second.level3, second.weight, second.score) == ("质量指标", "培训合格率", 10, 10)
    assert second.actual is not None and second.actual.value == Decimal("0.95")
    assert any(s.level == "level1" and s.weight == 50 for s in facts.scores)
    assert any(s.level == "total" and s.score == 96 for s in facts.scores)


def test_catalogue_matches_synonyms_and_leaves_unknown_names_unmatched() -> None:
    assert match_indicator("参保对象\n满意度") == "service_satisfaction"
    assert match_indicator("医疗保险支付及时率（%）") == "payment_timeliness"
    assert match_indicator("构建良好的环境") is None
    facts = extract_report(
        _doc(
            "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\n"
            "产出指标\t数量指标\t新建村级服务站\t10个\t12个\t10\t10\n"
        )
    )
    assert unmatched_indicators(facts) == ["新建村级服务站"]


def test_extract_report_never_raises_on_odd_input() -> None:
    loc = Locator("odd.txt")
    ragged = Table(rows=((),), locator=loc)
    docs = [
        Document("empty.txt", "text", ()),
        Document("odd.txt", "text", (Block("table", "", loc, table=ragged), Block("paragraph", "％％ 万元 ≥", loc))),
        _doc("项目名称\n\n总分\t\t100\n"),
    ]
    for d in docs:
        facts = extract_report(d)
        assert facts.meta is not None


def test_a_failing_extractor_becomes_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    import transforms.extract as extract

    def boom(doc: Document, subject: str | None = None) -> list[object]:
        raise ValueError("bad table")

    monkeypatch.setattr(extract, "extract_projects", boom)
    facts = extract.extract_report(_doc("2023年度部门总支出 100 万元。\n"))
    assert facts.projects == ()
    assert any("projects" in w and "bad table" in w for w in facts.warnings)
    assert facts.budget_lines


def test_count_broken_down_with_qizhong_becomes_a_count_total_claim() -> None:
    facts = extract_report(
        _doc(
            "全市参保 120.50 万人，其中职工 20.5 万人，居民 98 万人，参保率 98%。\n\n"
            "采购 30 批次，其中药品 10 批次，平均降幅 50%，耗材 20 批次，采购金额 5 亿元。\n\n"
            "资助 300 人，其中低保户 100 人，资助金额为 3 万元。\n"
        )
    )
    counts = [
        (c.subject, c.stated_value, c.numerator_count, c.denominator_count, c.decimals)
        for c in facts.claims
        if c.kind == "count_total"
    ]
    assert counts == [
        ("全市参保|万人", Decimal("120.50"), Decimal("118.5"), Decimal(2), 2),
        ("采购|批次", Decimal("30"), Decimal("30"), Decimal(2), 0),
    ]


def _indicator_rows(facts: ReportFacts) -> list[tuple[object, ...]]:
    return [
        (i.level2, i.level3, i.target.raw if i.target else None, i.actual.raw if i.actual else None, i.weight, i.score)
        for i in facts.indicators
    ]


def test_indicator_columns_read_by_name_join_operator_value_and_unit() -> None:
    head = "一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t实际完成值\t分值\t得分\t未完成原因分析"
    rows = [
        "产出指标\t数量指标\t培训人次\t≥\t200\t人次\t215\t20\t20\t",
        "\t质量指标\t合格率\t≥\t95\t%\t96.2\t20\t18\t受客观因素影响",
    ]
    facts = extract_report(_doc("\n".join([head, *rows]) + "\n"))
    assert _indicator_rows(facts) == [
        ("数量指标", "培训人次", "≥200人次", "215人次", 20, 20),
        ("质量指标", "合格率", "≥95%", "96.2%", 20, 18),
    ]
    assert [i.deviation_note for i in facts.indicators] == [None, "受客观因素影响"]
    assert facts.indicators[1].level1 == "产出指标"  # the merged level-1 cell carries down


def test_indicators_stated_one_to_a_sentence() -> None:
    text = (
        "三、绩效目标完成情况\n\n资助资金发放及时率：年度目标=100%，完成93.6%（15分，得14分）。\n\n"
        "数量指标方面，召开会议次数目标值>=9次，实际完成10次，分值10分，得分10分。\n\n"
        "预算执行率88.16%，分值10分，得分8.82分。\n\n"
        "全年目标任务基本完成，得到群众好评。\n"
    )
    facts = extract_report(_doc(text))
    assert _indicator_rows(facts) == [
        (None, "资助资金发放及时率", "=100%", "93.6%", 15, 14),
        ("数量指标", "召开会议次数", ">=9次", "10次", 10, 10),
    ]
    # the scored execution rate is a score line, not an indicator
    assert [(s.name, s.weight, s.score) for s in facts.scores if s.level == "execution"] == [
        ("预算执行率", 10, Decimal("8.82"))
    ]


def test_a_sentence_that_opens_with_a_project_states_that_projects_money() -> None:
    text = (
        "二、部门整体支出情况\n\n2021年本校年初预算3724.54万元，全年预算数3679.18万元，全年执行数3582.55万元。\n\n"
        "基本支出年初预算2145.40万元，全年预算2138.25万元，执行2071.11万元，执行率96.86%。\n\n"
        "校舍维修改造年初预算443.23万元，全年预算507.79万元，全年执行498.07万元，执行率98.09%。\n\n"
        "该项目年初预算金额466万元，调整后预算919.085万元。\n"
    )
    facts = extract_report(_doc(text))
    lines = {(b.category, b.phase, b.amount_yuan) for b in facts.budget_lines}
    assert ("total", "initial", Decimal("37245400")) in lines
    assert {
        ("basic", p, v)
        for p, v in (
            ("initial", Decimal("21454000")),
            ("adjusted", Decimal("21382500")),
            ("executed", Decimal("20711100")),
        )
    } <= lines
    assert not any(b.amount_yuan == Decimal("4432300") for b in facts.budget_lines)  # the project's, not the unit's
    (p,) = [p for p in facts.projects if p.origin == "sentence"]
    assert (p.name, p.initial_yuan, p.full_year_yuan, p.executed_yuan, p.stated_rate) == (
        "校舍维修改造",
        Decimal("4432300"),
        Decimal("5077900"),
        Decimal("4980700"),
        Decimal("0.9809"),
    )


def test_a_total_row_out_of_less_than_100_is_not_the_reports_score() -> None:
    from transforms.extract.report_score import score_in_row

    assert score_in_row(["总分", "100", "96.5"]) == "96.5"
    assert score_in_row(["总分", "90", "88.5"]) is None  # the indicators beside a scored 预算执行率 row
