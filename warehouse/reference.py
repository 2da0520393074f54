"""Reference tables rebuilt on every open from the vocabulary (transforms/vocabulary): one definition of the
grade words and their score bands for the loader, the views and the rules alike."""

from __future__ import annotations

from decimal import Decimal

import duckdb

from transforms.extract.report_score import grade_bands

_TOP = Decimal(1000)  # above any score: the top band is open


def build(con: duckdb.DuckDBPyConnection) -> None:
    """ref_grade_words(word, band, min_score, max_score): each printed grade word, its band and the band's range."""
    words = grade_bands()
    floors = sorted({low for _, _, low in words})
    ceiling = {low: next((f for f in floors if f > low), _TOP) for low in floors}
    con.execute(
        "CREATE OR REPLACE TABLE ref_grade_words (word VARCHAR PRIMARY KEY, band VARCHAR NOT NULL, "
        "min_score DECIMAL(8,2) NOT NULL, max_score DECIMAL(8,2) NOT NULL)"
    )
    con.executemany(
        "INSERT INTO ref_grade_words VALUES (?, ?, ?, ?)", [(w, band, low, ceiling[low]) for w, band, low in words]
    )
