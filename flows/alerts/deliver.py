"""Delivering a digest: files (always), SMTP and a webhook when configured. Failures are returned, never raised."""

from __future__ import annotations

import json
import os
import smtplib
import urllib.request
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

from flows.alerts.digest import PROVINCE, Digest, unit_audience
from flows.alerts.render import render_html, render_markdown, subject_line
from flows.alerts.safe_text import file_part

_TRUE = {"1", "true", "yes", "on"}


def _addresses(text: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in text.split(",") if a.strip())


@dataclass(frozen=True)
class AlertConfig:
    """Where alerts go, from JIXIAO_SMTP_* / JIXIAO_ALERT_* settings."""

    smtp_host: str | None = None
    smtp_port: int = 25
    starttls: bool = False
    user: str | None = None
    password: str | None = None
    sender: str = "jixiao@localhost"
    to: tuple[str, ...] = ()
    webhook: str | None = None
    unit_to: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> AlertConfig:
        """Read the settings; JIXIAO_ALERT_UNITS names a JSON file {department: "a@x, b@y"} for unit e-mails."""
        e = os.environ if env is None else env
        units: dict[str, tuple[str, ...]] = {}
        if e.get("JIXIAO_ALERT_UNITS"):
            raw = json.loads(Path(e["JIXIAO_ALERT_UNITS"]).read_text(encoding="utf-8"))
            units = {d: _addresses(a if isinstance(a, str) else ",".join(a)) for d, a in raw.items()}
        return cls(
            smtp_host=e.get("JIXIAO_SMTP_HOST") or None,
            smtp_port=int(e.get("JIXIAO_SMTP_PORT") or 25),
            starttls=(e.get("JIXIAO_SMTP_STARTTLS") or "").lower() in _TRUE,
            user=e.get("JIXIAO_SMTP_USER") or None,
            password=e.get("JIXIAO_SMTP_PASSWORD") or None,
            sender=e.get("JIXIAO_ALERT_FROM") or "jixiao@localhost",
            to=_addresses(e.get("JIXIAO_ALERT_TO", "")),
            webhook=e.get("JIXIAO_ALERT_WEBHOOK") or None,
            unit_to=units,
        )

    def recipients(self, audience: str) -> tuple[str, ...]:
        """E-mail addresses of an audience (units only when JIXIAO_ALERT_UNITS lists them)."""
        if audience == PROVINCE:
            return self.to
        return next((v for d, v in self.unit_to.items() if unit_audience(d) == audience), ())

    def channels(self, audience: str) -> tuple[str, ...]:
        """The channels that serve an audience tonight; files always."""
        out = ["file"]
        if self.smtp_host and self.recipients(audience):
            out.append("smtp")
        if self.webhook:
            out.append("webhook")
        return tuple(out)


def file_stem(digest: Digest) -> str:
    """digest for the province, unit_<department> for a unit (path separators replaced)."""
    if digest.audience == PROVINCE:
        return "digest"
    return f"unit_{file_part(digest.department)}"


def write_files(digest: Digest, run_id: str, out_dir: Path, crops: Mapping[str, Path]) -> list[Path]:
    """digest.md/.html (or unit_<dept>.md/.html) in the night's alert folder, images linked relatively."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rel = {i: p.relative_to(out_dir).as_posix() for i, p in crops.items()}
    md = out_dir / f"{file_stem(digest)}.md"
    html = out_dir / f"{file_stem(digest)}.html"
    md.write_text(render_markdown(digest, run_id, rel), encoding="utf-8")
    html.write_text(render_html(digest, run_id, rel), encoding="utf-8")
    return [md, html]


def build_email(digest: Digest, run_id: str, config: AlertConfig, crops: Mapping[str, Path]) -> EmailMessage:
    """multipart/alternative: the Markdown as text, the HTML with the crops inline (multipart/related)."""
    used = {i: p for i, p in crops.items() if any(e.issue_id == i for e in digest.entries)}
    cids = {i: make_msgid(domain="jixiao.local") for i in used}
    msg = EmailMessage()
    msg["Subject"] = subject_line(digest, run_id)
    msg["From"] = config.sender
    msg["To"] = ", ".join(config.recipients(digest.audience))
    msg.set_content(render_markdown(digest, run_id, {i: f"cid:{c[1:-1]}" for i, c in cids.items()}))
    msg.add_alternative(render_html(digest, run_id, {i: f"cid:{c[1:-1]}" for i, c in cids.items()}), subtype="html")
    html_part = msg.get_payload()[1]  # type: ignore[index]
    for i, path in used.items():
        html_part.add_related(path.read_bytes(), maintype="image", subtype="png", cid=cids[i], filename=path.name)
    return msg


def send_smtp(msg: EmailMessage, config: AlertConfig, timeout: float = 20.0) -> None:
    """Send one message; raises OSError / smtplib.SMTPException on failure."""
    assert config.smtp_host is not None
    with smtplib.SMTP(config.smtp_host, config.smtp_port, timeout=timeout) as s:
        if config.starttls:
            s.starttls()
        if config.user:
            s.login(config.user, config.password or "")
        s.send_message(msg)


def webhook_payload(digest: Digest, run_id: str) -> dict[str, object]:
    """The JSON a webhook receives: who it is for, the issues, and the Markdown digest."""
    return {
        "run_id": run_id,
        "audience": digest.audience,
        "subject": subject_line(digest, run_id),
        "new_issues": len(digest.entries),
        "issues": [{k: v for k, v in asdict(e).items() if k not in ("sha256", "values_key")} for e in digest.entries],
        "markdown": render_markdown(digest, run_id, {}),
    }


def post_webhook(url: str, payload: dict[str, object], timeout: float = 20.0) -> None:
    """POST the payload as JSON; raises OSError (urllib's errors included) unless the answer is 2xx."""
    body = json.dumps(payload, ensure_ascii=False, default=str).encode("utf-8")
    req = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json; charset=utf-8"}
    )
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        if not 200 <= resp.status < 300:
            raise OSError(f"webhook answered HTTP {resp.status}")
