"""The bundled demo: ingest the sample corpus into a store and summarise it as rich tables."""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path

from rich.table import Table

from newsevents.api import queries
from newsevents.errors import InputError
from newsevents.store import IngestSummary, Store
from newsevents.store.schema import connect

DEFAULT_DEMO_DB = Path("newsevents-demo.duckdb")
CORPUS_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl")


def corpus_files() -> list[Path]:
    """The demo articles shipped in the package, in name order."""
    with as_file(files("newsevents") / "demo" / "corpus") as root:
        found = sorted(p for p in Path(root).iterdir()
                       if p.is_file() and p.suffix.lower() in CORPUS_SUFFIXES)
    if not found:
        raise InputError(
            "newsevents/demo/corpus", "the bundled demo corpus is empty or missing",
            "reinstall newsevents (pip install -e .) so the package data is present",
        )
    return found


def ingest_demo(db: Path, *, progress: bool = True) -> IngestSummary:
    """Ingest the demo corpus into ``db`` (idempotent: stored articles are skipped)."""
    from newsevents.runners.local import ingest

    paths = [str(p) for p in corpus_files()]
    with Store(db) as store:
        return ingest(paths, store, progress=progress)


def summary_tables(db: Path, n: int = 10) -> tuple[Table, Table]:
    """Top dyads and event counts by type, computed by the same queries as the dashboard."""
    con = connect(db, read_only=True)
    try:
        dyads = queries.top_dyads(con, n)
        types = queries.type_counts(con)
    finally:
        con.close()
    dyad_table = Table(title=f"Top {n} dyads (factual events)", title_justify="left")
    for name, justify in (("Pair", "left"), ("Ids", "left"), ("Events", "right"),
                          ("Cooperation", "right"), ("Conflict", "right")):
        dyad_table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for d in dyads:
        dyad_table.add_row(f"{d.a_name} – {d.b_name}", f"{d.a} {d.b}", str(d.events),
                           str(d.cooperation), str(d.conflict))
    type_table = Table(title="Events by type", title_justify="left")
    type_table.add_column("Type")
    type_table.add_column("Events", justify="right")
    for t in types:
        type_table.add_row(t.type, str(t.count))
    return dyad_table, type_table
