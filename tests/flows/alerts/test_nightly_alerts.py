"""The nightly flow sends its alerts: a digest e-mail on the first night, nothing new on the second."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from flows.nightly import nightly
from tests.flows.alerts.conftest import SmtpSink, build_pdf_inbox


def test_nightly_writes_and_sends_alerts_once(
    prefect_harness: None, smtp_server: SmtpSink, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox = tmp_path / "inbox"
    build_pdf_inbox(inbox)
    monkeypatch.setenv("JIXIAO_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("JIXIAO_SMTP_PORT", str(smtp_server.port))
    monkeypatch.setenv("JIXIAO_ALERT_TO", "reviewer@prov.test")
    db = tmp_path / "w.duckdb"
    first = nightly(inbox=str(inbox), db=str(db))
    out = Path(first["alerts_dir"])
    assert out == tmp_path / "alerts" / first["run_id"] and (out / "digest.html").exists()
    assert first["alerts_new"] == first["issues_new"] > 0 and first["alert_errors"] == []
    assert first["alerts_sent"]["smtp"] == first["alerts_new"] and len(smtp_server.messages) == 1
    assert first["alerts_crops"] > 0 and len(list((out / "crops").glob("*.png"))) == first["alerts_crops"]

    second = nightly(inbox=str(inbox), db=str(db))
    assert second["alerts_new"] == 0 and len(smtp_server.messages) == 1
    con = duckdb.connect(str(db), read_only=True)
    try:
        stored = json.loads(
            con.execute("SELECT summary_json FROM runs WHERE run_id = ?", [second["run_id"]]).fetchone()[0]
        )  # type: ignore[index]
    finally:
        con.close()
    assert stored["alerts_dir"] == second["alerts_dir"]
