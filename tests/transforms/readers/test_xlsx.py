"""XLSX reader and renderer: sheets, merged ranges, number formats."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from samples.render import render_xlsx
from transforms.readers.errors import EmptyFile
from transforms.readers.xlsx import format_value, read_xlsx

HEADER = ["项目", "全年预算数", "全年预算数", "执行率"]


def test_sheets_and_merged_header_read_back(tmp_path: Path) -> None:
    rows = [HEADER, ["城乡医疗救助", "919.085", "466", "100%"], ["医保工作经费", "75.28", "0.50", "97.63%"]]
    path = tmp_path / "r.xlsx"
    render_xlsx([("附表1", rows), ("附表2", [["单位名称", "单位性质"], ["承德市医疗保障局", "行政"]])], path)
    doc = read_xlsx(path)
    assert [b.text for b in doc.blocks if b.kind == "heading"] == ["附表1", "附表2"]
    first, second = doc.tables()
    assert first.grid() == rows
    merged = first.cell_at(0, 2)
    assert merged is not None and merged.colspan == 2 and merged.col == 1
    assert first.cell_at(2, 3) is not None and first.cell_at(2, 3).locator.render() == "r.xlsx 附表1!D3"
    assert second.grid()[1] == ["承德市医疗保障局", "行政"]


def test_values_print_as_the_sheet_shows_them() -> None:
    assert format_value(0.9763, "0.00%") == "97.63%"
    assert format_value(1, "0%") == "100%"
    assert format_value(0.5, "0.00") == "0.50"
    assert format_value(1218.39, "General") == "1218.39"
    assert format_value(0.1 + 0.2, "General") == "0.3"
    assert format_value(dt.datetime(2023, 4, 12), "yyyy-mm-dd") == "2023-04-12"


def test_hidden_sheet_read_with_warning_and_empty_book_quarantined(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "全年执行数"
    wb.active.sheet_state = "hidden"
    wb.create_sheet("空表")
    path = tmp_path / "hidden.xlsx"
    wb.save(path)
    doc = read_xlsx(path)
    assert doc.tables()[0].grid() == [["全年执行数"]]
    assert any(w.startswith("hidden_sheet") for w in doc.warnings)
    empty = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(empty)
    with pytest.raises(EmptyFile):
        read_xlsx(empty)
