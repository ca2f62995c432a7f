"""The store's single write path: a batch of articles in one transaction, rows inserted in bulk.

The rows, signatures and clustering keys come ready-made (:mod:`newsevents.store.prepare`,
run by ingest workers); what is left here is what needs the store: which articles are new,
near-copy lookup, the actor registry merge, the inserts and the cluster assignment.

Small row sets go in as one multi-row ``INSERT ... VALUES``; larger ones through an Arrow table,
which DuckDB ingests without binding each value (about ten times faster for a batch of 50
articles than bound parameters).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import pyarrow as pa

from newsevents.clusters import assign as assign_clusters
from newsevents.dedup import split_copies
from newsevents.errors import StoreError
from newsevents.records import Actor
from newsevents.store.prepare import Prepared
from newsevents.store.rows import actor_row, merge_actor

Row = tuple[Any, ...]
Insert = Callable[[Any, str, Sequence[Row], str], None]

_VALUES_MAX = 16  # rows; above this, Arrow
_CHUNK = 500  # rows per VALUES statement


_SCHEMAS: dict[str, Any] = {}  # table -> Arrow schema (fixed for this code's schema version)


def _schema(con: Any, table: str) -> Any:
    if table not in _SCHEMAS:
        _SCHEMAS[table] = con.sql(f"SELECT * FROM {table} LIMIT 0").to_arrow_table().schema
    return _SCHEMAS[table]


def insert_rows(con: Any, table: str, rows: Sequence[Row], conflict: str = "") -> None:
    """Insert ``rows`` (tuples in column order) into ``table``; ``conflict`` e.g. "OR IGNORE"."""
    if not rows:
        return
    if len(rows) <= _VALUES_MAX:
        marks = "(" + ", ".join(["?"] * len(rows[0])) + ")"
        for i in range(0, len(rows), _CHUNK):
            chunk = rows[i : i + _CHUNK]
            sql = f"INSERT {conflict} INTO {table} VALUES " + ", ".join([marks] * len(chunk))
            con.execute(sql, [v for r in chunk for v in r])
        return
    schema = _schema(con, table)
    columns = [pa.array(list(col), type=schema.field(i).type)
               for i, col in enumerate(zip(*rows, strict=True))]
    batch = pa.table(columns, schema=schema)
    con.register("_newsevents_batch", batch)
    try:
        con.execute(f"INSERT {conflict} INTO {table} SELECT * FROM _newsevents_batch")
    finally:
        con.unregister("_newsevents_batch")


ADDED, PRESENT, COPY = "added", "present", "copy"


def write_batch(con: Any, items: Sequence[Prepared], insert: Insert, *,
                near_copies: bool = True) -> list[str]:
    """Write the articles of ``items`` not yet stored; the caller holds the transaction.

    Returns, per item, :data:`ADDED`, :data:`PRESENT` (its content hash was already stored, or
    it repeats an earlier item of the batch) or :data:`COPY` (a near-copy of a stored article,
    recorded in ``article_copies``). Raises StoreError for an article id already stored with
    other content. With ``near_copies`` False every new article is stored (a Dask shard: which
    articles are near-copies is decided across all shards once they are done).
    """
    # One scan for both checks (list_contains beats an IN list of parameters here, index or
    # not): which hashes are stored, and which ids are taken.
    stored: set[str] = set()
    taken: set[str] = set()
    for art_id, content_hash, same in con.execute(
        "SELECT id, content_hash, list_contains($1, content_hash) FROM articles "
        "WHERE list_contains($1, content_hash) OR list_contains($2, id)",
        [[p.content_hash for p in items], [p.article_id for p in items]]).fetchall():
        taken.add(art_id)  # (an item whose hash is stored is skipped before this matters)
        if same:
            stored.add(content_hash)
    status: list[str] = []
    fresh: list[Prepared] = []
    for p in items:
        if p.content_hash in stored:
            status.append(PRESENT)
        else:
            stored.add(p.content_hash)
            fresh.append(p)
            status.append(ADDED)
    if not fresh:
        return status
    # Near-copies of stored articles are recorded as copies, not stored again (newsevents.dedup).
    copies = split_copies(con, fresh, insert) if near_copies else []
    if any(copies):
        positions = [i for i, s in enumerate(status) if s == ADDED]
        for pos, is_copy in zip(positions, copies, strict=True):
            if is_copy:
                status[pos] = COPY
        fresh = [p for p, is_copy in zip(fresh, copies, strict=True) if not is_copy]
        if not fresh:
            return status
    seen: set[str] = set()
    for p in fresh:
        if p.article_id in taken or p.article_id in seen:
            raise StoreError(
                f"{p.source}: article id {p.article_id} is already stored with other content "
                "(the input changed since it was ingested); use another --db to keep both"
            )
        seen.add(p.article_id)
    batch = [p.rows for p in fresh]
    insert(con, "articles", [rows.article for rows in batch], "")
    _upsert_actors(con, [a for rows in batch for a in rows.actors], insert)
    insert(con, "actor_mentions", [r for rows in batch for r in rows.actor_mentions], "")
    places = {p[0]: p for rows in batch for p in rows.places}
    insert(con, "places", list(places.values()), "OR IGNORE")
    insert(con, "place_mentions", [r for rows in batch for r in rows.place_mentions], "")
    insert(con, "events", [r for rows in batch for r in rows.events], "")
    insert(con, "event_actors", [r for rows in batch for r in rows.event_actors], "")
    insert(con, "actor_roles", [r for p in fresh for r in p.roles], "")
    assign_clusters(con, [k for p in fresh for k in p.keys], [d for p in fresh for d in p.dyads])
    return status


def _upsert_actors(con: Any, actors: list[Actor], insert: Insert) -> None:
    """Merge into the global registry: first name and kind kept, gaps filled, roles added."""
    if not actors:
        return
    incoming: dict[str, Actor] = {}
    for a in actors:
        incoming[a.id] = merge_actor(incoming[a.id], a) if a.id in incoming else a
    old = {
        r[0]: Actor(id=r[0], name=r[1], kind=r[2], country=r[3], sector=r[4],
                    roles=tuple(json.loads(r[5] or "[]")))
        for r in con.execute(
            "SELECT id, name, kind, country, sector, roles FROM actors WHERE list_contains(?, id)",
            [list(incoming)],
        ).fetchall()
    }
    merged = [merge_actor(old[i], a) if i in old else a for i, a in incoming.items()]
    changed = [a for a in merged if old.get(a.id) != a]
    insert(con, "actors", [actor_row(a) for a in changed], "OR REPLACE")
