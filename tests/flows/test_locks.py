"""A busy warehouse or a run already going is met with a bounded wait and a plain bilingual message, never a
traceback and never two runs interleaved."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from flows.cli import main
from flows.run_lock import RunInProgress, run_lock
from warehouse.db import WarehouseBusy, connect

HOLD = "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True); time.sleep(30)"


@pytest.fixture
def held(tmp_path: Path):
    """A warehouse file another process holds open for writing (as a nightly run does)."""
    db = tmp_path / "warehouse.duckdb"
    connect(db).close()
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    yield db
    proc.kill()
    proc.wait()


def test_a_held_warehouse_is_waited_for_then_reported_busy(held: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_LOCK_WAIT", "1")
    t0 = time.monotonic()
    with pytest.raises(WarehouseBusy) as err:
        connect(held, read_only=True)
    waited = time.monotonic() - t0
    assert 1 <= waited < 10  # waited the bounded time, then gave up
    assert "正被另一个进程使用" in err.value.zh and "in use by another process" in err.value.en


def test_a_command_on_a_busy_warehouse_says_so_in_both_languages(
    held: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("JIXIAO_LOCK_WAIT", "0.5")
    assert main(["status", "--db", str(held)]) == 3
    err = capsys.readouterr().err
    assert "错误：数据仓库" in err and "error: the warehouse" in err and "Traceback" not in err


def test_a_warehouse_freed_within_the_wait_opens(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "warehouse.duckdb"
    connect(db).close()
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD.replace("time.sleep(30)", "time.sleep(1)"), str(db)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    monkeypatch.setenv("JIXIAO_LOCK_WAIT", "20")
    connect(db, read_only=True).close()
    proc.wait()


def test_a_second_run_is_refused_while_one_holds_the_data_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    data = tmp_path / "data"
    with run_lock(data):
        with pytest.raises(RunInProgress) as err:
            with run_lock(data):
                pass
        assert "pid" in err.value.en and "另一个运行正在进行" in err.value.zh
        assert main(["run", "--inbox", str(inbox), "--db", str(data / "warehouse.duckdb")]) == 3
    err_text = capsys.readouterr().err
    assert "another run is in progress" in err_text and "Traceback" not in err_text
    assert not (data / "warehouse.duckdb").exists()  # refused before anything was opened
    with run_lock(data):  # released with its holder
        pass
