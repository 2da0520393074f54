"""The title of a report, wherever a published page puts it, and what it says of the unit, year and kind."""

from __future__ import annotations

from transforms.extract.metadata import extract_metadata
from transforms.readers.paragraphs import is_title
from transforms.readers.text import parse_text

_PAGE = (  # a published page's index fields, as a browser turns them to text
    "- 预决算与三公经费\n-\n索引号lxxczj/2025-00222\n-\n发布机构泸西县财政局\n-\n"
    "发布日期2025-04-16\n-\n公开目录\n-\n绩效自评报告\n"
)


def _meta(text: str):  # type: ignore[no-untyped-def]
    return extract_metadata(parse_text(text, "t.txt"))[0]


def test_the_title_below_a_pages_index_fields_names_the_unit() -> None:
    m = _meta(_PAGE + "泸西县司法局部门整体支出绩效自评报告\n一、部门基本情况\n2024年度本局预算执行良好。\n")
    assert m.department == "泸西县司法局"  # not the publisher, not 泸西县司法局部
    assert m.report_kind == "department"


def test_a_titles_year_on_the_line_under_it() -> None:
    m = _meta("部门整体支出绩效评价自评报告\n（2023 年度）\n部门（单位）全称：承德市医疗保障局（公章）\n")
    assert m.title_year == 2023


def test_menu_entries_and_headings_are_not_titles() -> None:
    assert is_title("南县住房和城乡建设局2018年度整体支出 绩效评价报告")
    assert is_title("部门整体支出绩效自评表（2023年度） |")
    assert not is_title("- 绩效自评报告")
    assert not is_title("绩效自评报告")
    assert not is_title("四、项目绩效自评")
    assert not is_title("公开目录 | 绩效自评报告 | 发布日期 | 2024-03-26 |")
    assert not is_title("按照要求，我局开展了绩效自评报告")


def test_a_project_named_like_a_unit_is_not_the_unit() -> None:
    m = _meta("银川市兴庆区月牙湖乡滨河家园垃圾转运站提升改造项目绩效自评报告\n一、项目概况\n")
    assert m.department != "银川市兴庆区月牙湖乡滨河家园垃圾转运站"
    assert m.report_kind == "project"
