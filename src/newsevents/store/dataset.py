"""Reading a Parquet dataset written by the Dask runner as a read-only store.

``connect_dataset(dir)`` returns an in-memory DuckDB connection whose views carry the store's
table names and columns, over the Parquet files the dataset's manifest records (files of an
unfinished shard are never read). An article found in several shards is shown once, so the
views hold what a single DuckDB store ingesting the same inputs would.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb

from newsevents.errors import StoreError

MANIFEST = "manifest.json"
DATASET_FORMAT = "newsevents-dataset/1"

# Key of one row per table; rows repeated by an article present in several shards collapse.
# Tables not listed here (added later) are shown with plain DISTINCT.
_KEYS = {
    "articles": "id",
    "events": "id",
    "actors": "id",
    "places": "id",
}


def is_dataset(path: str | Path) -> bool:
    return (Path(path) / MANIFEST).is_file()


def read_manifest(path: str | Path) -> dict[str, Any]:
    p = Path(path) / MANIFEST
    try:
        manifest: dict[str, Any] = json.loads(p.read_text())
    except (OSError, ValueError) as exc:
        raise StoreError(f"{p}: cannot read the dataset manifest: {exc}") from exc
    if manifest.get("format") != DATASET_FORMAT:
        raise StoreError(f"{p} is not a newsevents dataset manifest (format "
                         f"{manifest.get('format')!r}, expected {DATASET_FORMAT!r})")
    return manifest


def connect_dataset(path: str | Path) -> Any:
    """An in-memory DuckDB connection with one view per store table over the dataset."""
    from newsevents.store.schema import DDL, SCHEMA_VERSION

    root = Path(path).resolve()
    manifest = read_manifest(root)
    version = int(manifest.get("schema_version", 0))
    if version > SCHEMA_VERSION:
        raise StoreError(f"{root} was written by a newer newsevents (schema version {version}, "
                         f"this one reads up to {SCHEMA_VERSION}); upgrade newsevents")
    files: dict[str, list[tuple[str, int]]] = {}
    for n, shard in enumerate(manifest["shards"].values()):
        for rel in shard.get("files", ()):
            files.setdefault(rel.split("/", 1)[0], []).append(
                (str(root / rel), int(shard.get("seq", n))))
    con = duckdb.connect(":memory:")
    try:
        # The store's tables, empty, in a side schema: a table no shard wrote still answers
        # with its columns, and the views below take their column order from them.
        con.execute("CREATE SCHEMA empty_store")
        con.execute("USE empty_store")
        con.execute(DDL)
        con.execute("USE main")
        known = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = "
            "'empty_store' ORDER BY table_name").fetchall()]
        for table in sorted(set(known) | set(files)):
            if table in known:
                cols = [r[0] for r in con.execute(f"DESCRIBE empty_store.{table}").fetchall()]
                select = ", ".join(f'"{c}"' for c in cols)
            else:  # a table of a newer writer: all its columns
                select = "*"
            if table not in files:
                con.execute(f"CREATE VIEW {table} AS SELECT {select} FROM empty_store.{table}")
                continue
            source = _source(files[table])
            key = _KEYS.get(table)
            if table == "actors" and select != "*":
                body = _ACTORS.format(source=source)
            elif key:  # the copy from the earliest shard, as a store keeps the first ingested
                body = (f"SELECT DISTINCT ON ({key}) {select} FROM {source} "
                        f"ORDER BY {key}, _seq")
            else:
                body = f"SELECT DISTINCT {select} FROM {source}"
            con.execute(f"CREATE VIEW {table} AS {body}")
        con.execute("INSERT INTO empty_store.meta VALUES ('schema_version', ?)",
                    [str(SCHEMA_VERSION)])
    except duckdb.Error as exc:
        con.close()
        raise StoreError(f"{root}: cannot open the dataset: {exc}") from exc
    return con


# The actor registry merged across shards as the store merges it across articles
# (rows.merge_actor): first real name and kind, first country and sector, roles accumulated.
_ACTORS = """
WITH src AS (SELECT * FROM {source}),
base AS (
    SELECT id,
        coalesce(first(name ORDER BY _seq) FILTER (WHERE name <> id),
                 first(name ORDER BY _seq)) AS name,
        first(kind ORDER BY _seq) AS kind,
        first(country ORDER BY _seq) FILTER (WHERE country IS NOT NULL) AS country,
        first(sector ORDER BY _seq) FILTER (WHERE sector IS NOT NULL) AS sector
    FROM src GROUP BY id
),
each_role AS (
    SELECT id, unnest(from_json(roles, '["VARCHAR"]')) AS role,
        _seq * 100000 + generate_subscripts(from_json(roles, '["VARCHAR"]'), 1) AS o
    FROM src
),
merged AS (
    SELECT id, list(role ORDER BY o) AS roles
    FROM (SELECT id, role, min(o) AS o FROM each_role GROUP BY id, role)
    GROUP BY id
)
SELECT b.id, b.name, b.kind, b.country, b.sector,
    CAST(to_json(coalesce(m.roles, CAST([] AS VARCHAR[]))) AS JSON) AS roles
FROM base b LEFT JOIN merged m ON m.id = b.id
"""


def _q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _source(files: list[tuple[str, int]]) -> str:
    """The rows of ``files`` with ``_seq``, the order of their shard in the run."""
    paths = "[" + ", ".join(_q(p) for p, _ in files) + "]"
    seqs = ", ".join(f"({_q(p)}, {n})" for p, n in files)
    return (f"(SELECT t.*, s._seq FROM read_parquet({paths}, hive_partitioning = false, "
            f"filename = true) t JOIN (VALUES {seqs}) s(_file, _seq) ON t.filename = s._file)")
