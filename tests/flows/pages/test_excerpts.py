"""The lines around an issue's evidence in a text or DOCX source: a table's header above the row named, a sentence
between its neighbours."""

from __future__ import annotations

from pathlib import Path

from flows.pages.excerpts import source_excerpt
from transforms.readers import read_document

REPORT = """## 甲县医疗保障局2023年度部门整体支出绩效自评报告

一、部门基本情况

2023年度全年预算数为1200万元，全年执行数为1100万元。

部门预算执行率为100.73%。

二、支出情况

| 项目 | 全年预算数 | 全年执行数 |
| --- | --- | --- |
| 基本支出 | 700.00 | 650.00 |
| 项目支出 | 500.00 | 450.00 |
"""


def test_a_table_cell_shows_the_header_above_its_row(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    doc = read_document(tmp_path / "r.txt")
    table = next(b for b in doc.blocks if b.table is not None)
    row = table.table.rows[2]  # 项目支出 (rows: header, 基本支出, 项目支出)
    locator = row[2].locator.render()
    lines = source_excerpt(doc, locator)
    assert lines[0].header and lines[0].text.startswith("项目 | 全年预算数")
    assert [x.text for x in lines if x.hit] == ["项目支出 | 500.00 | 450.00"]


def test_a_sentence_shows_with_its_neighbours(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    doc = read_document(tmp_path / "r.txt")
    block = next(b for b in doc.blocks if "100.73%" in b.text)
    lines = source_excerpt(doc, block.locator.render())
    assert [x.text for x in lines if x.hit] == ["部门预算执行率为100.73%。"]
    assert len(lines) == 3 and "1200万元" in lines[0].text


def test_a_locator_naming_nothing_gives_no_excerpt(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    assert source_excerpt(read_document(tmp_path / "r.txt"), "r.txt") == []
