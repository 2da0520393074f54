"""Each submission read and extracted in a process of its own, under limits on memory, CPU time and wall time.

A file that breaks a limit (a deflate bomb, a page the size of a field) ends as a quarantine outcome naming the
limit, its worker is gone, and the rest of the night goes on. Workers are forked from a server that has the
readers imported, so a file costs a fork, not an interpreter start; the Prefect task runner's threads each wait on
one worker, which gives the parallelism the GIL would otherwise take away.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import signal
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from flows import stages
from transforms.readers.errors import OverLimit

_PRELOAD = [
    "flows.stages",
    "transforms.extract",
    "transforms.readers.pdf",
    "transforms.readers.docx",
    "transforms.readers.xlsx",
    "transforms.readers.text",
    "pdfplumber",
    "pypdfium2",
    "docx",
    "openpyxl",
    "flows.worker_warm",
    "flows.cli",  # a worker re-runs the main module (jixiao run is flows.cli): its imports loaded once here
]


@dataclass(frozen=True)
class WorkerLimits:
    # address space of one worker: the largest real PDF here peaks at 135 MB; a night peaks near workers × this
    memory_mb: int = 1024
    cpu_seconds: int = 300
    wall_seconds: int = 600

    @classmethod
    def from_env(cls) -> WorkerLimits:
        return cls(
            memory_mb=int(os.environ.get("JIXIAO_WORKER_MEMORY_MB", cls.memory_mb)),
            cpu_seconds=int(os.environ.get("JIXIAO_WORKER_CPU_S", cls.cpu_seconds)),
            wall_seconds=int(os.environ.get("JIXIAO_WORKER_WALL_S", cls.wall_seconds)),
        )


_context: Any = None


def _ctx() -> Any:
    global _context
    if _context is None:
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(_PRELOAD)
        _context = ctx
    return _context


def _settings() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k.startswith("JIXIAO_")}


def _child(sub: stages.Submission, limits: WorkerLimits, settings: dict[str, str], conn: Connection) -> None:
    # the fork server was started with the environment of its first use: the readers' limits are tonight's
    for key in [k for k in os.environ if k.startswith("JIXIAO_") and k not in settings]:
        del os.environ[key]
    os.environ.update(settings)
    memory = limits.memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 5))
    try:
        res = stages.read_and_extract(sub)
    except MemoryError:
        conn.send(("memory", None))
        return
    use = resource.getrusage(resource.RUSAGE_SELF)
    res.peak_rss_kb, res.cpu_seconds = use.ru_maxrss, round(use.ru_utime + use.ru_stime, 3)
    conn.send(("done", res))


def _over(sub: stages.Submission, detail: str) -> stages.FileResult:
    path = sub.path
    return stages.FileResult(sub, stages.sha256_of(path), path.stat().st_size, error=OverLimit(path.name, detail))


def read_in_worker(sub: stages.Submission, limits: WorkerLimits | None = None) -> stages.FileResult:
    """stages.read_and_extract in a worker process under ``limits``; a broken limit is a quarantine outcome."""
    limits = limits or WorkerLimits.from_env()
    if sub.refused is not None:
        return stages.read_and_extract(sub)  # refused unread: nothing to isolate
    if mp.current_process().daemon:
        # a Dask worker's task process may not have children; its nanny's memory limit is the isolation there
        return stages.read_and_extract(sub)
    receive, send = _ctx().Pipe(duplex=False)
    proc = _ctx().Process(target=_child, args=(sub, limits, _settings(), send), daemon=True)
    proc.start()
    send.close()
    try:
        if receive.poll(limits.wall_seconds):
            try:
                status, res = receive.recv()
            except EOFError:  # the worker died before it could answer
                status, res = "died", None
        else:
            status, res = "wall", None
    finally:
        if proc.is_alive() and status != "done":
            proc.kill()
        proc.join(10)
        receive.close()
    if status == "done":
        return res
    if status == "memory":
        return _over(sub, f"memory over {limits.memory_mb} MB (JIXIAO_WORKER_MEMORY_MB) / 内存超限")
    if status == "wall":
        return _over(sub, f"still reading after {limits.wall_seconds} s (JIXIAO_WORKER_WALL_S) / 处理时间超限")
    if proc.exitcode == -signal.SIGABRT:
        # pdfium does not raise when an allocation fails under RLIMIT_AS: it aborts the process
        return _over(
            sub,
            f"memory over {limits.memory_mb} MB (JIXIAO_WORKER_MEMORY_MB), or the PDF library stopped"
            " on a fault / 内存超限或解析库异常终止",
        )
    if proc.exitcode == -signal.SIGXCPU:
        return _over(sub, f"CPU time over {limits.cpu_seconds} s (JIXIAO_WORKER_CPU_S) / CPU 时间超限")
    return _over(sub, f"the reader ended abnormally (exit {proc.exitcode}) / 读取进程异常退出")
