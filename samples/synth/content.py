"""A consistent report's figures: budgets whose parts add up, indicators whose scores add up, a grade in its band."""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from samples.synth.model import BudgetRow, Carryover, IndicatorRow, ProjectRow, Region, Report
from samples.synth.printing import WAN, rate, round_to

KINDS = ("department", "project", "fund")


def _amount(rng: random.Random, low: float, high: float, step: Decimal) -> Decimal:
    return round_to(Decimal(str(rng.uniform(low, high))) * WAN, step)


def _share(rng: random.Random, whole: Decimal, low: float, high: float, step: Decimal) -> Decimal:
    return round_to(whole * Decimal(str(rng.uniform(low, high))), step)


def pick_region(rng: random.Random, regions: list[Region]) -> Region:
    """A province at random, then one of its divisions (a county three times in four)."""
    provinces = sorted({r.province for r in regions})
    prov = rng.choice(provinces)
    pool = [r for r in regions if r.province == prov]
    counties = [r for r in pool if r.county]
    prefectures = [r for r in pool if not r.county]
    if counties and (not prefectures or rng.random() < 0.75):
        return rng.choice(counties)
    return rng.choice(prefectures)


def unit_name(rng: random.Random, vocab: dict[str, Any], region: Region, kind_entry: dict[str, Any]) -> str:
    """The unit's name; a county's unit names its prefecture half the time (the body then names it)."""
    with_prefecture = bool(region.county) and region.prefecture != region.county and rng.random() < 0.5
    place = (region.prefecture + region.county) if with_prefecture else region.place
    if region.county and region.prefecture == region.province:  # a district of a municipality: 北京市朝阳区
        with_prefecture = rng.random() < 0.5
        place = (region.province + region.county) if with_prefecture else region.county
    return str(rng.choice(kind_entry["names"]).format(place=place, town=rng.choice(vocab["towns"])))


def grade_for(vocab: dict[str, Any], score: Decimal, word_index: int) -> str:
    """The grade word of the band the score falls in."""
    for band in vocab["grades"]:
        if score >= band["min"]:
            words = band["words"]
            return words[min(word_index, len(words) - 1)]
    raise AssertionError("bands cover every score")


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    """total split into parts positive integers (multiples of 5 where the total allows)."""
    step = 5 if total % 5 == 0 and total >= parts * 10 else 1
    units = total // step
    out = [units // parts] * parts
    for i in range(units - sum(out)):
        out[i % parts] += 1
    for _ in range(parts):  # move a step between two rows now and then: weights are uneven but never tiny
        a, b = rng.randrange(parts), rng.randrange(parts)
        if a != b and out[a] > max(1, units // parts // 2):
            out[a] -= 1
            out[b] += 1
    return [u * step for u in out]


def _measure(rng: random.Random, vocab: dict[str, Any], template: list[Any], missed: bool) -> tuple[str, str, Decimal]:
    """(target text, actual text, achieved share) for one indicator template."""
    _, _, kind, unit, span = template
    if kind == "qualitative":
        q = vocab["qualitative"]
        return rng.choice(q["target"]), rng.choice(q["actual"]), Decimal(1)
    low, high = span
    if kind == "count":
        n = rng.randint(low, high)
        op = rng.choice(["≥", "≥", "", ">="])
        got = n + rng.randint(0, max(1, n // 10)) if not missed else max(0, n - rng.randint(1, max(1, n // 5)))
        share = Decimal(1) if not missed else Decimal(got) / Decimal(n)
        return f"{op}{n}{unit}", f"{got}{unit}", share
    if kind == "percent_min":
        p = rng.randint(low, high)
        op = rng.choice(["≥", "≥", ">="])
        got = (
            Decimal(p) + Decimal(rng.randint(0, (100 - p) * 10)) / 10
            if not missed
            else Decimal(p) - Decimal(rng.randint(5, 80)) / 10
        )
        got = min(got, Decimal(100))
        share = Decimal(1) if not missed else got / Decimal(p)
        return f"{op}{p}%", f"{got.normalize():f}%", share
    if kind == "percent_exact":
        got = Decimal(100) if not missed else Decimal(rng.randint(900, 995)) / 10
        return rng.choice(["100%", "=100%"]), f"{got.normalize():f}%", got / 100
    if kind == "percent_max":
        p = rng.randint(low, high)
        got = Decimal(rng.randint(0, p * 10)) / 10 if not missed else Decimal(p) + Decimal(rng.randint(1, 20)) / 10
        share = Decimal(1) if not missed else Decimal(p) / got
        return f"≤{p}%", f"{got.normalize():f}%", share
    # cost_max | days_max: at most n
    n = rng.randint(low, high)
    over = Decimal(n) + Decimal(rng.randint(1, 30)) / 10
    got = Decimal(rng.randint(max(1, n * 6), n * 10)) / 10 if not missed else over
    share = Decimal(1) if not missed else Decimal(n) / got
    return f"≤{n}{unit}", f"{got.normalize():f}{unit}", share


def indicators(rng: random.Random, vocab: dict[str, Any], theme: str, budget_weight: int) -> list[IndicatorRow]:
    """Indicator rows whose weights add up to 100 less the weight the funding row carries."""
    pool = vocab["indicators"][theme]
    by_level1: dict[str, list[list[Any]]] = {"output": [], "effect": [], "satisfaction": []}
    for t in pool:
        key = t[0]
        level1 = (
            "output"
            if key in ("quantity", "quality", "timeliness", "cost")
            else "satisfaction"
            if key == "satisfied"
            else "effect"
        )
        by_level1[level1].append(t)
    weights = {"output": 50 if budget_weight else 60, "effect": 30, "satisfaction": 10}
    rows: list[IndicatorRow] = []
    for level1, group in by_level1.items():
        least, most = {"output": (3, 5), "effect": (1, 2), "satisfaction": (1, 1)}[level1]
        n = rng.randint(min(least, len(group)), min(most, len(group)))
        chosen = sorted(rng.sample(group, n), key=lambda t: list(vocab["level2"]).index(t[0]))
        for t, w in zip(chosen, _split(rng, weights[level1], n), strict=True):
            missed = t[2] != "qualitative" and rng.random() < 0.15
            target, actual, share = _measure(rng, vocab, t, missed)
            weight = Decimal(w)
            got = weight if not missed else min(weight - Decimal("0.5"), round_to(weight * share, Decimal("0.5")))
            rows.append(
                IndicatorRow(
                    vocab["level1"][level1],
                    vocab["level2"][t[0]],
                    t[1],
                    target,
                    actual,
                    weight,
                    max(got, Decimal(0)),
                    met=not missed,
                    note="" if not missed else rng.choice(vocab["deviation_notes"]),
                )
            )
    return rows


def department_budget(rng: random.Random, vocab: dict[str, Any], unit: str) -> tuple[list[BudgetRow], Carryover]:
    """The budget table rows and the carry-over of a department: every part adds up in every column."""
    step = Decimal(100) if unit == "万元" else Decimal(1)
    labels = vocab["budget"]["rows"]
    full = _amount(rng, 300, 30000, step)
    initial = full - _share(rng, full, -0.08, 0.2, step)
    basic_f = _share(rng, full, 0.35, 0.8, step)
    project_f = full - basic_f
    basic_i = min(_share(rng, basic_f, 0.9, 1.04, step), initial - step)
    project_i = initial - basic_i
    basic_e = _share(rng, basic_f, 0.93, 1.0, step)
    project_e = _share(rng, project_f, 0.75, 1.0, step)
    executed = basic_e + project_e
    k = rng.uniform(0.7, 0.9)
    pers = [_share(rng, x, k, k + 0.01, step) for x in (basic_i, basic_f, basic_e)]
    tb = min(_amount(rng, 2, 60, step), round_to((basic_f - pers[1]) / 2, step))
    te = _share(rng, tb, 0.4, 1.0, step)
    overseas = Decimal(0) if rng.random() < 0.8 else _share(rng, te, 0.05, 0.3, step)
    vehicle = _share(rng, te - overseas, 0.3, 0.8, step)
    reception = te - overseas - vehicle
    tb_over = Decimal(0) if not overseas else _share(rng, tb, 0.1, 0.3, step)
    tb_veh = _share(rng, tb - tb_over, 0.4, 0.7, step)
    tb_rec = tb - tb_over - tb_veh

    def row(cat: str, i: Decimal, f: Decimal, e: Decimal) -> BudgetRow:
        return BudgetRow(cat, rng.choice(labels[cat]), i, f, e, rate(e, f))

    rows = [
        row("total", initial, full, executed),
        row("basic", basic_i, basic_f, basic_e),
        row("personnel", pers[0], pers[1], pers[2]),
        row("public", basic_i - pers[0], basic_f - pers[1], basic_e - pers[2]),
        row("project", project_i, project_f, project_e),
        row("three_public", tb, tb, te),
        row("overseas", tb_over, tb_over, overseas),
        row("vehicle", tb_veh, tb_veh, vehicle),
        row("reception", tb_rec, tb_rec, reception),
    ]
    opening = _share(rng, executed, 0.0, 0.08, step)
    closing = _share(rng, executed, 0.0, 0.06, step)
    return rows, Carryover(opening, executed + closing - opening, executed, closing)


def projects(
    rng: random.Random,
    names: list[str],
    unit: str,
    n: int,
    total_f: Decimal | None = None,
    total_e: Decimal | None = None,
    scored: bool = True,
) -> list[ProjectRow]:
    """n projects; when totals are given they partition them exactly (full-year and executed)."""
    step = Decimal(100) if unit == "万元" else Decimal(1)
    chosen = rng.sample(names, n)
    if total_f is None:
        fulls = [_amount(rng, 20, 3000, step) for _ in range(n)]
    else:
        weights = [rng.uniform(1, 4) for _ in range(n)]
        fulls = [round_to(total_f * Decimal(str(w / sum(weights))), step) for w in weights[:-1]]
        fulls.append(total_f - sum(fulls, Decimal(0)))
    if total_e is None:
        execs = [_share(rng, f, 0.8, 1.0, step) for f in fulls]
    else:
        execs = [_share(rng, f, 0.85, 1.0, step) for f in fulls[:-1]]
        last = total_e - sum(execs, Decimal(0))
        if not 0 <= last <= fulls[-1]:
            execs = [min(f, round_to(total_e * f / total_f, step)) for f in fulls[:-1]]
            last = total_e - sum(execs, Decimal(0))
        execs.append(last)
    rows = []
    for name, f, e in zip(chosen, fulls, execs, strict=True):
        i = f - _share(rng, f, -0.1, 0.2, step)
        score = Decimal(rng.randint(80, 100)) if scored else None
        rows.append(ProjectRow(name, i, f, e, rate(e, f), score))
    return rows


def build(rng: random.Random, vocab: dict[str, Any], regions: list[Region], report_id: str, kind: str) -> Report:
    """A consistent report of the given kind; faults are put in afterwards (samples.synth.faults)."""
    region = pick_region(rng, regions)
    entry = rng.choice(vocab["unit_kinds"])
    if region.county == "" and entry["kind"] in ("township", "subdistrict"):
        entry = vocab["unit_kinds"][0]
    name = unit_name(rng, vocab, region, entry)
    year = rng.randint(2019, 2025)
    money = "万元" if rng.random() < 0.8 else "元"
    filing = f"{year + 1}-{rng.randint(1, 6):02d}-{rng.randint(1, 28):02d}"
    r = Report(
        report_id=report_id,
        kind=kind,
        unit_kind=entry["kind"],
        unit=name,
        self_name=rng.choice(entry["self"]),
        region=region,
        fiscal_year=year,
        title_year=year,
        filing_date=filing,
        money_unit=money,
    )
    theme = entry["theme"]
    grade_word = rng.randint(0, 1)
    if kind == "department":
        r.budget, r.carryover = department_budget(rng, vocab, money)
        r.indicators = indicators(rng, vocab, theme, 0)
        if rng.random() < 0.6:
            project_row = r.row("project")
            assert project_row is not None
            r.projects = projects(
                rng,
                vocab["projects"][theme],
                money,
                rng.randint(2, 4),
                project_row.full_year,
                project_row.executed,
                scored=False,
            )
    elif kind == "project":
        r.project_name = rng.choice(vocab["projects"][theme])
        (p,) = projects(rng, [r.project_name], money, 1)
        r.projects = [p]
        r.indicators = indicators(rng, vocab, theme, 10)
        r.execution_weight = Decimal(10)
        r.execution_score = round_to(Decimal(10) * min(p.executed / p.full_year, Decimal(1)), Decimal("0.01"))
    else:
        r.project_name = rng.choice(vocab["funds"])
        names = vocab["projects"][theme]
        r.projects = projects(rng, names, money, rng.randint(3, min(5, len(names))))
        r.indicators = indicators(rng, vocab, theme, 10)
        total_f = sum((p.full_year for p in r.projects), Decimal(0))
        total_e = sum((p.executed for p in r.projects), Decimal(0))
        r.execution_weight = Decimal(10)
        r.execution_score = round_to(Decimal(10) * min(total_e / total_f, Decimal(1)), Decimal("0.01"))
    r.score = sum((i.score for i in r.indicators), Decimal(0)) + (r.execution_score or 0)
    r.grade = grade_for(vocab, r.score, grade_word)
    r.wording["grade_word"] = str(grade_word)
    return r
