"""The nightly run's stages as plain functions; flows/nightly.py wraps each in a Prefect task."""

from __future__ import annotations

import hashlib
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from transforms.extract import extract_report
from transforms.facts import ReportFacts
from transforms.readers import read_document
from transforms.readers.errors import NoReportContent, QuarantineError
from warehouse.loader import LoadOutcome, load_report
from warehouse.runs import log_file

_ATTACHMENT = re.compile(r"^(?P<stem>.+?)_(?:附件|attachment)\d*$", re.IGNORECASE)
_IGNORED = {".DS_Store", "Thumbs.db"}


@dataclass(frozen=True)
class Submission:
    """One report file found in the inbox, with the attachments that belong to it."""

    path: Path
    attachments: tuple[Path, ...] = ()


@dataclass
class FileResult:
    """The outcome of reading and extracting one submission."""

    submission: Submission
    sha256: str
    size_bytes: int
    media_type: str | None = None
    pages: int = 0
    facts: ReportFacts | None = None
    error: QuarantineError | None = None
    attachment_errors: list[QuarantineError] = field(default_factory=list)


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file, read in chunks."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def discover(inbox: Path) -> list[Submission]:
    """Every file in the inbox (recursively), attachments grouped with their report by file stem."""
    if not inbox.is_dir():
        raise FileNotFoundError(f"收件箱不存在 inbox folder not found: {inbox}")
    files = sorted(p for p in inbox.rglob("*") if p.is_file() and p.name not in _IGNORED
                   and not p.name.startswith("."))
    stems = {p.with_suffix("").as_posix(): p for p in files}
    attached: dict[Path, list[Path]] = {}
    reports: list[Path] = []
    for p in files:
        m = _ATTACHMENT.match(p.stem)
        owner = stems.get((p.parent / m.group("stem")).as_posix()) if m else None
        if owner is not None and owner != p:
            attached.setdefault(owner, []).append(p)
        else:
            reports.append(p)
    return [Submission(p, tuple(attached.get(p, ()))) for p in reports]


def read_and_extract(sub: Submission) -> FileResult:
    """Read and extract one submission; a bad file becomes a quarantine outcome, never an exception."""
    path = sub.path
    res = FileResult(sub, sha256_of(path), path.stat().st_size)
    try:
        doc = read_document(path)
        res.media_type = doc.media_type
        res.pages = doc.pages
        for att in sub.attachments:
            try:
                extra = read_document(att)
            except QuarantineError as exc:
                res.attachment_errors.append(exc)
                continue
            doc = type(doc)(doc.source_file, doc.media_type, doc.blocks + extra.blocks, doc.pages,
                            (*doc.warnings, f"attachment {att.name}"))
        facts = extract_report(doc)
        if not facts.meta.department or not facts.meta.fiscal_year:
            missing = "department" if not facts.meta.department else "fiscal year"
            raise NoReportContent(path.name, f"missing {missing}")
        res.facts = facts
    except QuarantineError as exc:
        res.error = exc
    return res


def quarantine_copy(res: FileResult, quarantine_dir: Path) -> Path:
    """Copy a quarantined file (never move: the inbox stays as delivered) with a reason file beside it."""
    assert res.error is not None
    quarantine_dir.mkdir(parents=True, exist_ok=True)
    target = quarantine_dir / f"{res.sha256[:12]}_{res.submission.path.name}"
    if not target.exists():
        shutil.copy2(res.submission.path, target)
    reason = target.with_name(target.name + ".reason.txt")
    reason.write_text(f"{res.error.code}\n{res.error.reason_zh}\n{res.error.reason_en}\n", encoding="utf-8")
    return target


def load_results(con: duckdb.DuckDBPyConnection, run_id: str, results: list[FileResult],
                 quarantine_dir: Path) -> dict[str, int]:
    """Load each extracted report in its own transaction and log one outcome per file."""
    counts = {"loaded": 0, "skipped": 0, "quarantined": 0, "superseded": 0}
    for res in results:
        name = res.submission.path.name
        if res.error is not None or res.facts is None:
            err = res.error
            assert err is not None
            quarantine_copy(res, quarantine_dir)
            log_file(con, run_id, source_file=name, sha256=res.sha256, size_bytes=res.size_bytes,
                     media_type=res.media_type, outcome="quarantined", error_class=err.code,
                     reason_zh=err.reason_zh, reason_en=err.reason_en)
            counts["quarantined"] += 1
            for att in res.submission.attachments:
                log_file(con, run_id, source_file=att.name, sha256=sha256_of(att), size_bytes=att.stat().st_size,
                         media_type=None, outcome="quarantined", error_class="parent_quarantined",
                         reason_zh=f"所属报告 {name} 已隔离：{err.reason_zh}",
                         reason_en=f"its report {name} was quarantined: {err.reason_en}")
                counts["quarantined"] += 1
            continue
        def log(out: LoadOutcome, res: FileResult = res, name: str = name) -> None:
            # runs inside the report's transaction: the ingest record commits or vanishes with the facts
            log_file(con, run_id, source_file=name, sha256=res.sha256, size_bytes=res.size_bytes,
                     media_type=res.media_type, outcome=out.outcome, report_id=out.report_id,
                     reason_zh=out.reason_zh, reason_en=out.reason_en)

        out = load_report(con, res.facts, sha256=res.sha256, source_file=name, media_type=res.media_type or "",
                          pages=res.pages, load_id=run_id,
                          attachments=tuple(a.name for a in res.submission.attachments), log=log)
        counts[out.outcome] += 1
        if out.superseded:
            counts["superseded"] += 1
        bad = {e.file: e for e in res.attachment_errors}
        for att in res.submission.attachments:
            err = bad.get(att.name)
            log_file(con, run_id, source_file=att.name, sha256=sha256_of(att), size_bytes=att.stat().st_size,
                     media_type=None, outcome="quarantined" if err else out.outcome, report_id=out.report_id,
                     error_class=err.code if err else None,
                     reason_zh=err.reason_zh if err else f"附件，随 {name} 处理",
                     reason_en=err.reason_en if err else f"attachment of {name}")
            if err:
                counts["quarantined"] += 1
    return counts
