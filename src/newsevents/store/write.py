"""The store's single write path: a batch of articles in one transaction, rows inserted in bulk.

Small row sets go in as one multi-row ``INSERT ... VALUES``; larger ones through an Arrow table,
which DuckDB ingests without binding each value (about ten times faster for a batch of 50
articles than bound parameters).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import pyarrow as pa

from newsevents.clusters import (
    ClusterKey,
    dyad_rows,
    modality_group,
    mutual_act,
    place_for_clustering,
)
from newsevents.clusters import assign as assign_clusters
from newsevents.dedup import split_copies
from newsevents.errors import StoreError
from newsevents.records import Actor, Document
from newsevents.store.rows import ArticleRows, actor_row, merge_actor

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


def write_batch(con: Any, items: Sequence[tuple[Document, ArticleRows]], insert: Insert
                ) -> list[bool]:
    """Write the articles of ``items`` not yet stored; the caller holds the transaction.

    Returns, per item, whether it was added (False: its content hash was already stored, or it
    repeats an earlier item of the batch). Raises StoreError for an article id already stored
    with other content.
    """
    hashes = [rows.article[1] for _, rows in items]
    if len(hashes) == 1:
        stored = {r[0] for r in con.execute(
            "SELECT content_hash FROM articles WHERE content_hash = ?", hashes).fetchall()}
    else:
        stored = {r[0] for r in con.execute(
            "SELECT content_hash FROM articles WHERE list_contains(?, content_hash)", [hashes]
        ).fetchall()}
    fresh: list[tuple[Document, ArticleRows]] = []
    added: list[bool] = []
    for item in items:
        h = item[1].article[1]
        added.append(h not in stored)
        if h not in stored:
            stored.add(h)
            fresh.append(item)
    if not fresh:
        return added
    # Near-copies of stored articles are recorded as copies, not stored again (newsevents.dedup).
    copies = split_copies(con, fresh)
    if any(copies):
        positions = [i for i, new in enumerate(added) if new]
        for pos, is_copy in zip(positions, copies, strict=True):
            added[pos] = not is_copy
        fresh = [item for item, is_copy in zip(fresh, copies, strict=True) if not is_copy]
        if not fresh:
            return added
    ids = [rows.article[0] for _, rows in fresh]
    taken = {r[0] for r in con.execute(
        "SELECT id FROM articles WHERE list_contains(?, id)", [ids]).fetchall()}
    seen: set[str] = set()
    for doc, rows in fresh:
        art_id = rows.article[0]
        if art_id in taken or art_id in seen:
            raise StoreError(
                f"{doc.raw.source}: article id {art_id} is already stored with other content "
                "(the input changed since it was ingested); use another --db to keep both"
            )
        seen.add(art_id)
    insert(con, "articles", [rows.article for _, rows in fresh], "")
    _upsert_actors(con, [a for _, rows in fresh for a in rows.actors], insert)
    insert(con, "actor_mentions", [r for _, rows in fresh for r in rows.actor_mentions], "")
    places = {p[0]: p for _, rows in fresh for p in rows.places}
    insert(con, "places", list(places.values()), "OR IGNORE")
    insert(con, "place_mentions", [r for _, rows in fresh for r in rows.place_mentions], "")
    insert(con, "events", [r for _, rows in fresh for r in rows.events], "")
    insert(con, "event_actors", [r for _, rows in fresh for r in rows.event_actors], "")
    insert(con, "actor_roles", [(rows.article[0], a.id, role) for _, rows in fresh
                                for a in rows.actors for role in a.roles], "")
    keys, dyads = cluster_inputs([rows for _, rows in fresh])
    assign_clusters(con, keys, dyads)
    return added


def cluster_inputs(batch: Sequence[ArticleRows]) -> tuple[list[ClusterKey], list[Row]]:
    """The clustering keys and dyad rows of the events of ``batch`` (see newsevents.clusters)."""
    keys: list[ClusterKey] = []
    dyads: list[Row] = []
    for rows in batch:
        published = rows.article[5]
        place_country = {p[0]: p[2] for p in rows.places}
        sides: dict[tuple[str, str], list[str]] = {}
        for event_id, actor_id, role, _pos, country in rows.event_actors:
            sides.setdefault((event_id, role), []).append(country or actor_id)
        for ev in rows.events:
            event_id, etype, quad, goldstein, modality = ev[0], ev[2], ev[5], ev[6], ev[7]
            day = ev[8] or published
            src = tuple(sorted(set(sides.get((event_id, "source"), []))))
            tgt = tuple(sorted(set(sides.get((event_id, "target"), []))))
            place = place_for_clustering(place_country.get(ev[11]) if ev[11] else None, ev[12])
            keys.append(ClusterKey(event_id, etype, modality_group(modality), day, src, tgt,
                                   place, mutual=mutual_act(etype, ev[4])))
            dyads += dyad_rows(event_id, day, etype, quad, goldstein, modality, src, tgt)
    return keys, dyads


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
