"""Fixtures for the alert tests: a local SMTP server, a local webhook receiver, a warehouse loaded from a PDF."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import duckdb
import pytest

from flows import stages
from samples.render import render_pdf
from tests.flows.alerts.support import REPO, night, violation
from warehouse.db import connect
from warehouse.loader import load_report


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class SmtpSink:
    port: int
    messages: list[Any] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture()
def smtp_server() -> Iterator[SmtpSink]:
    """A real SMTP server (aiosmtpd) on 127.0.0.1 that keeps every envelope it receives."""
    from aiosmtpd.controller import Controller

    sink = SmtpSink(free_port())
    controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
    controller.start()
    try:
        yield sink
    finally:
        controller.stop()


@dataclass
class WebhookSink:
    url: str
    bodies: list[dict[str, Any]]


@pytest.fixture()
def webhook_server() -> Iterator[WebhookSink]:
    """A local HTTP receiver (http.server in a thread) that keeps every JSON body POSTed to it."""
    bodies: list[dict[str, Any]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            bodies.append(json.loads(self.rfile.read(length).decode("utf-8")))
            self.send_response(204)
            self.end_headers()

        def log_message(self, format: str, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield WebhookSink(f"http://127.0.0.1:{server.server_address[1]}/hook", bodies)
    finally:
        server.shutdown()
        server.server_close()


def build_pdf_inbox(inbox: Path) -> Path:
    """The 承德 sample report rendered to PDF in ``inbox`` (samples/render.py), as a unit would deliver it."""
    inbox.mkdir(parents=True, exist_ok=True)
    pdf = inbox / "2022_hebei_chengde_yibaoju.pdf"
    render_pdf((REPO / "samples" / "src" / "2022_hebei_chengde_yibaoju.txt").read_text(encoding="utf-8"), pdf)
    return pdf


@dataclass
class PdfWarehouse:
    con: duckdb.DuckDBPyConnection
    inbox: Path
    report_id: str
    locator: str


@pytest.fixture()
def pdf_warehouse(tmp_path: Path) -> Iterator[PdfWarehouse]:
    """The PDF read, extracted and loaded; one issue whose evidence is a printed amount in it (night n1)."""
    pdf = build_pdf_inbox(tmp_path / "inbox")
    res = stages.read_and_extract(stages.Submission(pdf))
    assert res.facts is not None
    con = connect(tmp_path / "w.duckdb")
    out = load_report(
        con,
        res.facts,
        sha256=res.sha256,
        source_file=pdf.name,
        media_type=res.media_type or "",
        pages=res.pages,
        load_id="n1",
    )
    cell = con.execute(
        "SELECT locator, raw_text FROM core_budget_lines WHERE report_id = ? AND bbox IS NOT NULL "
        "ORDER BY line_no LIMIT 1",
        [out.report_id],
    ).fetchone()
    assert cell is not None
    night(con, "n1", [violation(out.report_id, locator=cell[0], evidence=cell[1])])
    try:
        yield PdfWarehouse(con, pdf.parent, out.report_id, cell[0])
    finally:
        con.close()
