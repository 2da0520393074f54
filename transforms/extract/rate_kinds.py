"""What kind of rate the words before a percentage name (vocabulary/stated_rates.yaml): 执行率 an execution rate,
较上年下降 a decline, 占 a share."""

from __future__ import annotations

import re
from functools import cache

from transforms.normalize.text import squash
from transforms.vocabulary import entries


@cache
def _kinds() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((str(e["term"]), re.compile("|".join(e["patterns"]))) for e in entries("stated_rates", "kinds"))


def rate_kind(words: str) -> str | None:
    """The kind of rate ``words`` name (execution_rate, control_rate, share, decline, growth, other), or None."""
    return next((kind for kind, rx in _kinds() if rx.search(words)), None)


def names_execution_rate(name: str) -> bool:
    """True for a row or label naming the budget's execution rate (预算执行率, 资金执行率)."""
    return rate_kind(squash(name)) == "execution_rate"
