"""Text table forms other than tab rows: markdown/pipe tables and HTML <table> fragments."""

from __future__ import annotations

from transforms.readers.text import parse_text


def _tables(text: str) -> list[list[list[str]]]:
    doc = parse_text(text, "t.md")
    return [[[c.text for c in r] for r in b.table.rows] for b in doc.blocks if b.table is not None]


def test_pipe_table_with_separator_ragged_rows_and_an_open_last_cell() -> None:
    text = "| 指标 | 分值 | 得分 |\n|:---|---:|---|\n| 培训次数 | 10 | 9.5 |\n| 满意度 | 10\n后面的段落。\n"
    assert _tables(text) == [[["指标", "分值", "得分"], ["培训次数", "10", "9.5"], ["满意度", "10"]]]
    assert parse_text(text, "t.md").blocks[-1].text == "后面的段落。"


def test_pipe_table_without_separator_row_and_empty_cells() -> None:
    assert _tables("| 产出指标 | 数量指标 | 人数 |\n|  |  | 次数 |\n") == [
        [["产出指标", "数量指标", "人数"], ["", "", "次数"]]]


def test_a_sentence_with_one_bar_is_not_a_table() -> None:
    assert _tables("收入|支出情况如下。\n一、基本情况\n") == []


def test_html_table_with_spanning_header() -> None:
    text = ('<p>说明</p>\n<table border="1"><tr><td colspan="2">预算数</td><td rowspan="2">执行数</td></tr>\n'
            "<tr><td>年初</td><td>全年</td></tr>\n<tr><td>100.00</td><td>120.00</td><td>118.00</td></tr>\n"
            "</table>\n<p>之后</p>\n")
    assert _tables(text) == [[["预算数", "", "执行数"], ["年初", "全年"], ["100.00", "120.00", "118.00"]]]
