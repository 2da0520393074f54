"""``jixiao serve``: the nightly flow on a cron schedule through a real Prefect server.

Prefect refuses schedules on its ephemeral API, so serve connects to PREFECT_API_URL when set, and otherwise
starts ``prefect server start`` on 127.0.0.1:4200 as a child process and waits for it to be healthy.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from types import FrameType
from urllib.parse import urlsplit

from flows.prefect_api import healthy

DEFAULT_API = "http://127.0.0.1:4200/api"
STOP_GRACE_S = 10.0  # how long the child server gets to exit on terminate before it is killed


class ServerStartFailed(Exception):
    """The Prefect server serve started did not come up; the message says so in both languages."""


def check_api_url(api: str) -> str | None:
    """Why ``api`` cannot be a Prefect API address, in both languages; None when it can."""
    try:
        parts = urlsplit(api)
        port = parts.port
    except ValueError:
        port, parts = -1, None
    if parts is None or port == -1 or parts.scheme not in ("http", "https") or not parts.hostname:
        return (
            f"PREFECT_API_URL 无效：{api!r}（端口须为 1–65535，例如 http://127.0.0.1:4200/api） / "
            f"invalid PREFECT_API_URL {api!r} (the port must be 1–65535, e.g. http://127.0.0.1:4200/api)"
        )
    if port == 0:
        return f"PREFECT_API_URL 的端口不能为 0：{api!r} / the port of PREFECT_API_URL cannot be 0: {api!r}"
    return None


def ensure_server(api: str = DEFAULT_API, timeout_s: float = 60.0) -> subprocess.Popen[bytes] | None:
    """Connect to a running Prefect server or start one; return the child process when we started it."""
    if healthy(api):
        return None
    parts = urlsplit(api)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    proc = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", str(parts.hostname), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    print(f"starting a Prefect server at {api} (pid {proc.pid}) / 正在启动 Prefect 服务", flush=True)
    try:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if healthy(api):
                return proc
            if proc.poll() is not None:
                raise ServerStartFailed(
                    f"Prefect 服务启动失败（退出码 {proc.returncode}），端口 {port} 可能已被占用 / "
                    f"the Prefect server exited with code {proc.returncode}; port {port} may be in use"
                )
            time.sleep(0.5)
        raise ServerStartFailed(
            f"Prefect 服务在 {timeout_s:.0f} 秒内未就绪：{api} / "
            f"the Prefect server was not ready at {api} within {timeout_s:.0f} s"
        )
    except BaseException:
        stop_server(proc)
        raise


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    """Terminate the child server, and kill it when it does not exit within the grace period."""
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=STOP_GRACE_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _exit_on_sigterm(signum: int, frame: FrameType | None) -> None:
    # SystemExit unwinds through serve's finally, so a server we started does not outlive us.
    raise SystemExit(0)


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
    api = os.environ.get("PREFECT_API_URL") or DEFAULT_API
    problem = check_api_url(api)
    if problem:
        print(f"错误 error: {problem}", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        server = ensure_server(api)
    except ServerStartFailed as exc:
        print(f"错误 error: {exc}", file=sys.stderr)
        return 4
    os.environ["PREFECT_API_URL"] = api
    from prefect.schedules import Cron

    from flows.nightly import nightly

    print(f"serving jixiao-nightly on '{cron}' ({timezone}) via {api}; UI at {api.removesuffix('/api')}", flush=True)
    try:
        # Prefect's runner replaces our SIGTERM handler with its own, which stops the runner and exits 0.
        nightly.serve(
            name="jixiao-nightly", schedule=Cron(cron, timezone=timezone), parameters={"inbox": inbox, "db": db}
        )
    finally:
        if server is not None:
            stop_server(server)
        print("jixiao serve stopped / 已停止", flush=True)
    return 0
