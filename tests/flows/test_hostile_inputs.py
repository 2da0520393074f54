"""One hostile file cannot hurt the night: a generated inbox of bombs, traps and odd encodings beside good reports
runs through the real nightly flow (each file in its own worker under limits); every entry ends with one outcome,
the good reports load, and the run ends with its summary."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import duckdb
import pytest

from flows.nightly import nightly
from tests.hostile import ENV, build


@pytest.mark.slow
def test_a_hostile_inbox_ends_with_one_outcome_each_and_the_good_reports_loaded(
    prefect_harness: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key, value in ENV.items():
        monkeypatch.setenv(key, value)
    expected = build(tmp_path / "inbox")
    db = tmp_path / "data" / "warehouse.duckdb"
    summary = nightly(inbox=str(tmp_path / "inbox"), db=str(db))

    con = duckdb.connect(str(db), read_only=True)
    try:
        log = con.execute("SELECT source_file, outcome, error_class, reason_en FROM ingest_log").fetchall()
        overflow = con.execute(
            "SELECT r.self_eval_score, w.detail FROM reports r JOIN core_warnings w USING "
            "(report_id) WHERE r.source_file = 'overflow.txt' AND w.code = 'value_out_of_range'"
        ).fetchall()
        open_issue = con.execute(
            "SELECT count(*) FROM dq_issues i JOIN reports r USING (report_id) "
            "WHERE r.source_file = 'overflow.txt' AND i.rule_id = 'extraction_value_out_of_range'"
        ).fetchone()
    finally:
        con.close()
    assert Counter(f for f, *_ in log) == Counter(set(expected)), "every entry, once"
    got = {f: (outcome, cls) for f, outcome, cls, _ in log}
    assert got == {f: (h.outcome, h.error_class) for f, h in expected.items()}
    reasons = {f: reason for f, _, cls, reason in log if cls == "over_limit"}
    assert "memory" in reasons["deflate_bomb.pdf"] and "pages" in reasons["many_pages.pdf"]
    assert "JIXIAO_MAX_PAGE_POINTS" in reasons["huge_page.pdf"] and "cells" in reasons["far_corner.xlsx"]
    # the score no column can hold left empty, the report loaded with an issue that quotes it
    assert overflow and overflow[0][0] is None and "123456789" in overflow[0][1]
    assert open_issue and open_issue[0] == len(overflow)  # the report score and its total score line
    assert summary["loaded"] == sum(h.outcome == "loaded" for h in expected.values())
    assert summary["quarantined"] == sum(h.outcome == "quarantined" for h in expected.values())
