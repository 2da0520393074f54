"""When a report was filed: a filing label's date, else a date line under the title or at the signature, else
the publishing page's date. Labels and separators are in vocabulary/dates.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from transforms.document import Block, Locator
from transforms.normalize.numbers import to_decimal
from transforms.normalize.text import fold_chars
from transforms.vocabulary import alternation, terms

_CN_DIGITS = "〇零一二三四五六七八九十"
_TOP_BLOCKS, _END_BLOCKS = 25, 8


@dataclass(frozen=True)
class DateFound:
    value: date
    locator: Locator
    raw: str
    source: str  # filing_label | date_line | publication


@dataclass(frozen=True)
class _Patterns:
    date: str
    filing: re.Pattern[str]
    publication: re.Pattern[str]
    line: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    seps = alternation(s for s in terms("dates", "separators") if s.strip() and s != "年")
    num = rf"(?:\d{{1,4}}|[{_CN_DIGITS}]{{1,4}})"
    # 2022年3月15日, 2022-03-15, 2022.3.15, 二〇二二年三月十五日
    d = (
        rf"(?P<y>20\d{{2}}|二[〇零]\S{{2}})(?:\s*(?:年|{seps})\s*|\s+)(?P<m>{num})(?:\s*(?:月|{seps})\s*|\s+)"
        rf"(?P<d>{num})\s*日?"
        rf"(?![\d{_CN_DIGITS}日\s]*(?:至|到|—|-\s*20))"
    )  # a period's start is no date
    return _Patterns(
        date=d,
        filing=_labelled("filing_labels", d),
        publication=_labelled("publication_labels", d),
        # a date alone, or after the unit's name in a signature block the reader ran together
        line=re.compile(rf"^\s*[•·*\-]?\s*(?:[\u4e00-\u9fff（）()]{{2,40}}\s*)?{d}\s*$"),
    )


def _labelled(part: str, date_pattern: str) -> re.Pattern[str]:
    # a label is a word of its own: 日期 inside 发布日期 is the publication's label
    words = alternation(terms("dates", part))
    return re.compile(rf"(?<![\u4e00-\u9fff])(?:{words})\s*[\]】]?\s*[:：|]?\s*{date_pattern}")


def _number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if all(c in _CN_DIGITS for c in text) and len(text) == 4:  # 二〇二二: digit by digit
        return int("".join(str(max(_CN_DIGITS.index(c) - 1, 0)) for c in text))
    v = to_decimal(text)
    return int(v) if v is not None else None


def _date(m: re.Match[str]) -> date | None:
    y, mo, d = _number(m["y"]), _number(m["m"]), _number(m["d"])
    if y is None or mo is None or d is None:
        return None
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def date_in_text(text: str) -> date | None:
    """The date a labelled line or a date line states (填报日期：2022年3月15日, 二〇二二年三月十五日)."""
    p = _patterns()
    t = fold_chars(text)
    m = p.filing.search(t) or p.publication.search(t) or p.line.match(t)
    return _date(m) if m else None


def find_filing_date(blocks: list[Block]) -> DateFound | None:
    """The filing date: a filing label's first, then a lone date line near the top or the end, then the page's."""
    p = _patterns()
    for b in blocks:
        m = p.filing.search(fold_chars(b.text))
        if m and (d := _date(m)):
            return DateFound(d, b.locator, m.group(0), "filing_label")
    prose = [b for b in blocks if b.kind != "table"]
    for b in prose[-_END_BLOCKS:][::-1] + prose[:_TOP_BLOCKS]:
        m = p.line.match(fold_chars(b.text))
        if m and (d := _date(m)):
            return DateFound(d, b.locator, m.group(0), "date_line")
    for b in blocks:
        m = p.publication.search(fold_chars(b.text))
        if m and (d := _date(m)):
            return DateFound(d, b.locator, m.group(0), "publication")
    return None
