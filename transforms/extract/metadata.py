"""Report metadata: unit, region, fiscal year, filing date, preparer, total score and grade, each with evidence."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from transforms.document import Block, Document, Locator
from transforms.extract.filing_date import find_filing_date
from transforms.extract.period_year import period_years
from transforms.extract.region import resolve_region
from transforms.extract.report_kind import report_kind
from transforms.extract.report_score import find_grade, find_score
from transforms.extract.unit_name import find_unit
from transforms.facts import Evidence, ReportMeta
from transforms.normalize.numbers import to_decimal
from transforms.notices import notice
from transforms.readers.paragraphs import is_title
from transforms.vocabulary import alternation, terms

_TITLE_YEAR = re.compile(r"[（(]?\s*(20\d{2})\s*年度?\s*[)）]?")
_YEAR = re.compile(r"(20\d{2})\s*年(度)?")
_PREPARER = re.compile(
    rf"(?:{alternation(terms('organisations', 'preparer_labels'))})\s*[:：]\s*([\u4e00-\u9fff]{{2,4}})"
)
_PHONE = re.compile(r"(?:联系电话|电话)\s*[:：]\s*([\d\-－ ]{7,20}\d)")
_MONEY_WORDS = re.compile(alternation(terms("budget", "money_words")))
_TITLE_SEARCH = 60  # blocks searched for the title
_YEAR_LINE = re.compile(r"^[（(]?\s*(20\d{2})\s*年度?\s*[)）]?\s*\|?$")


def _about_money(text: str, year: re.Match[str]) -> bool:
    """True when a year is named with money words beside it (2021年决算, 2021年度预算资金)."""
    return bool(_MONEY_WORDS.search(text[max(0, year.start() - 12) : year.end() + 20]))


def money_year(text: str) -> int | None:
    """The first year a text names with money words beside it."""
    return next((int(m.group(1)) for m in _YEAR.finditer(text) if _about_money(text, m)), None)


def preparer_in_text(text: str) -> str | None:
    """The preparer a labelled line names (填报人：张三)."""
    m = _PREPARER.search(text)
    return m.group(1) if m else None


def _titled(items: list[tuple[Block, str]]) -> int | None:
    """The index of the title: the first line that is a performance report's title (…绩效自评报告, …绩效评价表),
    with or without a year. A published page puts its navigation and index fields before it."""
    return next(
        (
            i
            for i, (b, t) in enumerate(items[:_TITLE_SEARCH])
            if b.kind != "table" and "\n" not in t.strip() and is_title(t)
        ),
        None,
    )


def _blocks_text(doc: Document) -> list[tuple[Block, str]]:
    return [(b, b.text) for b in doc.blocks]


def extract_metadata(doc: Document) -> tuple[ReportMeta, list[str]]:
    """Metadata of one report, with evidence per field and warnings for conflicts."""
    warnings: list[str] = []
    evidence: list[tuple[str, Evidence]] = []
    items = _blocks_text(doc)
    blocks = list(doc.blocks)
    full = "\n".join(t for _, t in items)

    title_idx = _titled(items)
    if title_idx is None:  # no line names a performance report: a dated line that says 报告 or 年度
        title_idx = next(
            (
                i
                for i, (b, t) in enumerate(items[:15])
                if ("报告" in t or "年度" in t) and len(t) <= 80 and b.kind != "table" and _TITLE_YEAR.search(t)
            ),
            None,
        )
    title_year = None
    title_block: Block | None
    if title_idx is not None:
        title_block, line = items[title_idx]
        # a title's year may stand on the line under it: 部门整体支出绩效评价自评报告 / （2023 年度）
        for b, t in [(title_block, line), *items[title_idx + 1 : title_idx + 2]]:
            m = _TITLE_YEAR.search(t) if b is title_block else _YEAR_LINE.match(t.strip())
            if m:
                title_year = int(m.group(1))
                evidence.append(("title_year", Evidence(b.locator, t.strip())))
                break
    else:
        title_idx = 0
        title_block = next((b for b, _ in items[:5] if b.kind != "table"), None)
    title = title_block.text if title_block is not None else ""

    unit = find_unit(blocks, title_block)
    department = unit.name if unit else None
    if unit:
        evidence.append(("department", Evidence(unit.locator, unit.raw)))
    else:
        warnings.append(notice("department_missing", "; ".join(_candidates(items))))

    region = resolve_region(department or "", full, title)
    if region.warning:
        warnings.append(region.warning)

    filed = find_filing_date(blocks)
    filing = filed.value if filed else None
    if filed:
        evidence.append(("filing_date", Evidence(filed.locator, filed.raw)))

    fiscal_year, source = _body_year(items, title_idx, filing, filed.locator if filed else None)
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

    # a sentence naming another year as the report's period (截至2022年底 in a report on 2023): consistency_period_year
    evidence.extend(("period_year", ev) for year, ev in period_years(blocks) if year != fiscal_year)
    kind, subject = report_kind(title, [t for b, t in items[:30] if b.kind != "table"])
    score = find_score(blocks, kind)
    if score:
        evidence.append(("self_eval_score", Evidence(score.locator, score.raw)))
    grade = find_grade(blocks, kind, score.locator if score else None)
    if grade:
        evidence.append(("grade", Evidence(grade.locator, grade.raw)))

    phone = None
    preparer = preparer_in_text(full)
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
        self_eval_score=to_decimal(score.value) if score else None,
        grade=grade.value if grade else None,
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


def _body_year(
    items: list[tuple[Block, str]], title_idx: int, filing: date | None, filing_locator: Locator | None = None
) -> tuple[int | None, str | None]:
    """The year the money is about: the most named year in sentences about budgets and spending.

    The line that gives the filing date names the year the report was written, not the one it reports on.
    """
    counts: Counter[int] = Counter()
    for idx, (b, t) in enumerate(items):
        if idx <= title_idx or b.kind == "heading" or (filing_locator is not None and b.locator == filing_locator):
            continue
        for m in _YEAR.finditer(t):
            y = int(m.group(1))
            if filing is not None and y > filing.year:
                continue
            counts[y] += 2 if _about_money(t, m) else 1
    if not counts:
        return None, None
    if filing is not None:
        # a report is filed after the year it reports on
        candidates = {y: c for y, c in counts.items() if y < filing.year} or dict(counts)
    else:
        candidates = dict(counts)
    year = max(candidates.items(), key=lambda kv: (kv[1], kv[0]))[0]
    return year, "body"
