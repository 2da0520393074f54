"""The reporting unit's name: from a labelled field, the title, a signature line, the publishing page or the
supervisor's label, in that order of trust. Every label and ending is in vocabulary/organisations.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from transforms.document import Block, Locator
from transforms.extract.report_kind import opens_with_kind
from transforms.normalize.text import fold_chars
from transforms.vocabulary import alternation, terms

_NAME_CHARS = r"[\u4e00-\u9fff（）()·]"
# a lone line names a unit only near the top (under the title) or the end (the signature)
_TOP_BLOCKS, _END_BLOCKS = 12, 10
_EDGES = re.compile(r"^[•·|\-—*]+|[•·|\-—*]+$")  # bullets and bars around a name on a page or in a table
_CODE = r"(?:\d{3,9}\s*[-—－]|[\[【]\d{1,9}[\]】])"  # 219001-, [155]: a code before the name (organisations.yaml)
_TRAILING_DATE = re.compile(r"\s*(?:20\d{2}|二[〇零]\S{2})[\d〇零一二三四五六七八九十年月日.\-/\s]*$")


@dataclass(frozen=True)
class UnitFound:
    name: str
    locator: Locator
    raw: str
    source: str  # label | title | signature | page | supervisor


@dataclass(frozen=True)
class _Patterns:
    labelled: re.Pattern[str]
    supervisor: re.Pattern[str]
    page: re.Pattern[str]
    label_cell: re.Pattern[str]
    next_label: re.Pattern[str]
    ending: re.Pattern[str]
    stamp: re.Pattern[str]
    name_line: re.Pattern[str]
    year: str
    department_words: str


def _labelled(labels: tuple[str, ...]) -> re.Pattern[str]:
    # a label opens the line or follows a separator, so 部门 does not match inside 主管部门; a stamp note may stand
    # before the colon or the bar that ends a label's cell (部门 | 金寨县…中心 |). A label of four characters or more
    # may go without either (项目实施单位湖北工程学院): a shorter one is then a word of a sentence (部门响应政府号召).
    stamp = f"(?:{_stamps()})?"
    long = alternation(x for x in labels if len(x) >= 4)
    label = rf"(?:(?:{alternation(labels)})\s*{stamp}\s*[:：|]|(?:{long})\s*{stamp}\s*\|?)"
    return re.compile(rf"(?:^|[\s|，,；;•·【\[]){label}\s*{stamp}\s*{_CODE}?\s*({_NAME_CHARS}{{2,60}})")


def _stamps() -> str:
    return alternation(terms("organisations", "stamp_notes"))


@cache
def _patterns() -> _Patterns:
    labels = terms("organisations", "labels")
    all_labels = labels + terms("organisations", "supervisor_labels")
    return _Patterns(
        labelled=_labelled(labels),
        supervisor=_labelled(terms("organisations", "supervisor_labels")),
        page=_labelled(terms("organisations", "page_labels")),
        label_cell=re.compile(rf"^(?:{alternation(all_labels)})\s*[:：]?$"),
        next_label=re.compile(alternation(all_labels + terms("organisations", "page_labels"))),
        ending=re.compile(rf"(?:{alternation(terms('organisations', 'endings'))})$"),
        stamp=re.compile(rf"(?:{_stamps()})$"),
        name_line=re.compile(rf"^{_NAME_CHARS}{{4,40}}$"),
        year=r"20\d{2}\s*年度?",
        department_words=alternation(terms("report_titles", "department")),
    )


def as_unit(text: str) -> str | None:
    """``text`` as a unit's name: stamp notes, spaces and bullets removed, ending in one of the endings units have."""
    p = _patterns()
    name = _EDGES.sub("", _brackets(re.sub(r"\s+", "", fold_chars(text))))
    name = p.stamp.sub("", name)
    if len(name) < 3 or not p.ending.search(name):
        return None
    return name


def unit_prefix(text: str) -> str | None:
    """The longest start of ``text`` that is a unit's name (芜湖市文化和旅游局 of 芜湖市文化和旅游局阅读次数)."""
    t = _EDGES.sub("", _brackets(re.sub(r"\s+", "", fold_chars(text))))
    return next((name for end in range(len(t), 2, -1) if (name := as_unit(t[:end]))), None)


def unit_in_line(line: str, source: str = "label") -> str | None:
    """The unit a line labelled as ``source`` (label | supervisor | page) names: 部门名称：大埔县医疗保障局（公章）."""
    p = _patterns()
    pattern = {"label": p.labelled, "supervisor": p.supervisor, "page": p.page}[source]
    # labels run together with what precedes them (主管部门X局实施单位X局, 08:44信息来源:) start a field of their own
    text = p.next_label.sub(lambda x: " " + x.group(0), _brackets(fold_chars(line)).replace("\t", " "))
    m = pattern.search(text)
    if not m:
        return None
    # a value runs on into the next label (中江县水利局实施单位…) or a page's next field (…旅游局阅读次数)
    value = p.next_label.split(m.group(1))[0]
    name = unit_prefix(value)
    return None if name is None or p.label_cell.match(name) else name


def _brackets(text: str) -> str:
    """Half-width brackets as the vocabulary prints them: 部门(单位)全称 is 部门（单位）全称."""
    return text.replace("(", "（").replace(")", "）")


def unit_in_title(title: str) -> str | None:
    """The unit a title names: before 关于 or the year, or between the year and 整体支出."""
    p = _patterns()
    t = re.sub(r"\s+", "", fold_chars(title)).removeprefix("关于")
    for shape in terms("report_titles", "unit_shapes"):
        rx = (
            re.escape(shape)
            .replace(r"\{unit\}", rf"(?P<unit>{_NAME_CHARS}{{3,40}}?)")
            .replace(r"\{year\}", p.year)
            .replace(r"\{department\}", rf"(?:部门|单位)?(?:{p.department_words})")
        )
        m = re.match(rx, t)
        if m and (name := as_unit(m.group("unit"))):
            return name
    # the subject between unit and year (随州市司法局专项事业费（项目）2017年度…): the longest start that is a unit.
    # With no year (耒阳市第四中学专项资金绩效自评价报告) what follows the unit must name the kind of report: a
    # project's name can end like a unit (…垃圾转运站提升改造项目绩效自评报告)
    parts = re.split(rf"{p.year}|关于", t)
    head = parts[0]
    name = unit_prefix(head)
    if not name or name == head or "绩效" not in t[len(name) :]:
        return None
    return name if len(parts) > 1 or opens_with_kind(t[len(name) :]) else None


def find_unit(blocks: list[Block], title: Block | None) -> UnitFound | None:
    """The reporting unit, by order of trust: a label, the title, a signature line, the page, the supervisor."""
    titled = None
    if title is not None and (name := unit_in_title(title.text)):
        titled = UnitFound(name, title.locator, title.text.strip()[:200], "title")
    signed = _signatures(blocks)
    labelled = _first_labelled(blocks, "label")
    if labelled:
        # a label may print the short form (浮梁县医保局) of the name a title or signature spells out
        return next((u for u in (titled, *signed) if u and _abbreviates(labelled.name, u.name)), labelled)
    signature = signed[0] if signed else None
    return titled or signature or _first_labelled(blocks, "page") or _first_labelled(blocks, "supervisor")


def _signatures(blocks: list[Block]) -> list[UnitFound]:
    """Lines that are a unit's name alone: the signature at the end first, then names under the title."""
    p = _patterns()
    prose = [b for b in blocks if b.kind != "table"]
    out: list[UnitFound] = []
    for b in prose[-_END_BLOCKS:][::-1] + prose[:_TOP_BLOCKS]:
        line = _TRAILING_DATE.sub("", b.text.strip())
        if "\n" not in line and p.name_line.match(re.sub(r"\s+", "", line)) and (name := as_unit(line)):
            out.append(UnitFound(name, b.locator, line[:200], "signature"))
    return out


def _abbreviates(short: str, full: str) -> bool:
    """True when ``short`` is ``full`` with characters left out (医保局 for 医疗保障局), same start and end."""
    if len(short) >= len(full) or short[:2] != full[:2] or short[-1] != full[-1]:
        return False
    rest = iter(full)
    return all(c in rest for c in short)


def _first_labelled(blocks: list[Block], source: str) -> UnitFound | None:
    for b in blocks:
        if b.table is not None:
            for row in b.table.grid():
                cells = [c.strip() for c in row if c.strip()]
                for label, value in pairwise(cells):
                    if _patterns().label_cell.match(label) and (name := unit_in_line(f"{label}：{value}", source)):
                        return UnitFound(name, b.locator, f"{label} | {value}", source)
        for line in b.text.split("\n"):
            if name := unit_in_line(line, source):
                return UnitFound(name, b.locator, line.strip()[:200], source)
    return None
