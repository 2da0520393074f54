"""The column vocabulary and the placing of cells whose table lost its separators."""

from __future__ import annotations

from transforms.readers.columns import label_role, split_labels, split_words, value_shape
from transforms.readers.text_tables.assign import Token, assign


def test_labels_name_a_role_with_bracketed_suffixes() -> None:
    assert label_role("全年预算数（A）") == ("amount", "amount")
    assert label_role("执行率（%）") == ("rate", "rate")
    assert label_role("未完成原因及拟采取的改进措施") == ("note", "note")
    assert label_role("全年完成值") == ("actual", "measure")
    assert label_role("二级指标") == ("level2", "level2")
    assert label_role("培训人次") is None


def test_a_run_of_labels_splits_with_the_longest_label_that_lets_the_rest_split() -> None:
    assert split_labels("序号项目名称年初预算数全年预算数全年执行数执行率自评得分") == [
        "序号",
        "项目名称",
        "年初预算数",
        "全年预算数",
        "全年执行数",
        "执行率",
        "自评得分",
    ]
    assert split_labels("一级指标二级指标 三级指标分值") == ["一级指标", "二级指标", "三级指标", "分值"]
    assert split_labels("一级指标二级指标以及其他") is None


def test_fused_cells_split_at_level_names_values_and_qualitative_words() -> None:
    assert split_words("产出指标（60分）数量指标道路养护里程") == ["产出指标（60分）", "数量指标", "道路养护里程"]
    assert split_words("村级运转经费≤8万元") == ["村级运转经费", "≤8万元"]
    assert split_words("群众就医负担逐步提高达到预期") == ["群众就医负担", "逐步提高", "达到预期"]
    assert split_words("患者满意度") == ["患者满意度"]  # a name holding a vocabulary word stays whole


def test_value_shapes() -> None:
    assert [value_shape(t) for t in ("", "—", "3", "12.5", "96.2%", "≥95%", "215人次", "产出指标", "培训人次")] == [
        "empty",
        "dash",
        "seq",
        "number",
        "percent",
        "measure",
        "measure",
        "level1",
        "text",
    ]


def _tokens(*texts: str) -> list[Token]:
    return [Token(t, k + 1) for k, t in enumerate(texts)]


def test_cells_go_in_the_columns_their_values_fit_and_rows_restart() -> None:
    kinds = ["level1", "level2", "text", "measure", "measure", "number", "number", "note"]
    rows = assign(
        _tokens(
            "产出指标",
            "数量指标",
            "培训人次",
            "≥200人次",
            "215人次",
            "20",
            "20",
            "合格率",
            "≥95%",
            "96.2%",
            "20",
            "18",
            "部分任务顺延至下年",
        ),
        kinds,
        "free",
    )
    assert rows is not None
    assert [[c for c, _ in r] for r in rows] == [[0, 1, 2, 3, 4, 5, 6], [2, 3, 4, 5, 6, 7]]


def test_blank_lines_between_rows_decide_the_breaks() -> None:
    kinds = ["text", "amount", "amount", "rate"]
    toks = [
        Token("基本支出", 1),
        Token("100.00", 2),
        Token("98.00", 3),
        Token("98.00%", 4),
        Token("项目支出", 6, after_blank=True),
        Token("50.00", 7),
        Token("45.00", 8),
    ]
    rows = assign(toks, kinds, "blank")
    assert rows is not None and [[c for c, _ in r] for r in rows] == [[0, 1, 2, 3], [0, 1, 2]]


def test_a_cell_that_fits_no_column_means_no_table() -> None:
    assert assign(_tokens("96.2%"), ["text", "amount"], "none") is None
