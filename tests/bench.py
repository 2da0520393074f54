"""``make bench`` (N=500): the real nightly flow over a generated corpus of N reports, with baselines measured on the
same files in the same run, written to bench/results.json.

Not a test. Measures: reports, pages, wall seconds, reports/min, pages/s and peak memory of a full night; its load
and mart seconds; p50/p95 of five analyst queries on the published snapshot; the read+extract time of the corpus's
PDFs against a bare pypdfium2 text pass over the same PDFs (the ratio), and the same over ../shared/realpdf when
it is there; a night with nothing new (the fixed cost of a run: starting, the expectations, publishing); and a night
with 1% new files against the full one, whole and above that fixed cost. The nights report to one Prefect server
started for them all, as under `jixiao serve` (a lone `jixiao run` also starts a temporary one, some 5 s).
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from prefect.server.api.server import SubprocessASGIServer

from flows import stages
from flows.cli_sql import run_query
from samples.synth.generate import generate

ROOT = Path(__file__).resolve().parents[1]
REAL_PDFS = ROOT.parent / "shared" / "realpdf"  # third-party PDFs, read in place; the pass is left out without them
RESULTS = ROOT / "bench" / "results.json"
REPEATS = 20
PDF_REPEATS = 3
QUERIES: dict[str, str] = {
    "province summary": "SELECT * FROM summary_province_year ORDER BY province, fiscal_year",
    "units over budget": "SELECT department, execution_rate FROM summary_region WHERE execution_rate > 1",
    "open errors by rule": "SELECT rule_id, count(*) FROM dq_issues WHERE status = 'open' AND severity = 'error' "
    "GROUP BY ALL ORDER BY 2 DESC",
    "indicators met by province": "SELECT province, sum(rows_met), sum(rows_judged) FROM indicator_achievement "
    "GROUP BY ALL",
    "project rates recomputed": "SELECT project, stated_rate, execution_rate FROM project_summary "
    "WHERE abs(stated_rate - execution_rate) > 0.005",
}


def night(inbox: Path, work: Path, api: str) -> tuple[float, dict[str, Any]]:
    """One `jixiao run` in a subprocess reporting to the Prefect server at ``api`` (as the nights `jixiao serve`
    starts do: a standing server, not one started per run); wall seconds and its summary."""
    env = {**os.environ, "JIXIAO_DATA": str(work / "data"), "PREFECT_API_URL": api}
    cmd = [
        sys.executable,
        "-m",
        "flows.cli",
        "run",
        "--inbox",
        str(inbox),
        "--db",
        str(work / "warehouse.duckdb"),
        "--json",
        "--allow-rule-errors",
    ]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=4 * 3600)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"the night failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return wall, json.loads(proc.stdout[proc.stdout.index("{") :])


def pdfium_pass(pdfs: list[Path]) -> tuple[float, int]:
    """Seconds for a bare pypdfium2 text pass over every page of ``pdfs``, and the pages seen."""
    import pypdfium2 as pdfium

    t0 = time.perf_counter()
    pages = 0
    for path in pdfs:
        doc = pdfium.PdfDocument(str(path))
        for page in doc:
            page.get_textpage().get_text_range()
            pages += 1
        doc.close()
    return time.perf_counter() - t0, pages


def extract_pass(pdfs: list[Path]) -> float:
    """Seconds to read and extract ``pdfs`` one after another in this process (what the night does per file)."""
    t0 = time.perf_counter()
    for path in pdfs:
        stages.read_and_extract(stages.Submission(path))
    return time.perf_counter() - t0


def pdf_passes(pdfs: list[Path]) -> tuple[float, float, int]:
    """The pypdfium2 pass and the read+extract pass, each the best of ``PDF_REPEATS`` runs taken in turn (the
    machine's noise moves one run by a fifth), and the pages seen."""
    base, full, pages = [], [], 0
    for _ in range(PDF_REPEATS):
        seconds, pages = pdfium_pass(pdfs)
        base.append(seconds)
        full.append(extract_pass(pdfs))
    return min(base), min(full), pages


def query_times(snapshot: Path) -> dict[str, dict[str, float]]:
    out = {}
    for name, sql in QUERIES.items():
        times = []
        for _ in range(REPEATS):
            t0 = time.perf_counter()
            run_query(snapshot, sql)
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        out[name] = {
            "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2),
        }
    return out


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv else int(os.environ.get("N", "500"))
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as tmp:
        work = Path(tmp)
        t0 = time.perf_counter()
        generate(n, 7, work / "corpus", fault_rate=0.3)
        fresh = max(1, n // 100)
        generate(fresh, 8, work / "fresh", fault_rate=0.3)
        generated_s = time.perf_counter() - t0
        inbox = work / "corpus" / "inbox"

        os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"  # its heartbeat competes for the server's SQLite
        server = SubprocessASGIServer()
        server.start(timeout=120)
        try:
            full_s, full = night(inbox, work, server.api_url)
            peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            nothing_new_s, nothing_new = night(inbox, work, server.api_url)
            for p in sorted((work / "fresh" / "inbox").iterdir()):  # 1% new files arrive the next night
                shutil.copy(p, inbox / f"new_{p.name}")
            incremental_s, incremental = night(inbox, work, server.api_url)
        finally:
            server.stop()

        pdfs = sorted(p for p in inbox.iterdir() if p.suffix == ".pdf" and not p.name.startswith("new_"))
        pdfium_s, extract_s, pdf_pages = pdf_passes(pdfs)
        queries = query_times(work / "data" / "published" / "warehouse.duckdb")
    real = sorted(REAL_PDFS.glob("*.pdf")) if REAL_PDFS.is_dir() else []
    real_pdfium_s, real_extract_s, real_pages = pdf_passes(real)

    stages_s = full.get("stage_seconds", {})
    results = {
        "reports": full["reports_seen"],
        "files": full["files_seen"],
        "pages": full.get("pages_read", 0),
        "wall_seconds": round(full_s, 2),
        "reports_per_min": round(full["reports_seen"] / full_s * 60, 1),
        "pages_per_s": round(full.get("pages_read", 0) / full_s, 2),
        "peak_rss_mb": round(peak_mb, 1),
        "stage_seconds": stages_s,
        "duckdb_load_seconds": stages_s.get("load"),
        "mart_seconds": stages_s.get("marts"),
        "analyst_queries": queries,
        "pdf": {
            "files": len(pdfs),
            "pages": pdf_pages,
            "read_extract_seconds": round(extract_s, 2),
            "pypdfium2_text_seconds": round(pdfium_s, 2),
            "ratio": round(extract_s / pdfium_s, 1) if pdfium_s else None,
        },
        "real_pdf": {
            "files": len(real),
            "pages": real_pages,
            "read_extract_seconds": round(real_extract_s, 2),
            "pypdfium2_text_seconds": round(real_pdfium_s, 2),
            "ratio": round(real_extract_s / real_pdfium_s, 1) if real_pdfium_s else None,
        },
        "incremental": {
            "new_files": fresh,
            "wall_seconds": round(incremental_s, 2),
            "loaded": incremental["loaded"],
            "unchanged": incremental.get("unchanged", 0),
            "share_of_full": round(incremental_s / full_s, 3),
            "nothing_new_wall_seconds": round(nothing_new_s, 2),
            "nothing_new_loaded": nothing_new["loaded"],
            "above_fixed_share_of_full": round((incremental_s - nothing_new_s) / full_s, 3),
            "stage_seconds": incremental.get("stage_seconds", {}),
            "nothing_new_stage_seconds": nothing_new.get("stage_seconds", {}),
        },
        "generation_seconds_not_counted": round(generated_s, 1),
        "n": n,
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"jixiao bench, N={n}: {results['reports']} reports, {results['pages']} pages")
    print(
        f"  full night: {results['wall_seconds']} s = {results['reports_per_min']} reports/min, "
        f"{results['pages_per_s']} pages/s, peak RSS {results['peak_rss_mb']} MB"
    )
    print(f"  stages (s): {stages_s}")
    print(f"  DuckDB load {results['duckdb_load_seconds']} s, marts {results['mart_seconds']} s")
    for name, t in queries.items():
        print(f"  query {name}: p50 {t['p50_ms']} ms, p95 {t['p95_ms']} ms")
    pdf = results["pdf"]
    print(
        f"  PDFs: {pdf['files']} files, {pdf['pages']} pages: read+extract {pdf['read_extract_seconds']} s vs "
        f"pypdfium2 text pass {pdf['pypdfium2_text_seconds']} s = {pdf['ratio']}x (baseline: the pypdfium2 pass)"
    )
    real_pdf = results["real_pdf"]
    if real_pdf["files"]:
        print(
            f"  real PDFs ({REAL_PDFS}): {real_pdf['files']} files, {real_pdf['pages']} pages: read+extract "
            f"{real_pdf['read_extract_seconds']} s vs pypdfium2 {real_pdf['pypdfium2_text_seconds']} s = "
            f"{real_pdf['ratio']}x"
        )
    inc = results["incremental"]
    print(
        f"  night with {inc['new_files']} new files: {inc['wall_seconds']} s = {inc['share_of_full'] * 100:.1f}% of "
        f"the full night (loaded {inc['loaded']}, unchanged {inc['unchanged']}); a night with nothing new "
        f"{inc['nothing_new_wall_seconds']} s, so the new files cost {inc['above_fixed_share_of_full'] * 100:.1f}% "
        "of the full night above a run's fixed cost"
    )
    print(f"  its stages (s): {inc['stage_seconds']}; with nothing new: {inc['nothing_new_stage_seconds']}")
    print(f"written {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
