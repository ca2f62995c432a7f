"""Reading a Parquet dataset written by the Dask runner as a read-only store.

``connect_dataset(dir)`` returns an in-memory DuckDB connection whose views carry the store's
table names and columns, over the Parquet files the dataset's manifest records (files of an
unfinished shard are never read). An article found in several shards is shown once (from the
earliest), and once the cross-shard pass has run (:mod:`newsevents.store.dataset_pass`),
near-copies are left out and clusters span shards, so the views hold, row for row, what a
single DuckDB store ingesting the same inputs would.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import duckdb

from newsevents.dedup import COPIES_DDL
from newsevents.errors import StoreError
from newsevents.records import stable_id

MANIFEST = "manifest.json"
DATASET_FORMAT = "newsevents-dataset/1"
# Tables the shards write for the cross-shard pass, not shown as store tables: each article's
# input order and MinHash signature, and its own actor and place rows (before registry merging).
SHARD_ONLY = "shard_"
# What the cross-shard pass writes into its folder: the near-copies, and the clusters and dyad
# rows of all events together.
COPIES = "copies.parquet"
FINAL_TABLES = ("event_clusters", "event_dyads")
PASS_DONE = "done"
PASS_PENDING = ("pending: near-copies across shards are shown and events are not clustered; "
                "rerun the same ingest command to finish the dataset")

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


def write_manifest(root: Path, manifest: dict[str, Any]) -> None:
    """Replace the manifest atomically: a reader sees the old or the new one."""
    tmp = root / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps(manifest, indent=1))
    os.replace(tmp, root / MANIFEST)


def shard_set_token(shard_ids: Iterable[str]) -> str:
    """Names one set of finished shards: the cross-shard pass (``final`` in the manifest) is
    valid for the dataset only while its token is the token of the shards the manifest holds."""
    return stable_id("fin-", *sorted(shard_ids))


def final_dir(root: Path, manifest: dict[str, Any]) -> Path | None:
    """The folder of the cross-shard pass that matches the manifest's shards, if any."""
    final = manifest.get("final")
    if not final or final.get("token") != shard_set_token(manifest["shards"]):
        return None
    path = root / str(final["dir"])
    return path if path.is_dir() else None


def connect_dataset(path: str | Path, *, copies: Path | None = None,
                    final: Path | bool | None = True) -> Any:
    """An in-memory DuckDB connection with one view per store table over the dataset.

    With the cross-shard pass done (``final``: its folder, True to find it in the manifest,
    False to ignore it), near-copies are left out and events are clustered across shards;
    without it, each article shows as stored by the earliest shard that holds it. ``copies``
    (a Parquet file of ``article_id, canonical_id, similarity``) is for the pass itself.
    """
    from newsevents.store.schema import DDL, SCHEMA_VERSION

    root = Path(path).resolve()
    manifest = read_manifest(root)
    version = int(manifest.get("schema_version", 0))
    if version > SCHEMA_VERSION:
        raise StoreError(f"{root} was written by a newer newsevents (schema version {version}, "
                         f"this one reads up to {SCHEMA_VERSION}); upgrade newsevents")
    done = final_dir(root, manifest) if final is True else final or None
    if done is not None and copies is None:
        copies = done / COPIES
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
        con.execute(COPIES_DDL)
        con.execute("USE main")
        known = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = "
            "'empty_store' ORDER BY table_name").fetchall()]
        _kept(con, files, copies)
        for table in sorted(set(known) | set(files)):
            if table.startswith(SHARD_ONLY) or table == "meta":
                continue
            if table in known:
                cols = [r[0] for r in con.execute(f"DESCRIBE empty_store.{table}").fetchall()]
                select = ", ".join(f'"{c}"' for c in cols)
            else:  # a table of a newer writer: all its columns
                select = "*"
            body = _view(table, select, files, copies, done)
            if table in _REGISTRIES:  # merged once here, not again in every query that joins it
                con.execute(f"CREATE TABLE dataset_kept.{table} AS {body}")
                body = f"SELECT * FROM dataset_kept.{table}"
            con.execute(f"CREATE VIEW {table} AS {body}")
        con.execute("CREATE VIEW meta AS SELECT * FROM empty_store.meta")
        con.execute("INSERT INTO empty_store.meta VALUES ('schema_version', ?), "
                    "('cross_shard_pass', ?)", [str(SCHEMA_VERSION), PASS_DONE if done else
                                                PASS_PENDING])
    except duckdb.Error as exc:
        con.close()
        raise StoreError(f"{root}: cannot open the dataset: {exc}") from exc
    return con


def _kept(con: Any, files: dict[str, list[tuple[str, int]]], copies: Path | None) -> None:
    """``dataset_kept.articles`` and ``.events`` (id, _seq, and the article's input order
    ``_ord``): each article from the earliest shard that holds it, less the near-copies."""
    con.execute("CREATE SCHEMA dataset_kept")
    if "articles" not in files:
        con.execute("CREATE TABLE dataset_kept.articles (id VARCHAR, _seq INTEGER, _ord BIGINT)")
        con.execute("CREATE TABLE dataset_kept.events (id VARCHAR, _seq INTEGER)")
        return
    drop = (f"ANTI JOIN read_parquet({sql_string(str(copies))}) c ON c.article_id = a.id"
            if copies is not None else "")
    order = (f"LEFT JOIN (SELECT article_id, ord, _seq FROM {_source(files['shard_order'])}) o "
             "ON o.article_id = a.id AND o._seq = a._seq"
             if "shard_order" in files else "")
    ord_col = "o.ord" if order else "0"
    con.execute(f"""
        CREATE TABLE dataset_kept.articles AS
        SELECT a.id, a._seq, {ord_col} AS _ord FROM (
            SELECT DISTINCT ON (id) id, _seq FROM {_source(files['articles'])}
            ORDER BY id, _seq) a {order} {drop}""")
    if "events" in files:
        con.execute(f"""
            CREATE TABLE dataset_kept.events AS
            SELECT e.id, e._seq FROM {_source(files['events'])} e
            SEMI JOIN dataset_kept.articles k ON k.id = e.article_id AND k._seq = e._seq""")
    else:
        con.execute("CREATE TABLE dataset_kept.events (id VARCHAR, _seq INTEGER)")


def _view(table: str, select: str, files: dict[str, list[tuple[str, int]]],
          copies: Path | None, done: Path | None) -> str:
    """The body of the view of ``table``."""
    if done is not None and table in FINAL_TABLES:
        return f"SELECT {select} FROM read_parquet({sql_string(str(done / (table + '.parquet')))})"
    if table == "article_minhash" and "shard_order" in files:
        return (f"SELECT t.article_id, t.shingles, t.signature "
                f"FROM {_source(files['shard_order'])} t {_SEMI_ARTICLE}")
    if table == "article_copies" and copies is not None and "articles" in files:
        return f"""SELECT a.content_hash, c.canonical_id, a.source, a.url, a.feed, a.title,
                c.similarity FROM read_parquet({sql_string(str(copies))}) c JOIN (
                    SELECT DISTINCT ON (id) * FROM {_source(files['articles'])}
                    ORDER BY id, _seq) a ON a.id = c.article_id"""
    if table == "actors" and "shard_actors" in files and select != "*":
        return _ACTORS.format(source=_per_article(files["shard_actors"]),
                              order="_seq, _ord, pos")
    if table == "places" and "shard_places" in files and select != "*":
        return (f"SELECT DISTINCT ON (id) {select} FROM {_per_article(files['shard_places'])} "
                "ORDER BY id, _seq, _ord, pos")
    if table not in files:
        return f"SELECT {select} FROM empty_store.{table}"
    source = _source(files[table])
    cols = _columns(files[table][0][0])
    if table == "articles":
        return f"SELECT {select} FROM {source} t SEMI JOIN dataset_kept.articles k " \
               "ON k.id = t.id AND k._seq = t._seq"
    if "article_id" in cols:  # the rows of the kept copy of each article
        return f"SELECT {select} FROM {source} t {_SEMI_ARTICLE}"
    if "event_id" in cols:
        return (f"SELECT {select} FROM {source} t SEMI JOIN dataset_kept.events k "
                "ON k.id = t.event_id AND k._seq = t._seq")
    if table == "actors" and select != "*":  # written before shards kept per-article rows
        return _ACTORS.format(source=source, order="_seq")
    key = _KEYS.get(table)
    if key:  # the copy from the earliest shard, as a store keeps the first ingested
        return f"SELECT DISTINCT ON ({key}) {select} FROM {source} ORDER BY {key}, _seq"
    return f"SELECT DISTINCT {select} FROM {source}"


# Small tables (one row per actor or place) whose views merge rows of every article.
_REGISTRIES = ("actors", "places")

_SEMI_ARTICLE = ("SEMI JOIN dataset_kept.articles k ON k.id = t.article_id "
                 "AND k._seq = t._seq")


def _per_article(files: list[tuple[str, int]]) -> str:
    """Per-article registry rows of the kept articles, with the article's input order."""
    return (f"(SELECT t.*, k._ord FROM {_source(files)} t JOIN dataset_kept.articles k "
            "ON k.id = t.article_id AND k._seq = t._seq)")


def _columns(file: str) -> set[str]:
    con = duckdb.connect(":memory:")
    try:
        return {r[0] for r in con.execute(
            f"DESCRIBE SELECT * FROM read_parquet({sql_string(file)})").fetchall()}
    finally:
        con.close()


# The actor registry merged across articles (or, in datasets written before shards kept
# per-article rows, across shard registries) as the store merges it (rows.merge_actor): first
# real name and kind, first country and sector, roles accumulated in input order.
_ACTORS = """
WITH src AS (SELECT * FROM {source}),
base AS (
    SELECT id,
        coalesce(first(name ORDER BY {order}) FILTER (WHERE name <> id),
                 first(name ORDER BY {order})) AS name,
        first(kind ORDER BY {order}) AS kind,
        first(country ORDER BY {order}) FILTER (WHERE country IS NOT NULL) AS country,
        first(sector ORDER BY {order}) FILTER (WHERE sector IS NOT NULL) AS sector
    FROM src GROUP BY id
),
each_role AS (
    SELECT id, role, row_number() OVER (ORDER BY {order}, sub) AS o FROM (
        SELECT *, unnest(from_json(roles, '["VARCHAR"]')) AS role,
            generate_subscripts(from_json(roles, '["VARCHAR"]'), 1) AS sub
        FROM src)
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


def sql_string(text: str) -> str:
    """``text`` as an SQL string literal (file paths in DuckDB statements)."""
    return "'" + text.replace("'", "''") + "'"


def _source(files: list[tuple[str, int]]) -> str:
    """The rows of ``files`` with ``_seq``, the order of their shard in the run."""
    paths = "[" + ", ".join(sql_string(p) for p, _ in files) + "]"
    seqs = ", ".join(f"({sql_string(p)}, {n})" for p, n in files)
    return (f"(SELECT t.*, s._seq FROM read_parquet({paths}, hive_partitioning = false, "
            f"filename = true) t JOIN (VALUES {seqs}) s(_file, _seq) ON t.filename = s._file)")
