"""The Prefect API a run reports to: the server at PREFECT_API_URL when one is set, else Prefect's temporary one.

Prefect starts its temporary API lazily, inside the flow, and under load gives up with a bare timeout that leaves
nothing on record; jixiao starts it before the flow, tries again, and when it cannot, says why in both languages.
"""

from __future__ import annotations

import os
import time
import urllib.request

TRIES = 3
START_SECONDS_ENV = "JIXIAO_PREFECT_START_SECONDS"  # how long one try waits for the temporary API (default 60)


class PrefectUnavailable(Exception):
    """No Prefect API could be reached or started; the operator reads what to do."""

    def __init__(self, zh: str, en: str, detail: str) -> None:
        self.zh, self.en, self.detail = zh, en, detail
        super().__init__(f"{zh} / {en} ({detail})")


def healthy(api: str, timeout_s: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"{api.rstrip('/')}/health", timeout=timeout_s) as resp:
            return resp.status == 200
    except OSError:
        return False


def configured_url() -> str | None:
    """PREFECT_API_URL from the environment, else from the active Prefect profile."""
    from prefect.settings import PREFECT_API_URL

    return os.environ.get("PREFECT_API_URL") or PREFECT_API_URL.value()


def ensure_api(tries: int = TRIES, pause_s: float = 2.0) -> str:
    """The URL of a Prefect API that answers, after up to ``tries`` attempts; raises PrefectUnavailable."""
    url = configured_url()
    if url:
        for attempt in range(tries):
            if healthy(url):
                return url
            if attempt < tries - 1:
                time.sleep(pause_s)
        raise PrefectUnavailable(
            f"无法连接 PREFECT_API_URL 指定的 Prefect 服务 {url}（已尝试 {tries} 次）；请确认该服务正在运行，"
            "或取消 PREFECT_API_URL 以使用临时服务",
            f"the Prefect server at PREFECT_API_URL {url} did not answer after {tries} tries; check that it is "
            "running, or unset PREFECT_API_URL to use a temporary one",
            "no answer from /health",
        )
    from prefect.server.api.server import SubprocessASGIServer
    from prefect.settings import PREFECT_SERVER_EPHEMERAL_ENABLED

    if not PREFECT_SERVER_EPHEMERAL_ENABLED.value():
        raise PrefectUnavailable(
            "未设置 PREFECT_API_URL，且临时 Prefect 服务已被关闭；请设置 PREFECT_API_URL 为正在运行的服务",
            "PREFECT_API_URL is not set and Prefect's temporary server is turned off; set PREFECT_API_URL to a "
            "running server",
            "PREFECT_SERVER_EPHEMERAL_ENABLED is false",
        )
    wait = int(float(os.environ.get(START_SECONDS_ENV) or 60))
    last = ""
    for attempt in range(tries):
        server = SubprocessASGIServer()
        try:
            server.start(timeout=wait)
            return server.api_url
        except Exception as exc:  # Prefect raises a bare RuntimeError (or an HTTP error) when the start fails
            last = f"{type(exc).__name__}: {str(exc)[:300]}"
            server.stop()
            if attempt < tries - 1:
                time.sleep(pause_s)
    raise PrefectUnavailable(
        f"Prefect 临时服务 {tries} 次均未能在 {wait} 秒内启动（机器可能过载）；可设置 {START_SECONDS_ENV} 延长等待，"
        "或用 `prefect server start` 启动常驻服务并设置 PREFECT_API_URL",
        f"Prefect's temporary server did not start within {wait} s in {tries} tries (the machine may be overloaded); "
        f"raise {START_SECONDS_ENV}, or run `prefect server start` and set PREFECT_API_URL",
        last,
    )
