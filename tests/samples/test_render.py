"""The fixture renderer: deterministic files, table layout rules, header repeat across pages."""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from samples.render import render_docx, render_pdf, render_xlsx, table_layout
from transforms.readers.text import parse_text

TEXT = (
    "# 一、基本情况\n\n本单位2022年总支出为351.44万元。\n\n"
    "项目名称\t\t城乡医疗救助\n资金\t466\t\t\n预算部门\t浮梁县医疗保障局\n"
)


def test_rebuilds_are_byte_identical(tmp_path: Path) -> None:
    for suffix, render in ((".docx", render_docx), (".pdf", render_pdf)):
        a, b = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
        render(TEXT, a)
        render(TEXT, b)
        assert a.read_bytes() == b.read_bytes(), suffix
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for p in (a, b):
        render_xlsx([("表1", [["项目", "金额"], ["基本支出", "351.44"]])], p)
    assert a.read_bytes() == b.read_bytes()


def test_layout_merges_labels_and_short_rows_but_not_figures() -> None:
    (table,) = parse_text(TEXT, "t.txt").tables()
    assert table_layout(table) == [
        [("项目名称", 2), ("城乡医疗救助", 2)],  # a label spans the empty cell before more content
        [("资金", 1), ("466", 1), ("", 1), ("", 1)],  # figures and trailing empty cells stay apart
        [("预算部门", 1), ("浮梁县医疗保障局", 3)],  # a short row's last cell spans the missing columns
    ]


def test_long_table_repeats_its_header_on_every_page(tmp_path: Path) -> None:
    rows = "\n".join(f"项目{i}\t{i}" for i in range(150))
    path = tmp_path / "long.pdf"
    render_pdf(f"项目\t金额\n{rows}\n", path)
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) >= 3
        for page in pdf.pages:
            (table,) = page.extract_tables()
            assert table[0] == ["项目", "金额"]
            assert page.extract_text().strip().endswith(f"- {page.page_number} -")
