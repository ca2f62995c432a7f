"""Read-only SQL behind the API, against the store's schema (``newsevents.store.schema``).

Every value reaches DuckDB as a bound parameter; the only text spliced into SQL is drawn from
fixed whitelists (filter clauses written here, the ``freq`` names in :data:`FREQS`).

Dyads and time series count *factual* events (modality asserted or reported): a threat that
was denied or a meeting that is only expected did not happen. Actors are grouped into dyads by
their country where they have one (Pezeshkian counts for IRN), else by their own id (igo:BRICS).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from newsevents.api import models
from newsevents.store.queries import FACTUAL, FREQS

__all__ = ["FACTUAL", "FREQS", "EventFilter"]

# An event's day is its own date, else its article's publication date (the store's rule too).
_DAY = "coalesce(e.date, a.published)"
_FROM = "FROM events e JOIN articles a ON a.id = e.article_id"

# One side of an event with the unit it is counted under in dyads.
_SIDES = "(SELECT event_id, actor_id, role, COALESCE(country, actor_id) AS unit FROM event_actors)"

_EVENT_COLUMNS = """
    e.id, e.article_id, e.type, e.mode, e.cameo, e.quad_class, e.goldstein, e.modality,
    e.date, e.date_precision, e.place_id, coalesce(e.date, a.published) AS day, e.confidence,
    e.evidence_text, e.evidence_start, e.evidence_end,
    (SELECT list(actor_id ORDER BY pos) FROM event_actors x
      WHERE x.event_id = e.id AND x.role = 'source') AS source,
    (SELECT list(actor_id ORDER BY pos) FROM event_actors x
      WHERE x.event_id = e.id AND x.role = 'target') AS target
"""

_QUAD_COUNTS = """
    count(*) FILTER (WHERE e.quad_class IN (1, 2)) AS cooperation,
    count(*) FILTER (WHERE e.quad_class IN (3, 4)) AS conflict,
    count(*) FILTER (WHERE e.quad_class = 1) AS verbal_cooperation,
    count(*) FILTER (WHERE e.quad_class = 2) AS material_cooperation,
    count(*) FILTER (WHERE e.quad_class = 3) AS verbal_conflict,
    count(*) FILTER (WHERE e.quad_class = 4) AS material_conflict,
    count(*) AS total
"""

# Built from our own constant, never from input.
_FACTUAL_SQL = "e.modality IN (" + ", ".join(f"'{m}'" for m in FACTUAL) + ")"


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Filters of ``GET /api/events``. An actor id that is a country code also matches that
    country's people and groups; ``actor`` with ``partner`` means the two on opposite sides."""

    actor: str | None = None
    partner: str | None = None
    source: str | None = None
    target: str | None = None
    type: str | None = None
    modality: str | None = None
    since: date | None = None
    until: date | None = None
    q: str | None = None
    article: str | None = None


def _rows(con: Any, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cur = con.execute(sql, list(params))
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def _like(text: str) -> str:
    """A LIKE pattern matching ``text`` literally anywhere (``\\`` is the escape character)."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _roles(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        parsed = json.loads(value)
        return [str(r) for r in parsed] if isinstance(parsed, list) else [str(parsed)]
    return [str(r) for r in value]


@cache
def _country_name(code: str) -> str | None:
    import pycountry

    c = pycountry.countries.get(alpha_3=code)
    if c is None:
        return None
    return str(getattr(c, "common_name", None) or c.name)


def names_of(con: Any, ids: set[str]) -> dict[str, str]:
    """Display names of actor ids (or country units), falling back to the ISO name or the id."""
    if not ids:
        return {}
    found = {
        r["id"]: r["name"]
        for r in _rows(con, "SELECT id, name FROM actors WHERE list_contains(?, id)", [sorted(ids)])
    }
    return {i: found.get(i) or _country_name(i) or i for i in ids}


# --- events -----------------------------------------------------------------------------------


def _match(column_prefix: str) -> str:
    """SQL matching an actor id or a country code; takes the parameters of :func:`_ids`."""
    return f"({column_prefix}actor_id = ? OR {column_prefix}country = ?)"


def _ids(value: str) -> list[str]:
    return [value, value.upper()]


def _where(f: EventFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if f.actor and f.partner:
        clauses.append(
            "e.id IN (SELECT s.event_id FROM event_actors s JOIN event_actors t "
            "ON s.event_id = t.event_id AND s.role = 'source' AND t.role = 'target' "
            f"WHERE ({_match('s.')} AND {_match('t.')}) OR ({_match('s.')} AND {_match('t.')}))"
        )
        a, b = _ids(f.actor), _ids(f.partner)
        params += [*a, *b, *b, *a]
    else:
        for value in (f.actor, f.partner):
            if value:
                clauses.append(f"e.id IN (SELECT event_id FROM event_actors WHERE {_match('')})")
                params += _ids(value)
    for role, value in (("source", f.source), ("target", f.target)):
        if value:
            clauses.append(
                "e.id IN (SELECT event_id FROM event_actors "
                f"WHERE role = '{role}' AND {_match('')})"
            )
            params += _ids(value)
    for column, value in (("e.type", f.type), ("e.modality", f.modality),
                          ("e.article_id", f.article)):
        if value:
            clauses.append(f"{column} = ?")
            params.append(value)
    if f.since:
        clauses.append(f"{_DAY} >= ?")
        params.append(f.since)
    if f.until:
        clauses.append(f"{_DAY} <= ?")
        params.append(f.until)
    if f.q:
        clauses.append("e.evidence_text ILIKE ? ESCAPE '\\'")
        params.append(_like(f.q))
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _event(r: dict[str, Any]) -> models.EventOut:
    return models.EventOut(
        id=r["id"],
        article_id=r["article_id"],
        type=r["type"],
        mode=r["mode"],
        cameo=r["cameo"],
        quad_class=r["quad_class"],
        goldstein=r["goldstein"],
        source=list(r["source"] or []),
        target=list(r["target"] or []),
        date=_iso(r["date"]),
        day=_iso(r["day"]),
        date_precision=r["date_precision"],
        place=r["place_id"],
        modality=r["modality"],
        evidence=models.Span(
            text=r["evidence_text"] or "",
            start=r["evidence_start"] if r["evidence_start"] is not None else 0,
            end=r["evidence_end"] if r["evidence_end"] is not None else 0,
        ),
        confidence=r["confidence"],
    )


def _actor_ids(events: Sequence[models.EventOut]) -> set[str]:
    return {a for e in events for a in (*e.source, *e.target)}


_ORDERS = {
    "day": "day DESC NULLS LAST, e.article_id, e.evidence_start, e.id",
    "text": "e.article_id, e.evidence_start, e.id",
}


def events(
    con: Any, f: EventFilter, limit: int, offset: int, order: str = "day"
) -> models.EventPage:
    """A page of events, newest first (``order="text"``: in the order of their articles)."""
    where, params = _where(f)
    total = con.execute(f"SELECT count(*) {_FROM}{where}", params).fetchone()[0]
    rows = _rows(
        con,
        f"SELECT {_EVENT_COLUMNS} {_FROM}{where} "
        f"ORDER BY {_ORDERS[order]} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    items = [_event(r) for r in rows]
    return models.EventPage(
        total=int(total), limit=limit, offset=offset, items=items,
        names=names_of(con, _actor_ids(items)),
    )


def event_detail(con: Any, event_id: str) -> models.EventDetail | None:
    rows = _rows(con, f"SELECT {_EVENT_COLUMNS} {_FROM} WHERE e.id = ?", [event_id])
    if not rows:
        return None
    ev = _event(rows[0])
    art = _rows(con, "SELECT * FROM articles WHERE id = ?", [ev.article_id])[0]
    ids = sorted(_actor_ids([ev]))
    actor_rows = {r["id"]: r for r in _actor_rows(con, "WHERE list_contains(?, a.id)", [ids])}
    place = None
    if ev.place:
        prow = _rows(con, "SELECT id, name, country, lat, lon FROM places WHERE id = ?", [ev.place])
        if prow:
            place = models.PlaceOut(**prow[0])
    return models.EventDetail(
        event=ev,
        article=_article_ref(art),
        text=art["text"],
        actors=[_actor(actor_rows[i]) for i in ids if i in actor_rows],
        place=place,
    )


# --- articles ---------------------------------------------------------------------------------


def _article_ref(r: dict[str, Any]) -> models.ArticleRef:
    return models.ArticleRef(
        id=r["id"], title=r["title"], url=r["url"], source=r["source"],
        published=_iso(r["published"]),
    )


def article(con: Any, article_id: str) -> models.ArticleOut | None:
    rows = _rows(con, "SELECT * FROM articles WHERE id = ?", [article_id])
    if not rows:
        return None
    r = rows[0]
    page = events(con, EventFilter(article=article_id), limit=10_000, offset=0, order="text")
    return models.ArticleOut(
        **_article_ref(r).model_dump(), language=r["language"], text=r["text"],
        events=page.items, names=page.names,
    )


# --- actors -----------------------------------------------------------------------------------


def _actor_rows(
    con: Any, where: str, params: Sequence[Any], tail: str = ""
) -> list[dict[str, Any]]:
    return _rows(
        con,
        "SELECT a.id, a.name, a.kind, a.country, a.sector, a.roles, "
        "(SELECT count(DISTINCT event_id) FROM event_actors x WHERE x.actor_id = a.id) AS events "
        f"FROM actors a {where} {tail}",
        params,
    )


def _actor(r: dict[str, Any]) -> models.ActorOut:
    return models.ActorOut(
        id=r["id"], name=r["name"], kind=r["kind"], country=r["country"], sector=r["sector"],
        roles=_roles(r["roles"]), events=int(r["events"]),
    )


def actors(
    con: Any, kind: str | None, q: str | None, limit: int, offset: int
) -> list[models.ActorOut]:
    clauses, params = [], []
    if kind:
        clauses.append("a.kind = ?")
        params.append(kind)
    if q:
        clauses.append("(a.name ILIKE ? ESCAPE '\\' OR a.id ILIKE ? ESCAPE '\\')")
        params += [_like(q), _like(q)]
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    rows = _actor_rows(con, where, [*params, limit, offset],
                       "ORDER BY events DESC, a.id LIMIT ? OFFSET ?")
    return [_actor(r) for r in rows]


def actor_detail(con: Any, actor_id: str) -> models.ActorDetail | None:
    rows = _actor_rows(con, "WHERE a.id = ?", [actor_id])
    if not rows:
        return None
    base = _actor(rows[0])
    # A country's detail counts its people and groups too (the same rule as the events filter).
    events_n = con.execute(
        f"SELECT count(DISTINCT event_id) FROM event_actors WHERE {_match('')}",
        _ids(actor_id),
    ).fetchone()[0]
    partner_rows = _rows(
        con,
        f"SELECT t.unit AS id, count(DISTINCT e.id) AS events, "
        "count(DISTINCT e.id) FILTER (WHERE e.quad_class IN (1, 2)) AS cooperation, "
        "count(DISTINCT e.id) FILTER (WHERE e.quad_class IN (3, 4)) AS conflict "
        f"FROM {_SIDES} s JOIN {_SIDES} t ON s.event_id = t.event_id AND s.role <> t.role "
        "JOIN events e ON e.id = s.event_id "
        "WHERE (s.actor_id = ? OR s.unit = ?) AND t.unit <> ? AND t.actor_id <> ? "
        f"AND {_FACTUAL_SQL} "
        "GROUP BY t.unit ORDER BY events DESC, t.unit LIMIT 50",
        [*_ids(actor_id), actor_id.upper(), actor_id],
    )
    names = names_of(con, {r["id"] for r in partner_rows})
    types = _type_counts(
        con, f"WHERE e.id IN (SELECT event_id FROM event_actors WHERE {_match('')})",
        _ids(actor_id),
    )
    return models.ActorDetail(
        **{**base.model_dump(), "events": int(events_n)},
        partners=[
            models.Partner(id=r["id"], name=names[r["id"]], events=r["events"],
                           cooperation=r["cooperation"], conflict=r["conflict"])
            for r in partner_rows
        ],
        types=types,
    )


# --- aggregates -------------------------------------------------------------------------------


def _type_counts(con: Any, where: str, params: Sequence[Any]) -> list[models.TypeCount]:
    rows = _rows(
        con,
        f"SELECT e.type, count(*) AS n, mode(e.quad_class) AS quad {_FROM} {where} "
        "GROUP BY e.type ORDER BY n DESC, e.type",
        params,
    )
    return [models.TypeCount(type=r["type"], count=r["n"], quad_class=r["quad"]) for r in rows]


def type_counts(con: Any) -> list[models.TypeCount]:
    return _type_counts(con, "", [])


def stats(con: Any) -> models.Stats:
    row = con.execute(
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), "
        "(SELECT count(*) FROM actors), (SELECT count(*) FROM places), "
        f"(SELECT min({_DAY}) {_FROM}), (SELECT max({_DAY}) {_FROM})"
    ).fetchone()
    return models.Stats(
        articles=row[0], events=row[1], actors=row[2], places=row[3],
        first_date=_iso(row[4]), last_date=_iso(row[5]),
    )


def _periods(con: Any, freq: str, where: str, params: Sequence[Any]) -> list[models.Period]:
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    # Events without a date of their own are placed at their article's publication date.
    rows = _rows(
        con,
        f"SELECT CAST(date_trunc('{freq}', {_DAY}) AS DATE) AS period, {_QUAD_COUNTS} "
        f"{_FROM} WHERE {_DAY} IS NOT NULL AND {_FACTUAL_SQL} {where} "
        "GROUP BY period ORDER BY period",
        params,
    )
    return [models.Period(**{**r, "period": _iso(r["period"])}) for r in rows]


def timeseries(con: Any, freq: str, actor: str | None) -> models.Timeseries:
    where, params = "", []
    if actor:
        where = f"AND e.id IN (SELECT event_id FROM event_actors WHERE {_match('')})"
        params = _ids(actor)
    return models.Timeseries(freq=freq, actor=actor, periods=_periods(con, freq, where, params))


def top_dyads(con: Any, n: int) -> list[models.TopDyad]:
    rows = _rows(
        con,
        "SELECT least(s.unit, t.unit) AS a, greatest(s.unit, t.unit) AS b, "
        "count(DISTINCT e.id) AS events, "
        "count(DISTINCT e.id) FILTER (WHERE e.quad_class IN (1, 2)) AS cooperation, "
        "count(DISTINCT e.id) FILTER (WHERE e.quad_class IN (3, 4)) AS conflict "
        f"FROM {_SIDES} s JOIN {_SIDES} t ON s.event_id = t.event_id "
        "AND s.role = 'source' AND t.role = 'target' "
        f"JOIN events e ON e.id = s.event_id WHERE s.unit <> t.unit AND {_FACTUAL_SQL} "
        "GROUP BY 1, 2 ORDER BY events DESC, a, b LIMIT ?",
        [n],
    )
    names = names_of(con, {r["a"] for r in rows} | {r["b"] for r in rows})
    return [models.TopDyad(**r, a_name=names[r["a"]], b_name=names[r["b"]]) for r in rows]


def dyad(con: Any, a: str, b: str, freq: str) -> models.Dyad:
    f = EventFilter(actor=a, partner=b)
    where, params = _where(f)
    factual_where = where.replace(" WHERE ", " AND ", 1)
    periods = _periods(con, freq, factual_where, params)
    types = _type_counts(con, where, params)
    page = events(con, f, limit=100, offset=0)
    names = names_of(con, {a, b})
    return models.Dyad(
        a=a, b=b, a_name=names[a], b_name=names[b], freq=freq, periods=periods, types=types,
        events=page.items,
    )


def known_actor(con: Any, actor_id: str) -> bool:
    """Whether ``actor_id`` names an actor or the country of one."""
    row = con.execute(
        "SELECT EXISTS (SELECT 1 FROM actors WHERE id = ?) "
        "OR EXISTS (SELECT 1 FROM event_actors WHERE country = ?)",
        [actor_id, actor_id.upper()],
    ).fetchone()
    return bool(row[0])
