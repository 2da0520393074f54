"""The rule catalogue: every ``rules/<id>.sql`` with its ``rules/<id>.yaml`` metadata."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from transforms.yamlfile import load_yaml

SUBJECT_WORDS = Path(__file__).parent / "subject_words.yaml"
RULES_DIR = Path(__file__).parent / "rules"
SEVERITIES = ("error", "warning", "info")
FAMILIES = ("extraction", "rates", "sums", "balances", "scores", "targets", "consistency", "completeness")


@dataclass(frozen=True)
class Rule:
    """A data-quality rule: a query returning the violating rows, and what to tell the reviewer."""

    id: str
    family: str
    severity: str
    description: str
    message_zh: str
    message_en: str
    sql: str
    applies_to: str  # SQL returning the report_ids the rule can judge
    value_format: str = "percent"  # percent | yuan | number | text

    def render(self, row: dict[str, object]) -> tuple[str, str]:
        """Messages in Chinese and English with the row's values filled in."""
        values = {
            k: format_value(row.get(k), self.value_format)
            for k in ("stated_value", "computed_value", "difference", "tolerance")
        }
        fill = {
            "stated": values["stated_value"],
            "computed": values["computed_value"],
            "difference": values["difference"],
            "tolerance": values["tolerance"],
        }
        zh, en = subject_label(str(row.get("subject") or ""))
        return self.message_zh.format(**fill, subject=zh), self.message_en.format(**fill, subject=en)


@cache
def _subject_words() -> dict[str, tuple[str, str]]:
    raw = load_yaml(SUBJECT_WORDS)
    return {k: (v[0], v[1]) for k, v in raw.items()}


def subject_label(subject: str) -> tuple[str, str]:
    """A subject key (execution_rate|total|2) in words: (执行率 · 部门合计 · 第 2 处, execution rate · ... · #2)."""
    words = _subject_words()
    zh: list[str] = []
    en: list[str] = []
    for part in subject.split("|"):
        part = part.strip()
        if not part:
            continue
        if part.isdigit():
            zh.append(f"第 {part} 处")
            en.append(f"#{part}")
            continue
        pieces = [words.get(p, (p, p)) for p in part.split("/")]
        zh.append("/".join(p[0] for p in pieces))
        en.append("/".join(p[1] for p in pieces))
    return " · ".join(zh), " · ".join(en)


def format_value(v: object, kind: str) -> str:
    """A value as a reviewer reads it: rates as percentages, money in 万元."""
    if v is None:
        return "—"
    try:
        x = float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(v)
    if kind == "percent":
        return f"{x * 100:.2f}%"
    if kind == "yuan":
        return f"{x / 10000:,.2f} 万元"
    return f"{x:g}"


def load_rules(rules_dir: Path = RULES_DIR) -> list[Rule]:
    """Every rule in the catalogue, extraction checks first, then by family and id; raises ValueError on a bad entry."""
    rules: list[Rule] = []
    for meta_path in sorted(rules_dir.glob("*.yaml")):
        meta = load_yaml(meta_path)
        sql_path = meta_path.with_suffix(".sql")
        if meta.get("id") != meta_path.stem:
            raise ValueError(f"{meta_path.name}: id {meta.get('id')!r} differs from the file name")
        if not sql_path.exists():
            raise ValueError(f"{meta_path.name}: no {sql_path.name} beside it")
        if meta.get("severity") not in SEVERITIES or meta.get("family") not in FAMILIES:
            raise ValueError(f"{meta_path.name}: bad severity or family")
        rules.append(
            Rule(
                id=meta["id"],
                family=meta["family"],
                severity=meta["severity"],
                description=meta["description"],
                message_zh=meta["message_zh"],
                message_en=meta["message_en"],
                sql=sql_path.read_text(encoding="utf-8"),
                applies_to=meta["applies_to"],
                value_format=meta.get("value_format", "percent"),
            )
        )
    # extraction sanity checks run (and are listed) before business rules, so a bad reading is seen first
    return sorted(rules, key=lambda r: (FAMILIES.index(r.family), r.id))


def catalogue_fingerprint(rules_dir: Path = RULES_DIR) -> str:
    """A hash of every rule's query and metadata and of the shared macros: when it changes, every report is judged
    again; while it holds, a night judges only the reports it loaded."""
    import hashlib

    from expectations.macros import macro_files

    h = hashlib.sha256()
    for path in sorted([*rules_dir.glob("*.sql"), *rules_dir.glob("*.yaml")]) + macro_files():
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]
