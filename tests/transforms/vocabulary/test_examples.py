"""Every vocabulary entry's example extracts to what the entry says, through the extractor that reads the entry.

A part of a vocabulary file without a probe here fails the test: a word list no extractor is tested against is a
list nobody reads.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from transforms.extract import budget, claims, own_funds, projects, region, sentences
from transforms.extract.categories import category_of, phase_of
from transforms.extract.filing_date import date_in_text
from transforms.extract.metadata import money_year, preparer_in_text
from transforms.extract.period_year import period_year
from transforms.extract.rate_kinds import rate_kind
from transforms.extract.report_kind import kind_of_title, report_kind, subject_of_title
from transforms.extract.report_score import grade_in_text, score_in_row, score_in_text
from transforms.extract.scores import sub_score_level
from transforms.extract.unit_name import as_unit, unit_in_line, unit_in_title
from transforms.normalize.levels import group_labels
from transforms.normalize.measures import parse_measure
from transforms.normalize.numbers import parse_amount
from transforms.readers import paragraphs
from transforms.readers.columns import label_role, split_words, value_shape
from transforms.readers.text import parse_text
from transforms.vocabulary import concepts, entries, load


def _own_phase(text: str) -> str | None:
    """The phase own_funds.py reads the last amount of ``text`` in, in a report about one fund."""
    doc = parse_text(text, "t.txt")
    found = [own_funds.own_fund_phase(m, s.text) for s in sentences.sentences(doc) for m in sentences.mentions(s)]
    return found[-1] if found else None


def _thresholds(text: str) -> bool:
    return any(claims._threshold(text, m) for m in claims._PERCENT.finditer(text))


def _date(text: str) -> str | None:
    d = date_in_text(text)
    return d.isoformat() if d else None


def _flag(found: object, means: str) -> str | None:
    return means if found else None


def _unit(text: str) -> str | None:
    m = parse_measure(text)
    return m.unit if m else None


def _op(text: str) -> str | None:
    m = parse_measure(text)
    return m.op if m else None


def _score(text: str, entry: dict[str, Any]) -> str | None:
    s = score_in_text(text, entry.get("kind", "department"))
    return None if s is None else format(s.normalize(), "f")


# (concept, part) -> the extractor an entry's example goes through; those that need it get the entry too
PROBES: dict[tuple[str, str], Callable[..., Any]] = {
    ("organisations", "labels"): unit_in_line,
    ("organisations", "supervisor_labels"): lambda t: unit_in_line(t, "supervisor"),
    ("organisations", "page_labels"): lambda t: unit_in_line(t, "page"),
    ("organisations", "endings"): as_unit,
    ("organisations", "stamp_notes"): unit_in_line,
    ("organisations", "code_prefixes"): unit_in_line,
    ("report_titles", "department"): kind_of_title,
    ("report_titles", "fund"): kind_of_title,
    ("report_titles", "project"): kind_of_title,
    ("report_titles", "unit_shapes"): unit_in_title,
    ("report_titles", "subject_labels"): lambda t: report_kind("", [t])[1],
    ("report_titles", "subject_tails"): subject_of_title,
    ("scores", "total_score"): _score,
    ("scores", "score_leads"): _score,
    ("scores", "part_context"): _score,
    ("scores", "project_context"): _score,
    ("scores", "total_rows"): lambda t: score_in_row(t.split("\t")),
    ("scores", "grade_phrases"): grade_in_text,
    ("scores", "grades"): grade_in_text,
    ("scores", "grade_tails"): grade_in_text,
    ("dates", "filing_labels"): _date,
    ("dates", "publication_labels"): _date,
    ("dates", "separators"): _date,
    ("dates", "period_phrases"): period_year,
    ("organisations", "preparer_labels"): preparer_in_text,
    ("budget", "categories"): category_of,
    ("budget", "three_public_parts"): category_of,
    ("budget", "not_amounts"): category_of,
    ("budget", "phases"): phase_of,
    ("budget", "phase_free"): phase_of,
    ("budget", "rate_headers"): lambda t: _flag(budget._RATE_HEADER.search(t), "rate"),
    ("budget", "header_words"): lambda t: _flag(budget._HEADER_WORDS.search(t), "header"),
    ("budget", "total_rows"): lambda t: _flag(t in budget._TOTAL_ROWS, "total"),
    ("budget", "summary_rows"): lambda t: _flag(projects._SUMMARY_ROW_SKIP.search(t), "summary"),
    ("budget", "phase_only"): lambda t: _flag(sentences._PHASE_ONLY.match(t), "phase_only"),
    ("budget", "project_openers"): sentences.sentence_project,
    ("budget", "funds_received"): lambda t: _flag(sentences._FUNDS.match(t), "adjusted"),
    ("budget", "money_words"): money_year,
    ("budget", "own_funds"): _own_phase,
    ("budget", "own_spending"): _own_phase,
    ("budget", "own_spending_free"): _own_phase,
    ("budget", "not_own_funds"): _own_phase,
    ("budget", "own_fund_totals"): lambda t: _flag(own_funds._words("own_fund_totals").search(t), "total"),
    ("budget", "fund_sources"): own_funds._source,
    ("indicators", "level1"): value_shape,
    ("indicators", "level2"): value_shape,
    ("indicators", "numbered_levels"): sub_score_level,
    ("indicators", "group_labels"): lambda t: _flag(t in group_labels(), "group"),
    ("measures", "money_units"): lambda t: a.unit if (a := parse_amount(t)) else None,
    ("measures", "count_units"): _unit,
    ("measures", "operators"): _op,
    ("measures", "suffix_operators"): _op,
    ("budget", "references"): sentences.sentence_project,
    ("report_titles", "title_words"): lambda t: _flag(paragraphs._TITLE.search(t), "title"),
    ("report_titles", "title_endings"): lambda t: _flag(paragraphs.is_title(t), "title"),
    ("report_titles", "item_openers"): lambda t: _flag(paragraphs.starts_item(t), "item"),
    ("stated_rates", "kinds"): rate_kind,
    ("stated_rates", "department_wide"): lambda t: _flag(claims._DEPARTMENT_WIDE.search(t), "total"),
    ("stated_rates", "change_words"): lambda t: _flag(claims._CHANGE_LABEL.search(t), "change"),
    ("stated_rates", "thresholds_before"): lambda t: _flag(_thresholds(t), "threshold"),
    ("stated_rates", "thresholds_after"): lambda t: _flag(_thresholds(t), "threshold"),
    ("regions", "province_suffixes"): region.short_name,
    ("regions", "prefecture_suffixes"): region.short_name,
    ("regions", "peoples"): region.short_name,
    ("table_columns", "columns"): lambda t: r[0] if (r := label_role(t)) else None,
    ("table_columns", "qualitative"): lambda t: split_words(t)[-1],
    ("regions", "placeholders"): lambda t: region.resolve_region(t).division_code,
}


def _cases() -> list[Any]:
    out = []
    for concept in concepts():
        for part, value in load(concept).items():
            if isinstance(value, list) and value and isinstance(value[0], dict) and "example" in value[0]:
                for e in entries(concept, part):
                    out.append(pytest.param(concept, part, e, id=f"{concept}.{part}.{e['term']}"))
    return out


@pytest.mark.parametrize(("concept", "part", "entry"), _cases())
def test_entry_example_extracts(concept: str, part: str, entry: dict[str, Any]) -> None:
    probe = PROBES.get((concept, part))
    assert probe is not None, f"no extractor is tested against {concept}.yaml {part}"
    got = probe(entry["example"], entry) if probe is _score else probe(entry["example"])
    want = entry["means"]
    if isinstance(got, Decimal):
        got = format(got.normalize(), "f")
    assert got == (None if want is None else str(want) if not isinstance(got, int) else want), entry


def test_every_entry_has_an_example() -> None:
    """Each entry of every part of every vocabulary file carries a term, an example and what it means."""
    bad = []
    for concept in concepts():
        for part, value in load(concept).items():
            for e in value if isinstance(value, list) else []:
                if not (isinstance(e, dict) and {"term", "example", "means"} <= set(e)):
                    bad.append(f"{concept}.{part}: {e!r}"[:120])
    assert not bad, bad
