"""The nightly flow on a local Dask cluster of two workers (prefect-dask's DaskTaskRunner, as `jixiao run --runner
dask` starts it) over the embedded samples: the reports load, and a second night skips them all by their hashes."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from flows.nightly import nightly
from flows.runners import dask_runner

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "inbox"


@pytest.mark.slow
def test_the_night_runs_on_a_two_worker_dask_cluster(prefect_harness: None, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLES, inbox)
    db = tmp_path / "w.duckdb"
    flow = nightly.with_options(task_runner=dask_runner(workers=2))
    first = flow(inbox=str(inbox), db=str(db))
    assert first["loaded"] == 5 and first["quarantined"] == 0 and not first["rules_errored"]
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM reports").fetchone() == (5,)
        assert con.execute("SELECT count(*) FROM summary_region").fetchone() == (5,)
    finally:
        con.close()
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:  # the summary sits beside the flow run in Prefect's UI
        from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

        arts = client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["jixiao-run-summary"])))
    assert any(first["run_id"] in str(a.data) for a in arts)
    second = flow(inbox=str(inbox), db=str(db))
    assert second["loaded"] == 0 and second["unchanged"] == first["reports_seen"]  # the PDF copy of a DOCX too
