"""Inconsistencies put into a consistent report on purpose, one family at a time, each recorded with where it is.

Families (what a reviewer must be shown): a stated rate against its operands, parts against their total, scores
against the total, a score over its weight, a grade outside its score band, a missed target given full marks, a
sentence against the table, the carry-over balance, a wrong year, and a 元/万元 slip.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from samples.synth.content import grade_for
from samples.synth.model import Benign, Fault, Report
from samples.synth.printing import WAN, exact_rate, money, rate, round_to, score

FAMILIES = (
    "rate",
    "parts",
    "scores_total",
    "score_over_weight",
    "grade_band",
    "target_full_score",
    "text_table",
    "carryover",
    "wrong_year",
    "unit_slip",
)

# the layouts that state a family's two sides; narrative reports have no table to contradict a sentence
NEEDS_TABLE = {"text_table", "unit_slip"}
# the kinds of report that have what a family breaks (a project report has no parts and no carry-over)
APPLIES: dict[str, tuple[str, ...]] = {
    "department": FAMILIES,
    "project": (
        "rate",
        "scores_total",
        "score_over_weight",
        "grade_band",
        "target_full_score",
        "text_table",
        "wrong_year",
    ),
    "fund": (
        "rate",
        "parts",
        "scores_total",
        "score_over_weight",
        "grade_band",
        "target_full_score",
        "text_table",
        "wrong_year",
        "unit_slip",
    ),
}


def _step(r: Report) -> Decimal:
    return Decimal(100) if r.money_unit == "万元" else Decimal(1)


def _regrade(r: Report, vocab: dict[str, Any]) -> None:
    assert r.score is not None
    r.grade = grade_for(vocab, r.score, int(r.wording.get("grade_word", "0")))


def _rescore(r: Report, vocab: dict[str, Any]) -> None:
    r.score = sum((i.score for i in r.indicators), Decimal(0)) + (r.execution_score or 0)
    _regrade(r, vocab)


def _rate(r: Report, rng: random.Random, vocab: dict[str, Any]) -> Fault | None:
    off = Decimal(rng.randint(300, 900)) / 100
    if r.kind == "department":
        row = r.row("total")
        assert row is not None
        true = Decimal(row.rate_printed.rstrip("%"))
        stated = true - off if true - off > 50 else true + off
        row.rate_printed = f"{min(stated, Decimal(100)):.2f}%"
        return Fault(
            "rate",
            "execution_rate",
            "total execution rate (table and sentence)",
            row.rate_printed,
            rate(row.executed, row.full_year),
        )
    p = r.projects[0]
    true = Decimal(p.rate_printed.rstrip("%"))
    p.rate_printed = f"{(true - off if true - off > 50 else min(true + off, Decimal(100))):.2f}%"
    return Fault(
        "rate", "project_execution_rate", f"execution rate of {p.name}", p.rate_printed, rate(p.executed, p.full_year)
    )


def _parts(r: Report, rng: random.Random, vocab: dict[str, Any]) -> Fault | None:
    step = _step(r)
    if r.kind == "department":
        if rng.random() < 0.6:
            row = r.row("project")
            assert row is not None
            delta = round_to(row.executed * Decimal(str(rng.uniform(0.03, 0.12))), step) + step
            row.executed += delta
            row.rate_printed = rate(row.executed, row.full_year)
            total = r.row("total")
            assert total is not None
            return Fault(
                "parts",
                "basic_plus_project",
                "项目支出 executed against 支出合计 - 基本支出",
                money(row.executed, r.money_unit),
                money(total.executed - (r.row("basic") or row).executed, r.money_unit),
            )
        tp = r.row("three_public")
        assert tp is not None
        delta = round_to(tp.executed * Decimal(str(rng.uniform(0.1, 0.4))), step) + step
        tp.executed += delta
        tp.rate_printed = rate(tp.executed, tp.full_year)
        parts = sum(((r.row(c) or tp).executed for c in ("overseas", "vehicle", "reception")), Decimal(0))
        return Fault(
            "parts",
            "three_public_parts",
            "三公 executed against its three parts",
            money(tp.executed, r.money_unit),
            money(parts, r.money_unit),
        )
    if r.kind == "fund":
        p = rng.choice(r.projects)
        delta = round_to(p.executed * Decimal(str(rng.uniform(0.03, 0.1))), step) + step
        r.said["fund_total_executed"] = sum((q.executed for q in r.projects), Decimal(0)) + delta
        return Fault(
            "parts",
            "project_rows_total",
            "合计 row executed against the project rows",
            money(r.said["fund_total_executed"], r.money_unit),
            money(r.said["fund_total_executed"] - delta, r.money_unit),
        )
    return None


def _scores_total(r: Report, rng: random.Random, vocab: dict[str, Any]) -> Fault | None:
    assert r.score is not None
    true = r.score
    off = Decimal(rng.choice([-5, -4, -3, -2, 2, 3])) if true <= 97 else Decimal(-rng.randint(2, 5))
    r.score = true + off
    _regrade(r, vocab)
    return Fault(
        "scores_total",
        "total_vs_indicators",
        "stated total score against the indicator scores",
        score(r.score),
        score(true),
    )


def _over_weight(r: Report, rng: random.Random, vocab: dict[str, Any]) -> Fault | None:
    row = rng.choice([i for i in r.indicators if i.weight >= 2])
    row.score = row.weight + Decimal(rng.randint(1, 3))
    _rescore(r, vocab)
    return Fault(
        "score_over_weight", "score_over_weight", f"indicator {row.level3}", score(row.score), f"<= {score(row.weight)}"
    )


def _grade_band(r: Report, rng: random.Random, vocab: dict[str, Any]) -> Fault | None:
    assert r.score is not None
    bands = vocab["grades"]
    now = next(k for k, b in enumerate(bands) if r.score >= b["min"])
    other = now + 1 if now == 0 else now - 1
    word = int(r.wording.get("grade_word", "0"))
    right = r.grade
    r.grade = bands[other]["words"][min(word, len(bands[other]["words"]) - 1)]
    return Fault("grade_band", "grade_vs_score", "printed grade against the score band", r.grade, right)


def _target_full(r: Report, rng: random.Random, vocab: dict[str, Any]) -> Fault | None:
    missed = [i for i in r.indicators if not i.met]
    if missed:
        row = rng.choice(missed)
    else:
        candidates = [i for i in r.indicators if i.target.startswith(("≥", ">=")) and i.target[-1] != "%"]
        if not candidates:
            return None
        row = rng.choice(candidates)
        digits = "".join(ch for ch in row.target if ch.isdigit())
        unit = row.target.lstrip("≥>=").lstrip("0123456789")
        row.actual = f"{max(0, int(digits) - max(1, int(digits) // 10))}{unit}"
        row.met = False
    row.score = row.weight
    row.note = ""
    _rescore(r, vocab)
    return Fault(
        "target_full_score",
        "missed_target_full_marks",
        f"indicator {row.level3}",
        f"{row.actual} vs {row.target}, score {score(row.score)}",
        f"score < {score(row.weight)}",
    )


def _text_table(r: Report, rng: random.Random, vocab: dict[str, Any]) -> Fault | None:
    total = r.row("total")
    executed = total.executed if total is not None else sum((p.executed for p in r.projects), Decimal(0))
    delta = round_to(executed * Decimal(str(rng.uniform(0.02, 0.08))), _step(r)) + _step(r)
    r.said["executed_total"] = executed - delta
    table = {"department": "the budget table", "project": "the funding table", "fund": "the 合计 row"}[r.kind]
    return Fault(
        "text_table",
        "executed_total",
        f"executed total in the sentence against {table}",
        money(r.said["executed_total"], r.money_unit),
        money(executed, r.money_unit),
    )


def _carryover(r: Report, rng: random.Random, vocab: dict[str, Any]) -> Fault | None:
    if r.carryover is None:
        return None
    c = r.carryover
    right = c.closing
    c.closing = right + round_to(c.expenditure * Decimal(str(rng.uniform(0.01, 0.05))), _step(r)) + _step(r)
    return Fault(
        "carryover",
        "closing_balance",
        "年末结转结余 against 年初 + 收入 - 支出",
        money(c.closing, r.money_unit),
        money(right, r.money_unit),
    )


def _wrong_year(r: Report, rng: random.Random, vocab: dict[str, Any]) -> Fault | None:
    if rng.random() < 0.5:
        r.title_year = r.fiscal_year + 1
        return Fault(
            "wrong_year", "title_year", "year in the title against the body", str(r.title_year), str(r.fiscal_year)
        )
    r.body_year_override = r.fiscal_year - 1
    return Fault(
        "wrong_year",
        "body_year",
        "one sentence names the previous year as the report's",
        str(r.body_year_override),
        str(r.fiscal_year),
    )


def _unit_slip(r: Report, rng: random.Random, vocab: dict[str, Any]) -> Fault | None:
    if r.money_unit != "万元" or r.kind == "project":
        return None
    if r.kind == "fund":
        p = rng.choice(r.projects)
        r.slip = (f"project:{p.name}", "executed")
        return Fault(
            "unit_slip",
            "yuan_in_wan_table",
            f"{p.name} executed printed in 元 in a 万元 table",
            money(p.executed * WAN, r.money_unit),
            money(p.executed, r.money_unit),
        )
    cat = rng.choice(["reception", "vehicle", "public"])
    row = r.row(cat)
    assert row is not None
    if not row.executed:
        return None
    r.slip = (cat, "executed")
    return Fault(
        "unit_slip",
        "yuan_in_wan_table",
        f"{row.label} executed printed in 元 in a 万元 table",
        money(row.executed * WAN, r.money_unit),
        money(row.executed, r.money_unit),
    )


INJECT: dict[str, Callable[[Report, random.Random, dict[str, Any]], Fault | None]] = {
    "rate": _rate,
    "parts": _parts,
    "scores_total": _scores_total,
    "score_over_weight": _over_weight,
    "grade_band": _grade_band,
    "target_full_score": _target_full,
    "text_table": _text_table,
    "carryover": _carryover,
    "wrong_year": _wrong_year,
    "unit_slip": _unit_slip,
}


def inject(r: Report, rng: random.Random, vocab: dict[str, Any], family: str) -> bool:
    """Put one fault of the family into the report; False when the report has nothing it could apply to."""
    fault = INJECT[family](r, rng, vocab)
    if fault is None:
        return False
    r.faults.append(fault)
    return True


def record_benign(r: Report, rng: random.Random) -> None:
    """The figures that are right within printed precision, so that an error naming them is a false alarm."""
    total = r.row("total")
    if total is not None and total.full_year and not any(f.kind == "execution_rate" for f in r.faults):
        r.benign.append(Benign("total execution rate", total.rate_printed, exact_rate(total.executed, total.full_year)))
    if (
        r.carryover is not None
        and r.money_unit == "万元"
        and rng.random() < 0.3
        and not any(f.family in ("carryover", "text_table") for f in r.faults)
    ):
        r.rounded_text = True
        exact = money(r.carryover.expenditure, "万元")
        shown = f"{(r.carryover.expenditure / WAN).quantize(Decimal('0.1')):f}"
        r.benign.append(Benign("expenditure in the carry-over sentence, one decimal", shown, exact))
    for p in r.projects:
        if p.full_year and not any(f.kind == "project_execution_rate" for f in r.faults):
            r.benign.append(Benign(f"execution rate of {p.name}", p.rate_printed, exact_rate(p.executed, p.full_year)))
