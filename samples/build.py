"""Build the demo inbox (samples/inbox) from the report texts in samples/src, in the forms production receives.

``python -m samples.build [OUT]`` writes every sample deterministically: a rebuild is byte-identical.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from samples.render import render_docx, render_pdf, render_xlsx
from transforms.readers.text import parse_text

SAMPLES = Path(__file__).resolve().parent
SRC = SAMPLES / "src"
INBOX = SAMPLES / "inbox"


@dataclass(frozen=True)
class Sample:
    """One inbox file: which source text it is made from and in which form."""

    src: str  # stem of a file in samples/src
    form: str  # pdf | docx | xlsx | utf8 | gb18030

    @property
    def filename(self) -> str:
        """The inbox file name: the source stem plus the suffix of the form."""
        suffix = {"utf8": ".txt", "gb18030": ".txt"}.get(self.form, f".{self.form}")
        return self.src + suffix


# One report in two formats (门头沟 as PDF and DOCX) shows that the loader keeps one row per report.
PLAN: tuple[Sample, ...] = (
    Sample("2021_beijing_mentougou_yibaoju", "pdf"),
    Sample("2021_beijing_mentougou_yibaoju", "docx"),
    Sample("2021_guangdong_dabu_yibaoju", "gb18030"),  # a county whose office system writes GBK text
    Sample("2021_jiangxi_fuliang_yibaoju", "docx"),
    Sample("2022_hebei_chengde_yibaoju", "pdf"),
    Sample("2022_hunan_ziyang_yibaozhongxin", "utf8"),
    Sample("2022_hunan_ziyang_yibaozhongxin_附件1", "xlsx"),  # paired with its report by the _附件N stem
)


def _write_text(encoding: str) -> Callable[[str, Path], None]:
    def write(text: str, path: Path) -> None:
        path.write_bytes(text.encode(encoding))

    return write


def attachment_rows(text: str) -> list[list[str]]:
    """A spreadsheet attachment's rows: the lines before its table, the table, and the notes after it."""
    doc = parse_text(text, "attachment")
    rows: list[list[str]] = []
    for block in doc.blocks:
        if block.table is not None:
            rows.extend([c.text for c in row] for row in block.table.rows)
        else:
            rows.append([block.text])
    return rows


def _write_xlsx(text: str, path: Path) -> None:
    render_xlsx([("基础数据表", attachment_rows(text))], path)


WRITERS: dict[str, Callable[[str, Path], None]] = {
    "pdf": render_pdf,
    "docx": render_docx,
    "xlsx": _write_xlsx,
    "utf8": _write_text("utf-8"),
    "gb18030": _write_text("gb18030"),
}


def build(out: Path = INBOX, src: Path = SRC) -> list[Path]:
    """Write every sample of PLAN into ``out``, removing files there that PLAN does not produce."""
    out.mkdir(parents=True, exist_ok=True)
    wanted = {s.filename for s in PLAN}
    for stale in out.iterdir():
        if stale.is_file() and stale.name not in wanted:
            stale.unlink()
    written: list[Path] = []
    for sample in PLAN:
        text = (src / f"{sample.src}.txt").read_text(encoding="utf-8")
        target = out / sample.filename
        WRITERS[sample.form](text, target)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line: build into samples/inbox or the folder given."""
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else INBOX
    started = time.perf_counter()
    files = build(out)
    elapsed = time.perf_counter() - started
    for f in files:
        print(f"{f.stat().st_size:>9}  {f.name}")
    print(f"已生成 {len(files)} 个样例文件 / built {len(files)} sample files in {out} ({elapsed:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
