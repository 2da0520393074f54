"""Hand-built ReportFacts for warehouse tests: plausible county reports, independent of the extractors."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import duckdb

from transforms.document import Locator
from transforms.facts import (
    BudgetLine,
    Claim,
    Evidence,
    Indicator,
    Measure,
    Project,
    ReportFacts,
    ReportMeta,
    ScoreLine,
)
from warehouse.db import connect
from warehouse.loader import LoadOutcome, load_report


def _ev(file: str, line: int, text: str, table: int | None = None) -> Evidence:
    return Evidence(Locator(file, line_start=line, table=table), text)


def make_facts(
    department: str,
    province: str,
    city: str | None,
    county: str | None,
    code: str,
    year: int,
    *,
    adjusted: str,
    executed: str,
    score: str,
    basic: str = "0",
    grade: str | None = None,
    satisfaction: str = "95",
    project: tuple[str, str, str] | None = None,
    file: str = "report.txt",
) -> ReportFacts:
    """One department report: total/basic/project budget lines, an execution-rate claim, indicators, scores."""
    adj, exe, bas = Decimal(adjusted), Decimal(executed), Decimal(basic)
    rate = (exe / adj).quantize(Decimal("0.0001"))
    meta = ReportMeta(
        department=department,
        province=province,
        city=city,
        county=county,
        division_code=code,
        admin_level="county" if county else "prefecture",
        fiscal_year=year,
        title_year=year,
        fiscal_year_source="body",
        self_eval_score=Decimal(score),
        grade=grade,
        evidence=(("department", _ev(file, 1, f"部门名称：{department}")),),
    )
    lines = [
        BudgetLine("total", "initial", adj - Decimal(10000), "元", _ev(file, 10, str(adj - 10000), 1)),
        BudgetLine("total", "adjusted", adj, "元", _ev(file, 10, str(adj), 1)),
        BudgetLine("total", "executed", exe, "元", _ev(file, 10, str(exe), 1)),
        BudgetLine("basic", "executed", bas, "元", _ev(file, 11, str(bas), 1)),
        BudgetLine("project", "executed", exe - bas, "元", _ev(file, 12, str(exe - bas), 1)),
    ]
    claims = [
        Claim(
            "execution_rate",
            rate,
            2,
            _ev(file, 20, f"预算执行率为{rate * 100}%"),
            numerator_yuan=exe,
            denominator_yuan=adj,
        )
    ]
    indicators = [
        Indicator(
            "department",
            "产出指标",
            "数量指标",
            "参保人数",
            _ev(file, 30, "参保人数", 2),
            target=Measure("≥10000人", ">=", Decimal(10000), "人"),
            actual=Measure("10500人", "=", Decimal(10500), "人"),
            weight=Decimal(20),
            score=Decimal(20),
            canonical_code="OUT-QTY-INSURED",
        ),
        Indicator(
            "department",
            "效益指标",
            "社会效益指标",
            "群众看病负担",
            _ev(file, 31, "群众看病负担", 2),
            target=Measure("有所减轻", qualitative=True),
            actual=Measure("减轻", qualitative=True),
            weight=Decimal(20),
            score=Decimal(18),
            deviation_note="部分地区报销进度滞后",
        ),
        Indicator(
            "department",
            "满意度指标",
            "服务对象满意度指标",
            "参保群众满意度",
            _ev(file, 32, "满意度", 2),
            target=Measure("≥90%", ">=", Decimal("0.9"), "%"),
            actual=Measure(f"{satisfaction}%", "=", Decimal(satisfaction) / 100, "%"),
            weight=Decimal(10),
            score=Decimal(10) if Decimal(satisfaction) >= 90 else Decimal(8),
        ),
    ]
    projects = []
    if project:
        name, budget, spent = project
        projects.append(
            Project(
                name,
                _ev(file, 40, name, 3),
                full_year_yuan=Decimal(budget),
                executed_yuan=Decimal(spent),
                stated_rate=(Decimal(spent) / Decimal(budget)).quantize(Decimal("0.0001")),
                score=Decimal(9),
                origin="project_table",
            )
        )
    scores = [ScoreLine("total", "自评总分", _ev(file, 50, score), weight=Decimal(100), score=Decimal(score))]
    return ReportFacts(meta, tuple(lines), tuple(projects), tuple(indicators), tuple(claims), tuple(scores))


SAMPLE: tuple[ReportFacts, ...] = (
    make_facts(
        "大埔县医疗保障局",
        "广东省",
        "梅州市",
        "大埔县",
        "441422",
        2021,
        adjusted="12500000.00",
        executed="12203750.00",
        basic="3100000.00",
        score="95.5",
        project=("医疗救助", "800000", "760000"),
        file="dabu.txt",
    ),
    make_facts(
        "浮梁县医疗保障局",
        "江西省",
        "景德镇市",
        "浮梁县",
        "360222",
        2021,
        adjusted="5400000.00",
        executed="5400000.00",
        basic="1800000.00",
        score="92",
        grade="优秀",
        file="fuliang.txt",
    ),
    make_facts(
        "承德市医疗保障局",
        "河北省",
        "承德市",
        None,
        "130800",
        2022,
        adjusted="30200000.00",
        executed="27180000.00",
        basic="9000000.00",
        score="88.6",
        satisfaction="86",
        project=("医保信息化建设", "2000000", "1500000"),
        file="chengde.txt",
    ),
    make_facts(
        "益阳市资阳区医疗保障事务中心",
        "湖南省",
        "益阳市",
        "资阳区",
        "430902",
        2022,
        adjusted="2100000.00",
        executed="1995000.00",
        basic="1200000.00",
        score="78",
        file="ziyang.txt",
    ),
    make_facts(
        "平远县医疗保障局",
        "广东省",
        "梅州市",
        "平远县",
        "441426",
        2022,
        adjusted="6000000.00",
        executed="5700000.00",
        basic="2000000.00",
        score="90",
        file="pingyuan.txt",
    ),
)


def fake_sha(label: str) -> str:
    """A stable sha256-shaped id for a pretend file."""
    return hashlib.sha256(label.encode()).hexdigest()


def load(
    con: duckdb.DuckDBPyConnection,
    facts: ReportFacts,
    label: str,
    run_id: str = "run-1",
    media_type: str = "text/plain",
) -> LoadOutcome:
    """Load one pretend file whose content hash is derived from its label."""
    return load_report(
        con, facts, sha256=fake_sha(label), source_file=label, media_type=media_type, pages=1, load_id=run_id
    )


def build_sample_warehouse(path: Path) -> Path:
    """The SAMPLE reports, plus one resubmission and one other-format copy, with marts built."""
    from warehouse.marts import build_marts
    from warehouse.runs import start_run

    con = connect(path)
    try:
        start_run(con, "run-1", "inbox")
        for f in SAMPLE:
            load(con, f, f.meta.department + ".pdf", media_type="application/pdf")
        # the same first report again as DOCX: another format, no new row
        load(con, SAMPLE[0], SAMPLE[0].meta.department + ".docx", media_type="application/docx")
        start_run(con, "run-2", "inbox")
        corrected = replace(SAMPLE[3], meta=replace(SAMPLE[3].meta, self_eval_score=Decimal("81")))
        load(con, corrected, "资阳区_更正.pdf", run_id="run-2", media_type="application/pdf")
        build_marts(con, "run-2")
    finally:
        con.close()
    return path


def many(n: int) -> list[ReportFacts]:
    """n distinct reports: the SAMPLE ones under other department names and division codes."""
    out = []
    for i in range(n):
        base = SAMPLE[i % len(SAMPLE)]
        meta = replace(
            base.meta,
            department=f"{base.meta.department}{i:04d}",
            division_code=f"{int(base.meta.division_code or 0) + i:06d}",
        )
        out.append(replace(base, meta=meta))
    return out
