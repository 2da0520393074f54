"""``make bench``: throughput of read+extract, warehouse load and view queries, each against a baseline.

Not a test. Prints one line per measure as ``value  (ratio x baseline: what the baseline is)``.
Batch size of the synthetic load: env JIXIAO_BENCH_REPORTS (default 1000). Finishes in well under 5 minutes on
2 cores at the default.
"""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from flows import stages
from samples.render import render_pdf
from transforms.facts import ReportFacts
from transforms.readers.text import decode_bytes
from warehouse.db import connect
from warehouse.loader import fact_frames, load_report
from warehouse.runs import start_run

REPO = Path(__file__).resolve().parents[1]
SOURCES = (REPO / "samples" / "src", REPO.parent / "shared" / "seeds")
PASSES = 3
BASELINE_LOAD_REPORTS = 100
PROVINCES = (("110000", "北京市"), ("130000", "河北省"), ("360000", "江西省"), ("430000", "湖南省"),
             ("440000", "广东省"))

QUERIES: dict[str, str] = {
    "execution rate by province and year": """
        SELECT r.province, r.fiscal_year, count(DISTINCT r.report_id) AS reports,
               sum(b.amount_yuan) FILTER (WHERE b.phase = 'executed')
                 / sum(b.amount_yuan) FILTER (WHERE b.phase = 'adjusted') AS rate
        FROM reports r JOIN budget_lines b USING (report_id)
        WHERE b.category = 'total' AND b.source = 'table' GROUP BY ALL""",
    "stated vs recomputed project rates": """
        SELECT department, name, stated_rate, executed_yuan / full_year_yuan AS recomputed
        FROM projects WHERE full_year_yuan > 0 AND abs(stated_rate - executed_yuan / full_year_yuan) > 0.005""",
    "indicator coverage by canonical code": """
        SELECT canonical_code, count(DISTINCT report_id) AS reports, count(*) AS n
        FROM indicators WHERE canonical_code IS NOT NULL GROUP BY canonical_code""",
}
VIEWS = ("reports", "budget_lines", "projects", "indicators")


def peak_mib() -> float:
    """Peak resident memory of this process so far (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds taken by fn and its result."""
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def source_texts() -> list[Path]:
    """The sample report texts, or the seeds when samples/src is absent."""
    for folder in SOURCES:
        texts = sorted(folder.glob("*.txt"))
        if texts:
            return texts
    sys.exit("没有样本 no samples/src or ../shared/seeds texts to benchmark")


def prepare_inboxes(texts: list[Path], work: Path) -> tuple[Path, Path]:
    """Two inboxes of the same reports: rendered to PDF, and as text (the baseline)."""
    pdf_dir, txt_dir = work / "pdf", work / "txt"
    pdf_dir.mkdir()
    txt_dir.mkdir()
    for src in texts:
        text, _ = decode_bytes(src.read_bytes(), src.name)
        render_pdf(text, pdf_dir / f"{src.stem}.pdf")
        shutil.copyfile(src, txt_dir / src.name)
    return pdf_dir, txt_dir


def read_extract(inbox: Path) -> list[stages.FileResult]:
    """The nightly's discover + read-and-extract stages over one inbox."""
    return [stages.read_and_extract(s) for s in stages.discover(inbox)]


def median_pass(inbox: Path) -> tuple[float, list[stages.FileResult]]:
    """Median seconds of PASSES read+extract passes, and the results of the last."""
    times, results = [], []
    for _ in range(PASSES):
        seconds, results = timed(lambda: read_extract(inbox))
        times.append(seconds)
    return statistics.median(times), results


def _scaled(v: Decimal | None, factor: Decimal) -> Decimal | None:
    return None if v is None else (v * factor).quantize(Decimal("0.01"))


def synthetic(base: ReportFacts, i: int) -> ReportFacts:
    """Report i of the batch: another department and division, figures scaled by up to +49%."""
    code, province = PROVINCES[i % len(PROVINCES)]
    factor = Decimal(100 + i % 50) / 100
    meta = replace(base.meta, department=f"{base.meta.department or '部门'}{i:05d}", province=province,
                   division_code=f"{int(code) + i % 9999:06d}", fiscal_year=2020 + i % 4)
    lines = tuple(replace(b, amount_yuan=_scaled(b.amount_yuan, factor)) for b in base.budget_lines)
    projects = tuple(replace(p, full_year_yuan=_scaled(p.full_year_yuan, factor),
                             executed_yuan=_scaled(p.executed_yuan, factor)) for p in base.projects)
    return replace(base, meta=meta, budget_lines=lines, projects=projects)


def _sha(i: int) -> str:
    return hashlib.sha256(f"bench-{i}".encode()).hexdigest()


def load_batch(db: Path, batch: list[ReportFacts]) -> float:
    """Seconds to load the batch through warehouse.loader.load_report (Arrow inserts, one transaction each)."""
    con = connect(db)
    try:
        start_run(con, "bench", "synthetic")
        seconds, _ = timed(lambda: [load_report(con, f, sha256=_sha(i), source_file=f"r{i}.pdf",
                                                media_type="application/pdf", pages=5, load_id="bench")
                                    for i, f in enumerate(batch)])
    finally:
        con.close()
    return seconds


def load_row_by_row(db: Path, batch: list[ReportFacts]) -> float:
    """Baseline: the same report and fact rows as plain parameterised INSERTs, one row at a time."""
    con = connect(db)
    try:
        columns = {t: [r[0] for r in con.execute(f"DESCRIBE {t}").fetchall()]
                   for t in ("core_evidence", "core_budget_lines", "core_projects", "core_indicators",
                             "core_claims", "core_scores")}

        def one(i: int, f: ReportFacts) -> None:
            rid = _sha(i)[:16]
            con.execute("BEGIN TRANSACTION")
            con.execute("INSERT INTO core_reports (report_id, report_key, version, is_current, facts_fingerprint, "
                        "load_id, source_file, sha256, department, province, division_code, fiscal_year, "
                        "loaded_at) VALUES (?, ?, 1, true, ?, 'bench', ?, ?, ?, ?, ?, ?, now())",
                        [rid, rid, rid, f"r{i}.pdf", _sha(i), f.meta.department, f.meta.province,
                         f.meta.division_code, f.meta.fiscal_year])
            for table, frame in fact_frames(rid, "bench", f).items():
                keep = [c for c in frame.columns if c in columns[table]]
                sql = f"INSERT INTO {table} ({', '.join(keep)}) VALUES ({', '.join('?' * len(keep))})"
                for row in frame.select(keep).iter_rows():
                    con.execute(sql, list(row))
            con.execute("COMMIT")

        seconds, _ = timed(lambda: [one(i, f) for i, f in enumerate(batch)])
    finally:
        con.close()
    return seconds


def query_times(db: Path) -> list[tuple[str, float, float]]:
    """(query, median seconds on the views, median seconds on materialised copies of the views)."""
    con = duckdb.connect(str(db))
    try:
        con.execute("CREATE SCHEMA IF NOT EXISTS bench_mat")
        for v in VIEWS:
            con.execute(f"CREATE OR REPLACE TABLE bench_mat.{v} AS SELECT * FROM main.{v}")

        def median(sql: str) -> float:
            return statistics.median(timed(lambda: con.execute(sql).fetchall())[0] for _ in range(5))

        out = []
        for name, sql in QUERIES.items():
            con.execute("SET search_path = 'main'")
            on_views = median(sql)
            con.execute("SET search_path = 'bench_mat,main'")
            out.append((name, on_views, median(sql)))
        return out
    finally:
        con.close()


def _ratio(value: float, baseline: float) -> str:
    return f"{value / baseline:.2f}x" if baseline > 0 else "n/a"


def main() -> int:
    """Run every measure and print it with its baseline."""
    n = int(os.environ.get("JIXIAO_BENCH_REPORTS", "1000"))
    texts = source_texts()
    print(f"jixiao bench: {len(texts)} source texts from {texts[0].parent}, synthetic batch {n} reports, "
          f"{os.cpu_count()} cpus")
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as tmp:
        work = Path(tmp)
        render_s, (pdf_dir, txt_dir) = timed(lambda: prepare_inboxes(texts, work))
        print(f"  rendered {len(texts)} texts to PDF in {render_s:.2f} s (not counted)")

        pdf_s, pdf_results = median_pass(pdf_dir)
        txt_s, _ = median_pass(txt_dir)
        reports = len(pdf_results)
        pages = sum(r.pages for r in pdf_results)
        failed = [r.submission.path.name for r in pdf_results if r.facts is None]
        print(f"read+extract PDF: {reports} reports, {pages} pages in {pdf_s:.2f} s (median of {PASSES}) = "
              f"{reports / pdf_s * 60:.1f} reports/min, {pages / pdf_s:.1f} pages/s"
              f"{'  QUARANTINED: ' + ', '.join(failed) if failed else ''}")
        print(f"  baseline text reader, same reports: {txt_s:.2f} s = {reports / txt_s * 60:.1f} reports/min; "
              f"PDF path takes {_ratio(pdf_s, txt_s)} the text path's time")
        print(f"  peak memory (max RSS) after read+extract: {peak_mib():.0f} MiB")

        loaded = [r for r in pdf_results if r.facts is not None]
        con = connect(work / "samples.duckdb")
        try:
            start_run(con, "bench", str(pdf_dir))
            samples_s, counts = timed(lambda: stages.load_results(con, "bench", loaded, work / "quarantine"))
        finally:
            con.close()
        print(f"load samples: {counts['loaded']} reports in {samples_s * 1000:.0f} ms "
              f"({samples_s / max(counts['loaded'], 1) * 1000:.1f} ms/report)")

        base = max((r.facts for r in loaded if r.facts is not None),
                   key=lambda f: len(f.budget_lines) + len(f.indicators) + len(f.claims) + len(f.projects)
                   + len(f.scores))
        batch = [synthetic(base, i) for i in range(n)]
        rows = sum(len(t) for t in fact_frames("x", "x", base).values())
        batch_s = load_batch(work / "batch.duckdb", batch)
        k = min(n, BASELINE_LOAD_REPORTS)
        plain_s = load_row_by_row(work / "plain.duckdb", batch[:k])
        per_report, plain_per_report = batch_s / n, plain_s / k
        print(f"load synthetic batch: {n} reports ({rows} fact rows each, varied from {base.meta.department}) "
              f"in {batch_s:.2f} s = {n / batch_s:.0f} reports/s, {per_report * 1000:.1f} ms/report")
        print(f"  baseline plain row-by-row INSERT of the same rows ({k} reports): {plain_per_report * 1000:.1f} "
              f"ms/report; load_report takes {_ratio(per_report, plain_per_report)} the baseline's time")
        print(f"  peak memory (max RSS) after load: {peak_mib():.0f} MiB")

        print(f"queries on the {n}-report warehouse (median of 5):")
        for name, on_views, on_tables in query_times(work / "batch.duckdb"):
            print(f"  {name}: {on_views * 1000:.1f} ms; baseline same query on materialised copies of the views: "
                  f"{on_tables * 1000:.1f} ms ({_ratio(on_views, on_tables)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
