"""Score lines: the total, and level-1/2/3 sub-scores stated in sentences (该一级指标满分 30 分，自评得分为 30 分)."""

from __future__ import annotations

import re
from decimal import Decimal

from transforms.document import Document
from transforms.extract.sentences import sentences
from transforms.facts import Evidence, ReportMeta, ScoreLine
from transforms.normalize.levels import level2_ending, numbered_level
from transforms.normalize.numbers import to_decimal

_NUM = r"(\d+(?:\.\d+)?)"
_SUB_SCORE = re.compile(
    r"(?P<name>[^（(。；;，,\d]{2,30}?)\s*[（(]\s*该\s*(?P<lvl>[一二三])\s*级指标\s*满分\s*"
    + _NUM
    + r"\s*分\s*[，,;；]?\s*自评得分?\s*为?\s*"
    + _NUM
    + r"\s*分"
)
_SCORE_PAIR = re.compile(
    r"(?P<name>[^（(。；;，,\d]{2,30}?)\s*[（(]\s*指标分数\s*"
    + _NUM
    + r"\s*分\s*[，,;；]?\s*实际得分\s*"
    + _NUM
    + r"\s*分"
)
_NUMBERING = re.compile(r"^[\s\d.、①-⑳()（）一二三四五六七八九十]+")


def _name(raw: str) -> str:
    return _NUMBERING.sub("", raw).strip(" *")


def sub_score_level(text: str) -> str | None:
    """The level of the sub-score a sentence states: 数量指标（该二级指标满分20分，自评得分为20分） -> level2."""
    m = _SUB_SCORE.search(text)
    return numbered_level(m["lvl"]) if m else None


def sentence_scores(doc: Document) -> list[ScoreLine]:
    """Sub-scores stated in the text, with their full marks (weight)."""
    out: list[ScoreLine] = []
    seen: set[tuple[str, str, Decimal | None, Decimal | None]] = set()
    for s in sentences(doc):
        for m in _SUB_SCORE.finditer(s.text):
            level = numbered_level(m["lvl"]) or "level3"
            line = ScoreLine(
                level,
                _name(m["name"]),
                Evidence(s.block.locator, m.group(0)),
                weight=to_decimal(m.group(3)),
                score=to_decimal(m.group(4)),
            )
            key = (line.level, line.name, line.weight, line.score)
            if key not in seen:
                seen.add(key)
                out.append(line)
        for m in _SCORE_PAIR.finditer(s.text):
            name = _name(m["name"])
            level = "level2" if level2_ending().search(name) else "level1"
            out.append(
                ScoreLine(
                    level,
                    name,
                    Evidence(s.block.locator, m.group(0)),
                    weight=to_decimal(m.group(2)),
                    score=to_decimal(m.group(3)),
                )
            )
    return out


def total_score_line(meta: ReportMeta) -> ScoreLine | None:
    """The report's total self-evaluation score as a score line (out of 100), with the metadata evidence."""
    if meta.self_eval_score is None:
        return None
    ev = next((e for f, e in meta.evidence if f == "self_eval_score"), None)
    if ev is None:
        return None
    return ScoreLine("total", "自评总分", ev, weight=Decimal(100), score=meta.self_eval_score)
