"""Task runners for the nightly flow. Locally, Prefect's threads each drive one worker process (flows/worker.py),
so parsing uses every core. On a Dask cluster, the tasks run on its workers: the files, the warehouse and the
data folder must be on a file system every worker sees at the same paths.
"""

from __future__ import annotations

from typing import Any


def dask_runner(address: str | None = None, workers: int = 2) -> Any:
    """prefect-dask's DaskTaskRunner on the cluster at ``address``, or on a local cluster of ``workers`` processes."""
    from prefect_dask import DaskTaskRunner

    if address:
        return DaskTaskRunner(address=address)
    return DaskTaskRunner(
        cluster_kwargs={"n_workers": workers, "threads_per_worker": 1, "processes": True, "dashboard_address": None}
    )
