"""Readers: one per format, all returning a Document. ``read_document`` sniffs the type and dispatches.

Every file either reads to a Document or raises a QuarantineError subclass; files are only ever opened for reading.
"""

from __future__ import annotations

import os
from pathlib import Path

from transforms.document import Document
from transforms.readers.errors import (
    EmptyFile,
    LegacyOffice,
    OversizedFile,
    QuarantineError,
    UnknownType,
)
from transforms.readers.zipcheck import zip_members

__all__ = ["QuarantineError", "detect_type", "read_document"]

TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc/.xls, and the wrapper of password-protected DOCX/XLSX


def max_file_bytes() -> int:
    """Size limit for one submission (JIXIAO_MAX_FILE_MB, default 50 MB)."""
    return int(float(os.environ.get("JIXIAO_MAX_FILE_MB", "50")) * 1024 * 1024)


def detect_type(path: Path, head: bytes) -> str:
    """pdf | docx | xlsx | ole2 | zip | text | unknown: magic bytes first, the zip's parts next, the suffix last."""
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_OLE2):
        return "ole2"
    if head.startswith(b"PK\x03\x04"):
        members = zip_members(path) or set()
        if "word/document.xml" in members:
            return "docx"
        if "xl/workbook.xml" in members:
            return "xlsx"
        return suffix.lstrip(".") if suffix in (".docx", ".xlsx") else "zip"
    if suffix in (".pdf", ".docx", ".xlsx"):
        return suffix.lstrip(".")  # the reader reports what is wrong with it
    if suffix in TEXT_SUFFIXES:
        return "text"
    return "unknown"


def read_document(path: Path) -> Document:
    """Read any supported file (in simplified characters); raise a QuarantineError subclass when it cannot be read."""
    from transforms.readers.script import as_simplified

    return as_simplified(_read(path))


def _read(path: Path) -> Document:
    name = path.name
    size = path.stat().st_size
    if size == 0:
        raise EmptyFile(name)
    if size > max_file_bytes():
        raise OversizedFile(name, f"{size / 1024 / 1024:.1f} MB > {max_file_bytes() / 1024 / 1024:g} MB")
    with path.open("rb") as fh:
        head = fh.read(2048)
    kind = detect_type(path, head)
    if kind == "pdf":
        from transforms.readers.pdf import read_pdf

        return read_pdf(path)
    if kind == "docx":
        from transforms.readers.docx import read_docx

        return read_docx(path)
    if kind == "xlsx":
        from transforms.readers.xlsx import read_xlsx

        return read_xlsx(path)
    if kind == "text":
        from transforms.readers.text import read_text

        return read_text(path)
    if kind == "ole2":
        raise LegacyOffice(name, path.suffix or "OLE2")
    if kind == "zip":
        raise UnknownType(name, "zip archive without word/document.xml or xl/workbook.xml")
    raise UnknownType(name, path.suffix or "no suffix")
