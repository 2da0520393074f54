"""The corpus generator: deterministic, covering every layout, kind and fault family, its truth stated by the
documents and adding up where no fault was put in, and independent of the pipeline it measures."""

from __future__ import annotations

import ast
import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from samples.synth import LAYOUTS, generate
from samples.synth.content import KINDS
from samples.synth.faults import FAMILIES
from samples.synth.generate import vocabulary

ROOT = Path(__file__).resolve().parents[3]
SYNTH = ROOT / "samples" / "synth"
PIPELINE = ("transforms", "expectations", "warehouse", "flows")
NO_PDF = [x for x in LAYOUTS if x != "pdf"]


def _truths(out: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted((out / "truth").glob("*.json"))]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every layout three times (one per kind), every report given a fault where one applies."""
    if shutil.which("soffice") is None:
        pytest.fail("LibreOffice (soffice) is required for the pdf layout; .ci/run installs it")
    out = tmp_path_factory.mktemp("synth")
    generate(len(LAYOUTS) * 3, 3, out, fault_rate=1.0)
    return out


def test_same_seed_same_files(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    generate(20, 11, a, NO_PDF)
    generate(20, 11, b, NO_PDF)
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert len(files) > 20
    for rel in files:
        assert (a / rel).read_bytes() == (b / rel).read_bytes(), rel
    other = tmp_path / "c"
    generate(20, 12, other, NO_PDF)
    assert (other / "manifest.json").read_bytes() != (a / "manifest.json").read_bytes()


def test_every_layout_kind_and_fault_family(corpus: Path) -> None:
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    reports = manifest["reports"]
    assert {r["layout"] for r in reports} == set(LAYOUTS)
    assert {(r["layout"], r["kind"]) for r in reports} == {(x, k) for x in LAYOUTS for k in KINDS}
    assert {f for r in reports for f in r["faults"]} == set(FAMILIES)
    for r in reports:
        for name in [r["file"], *r["attachments"]]:
            assert (corpus / "inbox" / name).stat().st_size > 0, name
    assert sorted(p.name for p in (corpus / "inbox").iterdir()) == sorted(
        n for r in reports for n in [r["file"], *r["attachments"]]
    )
    assert any(name.endswith("_附件1.xlsx") for r in reports for name in r["attachments"])
    assert len({r["province"] for r in reports}) >= 15


def _text(corpus: Path, truth: dict[str, Any]) -> str | None:
    layout = truth["layout"]
    if LAYOUTS[layout]["form"] != "text" or layout == "traditional":
        return None
    return (corpus / "inbox" / truth["file"]).read_bytes().decode(LAYOUTS[layout].get("encoding", "utf-8"))


def _printed(yuan: str, unit: str) -> str:
    value = Decimal(yuan) / (10000 if unit == "万元" else 1)
    return f"{value:.2f}"


def test_truth_is_what_the_text_states(corpus: Path) -> None:
    """Every figure in a truth file is printed in its report (text layouts, read back as text)."""
    checked = 0
    for t in _truths(corpus):
        text = _text(corpus, t)
        if text is None:
            continue
        flat = text.replace(",", "")
        m = t["meta"]
        if m["department"]:
            assert m["department"] in text
        if m["score"]:
            assert m["score"] in text
        if m["grade"]:
            assert m["grade"] in text
        if m["filing_date"]:
            y, mo, d = (int(x) for x in m["filing_date"].split("-"))
            forms = [f.format(y=y, m=mo, d=d) for f in vocabulary()["date_forms"]]
            assert m["filing_date"] in text or any(f in text for f in forms), (t["file"], m["filing_date"])
        for cat, _phase, yuan in t["budget"]:
            one_decimal = f"{Decimal(yuan) / 10000:.1f}"
            assert (
                _printed(yuan, m["money_unit"]) in flat
                or (cat == "total" and one_decimal in flat)
                or f"{Decimal(yuan):.2f}" in flat
            ), (t["file"], cat, yuan)
        for ind in t["indicators"]:
            for key in ("level3", "target", "actual"):
                assert ind[key] in text, (t["file"], ind)
            assert ind["level3"] != "预算执行率", "the scored execution row is a score line, not an indicator"
        for row in t["execution_scores"]:  # the funding block's 分值 | 执行率 | 得分 or its sentence
            assert "执行率" in text and row["score"] in text, (t["file"], row)
        for p in t["projects"]:
            assert p["name"] in text and _printed(p["executed"], m["money_unit"]) in flat
        checked += 1
    assert checked >= 20


def _sum(rows: dict[tuple[str, str], Any], cats: tuple[str, ...], phase: str) -> Decimal:
    return sum((rows[(c, phase)] for c in cats), Decimal(0))


def test_clean_reports_add_up(tmp_path: Path) -> None:
    """Without faults the parts add up, the scores add up and the grade is in its band, in every report."""
    generate(48, 5, tmp_path, NO_PDF, fault_rate=0.0)
    bands = [(90, ("优秀", "优")), (80, ("良好", "良")), (60, ("合格", "中", "一般")), (0, ("差", "不合格"))]
    for t in _truths(tmp_path):
        assert not t["faults"]
        m = t["meta"]
        if t["kind"] == "department" and t["layout"] != "excerpt":
            stated: dict[tuple[str, str], set[Decimal]] = {}
            for c, p, a in t["budget"]:
                stated.setdefault((c, p), set()).add(Decimal(a))
            if len(stated[("total", "executed")]) > 1:  # the benign one-decimal restatement beside the table
                assert any("one decimal" in b["what"] for b in t["benign"])
            rows = {k: max(v) for k, v in stated.items()}
            spent = _sum(rows, ("basic", "project"), "executed")
            assert spent in stated[("total", "executed")]
            for phase in ("initial", "full_year"):
                assert rows[("total", phase)] == _sum(rows, ("basic", "project"), phase)
            for phase in ("initial", "full_year", "executed"):
                assert rows[("basic", phase)] == _sum(rows, ("personnel", "public"), phase)
                assert rows[("three_public", phase)] == _sum(rows, ("overseas", "vehicle", "reception"), phase)
            assert (
                rows[("opening_carryover", "executed")] + rows[("income", "executed")] - spent
                == rows[("closing_carryover", "executed")]
            )
        if m["score"] and t["indicators"] and t["layout"] != "excerpt":
            rows = t["indicators"] + t["execution_scores"]  # the scored 预算执行率 row counts towards the total
            total = sum(Decimal(i["score"]) for i in rows)
            weights = sum(Decimal(i["weight"]) for i in rows)
            assert weights == Decimal(100), (t["file"], weights)
            assert total == Decimal(m["score"]), (t["file"], total, m["score"])
            for i in t["indicators"]:
                assert Decimal(i["score"]) <= Decimal(i["weight"])
        if m["score"] and m["grade"]:
            words = next(w for low, w in bands if Decimal(m["score"]) >= low)
            assert m["grade"] in words


def test_faults_break_what_they_say(corpus: Path) -> None:
    """A fault's stated figure differs from what the report's own figures give."""
    seen = set()
    for t in _truths(corpus):
        for f in t["faults"]:
            assert f["stated"] != f["expected"], f
            seen.add(f["family"])
            if f["family"] == "score_over_weight":
                assert (
                    any(Decimal(i["score"]) > Decimal(i["weight"]) for i in t["indicators"]) or t["layout"] == "excerpt"
                )
            if f["family"] == "wrong_year" and f["kind"] == "title_year":
                assert t["meta"]["title_year"] == t["meta"]["fiscal_year"] + 1
    # an excerpt keeps a fault only when it prints it (the manifest lists what was injected)
    manifest = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))
    cut = {fam for e in manifest["reports"] if e["layout"] == "excerpt" for fam in e["faults"]}
    assert seen | cut == set(FAMILIES)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_generator_imports_nothing_of_the_pipeline() -> None:
    files = sorted(SYNTH.glob("*.py"))
    assert len(files) >= 8
    for f in files:
        assert not _imports(f) & set(PIPELINE), f


def test_pipeline_does_not_read_the_generators_phrasings() -> None:
    """The extractors and rules may not pass by sharing a list with the generator."""
    for pkg in ("transforms", "expectations", "warehouse"):
        for f in (ROOT / pkg).rglob("*.py"):
            assert "samples" not in _imports(f), f
            assert "phrasings.yaml" not in f.read_text(encoding="utf-8"), f
