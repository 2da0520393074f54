"""``make heldout TEXTS=DIR``: extraction scored on real published reports nobody tuned the pipeline to.

``tests/heldout/<set>/<id>.json`` holds, for each report, where it was published and the figures a person read off
it by hand (truth). The reports' texts are third-party and stay out of the repository: ``DIR/<set>/<id>.txt``, the
text as the search tool's stored page gives it (tests/heldout/README.md). A report whose text is absent is skipped
and counted. Each text is read and extracted as a night reads a text submission (readers, then extractors), and
every field is scored four ways: right, missed (stated, not found), wrong (found another value) and spurious
(found, though the report does not state it). Never fails the build; writes ``bench/heldout.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TRUTH = ROOT / "tests" / "heldout"
FIELDS = (
    "department",
    "province",
    "city",
    "county",
    "fiscal_year",
    "filing_date",
    "self_eval_score",
    "grade",
    "budget_full_year_wan",
    "budget_initial_wan",
    "executed_wan",
    "execution_rate",
)
SHORT = dict(
    zip(
        FIELDS,
        ("unit", "prov", "city", "cnty", "year", "date", "scor", "grad", "bud", "init", "exe", "rate"),
        strict=True,
    )
)
_MONEY = ("budget_full_year_wan", "budget_initial_wan", "executed_wan")
_PHASE = {"budget_full_year_wan": "adjusted", "budget_initial_wan": "initial", "executed_wan": "executed"}
_WAN = Decimal(10000)


def _dec(x: Any) -> Decimal | None:
    return None if x in (None, "") else Decimal(str(x)).normalize()


def found(facts: Any) -> dict[str, Any]:
    """The fields as the extractors give them: the report's own totals (no subject) and its total execution rate;
    an amount stated as several different values is a set of them (which is wrong against one truth)."""
    m = facts.meta

    def amounts(phase: str) -> set[Decimal]:
        return {
            (b.amount_yuan / _WAN).normalize()
            for b in facts.budget_lines
            if b.category == "total" and b.phase == phase and b.subject is None
        }

    return {
        "department": m.department,
        "province": m.province,
        "city": m.city,
        "county": m.county,
        "fiscal_year": m.fiscal_year,
        "filing_date": m.filing_date.isoformat() if m.filing_date else None,
        "self_eval_score": _dec(m.self_eval_score),
        "grade": m.grade,
        **{f: amounts(_PHASE[f]) for f in _MONEY},
        "execution_rate": {
            c.stated_value.normalize() for c in facts.claims if c.kind == "execution_rate" and c.subject == "total"
        },
    }


def wanted(truth: dict[str, Any]) -> dict[str, Any]:
    """The truth file's fields in the same shapes: money and rates as sets of one value (or none)."""
    out = dict(truth)
    out["self_eval_score"] = _dec(truth.get("self_eval_score"))
    for f in (*_MONEY, "execution_rate"):
        value = _dec(truth.get(f))
        out[f] = set() if value is None else {value}
    return out


def outcome(want: Any, got: Any) -> str:
    """right | missed | wrong | spurious | unstated (neither states it)."""
    empty_w, empty_g = want in (None, "", set()), got in (None, "", set())
    if empty_w:
        return "unstated" if empty_g else "spurious"
    if empty_g:
        return "missed"
    return "right" if want == got else "wrong"


def score(texts: Path, sets: list[str] | None = None, truth: Path = TRUTH) -> dict[str, Any]:
    """Every report of the chosen sets (folders of ``truth``) whose text is in ``texts``: outcomes per field,
    overall and by kind of report."""
    from transforms.extract import extract_report
    from transforms.readers import read_document

    by_field: dict[str, Counter[str]] = defaultdict(Counter)
    by_kind: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    misses: list[dict[str, Any]] = []
    absent: list[str] = []
    reports = 0
    for truth_path in sorted(truth.glob("*/*.json")):
        if sets and truth_path.parent.name not in sets:
            continue
        entry = json.loads(truth_path.read_text(encoding="utf-8"))
        text = texts / truth_path.parent.name / f"{truth_path.stem}.txt"
        if not text.is_file():
            absent.append(entry["id"])
            continue
        reports += 1
        got = found(extract_report(read_document(text)))
        want = wanted(entry["truth"])
        for f in FIELDS:
            o = outcome(want.get(f), got.get(f))
            by_field[f][o] += 1
            by_kind[entry["kind"]][f][o] += 1
            if o in ("missed", "wrong", "spurious"):
                misses.append(
                    {"id": entry["id"], "field": f, "outcome": o, "want": str(want.get(f)), "got": str(got.get(f))}
                )
    return {
        "reports": reports,
        "absent": absent,
        "by_field": {f: dict(by_field[f]) for f in FIELDS},
        "by_kind": {k: {f: dict(v[f]) for f in FIELDS} for k, v in sorted(by_kind.items())},
        "misses": misses,
    }


def _table(title: str, rows: dict[str, dict[str, int]]) -> list[str]:
    out = [f"{title:24s}" + "".join(f"{SHORT[f]:>6s}" for f in FIELDS)]
    for name, counts in rows.items():
        cells = []
        for f in FIELDS:
            c = counts.get(f, {})
            stated = sum(c.get(o, 0) for o in ("right", "missed", "wrong"))
            cells.append(f"{c.get('right', 0)}/{stated}" if stated else "-")
        out.append(f"{name:24s}" + "".join(f"{x:>6s}" for x in cells))
    return out


def report_lines(result: dict[str, Any]) -> list[str]:
    lines = [f"held-out real reports: {result['reports']} scored, {len(result['absent'])} without their text"]
    lines.append("right / stated (a field the report states, found with exactly its value)")
    lines += _table("all", {"all": result["by_field"]})
    lines += _table("by kind of report", result["by_kind"])
    spurious = {f: result["by_field"][f].get("spurious", 0) for f in FIELDS}
    unstated = {f: result["by_field"][f].get("spurious", 0) + result["by_field"][f].get("unstated", 0) for f in FIELDS}
    lines.append(f"{'spurious / unstated':24s}" + "".join(f"{f'{spurious[f]}/{unstated[f]}':>6s}" for f in FIELDS))
    return lines


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="extraction on held-out real reports, scored against hand-read truth")
    p.add_argument("texts", type=Path, help="folder holding <set>/<id>.txt, the reports' texts")
    p.add_argument("--sets", nargs="*", help="only these sets (folders of tests/heldout)")
    p.add_argument("--misses", action="store_true", help="list every field not found right")
    p.add_argument("--out", type=Path, default=ROOT / "bench" / "heldout.json")
    args = p.parse_args(argv)
    result = score(args.texts, args.sets)
    print("\n".join(report_lines(result)))
    if args.misses:
        for m in result["misses"]:
            print(f"  {m['id']:5s} {m['field']:22s} {m['outcome']:8s} want={m['want']} got={m['got']}")
    args.out.parent.mkdir(exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
