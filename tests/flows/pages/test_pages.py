"""The published outputs on the embedded samples: the XLSX workbook and Excel CSVs open with the right characters,
and the dashboard and the review page render in headless Chromium with the network blocked, their charts, tables,
issues and crops present."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from expectations.results import record_outcomes
from expectations.runner import run_rules
from flows import stages
from warehouse.db import connect
from warehouse.marts import build_marts
from warehouse.runs import start_run

SAMPLES = Path(__file__).resolve().parents[3] / "samples" / "inbox"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> dict:
    data = tmp_path_factory.mktemp("data")
    db = data / "warehouse.duckdb"
    con = connect(db)
    start_run(con, "r1", str(SAMPLES))
    stages.load_results(con, "r1", [stages.read_and_extract(s) for s in stages.discover(SAMPLES)], data / "q")
    con.close()
    outcomes = run_rules(db)
    con = connect(db)
    record_outcomes(con, "r1", outcomes)
    build_marts(con, "r1")
    issues = con.execute("SELECT count(*) FROM dq_issues WHERE status IN ('open', 'waived')").fetchone()[0]
    units = con.execute("SELECT count(*) FROM summary_region").fetchone()[0]
    con.close()
    out = stages.publish(db, data, SAMPLES, "r1")
    return {"dir": data / "published", "issues": issues, "units": units, **out}


def test_the_workbook_carries_the_marts_with_chinese_headers(published: dict) -> None:
    wb = openpyxl.load_workbook(published["dir"] / "jixiao.xlsx")
    assert wb.sheetnames == ["省份年度汇总", "单位汇总", "指标完成", "项目汇总", "规则通过率", "待处理问题"]
    ws = wb["单位汇总"]
    assert ws.freeze_panes == "A3"
    header = [c.value for c in ws[1]]
    assert "省份（未能确定时为“未能确定地区 unresolved”）" in header and "执行率（执行数÷全年预算）" in header
    assert ws.max_row == 2 + published["units"]
    rate_col = header.index("执行率（执行数÷全年预算）") + 1
    assert ws.cell(row=3, column=rate_col).number_format == "0.00%"
    assert wb["待处理问题"].max_row == 2 + published["issues"]


def test_excel_csv_has_a_bom_and_reads_back_in_chinese(published: dict) -> None:
    raw = (published["dir"] / "csv" / "summary_region.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert {r["department"] for r in rows} >= {"大埔县医疗保障局", "承德市医疗保障局"}
    assert (published["dir"] / "parquet" / "summary_region.parquet").stat().st_size > 0
    dictionary = (published["dir"] / "data_dictionary.md").read_text(encoding="utf-8")
    assert "## `summary_province_year`" in dictionary and "| `execution_rate_without_errors` |" in dictionary


def _dom(page: Path, tmp: Path) -> str:
    """The page's DOM after its scripts ran, in headless Chromium that can reach no network."""
    assert CHROMIUM
    out = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--proxy-server=127.0.0.1:9",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            f"--user-data-dir={tmp}",
            "--virtual-time-budget=3000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return out.stdout


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (make setup installs Debian's chromium)")
def test_the_dashboard_renders_offline_with_charts_and_the_unit_table(published: dict, tmp_path: Path) -> None:
    page = published["dir"] / "dashboard.html"
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), "the page must fetch nothing"
    dom = _dom(page, tmp_path)
    assert dom.count('class="chart"') == 5 and dom.count("<svg") == 5
    assert dom.count('class="bar"') >= 5 and 'class="dot"' in dom
    assert dom.count('data-row="1"') == published["units"] and "大埔县医疗保障局" in dom


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (make setup installs Debian's chromium)")
def test_the_review_page_lists_every_open_and_waived_issue_with_its_evidence_and_crops(
    published: dict, tmp_path: Path
) -> None:
    page = published["dir"] / "review.html"
    dom = _dom(page, tmp_path)
    assert dom.count('class="issue ') == published["issues"] > 0
    for key in ("severity", "rule", "region", "unit", "status"):
        assert f'data-filter="{key}"' in dom
    assert dom.count("<blockquote>原文 source:") == published["issues"]
    crops = re.findall(r'<img class="crop" src="([^"]+)"', dom)
    assert crops and all((published["dir"] / c).is_file() for c in crops)  # the PDF's issues show where they sit
    # the DOCX and text issues show the lines around their evidence, the line itself marked
    assert dom.count('class="excerpt"') >= published["issues"] - len(crops) - 2
    assert dom.count('class="hit"') == dom.count('class="excerpt"')
    assert dom.count("jixiao review waive") == published["issues"]
    assert dom.count('class="other"') >= 2  # the table cell a sentence contradicts, the figures a rate came from
    assert "recomputed from: 2.27 万元 ÷ 4.52 万元" in dom  # 门头沟's 三公 control rate, with the operands it names


def test_a_later_night_keeps_the_crops_and_excerpts_it_already_has(published: dict) -> None:
    out = published["dir"]
    crops = {p: p.stat().st_mtime_ns for p in (out / "crops").glob("*.png")}
    cache = out / ".cache" / "excerpts.json"
    assert crops and cache.is_file()
    stale = out / "crops" / "0000stale.png"  # the crop of an issue since resolved
    stale.write_bytes(b"")
    review = (out / "review.html").read_text(encoding="utf-8")
    db = out.parent / "warehouse.duckdb"
    stages.publish(db, out.parent, SAMPLES, "r1")
    assert {p: p.stat().st_mtime_ns for p in (out / "crops").glob("*.png")} == crops  # none drawn again
    assert not stale.exists()
    # the same page from the cache as from the files (the run id and time aside)
    strip = re.compile(r"20\d\d-\d\d-\d\d[ T][\d:]+")
    assert strip.sub("", (out / "review.html").read_text(encoding="utf-8")) == strip.sub("", review)
