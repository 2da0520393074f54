"""Every vocabulary entry's example extracts to what the entry says, through the extractor that reads the entry.

A part of a vocabulary file without a probe here fails the test: a word list no extractor is tested against is a
list nobody reads.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from transforms.extract.filing_date import date_in_text
from transforms.extract.report_kind import kind_of_title, report_kind, subject_of_title
from transforms.extract.report_score import grade_in_text, score_in_row, score_in_text
from transforms.extract.unit_name import as_unit, unit_in_line, unit_in_title
from transforms.vocabulary import concepts, entries, load


def _date(text: str) -> str | None:
    d = date_in_text(text)
    return d.isoformat() if d else None


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
