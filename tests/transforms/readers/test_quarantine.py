"""Every unreadable file raises a QuarantineError subclass with reasons in both languages; inputs stay untouched."""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from samples.render import render_pdf, render_xlsx
from transforms.readers import read_document
from transforms.readers.errors import (
    CorruptOffice,
    CorruptPdf,
    EmptyFile,
    EncryptedPdf,
    ImageOnlyPdf,
    LegacyOffice,
    OversizedFile,
    QuarantineError,
    UndecodableText,
    UnknownType,
    ZipBomb,
)

REPORT = "# 一、基本情况\n\n2022年总支出为351.44万元。\n\n项目\t预算数\n基本支出\t351.44\n"


def _pdf_bytes(tmp: Path) -> bytes:
    path = tmp / "src.pdf"
    render_pdf(REPORT, path)
    return path.read_bytes()


def _empty(tmp: Path) -> Path:
    (tmp / "empty.pdf").write_bytes(b"")
    return tmp / "empty.pdf"


def _truncated(tmp: Path) -> Path:
    data = _pdf_bytes(tmp)
    (tmp / "cut.pdf").write_bytes(data[: len(data) * 2 // 3])
    return tmp / "cut.pdf"


def _garbage_pdf(tmp: Path) -> Path:
    (tmp / "junk.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n")
    return tmp / "junk.pdf"


def _encrypted(tmp: Path) -> Path:
    path = tmp / "locked.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, encrypt="secret")
    c.drawString(72, 700, "budget")
    c.save()
    return path


def _image_only(tmp: Path) -> Path:
    path = tmp / "scan.pdf"
    Image.new("L", (600, 800), 255).save(path, "PDF")
    return path


def _blank_pages(tmp: Path) -> Path:
    path = tmp / "blank.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.showPage()
    c.showPage()
    c.save()
    return path


def _not_zip(tmp: Path) -> Path:
    (tmp / "fake.docx").write_bytes(b"<html><body>not a word file</body></html>")
    return tmp / "fake.docx"


def _zip_without_parts(tmp: Path) -> Path:
    with zipfile.ZipFile(tmp / "parts.xlsx", "w") as z:
        z.writestr("hello.txt", "hi")
    return tmp / "parts.xlsx"


def _zip_bomb(tmp: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("正文")
    buf = io.BytesIO()
    d.save(buf)
    path = tmp / "bomb.docx"
    path.write_bytes(buf.getvalue())
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/media/pad.bin", b"\0" * (12 * 1024 * 1024))  # 12 MB that compresses to ~12 KB
    return path


def _cut_docx(tmp: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("正文")
    buf = io.BytesIO()
    d.save(buf)
    (tmp / "cut.docx").write_bytes(buf.getvalue()[: len(buf.getvalue()) // 2])
    return tmp / "cut.docx"


def _legacy(tmp: Path) -> Path:
    (tmp / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    return tmp / "old.doc"


def _unknown(tmp: Path) -> Path:
    (tmp / "report.rar").write_bytes(b"Rar!\x1a\x07\x00" + b"\1" * 100)
    return tmp / "report.rar"


def _oversized(tmp: Path) -> Path:
    path = tmp / "big.xlsx"
    render_xlsx([("表", [["项目", "金额"], ["基本支出", "351.44"]])], path)
    with path.open("ab") as fh:
        fh.write(b"\0" * (2 * 1024 * 1024))
    return path


def _undecodable(tmp: Path) -> Path:
    (tmp / "bad.txt").write_bytes(b"\xff\xfe\x80\x81\x00\xff" * 50)
    return tmp / "bad.txt"


CASES: list[tuple[Callable[[Path], Path], type[QuarantineError], str]] = [
    (_empty, EmptyFile, "empty_file"),
    (_truncated, CorruptPdf, "corrupt_pdf"),
    (_garbage_pdf, CorruptPdf, "corrupt_pdf"),
    (_encrypted, EncryptedPdf, "encrypted_pdf"),
    (_image_only, ImageOnlyPdf, "image_only_pdf"),
    (_blank_pages, EmptyFile, "empty_file"),
    (_not_zip, CorruptOffice, "corrupt_office"),
    (_zip_without_parts, CorruptOffice, "corrupt_office"),
    (_cut_docx, CorruptOffice, "corrupt_office"),
    (_zip_bomb, ZipBomb, "zip_bomb"),
    (_legacy, LegacyOffice, "legacy_office"),
    (_unknown, UnknownType, "unknown_type"),
    (_oversized, OversizedFile, "oversized_file"),
    (_undecodable, UndecodableText, "undecodable_text"),
]


@pytest.mark.parametrize(("build", "error", "code"), CASES, ids=[c[2] + ":" + c[0].__name__ for c in CASES])
def test_unreadable_file_is_quarantined_and_left_untouched(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    build: Callable[[Path], Path],
    error: type[QuarantineError],
    code: str,
) -> None:
    monkeypatch.setenv("JIXIAO_MAX_FILE_MB", "1")
    monkeypatch.setenv("JIXIAO_MAX_EXPANDED_MB", "10")
    path = build(tmp_path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(error) as info:
        read_document(path)
    exc = info.value
    assert exc.code == code and exc.file == path.name
    assert exc.reason_zh and any("\u4e00" <= ch <= "\u9fff" for ch in exc.reason_zh)
    assert exc.reason_en.startswith(exc.en)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


@pytest.mark.parametrize(("encoding", "prefix"), [("gbk", b""), ("gb18030", b""), ("utf-8", b"\xef\xbb\xbf")])
def test_chinese_encodings_read(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(prefix + REPORT.encode(encoding))
    doc = read_document(path)
    assert doc.blocks[0].text == "一、基本情况"
    assert doc.tables()[0].grid() == [["项目", "预算数"], ["基本支出", "351.44"]]


def test_pdf_with_owner_password_only_still_reads(tmp_path: Path) -> None:
    from reportlab.lib import pdfencrypt

    path = tmp_path / "owner.pdf"
    enc = pdfencrypt.StandardEncryption("", ownerPassword="owner", canPrint=1, canCopy=0)
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=enc)
    c.setFont("Helvetica", 12)
    c.drawString(72, 700, "Total 351.44")
    c.save()
    assert read_document(path).blocks[0].text == "Total 351.44"
