"""The catalogue is complete: every rule has its metadata, its query, messages in both languages that show the
values, and a failing and a passing test case."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from expectations.catalogue import FAMILIES, RULES_DIR, SEVERITIES, load_rules
from tests.expectations.rules.cases import rule_cases

REQUIRED = ("id", "family", "severity", "description", "applies_to", "message_zh", "message_en")
COLUMNS = (
    "report_id",
    "subject",
    "stated_value",
    "computed_value",
    "difference",
    "tolerance",
    "evidence_text",
    "source_locator",
)
RULE_IDS = sorted(p.stem for p in RULES_DIR.glob("*.yaml"))


def _placeholders_required(sql: str) -> tuple[str, ...]:
    """A rule that compares figures shows both, the difference and the tolerance; a reading note shows its subject."""
    if "NULL::DOUBLE AS difference" in sql:
        return ("{subject}",)
    return ("{stated}", "{computed}", "{difference}", "{tolerance}")


def test_every_yaml_has_its_sql_and_every_sql_its_yaml() -> None:
    assert sorted(p.stem for p in RULES_DIR.glob("*.sql")) == RULE_IDS
    assert len(load_rules()) == len(RULE_IDS) >= 45


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_metadata_messages_and_cases(rule_id: str) -> None:
    meta = yaml.safe_load((RULES_DIR / f"{rule_id}.yaml").read_text(encoding="utf-8"))
    sql = (RULES_DIR / f"{rule_id}.sql").read_text(encoding="utf-8")
    missing = [k for k in REQUIRED if not str(meta.get(k) or "").strip()]
    assert not missing, f"{rule_id}: yaml lacks {missing}"
    assert meta["severity"] in SEVERITIES and meta["family"] in FAMILIES
    assert "{batch}" in sql and "is_current" in sql, f"{rule_id}: query must read current reports from {{batch}}"
    # GX fills the query as a template: any other brace ({2} of a regex) breaks the rule at run time
    assert "{" not in sql.replace("{batch}", "") and "}" not in sql.replace("{batch}", ""), f"{rule_id}: braces"
    assert all(c in sql for c in COLUMNS), f"{rule_id}: query must return {COLUMNS}"
    for lang in ("message_zh", "message_en"):
        absent = [p for p in _placeholders_required(sql) if p not in meta[lang]]
        assert not absent, f"{rule_id}: {lang} does not show {absent}"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in meta["message_zh"]), f"{rule_id}: message_zh is not Chinese"
    cases = meta.get("cases") or []
    fires = {bool(c.get("fires")) for c in cases}
    assert {True, False} <= fires, f"{rule_id}: its yaml needs a case that fires and one that does not"


def test_every_case_is_a_report_with_a_name() -> None:
    for case in rule_cases():
        assert case.name and (case.report.strip() or case.sheets), case.key


def test_catalogue_check_fails_on_an_incomplete_rule(tmp_path: Path) -> None:
    (tmp_path / "orphan.yaml").write_text("id: orphan\nfamily: sums\nseverity: error\n", encoding="utf-8")
    with pytest.raises(ValueError):
        load_rules(tmp_path)
