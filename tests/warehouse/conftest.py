"""Fixtures of the warehouse tests: a sample warehouse built by the loader from hand-made facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.warehouse.factories import build_sample_warehouse


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five reports, one other-format copy and one resubmission; read it read-only."""
    return build_sample_warehouse(tmp_path_factory.mktemp("sample") / "w.duckdb")
