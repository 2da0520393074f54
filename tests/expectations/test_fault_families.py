"""Every fault family of the development corpus is caught by the rules that check it, and no clean report carries
an error. The reports are generated (tab rows and Word files), read, extracted and loaded by the real nightly flow,
so each case the rules judge is an extracted fact set, not rows written into the core tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from samples.synth.faults import FAMILIES
from samples.synth.generate import generate
from tests import accuracy


@pytest.mark.slow
def test_every_fault_family_is_caught_and_clean_reports_stay_clean(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    generate(48, 11, corpus, ["tab", "docx"], fault_rate=0.7)
    db, _ = accuracy.run_flow(corpus / "inbox", tmp_path)
    res = accuracy.score_corpus(corpus, accuracy.read_warehouse(db))
    assert set(res["fault_recall"]) == set(FAMILIES)
    missed = {
        fam: f"{r['caught']}/{r['injected']}" for fam, r in res["fault_recall"].items() if r["caught"] < r["injected"]
    }
    assert not missed, f"fault families not caught: {missed}"
    fe = res["false_errors"]
    assert fe["clean_reports"] >= 8 and fe["clean_with_error"] == 0, fe
