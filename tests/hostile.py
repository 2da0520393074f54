"""Hostile inputs, generated small on disk: every way one file could hurt the night, beside good reports.

``build(inbox)`` writes them and returns what each must end as; ``python -m tests.hostile DIR`` also reads each in
its own worker and prints the outcome, peak memory and seconds of every file (the table of issue 14's note).
"""

from __future__ import annotations

import io
import os
import random
import sys
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

GOOD = (
    "## 甲子县医疗保障局2023年度部门整体支出绩效自评报告\n\n"
    "2023年度年初预算数为1000万元，全年预算数为1200万元，全年执行数为1100万元，预算执行率为91.67%。\n\n"
    "自评得分为92分，自评等级为优秀。\n"
)


@dataclass(frozen=True)
class Hostile:
    name: str  # the entry's name in the inbox
    outcome: str  # loaded | quarantined
    error_class: str | None  # the quarantine class it must be given
    make: Callable[[Path], None]  # writes the entry at that path


def _good(text: str = GOOD, encoding: str = "utf-8", bom: bytes = b"") -> Callable[[Path], None]:
    return lambda p: p.write_bytes(bom + text.encode(encoding))


def _unit(text: str, unit: str) -> str:
    return text.replace("甲子县", unit)


def _pdf_objects(pages: list[tuple[str, bytes, str]]) -> bytes:
    """A minimal PDF: one page per (media box, content stream, filter entry), all in Helvetica."""
    objs: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    kids = []
    for box, stream, filt in pages:
        page_no = len(objs) + 1
        kids.append(f"{page_no} 0 R")
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [{box}] /Contents {page_no + 1} 0 R "
            "/Resources << /Font << /F1 3 0 R >> >> >>".encode()
        )
        objs.append(f"<< /Length {len(stream)} {filt} >>\nstream\n".encode() + stream + b"\nendstream")
    objs[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode()
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    out.write(b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets))
    out.write(f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _text_page(box: str = "0 0 595 842") -> tuple[str, bytes, str]:
    return box, b"BT /F1 12 Tf 72 720 Td (budget 100) Tj ET", ""


def _many_pages(p: Path) -> None:
    p.write_bytes(_pdf_objects([_text_page() for _ in range(2000)]))


def _huge_page(p: Path) -> None:
    p.write_bytes(_pdf_objects([_text_page("0 0 1000000 1000000")]))


def _deflate_bomb(p: Path) -> None:
    """A content stream that inflates, through two Flate filters, to 1.5 GB; a few kilobytes on disk."""
    inner = zlib.compressobj(9)
    chunk = b"0 0 m 1 1 l S\n" * 75_000  # ~1 MB of drawing operators
    parts = [inner.compress(chunk) for _ in range(1500)]
    parts.append(inner.flush())
    once = b"".join(parts)
    twice = zlib.compress(once, 9)
    p.write_bytes(_pdf_objects([("0 0 595 842", twice, "/Filter [/FlateDecode /FlateDecode]")]))


def _truncated_pdf(p: Path) -> None:
    from samples.render import render_pdf

    full = p.with_name("whole.pdf.tmp")
    render_pdf(GOOD, full)
    data = full.read_bytes()
    full.unlink()
    p.write_bytes(data[: len(data) // 2])


def _encrypted_pdf(p: Path) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(p), pagesize=A4, encrypt="secret")
    c.drawString(72, 700, "budget 100")
    c.save()


def _image_pdf(p: Path) -> None:
    from PIL import Image

    Image.new("L", (600, 800), 255).save(p, "PDF")


def _docx_bytes(text: str) -> bytes:
    import docx

    d = docx.Document()
    for line in text.split("\n\n"):
        d.add_paragraph(line.strip("# "))
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _docx_bomb(p: Path) -> None:
    """A DOCX whose document part inflates to 300 MB (declared honestly)."""
    p.write_bytes(_docx_bytes(GOOD))
    with zipfile.ZipFile(p, "a", zipfile.ZIP_DEFLATED) as z, z.open("word/media/pad.bin", "w", force_zip64=True) as fh:
        block = b" " * (1 << 20)
        for _ in range(300):
            fh.write(block)


def _lying_zip(p: Path) -> None:
    """A DOCX whose directory understates a part's size: 1 KB declared, 50 MB inside."""
    p.write_bytes(_docx_bytes(GOOD))
    with zipfile.ZipFile(p, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/media/pad.bin", b"\0" * (50 << 20))
    data = bytearray(p.read_bytes())
    at = data.rfind(b"word/media/pad.bin") - 46  # its central directory header: the name's last occurrence
    assert data[at : at + 4] == b"PK\x01\x02"
    data[at + 24 : at + 28] = (1024).to_bytes(4, "little")  # uncompressed size
    p.write_bytes(bytes(data))


def _far_corner_xlsx(p: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws["A1"] = "项目"
    ws["B1"] = "全年执行数"
    ws["A2"] = "支出合计"
    ws["B2"] = 100
    ws["XFD1048576"] = "x"
    wb.save(p)


def _empty_office(suffix: str) -> Callable[[Path], None]:
    return lambda p: p.write_bytes(b"")


def _random(p: Path) -> None:
    p.write_bytes(random.Random(14).randbytes(64 * 1024))


def _legacy(p: Path) -> None:
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)


def _big_text(p: Path) -> None:
    line = "本段为填充文字，用于检验超大文本文件的处理。\n".encode()
    with p.open("wb") as fh:
        for _ in range((3 << 20) // len(line)):  # 3 MB, over the 2 MB the test allows
            fh.write(line)


def _symlink_out(p: Path) -> None:
    p.symlink_to("/etc/passwd")


def _fifo(p: Path) -> None:
    os.mkfifo(p)


def _folder_named_like_a_file(p: Path) -> None:
    p.mkdir()
    (p / "乙丑县医疗保障局报告.txt").write_text(_unit(GOOD, "乙丑县"), encoding="utf-8")


OVERFLOW = _unit(GOOD, "丙寅县").replace("自评得分为92分", "自评得分为123456789分")

HOSTILE: tuple[Hostile, ...] = (
    Hostile("good.txt", "loaded", None, _good()),
    Hostile("good.docx", "loaded", None, lambda p: p.write_bytes(_docx_bytes(_unit(GOOD, "丁卯县")))),
    Hostile("utf16_bom.txt", "loaded", None, _good(_unit(GOOD, "戊辰县"), "utf-16-le", b"\xff\xfe")),
    Hostile("utf16_no_bom.txt", "loaded", None, _good(_unit(GOOD, "己巳县"), "utf-16-le")),
    Hostile("gbk.txt", "loaded", None, _good(_unit(GOOD, "庚午县"), "gbk")),
    Hostile("overflow.txt", "loaded", None, _good(OVERFLOW)),
    Hostile("empty.pdf", "quarantined", "empty_file", _empty_office(".pdf")),
    Hostile("empty.docx", "quarantined", "empty_file", _empty_office(".docx")),
    Hostile("empty_sheet.xlsx", "quarantined", "empty_file", _empty_office(".xlsx")),
    Hostile("empty.txt", "quarantined", "empty_file", _empty_office(".txt")),
    Hostile("truncated.pdf", "quarantined", "corrupt_pdf", _truncated_pdf),
    Hostile("encrypted.pdf", "quarantined", "encrypted_pdf", _encrypted_pdf),
    Hostile("image_only.pdf", "quarantined", "image_only_pdf", _image_pdf),
    Hostile("deflate_bomb.pdf", "quarantined", "over_limit", _deflate_bomb),
    Hostile("many_pages.pdf", "quarantined", "over_limit", _many_pages),
    Hostile("huge_page.pdf", "quarantined", "over_limit", _huge_page),
    Hostile("zip_bomb.docx", "quarantined", "zip_bomb", _docx_bomb),
    Hostile("lying_sizes.docx", "quarantined", "corrupt_office", _lying_zip),
    Hostile("far_corner.xlsx", "quarantined", "over_limit", _far_corner_xlsx),
    Hostile("big.txt", "quarantined", "oversized_file", _big_text),
    Hostile("random.bin", "quarantined", "unknown_type", _random),
    Hostile("random.pdf", "quarantined", "corrupt_pdf", _random),
    Hostile("legacy.doc", "quarantined", "legacy_office", _legacy),
    Hostile("legacy_sheet.xls", "quarantined", "legacy_office", _legacy),
    Hostile("passwd_link.txt", "quarantined", "outside_inbox", _symlink_out),
    Hostile("pipe.txt", "quarantined", "not_a_file", _fifo),
    Hostile("folder.pdf", "loaded", None, _folder_named_like_a_file),
)

# the limits the suite runs under: small enough that every bomb trips one quickly
ENV = {
    "JIXIAO_MAX_FILE_MB": "2",
    "JIXIAO_WORKER_MEMORY_MB": "1024",
    "JIXIAO_WORKER_CPU_S": "60",
    "JIXIAO_WORKER_WALL_S": "120",
    "JIXIAO_MAX_EXPANDED_MB": "200",
}


def build(inbox: Path) -> dict[str, Hostile]:
    """Write every hostile entry into ``inbox``; by the name the ingest log will show."""
    inbox.mkdir(parents=True, exist_ok=True)
    out: dict[str, Hostile] = {}
    for h in HOSTILE:
        h.make(inbox / h.name)
        out["乙丑县医疗保障局报告.txt" if h.name == "folder.pdf" else h.name] = h
    return out


def main(argv: list[str]) -> int:
    from flows import stages
    from flows.worker import read_in_worker

    target = Path(argv[0] if argv else "hostile-inbox")
    os.environ.update(ENV)
    build(target)
    print(f"{'input':<24} {'outcome':<16} {'peak MB':>8} {'seconds':>8}")
    for sub in stages.discover(target):
        t0 = time.perf_counter()
        res = read_in_worker(sub)
        seconds = time.perf_counter() - t0
        outcome = res.error.code if res.error else "read"
        peak = f"{res.peak_rss_kb / 1024:.0f}" if res.peak_rss_kb else "-"
        print(f"{sub.path.name:<24} {outcome:<16} {peak:>8} {seconds:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
