"""Every text table form (readers/text_tables/), each with a case that must not become a table."""

from __future__ import annotations

from transforms.notices import parse
from transforms.readers.text import parse_text

_HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"]
_ROWS = [
    ["产出指标", "数量指标", "培训人次", "≥200人次", "215人次", "20", "20", ""],
    ["", "质量指标", "合格率", "≥95%", "96.2%", "20", "18", "受客观因素影响未完全达标"],
    ["效益指标", "社会效益指标", "群众满意程度", "明显改善", "达到预期", "30", "30", ""],
]
_GRID = [_HEADER, *_ROWS]


def _grids(text: str) -> list[list[list[str]]]:
    doc = parse_text(text, "t.txt")
    return [b.table.grid() for b in doc.blocks if b.table is not None]


def _rebuilt(text: str) -> list[str]:
    return [parse(w).detail for w in parse_text(text, "t.txt").warnings if parse(w).code == "table_rebuilt"]


def test_pipe_table_with_separator_ragged_rows_and_an_open_last_cell() -> None:
    text = "| 指标 | 分值 | 得分 |\n|:---|---:|---|\n| 培训次数 | 10 | 9.5 |\n| 满意度 | 10\n后面的段落。\n"
    assert _grids(text) == [[["指标", "分值", "得分"], ["培训次数", "10", "9.5"], ["满意度", "10", ""]]]
    assert parse_text(text, "t.md").blocks[-1].text == "后面的段落。"


def test_pipe_table_without_separator_row_and_empty_cells() -> None:
    assert _grids("| 产出指标 | 数量指标 | 人数 |\n|  |  | 次数 |\n") == [
        [["产出指标", "数量指标", "人数"], ["", "", "次数"]]
    ]


def test_a_sentence_with_one_bar_is_not_a_table() -> None:
    assert _grids("收入|支出情况如下。\n一、基本情况\n") == []


def test_html_table_spans_cover_the_columns_and_rows_they_merge() -> None:
    text = (
        '<p>说明</p>\n<table border="1"><tr><td colspan="2">预算数</td><td rowspan="2">执行数</td></tr>\n'
        "<tr><td>年初</td><td>全年</td></tr>\n<tr><td>100.00</td><td>120.00</td><td>118.00</td></tr>\n"
        "</table>\n<p>之后</p>\n"
    )
    assert _grids(text) == [
        [["预算数", "预算数", "执行数"], ["年初", "全年", "执行数"], ["100.00", "120.00", "118.00"]]
    ]
    table = parse_text(text, "t.md").tables()[0]
    assert table.cell_at(1, 2) is table.rows[0][1]  # the merged cell, with the line it was read from
    assert table.rows[2][2].locator.line_start == 4


def test_tab_rows_keep_their_empty_cells() -> None:
    text = "\n".join("\t".join(r) for r in _GRID) + "\n\n后面的段落。\n"
    assert _grids(text) == [_GRID]


def test_tab_led_cells_end_at_a_paragraph_after_one_blank_line() -> None:
    text = "\t科目\n\t金额\n\n\t合计\n\t100.00\n\n下一段写明原因，不属于表格。\n\n\t第二张表\n\t50\n"
    grids = _grids(text)
    assert grids[0] == [["科目", "金额"], ["合计", "100.00"]]
    assert any(b.text == "下一段写明原因，不属于表格。" for b in parse_text(text, "t.txt").blocks)


def test_one_tab_led_line_is_an_indented_paragraph() -> None:
    assert _grids("\t（一）加强资金管理。\n\n其后的段落。\n") == []


def test_one_cell_per_line_rebuilt_from_its_header() -> None:
    # merged level names printed once, the empty 偏差原因 cells not at all, no blank lines
    lines = [*_HEADER, *(c for r in _ROWS for c in r if c)]
    text = "三、绩效目标完成情况\n\n" + "\n".join(lines) + "\n\n四、自评结论\n"
    assert _grids(text) == [_GRID]  # a merged cell stays empty below its first row, as in the tab form
    assert _rebuilt(text) and "one cell per line" in _rebuilt(text)[0]


def test_one_cell_per_line_indented_with_blank_lines_between_rows() -> None:
    body = "\n\n".join("\n".join("    " + c for c in r if c) for r in _GRID)
    grid = _grids(body + "\n\n2023年度自评得分为98分。\n")[0]
    assert [row[2] for row in grid] == [r[2] for r in _GRID]
    assert [row[6] for row in grid] == [r[6] for r in _GRID]


def test_one_cell_per_line_with_blank_lines_between_cells() -> None:
    cells = [c for r in _GRID for c in r if c]
    grid = _grids("\n\n".join(cells) + "\n\n五、存在的问题\n")[0]
    assert [row[3] for row in grid] == [r[3] for r in _GRID]
    assert len(grid) == len(_GRID)


def test_a_numbered_list_is_not_a_one_cell_per_line_table() -> None:
    text = "1. 加强预算编制\n2. 提高执行进度\n3. 完善绩效目标\n4. 强化结果运用\n"
    assert _grids(text) == []


def test_columns_aligned_by_spaces_keep_empty_and_merged_cells_in_place() -> None:
    widths = [12, 14, 14, 12, 12, 6, 6]

    def line(cells: list[str]) -> str:
        out = ""
        for c, w in zip(cells, [*widths, 0], strict=True):
            pad = w - sum(2 if ord(ch) > 0x2E80 else 1 for ch in c)
            out += c + " " * max(pad, 2) if w else c
        return out.rstrip()

    text = "\n".join(line(r) for r in _GRID) + "\n经综合评价，得分为98分。\n"
    assert _grids(text) == [_GRID]
    assert "aligned by spaces" in _rebuilt(text)[0]


def test_cells_run_together_split_by_the_header_and_the_vocabulary() -> None:
    text = (
        "一级指标二级指标 三级指标年度指标值 实际完成值分值得分偏差原因\n"
        "产出指标数量指标培训人次≥200人次 215人次 20 20\n"
        "质量指标 合格率 ≥95% 96.2% 20 18 受客观因素影响未完全达标\n"
        "效益指标社会效益指标群众满意程度明显改善达到预期 30 30\n"
        "四、自评结论\n"
    )
    grid = _grids(text)[0]
    assert grid[0] == _HEADER
    assert [r[2:7] for r in grid[1:]] == [r[2:7] for r in _ROWS]
    assert grid[2][1] == "质量指标" and grid[2][7] == "受客观因素影响未完全达标"


def test_a_paragraph_that_names_column_labels_is_not_a_header() -> None:
    text = "表中列示一级指标、二级指标、三级指标、分值和得分，具体如下。\n"
    assert _grids(text) == []


def test_traditional_characters_read_as_simplified() -> None:
    from transforms.readers.script import as_simplified

    text = "項目績效自評報告\n\n一級指標\t二級指標\t三級指標\t分值\t得分\n產出指標\t數量指標\t培訓人次\t20\t20\n"
    doc = as_simplified(parse_text(text, "t.txt"))
    assert doc.blocks[0].text == "项目绩效自评报告"
    assert doc.tables()[0].rows[0][0].text == "一级指标"
    assert any(parse(w).code == "traditional_script" for w in doc.warnings)
    plain = parse_text("项目绩效自评报告\n", "t.txt")
    assert as_simplified(plain) is plain


def test_bar_rows_a_row_to_a_line_with_a_caption_and_the_label_column_merged_away() -> None:
    text = (
        "部门整体支出绩效自评表 | |||||||\n"
        "预算资金 (万元) |\n"
        "年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | ||||\n"
        "年度资金总额 | 329.77 | 329.77 | 338.31 | 10 | 102.59% | |||||\n"
        "其他资金 | — | — | ||||\n"
        "后面的段落。\n"
    )
    doc = parse_text(text, "t.txt")
    assert doc.blocks[0].table is None  # the caption and its bar stay text (the title)
    (grid,) = _grids(text)
    assert grid[0][:4] == ["", "年初预算数", "全年预算数", "全年执行数"]  # over their figures, not over the labels
    assert grid[1][:4] == ["年度资金总额", "329.77", "329.77", "338.31"]
    assert doc.blocks[-1].text == "后面的段落。"


def test_bar_rows_a_cell_to_a_line_and_a_line_of_bars_to_end_a_row() -> None:
    text = "项目资金 |\n全年预算数 |\n全年执行数 |\n|||\n年度资金总额: |\n40 |\n38 |\n||||\n其他资金 |\n|\n|\n||||\n"
    assert _grids(text) == [
        [["项目资金", "全年预算数", "全年执行数"], ["年度资金总额:", "40", "38"], ["其他资金", "", ""]]
    ]


def test_lines_ending_in_a_bar_without_rows_are_text() -> None:
    assert _grids("绩效自评报告 |\n（2023年度） |\n一、基本情况\n") == []


def test_bar_cells_without_row_ends_rebuilt_from_their_header() -> None:
    labels = ["年初预算数 |", "全年预算数 |", "全年执行数 |", "分值 |", "执行率 |", "得分 |"]
    text = "\n".join(["预算执行情况 |", *labels, "年度资金总额 |", "238.93 |", "251.89 |", "251.89 |", "10 |"])
    text += "\n100.00% |\n10 |\n一、项目基本情况\n"
    grids = _grids(text)
    assert grids and grids[0][0] == ["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    assert grids[0][1] == ["年度资金总额", "238.93", "251.89", "251.89", "10", "100.00%", "10"]
