"""Exports of the store: CSV, JSON lines, Parquet (date-partitioned), PLOVER JSON, GDELT 2.0 TSV.

``export(con, out, fmt, unit)`` is the one entry point (``Store.export`` and ``newsevents export``
call it). GDELT and PLOVER write one record per cluster by default (``unit="events"``: per
event); the flat formats write every event with its cluster id.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from newsevents.export.gdelt import COLUMNS as GDELT_COLUMNS
from newsevents.export.gdelt import write_gdelt
from newsevents.export.plover import plover_record, write_plover
from newsevents.export.tables import write_table

__all__ = ["FORMATS", "GDELT_COLUMNS", "export", "format_for", "plover_record"]

FORMATS = ("parquet", "csv", "jsonl", "gdelt", "plover")
_SUFFIXES = {"json": "jsonl", "ndjson": "jsonl", "pq": "parquet", "tsv": "gdelt",
             "parquet": "parquet", "csv": "csv", "jsonl": "jsonl"}


def format_for(out: Path) -> str | None:
    """The format a file name implies (``events.tsv`` → gdelt), or None."""
    return _SUFFIXES.get(out.suffix.lower().lstrip("."))


def export(con: Any, out: str | Path, fmt: str = "parquet", unit: str = "clusters") -> int:
    """Write the store's events to ``out`` in ``fmt``; returns the number of records."""
    path = Path(out)
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    if fmt == "gdelt":
        return write_gdelt(con, path, unit)
    if fmt == "plover":
        return write_plover(con, path, unit)
    return write_table(con, path, fmt)
