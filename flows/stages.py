"""The nightly run's stages as plain functions; flows/nightly.py wraps each in a Prefect task."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import duckdb

from transforms.extract import extract_report
from transforms.facts import ReportFacts
from transforms.notices import notice
from transforms.readers import read_document
from transforms.readers.errors import LoadFailed, NoReportContent, NotARegularFile, OutsideInbox, QuarantineError
from warehouse.loader import LoadOutcome, ReportFile, decimal_limits, load_reports
from warehouse.runs import log_file, log_files

# How units name attachments: X_附件1, X附表2, 附件1_X, X_att, X_attachment2 (and X_main beside X_att)
_ATT_AFTER = re.compile(r"^(?P<stem>.+?)[\s_\-－—]*(?:附件|附表)[\s_\-]*(?:\d+|[一二三四五六七八九十]+)?$")
_ATT_LATIN = re.compile(r"^(?P<stem>.+?)[\s_\-]+(?:attachment|att)[\s_\-]*\d*$", re.IGNORECASE)
_ATT_BEFORE = re.compile(r"^(?:附件|附表)[\s_\-]*(?:\d+|[一二三四五六七八九十]+)?[\s_\-：:]+(?P<stem>.+)$")
_MAIN = re.compile(r"^(?P<stem>.+?)[\s_\-]+(?:main|正文)$", re.IGNORECASE)
_SHEETS = {".xlsx", ".xls", ".xlsm", ".csv"}
_IGNORED = {".DS_Store", "Thumbs.db"}


@dataclass(frozen=True)
class Submission:
    """One report file found in the inbox, with the attachments that belong to it."""

    path: Path
    attachments: tuple[Path, ...] = ()
    orphan: bool = False  # an attachment with no report beside it, loaded as a report of its own
    refused: QuarantineError | None = None  # an entry that must not be opened (a link out of the inbox, a pipe)
    hashed: tuple[str, tuple[int, int]] | None = None  # (sha256, size and mtime then), taken by stages.unchanged


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
    changed: bool = False  # the file changed while it was read: read it again next night
    known: bool = False  # received on an earlier night and unchanged: skipped by its hash, not read
    peak_rss_kb: int = 0  # the worker's peak resident memory and CPU time (flows/worker.py)
    cpu_seconds: float = 0.0


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file, read in chunks."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _attachment_stem(stem: str) -> str | None:
    for rx in (_ATT_AFTER, _ATT_LATIN, _ATT_BEFORE):
        m = rx.match(stem)
        if m:
            return m.group("stem")
    return None


def _entries(inbox: Path) -> tuple[list[Path], list[Submission]]:
    """Regular files under the inbox, and the entries refused unread (links out of it, pipes, devices)."""
    root = inbox.resolve()
    files: list[Path] = []
    refused: list[Submission] = []
    for folder, dirs, names in os.walk(inbox, followlinks=False):
        here = Path(folder)
        for d in list(dirs):
            if (here / d).is_symlink():
                dirs.remove(d)
                refused.append(Submission(here / d, refused=NotARegularFile(d, "a link to a folder")))
        for n in sorted(names):
            p = here / n
            if n in _IGNORED or n.startswith("."):
                continue
            if p.is_symlink():
                target = p.resolve()
                if not target.is_relative_to(root):
                    refused.append(Submission(p, refused=OutsideInbox(n, f"→ {target}")))
                    continue
            mode = p.stat().st_mode if p.exists() else 0
            if not stat.S_ISREG(mode):
                refused.append(Submission(p, refused=NotARegularFile(n)))
                continue
            files.append(p)
    return sorted(files), refused


def _group(folder: Path, files: list[Path], nested: bool) -> list[Submission]:
    """One folder's files as reports with their attachments."""
    mains: dict[str, list[Path]] = {}
    pending: list[tuple[Path, str]] = []
    for p in files:
        stem = _attachment_stem(p.stem)
        if stem is not None:
            pending.append((p, stem))
            continue
        m = _MAIN.match(p.stem)
        mains.setdefault(m.group("stem") if m else p.stem, []).append(p)
    # a spreadsheet beside a document of the same stem is that document's attachment (X.docx + X.xlsx)
    for stem, group in list(mains.items()):
        docs = [p for p in group if p.suffix.lower() not in _SHEETS]
        if docs and len(docs) < len(group):
            mains[stem] = docs
            pending += [(p, stem) for p in group if p.suffix.lower() in _SHEETS]
    docs = [p for group in mains.values() for p in group if p.suffix.lower() not in _SHEETS]
    if nested and len(docs) == 1:  # a sub-folder per unit: its only document owns the spreadsheets beside it
        pending += [(p, "") for group in mains.values() for p in group if p.suffix.lower() in _SHEETS]
        mains = {k: kept for k, v in mains.items() if (kept := [p for p in v if p in docs])}
    attached: dict[Path, list[Path]] = {}
    orphans: list[Path] = []
    only = [p for group in mains.values() for p in group]
    for p, stem in pending:
        owners = mains.get(stem) or (only if nested and len(only) == 1 else [])
        if owners:
            attached.setdefault(owners[0], []).append(p)
        else:
            orphans.append(p)
    out = [Submission(p, tuple(sorted(attached.get(p, ())))) for p in only]
    out += [Submission(p, orphan=True) for p in orphans]
    return out


def discover(inbox: Path) -> list[Submission]:
    """Every entry in the inbox (recursively): reports with their attachments, and entries refused unread.

    Attachments are found by name (X_附件1, 附件1_X, X_att beside X or X_main, X.xlsx beside X.docx) and, in a
    sub-folder per unit, by being the only document's companions.
    """
    if not inbox.is_dir():
        raise FileNotFoundError(f"收件箱不存在 inbox folder not found: {inbox}")
    files, refused = _entries(inbox)
    by_folder: dict[Path, list[Path]] = {}
    for p in files:
        by_folder.setdefault(p.parent, []).append(p)
    subs: list[Submission] = []
    for folder in sorted(by_folder):
        subs += _group(folder, by_folder[folder], nested=folder != inbox)
    return sorted(subs + refused, key=lambda s: s.path.as_posix())


def _fingerprint(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_size, st.st_mtime_ns


def unchanged(subs: list[Submission], settled: set[str]) -> tuple[list[Submission], list[FileResult]]:
    """The submissions to read, and those whose file was received before, as results (the loader's test: a report is
    known by its own file's hash)."""
    to_read: list[Submission] = []
    known: list[FileResult] = []
    for sub in subs:
        if sub.refused is None and sub.path.is_file():
            stamp = _fingerprint(sub.path)
            digest = sha256_of(sub.path)
            if digest in settled:
                known.append(FileResult(sub, digest, stamp[0], known=True))
                continue
            sub = replace(sub, hashed=(digest, stamp))  # the worker need not hash it again if it is unchanged
        to_read.append(sub)
    return to_read, known


def read_and_extract(sub: Submission) -> FileResult:
    """Read and extract one submission; a bad file becomes a quarantine outcome, never an exception.

    Only an unreadable file is quarantined: a readable one whose unit or year was not found loads incomplete.
    """
    path = sub.path
    if sub.refused is not None:
        digest = hashlib.sha256(f"refused:{path.as_posix()}".encode()).hexdigest()
        return FileResult(sub, digest, 0, error=sub.refused)
    before = _fingerprint(path)
    digest = sub.hashed[0] if sub.hashed and sub.hashed[1] == before else sha256_of(path)
    res = FileResult(sub, digest, before[0])
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
            doc = type(doc)(
                doc.source_file,
                doc.media_type,
                doc.blocks + extra.blocks,
                doc.pages,
                (*doc.warnings, *extra.warnings, notice("attachment_joined", att.name)),
            )
        if not any(b.text.strip() for b in doc.blocks):
            raise NoReportContent(path.name, f"{doc.pages} pages" if doc.pages else "")
        if sub.orphan:
            doc = type(doc)(
                doc.source_file,
                doc.media_type,
                doc.blocks,
                doc.pages,
                (*doc.warnings, notice("attachment_without_report", path.name)),
            )
        res.facts = extract_report(doc)
    except QuarantineError as exc:
        res.error = exc
    res.changed = path.exists() and _fingerprint(path) != before
    return res


def quarantine_copy(res: FileResult, quarantine_dir: Path) -> Path:
    """Copy a quarantined file (never move: the inbox stays as delivered) with a reason file beside it."""
    assert res.error is not None
    quarantine_dir.mkdir(parents=True, exist_ok=True)
    target = quarantine_dir / f"{res.sha256[:12]}_{res.submission.path.name}"
    if res.submission.refused is None and not target.exists():  # a link out or a pipe is never opened
        shutil.copy2(res.submission.path, target)
    reason = target.with_name(target.name + ".reason.txt")
    reason.write_text(f"{res.error.code}\n{res.error.reason_zh}\n{res.error.reason_en}\n", encoding="utf-8")
    return target


def no_counts() -> dict[str, Any]:
    """The load counts of a night before anything is loaded."""
    return {
        "loaded": 0,
        "skipped": 0,
        "unchanged": 0,
        "quarantined": 0,
        "superseded": 0,
        "incomplete": 0,
        "skipped_files": [],
        "superseded_files": [],
        "incomplete_files": [],
        "load_failed_files": [],
    }


def add_counts(total: dict[str, Any], part: dict[str, Any]) -> dict[str, Any]:
    """A night's counts so far plus one batch's: numbers add, file lists extend."""
    for key, value in part.items():
        total[key] = total[key] + value if key in total else value
    return total


def load_results(
    con: duckdb.DuckDBPyConnection, run_id: str, results: list[FileResult], quarantine_dir: Path
) -> dict[str, Any]:
    """Load the extracted reports and log one outcome per file.

    The reports load together in one transaction (load_reports); when that fails, each loads in its own, so a report
    that cannot be loaded is rolled back and kept aside alone while the rest load. Returns the counts and, by file,
    what was skipped (with why), superseded, loaded incomplete and failed to load.
    """
    counts = no_counts()
    limits = decimal_limits(con)  # the columns' bounds, read once for the batch
    unchanged: list[dict[str, Any]] = []
    loadable: list[FileResult] = []
    for res in results:
        name = res.submission.path.name
        if res.known:
            unchanged.append(
                {
                    "source_file": name,
                    "sha256": res.sha256,
                    "size_bytes": res.size_bytes,
                    "outcome": "skipped",
                    "reason_zh": "内容未变，此前已收到，本次未重新读取",
                    "reason_en": "unchanged since an earlier night: already received, not read again",
                }
            )
            counts["skipped"] += 1
            counts["unchanged"] += 1
        elif res.changed:
            zh = "读取期间文件发生变化，下次运行时重新读取"
            en = "the file changed while it was read; it is read again next run"
            log_file(
                con,
                run_id,
                source_file=name,
                sha256=res.sha256,
                size_bytes=res.size_bytes,
                media_type=res.media_type,
                outcome="skipped",
                reason_zh=zh,
                reason_en=en,
            )
            counts["skipped"] += 1
            counts["skipped_files"].append({"file": name, "reason_zh": zh, "reason_en": en})
        elif res.error is not None or res.facts is None:
            _quarantine(con, run_id, res, quarantine_dir, counts)
        else:
            loadable.append(res)
    log_files(con, run_id, unchanged)
    files = [
        ReportFile(
            r.facts,  # type: ignore[arg-type]
            r.sha256,
            r.submission.path.name,
            r.media_type or "",
            r.pages,
            tuple(a.name for a in r.submission.attachments),
        )
        for r in loadable
    ]

    def log(f: ReportFile, out: LoadOutcome) -> None:
        # runs inside the report's transaction: the ingest record commits or vanishes with the facts
        log_file(
            con,
            run_id,
            source_file=f.source_file,
            sha256=f.sha256,
            size_bytes=sizes[id(f)],
            media_type=f.media_type or None,
            outcome=out.outcome,
            report_id=out.report_id,
            reason_zh=out.reason_zh,
            reason_en=out.reason_en,
        )

    sizes = {id(f): r.size_bytes for f, r in zip(files, loadable, strict=True)}
    try:
        outcomes: list[LoadOutcome | None] = list(load_reports(con, files, load_id=run_id, log=log, limits=limits))
    except duckdb.Error:
        outcomes = [None] * len(files)
        for i, f in enumerate(files):
            try:
                outcomes[i] = load_reports(con, [f], load_id=run_id, log=log, limits=limits)[0]
            except duckdb.Error as exc:  # rolled back: kept aside with the reason, the night goes on
                res = loadable[i]
                res.error = LoadFailed(f.source_file, f"{type(exc).__name__}: {exc}"[:300])
                _quarantine(con, run_id, res, quarantine_dir, counts)
                counts["load_failed_files"].append(
                    {"file": f.source_file, "class": res.error.code, "reason_en": res.error.reason_en}
                )
    for res, out in zip(loadable, outcomes, strict=True):
        if out is not None:
            _count_loaded(con, run_id, res, out, counts)
    return counts


def _quarantine(
    con: duckdb.DuckDBPyConnection, run_id: str, res: FileResult, quarantine_dir: Path, counts: dict[str, Any]
) -> None:
    """A file that could not be read or loaded: copied aside and logged with its reason, its attachments with it."""
    err = res.error
    assert err is not None
    name = res.submission.path.name
    quarantine_copy(res, quarantine_dir)
    log_file(
        con,
        run_id,
        source_file=name,
        sha256=res.sha256,
        size_bytes=res.size_bytes,
        media_type=res.media_type,
        outcome="quarantined",
        error_class=err.code,
        reason_zh=err.reason_zh,
        reason_en=err.reason_en,
    )
    counts["quarantined"] += 1
    for att in res.submission.attachments:
        log_file(
            con,
            run_id,
            source_file=att.name,
            sha256=sha256_of(att),
            size_bytes=att.stat().st_size,
            media_type=None,
            outcome="quarantined",
            error_class="parent_quarantined",
            reason_zh=f"所属报告 {name} 已隔离：{err.reason_zh}",
            reason_en=f"its report {name} was quarantined: {err.reason_en}",
        )
        counts["quarantined"] += 1


def _count_loaded(
    con: duckdb.DuckDBPyConnection, run_id: str, res: FileResult, out: LoadOutcome, counts: dict[str, Any]
) -> None:
    """A loaded (or skipped) report's counts, and its attachments' outcomes."""
    name = res.submission.path.name
    counts[out.outcome] += 1
    if out.outcome == "skipped":
        counts["skipped_files"].append({"file": name, "reason_zh": out.reason_zh, "reason_en": out.reason_en})
    if out.superseded:
        counts["superseded"] += 1
        counts["superseded_files"].append({"file": name, "version": out.version, "replaces": out.superseded})
    if out.missing:
        counts["incomplete"] += 1
        counts["incomplete_files"].append({"file": name, "missing": list(out.missing)})
    bad = {e.file: e for e in res.attachment_errors}
    for att in res.submission.attachments:
        err = bad.get(att.name)
        log_file(
            con,
            run_id,
            source_file=att.name,
            sha256=sha256_of(att),
            size_bytes=att.stat().st_size,
            media_type=None,
            outcome="quarantined" if err else out.outcome,
            report_id=out.report_id,
            error_class=err.code if err else None,
            reason_zh=err.reason_zh if err else f"附件，随 {name} 处理",
            reason_en=err.reason_en if err else f"attachment of {name}",
        )
        if err:
            counts["quarantined"] += 1


def publish(db: Path, data_dir: Path, inbox: Path, run_id: str) -> dict[str, Any]:
    """The analyst snapshot, then the exports, the dashboard and the review page written from it.

    The snapshot is swapped in first, so every export describes the same warehouse state people can query.
    """
    from flows.pages.write import page_paths, write_pages
    from warehouse.exports import export_all
    from warehouse.publish import publish_snapshot, snapshot_path

    snapshot = publish_snapshot(db, snapshot_path(data_dir))
    exports = export_all(snapshot, snapshot.parent)
    pages, problems = write_pages(snapshot, snapshot.parent, inbox, run_id)
    dashboard, review = page_paths(snapshot.parent)
    return {
        "published": str(snapshot),
        "exports": len(exports),
        "pages": [str(p) for p in pages],
        "dashboard": str(dashboard),
        "review_page": str(review),
        "page_problems": problems,
    }


def reports_to_judge(con: duckdb.DuckDBPyConnection, fingerprint: str) -> set[str] | None:
    """The current reports tonight's rules must judge: those never judged yet (tonight's new versions, and any a
    broken night loaded but never checked), or every one (None) when the rules changed since the last night."""
    last = con.execute(
        "SELECT summary_json FROM runs WHERE status = 'completed' AND summary_json IS NOT NULL "
        "ORDER BY started_at DESC LIMIT 1"
    ).fetchone()
    if last is None or json.loads(last[0]).get("rules_fingerprint") != fingerprint:
        return None
    rows = con.execute(
        "SELECT report_id FROM core_reports r WHERE is_current AND NOT EXISTS "
        "(SELECT 1 FROM dq_results d WHERE d.report_id = r.report_id)"
    ).fetchall()
    return {r[0] for r in rows}
