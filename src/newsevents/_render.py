"""Rendering query results and extracted documents for the terminal (rich), CSV and JSON lines."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, TextIO

import pandas as pd
from rich.console import Console
from rich.table import Table

from newsevents.records import Document

FORMATS = ("table", "csv", "json")
# Width of tables written to a pipe or file (a terminal uses its own width).
PIPE_WIDTH = 160


def _plain(value: Any) -> Any:
    """A JSON/CSV-friendly Python value (dates as ISO strings, arrays as lists, NaN as None)."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "tolist"):
        return _plain(value.tolist())
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): _plain(v) for k, v in row.items()} for row in df.to_dict(orient="records")]


def _cell(value: Any) -> str:
    v = _plain(value)
    if v is None:
        return ""
    if isinstance(v, list):
        return "; ".join("" if x is None else str(x) for x in v)
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def write_frame(
    df: pd.DataFrame,
    fmt: str,
    out: TextIO,
    *,
    title: str | None = None,
    columns: Sequence[str] | None = None,
) -> None:
    """Write ``df`` as a rich table (``columns`` only), CSV (lists joined by "; ") or JSON lines."""
    if fmt == "json":
        for rec in records(df):
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        return
    if fmt == "csv":
        flat = pd.DataFrame({c: [_cell(v) for v in df[c]] for c in df.columns})
        flat.to_csv(out, index=False)
        return
    cols = [c for c in (columns or df.columns) if c in df.columns]
    table = Table(title=title, show_lines=False, expand=False)
    for c in cols:
        table.add_column(c, overflow="fold")
    for row in df[cols].itertuples(index=False):
        table.add_row(*(_cell(v) for v in row))
    _console(out).print(table)
    if df.empty:
        out.write("(no rows)\n")


def _console(out: TextIO) -> Console:
    tty = hasattr(out, "isatty") and out.isatty()
    return Console(file=out, soft_wrap=False, width=None if tty else PIPE_WIDTH)


def with_countries(names: Any, countries: Any) -> str:
    """``Iran (IRN); Masoud Pezeshkian (IRN)`` from parallel lists."""
    out = []
    for n, c in zip(_plain(names) or [], _plain(countries) or [], strict=False):
        out.append(f"{n} ({c})" if c and c != n else str(n))
    return "; ".join(out)


def events_for_table(df: pd.DataFrame, width: int = 90) -> pd.DataFrame:
    """The readable columns of an events frame, sides as "name (ISO3)", evidence shortened."""
    view = pd.DataFrame({
        "day": df["day"],
        "type": df["type"],
        "source": [with_countries(n, c) for n, c in zip(df["source"], df["source_countries"],
                                                         strict=True)],
        "target": [with_countries(n, c) for n, c in zip(df["target"], df["target_countries"],
                                                         strict=True)],
        "modality": df["modality"],
        "place": df["place"],
        "evidence": [_short(e, width) for e in df["evidence_text"]],
    })
    return view


def _short(text: Any, width: int) -> str:
    s = "" if text is None or (isinstance(text, float) and math.isnan(text)) else str(text)
    s = " ".join(s.split())
    return s if len(s) <= width else s[: width - 1] + "…"


def document_table(doc: Document, out: TextIO) -> None:
    """One article's events as a readable table."""
    art = doc.article
    heading = art.title or art.source if art else doc.raw.source
    published = art.published.isoformat() if art and art.published else "date unknown"
    basis = f", {art.published_basis}" if art and art.published else ""
    table = Table(title=f"{heading} ({published}{basis})", title_justify="left")
    for c in ("#", "type", "source", "target", "date", "place", "modality", "evidence"):
        table.add_column(c, overflow="fold")
    places = {p.id: p.name for p in doc.places}

    def side(ids: tuple[str, ...]) -> str:
        names = []
        for i in ids:
            a = doc.actor(i)
            names.append(a.name if a else i)
        return "; ".join(names)

    for n, e in enumerate(doc.events, 1):
        table.add_row(
            str(n), e.type + (f"/{e.mode}" if e.mode else ""), side(e.source), side(e.target),
            e.date.isoformat() if e.date else "", places.get(e.place or "", ""),
            e.modality, _short(e.evidence.text, 90),
        )
    console = _console(out)
    console.print(table)
    if not doc.events:
        console.print(f"(no events; {len(doc.actors)} actors, {len(doc.places)} places)")
