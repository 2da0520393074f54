"""Reading the project's YAML files (vocabulary, rules, registries) with libyaml's parser when PyYAML has it.

The rule catalogue alone is some 60 files holding their test cases; the pure-Python parser took over a second to read
it, on every night and every command that lists the rules.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path) -> Any:
    """The document in ``path`` (UTF-8), safely loaded."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
