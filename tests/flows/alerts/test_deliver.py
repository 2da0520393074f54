"""Delivery: a real local SMTP server and HTTP receiver; nothing new on the second night; failures retried."""

from __future__ import annotations

import email
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

from flows.alerts.deliver import AlertConfig
from flows.alerts.run import run_alerts
from tests.flows.alerts.conftest import PdfWarehouse, SmtpSink, WebhookSink, free_port
from tests.flows.alerts.support import two_unit_warehouse


def _smtp(port: int, **kw: object) -> AlertConfig:
    return AlertConfig(
        smtp_host="127.0.0.1",
        smtp_port=port,
        sender="jixiao@test.local",
        to=("reviewer@prov.test", "lead@prov.test"),
        **kw,
    )  # type: ignore[arg-type]


def _parse(envelope: object) -> EmailMessage:
    return email.message_from_bytes(envelope.content, policy=default)  # type: ignore[attr-defined,return-value]


def test_digest_email_with_inline_crop_then_nothing_new(
    pdf_warehouse: PdfWarehouse, smtp_server: SmtpSink, tmp_path: Path
) -> None:
    con, config = pdf_warehouse.con, _smtp(smtp_server.port)
    first = run_alerts(con, "n1", pdf_warehouse.inbox, tmp_path / "alerts" / "n1", config)
    assert first["alert_errors"] == [] and first["alerts_sent"]["smtp"] == 1 and first["alerts_crops"] == 1
    (envelope,) = smtp_server.messages
    assert sorted(envelope.rcpt_tos) == ["lead@prov.test", "reviewer@prov.test"]
    msg = _parse(envelope)
    assert "1 new data-quality issues" in msg["Subject"] and msg["From"] == "jixiao@test.local"
    text = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html_part = msg.get_body(("html",))
    assert html_part is not None
    html = html_part.get_content()
    assert "填报值 stated **100.73%**" in text and pdf_warehouse.locator in text
    images = [p for p in msg.walk() if p.get_content_type() == "image/png"]
    assert len(images) == 1 and images[0]["Content-ID"].strip("<>") in html
    assert images[0].get_content()[:8] == b"\x89PNG\r\n\x1a\n"
    out = Path(first["alerts_dir"])
    assert {"digest.md", "digest.html"} <= {p.name for p in out.iterdir()}
    assert len(list((out / "crops").glob("*.png"))) == 1

    second = run_alerts(con, "n2", pdf_warehouse.inbox, tmp_path / "alerts" / "n2", config)
    assert len(smtp_server.messages) == 1 and second["alerts_new"] == 0 and second["alerts_sent"].get("smtp", 0) == 0
    assert "No new issues tonight." in (tmp_path / "alerts" / "n2" / "digest.md").read_text(encoding="utf-8")


def test_units_with_addresses_get_their_own_email(tmp_path: Path, smtp_server: SmtpSink) -> None:
    con = two_unit_warehouse(tmp_path / "w.duckdb")
    config = _smtp(smtp_server.port, unit_to={"甲县医疗保障局": ("jia@unit.test",)})
    summary = run_alerts(con, "n1", tmp_path, tmp_path / "alerts", config)
    assert summary["alerts_units"] == 2 and summary["alerts_sent"]["smtp"] == 3
    to = sorted(tuple(m.rcpt_tos) for m in smtp_server.messages)
    assert to == [("jia@unit.test",), ("reviewer@prov.test", "lead@prov.test")]
    unit = next(_parse(m) for m in smtp_server.messages if m.rcpt_tos == ["jia@unit.test"])
    assert "甲县医疗保障局" in unit["Subject"] and "乙县" not in unit.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert {p.name for p in (tmp_path / "alerts").iterdir()} >= {"unit_甲县医疗保障局.md", "unit_乙县医疗保障局.html"}


def test_webhook_receives_each_digest_as_json(tmp_path: Path, webhook_server: WebhookSink) -> None:
    con = two_unit_warehouse(tmp_path / "w.duckdb")
    summary = run_alerts(con, "n1", tmp_path, tmp_path / "alerts", AlertConfig(webhook=webhook_server.url))
    assert summary["alerts_sent"]["webhook"] == 4 and summary["alert_errors"] == []
    by = {b["audience"]: b for b in webhook_server.bodies}
    assert set(by) == {"province", "unit:甲县医疗保障局", "unit:乙县医疗保障局"}
    issue = by["unit:乙县医疗保障局"]["issues"][0]
    assert (issue["stated"], issue["computed"], issue["evidence_text"]) == ("95.00%", "90.00%", "执行率95%")
    assert by["province"]["new_issues"] == 2 and "# 省级审核摘要" in by["province"]["markdown"]
    run_alerts(con, "n2", tmp_path, tmp_path / "alerts2", AlertConfig(webhook=webhook_server.url))
    assert len(webhook_server.bodies) == 3


def test_failed_delivery_is_reported_and_retried_next_night(tmp_path: Path, smtp_server: SmtpSink) -> None:
    con = two_unit_warehouse(tmp_path / "w.duckdb")
    broken = run_alerts(con, "n1", tmp_path, tmp_path / "a1", _smtp(free_port()))
    assert broken["alerts_sent"].get("smtp", 0) == 0 and len(broken["alert_errors"]) == 1
    assert "smtp province: 发送失败 delivery failed: ConnectionRefusedError" in broken["alert_errors"][0]
    assert (tmp_path / "a1" / "digest.md").exists()
    retried = run_alerts(con, "n2", tmp_path, tmp_path / "a2", _smtp(smtp_server.port))
    assert retried["alerts_sent"]["smtp"] == 2 and len(smtp_server.messages) == 1
    assert retried["alerts_new"] == 2  # the files show what the e-mail still owed


def test_config_from_environment(tmp_path: Path) -> None:
    units = tmp_path / "units.json"
    units.write_text('{"甲县医疗保障局": ["a@x.test", "b@x.test"], "乙县医疗保障局": "c@x.test"}', encoding="utf-8")
    c = AlertConfig.from_env(
        {
            "JIXIAO_SMTP_HOST": "mail.test",
            "JIXIAO_SMTP_PORT": "587",
            "JIXIAO_SMTP_STARTTLS": "true",
            "JIXIAO_SMTP_USER": "u",
            "JIXIAO_SMTP_PASSWORD": "p",
            "JIXIAO_ALERT_TO": "r1@p.test, r2@p.test",
            "JIXIAO_ALERT_FROM": "dq@p.test",
            "JIXIAO_ALERT_WEBHOOK": "http://hook.test/x",
            "JIXIAO_ALERT_UNITS": str(units),
        }
    )
    assert (c.smtp_host, c.smtp_port, c.starttls, c.user, c.sender) == ("mail.test", 587, True, "u", "dq@p.test")
    assert c.to == ("r1@p.test", "r2@p.test") and c.recipients("unit:甲县医疗保障局") == ("a@x.test", "b@x.test")
    assert c.channels("province") == ("file", "smtp", "webhook") and c.channels("unit:丙县") == ("file", "webhook")
    assert AlertConfig.from_env({}).channels("province") == ("file",)
