"""The accuracy harness (tests/accuracy.py): its scoring is right on known answers, and a small run end to end
through the real nightly flow produces the report (a smoke test: the harness reports, it never fails the build)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from samples.synth import LAYOUTS, generate
from tests import accuracy

NO_PDF = [x for x in LAYOUTS if x != "pdf"]


def _perfect(corpus: Path) -> dict[str, Any]:
    """What a warehouse that got everything right would hold, built from the truth files."""
    found: dict[str, Any] = {"__outcomes__": {}}
    for p in sorted((corpus / "truth").glob("*.json")):
        t = json.loads(p.read_text(encoding="utf-8"))
        m = t["meta"]
        want = accuracy._want(t)
        rules = {fam: sorted(accuracy.RULES_FOR_FAULT[fam])[0] for fam in accuracy.RULES_FOR_FAULT}
        found[t["file"]] = {
            "meta": {
                "unit": m["department"],
                "province": m["province"],
                "city": m["city"],
                "county": m["county"],
                "division_code": m["division_code"],
                "fiscal_year": m["fiscal_year"],
                "filing_date": m["filing_date"],
                "score": want["score"],
                "grade": m["grade"],
            },
            "budget": want["budget_lines"],
            "rates": want["execution_rate"] or [],
            "indicators": want["indicator_rows"],
            "projects": want["project_rows"],
            "issues": [
                {"rule": rules[f["family"]], "severity": "error", "evidence": "", "stated": None} for f in t["faults"]
            ],
        }
    return found


def test_scoring_on_known_answers(tmp_path: Path) -> None:
    generate(32, 9, tmp_path, NO_PDF, fault_rate=0.5)
    perfect = accuracy.score_corpus(tmp_path, _perfect(tmp_path))
    assert all(v == 1.0 for v in perfect["fields"]["all"].values() if v is not None)
    assert all(r["recall"] == 1.0 for r in perfect["fault_recall"].values())
    assert perfect["false_errors"]["clean_with_error"] == 0
    assert perfect["files"] == {"loaded": 32}

    nothing = accuracy.score_corpus(tmp_path, {"__outcomes__": {}})
    assert all(v in (0.0, None) for v in nothing["fields"]["all"].values())
    assert all(r["recall"] == 0.0 for r in nothing["fault_recall"].values())
    assert nothing["files"] == {"missing": 32}

    # one wrong score and one false error are counted as such
    wrong = _perfect(tmp_path)
    name = next(
        k for k, v in wrong.items() if k != "__outcomes__" and v["meta"]["score"] is not None and not v["issues"]
    )
    wrong[name]["meta"]["score"] += Decimal(1)
    wrong[name]["issues"].append({"rule": "rate_execution", "severity": "error", "evidence": "", "stated": None})
    res = accuracy.score_corpus(tmp_path, wrong)
    assert res["fields"]["all"]["score"] < 1.0
    assert res["false_errors"]["clean_with_error"] == 1


@pytest.mark.slow
def test_small_run_through_the_flow(tmp_path: Path) -> None:
    out = tmp_path / "accuracy.json"
    assert (
        accuracy.main(["--n", str(len(LAYOUTS)), "--seed", "2", "--out", str(out), "--work", str(tmp_path / "work")])
        == 0
    )
    res = json.loads(out.read_text(encoding="utf-8"))
    assert {g.removeprefix("layout:") for g in res["fields"] if g.startswith("layout:")} == set(LAYOUTS)
    assert sum(res["files"].values()) == len(LAYOUTS)
    assert res["run"]["files_seen"] >= len(LAYOUTS)
    for row in res["fields"].values():
        assert all(v is None or 0.0 <= v <= 1.0 for v in row.values())
