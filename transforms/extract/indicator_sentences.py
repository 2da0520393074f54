"""Indicators a narrative report states one to a sentence (indicator_sentences.yaml holds the wording).

``资助资金发放及时率：年度目标=100%，完成93.6%（15分，得14分）。`` and
``数量指标方面，召开会议次数目标值>=9次，实际完成10次，分值10分，得分10分。`` are the same table row as text:
the sentence is split into its name and clauses, and each clause read by the word that opens it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from transforms.document import Document
from transforms.extract.catalogue import match_indicator
from transforms.extract.sentences import sentences
from transforms.facts import Evidence, Indicator
from transforms.normalize.measures import parse_measure
from transforms.normalize.numbers import to_decimal
from transforms.yamlfile import load_yaml

_CLAUSE = re.compile(r"[，,；;（）()。]")
_POINTS = re.compile(r"^(\d+(?:\.\d+)?)\s*分$")
_NAMED_RATE = re.compile(r"^(?P<name>[^\d，,。；;]{2,20}?)(?:为|达)?(?P<value>\d+(?:\.\d+)?%)")
_NAME = re.compile(r"^[^\d，,。；;]{2,30}$")


@dataclass(frozen=True)
class _Words:
    target: tuple[str, ...]
    actual: tuple[str, ...]
    weight: tuple[str, ...]
    score: tuple[str, ...]
    level2: re.Pattern[str]
    first: re.Pattern[str]  # the first target introducer, where the name ends


@cache
def _words() -> _Words:
    raw = load_yaml(Path(__file__).with_name("indicator_sentences.yaml"))

    def longest(key: str) -> tuple[str, ...]:
        return tuple(sorted(raw[key], key=len, reverse=True))

    target = longest("target")
    return _Words(
        target,
        longest("actual"),
        longest("weight"),
        longest("score"),
        re.compile(rf"^(?P<level2>[^，,。]{{2,12}}?){raw['level2_suffix']}[，,]"),
        re.compile("|".join(re.escape(w) for w in target)),
    )


def sentence_indicators(doc: Document) -> list[Indicator]:
    """Every indicator stated as a sentence with a target and a weight or a score."""
    out: list[Indicator] = []
    for s in sentences(doc):
        found = read_sentence(s.text)
        if found is not None:
            out.append(
                Indicator(
                    owner="department",
                    level1=None,
                    level2=found["level2"] or None,
                    level3=found["name"],
                    evidence=Evidence(s.block.locator, s.text[:300]),
                    target=parse_measure(found["target"]),
                    actual=parse_measure(found["actual"]),
                    weight=_points(found["weight"]),
                    score=_points(found["score"]),
                    canonical_code=match_indicator(found["name"]),
                )
            )
    return out


def read_sentence(text: str) -> dict[str, str] | None:
    """name, level2, target, actual, weight, score of an indicator sentence (empty when not stated), or None.

    A sentence with a target needs a weight or a score; one without (a scored rate) needs both.
    """
    w = _words()
    text = text.strip()
    level2 = ""
    m = w.level2.match(text)
    if m:
        level2, text = m.group("level2"), text[m.end() :]
    got = {"name": "", "level2": level2, "target": "", "actual": "", "weight": "", "score": ""}
    first = w.first.search(text)
    if first is not None:
        got["name"], rest = text[: first.start()].strip(" ：:"), text[first.start() :]
    else:  # 预算执行率88.16%，分值10分，得分8.82分: a rate with no target, its value right after its name
        m = _NAMED_RATE.match(text)
        if m is None:
            return None
        got["name"], got["actual"], rest = m.group("name"), m.group("value"), text[m.end() :]
    if not _NAME.match(got["name"]):
        return None
    for clause in _CLAUSE.split(rest):
        clause = clause.strip()
        for field, words in (("target", w.target), ("score", w.score), ("weight", w.weight), ("actual", w.actual)):
            word = next((x for x in words if clause.startswith(x)), None)
            if word is not None and not got[field]:
                got[field] = clause[len(word) :].strip(" ：:为")
                break
        else:
            if _POINTS.match(clause) and not got["weight"]:
                got["weight"] = clause  # （15分，得14分）: the bare points are the weight
    if first is not None and not (got["target"] and (got["weight"] or got["score"])):
        return None
    if first is None and not (got["weight"] and got["score"]):
        return None
    return got


def _points(text: str) -> Decimal | None:
    m = _POINTS.match(text) or re.match(r"^(\d+(?:\.\d+)?)$", text)
    return to_decimal(m.group(1)) if m else None
