"""Building test warehouses row by row, for tests of the runner, the macros and the alerts (rule cases are reports
the pipeline reads: tests/expectations/rules/cases.py)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from expectations.catalogue import Rule, load_rules
from warehouse.db import connect

Row = tuple[str, dict[str, Any]]
WAN = Decimal(10000)


def C(kind: str, stated: str, decimals: int, percent: bool = True, **kw: Any) -> Row:
    """A claim; money operands are given in 万元 (``num``/``den``/``change``/``current``/``previous``)."""
    row: dict[str, Any] = {
        "kind": kind,
        "stated_value": Decimal(stated),
        "decimals": decimals,
        "percent": percent,
        "raw_text": kw.pop("raw", f"{kind} {stated}"),
        "locator": "r.txt L10",
    }
    for k in ("num", "den", "change", "current", "previous"):
        if k in kw:
            name = {"num": "numerator_yuan", "den": "denominator_yuan"}.get(k, f"{k}_yuan")
            row[name] = Decimal(kw.pop(k)) * WAN
    row.update(kw)
    return ("core_claims", row)


def warehouse(path: Path) -> duckdb.DuckDBPyConnection:
    """A migrated warehouse file."""
    return connect(path)


def add_report(con: duckdb.DuckDBPyConnection, report_id: str = "r1", **meta: Any) -> None:
    """One current report with sensible metadata."""
    row: dict[str, Any] = {
        "report_id": report_id,
        "report_key": f"k|{report_id}",
        "version": 1,
        "is_current": True,
        "facts_fingerprint": "f",
        "load_id": "t",
        "source_file": f"{report_id}.txt",
        "sha256": report_id * 4,
        "department": "测试局",
        "fiscal_year": 2021,
        "loaded_at": "2022-01-01",
        "warnings": "[]",
    }
    row.update(meta)
    cols = ", ".join(row)
    con.execute(f"INSERT INTO core_reports ({cols}) VALUES ({', '.join('?' * len(row))})", list(row.values()))


def add_rows(con: duckdb.DuckDBPyConnection, rows: tuple[Row, ...], report_id: str = "r1") -> None:
    """Insert fact rows for a report, numbering line_no per table."""
    counters: dict[str, int] = {}
    for table, values in rows:
        row = {"report_id": report_id, "load_id": "t", **values}
        if table != "core_evidence":
            row["line_no"] = counters.get(table, 0)
            counters[table] = row["line_no"] + 1
        cols = ", ".join(row)
        con.execute(f"INSERT INTO {table} ({cols}) VALUES ({', '.join('?' * len(row))})", list(row.values()))


def rule_by_id(rule_id: str) -> Rule:
    """The catalogue rule with this id."""
    return next(r for r in load_rules() if r.id == rule_id)


def violations(con: duckdb.DuckDBPyConnection, rule: Rule) -> list[dict[str, Any]]:
    """The rule's violating rows, run directly in DuckDB ({batch} bound to core_reports as GX does)."""
    from expectations.macros import install

    install(con)
    cur = con.execute(rule.sql.replace("{batch}", "core_reports"))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
