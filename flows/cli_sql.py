"""``jixiao sql``: one read-only query against the published snapshot, printed as a table or written to CSV/Parquet."""

from __future__ import annotations

import argparse
import csv
import sys
import unicodedata
from pathlib import Path
from typing import Any, TextIO

# Statement types an analyst query may have. The connection is read-only as well; the list also keeps out
# COPY ... TO, ATTACH, INSTALL and SET, which a read-only connection would still run.
READ_STATEMENTS = ("SELECT", "EXPLAIN")
CELL_WIDTH = 40
# The snapshot is opened with no way out of it: no file, glob, HTTP or extension access, settings locked, so a
# query can read the published tables and nothing else on the server (not /etc, not the environment, not the
# production warehouse, not the snapshot's own bytes).
SANDBOX = {
    "enable_external_access": False,
    "autoload_known_extensions": False,
    "autoinstall_known_extensions": False,
    "allow_community_extensions": False,
    "memory_limit": "2GB",
    "threads": 2,
}
ROW_LIMIT = 1_000_000
SECONDS_LIMIT = 60.0


class SqlError(Exception):
    """A failure to report to the analyst in two languages, exit code 2."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh, self.en = zh, en


def add_parser(sub: Any) -> None:
    """Register the ``sql`` subcommand on the CLI's subparsers."""
    p = sub.add_parser("sql", help="query the published snapshot read-only / 只读查询已发布的快照")
    p.add_argument("query", help='one SELECT statement, e.g. "SELECT * FROM reports"')
    p.add_argument("--db", help="snapshot file to query (default <data>/published/warehouse.duckdb)")
    p.add_argument("--csv", metavar="FILE", help="also write every row as UTF-8 CSV to FILE; '-' writes only to stdout")
    p.add_argument("--parquet", metavar="FILE", help="also write every row to a Parquet file")
    p.add_argument("--max-rows", type=int, default=100, help="rows to print (default 100; files get every row)")
    p.add_argument(
        "--row-limit",
        type=int,
        default=ROW_LIMIT,
        help=f"refuse a result of more rows than this (default {ROW_LIMIT:,})",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=SECONDS_LIMIT,
        help=f"stop a query after this many seconds (default {SECONDS_LIMIT:g})",
    )
    p.set_defaults(func=cmd_sql)


def default_snapshot() -> Path:
    """The snapshot the nightly flow publishes, from the same settings as ``jixiao run``."""
    from flows.settings import Settings
    from warehouse.publish import snapshot_path

    return snapshot_path(Settings.from_env().data_dir)


def _check_read_only(con: Any, query: str) -> None:
    import duckdb

    try:
        statements = con.extract_statements(query)
    except duckdb.Error as exc:
        raise SqlError("SQL 无法解析（DuckDB 的说明见下行）", f"the SQL does not parse: {exc}") from None
    if len(statements) != 1:
        raise SqlError(
            f"请只给一条语句（收到 {len(statements)} 条）", f"give exactly one statement (got {len(statements)})"
        )
    kind = statements[0].type.name
    if kind not in READ_STATEMENTS:
        raise SqlError(
            f"快照只读，不能执行 {kind} 语句；只允许查询（SELECT）",
            f"the snapshot is read-only: {kind} statements are not allowed, only queries (SELECT)",
        )


def sandboxed(db: Path) -> Any:
    """A read-only connection to the snapshot that can reach nothing else."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True, config=SANDBOX)
    con.execute("SET disabled_filesystems = 'LocalFileSystem'")  # the open snapshot stays readable
    con.execute("SET lock_configuration = true")
    return con


def _denied(exc: Exception) -> SqlError:
    import duckdb

    if (
        isinstance(exc, duckdb.PermissionException)
        or "disabled by configuration" in str(exc)
        or "configuration has been locked" in str(exc)
    ):
        return SqlError(
            "查询只能读取已发布的表，不能读写文件、访问网络、加载扩展或修改设置",
            "a query may read the published tables only: no files, network, extensions or settings",
        )
    return SqlError("查询失败（DuckDB 的说明见下行）", f"the query failed: {exc}")


def run_query(db: Path, query: str, row_limit: int = ROW_LIMIT, seconds: float = SECONDS_LIMIT) -> Any:
    """The query's result as an Arrow table, from a sandboxed read-only connection to ``db``.

    More than ``row_limit`` rows, or more than ``seconds`` of work, stops the query with a message saying so.
    """
    import threading

    import duckdb
    import pyarrow as pa

    if not db.is_file():
        raise SqlError(
            f"还没有已发布的快照：{db}。请先运行 `jixiao run`（每晚运行后发布），或用 --db 指定快照文件",
            f"no published snapshot at {db} yet: run `jixiao run` first (each night publishes one), "
            "or point --db at a snapshot file",
        )
    try:
        con = sandboxed(db)
    except duckdb.Error as exc:
        raise SqlError(f"无法打开快照 {db}（原因见下行）", f"cannot open the snapshot {db}: {exc}") from None
    timed_out = threading.Event()

    def stop() -> None:
        timed_out.set()
        con.interrupt()

    timer = threading.Timer(seconds, stop)
    try:
        _check_read_only(con, query)
        timer.start()
        reader = con.sql(query).to_arrow_reader(10_000)
        batches, rows = [], 0
        for batch in reader:
            rows += batch.num_rows
            if rows > row_limit:
                raise SqlError(
                    f"结果超过 {row_limit:,} 行的上限；请加 LIMIT、WHERE 或聚合",
                    f"the result exceeds the limit of {row_limit:,} rows; add LIMIT, WHERE or an aggregate",
                )
            batches.append(batch)
        return pa.Table.from_batches(batches, schema=reader.schema)
    except duckdb.Error as exc:
        if timed_out.is_set():
            raise SqlError(
                f"查询超过 {seconds:g} 秒的时限，已停止；请缩小范围",
                f"the query ran past the limit of {seconds:g} s and was stopped; narrow it",
            ) from None
        raise _denied(exc) from None
    finally:
        timer.cancel()
        con.close()


def _text(v: Any) -> str:
    return "" if v is None else str(v)


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _fit(s: str, width: int) -> str:
    """Cut to ``width`` display columns (CJK characters take two) and pad to it."""
    s = s.replace("\n", " ")
    if _width(s) > width:
        out, used = [], 0
        for ch in s:
            w = _width(ch)
            if used + w > width - 1:
                break
            out.append(ch)
            used += w
        s = "".join(out) + "…"
    return s + " " * (width - _width(s))


def format_table(columns: list[str], rows: list[list[Any]], total: int) -> str:
    """An aligned text table with a row count; long cells are cut at CELL_WIDTH display columns."""
    cells = [[_text(v) for v in r] for r in rows]
    widths = [
        min(CELL_WIDTH, max([_width(c)] + [_width(r[i].replace("\n", " ")) for r in cells]))
        for i, c in enumerate(columns)
    ]
    lines = [
        " | ".join(_fit(c, w) for c, w in zip(columns, widths, strict=True)).rstrip(),
        "-+-".join("-" * w for w in widths),
    ]
    lines += [" | ".join(_fit(v, w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    shown = (
        f"{len(rows)} 行 rows"
        if len(rows) == total
        else f"显示前 {len(rows)} 行，共 {total} 行 showing {len(rows)} of {total} rows (use --csv for all)"
    )
    lines.append(f"({shown})")
    return "\n".join(lines)


def write_csv(columns: list[str], rows: list[list[Any]], out: TextIO) -> None:
    """Every row as CSV with a header; NULL is an empty field."""
    w = csv.writer(out, lineterminator="\n")
    w.writerow(columns)
    w.writerows([_text(v) for v in r] for r in rows)


def cmd_sql(args: argparse.Namespace) -> int:
    """Run one read-only query; exit 2 with a bilingual message when it cannot."""
    db = Path(args.db) if args.db else default_snapshot()
    try:
        table = run_query(db, args.query, args.row_limit, args.timeout)
        columns = list(table.column_names)
        # by position: a query may repeat a column name
        rows = [list(r) for r in zip(*(c.to_pylist() for c in table.columns), strict=True)]
        if args.csv == "-":
            write_csv(columns, rows, sys.stdout)
        else:
            print(format_table(columns, rows[: max(args.max_rows, 0)], len(rows)))
        if args.csv and args.csv != "-":
            with open(args.csv, "w", encoding="utf-8-sig", newline="") as fh:  # a BOM: Excel reads it as UTF-8
                write_csv(columns, rows, fh)
            print(f"已写入 wrote {len(rows)} rows to {args.csv}", file=sys.stderr)
        if args.parquet:
            import pyarrow as pa
            import pyarrow.parquet as pq

            try:
                pq.write_table(table, args.parquet)
            except pa.ArrowException as exc:  # e.g. an INTERVAL column, which Parquet cannot hold
                raise SqlError(
                    "结果无法写成 Parquet（原因见下行），可改用 --csv",
                    f"the result cannot be written as Parquet: {exc}; try --csv",
                ) from None
            print(f"已写入 wrote {len(rows)} rows to {args.parquet}", file=sys.stderr)
    except SqlError as exc:
        print(f"错误：{exc.zh}\nerror: {exc.en}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"错误：无法写入文件：{exc}\nerror: cannot write the file: {exc}", file=sys.stderr)
        return 2
    return 0
