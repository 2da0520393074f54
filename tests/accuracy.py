"""``make accuracy N=200 SEED=1``: generate a corpus, run the real nightly flow on it, score against the truth.

Prints per-field accuracy overall, by layout and by kind of report, fault recall by family and the false-error
rate, and writes ``bench/accuracy.json``. It reports and never fails the build. The flow runs in a subprocess
(``jixiao run``) into a scratch warehouse; scoring reads only the warehouse's public views and tables.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

ROOT = Path(__file__).resolve().parents[1]

SCALARS = (
    "unit",
    "province",
    "city",
    "county",
    "division_code",
    "fiscal_year",
    "filing_date",
    "score",
    "grade",
    "budget_total",
    "executed_total",
    "execution_rate",
)
ROWS = ("budget_lines", "indicator_rows", "project_rows")
FIELDS = SCALARS + ROWS

# which rules flag a fault family: a fault counts as caught when its report carries an error or warning of one
RULES_FOR_FAULT: dict[str, set[str]] = {
    "rate": {"rate_execution", "rate_project_execution", "rate_other"},
    "parts": {
        "sums_basic_project_total",
        "sums_personnel_public_basic",
        "sums_three_public_parts",
        "sums_project_rows_total",
        "sums_total_row",
        "sums_vehicle_parts",
        "sums_fund_projects_total",
        "sums_project_adjustment",
    },
    "scores_total": {
        "scores_indicators_sum_total",
        "scores_sum_exceeds_total",
        "scores_children_sum",
        "consistency_total_score",
    },
    "score_over_weight": {"scores_over_weight"},
    "grade_band": {"scores_grade_band"},
    "target_full_score": {"targets_missed_full_score", "targets_text_actual_missed"},
    "text_table": {"consistency_amount_text_table", "consistency_amount_restated"},
    "carryover": {"balance_carryover", "balance_carryover_total_closing"},
    "wrong_year": {
        "consistency_title_year",
        "consistency_year_of_figure",
        "consistency_filing_year",
        "consistency_period_year",
    },
    # a slip shows either as a unit check or as parts that no longer add up; both put the figure before a reviewer
    "unit_slip": {
        "completeness_unit_scale",
        "completeness_project_unit_scale",
        "extraction_unit_conflict",
        "sums_basic_project_total",
        "sums_personnel_public_basic",
        "sums_three_public_parts",
        "sums_vehicle_parts",
    },
}
PHASES = {"adjusted": "full_year", "initial": "initial", "executed": "executed"}


def _dec(x: Any) -> Decimal | None:
    if x is None or x == "":
        return None
    return Decimal(str(x)).normalize()


def _rate(printed: str) -> Decimal:
    return (Decimal(printed.rstrip("%")) / 100).normalize()


def _s(x: Any) -> str:
    return "".join(str(x or "").split())


def run_flow(inbox: Path, work: Path) -> tuple[Path, dict[str, Any]]:
    """The real nightly flow over the corpus, in a subprocess, into a scratch warehouse."""
    db = work / "warehouse.duckdb"
    env = {**os.environ, "JIXIAO_DATA": str(work / "data")}
    # `python -m` from the tree's root: the flow measured is the code of this checkout, whatever is installed
    cmd = [sys.executable, "-m", "flows.cli", "run", "--inbox", str(inbox), "--db", str(db), "--json"]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=7200)
    if proc.returncode != 0:
        raise RuntimeError(f"jixiao run failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    start = proc.stdout.find("{")
    return db, json.loads(proc.stdout[start:])


def read_warehouse(db: Path) -> dict[str, dict[str, Any]]:
    """What the warehouse holds for each source file: metadata, lines, rows and issues."""
    con = duckdb.connect(str(db), read_only=True)
    out: dict[str, dict[str, Any]] = {}
    try:
        for rid, src, dep, prov, city, county, code, fy, fd, score, grade in con.execute(
            "SELECT report_id, source_file, department, province, city, county, division_code, fiscal_year, "
            "filing_date, self_eval_score, grade_stated FROM core_reports WHERE is_current"
        ).fetchall():
            out[rid] = {
                "file": Path(src).name,
                "meta": {
                    "unit": dep,
                    "province": prov,
                    "city": city,
                    "county": county,
                    "division_code": code,
                    "fiscal_year": fy,
                    "filing_date": fd.isoformat() if fd else None,
                    "score": _dec(score),
                    "grade": grade,
                },
                "budget": [],
                "rates": [],
                "indicators": [],
                "projects": [],
                "issues": [],
            }
        for rid, cat, phase, amount in con.execute(
            "SELECT report_id, category, phase, amount_yuan FROM budget_lines WHERE subject IS NULL"
        ).fetchall():
            if rid in out:
                out[rid]["budget"].append((cat, PHASES.get(phase, phase), _dec(amount)))
        for rid, value in con.execute(
            "SELECT report_id, stated_value FROM core_claims WHERE kind = 'execution_rate' AND subject = 'total'"
        ).fetchall():
            if rid in out:
                out[rid]["rates"].append(_dec(value))
        for rid, l3, t, a, w, s in con.execute(
            "SELECT report_id, level3, target_raw, actual_raw, weight, score FROM indicators"
        ).fetchall():
            if rid in out:
                out[rid]["indicators"].append((_s(l3), _s(t), _s(a), _dec(w), _dec(s)))
        for rid, name, f, e in con.execute(
            "SELECT report_id, name, full_year_yuan, executed_yuan FROM projects"
        ).fetchall():
            if rid in out:
                out[rid]["projects"].append((_s(name), _dec(f), _dec(e)))
        for rid, rule, sev, ev, stated in con.execute(
            "SELECT report_id, rule_id, severity, evidence_text, stated_value FROM dq_issues WHERE status <> 'resolved'"
        ).fetchall():
            if rid in out:
                out[rid]["issues"].append(
                    {
                        "rule": rule,
                        "severity": sev,
                        "evidence": ev or "",
                        "stated": stated,
                        "family": rule.split("_", 1)[0],
                    }
                )
        outcomes = dict(
            con.execute(
                "SELECT source_file, arg_max(outcome, logged_at) FROM ingest_log GROUP BY source_file"
            ).fetchall()
        )
    finally:
        con.close()
    by_file = {v["file"]: v for v in out.values()}
    by_file["__outcomes__"] = {Path(k).name: v for k, v in outcomes.items()}
    return by_file


def _want(truth: dict[str, Any]) -> dict[str, Any]:
    m = truth["meta"]
    budget = [(c, p, _dec(a)) for c, p, a in truth["budget"]]
    return {
        "unit": m["department"],
        "province": m["province"],
        "city": m["city"],
        "county": m["county"],
        "division_code": m["division_code"],
        "fiscal_year": m["fiscal_year"],
        "filing_date": m["filing_date"],
        "score": _dec(m["score"]),
        "grade": m["grade"],
        "budget_total": sorted({a for c, p, a in budget if c == "total" and p == "full_year"}) or None,
        "executed_total": sorted({a for c, p, a in budget if c == "total" and p == "executed"}) or None,
        "execution_rate": sorted({_rate(r) for r in truth["execution_rate"]}) or None,
        "budget_lines": sorted(set(budget)),
        "indicator_rows": [
            (_s(i["level3"]), _s(i["target"]), _s(i["actual"]), _dec(i["weight"]), _dec(i["score"]))
            for i in truth["indicators"]
        ],
        "project_rows": [(_s(p["name"]), _dec(p["full_year"]), _dec(p["executed"])) for p in truth["projects"]],
    }


def _got(found: dict[str, Any] | None) -> dict[str, Any]:
    if found is None:
        return {}
    m = found["meta"]
    b = found["budget"]
    return {
        **m,
        "budget_total": sorted({a for c, p, a in b if c == "total" and p == "full_year"}) or None,
        "executed_total": sorted({a for c, p, a in b if c == "total" and p == "executed"}) or None,
        "execution_rate": sorted({r for r in found["rates"] if r is not None}) or None,
        "budget_lines": sorted(set(b)),
        "indicator_rows": found["indicators"],
        "project_rows": found["projects"],
    }


def _matched(got: Iterable[Any], want: Iterable[Any]) -> tuple[int, int]:
    g, w = Counter(got), Counter(want)
    return sum((g & w).values()), max(sum(g.values()), sum(w.values()))


def _same_city(got: Any, want: Any, province: str) -> bool:
    return got == want or (want is None and got in (None, province))


class Tally:
    """Right / counted per field, overall and by a grouping key."""

    def __init__(self) -> None:
        self.right: dict[tuple[str, str], float] = defaultdict(float)
        self.count: dict[tuple[str, str], float] = defaultdict(float)

    def add(self, groups: list[str], fieldname: str, right: float, count: float) -> None:
        for g in groups:
            self.right[(g, fieldname)] += right
            self.count[(g, fieldname)] += count

    def ratio(self, group: str, fieldname: str) -> float | None:
        c = self.count.get((group, fieldname), 0)
        return None if not c else self.right[(group, fieldname)] / c


def score_corpus(corpus: Path, found: dict[str, Any]) -> dict[str, Any]:
    """Accuracy per field (overall, by layout, by kind), fault recall per family, false errors."""
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    outcomes = found.get("__outcomes__", {})
    tally = Tally()
    faults: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    clean = clean_err = clean_fig_err = benign_n = benign_named = 0
    states: dict[str, int] = defaultdict(int)
    misses: list[dict[str, Any]] = []
    for entry in manifest["reports"]:
        truth = json.loads((corpus / "truth" / f"{entry['file']}.json").read_text(encoding="utf-8"))
        rep = found.get(entry["file"])
        states[outcomes.get(entry["file"], "missing") if rep is None else "loaded"] += 1
        want, got = _want(truth), _got(rep)
        groups = ["all", f"layout:{entry['layout']}", f"kind:{entry['kind']}"]
        for f in SCALARS:
            if want[f] is None:
                continue
            g = got.get(f)
            ok = _same_city(g, want[f], want["province"]) if f == "city" else g == want[f]
            tally.add(groups, f, float(ok), 1)
            if not ok and len(misses) < 400:
                misses.append({"file": entry["file"], "field": f, "want": str(want[f]), "got": str(g)})
        for f in ROWS:
            m, n = _matched(got.get(f, []), want[f])
            if n:
                tally.add(groups, f, m, n)
        issues = rep["issues"] if rep else []
        flagged = {i["rule"] for i in issues if i["severity"] in ("error", "warning")}
        for fault in truth["faults"]:
            fam = fault["family"]
            faults[fam][1] += 1
            faults[fam][0] += bool(flagged & RULES_FOR_FAULT[fam])
        errors = [i for i in issues if i["severity"] == "error"]
        if not truth["faults"] and rep is not None:
            clean += 1
            clean_err += bool(errors)
            # an extraction error says the pipeline could not read something; the others accuse the figures
            clean_fig_err += any(i.get("family") != "extraction" for i in errors)
        for b in truth["benign"]:
            benign_n += 1
            benign_named += any(b["printed"] in i["evidence"] for i in errors)
    fields: dict[str, Any] = {}
    groups = sorted({g for g, _ in tally.count})
    for g in groups:
        fields[g] = {f: tally.ratio(g, f) for f in FIELDS}
    return {
        "n": manifest["n"],
        "seed": manifest["seed"],
        "files": dict(states),
        "fields": fields,
        "fault_recall": {
            fam: {"caught": c, "injected": t, "recall": c / t if t else None} for fam, (c, t) in sorted(faults.items())
        },
        "false_errors": {
            "clean_reports": clean,
            "clean_with_error": clean_err,
            "rate": clean_err / clean if clean else None,
            "clean_with_figure_error": clean_fig_err,
            "figure_rate": clean_fig_err / clean if clean else None,
            "benign_figures": benign_n,
            "benign_named_by_error": benign_named,
        },
        "misses_sample": misses[:200],
    }


def _pct(x: float | None) -> str:
    return "   -" if x is None else f"{x * 100:4.0f}"


def print_report(res: dict[str, Any]) -> None:
    """The tables: fields by layout and by kind, fault recall, false errors."""
    print(f"\naccuracy on a generated corpus: n={res['n']} seed={res['seed']}  files: {res['files']}")
    short = {
        "unit": "unit",
        "province": "prov",
        "city": "city",
        "county": "cnty",
        "division_code": "code",
        "fiscal_year": "year",
        "filing_date": "date",
        "score": "scor",
        "grade": "grad",
        "budget_total": "bud",
        "executed_total": "exe",
        "execution_rate": "rate",
        "budget_lines": "blin",
        "indicator_rows": "ind",
        "project_rows": "proj",
    }
    head = "".join(f"{short[f]:>5}" for f in FIELDS)
    for prefix, title in (("", "overall"), ("kind:", "by kind of report"), ("layout:", "by layout")):
        print(f"\n{title} (% right){'':<{max(0, 22 - len(title) - 10)}}{head}")
        for g, row in res["fields"].items():
            if (prefix and g.startswith(prefix)) or (not prefix and g == "all"):
                print(f"{g.removeprefix(prefix):<22}" + "".join(f"{_pct(row[f]):>5}" for f in FIELDS))
    print("\nfault recall by family")
    for fam, r in res["fault_recall"].items():
        print(f"  {fam:<20}{r['caught']:>4} / {r['injected']:<4} {_pct(r['recall'])}%")
    fe = res["false_errors"]
    print(
        f"\nfalse errors: {fe['clean_with_error']} of {fe['clean_reports']} clean reports carry an error "
        f"({_pct(fe['rate'])}%), {fe['clean_with_figure_error']} an error on their figures, not on their reading "
        f"({_pct(fe['figure_rate'])}%); {fe['benign_named_by_error']} of {fe['benign_figures']} benign figures "
        "named by an error"
    )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="accuracy of the pipeline on a generated corpus")
    p.add_argument("--n", type=int, default=int(os.environ.get("N", "200")))
    p.add_argument("--seed", type=int, default=int(os.environ.get("SEED", "1")))
    p.add_argument("--out", type=Path, default=ROOT / "bench" / "accuracy.json")
    p.add_argument("--work", type=Path, help="keep the corpus and warehouse in this folder")
    args = p.parse_args(argv)
    from samples.synth import generate

    with tempfile.TemporaryDirectory(prefix="jixiao-accuracy-") as tmp:
        work = args.work or Path(tmp)
        corpus = work / "corpus"
        generate(args.n, args.seed, corpus)
        db, summary = run_flow(corpus / "inbox", work)
        res = score_corpus(corpus, read_warehouse(db))
        res["run"] = {
            k: summary.get(k)
            for k in ("files_seen", "loaded", "skipped", "quarantined", "rules_run", "rules_failed", "seconds")
        }
    print_report(res)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(res, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    print(f"\nwritten {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
