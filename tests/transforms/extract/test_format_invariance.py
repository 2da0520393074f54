"""The same report in any format or layout must yield the same facts.

Each sample text is rendered with samples/render.py (merged label cells, tables split across pages), and one
generated report of each kind is written in every layout of the corpus generator; the facts that feed the
warehouse are compared after normalisation; locators and raw text naturally differ.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from samples.render import render_docx, render_pdf
from samples.synth import LAYOUTS, generate
from samples.synth.content import KINDS
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
        "projects": {
            (p.name, _n(p.full_year_yuan), _n(p.executed_yuan), _n(p.stated_rate), _n(p.score))
            for p in f.projects
            if not p.is_total
        },
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
                diffs[key] = {
                    "missing": sorted(expected - got[key], key=str),
                    "extra": sorted(got[key] - expected, key=str),
                }
            else:
                diffs[key] = {"text": expected, fmt: got[key]}
    assert not diffs, f"{src.name} as {fmt} differs from the text: {diffs}"


# every generated layout but the excerpt, which by design states only part of the report
GENERATED = [x for x in LAYOUTS if x != "excerpt"]


def generated_summary(f: ReportFacts) -> dict[str, Any]:
    """What a report states, whatever its layout: lines, projects, indicator rows and the total score."""
    return {
        "budget_lines": {(b.category, b.phase, _n(b.amount_yuan)) for b in f.budget_lines},
        "projects": {(p.name, _n(p.full_year_yuan), _n(p.executed_yuan)) for p in f.projects if not p.is_total},
        "indicators": {
            (i.level3, i.target.raw if i.target else "", i.actual.raw if i.actual else "", _n(i.weight), _n(i.score))
            for i in f.indicators
        },
        "total_score": _n(f.meta.self_eval_score),
    }


@pytest.fixture(scope="module")
def one_report_every_layout(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, dict[str, Any]]]:
    """kind -> layout -> facts read from one report of that kind written in every layout."""
    from flows.stages import discover, read_and_extract

    out: dict[str, dict[str, dict[str, Any]]] = {}
    for kind in KINDS:
        corpus = tmp_path_factory.mktemp(f"same_{kind}")
        manifest = generate(0, 5, corpus, GENERATED, same_report=kind)
        layout_of = {e["file"]: e["layout"] for e in manifest["reports"]}
        out[kind] = {}
        for sub in discover(corpus / "inbox"):
            res = read_and_extract(sub)
            assert res.facts is not None, sub.path.name
            out[kind][layout_of[sub.path.name]] = generated_summary(res.facts)
    return out


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("layout", [x for x in GENERATED if x != "tab"])
def test_every_generated_layout_gives_the_facts_of_tab_rows(
    one_report_every_layout: dict[str, dict[str, dict[str, Any]]], kind: str, layout: str
) -> None:
    want, got = one_report_every_layout[kind]["tab"], one_report_every_layout[kind][layout]
    assert want["budget_lines"] and want["indicators"], f"{kind}: the tab layout yields nothing to compare"
    diffs = {
        key: {"missing": sorted(want[key] - got[key], key=str), "extra": sorted(got[key] - want[key], key=str)}
        if isinstance(want[key], set)
        else {"tab": want[key], layout: got[key]}
        for key in want
        if got[key] != want[key]
    }
    assert not diffs, f"{kind} report as {layout} differs from tab rows: {diffs}"
