"""The cases each rule carries in its YAML (``cases:``), as report files the tests write and the pipeline reads.

A case is a small report, written the way units write them: the rule must fire on a case marked ``fires: true`` and
stay silent on the others. The nightly stages read, extract and load each case, so what a rule judges is the fact
set the extractors find, never rows written into the core tables.

Keys of a case: ``name`` (unique within the rule), ``fires``, ``report`` (the body), and optionally ``title`` (the
first line; by default a department report of 2023 by a unit of its own, ``{unit}``), ``file`` (the file name,
``{unit}`` allowed: an attachment, a workbook), ``sheets`` (a workbook: sheet name to rows, ``hidden: true`` to hide
one) and ``breaks`` (an extractor that raises while this case is read).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from expectations.catalogue import RULES_DIR

DEFAULT_TITLE = "## {unit}2023年度部门整体支出绩效自评报告"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"


@dataclass(frozen=True)
class RuleCase:
    """One case of one rule."""

    rule_id: str
    name: str
    fires: bool
    report: str
    title: str = DEFAULT_TITLE
    file: str | None = None
    sheets: dict[str, Any] = field(default_factory=dict)
    breaks: str | None = None

    @property
    def key(self) -> str:
        return f"{self.rule_id}.{self.name}"


def unit_for(n: int) -> str:
    """A unit name of its own for case n, so no two cases are versions of one report."""
    tail = _STEMS[n // 120 - 1] if n >= 120 else ""
    return f"{_STEMS[n % 10]}{_BRANCHES[(n // 10) % 12]}{tail}县医疗保障局"


def rule_cases(rules_dir: Path = RULES_DIR) -> list[RuleCase]:
    """Every case of every rule, in rule-file order."""
    out: list[RuleCase] = []
    for path in sorted(rules_dir.glob("*.yaml")):
        meta = yaml.safe_load(path.read_text(encoding="utf-8"))
        for c in meta.get("cases") or ():
            out.append(
                RuleCase(
                    rule_id=meta["id"],
                    name=c["name"],
                    fires=bool(c["fires"]),
                    report=c.get("report", ""),
                    title=c.get("title", DEFAULT_TITLE),
                    file=c.get("file"),
                    sheets=c.get("sheets") or {},
                    breaks=c.get("breaks"),
                )
            )
    return out


def write_case(case: RuleCase, n: int, inbox: Path) -> Path:
    """The case as a file in the inbox: text, or a workbook when it gives sheets."""
    unit = unit_for(n)
    name = (case.file or f"{case.key}.{'xlsx' if case.sheets else 'txt'}").replace("{unit}", unit)
    path = inbox / name
    if case.sheets:
        from openpyxl import Workbook

        wb = Workbook()
        wb.remove(wb.active)
        for sheet_name, spec in case.sheets.items():
            ws = wb.create_sheet(sheet_name)
            for row in spec["rows"]:
                ws.append([str(v).replace("{unit}", unit) if isinstance(v, str) else v for v in row])
            if spec.get("hidden"):
                ws.sheet_state = "hidden"
        wb.save(path)
        return path
    text = "\n\n".join(part for part in (case.title, case.report) if part)
    path.write_text(text.replace("{unit}", unit) + "\n", encoding="utf-8")
    return path
