"""The command line's own behaviour, without a Prefect run."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.cli import main


def test_missing_inbox_is_a_clear_error_not_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["run", "--inbox", str(tmp_path / "nowhere"), "--db", str(tmp_path / "w.duckdb")])
    err = capsys.readouterr().err
    assert code == 2
    assert "inbox folder not found" in err and "收件箱不存在" in err
    assert "Traceback" not in err
    assert not (tmp_path / "w.duckdb").exists()


@pytest.mark.parametrize(
    ("cron", "tz", "says"),
    [("61 2 * * *", "Asia/Shanghai", "invalid cron"), ("0 2 * * *", "Mars/Base", "unknown time zone")],
)
def test_serve_refuses_a_bad_schedule_before_starting_anything(
    cron: str, tz: str, says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--cron", cron, "--timezone", tz]) == 2
    err = capsys.readouterr().err
    assert says in err and "错误" in err and "Traceback" not in err


@pytest.mark.parametrize("url", ["http://127.0.0.1:70000/api", "http://127.0.0.1:port/api", "127.0.0.1:4200"])
def test_serve_refuses_a_bad_server_address_before_starting_anything(
    url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PREFECT_API_URL", url)
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert "invalid PREFECT_API_URL" in err and "无效" in err and "Traceback" not in err
