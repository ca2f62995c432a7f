"""Read-only SQL behind the API, against the store's schema (``newsevents.store.schema``).

Every value reaches DuckDB as a bound parameter; the only text spliced into SQL is drawn from
fixed whitelists (filter clauses written here, the ``freq`` names in :data:`FREQS`).

Dyads and time series count *factual* events (modality asserted or reported): a threat that
was denied or a meeting that is only expected did not happen. Actors are grouped into dyads by
their country where they have one (Pezeshkian counts for IRN), else by their own id (igo:BRICS).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from newsevents.api import dyadic, models
from newsevents.store.queries import FACTUAL, FREQS

__all__ = ["FACTUAL", "FREQS", "BadCursor", "EventFilter"]

# An event's day is its own date, else its article's publication date (the store's rule too).
_DAY = "coalesce(e.date, a.published)"
_FROM = "FROM events e JOIN articles a ON a.id = e.article_id"

# One side of an event with the unit it is counted under in dyads.
_SIDES = "(SELECT event_id, actor_id, role, COALESCE(country, actor_id) AS unit FROM event_actors)"

_EVENT_COLUMNS = """
    e.id, e.article_id, e.type, e.mode, e.cameo, e.quad_class, e.goldstein, e.modality,
    e.date, e.date_precision, e.place_id, coalesce(e.date, a.published) AS day, e.confidence,
    e.evidence_text, e.evidence_start, e.evidence_end,
    e.trigger_text, e.trigger_start, e.trigger_end
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
    quad_class: tuple[int, ...] = ()
    place: str | None = None


class BadCursor(ValueError):
    """A ``cursor`` that this API did not hand out (or that was altered)."""


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
    if f.quad_class:
        clauses.append("list_contains(?, e.quad_class)")
        params.append(sorted(set(f.quad_class)))
    if f.place:
        # A place id, or a country code: events placed anywhere in that country.
        clauses.append("(e.place_id = ? OR e.place_id IN (SELECT id FROM places WHERE "
                       "country = ?))")
        params += [f.place, f.place.upper()]
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
        trigger=None if r["trigger_start"] is None else models.Span(
            text=r["trigger_text"] or "", start=r["trigger_start"], end=r["trigger_end"]),
    )


def _actor_ids(events: Sequence[models.EventOut]) -> set[str]:
    return {a for e in events for a in (*e.source, *e.target)}


# Keyset pagination: the cursor is the (day, id) of the last row of a page, so a page costs the
# same however deep it is (OFFSET would scan every earlier row on a million events).
_PAGE_ORDER = "day DESC NULLS LAST, e.id"
_TEXT_ORDER = "e.article_id, e.evidence_start, e.id"


def encode_cursor(day: str | None, event_id: str) -> str:
    raw = json.dumps([day, event_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[date | None, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        day, event_id = json.loads(raw)
        if not isinstance(event_id, str) or not (day is None or isinstance(day, str)):
            raise ValueError("wrong types")
        return (date.fromisoformat(day) if day else None), event_id
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as exc:
        raise BadCursor(
            f"cursor {cursor[:40]!r} is not one this API handed out: pass the next_cursor "
            "of the previous page unchanged, or leave cursor out for the first page"
        ) from exc


def _after(cursor: str) -> tuple[str, list[Any]]:
    day, event_id = decode_cursor(cursor)
    if day is None:
        return f"({_DAY} IS NULL AND e.id > ?)", [event_id]
    return (f"({_DAY} < ? OR ({_DAY} = ? AND e.id > ?) OR {_DAY} IS NULL)",
            [day, day, event_id])


def _with_sides(con: Any, rows: list[dict[str, Any]]) -> list[models.EventOut]:
    """Events from their rows, with their source and target lists (one query for all)."""
    if not rows:
        return []
    sides: dict[tuple[str, str], list[str]] = {}
    for event_id, role, actor_id in con.execute(
        "SELECT event_id, role, actor_id FROM event_actors "
        "WHERE event_id IN (SELECT unnest(?)) ORDER BY event_id, role, pos",
        [[r["id"] for r in rows]],
    ).fetchall():
        sides.setdefault((event_id, role), []).append(actor_id)
    return [
        _event({**r, "source": sides.get((r["id"], "source")),
                "target": sides.get((r["id"], "target"))})
        for r in rows
    ]


def _details(con: Any, ids: list[str], order: str) -> list[models.EventOut]:
    """Full rows of the given events (a page: the rest of the table is never joined)."""
    if not ids:
        return []
    rows = _rows(con, f"SELECT {_EVENT_COLUMNS} {_FROM} WHERE e.id IN (SELECT unnest(?)) "
                 f"ORDER BY {order}", [ids])
    return _with_sides(con, rows)


def events(
    con: Any, f: EventFilter, limit: int, offset: int = 0, order: str = "day",
    cursor: str | None = None,
) -> models.EventPage:
    """A page of events, newest first (``order="text"``: in the order of their articles).

    Pages after the first are asked for with the ``next_cursor`` of the one before (keyset
    pagination); ``offset`` still works but costs more the deeper it goes.
    """
    fast = dyadic.events_sql(con, f, factual=False) if order == "day" else None
    if fast is not None:
        return _dyad_page(con, fast, limit, offset, cursor)
    where, params = _where(f)
    # Only the day filters need the articles join; a bare count then reads table metadata.
    counted = _FROM if (f.since or f.until) else "FROM events e"
    total = con.execute(f"SELECT count(*) {counted}{where}", params).fetchone()[0]
    if order == "text":
        ids = [r[0] for r in con.execute(
            f"SELECT e.id {_FROM}{where} ORDER BY {_TEXT_ORDER} LIMIT ? OFFSET ?",
            [*params, limit, offset]).fetchall()]
        items = _details(con, ids, _TEXT_ORDER)
        next_cursor = None
    else:
        page_where, page_params = where, list(params)
        if cursor:
            cond, extra = _after(cursor)
            page_where = f"{where} AND {cond}" if where else f" WHERE {cond}"
            page_params += extra
        rows = con.execute(
            f"SELECT e.id, {_DAY} AS day {_FROM}{page_where} ORDER BY {_PAGE_ORDER} "
            "LIMIT ? OFFSET ?", [*page_params, limit + 1, offset]).fetchall()
        more = len(rows) > limit
        rows = rows[:limit]
        items = _details(con, [r[0] for r in rows], _PAGE_ORDER.replace("day", _DAY))
        next_cursor = encode_cursor(_iso(rows[-1][1]), rows[-1][0]) if more and rows else None
    return models.EventPage(
        total=int(total), limit=limit, offset=offset, items=items,
        names=names_of(con, _actor_ids(items)), next_cursor=next_cursor,
    )


def _dyad_page(con: Any, fast: tuple[str, list[Any]], limit: int, offset: int,
               cursor: str | None) -> models.EventPage:
    """A page of :func:`events` from the events found through ``event_dyads``."""
    sub, params = fast
    total = con.execute(f"SELECT count(*) FROM {sub}", params).fetchone()[0]
    cond, extra = "", list[Any]()
    if cursor:
        day, event_id = decode_cursor(cursor)
        if day is None:
            cond, extra = " WHERE (day IS NULL AND id > ?)", [event_id]
        else:
            cond = " WHERE (day < ? OR (day = ? AND id > ?) OR day IS NULL)"
            extra = [day, day, event_id]
    rows = con.execute(
        f"SELECT id, day FROM {sub}{cond} ORDER BY day DESC NULLS LAST, id LIMIT ? OFFSET ?",
        [*params, *extra, limit + 1, offset]).fetchall()
    more = len(rows) > limit
    rows = rows[:limit]
    items = _details(con, [r[0] for r in rows], _PAGE_ORDER.replace("day", _DAY))
    next_cursor = encode_cursor(_iso(rows[-1][1]), rows[-1][0]) if more and rows else None
    return models.EventPage(
        total=int(total), limit=limit, offset=offset, items=items,
        names=names_of(con, _actor_ids(items)), next_cursor=next_cursor,
    )


def event_detail(con: Any, event_id: str) -> models.EventDetail | None:
    rows = _rows(con, f"SELECT {_EVENT_COLUMNS} {_FROM} WHERE e.id = ?", [event_id])
    if not rows:
        return None
    ev = _with_sides(con, rows)[0]
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
    fast = dyadic.events_sql(con, EventFilter(actor=actor_id), factual=False)
    if fast is not None:
        partner_rows = _rows(con, dyadic.partners_sql(), [actor_id])
        names = names_of(con, {r["id"] for r in partner_rows})
        return models.ActorDetail(
            **{**base.model_dump(),
               "events": int(con.execute(f"SELECT count(*) FROM {fast[0]}",
                                         fast[1]).fetchone()[0])},
            partners=[
                models.Partner(id=r["id"], name=names[r["id"]], events=r["events"],
                               cooperation=r["cooperation"], conflict=r["conflict"])
                for r in partner_rows
            ],
            types=_fast_type_counts(con, fast),
        )
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


def _fast_type_counts(con: Any, fast: tuple[str, list[Any]]) -> list[models.TypeCount]:
    rows = _rows(con, f"SELECT e.type, count(*) AS n, mode(e.quad_class) AS quad FROM {fast[0]} e "
                 "GROUP BY e.type ORDER BY n DESC, e.type", fast[1])
    return [models.TypeCount(type=r["type"], count=r["n"], quad_class=r["quad"]) for r in rows]


def type_counts(con: Any, f: EventFilter | None = None) -> list[models.TypeCount]:
    where, params = _where(f or EventFilter())
    return _type_counts(con, where, params)


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


def factual_where(f: EventFilter) -> tuple[str, list[Any]]:
    """The filter's WHERE clause, limited to factual events unless it names a modality (a
    trend of what happened; asking for ``expected`` events shows those instead)."""
    where, params = _where(f)
    if f.modality:
        return where, params
    return (f"{where} AND {_FACTUAL_SQL}" if where else f" WHERE {_FACTUAL_SQL}"), params


def _periods(con: Any, freq: str, f: EventFilter) -> list[models.Period]:
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    fast = None if f.modality else dyadic.events_sql(con, f, factual=True)
    if fast is not None:
        rows = _rows(
            con,
            f"SELECT CAST(date_trunc('{freq}', e.day) AS DATE) AS period, {_QUAD_COUNTS} "
            f"FROM {fast[0]} e WHERE e.day IS NOT NULL GROUP BY period ORDER BY period",
            fast[1],
        )
        return [models.Period(**{**r, "period": _iso(r["period"])}) for r in rows]
    where, params = factual_where(f)
    # Events without a date of their own are placed at their article's publication date.
    rows = _rows(
        con,
        f"SELECT CAST(date_trunc('{freq}', {_DAY}) AS DATE) AS period, {_QUAD_COUNTS} "
        f"{_FROM}{where} AND {_DAY} IS NOT NULL GROUP BY period ORDER BY period",
        params,
    )
    return [models.Period(**{**r, "period": _iso(r["period"])}) for r in rows]


def timeseries(con: Any, freq: str, f: EventFilter) -> models.Timeseries:
    return models.Timeseries(freq=freq, actor=f.actor, periods=_periods(con, freq, f))


def top_dyads(con: Any, n: int) -> list[models.TopDyad]:
    # From event_dyads: one row per event per ordered pair of units, so unit < partner counts
    # each event of a pair once (joint actors of one country included).
    rows = _rows(con, dyadic.top_dyads_sql(), [n])
    names = names_of(con, {r["a"] for r in rows} | {r["b"] for r in rows})
    return [models.TopDyad(**r, a_name=names[r["a"]], b_name=names[r["b"]]) for r in rows]


def dyad(con: Any, a: str, b: str, freq: str) -> models.Dyad:
    f = EventFilter(actor=a, partner=b)
    periods = _periods(con, freq, f)
    fast = dyadic.events_sql(con, f, factual=False)
    if fast is not None:
        types = _fast_type_counts(con, fast)
    else:
        where, params = _where(f)
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
