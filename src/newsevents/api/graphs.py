"""Server-side aggregates behind the dashboard's network and world map (a page gets counts,
never raw events, so both stay fast on millions of events).

Both count *factual* events (see :mod:`newsevents.api.queries`) unless the filter names a
modality, and group people and groups under their country as the dyads do.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from newsevents.api import dyadic, models
from newsevents.api.queries import (
    _FROM,
    _QUAD_COUNTS,
    EventFilter,
    _rows,
    factual_where,
    names_of,
)

# What one side of an event counts under: its country (Pezeshkian → IRN), or the actor itself.
_UNITS = {"country": "COALESCE({t}.country, {t}.actor_id)", "actor": "{t}.actor_id"}


@cache
def _numeric(alpha3: str) -> str | None:
    import pycountry

    c = pycountry.countries.get(alpha_3=alpha3)
    return None if c is None else str(c.numeric)


def _slow_network(con: Any, unit: str, where: str, params: list[Any], n: int
                  ) -> list[dict[str, Any]]:
    """Directed pairs from the raw tables (by actor, or a filter event_dyads lacks)."""
    # One row per (event, source unit, target unit): joint actors of one country count once.
    return _rows(
        con,
        "WITH ev AS (SELECT e.id, e.quad_class, e.goldstein "
        f"{_FROM}{where}), "
        "pairs AS (SELECT DISTINCT s.event_id, "
        f"{unit.format(t='s')} AS src, {unit.format(t='t')} AS dst "
        "FROM event_actors s JOIN event_actors t ON s.event_id = t.event_id "
        "AND s.role = 'source' AND t.role = 'target') "
        "SELECT p.src AS source, p.dst AS target, count(*) AS events, "
        "count(*) FILTER (WHERE ev.quad_class IN (1, 2)) AS cooperation, "
        "count(*) FILTER (WHERE ev.quad_class IN (3, 4)) AS conflict, "
        "avg(ev.goldstein) AS goldstein "
        "FROM pairs p JOIN ev ON ev.id = p.event_id WHERE p.src <> p.dst "
        "GROUP BY 1, 2 ORDER BY events DESC, source, target LIMIT ?",
        [*params, n],
    )


def network(con: Any, f: EventFilter, *, n: int, by: str = "country") -> models.Network:
    """The ``n`` busiest directed source → target pairs among the matching events."""
    unit = _UNITS[by]
    where, params = factual_where(f)
    fast = dyadic.network_sql(con, f) if by == "country" else None
    if fast is not None:
        rows = _rows(con, fast[0], [*fast[1], n])
    else:
        rows = _slow_network(con, unit, where, params, n)
    ids = {r["source"] for r in rows} | {r["target"] for r in rows}
    ids = {r["source"] for r in rows} | {r["target"] for r in rows}
    names = names_of(con, ids)
    kinds = {
        r["id"]: r["kind"]
        for r in _rows(con, "SELECT id, kind FROM actors WHERE list_contains(?, id)", [sorted(ids)])
    } if ids else {}
    weight: dict[str, int] = dict.fromkeys(ids, 0)
    for r in rows:
        weight[r["source"]] += r["events"]
        weight[r["target"]] += r["events"]
    nodes = [
        models.NetworkNode(id=i, name=names[i], kind=kinds.get(i, "country"), events=weight[i])
        for i in sorted(ids, key=lambda i: (-weight[i], i))
    ]
    edges = [
        models.NetworkEdge(**{**r, "goldstein": None if r["goldstein"] is None
                              else round(float(r["goldstein"]), 2)})
        for r in rows
    ]
    return models.Network(nodes=nodes, edges=edges)


def world_map(con: Any, f: EventFilter, *, by: str = "place", places: int = 500) -> models.WorldMap:
    """Event counts per country (where they happened, or whose actors they involve) and the
    busiest places with coordinates."""
    where, params = factual_where(f)
    if by == "actor":
        countries = _rows(
            con,
            f"WITH ev AS (SELECT e.id, e.quad_class {_FROM}{where}) "
            f"SELECT x.country, {_QUAD_COUNTS} FROM ev e JOIN "
            "(SELECT DISTINCT event_id, country FROM event_actors WHERE country IS NOT NULL) x "
            "ON x.event_id = e.id GROUP BY x.country",
            params,
        )
        unplaced = con.execute(
            f"SELECT count(*) {_FROM}{where}{' AND' if where else ' WHERE'} NOT EXISTS "
            "(SELECT 1 FROM event_actors x WHERE x.event_id = e.id AND x.country IS NOT NULL)",
            params,
        ).fetchone()[0]
    else:
        countries = _rows(
            con,
            f"SELECT p.country, {_QUAD_COUNTS} {_FROM} JOIN places p ON p.id = e.place_id"
            f"{where}{' AND' if where else ' WHERE'} p.country IS NOT NULL GROUP BY p.country",
            params,
        )
        unplaced = con.execute(
            f"SELECT count(*) {_FROM} LEFT JOIN places p ON p.id = e.place_id"
            f"{where}{' AND' if where else ' WHERE'} p.country IS NULL",
            params,
        ).fetchone()[0]
    place_rows = _rows(
        con,
        f"SELECT p.id, p.name, p.country, p.lat, p.lon, count(*) AS events {_FROM} "
        f"JOIN places p ON p.id = e.place_id{where}{' AND' if where else ' WHERE'} "
        "p.lat IS NOT NULL AND p.lon IS NOT NULL "
        "GROUP BY p.id, p.name, p.country, p.lat, p.lon ORDER BY events DESC, p.id LIMIT ?",
        [*params, places],
    )
    names = names_of(con, {r["country"] for r in countries})
    return models.WorldMap(
        by=by,
        countries=[
            models.MapCountry(
                country=r["country"], numeric=_numeric(r["country"]), name=names[r["country"]],
                events=r["total"], cooperation=r["cooperation"], conflict=r["conflict"],
            )
            for r in sorted(countries, key=lambda r: (-r["total"], r["country"]))
        ],
        places=[models.MapPlace(**r) for r in place_rows],
        unplaced=int(unplaced),
    )
