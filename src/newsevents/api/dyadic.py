"""Fast paths of the API through the store's sorted ``event_dyads`` table (see
:mod:`newsevents.aggregates`): one row per event per ordered pair of units, so an actor's or a
dyad's events are read from its own row groups instead of joining the whole events table.

Each function returns None when the filter asks for something ``event_dyads`` cannot answer
(a person rather than their country, a place, a text search, a modality); the caller then
falls back to the raw tables, whose figures these match.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsevents.api.queries import EventFilter

# Filters that event_dyads carries; any other set filter sends the query to the raw tables.
_OTHER = ("source", "target", "modality", "q", "article", "place")


def unit_of(con: Any, actor: str) -> str | None:
    """``actor`` when the API's filter on it (its id, or a country code's people) picks exactly
    the events whose dyad unit is ``actor``; else None (a person counts under their country)."""
    row = con.execute(
        "SELECT count(*) FILTER (WHERE actor_id = ? AND coalesce(country, actor_id) <> ?), "
        "count(*) FILTER (WHERE country = ? AND country <> ?) FROM event_actors",
        [actor, actor, actor.upper(), actor],
    ).fetchone()
    return actor if row[0] == 0 and row[1] == 0 else None


def _add_filters(f: EventFilter, where: list[str], params: list[Any]) -> None:
    """The type, quad-class and date parts of ``f`` as conditions on the dyad rows ``d``."""
    if f.type:
        where.append("d.type = ?")
        params.append(f.type)
    if f.quad_class:
        where.append("list_contains(?, d.quad_class)")
        params.append(sorted(set(f.quad_class)))
    if f.since:
        where.append("d.day >= ?")
        params.append(f.since)
    if f.until:
        where.append("d.day <= ?")
        params.append(f.until)


def events_sql(con: Any, f: EventFilter, *, factual: bool) -> tuple[str, list[Any]] | None:
    """A subquery of the events matching ``f`` (one row each: ``id``, ``day``, ``type``,
    ``quad_class``, ``goldstein``), or None when ``f`` needs the raw tables. Only for a filter
    on an actor or partner: events with no actor have no dyad rows."""
    if any(getattr(f, k) for k in _OTHER) or not (f.actor or f.partner):
        return None
    units = [unit_of(con, v) if v else None for v in (f.actor, f.partner)]
    if any(v and u is None for v, u in zip((f.actor, f.partner), units, strict=True)):
        return None
    where: list[str] = []
    params: list[Any] = []
    a, p = units
    if a and p:  # the two on opposite sides
        where += ["d.unit = ?", "d.partner = ?"]
        params += [a, p]
    else:
        where.append("d.unit = ?")
        params.append(a or p)
    if factual:
        where.append("d.factual")
    _add_filters(f, where, params)
    # An event has one row per partner of the unit: one row per event here.
    sql = ("(SELECT d.event_id AS id, any_value(d.day) AS day, any_value(d.type) AS type, "
           "any_value(d.quad_class) AS quad_class, any_value(d.goldstein) AS goldstein "
           f"FROM event_dyads d WHERE {' AND '.join(where)} GROUP BY d.event_id)")
    return sql, params


def top_dyads_sql() -> str:
    """Undirected pairs of units with their factual events, cooperation and conflict."""
    return (
        "SELECT unit AS a, partner AS b, count(*) AS events, "
        "count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation, "
        "count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict "
        "FROM event_dyads WHERE factual AND partner IS NOT NULL AND unit < partner "
        "GROUP BY 1, 2 ORDER BY events DESC, a, b LIMIT ?"
    )


def partners_sql() -> str:
    """An actor unit's partners (either side) over factual events, busiest first."""
    return (
        "SELECT partner AS id, count(*) AS events, "
        "count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation, "
        "count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict "
        "FROM event_dyads WHERE unit = ? AND partner IS NOT NULL AND factual "
        "GROUP BY partner ORDER BY events DESC, partner LIMIT 50"
    )


def network_sql(con: Any, f: EventFilter) -> tuple[str, list[Any]] | None:
    """Directed source → target pairs of country units over the factual events matching ``f``
    (as ``graphs.network`` by country), or None when ``f`` needs the raw tables."""
    if any(getattr(f, k) for k in _OTHER):
        return None
    where = ["d.factual", "d.outgoing", "d.partner IS NOT NULL"]
    params: list[Any] = []
    if f.actor or f.partner:
        inner = events_sql(con, f, factual=True)
        if inner is None:
            return None
        # Every pair of the matching events, not only those touching the actor.
        where.append(f"d.event_id IN (SELECT id FROM {inner[0]})")
        params += inner[1]
    else:
        _add_filters(f, where, params)
    sql = (
        "SELECT d.unit AS source, d.partner AS target, count(*) AS events, "
        "count(*) FILTER (WHERE d.quad_class IN (1, 2)) AS cooperation, "
        "count(*) FILTER (WHERE d.quad_class IN (3, 4)) AS conflict, "
        "avg(d.goldstein) AS goldstein "
        f"FROM event_dyads d WHERE {' AND '.join(where)} "
        "GROUP BY 1, 2 ORDER BY events DESC, source, target LIMIT ?"
    )
    return sql, params
