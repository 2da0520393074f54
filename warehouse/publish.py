"""The analyst snapshot: a checkpointed copy of the warehouse, swapped in atomically after a successful run.

Analysts open the snapshot read-only, so they never hold the nightly's write lock and never see a run half done.
A reader that has the old snapshot open keeps reading it (POSIX keeps the replaced file alive for open handles);
the next open sees the new one.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import duckdb

from warehouse.db import open_waiting


def snapshot_path(data_dir: Path) -> Path:
    """Where the published snapshot lives: <data>/published/warehouse.duckdb."""
    return data_dir / "published" / "warehouse.duckdb"


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish_snapshot(db: Path, target: Path) -> Path:
    """Checkpoint the warehouse, copy it beside the target, check the copy opens, then os.replace it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=".publishing-", suffix=".duckdb", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        # Holding the connection while copying keeps other processes from writing the file mid-copy.
        con = open_waiting(db)
        try:
            con.execute("CHECKPOINT")
            shutil.copyfile(db, tmp)
        finally:
            con.close()
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        # mkstemp makes the file private; analysts on other accounts must be able to read the snapshot
        tmp.chmod(0o644)
        check = duckdb.connect(str(tmp), read_only=True)
        try:
            check.execute("SELECT count(*) FROM core_reports").fetchone()
        finally:
            check.close()
        os.replace(tmp, target)
        _fsync_dir(target.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        tmp.with_name(tmp.name + ".wal").unlink(missing_ok=True)
        raise
    return target
