"""Building test warehouses row by row: one report plus the fact rows a rule case needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from expectations.catalogue import Rule, load_rules
from warehouse.db import connect

Row = tuple[str, dict[str, Any]]
WAN = Decimal(10000)


@dataclass(frozen=True)
class Case:
    """The rows of one rule case (report meta overrides go in ``report``)."""

    rows: tuple[Row, ...] = ()
    report: dict[str, Any] = field(default_factory=dict)


def B(category: str, phase: str, wan: str, source: str = "table", raw: str | None = None, unit: str = "万元",
      subject: str | None = None, locator: str | None = None) -> Row:
    """A budget line in 万元 as printed."""
    return ("core_budget_lines", {"category": category, "phase": phase, "amount_yuan": Decimal(wan) * WAN,
                                  "unit": unit, "source": source, "subject": subject,
                                  "raw_text": raw if raw is not None else wan,
                                  "locator": locator or f"r.txt 表1 行{category}{phase}"})


def C(kind: str, stated: str, decimals: int, percent: bool = True, **kw: Any) -> Row:
    """A claim; money operands are given in 万元 (``num``/``den``/``change``/``current``/``previous``)."""
    row: dict[str, Any] = {"kind": kind, "stated_value": Decimal(stated), "decimals": decimals, "percent": percent,
                           "raw_text": kw.pop("raw", f"{kind} {stated}"), "locator": "r.txt L10"}
    for k in ("num", "den", "change", "current", "previous"):
        if k in kw:
            name = {"num": "numerator_yuan", "den": "denominator_yuan"}.get(k, f"{k}_yuan")
            row[name] = Decimal(kw.pop(k)) * WAN
    row.update(kw)
    return ("core_claims", row)


def S(level: str, name: str, weight: str | None, score: str | None, owner: str = "department",
      locator: str = "r.txt") -> Row:
    """A score line (``locator`` names its table, 表N, when it was read from one)."""
    return ("core_scores", {"level": level, "name": name, "owner": owner,
                            "weight": None if weight is None else Decimal(weight),
                            "score": None if score is None else Decimal(score), "raw_text": name, "locator": locator})


def I(level3: str, weight: str | None, score: str | None, owner: str = "department", **kw: Any) -> Row:  # noqa: E743
    """An indicator row."""
    row: dict[str, Any] = {"owner": owner, "level3": level3, "weight": None if weight is None else Decimal(weight),
                           "score": None if score is None else Decimal(score), "raw_text": level3, "locator": "r.txt"}
    row.update(kw)
    return ("core_indicators", row)


def P(name: str, origin: str, **kw: Any) -> Row:
    """A project row; money in 万元."""
    row: dict[str, Any] = {"name": name, "origin": origin, "raw_text": name, "locator": f"r.txt {origin}"}
    for k, v in kw.items():
        row[k] = Decimal(v) * WAN if k.endswith("_yuan") else v
    return ("core_projects", row)


def W(code: str, detail: str = "") -> Row:
    """A warning code left on the report by a reader, an extractor or the ingest stage."""
    return ("core_warnings", {"code": code, "detail": detail})


def E(field_name: str, raw: str) -> Row:
    """An evidence row for a report field."""
    return ("core_evidence", {"field": field_name, "raw_text": raw, "locator": "r.txt L1"})


def warehouse(path: Path) -> duckdb.DuckDBPyConnection:
    """A migrated warehouse file."""
    return connect(path)


def add_report(con: duckdb.DuckDBPyConnection, report_id: str = "r1", **meta: Any) -> None:
    """One current report with sensible metadata."""
    row: dict[str, Any] = {"report_id": report_id, "report_key": f"k|{report_id}", "version": 1, "is_current": True,
                           "facts_fingerprint": "f", "load_id": "t", "source_file": f"{report_id}.txt",
                           "sha256": report_id * 4, "department": "测试局", "fiscal_year": 2021,
                           "loaded_at": "2022-01-01", "warnings": "[]"}
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
