"""Reports written in traditional characters (繁體), read as simplified so labels and names match the vocabulary.

The conversion is opencc's t2s, applied to every block and cell only when enough of the text changes under it to
be traditional writing (a simplified report with one variant character is left alone); a warning records it, and
the locators still point at the lines and cells of the original.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from opencc_purepy import OpenCC

from transforms.document import Block, Document, Table
from transforms.notices import notice

_MIN_SHARE = 0.03  # of CJK characters that t2s changes; simplified reports measure 0, traditional ones 30–40%


@cache
def _t2s() -> OpenCC:
    return OpenCC("t2s")


def traditional_share(text: str) -> float:
    """The share of CJK characters that change when converted to simplified."""
    cjk = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
    if not cjk:
        return 0.0
    converted = _t2s().convert("".join(cjk))
    return sum(a != b for a, b in zip(cjk, converted, strict=False)) / len(cjk)


def as_simplified(doc: Document) -> Document:
    """The document in simplified characters when it is written in traditional ones; otherwise unchanged."""
    share = traditional_share(doc.text()[:20000])
    if share < _MIN_SHARE:
        return doc
    cc = _t2s()
    blocks = tuple(_block(b, cc) for b in doc.blocks)
    return replace(
        doc,
        blocks=blocks,
        warnings=(*doc.warnings, notice("traditional_script", f"{share:.0%} of characters converted")),
    )


def _block(b: Block, cc: OpenCC) -> Block:
    table = None
    if b.table is not None:
        rows = tuple(tuple(replace(c, text=cc.convert(c.text)) for c in r) for r in b.table.rows)
        table = Table(rows, b.table.locator, b.table.continued, b.table.header_rows)
    return replace(b, text=cc.convert(b.text), table=table)
