"""Words and text lines from a PDF page's characters, as pdfplumber builds them, without its generic machinery.

pdfplumber (x and y tolerance 3, no layout) clusters characters into lines by their top, breaks words at spaces
and gaps, clusters the words into lines again, and joins them with a space. Its word and text-map classes cost more
than reading the page itself (about 1.7 of 3.8 s over the 399 pages of ../shared/realpdf); the same steps written
for upright text come out the same (tests/transforms/readers/test_pdf_text.py compares both on every real page and
table cell). Rotated text, rare in these reports, still goes through pdfplumber.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from typing import Any

TOLERANCE = 3.0  # pdfplumber's default x and y tolerance, in points

Char = dict[str, Any]


@dataclass(frozen=True, slots=True)
class TextLine:
    text: str
    chars: list[Char]
    x0: float
    top: float
    x1: float
    bottom: float


def text_lines(chars: list[Char]) -> list[TextLine]:
    """pdfplumber's ``extract_text_lines`` of a page's ``chars``: the words clustered into lines in their order."""
    if not chars:
        return []
    if not all(c["upright"] for c in chars):
        return _pdfplumber_lines(chars)
    out: list[TextLine] = []
    for line in _lines(chars, keep_order=True):
        line_chars = [c for w in line for c in w]
        out.append(
            TextLine(
                _text(line),
                line_chars,
                min(c["x0"] for c in line_chars),
                min(c["top"] for c in line_chars),
                max(c["x1"] for c in line_chars),
                max(c["bottom"] for c in line_chars),
            )
        )
    return out


def cell_text(chars: list[Char]) -> str:
    """pdfplumber's ``extract_text`` of a table cell's ``chars``: the words sorted into lines, lines joined by
    newlines."""
    if not chars:
        return ""
    if not all(c["upright"] for c in chars):
        from pdfplumber.utils.text import extract_text

        return extract_text(chars)
    return "\n".join(_text(line) for line in _lines(chars, keep_order=False))


def _lines(chars: list[Char], keep_order: bool) -> list[list[list[Char]]]:
    """Words clustered into lines by their top: in the words' order, a line ending where the cluster changes, when
    ``keep_order`` (a page's text map); sorted into clusters, each keeping its words' order, when not (a cell)."""
    words = _words(chars)
    if len(words) == 1:
        return [words]
    word_tops = [min(c["top"] for c in w) for w in words]
    ids = _cluster_ids(word_tops)
    keyed = [(ids[top], w) for top, w in zip(word_tops, words, strict=True)]
    if not keep_order:
        keyed.sort(key=lambda kw: kw[0])  # stable: words keep their order within a line
    return [[w for _, w in group] for _, group in groupby(keyed, key=lambda kw: kw[0])]


def _text(line: list[list[Char]]) -> str:
    from pdfplumber.utils.text import LIGATURES  # imported where used, as the other readers import pdfplumber

    return " ".join("".join(LIGATURES.get(c["text"], c["text"]) for c in w) for w in line)


def _cluster_ids(values: Any) -> dict[float, int]:
    """pdfplumber's ``cluster_list``: sorted values chained into one cluster while each is within the tolerance of
    the one before."""
    ids: dict[float, int] = {}
    last: float | None = None
    k = -1
    for v in sorted(set(values)):
        if last is None or v > last + TOLERANCE:
            k += 1
        ids[v] = k
        last = v
    return ids


def _words(chars: list[Char]) -> list[list[Char]]:
    """Characters clustered into lines by top, each line read left to right and broken into words at a space, at a
    gap wider than the tolerance, at a step back, or at a character off the word's line."""
    ids = _cluster_ids(c["top"] for c in chars)
    by_line = sorted(chars, key=lambda c: ids[c["top"]])
    words: list[list[Char]] = []
    for _, line in groupby(by_line, key=lambda c: ids[c["top"]]):
        word: list[Char] = []
        for c in sorted(line, key=lambda c: c["x0"]):
            if c["text"].isspace():
                if word:
                    words.append(word)
                word = []
                continue
            if word:
                prev = word[-1]
                if c["x0"] < prev["x0"] or c["x0"] > prev["x1"] + TOLERANCE or abs(c["top"] - prev["top"]) > TOLERANCE:
                    words.append(word)
                    word = []
            word.append(c)
        if word:
            words.append(word)
    return words


def _pdfplumber_lines(chars: list[Char]) -> list[TextLine]:
    from pdfplumber.utils.text import chars_to_textmap

    textmap = chars_to_textmap(chars, layout=False)
    return [
        TextLine(ln["text"], ln["chars"], ln["x0"], ln["top"], ln["x1"], ln["bottom"])
        for ln in textmap.extract_text_lines(strip=True, return_chars=True)
    ]
