"""Extractors: Document -> ReportFacts. Each module extracts one kind of fact, following content, not templates."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from transforms.document import Document
from transforms.extract.budget import extract_budget
from transforms.extract.claims import extract_claims
from transforms.extract.counts import extract_count_totals
from transforms.extract.indicators import extract_indicators
from transforms.extract.metadata import extract_metadata
from transforms.extract.projects import extract_projects
from transforms.extract.scores import sentence_scores, total_score_line
from transforms.facts import ReportFacts, ReportMeta
from transforms.notices import notice

__all__ = ["extract_report"]

T = TypeVar("T")


def _guarded(name: str, fn: Callable[[], T], fallback: T, warnings: list[str]) -> T:
    """Run one extractor; an unexpected error becomes a warning so the other facts still load."""
    try:
        return fn()
    except MemoryError:  # the worker's memory limit: reported as such, not as a damaged file
        raise
    except Exception as exc:  # one extractor's failure must not lose the report
        warnings.append(notice("extractor_failed", f"{name}: {type(exc).__name__}: {exc}"))
        return fallback


def extract_report(doc: Document) -> ReportFacts:
    """Every fact the report states, with provenance. Never raises: extractor errors become warnings."""
    warnings: list[str] = list(doc.warnings)  # what the reader noticed stays with the report
    meta, meta_warnings = _guarded("metadata", lambda: extract_metadata(doc), (ReportMeta(), []), warnings)
    warnings.extend(meta_warnings)
    fy = meta.fiscal_year
    budget_lines, table_claims = _guarded(
        "budget", lambda: extract_budget(doc, fy, meta.report_kind, meta.report_subject), ([], []), warnings
    )
    indicators, table_scores = _guarded("indicators", lambda: extract_indicators(doc), ([], []), warnings)
    projects = _guarded("projects", lambda: extract_projects(doc, meta.report_subject), [], warnings)
    sentence_claims = _guarded(
        "claims", lambda: extract_claims(doc, fy, meta.report_subject, meta.report_kind), [], warnings
    )
    count_claims = _guarded("counts", lambda: extract_count_totals(doc), [], warnings)
    scores = _guarded("scores", lambda: sentence_scores(doc), [], warnings)
    total = total_score_line(meta)
    if total is not None:
        scores.insert(0, total)
    return ReportFacts(
        meta=meta,
        projects=tuple(projects),
        budget_lines=tuple(budget_lines),
        indicators=tuple(indicators),
        scores=tuple(scores + table_scores),
        claims=tuple(table_claims + sentence_claims + count_claims),
        warnings=tuple(warnings),
    )
