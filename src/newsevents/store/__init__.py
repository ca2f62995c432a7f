"""The event store: an embedded DuckDB file with one write path and read-only queries.

``Store.add`` writes one article and everything derived from it in one transaction
(``add_many`` one batch of articles), keyed by the article's content hash, so readers never see
half an article and re-ingesting is a no-op.
Reads (``events``, ``actors``, ``dyad``, ...) return pandas DataFrames; each read runs on its own
cursor, so one Store can serve several threads.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pandas as pd

from newsevents import aggregates
from newsevents.errors import NewsEventsError, StoreError
from newsevents.export import FORMATS
from newsevents.pipeline import Failure
from newsevents.records import Document
from newsevents.store import cluster_queries, queries
from newsevents.store.prepare import Prepared, prepare
from newsevents.store.schema import SCHEMA_VERSION, connect, default_db_path
from newsevents.store.write import ADDED, COPY, insert_rows, write_batch

__all__ = ["EXPORT_FORMATS", "IngestSummary", "Store", "default_db_path"]

EXPORT_FORMATS = FORMATS


@dataclass(frozen=True, slots=True)
class IngestSummary:
    """What a batch did: articles added, already present, failed, and events written."""

    added: int = 0
    skipped_duplicates: int = 0
    failed: int = 0
    events: int = 0
    failures: tuple[Failure, ...] = ()
    # Near-copies of stored articles (recorded in article_copies, not stored again), and
    # added articles not coded for events because they are not in English.
    copies: int = 0
    not_coded: int = 0

    def line(self) -> str:
        extra = f", {self.copies} near-duplicate copies" if self.copies else ""
        if self.not_coded:
            extra += f", {self.not_coded} not English (stored, not coded)"
        return (
            f"{self.added} added, {self.skipped_duplicates} already present, "
            f"{self.failed} failed, {self.events} events{extra}"
        )


class Store:
    """A newsevents store at ``path`` (default ``$NEWSEVENTS_DB`` or ``./newsevents.duckdb``)."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False,
                 near_copies: bool = True) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        self.read_only = read_only
        # False: near-copies are stored as articles too (a Dask shard, see runners.dask).
        self.near_copies = near_copies
        self._conn: Any = connect(self.path, read_only=read_only)
        self._lock = threading.Lock()
        self._open_lock = threading.Lock()

    @property
    def _con(self) -> Any:
        """The connection, opened again (waiting for the file) if :meth:`release` let it go."""
        with self._open_lock:
            if self._conn is None:
                self._conn = connect(self.path, read_only=self.read_only)
            return self._conn

    def release(self) -> None:
        """Let go of the file until the next read or write, so that other processes (the API,
        ``newsevents events``) can open it meanwhile; ingest calls this between batches.
        (The near-duplicate index outlives the connection: it is keyed by the file.)"""
        with self._lock, self._open_lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    # -- lifecycle ---------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock, self._open_lock:
            if self._conn is not None:
                from newsevents.dedup import forget

                forget(self._conn)
                self._conn.close()
                self._conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, et: type[BaseException] | None, ev: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r}, read_only={self.read_only})"

    # -- the write path ----------------------------------------------------------------------

    def has(self, content_hash: str) -> bool:
        """Whether an article with this content hash is stored (cheap; used before processing)."""
        row = self._read("SELECT 1 FROM articles WHERE content_hash = ?", [content_hash])
        return bool(row)

    def stored_hashes(self, content_hashes: list[str]) -> set[str]:
        """Those of ``content_hashes`` already stored: one indexed query for a batch (a query
        per article costs more than the pipeline on a busy machine)."""
        if not content_hashes:
            return set()
        marks = ", ".join(["?"] * len(content_hashes))
        rows = self._read(f"SELECT content_hash FROM articles WHERE content_hash IN ({marks})",
                          list(content_hashes))
        return {r[0] for r in rows}

    def add(self, doc: Document) -> bool:
        """Write ``doc`` in one transaction; False if its content hash is already stored."""
        return self._write([prepare(doc)])[0] == ADDED

    def add_many(self, docs: Iterable[Document | Prepared | Failure], batch_size: int = 64
                 ) -> IngestSummary:
        """Add documents (or records :func:`newsevents.store.prepare.prepare` made of them,
        e.g. by ingest workers), ``batch_size`` per transaction; a bad one is reported, not
        raised.

        A batch that fails is rolled back and retried one article per transaction, so only the
        bad article is lost and the store never holds part of one.
        """
        added = skipped = events = copies = not_coded = 0
        failures: list[Failure] = []
        batch: list[Prepared] = []

        def flush() -> None:
            nonlocal added, skipped, events, copies, not_coded
            for p, status in self._write_each(batch, failures):
                if status == ADDED:
                    added += 1
                    events += p.events
                    not_coded += p.not_coded
                elif status == COPY:
                    copies += 1
                else:
                    skipped += 1
            batch.clear()

        for doc in docs:
            if isinstance(doc, Failure):
                failures.append(doc)
                continue
            if isinstance(doc, Prepared):
                batch.append(doc)
            else:
                try:
                    batch.append(prepare(doc))
                except NewsEventsError as exc:
                    failures.append(Failure(doc.raw.source, str(exc)))
            if len(batch) >= batch_size:
                flush()
        flush()
        return IngestSummary(added, skipped, len(failures), events, tuple(failures),
                             copies, not_coded)

    def _write_each(
        self, batch: list[Prepared], failures: list[Failure]
    ) -> list[tuple[Prepared, str]]:
        if not batch:
            return []
        try:
            return list(zip(batch, self._write(batch), strict=True))
        except StoreError:
            if len(batch) == 1:
                failures.append(Failure(batch[0].source, str(sys.exc_info()[1])))
                return []
        out = []
        for item in batch:  # isolate the article that broke the batch
            try:
                out.append((item, self._write([item])[0]))
            except StoreError as exc:
                failures.append(Failure(item.source, str(exc)))
        return out

    def _write(self, items: list[Prepared]) -> list[str]:
        if self.read_only:
            raise StoreError(f"{self.path}: this store was opened read-only")
        with self._lock:
            con = self._con
            con.execute("BEGIN TRANSACTION")
            try:
                status = write_batch(con, items, self._insert, near_copies=self.near_copies)
                con.execute("COMMIT")
            except BaseException as exc:
                # Anything, even KeyboardInterrupt mid-write, undoes the whole batch.
                con.execute("ROLLBACK")
                from newsevents.dedup import forget

                forget(con)  # its in-memory index may hold articles just rolled back
                if isinstance(exc, duckdb.Error):
                    names = ", ".join(p.source for p in items[:3])
                    raise StoreError(f"{names}: cannot store the article: {exc}") from exc
                raise
        return status

    _insert = staticmethod(insert_rows)

    # -- reads -------------------------------------------------------------------------------

    def _read(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        cur = self._con.cursor()
        try:
            rows: list[tuple[Any, ...]] = cur.execute(sql, params or []).fetchall()
            return rows
        finally:
            cur.close()

    def _frame(self, fn: Any, *args: Any, **kwargs: Any) -> pd.DataFrame:
        cur = self._con.cursor()
        try:
            df: pd.DataFrame = fn(cur, *args, **kwargs)
            return df
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: query failed: {exc}") from exc
        finally:
            cur.close()

    def events(
        self,
        actor: str | None = None,
        type: str | None = None,
        since: str | date | None = None,
        until: str | date | None = None,
        source: str | None = None,
        target: str | None = None,
        modality: str | Iterable[str] | None = None,
        limit: int | None = None,
        *,
        article_id: str | None = None,
    ) -> pd.DataFrame:
        """Events, newest first, with ``source``/``target`` as lists of actor names (and their
        ``*_countries`` and ``*_ids``). ``actor``/``source``/``target`` take an actor id or an
        ISO3 code; ``since``/``until`` take YYYY-MM-DD, YYYY-MM or YYYY (inclusive)."""
        return self._frame(
            queries.events, actor=actor, type=type, since=since, until=until, source=source,
            target=target, modality=modality, article_id=article_id, limit=limit,
        )

    def actors(self, kind: str | None = None) -> pd.DataFrame:
        """The actor registry with event counts (as source, as target) and mention counts."""
        return self._frame(queries.actors, kind=kind)

    def dyad(
        self,
        a: str,
        b: str,
        freq: str = "month",
        *,
        directed: bool = False,
        modality: str | Iterable[str] | None = queries.FACTUAL,
        clusters: bool = False,
    ) -> pd.DataFrame:
        """Per-period counts for quad classes 1–4 (``q1``..``q4``), ``total``,
        ``goldstein_sum`` and ``goldstein_mean`` between ``a`` and ``b`` (ids or ISO3);
        ``clusters`` counts each real-world event once, not once per article."""
        mods = queries._modalities(modality)
        fast = mods is None or sorted(mods) == sorted(queries.FACTUAL)
        cur = self._con.cursor()
        try:
            fast = fast and aggregates.is_unit(cur, a) and aggregates.is_unit(cur, b)
        finally:
            cur.close()
        if fast or clusters:
            return self._frame(aggregates.dyad_series, a, b, freq=freq, directed=directed,
                               factual=mods is not None,
                               unit="clusters" if clusters else "events")
        return self._frame(queries.dyad, a, b, freq=freq, directed=directed, modality=modality)

    def clusters(self, **filters: Any) -> pd.DataFrame:
        """Event clusters (one row per real-world event), largest first; filters: ``actor``,
        ``type``, ``since``, ``until``, ``min_articles``, ``limit``, ``factual``."""
        return self._frame(cluster_queries.clusters, **filters)

    def cluster_events(self, cluster_id: str) -> pd.DataFrame:
        return self._frame(cluster_queries.cluster_events, cluster_id)

    def network(self, **options: Any) -> pd.DataFrame:
        """Weighted, signed edges between actors (see :func:`newsevents.aggregates.network`)."""
        return self._frame(aggregates.network, **options)

    def top_partners(self, actor: str, **options: Any) -> pd.DataFrame:
        return self._frame(aggregates.top_partners, actor, **options)

    def event_page(self, **filters: Any) -> pd.DataFrame:
        return self._frame(aggregates.event_page, **filters)

    def changes(self, actor: str, partner: str | None = None, **options: Any) -> pd.DataFrame:
        """What changed between two periods (``before=``, ``after=``: YYYY-MM or A..B)."""
        return self._frame(aggregates.changes, actor, partner, **options)

    def profile(self, actor: str, **options: Any) -> aggregates.ActorProfile:
        cur = self._con.cursor()
        try:
            return aggregates.profile(cur, actor, **options)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: query failed: {exc}") from exc
        finally:
            cur.close()

    def optimize(self) -> None:
        """Rewrite the dyad table sorted by unit, partner and day, so that dyad, partner and
        event-page queries read only the row groups of the units asked for (run after large
        ingests; ingest appends unsorted)."""
        self._maintain(lambda con: con.execute(
            "CREATE OR REPLACE TABLE event_dyads AS SELECT * FROM event_dyads "
            "ORDER BY unit, partner NULLS FIRST, day, event_id"))
        self._con.execute("CHECKPOINT")  # write the sorted row groups out now

    def rebuild_clusters(self) -> int:
        """Recompute every cluster and dyad row from the stored events; returns events."""
        from newsevents.clusters import rebuild

        out: list[int] = []
        self._maintain(lambda con: out.append(rebuild(con)))
        return out[0]

    def _maintain(self, work: Callable[[Any], Any]) -> None:
        """Run ``work(con)`` in one write transaction (maintenance of derived tables)."""
        if self.read_only:
            raise StoreError(f"{self.path}: this store was opened read-only")
        with self._lock:
            con = self._con
            con.execute("BEGIN TRANSACTION")
            try:
                work(con)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    def top_dyads(self, n: int = 10, *, by: str = "actor") -> pd.DataFrame:
        return self._frame(queries.top_dyads, n=n, by=by)

    def counts_by_type(self) -> pd.DataFrame:
        return self._frame(queries.counts_by_type)

    def article(self, id: str) -> dict[str, Any] | None:
        """One article with its actors, places and events (shaped like ``to_json``), or None."""
        from newsevents.store.article import article_dict

        cur = self._con.cursor()
        try:
            return article_dict(cur, id)
        finally:
            cur.close()

    def stats(self) -> dict[str, Any]:
        """Counts of each table, the date range of events, the path and schema version."""
        (row,) = self._read(
            f"""SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events),
                (SELECT count(*) FROM actors), (SELECT count(*) FROM places),
                (SELECT min({queries._DAY}) FROM events e JOIN articles a ON a.id = e.article_id),
                (SELECT max({queries._DAY}) FROM events e JOIN articles a ON a.id = e.article_id),
                (SELECT max(ingested_at) FROM articles)"""
        )
        return {
            "path": str(self.path),
            "schema_version": SCHEMA_VERSION,
            "articles": row[0],
            "events": row[1],
            "actors": row[2],
            "places": row[3],
            "first_day": row[4].isoformat() if row[4] else None,
            "last_day": row[5].isoformat() if row[5] else None,
            "last_ingest": row[6].isoformat(timespec="seconds") if row[6] else None,
        } | {key: value for key, value in self._read(  # a Dask dataset's cross-shard pass
            "SELECT key, value FROM meta WHERE key = 'cross_shard_pass'")}

    def export(self, out: str | Path, fmt: str = "parquet", *, unit: str = "clusters") -> int:
        """Write the store to ``out`` as csv, jsonl, parquet (a folder: date-partitioned),
        gdelt (GDELT 2.0 TSV) or plover (JSON lines); returns records written. GDELT and
        PLOVER write one record per cluster unless ``unit="events"``."""
        from newsevents.export import export

        if fmt not in EXPORT_FORMATS:
            raise StoreError(
                f"unknown export format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}"
            )
        cur = self._con.cursor()
        try:
            return export(cur, out, fmt, unit)
        except (duckdb.Error, OSError, ValueError) as exc:
            raise StoreError(f"cannot export to {out}: {exc}") from exc
        finally:
            cur.close()
