"""No code under transforms/ keeps a word list of its own: the words are in transforms/vocabulary/*.yaml.

A private list is what makes a fix in one place miss the others (money units were once spelled six ways). The
check reads every module's syntax tree: a list, tuple, set or dict of three or more Chinese strings, or a regular
expression alternating three or more Chinese words (``部门|单位|机关``), is a list of its own. Single characters
in a pattern (为|是) are grammar, not vocabulary, and docstrings are prose.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
_CJK = re.compile(r"[\u4e00-\u9fff]")
_ALTERNATION = re.compile(r"(?<![\u4e00-\u9fff（）])[\u4e00-\u9fff（）]{2,}(?:\|[\u4e00-\u9fff（）]{2,}){2,}")


def _docstrings(tree: ast.AST) -> set[int]:
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def _chinese(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and bool(_CJK.search(node.value))


def private_lists(source: str) -> list[str]:
    """Where a module's source keeps words of its own: ``line: what``."""
    tree = ast.parse(source)
    docs = _docstrings(tree)
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.List | ast.Tuple | ast.Set) and sum(map(_chinese, node.elts)) >= 3:
            found.append(f"{node.lineno}: a list of words")
        elif isinstance(node, ast.Dict) and sum(map(_chinese, node.keys)) >= 3:
            found.append(f"{node.lineno}: a table of words")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docs
            and (m := _ALTERNATION.search(node.value))
        ):
            found.append(f"{node.lineno}: a pattern of words {m.group(0)[:40]}")
    return found


def test_no_module_under_transforms_keeps_its_own_word_list() -> None:
    offenders = {}
    for path in sorted((ROOT / "transforms").rglob("*.py")):
        if "vocabulary" in path.relative_to(ROOT).parts:
            continue
        if found := private_lists(path.read_text(encoding="utf-8")):
            offenders[str(path.relative_to(ROOT))] = found
    assert not offenders, offenders


def test_the_check_finds_a_list_a_table_and_a_pattern() -> None:
    """The check itself fails on each kind of private list, and passes grammar and docstrings."""
    assert private_lists('UNITS = ("万元", "亿元", "千元")\n')
    assert private_lists('LEVELS = {"一": 1, "二": 2, "三": 3}\n')
    assert private_lists('import re\nKIND = re.compile(r"部门|单位|机关整体支出")\n')
    assert not private_lists('import re\nSAID = re.compile(r"(?:为|是|[:：])\\s*(\\d+)分")\n')
    assert not private_lists('def f():\n    """部门|单位|机关 in prose."""\n')
