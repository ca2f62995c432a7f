"""Cross-article event clusters: the events that report one real-world event, found incrementally.

Two events are *linked* when they have the same PLOVER type and modality group, days at most
:data:`WINDOW_DAYS` apart, places in the same country (or one unknown), and the same sides: for
mutual acts (the types in :data:`MUTUAL`, and signing an agreement, CAMEO :data:`MUTUAL_CODES`,
when both events are one) the participants share two units (one if either has only one), for
directed types the sources share a unit and the targets share a unit (an empty side matches
anything, but one side must match). A *unit* is an actor's country, else the actor id; a unit on
both sides of one event counts as a source only. Only a place found in the event's own sentence
counts (:func:`place_for_clustering`): a dateline or the article's main place is a guess that
would split two reports of one meeting.
A cluster is a connected component of the link graph, so the clusters of a set of events do not
depend on the order in which they were ingested; its id is ``cl:`` + its smallest event id, so
it is stable for the same set of events. Events with no day stay alone. Single links can chain
reports of a daily repeated event (strikes day after day) into one long cluster.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pyarrow as pa

__all__ = [
    "MUTUAL",
    "MUTUAL_CODES",
    "WINDOW_DAYS",
    "ClusterKey",
    "assign",
    "cluster_id_for",
    "dyad_rows",
    "linked",
    "modality_group",
    "mutual_act",
    "place_for_clustering",
    "rebuild",
]

WINDOW_DAYS = 1
# Types whose two sides are interchangeable: "A met B" and "B and A held talks" are one event.
MUTUAL = frozenset({"AGREE", "CONSULT", "COOPERATE"})
# CAMEO codes of acts two parties do together whatever their type ("Iran and Russia signed a
# treaty", "Russia signed a treaty with Iran"): 057 sign a formal agreement (PLOVER SUPPORT).
MUTUAL_CODES = ("057",)
FACTUAL = ("asserted", "reported")


def mutual_act(type: str, cameo: str | None) -> bool:
    """Whether an event of ``type`` coded ``cameo`` has interchangeable sides."""
    return type in MUTUAL or bool(cameo and cameo.startswith(MUTUAL_CODES))


def place_for_clustering(country: str | None, basis: str | None) -> str | None:
    """The place country clustering compares: only a place named in the event's sentence."""
    return country if basis == "sentence" else None


def modality_group(modality: str) -> str:
    """``factual`` for asserted and reported events; other modalities cluster among themselves."""
    return "factual" if modality in FACTUAL else modality


@dataclass(frozen=True, slots=True)
class ClusterKey:
    """What clustering looks at in one event (one row of ``event_clusters``)."""

    event_id: str
    type: str
    grp: str
    day: date | None
    source: tuple[str, ...]  # sorted distinct units
    target: tuple[str, ...]
    place_country: str | None
    cluster_id: str = ""
    # Not stored in event_clusters: read from the event's CAMEO code (see mutual_act).
    mutual: bool = False

    def __post_init__(self) -> None:
        # "Putin and Pezeshkian signed ... in the Kremlin" must not make Russia its own target.
        if set(self.source) & set(self.target):
            object.__setattr__(self, "target",
                               tuple(t for t in self.target if t not in self.source))


def cluster_id_for(event_id: str) -> str:
    return "cl:" + event_id


def _shared(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    return len(set(a) & set(b))


def linked(a: ClusterKey, b: ClusterKey, window: int = WINDOW_DAYS) -> bool:
    """Whether ``a`` and ``b`` report the same real-world event (symmetric in a and b)."""
    if a.type != b.type or a.grp != b.grp or a.day is None or b.day is None:
        return False
    if abs((a.day - b.day).days) > window:
        return False
    if a.place_country and b.place_country and a.place_country != b.place_country:
        return False
    if a.type in MUTUAL or (a.mutual and b.mutual):
        ua, ub = set(a.source) | set(a.target), set(b.source) | set(b.target)
        n = len(ua & ub)
        return n >= 1 and n >= min(2, len(ua), len(ub))
    s, t = _shared(a.source, b.source), _shared(a.target, b.target)
    ok_s = s > 0 or not a.source or not b.source
    ok_t = t > 0 or not a.target or not b.target
    return ok_s and ok_t and (s + t) > 0


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


_KEY_SCHEMA = pa.schema([
    ("event_id", pa.string()), ("cluster_id", pa.string()), ("type", pa.string()),
    ("grp", pa.string()), ("day", pa.date32()), ("source", pa.list_(pa.string())),
    ("target", pa.list_(pa.string())), ("place_country", pa.string()),
])


def _table(keys: Sequence[ClusterKey]) -> pa.Table:
    cols = list(zip(*[(k.event_id, k.cluster_id, k.type, k.grp, k.day, list(k.source),
                       list(k.target), k.place_country) for k in keys], strict=True))
    return pa.table([pa.array(list(c), type=f.type) for c, f in zip(cols, _KEY_SCHEMA,
                                                                    strict=True)],
                    schema=_KEY_SCHEMA)


def _candidates(con: Any, keys: Sequence[ClusterKey], window: int) -> list[ClusterKey]:
    """Stored events that may link to one of ``keys`` (a superset: :func:`linked` decides)."""
    dated = [k for k in keys if k.day is not None]
    if not dated:
        return []
    con.register("_newsevents_keys", _table(dated))
    try:
        rows = con.execute(f"""
            SELECT DISTINCT c.event_id, c.cluster_id, c.type, c.grp, c.day, c.source, c.target,
                c.place_country, e.cameo
            FROM event_clusters c JOIN _newsevents_keys n
              ON c.type = n.type AND c.grp = n.grp
             AND c.day BETWEEN n.day - INTERVAL {int(window)} DAY
                           AND n.day + INTERVAL {int(window)} DAY
            JOIN events e ON e.id = c.event_id
            WHERE list_has_any(list_concat(c.source, c.target), list_concat(n.source, n.target))
        """).fetchall()
    finally:
        con.unregister("_newsevents_keys")
    return [ClusterKey(event_id=r[0], cluster_id=r[1], type=r[2], grp=r[3], day=r[4],
                       source=tuple(r[5]), target=tuple(r[6]), place_country=r[7],
                       mutual=mutual_act(r[2], r[8]))
            for r in rows]


def _components(new: Sequence[ClusterKey], old: Sequence[ClusterKey], window: int
                ) -> tuple[dict[str, str], dict[str, str]]:
    """Cluster ids for ``new`` events, and renames of stored clusters merged by them."""
    uf = _UnionFind()
    # Buckets by (type, modality group, day): an event is only compared with the events of
    # the days within the window (linked() needs the same type and group, and a day).
    stored: dict[tuple[str, str, date], list[ClusterKey]] = {}
    for k in old:
        if k.day is not None:
            stored.setdefault((k.type, k.grp, k.day), []).append(k)
    earlier: dict[tuple[str, str, date], list[ClusterKey]] = {}
    for k in new:
        uf.find("e:" + k.event_id)
        if k.day is None:
            continue
        for d in range(-window, window + 1):
            day = k.day + timedelta(days=d)
            for o in stored.get((k.type, k.grp, day), ()):
                if linked(k, o, window):
                    uf.union("e:" + k.event_id, "c:" + o.cluster_id)
            for o in earlier.get((k.type, k.grp, day), ()):
                if linked(k, o, window):
                    uf.union("e:" + k.event_id, "e:" + o.event_id)
        earlier.setdefault((k.type, k.grp, k.day), []).append(k)
    # The smallest event id of each component names it; a stored cluster's smallest event id is
    # recoverable from its own id.
    smallest: dict[str, str] = {}
    for node in list(uf.parent):
        root = uf.find(node)
        cid = cluster_id_for(node[2:]) if node.startswith("e:") else node[2:]
        if root not in smallest or cid < smallest[root]:
            smallest[root] = cid
    new_ids = {k.event_id: smallest[uf.find("e:" + k.event_id)] for k in new}
    renames = {node[2:]: smallest[uf.find(node)] for node in uf.parent
               if node.startswith("c:") and smallest[uf.find(node)] != node[2:]}
    return new_ids, renames


def assign(con: Any, keys: Sequence[ClusterKey], dyads: Sequence[tuple[Any, ...]],
           window: int = WINDOW_DAYS) -> None:
    """Add new events to ``event_clusters`` (joining or merging stored clusters) and their
    rows to ``event_dyads``; the caller holds the write transaction."""
    if not keys:
        return
    new_ids, renames = _components(keys, _candidates(con, keys, window), window)
    if renames:
        mapping = pa.table({"old": list(renames), "new": list(renames.values())})
        con.register("_newsevents_renames", mapping)
        try:
            for table in ("event_clusters", "event_dyads"):
                con.execute(f"""UPDATE {table} SET cluster_id = r.new FROM _newsevents_renames r
                                WHERE {table}.cluster_id = r.old""")
        finally:
            con.unregister("_newsevents_renames")
    rows = [ClusterKey(k.event_id, k.type, k.grp, k.day, k.source, k.target, k.place_country,
                       new_ids[k.event_id], k.mutual) for k in keys]
    con.register("_newsevents_keys", _table(rows))
    try:
        con.execute("INSERT INTO event_clusters SELECT * FROM _newsevents_keys")
    finally:
        con.unregister("_newsevents_keys")
    if dyads:
        table = pa.table(
            [pa.array([new_ids[r[0]] if i == 1 else r[i] for r in dyads], type=t)
             for i, t in enumerate(_DYAD_TYPES)], names=_DYAD_NAMES)
        con.register("_newsevents_dyads", table)
        try:
            con.execute("INSERT INTO event_dyads SELECT * FROM _newsevents_dyads")
        finally:
            con.unregister("_newsevents_dyads")


_DYAD_NAMES = ["event_id", "cluster_id", "day", "unit", "partner", "outgoing", "type",
               "quad_class", "goldstein", "factual"]
_DYAD_TYPES = [pa.string(), pa.string(), pa.date32(), pa.string(), pa.string(), pa.bool_(),
               pa.string(), pa.int8(), pa.float64(), pa.bool_()]


def dyad_rows(event_id: str, day: date | None, type: str, quad_class: int, goldstein: float,
              modality: str, source: Iterable[str], target: Iterable[str]
              ) -> list[tuple[Any, ...]]:
    """The ``event_dyads`` rows of one event (cluster id filled in by :func:`assign`).

    One row per ordered pair of distinct units on opposite sides, both ways round (``outgoing``
    true from source to target, false the other way), and a row with no partner for a unit that
    has none. Co-sources are not a dyad ("Iran and Russia condemned X"), as in the API.
    """
    src = sorted(set(source))
    tgt = sorted(set(target) - set(src))  # a unit on both sides is a source (see ClusterKey)
    fact = modality in FACTUAL
    pairs: dict[tuple[str, str | None], bool] = {}
    for s in src:
        for t in tgt:
            if s != t:
                pairs[(s, t)] = True
                pairs.setdefault((t, s), False)
    paired = {a for a, _ in pairs}
    for u in src:
        if u not in paired:
            pairs[(u, None)] = True
    for u in tgt:
        if u not in paired:
            pairs[(u, None)] = False
    return [(event_id, "", day, a, b, out, type, quad_class, goldstein, fact)
            for (a, b), out in sorted(pairs.items(), key=lambda kv: (kv[0][0], kv[0][1] or ""))]


def rebuild(con: Any, window: int = WINDOW_DAYS) -> int:
    """Recompute ``event_clusters`` and ``event_dyads`` from the stored events (after a schema
    migration, or to apply another window); the caller holds the transaction. Returns events."""
    con.execute("DELETE FROM event_clusters")
    con.execute("DELETE FROM event_dyads")
    rows = con.execute(f"""
        SELECT e.id, e.type, e.modality, coalesce(e.date, a.published), e.quad_class,
            e.goldstein, CASE WHEN e.place_basis = 'sentence' THEN p.country END, e.cameo,
            list(DISTINCT coalesce(x.country, x.actor_id)) FILTER (WHERE x.role = 'source'),
            list(DISTINCT coalesce(x.country, x.actor_id)) FILTER (WHERE x.role = 'target')
        FROM events e JOIN articles a ON a.id = e.article_id
        LEFT JOIN places p ON p.id = e.place_id
        LEFT JOIN event_actors x ON x.event_id = e.id
        GROUP BY ALL ORDER BY {"coalesce(e.date, a.published)"} NULLS LAST, e.id
    """).fetchall()
    step = 5000
    for i in range(0, len(rows), step):
        keys, dyads = [], []
        for r in rows[i : i + step]:
            src, tgt = tuple(sorted(r[8] or [])), tuple(sorted(r[9] or []))
            keys.append(ClusterKey(r[0], r[1], modality_group(r[2]), r[3], src, tgt, r[6],
                                   mutual=mutual_act(r[1], r[7])))
            dyads += dyad_rows(r[0], r[3], r[1], r[4], r[5], r[2], src, tgt)
        assign(con, keys, dyads, window)
    return len(rows)
