"""Flat exports of events with their actors and cluster: CSV, JSON lines, and Parquet (one file,
or a dataset partitioned by ``year=``/``month=`` of the event's day when written to a folder)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsevents.store.queries import events_sql

_LISTS = [f"{r}{s}" for r in ("source", "target") for s in ("", "_countries", "_ids")]


def write_table(con: Any, out: Path, fmt: str) -> int:
    """Write every event to ``out`` as ``csv``, ``jsonl`` or ``parquet``; returns rows.

    Parquet goes to one file when ``out`` ends in ``.parquet``/``.pq``, else to a folder
    partitioned by year and month (Hive style, readable by DuckDB, Arrow, Spark, pandas).
    """
    sql = events_sql()
    target = str(out).replace("'", "''")
    if fmt == "csv":
        repl = ", ".join(f"array_to_string({c}, '; ') AS {c}" for c in _LISTS)
        sql = f"SELECT * REPLACE ({repl}) FROM ({sql})"
        options = "FORMAT csv, HEADER"
    elif fmt == "jsonl":
        options = "FORMAT json"
    elif fmt == "parquet":
        options = "FORMAT parquet"
        if out.suffix.lower() not in (".parquet", ".pq"):
            sql = (f"SELECT *, coalesce(year(day), 0) AS year, coalesce(month(day), 0) AS month "
                   f"FROM ({sql})")
            options += ", PARTITION_BY (year, month), OVERWRITE_OR_IGNORE"
    else:
        raise ValueError(f"not a table format: {fmt!r}")
    row = con.execute(f"COPY ({sql}) TO '{target}' ({options})").fetchone()
    return int(row[0]) if row else 0
