"""Fixtures for the reader tests: the real reports rendered to DOCX and PDF once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from samples.render import render_docx, render_pdf


@pytest.fixture(scope="session")
def rendered(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """seed stem -> {"txt", "docx", "pdf"} paths; the seeds are read at test time and never copied."""
    out_dir = tmp_path_factory.mktemp("rendered")
    out: dict[str, dict[str, Path]] = {}
    for seed in sorted(seeds_dir.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        docx_path, pdf_path = out_dir / f"{seed.stem}.docx", out_dir / f"{seed.stem}.pdf"
        render_docx(text, docx_path)
        render_pdf(text, pdf_path)
        out[seed.stem] = {"txt": seed, "docx": docx_path, "pdf": pdf_path}
    return out
