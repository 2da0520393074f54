"""Building the night's digests from the warehouse: new open issues per audience, with what each channel still owes."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from expectations.catalogue import format_value, load_rules

PROVINCE = "province"
_PAGE = re.compile(r"\bp(\d+)\b")

# The issues of current reports in the given statuses, with the report they are about and the waiver that holds.
_ISSUES_SQL = """
SELECT i.issue_id, i.rule_id, i.severity, i.subject, i.message_zh, i.message_en, i.stated_value, i.computed_value,
       i.difference, i.tolerance, i.evidence_text, i.source_locator, i.values_key, i.report_id,
       coalesce(r.department, i.department) AS department, r.source_file, r.media_type, r.sha256, r.fiscal_year,
       i.status, r.province, w.reason_code AS waiver, i.other_locator, i.other_evidence
FROM core_dq_issues i JOIN core_reports r ON r.report_id = i.report_id
LEFT JOIN (SELECT issue_id, arg_max(reason_code, waived_at) AS reason_code FROM dq_waivers WHERE lapsed_at IS NULL
           GROUP BY issue_id) w ON w.issue_id = i.issue_id
WHERE list_contains($statuses, i.status)
ORDER BY r.department, r.source_file, CASE i.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END,
         i.rule_id, i.subject
"""

_PLACES_SQL = Path(__file__).with_name("places.sql").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Entry:
    """One issue as a reviewer reads it: values formatted, and where it was printed."""

    issue_id: str
    rule_id: str
    severity: str
    subject: str
    message_zh: str
    message_en: str
    stated: str
    computed: str
    difference: str
    tolerance: str
    evidence_text: str
    locator: str
    values_key: str
    report_id: str
    department: str
    source_file: str
    media_type: str
    sha256: str
    fiscal_year: int | None
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    status: str = "open"
    province: str | None = None
    waiver: str | None = None  # the reason code of the waiver that holds
    other_locator: str | None = None  # a two-place issue's other place (the table cell a sentence contradicts)
    other_evidence: str | None = None

    @property
    def is_pdf(self) -> bool:
        return "pdf" in (self.media_type or "").lower() or self.source_file.lower().endswith(".pdf")


@dataclass
class Digest:
    """What one audience is told tonight; ``pending`` says which entries each channel has not yet delivered."""

    audience: str
    entries: list[Entry]
    pending: dict[str, set[str]] = field(default_factory=dict)
    intake: list[tuple[str, str, str]] = field(default_factory=list)  # (outcome, file, why): the province's only
    open_total: int = 0  # every open issue of the audience, new or not: a quiet night still says what is pending

    @property
    def department(self) -> str | None:
        return self.audience.removeprefix("unit:") if self.audience.startswith("unit:") else None

    def for_channel(self, channel: str) -> Digest:
        """The same digest narrowed to what ``channel`` still owes."""
        ids = self.pending.get(channel, set())
        return Digest(self.audience, [e for e in self.entries if e.issue_id in ids], {channel: ids}, self.intake)

    def by_report(self) -> list[tuple[Entry, list[Entry]]]:
        """Entries grouped by report, keyed by the report's first entry (for its department, file and year)."""
        groups: dict[str, list[Entry]] = {}
        for e in self.entries:
            groups.setdefault(e.report_id, []).append(e)
        return [(es[0], es) for es in groups.values()]


def unit_audience(department: str) -> str:
    """The audience name of a submitting unit."""
    return f"unit:{department}"


Place = tuple[int | None, tuple[float, float, float, float] | None]


def places_of(con: duckdb.DuckDBPyConnection, wanted: Iterable[tuple[str, str | None]]) -> dict[tuple[str, str], Place]:
    """The page and box where the fact at each (report id, locator) was printed, when the reader kept them; else
    the page a locator names; in one query however many issues a night holds."""
    import pyarrow as pa

    pairs = sorted({(r, loc) for r, loc in wanted if loc})
    found: dict[tuple[str, str], Place] = {}
    if pairs:
        cur = con.cursor()  # its own connection: a caller's unfinished result does not stand in the way
        try:
            cur.register("wanted", pa.table({"report_id": [r for r, _ in pairs], "locator": [loc for _, loc in pairs]}))
            for rid, loc, page, raw in cur.execute(_PLACES_SQL).fetchall():
                bbox = tuple(float(x) for x in json.loads(raw)) if raw else None
                found[(rid, loc)] = (int(page), bbox if bbox and len(bbox) == 4 else None)  # type: ignore[assignment]
        finally:
            cur.close()
    for pair in pairs:
        if pair not in found:
            m = _PAGE.search(pair[1])
            found[pair] = (int(m.group(1)), None) if m else (None, None)
    return found


def open_entries(con: duckdb.DuckDBPyConnection) -> list[Entry]:
    """Every open issue (waived and resolved ones never alert), formatted for reading."""
    return issue_entries(con, ("open",))


def issue_entries(con: duckdb.DuckDBPyConnection, statuses: tuple[str, ...]) -> list[Entry]:
    """Every issue in ``statuses``, formatted for reading."""
    formats = {r.id: r.value_format for r in load_rules()}
    cur = con.execute(_ISSUES_SQL, {"statuses": list(statuses)})
    names = [d[0] for d in cur.description]
    rows: list[dict[str, Any]] = [dict(zip(names, values, strict=True)) for values in cur.fetchall()]
    places = places_of(con, ((r["report_id"], r["source_locator"]) for r in rows))
    out: list[Entry] = []
    for r in rows:
        kind = formats.get(r["rule_id"], "number")
        page, bbox = places.get((r["report_id"], r["source_locator"]), (None, None))
        out.append(
            Entry(
                issue_id=r["issue_id"],
                rule_id=r["rule_id"],
                severity=r["severity"],
                subject=r["subject"] or "",
                message_zh=r["message_zh"] or "",
                message_en=r["message_en"] or "",
                stated=format_value(r["stated_value"], kind),
                computed=format_value(r["computed_value"], kind),
                difference=format_value(r["difference"], kind),
                tolerance=format_value(r["tolerance"], kind),
                evidence_text=r["evidence_text"] or "",
                locator=r["source_locator"] or "",
                values_key=r["values_key"] or "",
                report_id=r["report_id"],
                department=r["department"] or "?",
                source_file=r["source_file"] or "",
                media_type=r["media_type"] or "",
                sha256=r["sha256"] or "",
                fiscal_year=r["fiscal_year"],
                page=page,
                bbox=bbox,
                status=r["status"],
                province=r["province"],
                waiver=r["waiver"],
                other_locator=r["other_locator"],
                other_evidence=r["other_evidence"],
            )
        )
    return out


def _delivered(con: duckdb.DuckDBPyConnection, audience: str, channel: str) -> set[tuple[str, str]]:
    rows = con.execute(
        "SELECT DISTINCT issue_id, values_key FROM dq_alert_log WHERE audience = ? AND channel = ?", [audience, channel]
    ).fetchall()
    return {(r[0], r[1] or "") for r in rows}


def build_digests(
    con: duckdb.DuckDBPyConnection, channels: Callable[[str], Iterable[str]] = lambda audience: ("file",)
) -> list[Digest]:
    """The province digest (always) and one per unit with something new; new = not yet delivered with these values.

    ``channels`` names the channels that serve an audience tonight.
    """
    entries = open_entries(con)
    audiences = [PROVINCE, *sorted({unit_audience(e.department) for e in entries})]
    digests: list[Digest] = []
    for audience in audiences:
        mine = entries if audience == PROVINCE else [e for e in entries if unit_audience(e.department) == audience]
        pending: dict[str, set[str]] = {}
        for channel in channels(audience):
            done = _delivered(con, audience, channel)
            pending[channel] = {e.issue_id for e in mine if (e.issue_id, e.values_key) not in done}
        owed = set().union(*pending.values()) if pending else set()
        new = [e for e in mine if e.issue_id in owed]
        if new or audience == PROVINCE:
            digests.append(Digest(audience, new, pending, open_total=len(mine)))
    return digests


def log_delivery(con: duckdb.DuckDBPyConnection, run_id: str, digest: Digest, channel: str) -> int:
    """Record that ``channel`` delivered its pending entries of ``digest``; return how many."""
    now = datetime.now()
    keys = {e.issue_id: e.values_key for e in digest.entries}
    ids = sorted(i for i in digest.pending.get(channel, set()) if i in keys)
    if ids:
        con.executemany(
            "INSERT INTO dq_alert_log (run_id, issue_id, audience, channel, sent_at, values_key) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [[run_id, i, digest.audience, channel, now, keys[i]] for i in ids],
        )
    return len(ids)
