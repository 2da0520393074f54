"""One nightly run at a time per data folder: a second run is refused, never interleaved with the first."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path


class RunInProgress(Exception):
    """Another run holds the data folder; says which, in both languages."""

    def __init__(self, holder: str) -> None:
        self.zh = f"另一个运行正在进行（{holder}），本次运行不启动；请等它结束后再运行"
        self.en = f"another run is in progress ({holder}); this one did not start: run again when it has finished"
        super().__init__(f"{self.zh} / {self.en}")


def lock_path(data_dir: Path) -> Path:
    return data_dir / "run.lock"


@contextmanager
def run_lock(data_dir: Path) -> Iterator[None]:
    """Hold the data folder's run lock for the block; RunInProgress at once when another process holds it.

    The lock is the kernel's (flock), so a run that dies leaves no stale lock behind.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_path(data_dir), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "unknown"
            raise RunInProgress(holder) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}, started {datetime.now():%Y-%m-%d %H:%M:%S}".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def check_free(data_dir: Path) -> None:
    """RunInProgress when a run holds the data folder now (a quick check before Prefect starts)."""
    with run_lock(data_dir):
        pass
