"""DOCX reader: document order, headings, merged cells, nested tables, character folding."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from transforms.readers.docx import read_docx
from transforms.readers.errors import EmptyFile


def test_blocks_in_order_with_spans_and_nested_tables(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_heading("一、基本情况", level=1)
    d.add_paragraph("本单位⼀般公共预算⽀出351.44万元。")  # Kangxi radicals as Word PDFs and some DOCX carry them
    t = d.add_table(rows=3, cols=4)
    t.cell(0, 1).merge(t.cell(0, 3))
    t.cell(1, 0).merge(t.cell(2, 0))
    for (r, c), text in {
        (0, 0): "项目名称",
        (0, 1): "城乡医疗救助",
        (1, 0): "资金",
        (1, 1): "年初预算数",
        (2, 1): "466",
        (2, 3): "100%",
    }.items():
        t.cell(r, c).text = text
    inner = t.cell(1, 3).add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "内表", "1"
    d.add_paragraph("（一）绩效目标")
    path = tmp_path / "r.docx"
    d.save(str(path))

    doc = read_docx(path)
    kinds = [(b.kind, b.level) for b in doc.blocks]
    assert kinds == [("heading", 1), ("paragraph", 0), ("table", 0), ("table", 0), ("heading", 2)]
    assert doc.blocks[1].text == "本单位一般公共预算支出351.44万元。"
    outer, nested = doc.tables()
    name = outer.cell_at(0, 2)
    assert name is not None and (name.text, name.col, name.colspan) == ("城乡医疗救助", 1, 3)
    label = outer.cell_at(2, 0)
    assert label is not None and (label.text, label.row, label.rowspan) == ("资金", 1, 2)
    assert outer.grid()[2] == ["资金", "466", "", "100%"]
    assert nested.grid() == [["内表", "1"]]
    assert (nested.locator.table, outer.locator.table) == (2, 1)
    assert doc.blocks[1].locator.render() == "r.docx L2"


def test_document_without_text_is_quarantined(tmp_path: Path) -> None:
    path = tmp_path / "blank.docx"
    docx.Document().save(str(path))
    with pytest.raises(EmptyFile):
        read_docx(path)
