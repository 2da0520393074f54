"""Report text made safe for where it lands. Unit names, file names and quotes come from submitted files, so
none may open a tag, a Markdown link, a new mail header or a path: each destination has its function here."""

from __future__ import annotations

import re
from html import escape

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")  # newlines and other controls: a header or a line break
_MARKDOWN = re.compile(r"([\\`*_\[\]])")  # emphasis, code and links; raw HTML is escaped as entities
_PATH_UNSAFE = re.compile(r"[/\\:*?\"<>|\x00-\x1f\x7f]|\.\.")


def one_line(text: object) -> str:
    """The text on one line: controls and line breaks become single spaces."""
    return _CONTROL.sub(" ", str(text)).strip()


def html_text(text: object) -> str:
    """Text for HTML content or a quoted attribute."""
    return escape(one_line(text), quote=True)


def markdown_text(text: object) -> str:
    """Text for a Markdown line: no raw HTML (< > & escaped) and no Markdown markup (emphasis, links, headings)."""
    t = one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN.sub(r"\\\1", t)


def markdown_code(text: object) -> str:
    """Text for a Markdown code span: a span fenced by more backticks than the text holds."""
    t = one_line(text)
    fence = "`" * (max((len(m) for m in re.findall(r"`+", t)), default=0) + 1)
    pad = " " if t.startswith("`") or t.endswith("`") else ""
    return f"{fence}{pad}{t}{pad}{fence}"


def header_text(text: object, limit: int = 200) -> str:
    """A mail header value: one line, no header injection, cut to ``limit`` characters."""
    return one_line(text)[:limit]


def file_part(text: object, limit: int = 80) -> str:
    """A piece of a file name: no separators, no parent steps, no controls; never empty."""
    return _PATH_UNSAFE.sub("_", one_line(text)).strip(" .")[:limit] or "_"
