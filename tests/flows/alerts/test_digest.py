"""Who is told what: new open issues only, per audience and channel; waived never; changed values again."""

from __future__ import annotations

from pathlib import Path

from flows.alerts.digest import PROVINCE, Digest, build_digests, log_delivery, places_of
from tests.expectations.helpers import C, add_report, add_rows, warehouse
from tests.flows.alerts.support import night, resubmit, two_unit_warehouse, violation
from warehouse.review import list_issues, waive


def _by_audience(digests: list[Digest]) -> dict[str, list[str]]:
    return {d.audience: [e.department for e in d.entries] for d in digests}


def test_province_and_each_unit_get_new_issues_once(tmp_path: Path) -> None:
    con = two_unit_warehouse(tmp_path / "w.duckdb")
    digests = build_digests(con)
    assert _by_audience(digests) == {
        PROVINCE: ["乙县医疗保障局", "甲县医疗保障局"],
        "unit:乙县医疗保障局": ["乙县医疗保障局"],
        "unit:甲县医疗保障局": ["甲县医疗保障局"],
    }
    assert sum(log_delivery(con, "n1", d, "file") for d in digests) == 4
    night(con, "n2", [violation("ra"), violation("rb", "0.95", "0.90")])
    assert _by_audience(build_digests(con)) == {PROVINCE: []}


def test_changed_values_alert_again(tmp_path: Path) -> None:
    con = two_unit_warehouse(tmp_path / "w.duckdb")
    for d in build_digests(con):
        log_delivery(con, "n1", d, "file")
    resubmit(con, "rb", "rb2")
    night(con, "n2", [violation("ra"), violation("rb2", "0.96", "0.90")])
    digests = build_digests(con)
    assert _by_audience(digests) == {PROVINCE: ["乙县医疗保障局"], "unit:乙县医疗保障局": ["乙县医疗保障局"]}
    assert digests[0].entries[0].stated == "96.00%"


def test_waived_issue_is_listed_but_never_alerted(tmp_path: Path) -> None:
    con = two_unit_warehouse(tmp_path / "w.duckdb")
    ra = con.execute("SELECT issue_id FROM core_dq_issues WHERE report_id = 'ra'").fetchone()[0]  # type: ignore[index]
    waive(con, ra, "accepted_by_reviewer", "已核实", by="t")
    night(con, "n2", [violation("ra"), violation("rb", "0.95", "0.90")])
    assert _by_audience(build_digests(con)) == {PROVINCE: ["乙县医疗保障局"], "unit:乙县医疗保障局": ["乙县医疗保障局"]}
    listed = {r["issue_id"]: r["status"] for r in list_issues(con, "all")}
    assert listed[ra] == "waived" and len(listed) == 2


def test_lapsed_waiver_alerts_again(tmp_path: Path) -> None:
    con = two_unit_warehouse(tmp_path / "w.duckdb")
    ra = con.execute("SELECT issue_id FROM core_dq_issues WHERE report_id = 'ra'").fetchone()[0]  # type: ignore[index]
    for d in build_digests(con):
        log_delivery(con, "n1", d, "file")
    waive(con, ra, "known_rounding", "末位", by="t")
    resubmit(con, "ra", "ra2")
    night(con, "n2", [violation("ra2", stated="1.02"), violation("rb", "0.95", "0.90")])
    province = build_digests(con)[0]
    assert [e.issue_id for e in province.entries] == [ra] and province.entries[0].stated == "102.00%"


def test_each_channel_keeps_its_own_record(tmp_path: Path) -> None:
    con = two_unit_warehouse(tmp_path / "w.duckdb")
    first = build_digests(con, lambda audience: ("file", "smtp"))[0]
    log_delivery(con, "n1", first, "file")  # the e-mail failed: only the files were delivered
    again = build_digests(con, lambda audience: ("file", "smtp"))[0]
    assert len(again.entries) == 2 and again.pending["file"] == set() and len(again.pending["smtp"]) == 2
    assert again.for_channel("file").entries == []


def test_places_come_from_the_fact_rows_in_one_query(tmp_path: Path) -> None:
    con = warehouse(tmp_path / "w.duckdb")
    add_report(con, "r1")
    add_rows(
        con,
        (
            C("execution_rate", "0.98", 2, locator="r.pdf p3 t1 r2c4", page=3, bbox="[10.0, 20.0, 30.0, 40.0]"),
            C("execution_rate", "0.97", 2, locator="r.pdf p4", page=4),  # a page kept, no box
        ),
    )
    got = places_of(con, [("r1", "r.pdf p3 t1 r2c4"), ("r1", "r.pdf p4"), ("r1", "r.pdf p7 L3"), ("r1", None)])
    assert got == {
        ("r1", "r.pdf p3 t1 r2c4"): (3, (10.0, 20.0, 30.0, 40.0)),
        ("r1", "r.pdf p4"): (4, None),
        ("r1", "r.pdf p7 L3"): (7, None),  # no fact row: the page the locator names
    }
    assert places_of(con, []) == {}
