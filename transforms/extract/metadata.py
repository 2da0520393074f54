"""Report metadata: department, region, fiscal year, filing date, preparer, total score and grade."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from decimal import Decimal

from transforms.document import Block, Document
from transforms.extract.region import resolve_region
from transforms.extract.report_kind import report_kind
from transforms.facts import Evidence, ReportMeta
from transforms.normalize.numbers import to_decimal
from transforms.notices import notice

_ORG_SUFFIX = r"(?:医疗保障局|医疗保障事务中心|医保局|局|中心|委员会|办公室|厅|院|所|站|委|办)"
_DEPT_LABEL = re.compile(
    r"(?:部门名称|部门[（(]单位[）)]全称|单位全称|预算部门|评价部门名称|预算单位|主管部门)\s*[:：]?\s*"
    r"(?:[（(]公章[）)])?\s*([\u4e00-\u9fff]{2,30}?" + _ORG_SUFFIX + r")(?:[（(]公章[）)])?"
)
_DEPT_LINE = re.compile(r"^\s*([\u4e00-\u9fff]{4,30}" + _ORG_SUFFIX + r")\s*$")
_DATE = r"(20\d{2})\s*(?:年|-|\.|/)\s*(\d{1,2})\s*(?:月|-|\.|/)\s*(\d{1,2})\s*日?"
_FILING = re.compile(r"(?:填报日期|填表日期|报送日期|上报时间|报告日期)\s*[:：]?\s*" + _DATE)
_DATE_LINE = re.compile(r"^\s*" + _DATE + r"\s*$")
_TITLE_YEAR = re.compile(r"[（(]?\s*(20\d{2})\s*年度?\s*[)）]?")
_YEAR = re.compile(r"(20\d{2})\s*年(度)?")
_PREPARER = re.compile(r"(?:填报人|填表人|联系人)\s*[:：]\s*([\u4e00-\u9fff]{2,4})")
_PHONE = re.compile(r"(?:联系电话|电话)\s*[:：]\s*([\d\-－ ]{7,20}\d)")
# the negative look-ahead skips legends such as 优秀（90（含）-100分）
_GRADE = re.compile(
    r"(?:评价等级|自评等级|评价等次|等级)\s*(?:为|[:：])\s*[“\"]?(优秀|良好|中等|一般|较差|差|优|良|中)(?![（(]\d|[\u4e00-\u9fff])"
)
_TOTAL_SCORE = [
    re.compile(r"(?:绩效自评总分|自评总分|自评总得分)\s*[:：为]?\s*(\d+(?:\.\d+)?)\s*分"),
    re.compile(r"(?:经综合评价|综合评定|指标体系》?\s*评分|综合评分)[^。；]{0,40}?得分为?\s*(\d+(?:\.\d+)?)\s*分"),
    re.compile(r"(?:部门整体支出绩效|整体支出绩效)(?:自评)?得分为?\s*(\d+(?:\.\d+)?)\s*分"),
]
_LEVEL_SCORE_CONTEXT = re.compile(r"该[一二三]级指标")
_SUB_SCORE_CONTEXT = re.compile(rf"{_LEVEL_SCORE_CONTEXT.pattern}|项目绩效自评|项目名称")
_MONEY_WORDS = re.compile(r"决算|预算|支出|收入|执行|结转|经费|资金")


def grade_for(score: Decimal) -> str:
    """Grade band for a total score: 优秀 ≥90, 良好 80–90, 中 60–80, 差 <60."""
    if score >= 90:
        return "优秀"
    if score >= 80:
        return "良好"
    if score >= 60:
        return "中"
    return "差"


def normalize_grade(raw: str) -> str:
    """Fold the synonyms reports use onto the four bands."""
    return {"优": "优秀", "良": "良好", "中等": "中", "一般": "中", "较差": "差"}.get(raw, raw)


def _blocks_text(doc: Document) -> list[tuple[Block, str]]:
    return [(b, b.text) for b in doc.blocks]


def extract_metadata(doc: Document) -> tuple[ReportMeta, list[str]]:
    """Metadata of one report, with evidence per field and warnings for conflicts."""
    warnings: list[str] = []
    evidence: list[tuple[str, Evidence]] = []
    items = _blocks_text(doc)
    full = "\n".join(t for _, t in items)

    department = None
    for b, t in items:
        for line in t.split("\n"):
            m = _DEPT_LABEL.search(line.replace("\t", " "))
            cand = m.group(1) if m else None
            if not cand and b.kind != "table":
                lm = _DEPT_LINE.match(line)
                cand = lm.group(1) if lm else None
            if cand and not cand.startswith(("评价", "主管", "部门")) and "财政局" not in cand:
                department = cand
                evidence.append(("department", Evidence(b.locator, line.strip()[:200])))
                break
        if department:
            break
    if department is None:
        warnings.append(notice("department_missing", "; ".join(_candidates(items))))

    region = resolve_region(department or "", full)
    if region.warning:
        warnings.append(region.warning)

    filing = None
    for b, t in items:
        m = _FILING.search(t)
        if m:
            filing = _date(m)
            evidence.append(("filing_date", Evidence(b.locator, m.group(0))))
            break
    if filing is None:
        for b, t in items[:25] + items[-8:]:
            m = _DATE_LINE.match(t)
            if m:
                filing = _date(m)
                evidence.append(("filing_date", Evidence(b.locator, m.group(0))))
                break

    title_year = None
    title_idx = 0
    for idx, (b, t) in enumerate(items[:15]):
        if ("报告" in t or "年度" in t) and len(t) <= 60 and b.kind != "table":
            m = _TITLE_YEAR.search(t)
            if m:
                title_year = int(m.group(1))
                title_idx = idx
                evidence.append(("title_year", Evidence(b.locator, t.strip())))
                break
    fiscal_year, source = _body_year(items, title_idx, filing)
    if fiscal_year is None:
        fiscal_year, source = title_year, "title"
    if fiscal_year is None and filing is not None:
        fiscal_year, source = filing.year - 1, "filing_date"
    if fiscal_year is None:
        warnings.append(notice("fiscal_year_missing", "; ".join(_candidates(items))))
    if title_year and fiscal_year and title_year != fiscal_year:
        warnings.append(notice("title_year_conflict", f"title {title_year}, body {fiscal_year}"))
    if filing and fiscal_year and filing.year != fiscal_year + 1:
        warnings.append(notice("filing_date_out_of_year", f"filed {filing}, fiscal year {fiscal_year}"))

    title = items[title_idx][1] if items and title_year else next((t for b, t in items[:5] if b.kind != "table"), "")
    kind, subject = report_kind(title, [t for b, t in items[:30] if b.kind != "table"])
    score, grade = _score_and_grade(items, evidence, kind)

    preparer = None
    phone = None
    m = _PREPARER.search(full)
    if m:
        preparer = m.group(1)
    m = _PHONE.search(full)
    if m:
        phone = m.group(1).replace(" ", "")
    meta = ReportMeta(
        department=department,
        province=region.province,
        city=region.city,
        county=region.county,
        division_code=region.division_code,
        admin_level=region.admin_level,
        fiscal_year=fiscal_year,
        title_year=title_year,
        fiscal_year_source=source,
        filing_date=filing,
        preparer=preparer,
        phone=phone,
        self_eval_score=score,
        grade=grade,
        report_kind=kind,
        report_subject=subject,
        evidence=tuple(evidence),
    )
    return meta, warnings


def _candidates(items: list[tuple[Block, str]]) -> list[str]:
    """The lines a reviewer would look at for the unit and year: the first short lines (title, labels)."""
    out: list[str] = []
    for b, t in items[:12]:
        line = t.strip().split("\n")[0][:60]
        if b.kind != "table" and 4 <= len(line) <= 60:
            out.append(line)
        if len(out) == 3:
            break
    return out


def _date(m: re.Match[str]) -> date | None:
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _body_year(items: list[tuple[Block, str]], title_idx: int, filing: date | None) -> tuple[int | None, str | None]:
    """The year the money is about: the most named year in sentences about budgets and spending."""
    counts: Counter[int] = Counter()
    for idx, (b, t) in enumerate(items):
        if idx <= title_idx or b.kind == "heading":
            continue
        for m in _YEAR.finditer(t):
            y = int(m.group(1))
            if filing is not None and y > filing.year:
                continue
            window = t[max(0, m.start() - 12): m.end() + 20]
            counts[y] += 2 if _MONEY_WORDS.search(window) else 1
    if not counts:
        return None, None
    if filing is not None:
        # a report is filed after the year it reports on
        candidates = {y: c for y, c in counts.items() if y < filing.year} or dict(counts)
    else:
        candidates = dict(counts)
    year = max(candidates.items(), key=lambda kv: (kv[1], kv[0]))[0]
    return year, "body"


def _score_and_grade(items: list[tuple[Block, str]], evidence: list[tuple[str, Evidence]], kind: str = "department"
                     ) -> tuple[Decimal | None, str | None]:
    # in a department's report a project's score is not the report's; in a project's report it is
    context = _SUB_SCORE_CONTEXT if kind != "project" else _LEVEL_SCORE_CONTEXT
    score = None
    for pattern in _TOTAL_SCORE:
        for b, t in items:
            if b.kind == "table":
                continue
            for m in pattern.finditer(t):
                sentence_start = max(t.rfind("。", 0, m.start()), 0)
                if context.search(t[sentence_start:m.end()]):
                    continue
                score = to_decimal(m.group(1))
                evidence.append(("self_eval_score", Evidence(b.locator, m.group(0))))
                break
            if score is not None:
                break
        if score is not None:
            break
    if score is None:
        score = _table_total_score(items, evidence)
    grade = None
    for b, t in items:
        m = _GRADE.search(t)
        if m:
            grade = normalize_grade(m.group(1))
            evidence.append(("grade", Evidence(b.locator, m.group(0))))
            break
    return score, grade


def _table_total_score(items: list[tuple[Block, str]], evidence: list[tuple[str, Evidence]]) -> Decimal | None:
    """The 总分 row of the department's self-evaluation table: its last number is the score."""
    for b, _ in items:
        if b.table is None or "项目名称" in b.text:
            continue
        for row in b.table.grid():
            if not row or not any(re.fullmatch(r"总\s*分", c.strip()) for c in row):
                continue
            nums = [to_decimal(c) for c in row if to_decimal(c) is not None]
            if nums:
                evidence.append(("self_eval_score", Evidence(b.locator, " | ".join(c for c in row if c))))
                return nums[-1]
    return None
