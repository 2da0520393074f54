"""Place a run of cells in the columns a header names, when the conversion kept the cells but lost the grid.

A dynamic programme over the cells in reading order: each cell goes in a column whose kind its value fits
(columns.fit), columns rise within a row, and a row may start again at any column, since merged cells (一级指标,
二级指标) are printed once and an empty cell (偏差原因) not at all. Leaving a column empty costs what it is likely
to be empty (a merged level name little, a figure much), so the cheapest reading is the one a person would take.
"""

from __future__ import annotations

from dataclasses import dataclass

from transforms.readers.columns import fit, value_shape

_SKIP = {
    "level1": 0.2,
    "level2": 0.2,
    "seq": 0.6,
    "note": 0.0,
    "text": 2.0,
    "measure": 1.5,
    "number": 1.5,
    "amount": 1.5,
    "rate": 1.0,
}
_NEW_ROW = 0.5  # the cost of a row break where the layout gives no sign of one
_UNMARKED_BREAK = 6.0  # the cost of a row break between blank-line-separated groups' cells


@dataclass(frozen=True)
class Token:
    """One cell's text, its line number, and whether a blank line came before it."""

    text: str
    line: int
    after_blank: bool = False


def assign(tokens: list[Token], kinds: list[str], breaks: str) -> list[list[tuple[int, Token]]] | None:
    """Rows of (column, token); None when some cell fits no column.

    ``breaks``: ``none`` (the tokens are one row), ``free`` (a row may end anywhere) or ``blank`` (rows end at a
    blank line; a break elsewhere is possible but dear).
    """
    n = len(kinds)
    if not tokens or not n:
        return None
    fits = [[fit(value_shape(t.text), k) for k in kinds] for t in tokens]
    skip = [_SKIP.get(k, 1.0) for k in kinds]
    lead = [sum(skip[:c]) for c in range(n + 1)]  # cost of leaving columns 0..c-1 empty

    def gap(a: int, b: int) -> float:  # columns a..b-1 left empty
        return lead[b] - lead[a] if b > a else 0.0

    neg = float("-inf")
    best = [[neg] * n for _ in tokens]
    back: list[list[tuple[int, bool]]] = [[(-1, False)] * n for _ in tokens]
    for c in range(n):
        if fits[0][c] is not None:
            best[0][c] = fits[0][c] - gap(0, c)  # type: ignore[operator]
    for k in range(1, len(tokens)):
        forced = breaks == "blank" and tokens[k].after_blank
        for c in range(n):
            f = fits[k][c]
            if f is None:
                continue
            for c0 in range(n):
                prev = best[k - 1][c0]
                if prev == neg:
                    continue
                if c > c0 and not forced:
                    score, brk = prev + f - gap(c0 + 1, c), False
                    if score > best[k][c]:
                        best[k][c], back[k][c] = score, (c0, brk)
                if breaks == "none" or (breaks == "blank" and not forced and c > c0):
                    continue
                cost = _NEW_ROW if breaks == "free" or forced else _UNMARKED_BREAK
                score = prev + f - gap(c0 + 1, n) - gap(0, c) - cost
                if score > best[k][c]:
                    best[k][c], back[k][c] = score, (c0, True)
    last = max(range(n), key=lambda c: best[-1][c] - gap(c + 1, n) if best[-1][c] != neg else neg)
    if best[-1][last] == neg:
        return None
    rows: list[list[tuple[int, Token]]] = [[]]
    c = last
    for k in range(len(tokens) - 1, -1, -1):
        rows[-1].insert(0, (c, tokens[k]))
        c0, brk = back[k][c]
        if brk:
            rows.append([])
        c = c0
    rows.reverse()
    return rows
