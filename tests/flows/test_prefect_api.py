"""A run that cannot reach or start Prefect says why in both languages and is on record as failed."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import duckdb
import pytest

from flows import prefect_api
from flows.cli import main


def _dead_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_an_unreachable_prefect_server_is_a_bilingual_error_and_a_failed_run(
    seeds_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PREFECT_API_URL", f"http://127.0.0.1:{_dead_port()}/api")
    monkeypatch.setattr(prefect_api.time, "sleep", lambda _s: None)
    inbox = tmp_path / "inbox"
    shutil.copytree(seeds_dir, inbox)
    db = tmp_path / "w.duckdb"
    assert main(["run", "--inbox", str(inbox), "--db", str(db)]) == 4
    err = capsys.readouterr().err
    assert "无法连接" in err and "did not answer after 3 tries" in err and "Traceback" not in err
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT status, finished_at IS NOT NULL, summary_json FROM runs").fetchall()
    reports = con.execute("SELECT count(*) FROM reports").fetchone()
    con.close()
    assert len(rows) == 1 and rows[0][:2] == ("failed", True) and "did not answer" in rows[0][2]
    assert reports == (0,)  # nothing half-loaded: the night never began


def test_the_temporary_server_is_tried_again_then_refused_with_what_to_do(monkeypatch: pytest.MonkeyPatch) -> None:
    from prefect.server.api.server import SubprocessASGIServer

    monkeypatch.setattr(prefect_api, "configured_url", lambda: None)
    monkeypatch.setattr(prefect_api.time, "sleep", lambda _s: None)
    starts: list[int | None] = []

    def failing_start(self: SubprocessASGIServer, timeout: int | None = None) -> None:
        starts.append(timeout)
        raise RuntimeError("Timed out while attempting to connect to ephemeral Prefect API server.")

    monkeypatch.setattr(SubprocessASGIServer, "start", failing_start)
    monkeypatch.setenv(prefect_api.START_SECONDS_ENV, "7")
    with pytest.raises(prefect_api.PrefectUnavailable) as caught:
        prefect_api.ensure_api()
    assert starts == [7, 7, 7]
    assert "3 次均未能在 7 秒内启动" in caught.value.zh and "PREFECT_API_URL" in caught.value.en
    assert "Timed out" in caught.value.detail


def test_the_temporary_server_that_starts_on_a_later_try_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    from prefect.server.api.server import SubprocessASGIServer

    monkeypatch.setattr(prefect_api, "configured_url", lambda: None)
    monkeypatch.setattr(prefect_api.time, "sleep", lambda _s: None)
    tries: list[int] = []

    def flaky_start(self: SubprocessASGIServer, timeout: int | None = None) -> None:
        tries.append(1)
        if len(tries) < 2:
            raise RuntimeError("Timed out while attempting to connect to ephemeral Prefect API server.")
        self.port = 4999

    monkeypatch.setattr(SubprocessASGIServer, "start", flaky_start)
    assert prefect_api.ensure_api() == "http://127.0.0.1:4999/api" and len(tries) == 2
    SubprocessASGIServer().stop()
