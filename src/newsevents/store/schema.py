"""The store's versioned DuckDB schema, and opening a file safely (version and format checks).

A store file records its ``schema_version`` in the ``meta`` table. Opening a file written by a
newer newsevents, or a file that is not a newsevents store, raises :class:`StoreError` saying so.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import duckdb

from newsevents.errors import StoreError

SCHEMA_VERSION = 2
DEFAULT_DB = "newsevents.duckdb"
ENV_DB = "NEWSEVENTS_DB"

# No secondary indexes: DuckDB answers these analytical queries with hash joins and zone maps,
# and every ART index costs on each insert. Articles and events are only ever inserted, so
# foreign keys to them are cheap and safe; actors and places are upserted (a global registry
# merged across articles), so rows pointing at them are kept consistent by the single write
# path and queries use LEFT JOINs on them.
DDL = """
CREATE TABLE IF NOT EXISTS meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL UNIQUE,
    source VARCHAR NOT NULL,
    url VARCHAR,
    title VARCHAR,
    published DATE,
    published_basis VARCHAR NOT NULL,
    language VARCHAR,
    text VARCHAR NOT NULL,
    removed JSON,
    notes JSON,
    feed VARCHAR,
    ingested_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS actors (
    id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    country VARCHAR,
    sector VARCHAR,
    roles JSON
);
CREATE TABLE IF NOT EXISTS actor_mentions (
    article_id VARCHAR NOT NULL REFERENCES articles(id),
    actor_id VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS places (
    id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    country VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    geonameid BIGINT,
    feature VARCHAR
);
CREATE TABLE IF NOT EXISTS place_mentions (
    article_id VARCHAR NOT NULL REFERENCES articles(id),
    place_id VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL REFERENCES articles(id),
    type VARCHAR NOT NULL,
    mode VARCHAR,
    cameo VARCHAR,
    quad_class TINYINT,
    goldstein DOUBLE,
    modality VARCHAR NOT NULL,
    date DATE,
    date_precision VARCHAR,
    date_basis VARCHAR,
    place_id VARCHAR,
    place_basis VARCHAR,
    confidence DOUBLE,
    evidence_text VARCHAR,
    evidence_start INTEGER,
    evidence_end INTEGER,
    trigger_text VARCHAR,
    trigger_start INTEGER,
    trigger_end INTEGER
);
CREATE TABLE IF NOT EXISTS event_actors (
    event_id VARCHAR NOT NULL REFERENCES events(id),
    actor_id VARCHAR NOT NULL,
    role VARCHAR NOT NULL CHECK (role IN ('source', 'target')),
    pos SMALLINT NOT NULL,
    country VARCHAR
);
"""

# Derived on the same write path (newsevents.clusters): one row per event with its cluster and
# clustering key, one row per event per ordered pair of units (country, else actor id) for fast
# dyad, partner and network queries, and each article's roles of each actor (roles over time).
CLUSTER_DDL = """
CREATE TABLE IF NOT EXISTS event_clusters (
    event_id VARCHAR NOT NULL,
    cluster_id VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    grp VARCHAR NOT NULL,
    day DATE,
    source VARCHAR[],
    target VARCHAR[],
    place_country VARCHAR
);
CREATE TABLE IF NOT EXISTS event_dyads (
    event_id VARCHAR NOT NULL,
    cluster_id VARCHAR NOT NULL,
    day DATE,
    unit VARCHAR NOT NULL,
    partner VARCHAR,
    outgoing BOOLEAN,
    type VARCHAR NOT NULL,
    quad_class TINYINT,
    goldstein DOUBLE,
    factual BOOLEAN NOT NULL
);
CREATE TABLE IF NOT EXISTS actor_roles (
    article_id VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    role VARCHAR NOT NULL
);
"""
DDL += CLUSTER_DDL

# Migrations from version N to N+1, applied in order inside one transaction.
MIGRATIONS: dict[int, str] = {1: CLUSTER_DDL}


def default_db_path() -> Path:
    """``$NEWSEVENTS_DB`` if set, else ``./newsevents.duckdb``."""
    return Path(os.environ.get(ENV_DB) or DEFAULT_DB)


def missing_store_message(path: Path) -> str:
    return f"no store at {path}: run `newsevents ingest PATH` first"


# DuckDB lets one process hold a file for writing, or several for reading, never both: an open
# that finds the file held by another process is retried for this long (ingest lets the file go
# between batches, the API between bursts of requests; see RELIABILITY.md).
LOCK_WAIT_S = 15.0
ENV_LOCK_WAIT = "NEWSEVENTS_LOCK_WAIT"


def lock_wait_s() -> float:
    """Seconds an open waits for a file held by another process (``$NEWSEVENTS_LOCK_WAIT``)."""
    try:
        return max(0.0, float(os.environ.get(ENV_LOCK_WAIT, LOCK_WAIT_S)))
    except ValueError:
        return LOCK_WAIT_S


def connect(path: Path, *, read_only: bool, wait_s: float | None = None) -> Any:
    """Open (and for writers create or migrate) the store at ``path``; returns a connection.

    While another process holds the file, the open is retried with backoff for ``wait_s``
    seconds (default :func:`lock_wait_s`) before failing with "in use by another process".
    """
    if read_only and not path.exists():
        raise StoreError(missing_store_message(path))
    if path.exists() and path.is_dir():
        from newsevents.store.dataset import connect_dataset, is_dataset

        if is_dataset(path):  # a Parquet dataset written by `ingest --scheduler`: read-only
            if not read_only:
                raise StoreError(f"{path} is a Parquet dataset, read-only here: add to it with "
                                 f"`newsevents ingest --scheduler ... --out {path}`")
            return connect_dataset(path)
        raise StoreError(f"{path} is a directory, not a store file (give a file path to --db)")
    try:
        con = _open_waiting(path, read_only, lock_wait_s() if wait_s is None else wait_s)
    except duckdb.IOException as exc:
        text = str(exc)
        if "not a valid DuckDB database" in text:
            raise StoreError(
                f"{path} is not a newsevents store (not a DuckDB database file); "
                "choose another path with --db"
            ) from exc
        if "lock" in text.lower():
            raise StoreError(
                f"{path} is in use by another process (an ingest still running?); "
                "wait for it to finish or use another --db"
            ) from exc
        if "older" in text.lower() or "newer" in text.lower() or "version" in text.lower():
            raise StoreError(f"{path}: DuckDB cannot read this file: {exc}") from exc
        raise StoreError(f"{path}: cannot open the store: {exc}") from exc
    except duckdb.Error as exc:
        raise StoreError(f"{path}: cannot open the store: {exc}") from exc
    try:
        _check_or_create(con, path, read_only=read_only)
    except BaseException:
        con.close()
        raise
    return con


def _is_lock_error(exc: BaseException) -> bool:
    return isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower()


def _open_waiting(path: Path, read_only: bool, wait_s: float) -> Any:
    # Short sleeps at first and a low ceiling: a holder lets go for a moment between batches,
    # and a waiter that polls slowly would miss that moment.
    deadline = time.monotonic() + wait_s
    delay = 0.005
    while True:
        try:
            return _open(path, read_only=read_only)
        except duckdb.IOException as exc:
            if not _is_lock_error(exc) or time.monotonic() + delay > deadline:
                raise
        time.sleep(delay)
        delay = min(delay * 2, 0.04)


def _open(path: Path, *, read_only: bool) -> Any:
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.ConnectionException as exc:
        # DuckDB shares one database instance per file within a process and refuses a second
        # configuration; a reader opened beside a writer in the same process reuses the
        # writer's instance (the Store itself then refuses writes).
        if read_only and "different configuration" in str(exc):
            return duckdb.connect(str(path))
        raise


def _tables(con: Any) -> set[str]:
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
        "AND table_catalog = current_database()"
    ).fetchall()
    return {r[0] for r in rows}


def _check_or_create(con: Any, path: Path, *, read_only: bool) -> None:
    tables = _tables(con)
    if "meta" not in tables:
        if tables:
            raise StoreError(
                f"{path} is a DuckDB file but not a newsevents store (it has no meta table); "
                "choose another path with --db"
            )
        if read_only:
            raise StoreError(missing_store_message(path))
        con.execute("BEGIN")
        con.execute(DDL)
        con.execute(
            "INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
        )
        con.execute("COMMIT")
        return
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None:
        raise StoreError(f"{path} has no schema_version in its meta table; it is not a store")
    version = int(row[0])
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer newsevents (schema version {version}, this one "
            f"reads up to {SCHEMA_VERSION}); upgrade newsevents to read it"
        )
    if version < SCHEMA_VERSION:
        if read_only:
            raise StoreError(
                f"{path} has schema version {version} and needs migrating to "
                f"{SCHEMA_VERSION}: open it once for writing (e.g. `newsevents ingest`)"
            )
        con.execute("BEGIN")
        for v in range(version, SCHEMA_VERSION):
            con.execute(MIGRATIONS[v])
        if version < 2:  # clusters and dyad rows are derived from the stored events
            from newsevents.clusters import rebuild

            rebuild(con)
        con.execute(
            "UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION)]
        )
        con.execute("COMMIT")
