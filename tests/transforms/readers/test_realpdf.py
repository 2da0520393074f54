"""Robustness over real third-party PDFs (../shared/realpdf, read in place): read or quarantine, never crash.

Run with ``-s`` to see the reader's speed: ``.venv/bin/pytest tests/transforms/readers/test_realpdf.py -s``.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from transforms.readers import read_document
from transforms.readers.errors import QuarantineError

REALPDF = Path(__file__).resolve().parents[3].parent / "shared" / "realpdf"
SCAN = "scan_ocr_audit_letter_tianjian_2016.pdf"


@pytest.mark.slow
def test_every_real_pdf_reads_or_quarantines() -> None:
    files = sorted(REALPDF.glob("*.pdf"))
    if not files:
        pytest.skip("../shared/realpdf is absent")
    pages = 0
    started = time.perf_counter()
    outcomes: dict[str, str] = {}
    for path in files:
        try:
            doc = read_document(path)
        except QuarantineError as exc:
            outcomes[path.name] = exc.code
            continue
        pages += doc.pages
        outcomes[path.name] = "read"
        assert doc.blocks, path.name
        for t in doc.tables():
            assert all(c.locator.page and c.locator.bbox for r in t.rows for c in r), path.name
        if path.name == SCAN:
            # the scanner's OCR layer is kept (it is mostly right) and flagged so reviewers check its figures
            assert any(w.startswith("ocr_text_layer: pages 1-6") for w in doc.warnings)
        else:
            assert not any(w.startswith("ocr_text_layer") for w in doc.warnings), path.name
    elapsed = time.perf_counter() - started
    print(
        f"\nrealpdf: {len(files)} files, {pages} pages in {elapsed:.1f} s = {pages / elapsed:.1f} pages/s; "
        f"outcomes {sorted(set(outcomes.values()))}"
    )
    assert set(outcomes.values()) == {"read"}
