"""Text folding: full-width ASCII, compatibility ideographs, HTML and LaTeX fragments reduced to their text."""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
# Chinese punctuation stays as printed (extractors match both forms); only digits, letters and the
# symbols that carry numeric meaning are folded.
_KEEP_FULLWIDTH = set("（），：；！？【】｛｝")
_FOLD_TABLE = {cp: to for cp, to in _FULLWIDTH.items() if chr(cp) not in _KEEP_FULLWIDTH}
_FOLD_TABLE[0x3000] = 0x20  # ideographic space
_COMPAT = re.compile(r"[\u2e80-\u2fdf\uf900-\ufaff]")

_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)[^>]*>")
_LATEX_TEXT = re.compile(r"\\(?:text|mathrm|textbf|mbox)\s*\{([^{}]*)\}")
_LATEX_CMDS = {
    r"\times": "×",
    r"\cdot": "·",
    r"\div": "÷",
    r"\%": "%",
    r"\geq": "≥",
    r"\ge": "≥",
    r"\leq": "≤",
    r"\le": "≤",
    r"\,": " ",
    r"\;": " ",
    r"\quad": " ",
    r"\left": "",
    r"\right": "",
}
_SPACE = re.compile(r"\s+")
_LATEX_SPAN = re.compile(r"\$\$?([^$]+)\$\$?")


@lru_cache(maxsize=1 << 16)  # extractors fold the same cell and sentence texts many times over
def fold_chars(text: str) -> str:
    """Fold full-width digits, letters and %+-.= to ASCII and compatibility ideographs to unified ones."""
    text = text.translate(_FOLD_TABLE)
    return _COMPAT.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)


def strip_html(text: str) -> str:
    """Reduce ``<p style=...>`` and similar fragments to their text; block tags become spaces."""
    if "<" not in text:
        return text
    text = _TAG.sub(" ", text)
    return html.unescape(text)


def strip_latex(text: str) -> str:
    """Reduce ``$33.58 \\text{ 万元} / ...$`` fragments to plain text."""
    if "$" not in text and "\\" not in text:
        return text

    def inner(m: re.Match[str]) -> str:
        body = m.group(1)
        for _ in range(3):
            body = _LATEX_TEXT.sub(lambda t: t.group(1), body)
        for cmd, rep in _LATEX_CMDS.items():
            body = body.replace(cmd, rep)
        return re.sub(r"\s+", " ", body).strip()

    return _LATEX_SPAN.sub(inner, text)


def clean_inline(text: str) -> str:
    """Everything a line needs before extraction: HTML, LaTeX, markdown emphasis, character folding."""
    text = strip_latex(strip_html(text))
    text = text.replace("**", "").replace("__", "")
    return fold_chars(text)


@lru_cache(maxsize=1 << 16)
def squash(text: str) -> str:
    """Remove all whitespace: for comparing texts read from different formats."""
    return _SPACE.sub("", text)
