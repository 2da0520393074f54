"""Extraction accuracy against hand-checked ground truth (tests/truth/*.json) on the real seed reports.

Run ``.venv/bin/pytest tests/transforms/extract/test_accuracy.py -q -s`` to print the precision/recall table.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from transforms.extract import extract_report
from transforms.facts import ReportFacts
from transforms.readers import read_document

ROOT = Path(__file__).resolve().parents[3]
SEEDS = ROOT.parent / "shared" / "seeds"
TRUTH = ROOT / "tests" / "truth"

# Floors set from measurement (all fields measured at 1.00 on the five seeds); a drop below them is a regression.
FLOORS: dict[str, float] = {
    "department": 0.95,
    "region": 0.95,
    "fiscal_year": 0.95,
    "filing_date": 0.95,
    "score": 0.95,
    "grade": 0.95,
    "budget_total": 0.95,
    "budget_lines": 0.95,
    "execution_rate": 0.95,
    "indicator_rows": 0.95,
    "project_rows": 0.95,
    "score_lines": 0.95,
}


def _fmt(x: Decimal | None, scale: int = 1) -> str | None:
    return None if x is None else format((x / scale).normalize(), "f")


def _meta(f: ReportFacts) -> dict[str, Any]:
    m = f.meta
    return {
        "department": m.department,
        "region": (m.province, m.city, m.county) if m.province else None,
        "fiscal_year": m.fiscal_year,
        "filing_date": m.filing_date.isoformat() if m.filing_date else None,
        "score": _fmt(m.self_eval_score),
        "grade": m.grade,
    }


def _truth_meta(t: dict[str, Any]) -> dict[str, Any]:
    m = t["meta"]
    return {
        "department": m["department"],
        "region": (m["province"], m["city"], m["county"]) if m["province"] else None,
        "fiscal_year": m["fiscal_year"],
        "filing_date": m["filing_date"],
        "score": m["self_eval_score"],
        "grade": m["grade"],
    }


def _collections(f: ReportFacts) -> dict[str, list[tuple[Any, ...]]]:
    budget = sorted({(b.category, b.phase, _fmt(b.amount_yuan, 10000)) for b in f.budget_lines if b.subject is None})
    return {
        "budget_total": [b for b in budget if b[0] == "total"],
        "budget_lines": budget,
        "execution_rate": sorted(
            {(_fmt(c.stated_value),) for c in f.claims if c.kind == "execution_rate" and c.subject == "total"}
        ),
        "indicator_rows": [
            (
                i.owner,
                i.level3,
                i.target.raw if i.target else None,
                i.actual.raw if i.actual else None,
                _fmt(i.weight),
                _fmt(i.score),
            )
            for i in f.indicators
        ],
        "project_rows": [
            (
                p.name,
                p.origin,
                _fmt(p.initial_yuan, 10000),
                _fmt(p.full_year_yuan, 10000),
                _fmt(p.executed_yuan, 10000),
                _fmt(p.score),
            )
            for p in f.projects
            if not p.is_total
        ],
        "score_lines": [(s.owner, s.level, s.name, _fmt(s.weight), _fmt(s.score)) for s in f.scores],
    }


def _truth_collections(t: dict[str, Any]) -> dict[str, list[tuple[Any, ...]]]:
    budget = sorted({(b["category"], b["phase"], b["amount_wan"]) for b in t["budget"]})
    return {
        "budget_total": [b for b in budget if b[0] == "total"],
        "budget_lines": budget,
        "execution_rate": [(r,) for r in t["execution_rate"]],
        "indicator_rows": [
            (i["owner"], i["level3"], i["target"], i["actual"], i["weight"], i["score"]) for i in t["indicators"]
        ],
        "project_rows": [
            (p["name"], p["origin"], p["initial_wan"], p["full_year_wan"], p["executed_wan"], p["score"])
            for p in t["projects"]
        ],
        "score_lines": [(s["owner"], s["level"], s["name"], s["weight"], s["score"]) for s in t["scores"]],
    }


class _Tally:
    def __init__(self) -> None:
        self.tp = Counter[str]()
        self.predicted = Counter[str]()
        self.actual = Counter[str]()

    def scalar(self, name: str, got: Any, want: Any) -> None:
        self.predicted[name] += got is not None
        self.actual[name] += want is not None
        self.tp[name] += got is not None and got == want

    def multiset(self, name: str, got: Iterable[tuple[Any, ...]], want: Iterable[tuple[Any, ...]]) -> None:
        g, w = Counter(got), Counter(want)
        self.predicted[name] += sum(g.values())
        self.actual[name] += sum(w.values())
        self.tp[name] += sum((g & w).values())

    def table(self) -> dict[str, tuple[float, float, int, int]]:
        def ratio(a: int, b: int) -> float:
            return a / b if b else 1.0

        return {
            n: (
                ratio(self.tp[n], self.predicted[n]),
                ratio(self.tp[n], self.actual[n]),
                self.predicted[n],
                self.actual[n],
            )
            for n in FLOORS
        }


def measure(seeds: list[Path], extract: Callable[[Path], ReportFacts]) -> dict[str, tuple[float, float, int, int]]:
    """Precision and recall per field over the seeds that have ground truth."""
    tally = _Tally()
    for seed in seeds:
        truth = json.loads((TRUTH / f"{seed.stem}.json").read_text(encoding="utf-8"))
        facts = extract(seed)
        got_meta, want_meta = _meta(facts), _truth_meta(truth)
        for name in want_meta:
            tally.scalar(name, got_meta[name], want_meta[name])
        got, want = _collections(facts), _truth_collections(truth)
        for name in want:
            tally.multiset(name, got[name], want[name])
    return tally.table()


def test_accuracy_meets_floors() -> None:
    seeds = sorted(p for p in SEEDS.glob("*.txt") if (TRUTH / f"{p.stem}.json").exists()) if SEEDS.is_dir() else []
    if not seeds:
        pytest.skip("seed reports not available (../shared/seeds)")
    table = measure(seeds, lambda p: extract_report(read_document(p)))
    print(f"\n{'field':<16}{'precision':>10}{'recall':>8}{'extracted':>11}{'truth':>7}")
    for name, (prec, rec, n_pred, n_true) in table.items():
        print(f"{name:<16}{prec:>10.3f}{rec:>8.3f}{n_pred:>11}{n_true:>7}")
    below = {n: v[:2] for n, v in table.items() if min(v[0], v[1]) < FLOORS[n]}
    assert not below, f"fields below their floors: {below}"
