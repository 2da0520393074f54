"""``jixiao serve``: the nightly flow on a cron schedule through a real Prefect server.

Prefect refuses schedules on its ephemeral API, so serve connects to PREFECT_API_URL when set, and otherwise
starts ``prefect server start`` on 127.0.0.1:4200 as a child process and waits for it to be healthy.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request

DEFAULT_API = "http://127.0.0.1:4200/api"


def _healthy(api: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api}/health", timeout=2) as resp:
            return resp.status == 200
    except OSError:
        return False


def ensure_server(api: str = DEFAULT_API, timeout_s: float = 60.0) -> subprocess.Popen[bytes] | None:
    """Connect to a running Prefect server or start one; return the child process when we started it."""
    if _healthy(api):
        return None
    host_port = api.split("//", 1)[1].split("/", 1)[0]
    host, port = host_port.split(":")
    proc = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", host, "--port", port],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if _healthy(api):
            return proc
        if proc.poll() is not None:
            raise RuntimeError(f"prefect server exited with code {proc.returncode}")
        time.sleep(0.5)
    proc.terminate()
    raise RuntimeError(f"prefect server did not become healthy at {api} within {timeout_s:.0f} s")


def check_schedule(cron: str, timezone: str) -> str | None:
    """Why the schedule cannot run, in both languages; None when it can."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from prefect.schedules import Cron

    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return f"时区无效：{timezone!r}（例如 Asia/Shanghai） / unknown time zone {timezone!r} (e.g. Asia/Shanghai)"
    try:
        Cron(cron, timezone=timezone)
    except ValueError:
        return (
            f'定时表达式无效：{cron!r}（五段，例如 "0 2 * * *" 即每天 02:00） / '
            f'invalid cron {cron!r} (five fields, e.g. "0 2 * * *" for 02:00 every day)'
        )
    return None


def serve(cron: str, timezone: str, inbox: str | None, db: str | None) -> int:
    """Serve the nightly flow as a deployment with a cron schedule until interrupted."""
    problem = check_schedule(cron, timezone)
    if problem:
        print(f"错误 error: {problem}", file=sys.stderr)
        return 2
    api = os.environ.get("PREFECT_API_URL", DEFAULT_API)
    server = ensure_server(api)
    os.environ["PREFECT_API_URL"] = api
    from prefect.schedules import Cron

    from flows.nightly import nightly

    print(f"serving jixiao-nightly on '{cron}' ({timezone}) via {api}; UI at {api.removesuffix('/api')}")
    try:
        nightly.serve(
            name="jixiao-nightly", schedule=Cron(cron, timezone=timezone), parameters={"inbox": inbox, "db": db}
        )
    finally:
        if server is not None:
            server.terminate()
    return 0
