"""Warnings as codes: the registry (notices.yaml) and the one way to write and read a warning."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from transforms.yamlfile import load_yaml

REGISTRY = Path(__file__).with_name("notices.yaml")


class UnknownNotice(KeyError):
    """A warning code that notices.yaml does not define."""


@cache
def codes() -> dict[str, tuple[str, str]]:
    """code -> (中文, English), from notices.yaml."""
    raw = load_yaml(REGISTRY)
    return {str(k): (str(v[0]), str(v[1])) for k, v in raw.items()}


@dataclass(frozen=True)
class Notice:
    """One warning: a registered code and what it is about."""

    code: str
    detail: str


def notice(code: str, detail: str = "") -> str:
    """A warning string for a registered code ("code: detail"); an unregistered code is a programming error."""
    if code not in codes():
        raise UnknownNotice(code)
    return f"{code}: {detail}" if detail else code


def parse(warning: str) -> Notice:
    """The code and detail of a warning string; a string without a registered code is an error."""
    code, _, detail = warning.partition(":")
    code = code.strip()
    if code not in codes():
        raise UnknownNotice(f"{code!r} in {warning!r}")
    return Notice(code, detail.strip())
