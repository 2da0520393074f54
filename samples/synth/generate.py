"""The development corpus: N reports in every layout, kind of report and fault family, each with its truth file.

``jixiao samples synth --n N --seed S --out DIR [--layouts a,b] [--fault-rate F]`` (or ``python -m
samples.synth``) writes the reports into ``DIR/inbox``, ``DIR/truth/<file>.json`` for each and
``DIR/manifest.json``. Deterministic by seed:
the same arguments give the same texts, DOCX and XLSX bytes and truth (PDFs carry LibreOffice's own timestamps).
"""

from __future__ import annotations

import csv
import json
import random
import re
from dataclasses import asdict
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from samples.synth import office_layouts, text_layouts
from samples.synth.compose import compose
from samples.synth.content import KINDS, build
from samples.synth.document import Block, merged_facts
from samples.synth.faults import APPLIES, NEEDS_TABLE, inject, record_benign
from samples.synth.model import Fault, Region, Report

HERE = Path(__file__).resolve().parent

# layout -> (file form, how tables are written). Text forms mirror how converted files arrive.
LAYOUTS: dict[str, dict[str, Any]] = {
    "docx": {"form": "docx", "two_rows": False},
    "docx_merged": {"form": "docx", "two_rows": True},
    "pdf": {"form": "pdf", "two_rows": True},
    "xlsx_attachment": {"form": "xlsx"},
    "md_pipe": {"form": "text", "tables": "pipe", "headings": "md"},
    "tab": {"form": "text", "tables": "tab"},
    "cell_lines": {"form": "text", "tables": "cell_lines"},
    "cell_lines_indented": {"form": "text", "tables": "cell_lines_indented"},
    "spaced": {"form": "text", "tables": "spaced"},
    "flattened": {"form": "text", "tables": "flattened"},
    "narrative": {"form": "text", "tables": "tab", "narrative": True},
    "html": {"form": "text", "tables": "html", "paragraphs": "html"},
    "latex": {"form": "text", "tables": "tab", "paragraphs": "latex", "headings": "md"},
    "gb18030": {"form": "text", "tables": "pipe", "encoding": "gb18030"},
    "traditional": {"form": "text", "tables": "tab", "traditional": True},
    "excerpt": {"form": "text", "tables": "tab", "excerpt": True},
}


class UnknownLayout(ValueError):
    """A layout name the generator does not know."""


@cache
def vocabulary() -> dict[str, Any]:
    """The generator's own phrasings (phrasings.yaml)."""
    data: dict[str, Any] = yaml.safe_load((HERE / "phrasings.yaml").read_text(encoding="utf-8"))
    return data


@cache
def regions() -> tuple[Region, ...]:
    """Real divisions (regions.csv): code, province, prefecture, county."""
    with (HERE / "regions.csv").open(encoding="utf-8") as f:
        return tuple(Region(r["code"], r["province"], r["prefecture"], r["county"]) for r in csv.DictReader(f))


def _traditional(text: str) -> str:
    from opencc_purepy import OpenCC

    return str(OpenCC("s2t").convert(text))


def _printed_text(blocks: list[Block]) -> str:
    """Everything the blocks print: their text and their tables' cells."""
    parts = [b.text for b in blocks]
    for b in blocks:
        if b.table is not None:
            parts.extend(" ".join(row) for row in [b.table.header, *b.table.rows])
    return "\n".join(parts)


def _kept(fault: Fault, text: str) -> bool:
    """An excerpt keeps a fault when it prints the wrong figure and the names of where it is (开展调研视察次数)."""
    flat = text.replace(",", "")
    names = re.findall(r"[\u4e00-\u9fff]{2,}", fault.where)
    return fault.stated.replace(",", "") in flat and all(n in text for n in names)


def _truth(r: Report, layout: str, blocks: list[Block], files: list[str]) -> dict[str, Any]:
    facts = merged_facts(blocks)
    reg = r.region
    meta = {
        "department": facts.get("department"),
        "unit_kind": r.unit_kind,
        "province": reg.province,
        "city": reg.prefecture if reg.prefecture != reg.province else None,
        "county": reg.county or None,
        "division_code": reg.code,
        "fiscal_year": r.fiscal_year if "fiscal_year" in facts else None,
        "title_year": r.title_year,
        "filing_date": facts.get("filing_date"),
        "score": facts.get("score"),
        "grade": facts.get("grade"),
        "money_unit": r.money_unit,
    }
    budget = sorted({tuple(x) for x in facts.get("budget", [])})
    return {
        "file": files[0],
        "attachments": files[1:],
        "layout": layout,
        "kind": r.kind,
        "meta": meta,
        "budget": [list(b) for b in budget],
        "execution_rate": sorted(set(facts.get("execution_rate", []))),
        "indicators": facts.get("indicators", []),
        "execution_scores": facts.get("execution", []),  # the scored 预算执行率 rows: score lines, no indicators
        "projects": facts.get("projects", []),
        # an excerpt states a fault only when the figure it printed wrong is in the part it kept
        "faults": [asdict(f) for f in r.faults if layout != "excerpt" or _kept(f, _printed_text(blocks))],
        "benign": [asdict(b) for b in r.benign],
        "wording": dict(sorted(r.wording.items())),
    }


def _plan(n: int, seed: int, layouts: list[str]) -> list[tuple[str, str]]:
    """(layout, kind) for each report: every layout and kind appear as evenly as n allows."""
    rng = random.Random(seed)
    plan = [(layouts[i % len(layouts)], KINDS[(i + i // len(layouts)) % len(KINDS)]) for i in range(n)]
    rng.shuffle(plan)
    return plan


def _faults_for(rng: random.Random, r: Report, layout: str, fault_rate: float, counter: int) -> None:
    if rng.random() >= fault_rate:
        return
    fams = [f for f in APPLIES[r.kind] if not (LAYOUTS[layout].get("narrative") and f in NEEDS_TABLE)]
    start = counter % len(fams)  # rotate within the kind so that every family is used as often as reports allow
    for k in range(len(fams)):
        if inject(r, rng, vocabulary(), fams[(start + k) % len(fams)]):
            return


def generate(
    n: int,
    seed: int,
    out: Path,
    layouts: list[str] | None = None,
    fault_rate: float = 0.5,
    same_report: str | None = None,
) -> dict[str, Any]:
    """Write n reports with truth into out; returns the manifest.

    ``same_report`` (a kind of report): instead, one report of that kind without faults, once in each layout
    (n is ignored), worded alike in all, so that what the pipeline reads can be compared across layouts.
    """
    chosen = list(layouts or LAYOUTS)
    unknown = [x for x in chosen if x not in LAYOUTS]
    if unknown:
        raise UnknownLayout(f"unknown layouts {unknown}; known: {', '.join(LAYOUTS)}")
    inbox = out / "inbox"  # what a night receives; truth and manifest stay beside it, out of the flow's reach
    inbox.mkdir(parents=True, exist_ok=True)
    (out / "truth").mkdir(exist_ok=True)
    vocab, regs = vocabulary(), list(regions())
    entries: list[dict[str, Any]] = []
    pdf_sources: list[Path] = []
    faulted = dict.fromkeys(KINDS, 0)
    plan = [(layout, same_report) for layout in chosen] if same_report else _plan(n, seed, chosen)
    if same_report:
        fault_rate = 0.0
    for i, (layout, kind) in enumerate(plan):
        rng = random.Random(f"{seed}:same" if same_report else f"{seed}:{i}")
        spec = LAYOUTS[layout]
        rid = f"{i:04d}"
        r = build(rng, vocab, regs, rid, kind)
        before = len(r.faults)
        _faults_for(rng, r, layout, fault_rate, faulted[kind])
        faulted[kind] += len(r.faults) > before
        record_benign(r, rng)
        blocks = compose(r, vocab, rng, bool(spec.get("narrative")))
        stem = f"{rid}_{layout}_{kind}"
        stated, tail = blocks, ""
        if spec.get("excerpt"):
            stated, tail = text_layouts.cut(blocks, rng)
        files = _write(stem, spec, stated, tail, rng, inbox, pdf_sources)
        truth = _truth(r, layout, stated, files)
        (out / "truth" / f"{files[0]}.json").write_text(
            json.dumps(truth, ensure_ascii=False, indent=1, default=_json), encoding="utf-8"
        )
        entries.append(
            {
                "file": files[0],
                "attachments": files[1:],
                "layout": layout,
                "kind": kind,
                "unit_kind": r.unit_kind,
                "province": r.region.province,
                "faults": sorted({f.family for f in r.faults}),
            }
        )
    if pdf_sources:
        office_layouts.convert_to_pdf(pdf_sources, inbox)
        for p in pdf_sources:
            p.unlink()
        pdf_sources[0].parent.rmdir()
    manifest = {"n": len(plan), "seed": seed, "fault_rate": fault_rate, "layouts": chosen, "reports": entries}
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return manifest


def _json(x: object) -> str:
    if isinstance(x, Decimal):
        return format(x, "f")
    raise TypeError(type(x))


def _write(
    stem: str,
    spec: dict[str, Any],
    blocks: list[Block],
    tail: str,
    rng: random.Random,
    out: Path,
    pdf_sources: list[Path],
) -> list[str]:
    form = spec["form"]
    if form in ("docx", "pdf"):
        styled = rng.random() < 0.5
        if form == "docx":
            office_layouts.render_docx(blocks, out / f"{stem}.docx", spec["two_rows"], styled)
            return [f"{stem}.docx"]
        staging = out / ".pdf-src"
        staging.mkdir(exist_ok=True)
        office_layouts.render_docx(blocks, staging / f"{stem}.docx", spec["two_rows"], styled)
        pdf_sources.append(staging / f"{stem}.docx")
        return [f"{stem}.pdf"]
    if form == "xlsx":
        tables = [b.table for b in blocks if b.table is not None]
        main = list(blocks)
        k = 0
        for j, b in enumerate(blocks):
            if b.table is not None:
                k += 1
                b.table.caption = b.table.caption or f"表{k}"
                main[j] = Block("para", f"（详见附件1 表{k}）")
        (out / f"{stem}.txt").write_text(text_layouts.render(main, rng, "tab", headings="md"), encoding="utf-8")
        office_layouts.render_xlsx(tables, out / f"{stem}_附件1.xlsx")
        return [f"{stem}.txt", f"{stem}_附件1.xlsx"]
    text = text_layouts.render(
        blocks, rng, spec["tables"], spec.get("headings", "plain"), spec.get("paragraphs", "plain")
    )
    text += tail
    if spec.get("traditional"):
        text = _traditional(text)
    (out / f"{stem}.txt").write_bytes(text.encode(spec.get("encoding", "utf-8")))
    return [f"{stem}.txt"]
