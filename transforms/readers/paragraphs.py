"""Layout helpers shared by the readers: joining wrapped lines, headings by numbering, 分散对齐 spacing."""

from __future__ import annotations

import re

from transforms.vocabulary import alternation, terms

_SENTENCE_END = tuple("。！？；：:;!?」』”）)】>|")
_LIST_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+(?:[、．]|\.(?!\d))|[①-⑳]|"
    rf"{alternation(terms('report_titles', 'item_openers'))})"
)

_LABEL = re.compile(r"^\s*[\u4e00-\u9fff（）()]{2,12}\s*[:：]")
_TITLE = re.compile(alternation(terms("report_titles", "title_words")))
_TITLE_LINE = re.compile(
    rf"绩效.*(?:{alternation(terms('report_titles', 'title_endings'))})(?:[（(][^（）()]{{1,40}}[)）])?$"
)
_NOT_IN_TITLES = re.compile(r"[|，,。；;：:]")
_HEADING_NUM = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+部分)"
)
_NUMBER = re.compile(r"^[-+]?\d[\d,]*(?:\.\d+)?%?$")
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def is_title(line: str) -> bool:
    """True when ``line`` is a report's title: it names 绩效 after what the report is about and ends as titles end
    (…自评报告, …自评表（2023年度）), with no cell bars or sentence punctuation in it."""
    t = re.sub(r"\s+", "", line).replace("(", "（").replace(")", "）").rstrip("|")  # a caption cell's bar
    if len(t) > 80 or _NOT_IN_TITLES.search(t) or starts_item(t) or re.match(r"^[-•·*—]", t):
        return False  # a bullet or a numbered heading (四、项目绩效自评) is a menu entry or a section, not the title
    return bool(_TITLE_LINE.search(t)) and not t.startswith("绩效")  # 绩效自评报告 alone is a page's category


def continues(prev: str, nxt: str, min_len: int = 18) -> bool:
    """True when ``nxt`` is the rest of a sentence that a line break cut in two."""
    p = prev.rstrip()
    if not p or p.endswith(_SENTENCE_END) or is_title(p):
        return False
    if _LIST_START.match(nxt) or nxt.startswith(("#", "<")) or _LABEL.match(p) or _LABEL.match(nxt):
        return False
    if _TITLE.search(nxt) and len(nxt) <= 40:
        return False
    return len(p) >= min_len


def starts_item(text: str) -> bool:
    """True for a line that opens a list item or a numbered section (一、 （二） 3. ①)."""
    return bool(_LIST_START.match(text))


def heading_level(text: str) -> int:
    """1 for ``一、…``, 2 for ``（一）…`` and ``第一部分``-style short lines; 0 for anything else."""
    if len(text) > 40 or text.endswith("。") or not _HEADING_NUM.match(text):
        return 0
    return 1 if re.match(r"^\s*[一二三四五六七八九十]+、", text) else 2


def is_number(text: str) -> bool:
    """True for a bare figure such as ``1,218.39``, ``-3`` or ``97.63%``."""
    return bool(_NUMBER.match(text.strip()))


def fold_spaced(text: str) -> str:
    """Undo 分散对齐 in short lines: ``基 本 情 况`` -> ``基本情况``, ``附 件 1`` -> ``附件1``.

    Only lines made of one- to three-character Chinese pieces are folded, so ``单位 名称`` stays as it is.
    """
    tokens = text.split()
    if len(tokens) < 2 or len("".join(tokens)) > 20 or any(len(t) > 3 for t in tokens):
        return text
    singles = sum(1 for t in tokens if len(t) == 1)
    if singles * 10 < len(tokens) * 6 or not _CJK.search(text):
        return text
    return "".join(tokens)


def join_cell_lines(lines: list[str]) -> str:
    """Join the wrapped lines of a table cell; keep a line break before a list item or after a sentence end."""
    out = ""
    for ln in lines:
        if not out:
            out = ln
        elif out.endswith(_SENTENCE_END) or starts_item(ln):
            out += "\n" + ln
        elif out[-1].isascii() and out[-1].isalpha() and ln[0].isascii() and ln[0].isalpha():
            out += " " + ln
        else:
            out += ln
    return out
