"""The demo corpus in samples/inbox: never stale, every sample extracts, and its prose is our own."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from flows.stages import discover, read_and_extract
from samples.build import INBOX, PLAN, SRC, build
from transforms.extract import extract_report
from transforms.readers import read_document

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

# file -> (province, fiscal year, department, total score)
EXPECTED: dict[str, tuple[str, int, str, Decimal]] = {
    "2021_beijing_mentougou_yibaoju.pdf": ("北京市", 2021, "北京市门头沟区医疗保障局", Decimal(92)),
    "2021_beijing_mentougou_yibaoju.docx": ("北京市", 2021, "北京市门头沟区医疗保障局", Decimal(92)),
    "2021_guangdong_dabu_yibaoju.txt": ("广东省", 2021, "大埔县医疗保障局", Decimal(92)),
    "2021_jiangxi_fuliang_yibaoju.docx": ("江西省", 2021, "浮梁县医疗保障局", Decimal(96)),
    "2022_hebei_chengde_yibaoju.pdf": ("河北省", 2022, "承德市医疗保障局", Decimal(88)),
    "2022_hunan_ziyang_yibaozhongxin.txt": ("湖南省", 2022, "益阳市资阳区医疗保障事务中心", Decimal(96)),
}
ATTACHMENT = "2022_hunan_ziyang_yibaozhongxin_附件1.xlsx"

RUN = 20  # a shared run this long of CJK characters means a copied sentence, not a shared name
NOT_CJK = re.compile(r"[^\u4e00-\u9fff]")
# names of bodies and indicators may be kept verbatim, and these two are longer than RUN
NAMES = ("承德市城乡居民基本医疗保险基金管理结算中心", "城乡居民医疗保障水平不断提高促进社会和谐稳定")


def test_committed_inbox_is_what_the_build_writes(tmp_path: Path) -> None:
    written = build(tmp_path)
    assert sorted(p.name for p in INBOX.iterdir()) == sorted(p.name for p in written)
    for path in written:
        assert (INBOX / path.name).read_bytes() == path.read_bytes(), f"{path.name} is stale: run make samples"


def test_plan_covers_the_forms_production_sees() -> None:
    forms = {s.form for s in PLAN}
    assert {"pdf", "docx", "xlsx", "utf8", "gb18030"} <= forms
    assert (INBOX / "2021_guangdong_dabu_yibaoju.txt").read_bytes().decode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        (INBOX / "2021_guangdong_dabu_yibaoju.txt").read_bytes().decode("utf-8")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_extracts_its_report(name: str) -> None:
    meta = extract_report(read_document(INBOX / name)).meta
    assert (meta.province, meta.fiscal_year, meta.department, meta.self_eval_score) == EXPECTED[name]


def test_attachment_is_paired_with_its_report_and_adds_its_table() -> None:
    subs = {s.path.name: s for s in discover(INBOX)}
    assert set(subs) == set(EXPECTED)
    sub = subs["2022_hunan_ziyang_yibaozhongxin.txt"]
    assert [a.name for a in sub.attachments] == [ATTACHMENT]
    facts = read_and_extract(sub).facts
    assert facts is not None
    # the 2021 final accounts appear only in the XLSX attachment
    assert any(b.phase == "previous" and b.amount_yuan == Decimal("2785000") for b in facts.budget_lines)


def _cjk_runs(text: str) -> list[str]:
    """Each table cell or line with everything but CJK characters removed, so punctuation cannot hide a copy."""
    return [NOT_CJK.sub("", cell) for line in text.splitlines() for cell in line.split("\t")]


def test_sample_prose_is_not_copied_from_the_seeds() -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        pytest.skip(f"seed reports not found in {SEEDS}")
    grams: set[str] = set()
    for seed in seeds:
        for run in _cjk_runs(seed.read_text(encoding="utf-8")):
            grams.update(run[i : i + RUN] for i in range(len(run) - RUN + 1))
    copied = []
    for src in sorted(SRC.glob("*.txt")):
        for no, line in enumerate(src.read_text(encoding="utf-8").splitlines(), start=1):
            for run in _cjk_runs(line):
                for name in NAMES:
                    run = run.replace(name, "|")
                hit = next((run[i : i + RUN] for i in range(len(run) - RUN + 1) if run[i : i + RUN] in grams), None)
                if hit:
                    copied.append(f"{src.name}:{no}: {hit}")
    assert not copied, "sentences copied from a seed report:\n" + "\n".join(copied)
