"""One night's alerts: build the digests, render crops, write the files, deliver, and log what was delivered."""

from __future__ import annotations

import smtplib
from pathlib import Path
from typing import Any

import duckdb

from flows.alerts.crops import crop_name, crop_png, find_source, header_band
from flows.alerts.deliver import AlertConfig, build_email, post_webhook, send_smtp, webhook_payload, write_files
from flows.alerts.digest import PROVINCE, Digest, Entry, build_digests, log_delivery


def render_crops(
    entries: list[Entry], inbox: Path, crops_dir: Path, *, reuse: bool = False
) -> tuple[dict[str, Path], list[str]]:
    """A PNG per PDF-sourced entry with a known page; problems are returned as messages, not raised.

    With ``reuse`` (the published pages, whose crops persist from night to night) a crop is named by what it shows
    (the file's content, the page, the box) and one already in ``crops_dir`` is kept, not rendered again.
    """
    crops: dict[str, Path] = {}
    problems: list[str] = []
    sources: dict[str, Path | None] = {}
    for e in entries:
        if not e.is_pdf or e.page is None:
            continue
        out = crops_dir / (crop_name(e.sha256, e.page, e.bbox) if reuse and e.sha256 else f"{e.issue_id}.png")
        if reuse and out.exists():
            crops[e.issue_id] = out
            continue
        if e.report_id not in sources:
            sources[e.report_id] = find_source(inbox, e.source_file, e.sha256)
        pdf = sources[e.report_id]
        if pdf is None:
            problems.append(f"crop {e.issue_id}: 收件箱中找不到原件 source file not in the inbox: {e.source_file}")
            continue
        try:
            header = header_band(pdf, e.page, e.bbox) if e.bbox is not None else None
            crops[e.issue_id] = crop_png(pdf, e.page, e.bbox, out, header)
        except Exception as exc:  # a bad page must not cost the reviewer the rest of the digest
            problems.append(f"crop {e.issue_id}: {type(exc).__name__}: {exc}")
    return crops, problems


def _deliver(
    con: duckdb.DuckDBPyConnection,
    digest: Digest,
    run_id: str,
    config: AlertConfig,
    crops: dict[str, Path],
    sent: dict[str, int],
    errors: list[str],
) -> None:
    for channel in ("smtp", "webhook"):
        part = digest.for_channel(channel)
        if channel not in digest.pending or not part.entries:
            continue
        try:
            if channel == "smtp":
                send_smtp(build_email(part, run_id, config, crops), config)
            else:
                assert config.webhook is not None
                post_webhook(config.webhook, webhook_payload(part, run_id))
        except (OSError, smtplib.SMTPException) as exc:
            # not logged as delivered: the next night offers these issues again
            errors.append(f"{channel} {digest.audience}: 发送失败 delivery failed: {type(exc).__name__}: {exc}")
            continue
        sent[channel] = sent.get(channel, 0) + log_delivery(con, run_id, part, channel)


def intake_lines(load: dict[str, Any]) -> list[tuple[str, str, str]]:
    """The night's files a reviewer should know of: incomplete, superseded, skipped and quarantined, by file."""
    out = [
        ("incomplete 待补充", k["file"], "missing " + ", ".join(k["missing"])) for k in load.get("incomplete_files", [])
    ]
    out += [
        ("new version 新版本", k["file"], f"version {k['version']} replaces {k['replaces']}")
        for k in load.get("superseded_files", [])
    ]
    out += [("skipped 跳过", k["file"], str(k["reason_en"])) for k in load.get("skipped_files", [])]
    out += [("quarantined 隔离", q["file"], str(q["reason_en"])) for q in load.get("quarantine", [])]
    return out


def run_alerts(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    inbox: Path,
    out_dir: Path,
    config: AlertConfig | None = None,
    load: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Write tonight's digests under ``out_dir`` and deliver them; return what to add to the run summary.

    ``load`` is the load stage's summary: the province's digest lists its files by outcome.
    """
    config = AlertConfig.from_env() if config is None else config
    digests = build_digests(con, config.channels)
    for d in digests:
        if d.audience == PROVINCE:
            d.intake = intake_lines(load or {})
    owed = {e.issue_id: e for d in digests for e in d.entries}
    crops, problems = render_crops(list(owed.values()), inbox, out_dir / "crops")
    files: list[str] = []
    sent: dict[str, int] = {}
    errors: list[str] = []
    for d in digests:
        files += [p.name for p in write_files(d, run_id, out_dir, crops)]
        sent["file"] = sent.get("file", 0) + log_delivery(con, run_id, d, "file")
        _deliver(con, d, run_id, config, crops, sent, errors)
    province = next(d for d in digests if d.audience == PROVINCE)
    return {
        "alerts_dir": str(out_dir),
        "alerts_new": len(province.entries),
        "alerts_units": len(digests) - 1,
        "alerts_crops": len(crops),
        "alerts_sent": sent,
        "alert_errors": errors + problems,
        "alert_files": files,
    }
