"""One failing and one passing case for every rule: the rows of a small report that should (not) violate it.

Figures mirror the seeds where a seed shows the point (rounding within printed precision, a project scored in two
tables); the catalogue test fails when a rule has no entry here.
"""

from __future__ import annotations

from decimal import Decimal

from tests.expectations.helpers import B, C, Case, E, I, P, Row, S, W

D = Decimal


def _counts(stated: str, parts: str, subject: str = "参保|万人", decimals: int = 2) -> Row:
    return C("count_total", stated, decimals, percent=False, numerator_count=D(parts), denominator_count=D(2),
             subject=subject)


_HALF_TABLES = (S("total", "总分", "100", "98", owner="甲", locator="r.txt L10 表3"),
                S("total", "总分", "100", "98", owner="甲", locator="r.txt L40 表8"))

CASES: dict[str, tuple[Case, Case]] = {
    # rule id (or rule id:variant for a further pair): (fires, does not fire)
    "balance_carryover": (
        Case((B("opening_carryover", "executed", "57.25"), B("income", "executed", "2515.17"),
              B("total", "executed", "2534.09"), B("closing_carryover", "executed", "40.00"))),
        Case((B("opening_carryover", "executed", "57.25"), B("income", "executed", "2515.17"),
              B("total", "executed", "2534.09"), B("closing_carryover", "executed", "38.33")))),
    "balance_carryover_total_closing": (
        Case((B("carryover_total", "executed", "129.69", source="sentence"),
              B("closing_carryover", "executed", "119.69"))),
        Case((B("carryover_total", "executed", "119.69", source="sentence"),
              B("closing_carryover", "executed", "119.69")))),
    "completeness_rate_range": (
        Case((C("execution_rate", "1.6", 0, subject="total"),)),
        Case((C("execution_rate", "0.99", 0, subject="total"),))),
    # a line spent over its budget: the rate its own figures give is no misprint
    "completeness_rate_range:over_budget": (
        Case((C("execution_rate", "1.5722", 4, subject="vehicle", num="6.21", den="39.5"),)),
        Case((C("execution_rate", "1.5722", 4, subject="vehicle", num="6.21", den="3.95"),))),
    "completeness_required_parts": (
        Case(()),
        Case((B("total", "executed", "100"),), report={"self_eval_score": D(90)})),
    "completeness_three_public_over_budget": (
        Case((B("three_public", "budget", "3", source="sentence"), B("three_public", "executed", "21.70"))),
        Case((B("three_public", "budget", "6.37"), B("three_public", "executed", "2.27")))),
    "completeness_unit_scale": (
        Case((B("total", "executed", "1000"), B("total", "executed", "0.1", source="sentence"))),
        Case((B("total", "executed", "1000"), B("total", "executed", "100", source="sentence")))),
    "consistency_amount_restated": (
        Case((B("total", "executed", "177.87", source="sentence"),
              B("total", "executed", "11429.51", source="sentence"))),
        # 17826.3 printed to one decimal agrees with 17826.29
        Case((B("total", "executed", "17826.3", raw="17826.3"),
              B("total", "executed", "17826.29", source="sentence")))),
    "consistency_amount_text_table": (
        Case((B("total", "executed", "17706.61"), B("total", "executed", "17760.61", source="sentence"))),
        Case((B("total", "executed", "17706.61"), B("total", "executed", "17706.61", source="sentence")))),
    "consistency_filing_year": (
        Case((), report={"filing_date": "2023-03-14"}),
        Case((), report={"filing_date": "2022-04-11"})),
    "consistency_project_figures": (
        Case((P("城乡居民基本医疗保险经费", "summary_table", full_year_yuan="1983", score=D(97)),
              P("城乡居民基本医疗保险", "sentence", full_year_yuan="1983", score=D(95)))),
        Case((P("城乡居民基本医疗保险经费", "summary_table", full_year_yuan="1983", score=D(97)),
              P("城乡居民基本医疗保险", "sentence", full_year_yuan="1983", score=D(97))))),
    "consistency_period_year": (
        Case((E("period_year", "截至2022年底"),), report={"fiscal_year": 2023}),
        Case((E("period_year", "截至2023年底"),), report={"fiscal_year": 2023})),
    "consistency_title_year": (
        Case((), report={"title_year": 2023, "fiscal_year": 2022}),
        Case((), report={"title_year": 2022, "fiscal_year": 2022})),
    "consistency_total_score": (
        Case((S("total", "总分", "100", "96"),), report={"self_eval_score": D(92)}),
        Case((S("total", "总分", "100", "96"),), report={"self_eval_score": D(96)})),
    # a project report: the indicator table's 总分 weighs 90, the funding block's 预算执行率 the other 10
    "consistency_total_score:project": (
        Case((S("total", "总分", "90", "89"), S("execution", "预算执行率", "10", "8.82")),
             report={"self_eval_score": D("98.82")}),
        Case((S("total", "总分", "90", "89"), S("execution", "预算执行率", "10", "9.82")),
             report={"self_eval_score": D("98.82")})),
    "consistency_year_of_figure": (
        Case((B("total", "previous", "3122.18", source="sentence"), B("total", "adjusted", "3122.18"))),
        Case((B("total", "previous", "2900.00", source="sentence"), B("total", "adjusted", "3122.18")))),
    "extraction_amount_cell_text": (
        Case((B("total", "executed", "1218.39", raw="1218.39*"),)),
        # a label before a colon in the same cell is a normal layout
        Case((B("income", "budget", "359.98", raw="其中：按收入性质分：359.98"),))),
    "extraction_extractor_failed": (
        Case((W("extractor_failed", "budget: ValueError: x"),)),
        Case((W("no_text_layer", "pages 3"),))),
    "extraction_unit_missing": (
        Case((W("department_missing", "2022年度部门整体支出绩效自评报告"),), report={"department": None}),
        Case((W("fiscal_year_missing", "自评报告"),))),
    "extraction_year_missing": (
        Case((W("fiscal_year_missing", "部门整体支出绩效自评报告"),), report={"fiscal_year": None}),
        Case((W("department_missing", "x"),))),
    "extraction_region_missing": (
        Case((W("region_missing", "ambiguous 鼓楼区: 320106, 350102"),)),
        Case((W("region_from_text", "福州市鼓楼区"),))),
    "extraction_region_from_text": (
        Case((W("region_from_text", "title: 淇县"),)),
        Case((W("region_missing", "none named in '机关幼儿园'"),))),
    "extraction_attachment_alone": (
        Case((W("attachment_without_report", "r_附件1.xlsx"),)),
        Case((W("attachment_joined", "r_附件1.xlsx"),))),
    "extraction_ragged_indicator_row": (
        Case((I("参保率", "5", None),)),
        Case((I("参保率", "5", "5"),))),
    "extraction_reader_warnings": (
        Case((W("no_text_layer", "page 3"),)),
        Case((W("extractor_failed", "budget: KeyError"),))),
    "extraction_unit_conflict": (
        Case((B("total", "executed", "17706.61"), B("basic", "executed", "1218.39", raw="12183900元", unit="元"))),
        Case((B("total", "executed", "17706.61"), B("basic", "executed", "1218.39")))),
    "rate_carryover": (
        Case((C("carryover_rate", "0.0168", 2, num="119.69", den="17706.61"),)),
        Case((C("carryover_rate", "0.0068", 2, num="119.69", den="17706.61"),))),
    "rate_carryover_budget": (
        Case((B("total", "adjusted", "17826.29"), C("carryover_rate", "0.0068", 2, num="119.69", den="17706.61"))),
        Case((B("total", "adjusted", "17826.29"), C("carryover_rate", "0.0067", 2, num="119.69", den="17706.61")))),
    "rate_control": (
        Case((C("control_rate", "0.6022", 2, num="2.27", den="4.52"),)),
        Case((C("control_rate", "0.5022", 2, num="2.27", den="4.52"),))),
    "rate_decline": (
        Case((C("decline", "0.5558", 2, current="11429.51", change="13737.1"),)),
        Case((C("decline", "0.5458", 2, current="11429.51", change="13737.1"),))),
    "rate_execution": (
        # the sentence names no operands: the report's table gives 17706.61 / 17826.29 = 99.33%
        Case((B("total", "executed", "17706.61"), B("total", "adjusted", "17826.29"),
              C("execution_rate", "1.0073", 2, subject="total"))),
        Case((B("total", "executed", "17706.61"), B("total", "adjusted", "17826.29"),
              C("execution_rate", "0.9933", 2, subject="total")))),
    "rate_growth": (
        Case((C("growth", "0.9507", 2, current="412.38", change="199.88"),)),
        # 199.88 / 212.50 = 94.06%, yet 94.07% is within the rounding of the printed operands
        Case((C("growth", "0.9407", 2, current="412.38", change="199.88"),))),
    "rate_other": (
        Case((C("procurement_rate", "1", 0, num="30", den="33.58"),)),
        Case((C("procurement_rate", "1", 0, num="33.58", den="33.58"),))),
    "rate_per_capita": (
        Case((C("per_capita", "5.57", 2, percent=False, numerator_count=D("91.34"), denominator_count=D(20)),)),
        Case((C("per_capita", "4.57", 2, percent=False, numerator_count=D("91.34"), denominator_count=D(20)),))),
    "rate_project_execution": (
        Case((P("困难企业职工基本医疗保险", "project_table", full_year_yuan="1000", executed_yuan="1301.56",
                stated_rate=D(1)),)),
        Case((P("困难企业职工基本医疗保险", "project_table", full_year_yuan="1301.56", executed_yuan="1301.56",
                stated_rate=D(1)),))),
    "rate_scale_unmarked": (
        Case((C("control_rate", "0.5022", 2, percent=False),)),
        Case((C("execution_rate", "0.99", 2, percent=False),))),
    "rate_share": (
        Case((C("share", "0.0688", 2, num="1218.39", den="17826.29"),)),
        Case((C("share", "0.0683", 2, num="1218.39", den="17826.29"),))),
    "rate_share_over_100": (
        Case((C("share", "1.1222", 2),)),
        Case((C("share", "0.8462", 2),))),
    "rate_staff_control": (
        Case((C("control_rate", "1", 0, numerator_count=D(17), denominator_count=D(20)),)),
        Case((C("control_rate", "0.85", 0, numerator_count=D(17), denominator_count=D(20)),))),
    "scores_children_sum": (
        Case((S("total", "总分", "100", "92"), S("level1", "预算执行", "40", "36"), S("level2", "资金管理", "15", "15"),
              S("level2", "信息公开", "25", "20"), S("level1", "效益", "60", "56"), S("level2", "效果", "60", "56"))),
        Case((S("total", "总分", "100", "92"), S("level1", "预算执行", "40", "36"), S("level2", "资金管理", "15", "15"),
              S("level2", "信息公开", "25", "21"), S("level1", "效益", "60", "56"), S("level2", "效果", "60", "56")))),
    "scores_grade_band": (
        Case((), report={"grade_stated": "良好", "self_eval_score": D(92)}),
        Case((), report={"grade_stated": "优秀", "self_eval_score": D(92)})),
    # a grade word other than the band's name: 合格 is the 60-80 band, 优 the 90 band (ref_grade_words)
    "scores_grade_band:word": (
        Case((), report={"grade_stated": "合格", "self_eval_score": D(92)}),
        Case((), report={"grade_stated": "优", "self_eval_score": D(92)})),
    "scores_indicators_sum_total": (
        Case((S("total", "总分", "100", "96"), I("甲", "50", "48"), I("乙", "50", "47"))),
        Case((S("total", "总分", "100", "96"), I("甲", "50", "48"), I("乙", "50", "48")))),
    # the scored 预算执行率 row is no indicator but counts towards the table's total
    "scores_indicators_sum_total:execution": (
        Case((S("total", "总分", "100", "96"), S("execution", "预算执行率", "10", "9"), I("甲", "40", "40"),
              I("乙", "50", "48"))),
        Case((S("total", "总分", "100", "96"), S("execution", "预算执行率", "10", "8"), I("甲", "40", "40"),
              I("乙", "50", "48")))),
    "scores_over_weight": (
        Case((I("参保率", "5", "6"),)),
        Case((I("参保率", "5", "5"),))),
    "scores_sum_exceeds_total": (
        Case((S("total", "总分", "100", "90"), I("甲", "50", "50"), I("乙", "50", "45"))),
        # one project scored in two tables: each table adds up to its own total
        Case((*_HALF_TABLES, I("甲1", "60", "59", owner="甲", locator="r.txt L11 表3"),
              I("甲2", "40", "39", owner="甲", locator="r.txt L12 表3"),
              I("甲1", "60", "58", owner="甲", locator="r.txt L41 表8"),
              I("甲2", "40", "40", owner="甲", locator="r.txt L42 表8")))),
    "scores_weights_exceed_full_mark": (
        Case((S("total", "总分", "100", "96"), I("甲", "60", "58"), I("乙", "60", "58"))),
        Case((*_HALF_TABLES, I("甲1", "60", "59", owner="甲", locator="r.txt L11 表3"),
              I("甲2", "40", "39", owner="甲", locator="r.txt L12 表3"),
              I("甲1", "100", "98", owner="甲", locator="r.txt L41 表8")))),
    "sums_basic_project_total": (
        Case((B("total", "executed", "17706.61"), B("basic", "executed", "1218.39"),
              B("project", "executed", "16588.22"))),
        Case((B("total", "executed", "17706.61"), B("basic", "executed", "1218.39"),
              B("project", "executed", "16488.22")))),
    "sums_count_parts": (
        Case((_counts("326.68", "324.34"),)),
        Case((_counts("326.68", "326.67"), _counts("10", "3", subject="行政编制|名", decimals=0)))),
    "sums_income_sources": (
        Case((B("income", "budget", "359.98"), B("income_general_public", "budget", "190"),
              B("income_other", "budget", "167.76"))),
        Case((B("income", "budget", "359.98"), B("income_general_public", "budget", "192.22"),
              B("income_other", "budget", "167.76")))),
    "sums_personnel_public_basic": (
        Case((B("basic", "adjusted", "1218.39"), B("personnel", "adjusted", "1164.23"),
              B("public", "adjusted", "64.16"))),
        Case((B("basic", "adjusted", "1218.39"), B("personnel", "adjusted", "1164.23"),
              B("public", "adjusted", "54.16")))),
    "completeness_project_unit_scale": (
        Case((P("调研视察专项经费", "summary_table", full_year_yuan="1620.50", executed_yuan="15941800"),)),
        Case((P("调研视察专项经费", "summary_table", full_year_yuan="1620.50", executed_yuan="1594.18"),))),
    "sums_fund_projects_total": (
        Case((P("办公设备购置", "summary_table", executed_yuan="552.3123"),
              P("信息化建设运维经费", "summary_table", executed_yuan="2188.8569"),
              B("total", "executed", "4311.2296")), report={"report_kind": "fund"}),
        Case((P("办公设备购置", "summary_table", executed_yuan="552.3123"),
              P("信息化建设运维经费", "summary_table", executed_yuan="2188.8569"),
              B("total", "executed", "2741.1692")), report={"report_kind": "fund"})),
    # a narrative fund: its projects and its total are sentences
    "sums_fund_projects_total:sentences": (
        Case((P("业务工作专项经费", "sentence", executed_yuan="2165.41"),
              P("档案数字化", "sentence", executed_yuan="636.71"),
              B("total", "executed", "2850.00", source="sentence")), report={"report_kind": "fund"}),
        Case((P("业务工作专项经费", "sentence", executed_yuan="2165.41"),
              P("档案数字化", "sentence", executed_yuan="636.71"),
              B("total", "executed", "2802.12", source="sentence")), report={"report_kind": "fund"})),
    "sums_project_adjustment": (
        Case((P("城乡医疗救助", "project_table", initial_yuan="466", adjustment_yuan="453.085",
                full_year_yuan="900"),)),
        Case((P("城乡医疗救助", "project_table", initial_yuan="466", adjustment_yuan="453.085",
                full_year_yuan="919.085"),))),
    "sums_project_rows_total": (
        Case((P("城乡医疗救助", "summary_table", full_year_yuan="919.085"),
              P("医保工作经费", "summary_table", full_year_yuan="75.28"),
              P("开展绩效自评项目合计", "summary_table", full_year_yuan="1000"))),
        Case((P("城乡医疗救助", "summary_table", full_year_yuan="919.085"),
              P("医保工作经费", "summary_table", full_year_yuan="75.28"),
              P("开展绩效自评项目合计", "summary_table", full_year_yuan="994.365")))),
    "sums_three_public_parts": (
        Case((B("three_public", "budget", "7.37"), B("reception", "budget", "1.85"), B("vehicle", "budget", "4.52"))),
        Case((B("three_public", "budget", "6.37"), B("reception", "budget", "1.85"), B("vehicle", "budget", "4.52")))),
    "sums_total_row": (
        Case((B("grand_total", "executed", "17836.3", raw="17836.3"), B("total", "executed", "17706.61"),
              B("closing_carryover", "executed", "119.69"))),
        # 17706.61 + 119.69 = 17826.30, printed 17826.3
        Case((B("grand_total", "executed", "17826.3", raw="17826.3"), B("total", "executed", "17706.61"),
              B("closing_carryover", "executed", "119.69")))),
    "sums_vehicle_parts": (
        Case((B("vehicle", "executed", "12"), B("vehicle_purchase", "executed", "6"),
              B("vehicle_operation", "executed", "4"))),
        Case((B("vehicle", "executed", "10"), B("vehicle_purchase", "executed", "6"),
              B("vehicle_operation", "executed", "4")))),
    "targets_missed": (
        Case((I("政策范围内补偿比", "10", "9", target_raw=">50%", target_op=">", target_value=D("0.5"),
                actual_value=D("0.5")),)),
        Case((I("政策范围内补偿比", "10", "9", target_raw="≥50%", target_op=">=", target_value=D("0.5"),
                actual_value=D("0.5")),))),
    "targets_missed_full_score": (
        Case((I("综合参保率", "8", "8", target_value=D(1), actual_value=D("0.9865")),)),
        Case((I("综合参保率", "8", "7", target_value=D(1), actual_value=D("0.9865")),))),
    "targets_quantitative_unreported": (
        Case((I("排查两定机构数量", "3", "3", target_value=D(310), actual_raw="达成", actual_qualitative=True),)),
        Case((I("排查两定机构数量", "3", "3", target_value=D(310), actual_value=D(310)),))),
    "targets_text_actual_missed": (
        Case((I("控网式排查两定机构数量", "3", "3", target_value=D(310), target_unit="家", actual_qualitative=True),
              _counts("291", "291", subject="拉网式排查两定机构|家", decimals=0))),
        Case((I("控网式排查两定机构数量", "3", "3", target_value=D(310), target_unit="家", actual_qualitative=True),
              _counts("310", "310", subject="拉网式排查两定机构|家", decimals=0)))),
}
