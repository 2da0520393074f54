"""``jixiao serve`` against a Prefect server it starts itself, stopped the way a service manager stops it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie still answers kill(0); its state in /proc says it is gone.
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split(") ", 1)[1][0] != "Z"


def _read_until(proc: subprocess.Popen[str], marker: str, timeout_s: float) -> list[str]:
    lines: list[str] = []
    deadline = time.monotonic() + timeout_s
    assert proc.stdout is not None
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        if marker in line:
            return lines
    proc.kill()
    pytest.fail(f"no {marker!r} within {timeout_s} s; output: {''.join(lines)}")


@pytest.mark.parametrize("when", ["while the server starts", "while serving"])
def test_sigterm_stops_serve_and_the_server_it_started(when: str, tmp_path: Path) -> None:
    port = _free_port()
    env = {
        **os.environ,
        "PREFECT_API_URL": f"http://127.0.0.1:{port}/api",
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "JIXIAO_DB": str(tmp_path / "w.duckdb"),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "serve", "--cron", "0 2 * * *"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    started = _read_until(proc, "starting a Prefect server", 60)
    server_pid = int(started[-1].split("(pid ", 1)[1].split(")", 1)[0])
    if when == "while serving":
        _read_until(proc, "serving jixiao-nightly", 120)
        time.sleep(1.0)  # let the runner install its own handler and begin polling
    proc.send_signal(signal.SIGTERM)
    out, _ = proc.communicate(timeout=60)
    assert proc.returncode == 0, out
    if when == "while serving":
        assert "jixiao serve stopped" in out
    assert "Traceback" not in out
    deadline = time.monotonic() + 15
    while _alive(server_pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _alive(server_pid), "the Prefect server serve started outlived it"
