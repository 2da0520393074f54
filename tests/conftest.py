"""Shared test fixtures: repository paths and the real reports in ../shared (skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
REALPDF = SHARED / "realpdf"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five real reports; tests that need them skip when ../shared is not beside the repository."""
    if not SEEDS.is_dir() or not list(SEEDS.glob("*.txt")):
        pytest.skip("../shared/seeds is absent")
    return SEEDS


@pytest.fixture(scope="session")
def prefect_harness():
    """A temporary Prefect API for the flow tests (one per session: it takes seconds to start)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
