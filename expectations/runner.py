"""Running the catalogue through Great Expectations against the warehouse file, and recording results.

GX 1.x cannot read DuckDB through its SQL datasource as shipped (its query result is lost on the ROLLBACK
when the connection closes); giving GX a persisted connection for the duckdb dialect fixes it (measured in
shared/notes/stack-prefect-gx-duckdb.md). Each rule is an ``UnexpectedRowsExpectation`` whose query returns
the violating rows, with ``{batch}`` bound to the reports tonight judges (every current one, or only
the night's new versions while the rules are unchanged). GX is imported here only (some 3 s), in the
background while a night reads its files (``preload``).
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from expectations.catalogue import Rule, load_rules


@dataclass
class RuleOutcome:
    """One rule's result: the violating rows GX returned and the reports it could judge, or why it could not run."""

    rule: Rule
    violations: list[dict[str, Any]]
    applicable: set[str] = field(default_factory=set)
    error: str | None = None  # the rule did not run: it judged nothing, so it neither passes nor resolves


def _gx_error(exception_info: Any) -> str | None:
    """The error GX 1.x recorded for an expectation: at the top level, or nested under each metric's id."""
    if not exception_info:
        return None
    infos = [exception_info, *(v for v in dict(exception_info).values() if isinstance(v, dict))]
    for info in infos:
        if info.get("raised_exception"):
            return str(info.get("exception_message") or "raised an exception").strip().splitlines()[0][:300]
    return None


def precheck(con: Any, rules: list[Rule]) -> dict[str, str]:
    """Rules whose SQL does not parse or bind (a missing table, a typo), with DuckDB's message.

    They are kept out of the GX run: one failing query aborts the transaction GX shares between expectations,
    and every rule after it would then fail too.
    """
    import duckdb

    errors: dict[str, str] = {}
    for rule in rules:
        try:
            con.execute("EXPLAIN " + rule.sql.replace("{batch}", "core_reports"))
        except duckdb.Error as exc:
            errors[rule.id] = str(exc).strip().splitlines()[0][:300]
    return errors


def _patch_gx_for_duckdb() -> None:
    import great_expectations.execution_engine.sqlalchemy_execution_engine as see

    class _DuckDialect(str):
        value = "duckdb"

    if not any(str(d) == "duckdb" for d in see._PERSISTED_CONNECTION_DIALECTS):
        see._PERSISTED_CONNECTION_DIALECTS = (*see._PERSISTED_CONNECTION_DIALECTS, _DuckDialect("duckdb"))


def _patch_gx_decimals() -> None:
    """GX serialises every Decimal of a result through ``convert_decimal_to_float``, which walks the whole call stack
    with ``inspect.stack()`` (reading every frame's source) to decide whether to log a warning. The rules return
    DECIMAL columns, so inside a night's flow (a deep stack) this took two thirds of the rules stage: 16 s of 500
    reports' 23, against 6 s outside the flow. The conversion itself is kept; the stack walk and its warning go."""
    import great_expectations.util as gx_util

    def convert_decimal_to_float(d: Any) -> float:
        return float(d)

    gx_util.convert_decimal_to_float = convert_decimal_to_float  # type: ignore[assignment]


def _batch_table(copy: Path, batch: set[str] | None) -> None:
    """The reports tonight's rules judge, as the table GX validates (every rule reads it as {batch})."""
    import duckdb

    con = duckdb.connect(str(copy))
    try:
        if batch is None:
            con.execute("CREATE TABLE jixiao_batch AS SELECT * FROM core_reports")
        else:
            con.execute(
                "CREATE TABLE jixiao_batch AS SELECT * FROM core_reports WHERE list_contains(?, report_id)",
                [sorted(batch)],
            )
    finally:
        con.close()


def preload() -> threading.Thread:
    """Import GX in the background (some 3 s): a night calls this when it has files to read, so that the import
    overlaps the reading the workers do instead of opening the rules stage."""

    def load() -> None:
        import great_expectations.expectations  # noqa: F401

    thread = threading.Thread(target=load, name="jixiao-gx-preload", daemon=True)
    thread.start()
    return thread


def run_rules(
    db_path: Path, rules: list[Rule] | None = None, docs_dir: Path | None = None, batch: set[str] | None = None
) -> list[RuleOutcome]:
    """Validate the warehouse file with every rule; the caller must not hold a write connection to it.

    ``batch`` (report ids) limits the judgement to those reports (``{batch}`` in each rule is their rows of
    core_reports); None judges every current report.
    """
    import great_expectations as gx
    import great_expectations.expectations as gxe
    from great_expectations.data_context.types.base import ProgressBarsConfig

    # GX gives some of its modules' loggers their own INFO level: quiet each, not only the package's
    for name in [n for n in logging.root.manager.loggerDict if n.startswith("great_expectations")]:
        logging.getLogger(name).setLevel(logging.ERROR)

    from expectations.macros import install
    from warehouse.db import open_waiting

    rules = load_rules() if rules is None else rules
    con = open_waiting(Path(db_path))
    try:
        install(con)  # the shared macros as this code defines them, whatever the warehouse was built with
        broken = precheck(con, rules)
    finally:
        con.close()
    runnable = [r for r in rules if r.id not in broken]
    # GX keeps its connection open until the process ends, and DuckDB refuses a second connection with another
    # configuration to the same file; so GX validates a copy and the warehouse itself stays free for the run.
    tmp = Path(tempfile.mkdtemp(prefix="jixiao-gx-"))
    copy = tmp / "warehouse.duckdb"
    shutil.copyfile(db_path, copy)
    _batch_table(copy, batch)
    _patch_gx_for_duckdb()
    _patch_gx_decimals()
    ctx = gx.get_context(mode="ephemeral")
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False)
    ds = ctx.data_sources.add_sql("warehouse", connection_string=f"duckdb:///{copy}")
    whole = ds.add_table_asset("reports", table_name="jixiao_batch").add_batch_definition_whole_table("all")
    suite = ctx.suites.add(gx.ExpectationSuite(name="jixiao_rules"))
    for rule in runnable:
        suite.add_expectation(
            gxe.UnexpectedRowsExpectation(
                unexpected_rows_query=rule.sql, description=rule.id, meta={"rule_id": rule.id}
            )
        )
    vd = ctx.validation_definitions.add(gx.ValidationDefinition(name="nightly", data=whole, suite=suite))
    if docs_dir is not None:
        _add_docs(ctx, docs_dir)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if docs_dir is not None:
            from great_expectations.checkpoint import UpdateDataDocsAction

            cp = ctx.checkpoints.add(
                gx.Checkpoint(
                    name="nightly_cp",
                    validation_definitions=[vd],
                    actions=[UpdateDataDocsAction(name="docs", site_names=["jixiao"])],
                    result_format={"result_format": "COMPLETE"},
                )
            )
            result = next(iter(cp.run().run_results.values()))
        else:
            result = vd.run(result_format={"result_format": "COMPLETE"})
    by_id = {r.id: r for r in rules}
    outcomes = [RuleOutcome(by_id[rid], [], error=msg) for rid, msg in broken.items()]
    for r in result.results:
        rule = by_id[r.expectation_config.meta["rule_id"]]
        error = _gx_error(r.exception_info)
        rows = (r.result.get("details") or {}).get("unexpected_rows") or []
        if error is None and not r.success and not rows:
            error = "the expectation failed without returning its rows"
        outcomes.append(RuleOutcome(rule, [] if error else [dict(x) for x in rows], error=error))
    con = open_waiting(Path(db_path), read_only=True)
    try:
        for o in outcomes:
            if o.error is None:
                o.applicable = {row[0] for row in con.execute(o.rule.applies_to).fetchall()}
                if batch is not None:
                    o.applicable &= batch
    finally:
        con.close()
    shutil.rmtree(tmp, ignore_errors=True)
    return outcomes


def _add_docs(ctx: Any, docs_dir: Path) -> None:
    docs_dir.mkdir(parents=True, exist_ok=True)
    ctx.add_data_docs_site(
        "jixiao",
        {
            "class_name": "SiteBuilder",
            # GX requires an absolute base directory; the default data dir is relative to where jixiao runs
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir.resolve())},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        },
    )
