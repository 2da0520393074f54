"""The same report as text, DOCX and PDF must yield the same facts.

Each sample text is rendered with samples/render.py (merged label cells, tables split across pages) and the
facts that feed the warehouse are compared after normalisation; locators and raw text naturally differ.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from samples.render import render_docx, render_pdf
from transforms.extract import extract_report
from transforms.facts import ReportFacts
from transforms.readers import read_document

SRC = Path(__file__).resolve().parents[3] / "samples" / "src"
SAMPLES = sorted(p for p in SRC.glob("*.txt") if "_附件" not in p.stem)
RENDERERS: dict[str, Callable[[str, Path], None]] = {"docx": render_docx, "pdf": render_pdf}


def _n(x: Decimal | None) -> Decimal | None:
    return None if x is None else x.normalize()


def fact_summary(f: ReportFacts) -> dict[str, Any]:
    """The facts compared across formats, as sets so that reading order does not matter."""
    return {
        "budget_lines": {(b.category, b.phase, _n(b.amount_yuan)) for b in f.budget_lines},
        "projects": {(p.name, _n(p.full_year_yuan), _n(p.executed_yuan), _n(p.stated_rate), _n(p.score))
                     for p in f.projects},
        "indicators": {(i.level3, _n(i.weight), _n(i.score)) for i in f.indicators},
        "total_score": _n(f.meta.self_eval_score),
        "execution_rates": {_n(c.stated_value) for c in f.claims if c.kind == "execution_rate"},
    }


@pytest.fixture(scope="module")
def text_summaries() -> dict[str, dict[str, Any]]:
    return {p.stem: fact_summary(extract_report(read_document(p))) for p in SAMPLES}


def test_samples_present() -> None:
    assert len(SAMPLES) >= 5, f"expected the five sample reports in {SRC}"


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
@pytest.mark.parametrize("src", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_same_facts_as_text(src: Path, fmt: str, tmp_path: Path, text_summaries: dict[str, dict[str, Any]]) -> None:
    out = tmp_path / f"{src.stem}.{fmt}"
    RENDERERS[fmt](src.read_text(encoding="utf-8"), out)
    got = fact_summary(extract_report(read_document(out)))
    want = text_summaries[src.stem]
    assert want["budget_lines"], f"{src.name}: the text form yields no budget lines to compare"
    diffs = {}
    for key, expected in want.items():
        if got[key] != expected:
            if isinstance(expected, set):
                diffs[key] = {"missing": sorted(expected - got[key], key=str),
                              "extra": sorted(got[key] - expected, key=str)}
            else:
                diffs[key] = {"text": expected, fmt: got[key]}
    assert not diffs, f"{src.name} as {fmt} differs from the text: {diffs}"
