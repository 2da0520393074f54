"""Exports for people who do not write SQL, written from the published snapshot after each run (and by
``jixiao publish``): Parquet and Excel-ready CSV (UTF-8 with a BOM) per mart and view, one XLSX workbook (a sheet per
mart and one of open issues with their evidence; Chinese headers, number formats, frozen header rows) and a data
dictionary generated from the column comments."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from warehouse.db import Pair, comment_pairs

MARTS = ("summary_province_year", "summary_region", "indicator_achievement", "project_summary", "dq_scoreboard")
VIEWS = ("reports", "budget_lines", "projects", "indicators", "claims", "dq_issues")
OPEN_ISSUES = (
    "SELECT severity, rule_id, department, message_zh, message_en, stated_value, computed_value, "
    "difference, tolerance, evidence_text, source_locator, status, issue_id, report_id FROM dq_issues "
    "WHERE status IN ('open', 'waived') ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 "
    "ELSE 2 END, department, rule_id"
)
_SHEET_TITLES = {
    "summary_province_year": "省份年度汇总",
    "summary_region": "单位汇总",
    "indicator_achievement": "指标完成",
    "project_summary": "项目汇总",
    "dq_scoreboard": "规则通过率",
    "open_issues": "待处理问题",
}


def _frame(con: duckdb.DuckDBPyConnection, sql: str) -> pl.DataFrame:
    return pl.from_arrow(con.sql(sql).to_arrow_table())  # type: ignore[return-value]


def write_atomic(path: Path, write: Any) -> Path:
    """Write through a temporary file beside ``path`` and move it in, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(Path(name))
        Path(name).chmod(0o644)
        os.replace(name, path)
    finally:
        if os.path.exists(name):
            os.unlink(name)
    return path


def _number_format(column: str, dtype: pl.DataType) -> str | None:
    if column.endswith(("_rate", "_share")):
        return "0.00%"
    if column.endswith("_yuan") or column.endswith("_wan"):
        return "#,##0.00"
    if dtype.is_integer():
        return "0"
    if dtype.is_numeric():
        return "0.00"
    return None


def _sheet(wb: Any, title: str, frame: pl.DataFrame, names: dict[str, Pair]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    ws.append([names.get(c, (c, c))[0] for c in frame.columns])  # Chinese header
    ws.append([names.get(c, (c, c))[1] for c in frame.columns])  # English header
    for cell in (*ws[1], *ws[2]):
        cell.font = Font(bold=True)
    for row in frame.iter_rows():
        ws.append([float(v) if hasattr(v, "as_tuple") else v for v in row])  # Decimal: a number Excel computes with
    for i, (column, dtype) in enumerate(zip(frame.columns, frame.dtypes, strict=True), start=1):
        letter = get_column_letter(i)
        fmt = _number_format(column, dtype)
        if fmt:
            for (cell,) in ws.iter_rows(min_row=3, min_col=i, max_col=i):
                cell.number_format = fmt
        width = max(len(names.get(column, (column, column))[0]) * 2, 10)
        ws.column_dimensions[letter].width = min(width, 40)
    ws.freeze_panes = "A3"


def data_dictionary(con: duckdb.DuckDBPyConnection, comments: dict[str, tuple[Pair, dict[str, Pair]]]) -> str:
    """Markdown: every exported table, what one row is, and each column's type and meaning in both languages."""
    out = [
        "# 数据字典 / Data dictionary",
        "",
        "每个导出表一节：表的含义，以及每列的类型与含义（中文 / English）。 / One section per exported table.",
        "",
    ]
    for view in (*MARTS, *VIEWS):
        (zh, en), columns = comments.get(view, (("", ""), {}))
        out += [
            f"## `{view}`",
            "",
            f"{zh}",
            "",
            f"{en}",
            "",
            "| 列 column | 类型 type | 中文 | English |",
            "|---|---|---|---|",
        ]
        for column, dtype in con.execute(
            f"SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = '{view}' ORDER BY column_index"
        ).fetchall():
            czh, cen = columns.get(column, ("", ""))
            out.append(f"| `{column}` | {dtype} | {czh} | {cen} |")
        out.append("")
    return "\n".join(out)


def export_all(snapshot: Path, target: Path) -> list[Path]:
    """Write every export of the snapshot into ``target``; return the files written."""
    from openpyxl import Workbook

    comments = comment_pairs()
    con = duckdb.connect(str(snapshot), read_only=True)
    written: list[Path] = []
    try:
        frames = {name: _frame(con, f"SELECT * FROM {name}") for name in (*MARTS, *VIEWS)}
        for name, frame in frames.items():
            written.append(write_atomic(target / "parquet" / f"{name}.parquet", lambda p, f=frame: f.write_parquet(p)))
            written.append(
                write_atomic(target / "csv" / f"{name}.csv", lambda p, f=frame: f.write_csv(p, include_bom=True))
            )
        issues = _frame(con, OPEN_ISSUES)
        wb = Workbook()
        wb.remove(wb.active)
        for name in MARTS:
            _sheet(wb, _SHEET_TITLES[name], frames[name], comments[name][1])
        _sheet(wb, _SHEET_TITLES["open_issues"], issues, comments["dq_issues"][1])
        written.append(write_atomic(target / "jixiao.xlsx", lambda p: wb.save(p)))
        text = data_dictionary(con, comments)
        written.append(write_atomic(target / "data_dictionary.md", lambda p: p.write_text(text, encoding="utf-8")))
    finally:
        con.close()
    return written
