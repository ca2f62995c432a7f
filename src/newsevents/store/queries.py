"""Read queries of the store: events, actors, dyads and counts, as pandas DataFrames.

An event's *day* is its own date when the dates stage resolved one, else its article's
publication date (as GDELT does); date filters and time series use the day.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from datetime import date
from typing import Any

import pandas as pd

FREQS = ("day", "week", "month", "year")
FACTUAL = ("asserted", "reported")

_DAY = "coalesce(e.date, a.published)"
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


def parse_day(value: str | date | None, *, end: bool = False) -> date | None:
    """``2024-10-23``, ``2024-10`` or ``2024`` → a date; ``end`` picks the period's last day."""
    if value is None or isinstance(value, date):
        return value
    m = _PARTIAL_DATE.match(value.strip())
    if not m:
        raise ValueError(f"not a date: {value!r} (expected YYYY-MM-DD, YYYY-MM or YYYY)")
    year, month, day = int(m[1]), m[2], m[3]
    try:
        if day is not None:
            return date(year, int(month or 1), int(day))
        if month is not None:
            mo = int(month)
            return date(year, mo, calendar.monthrange(year, mo)[1] if end else 1)
        return date(year, 12, 31) if end else date(year, 1, 1)
    except ValueError as exc:
        raise ValueError(f"not a date: {value!r} ({exc})") from exc


def _side(role: str | None) -> str:
    """SQL: the event has an actor matching ``?`` (actor id or ISO3) on the given side."""
    cond = "" if role is None else f" AND x.role = '{role}'"
    return (
        "EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id"
        f"{cond} AND (x.actor_id = ? OR x.country = ?))"
    )


def _modalities(modality: str | Iterable[str] | None) -> list[str] | None:
    if modality is None:
        return None
    if isinstance(modality, str):
        return [m.strip() for m in modality.split(",") if m.strip()]
    return list(modality)


def events(
    con: Any,
    *,
    actor: str | None = None,
    type: str | None = None,
    since: str | date | None = None,
    until: str | date | None = None,
    source: str | None = None,
    target: str | None = None,
    modality: str | Iterable[str] | None = None,
    article_id: str | None = None,
    limit: int | None = None,
) -> pd.DataFrame:
    where: list[str] = []
    params: list[Any] = []
    for value, role in ((actor, None), (source, "source"), (target, "target")):
        if value:
            where.append(_side(role))
            params += [value, value.upper()]
    if type:
        where.append("e.type = ?")
        params.append(type.upper())
    lo, hi = parse_day(since), parse_day(until, end=True)
    if lo:
        where.append(f"{_DAY} >= ?")
        params.append(lo)
    if hi:
        where.append(f"{_DAY} <= ?")
        params.append(hi)
    mods = _modalities(modality)
    if mods:
        where.append("list_contains(?, e.modality)")
        params.append(mods)
    if article_id:
        where.append("e.article_id = ?")
        params.append(article_id)
    sql = events_sql(where, limit)
    df: pd.DataFrame = con.execute(sql, params).df()
    return df


def events_sql(where: list[str] | None = None, limit: int | None = None) -> str:
    """SQL for events with their actors as lists (names, countries, ids) per side."""
    where = where or []
    return f"""
    WITH ev AS (
        SELECT e.*, {_DAY} AS day, a.published, a.title, a.url
        FROM events e JOIN articles a ON a.id = e.article_id
        {"WHERE " + " AND ".join(where) if where else ""}
        ORDER BY day DESC NULLS LAST, e.id
        {"LIMIT " + str(int(limit)) if limit is not None else ""}
    ), sides AS (
        SELECT x.event_id,
            {_side_lists("source")},
            {_side_lists("target")}
        FROM event_actors x JOIN ev ON ev.id = x.event_id
        LEFT JOIN actors ac ON ac.id = x.actor_id
        GROUP BY x.event_id
    )
    SELECT ev.id, ev.day, ev.date, ev.date_precision, ev.type, ev.mode, ev.cameo,
        ev.quad_class, ev.goldstein, ev.modality,
        coalesce(s.source, []) AS source, coalesce(s.source_countries, []) AS source_countries,
        coalesce(s.source_ids, []) AS source_ids,
        coalesce(s.target, []) AS target, coalesce(s.target_countries, []) AS target_countries,
        coalesce(s.target_ids, []) AS target_ids,
        p.name AS place, ev.place_id, p.lat, p.lon, ev.confidence, ev.trigger_text,
        ev.evidence_text, ev.evidence_start, ev.evidence_end,
        ev.article_id, ev.title, ev.url, ev.published, cl.cluster_id
    FROM ev LEFT JOIN sides s ON s.event_id = ev.id
    LEFT JOIN places p ON p.id = ev.place_id
    LEFT JOIN event_clusters cl ON cl.event_id = ev.id
    ORDER BY ev.day DESC NULLS LAST, ev.id
    """


def _side_lists(role: str) -> str:
    f = f"FILTER (WHERE x.role = '{role}')"
    return (
        f"list(coalesce(ac.name, x.actor_id) ORDER BY x.pos) {f} AS {role}, "
        f"list(x.country ORDER BY x.pos) {f} AS {role}_countries, "
        f"list(x.actor_id ORDER BY x.pos) {f} AS {role}_ids"
    )


def actors(con: Any, *, kind: str | None = None) -> pd.DataFrame:
    sql = """
    WITH ev AS (
        SELECT actor_id,
            count(DISTINCT event_id) AS events,
            count(DISTINCT event_id) FILTER (WHERE role = 'source') AS as_source,
            count(DISTINCT event_id) FILTER (WHERE role = 'target') AS as_target
        FROM event_actors GROUP BY actor_id
    ), mn AS (
        SELECT actor_id, count(*) AS mentions, count(DISTINCT article_id) AS articles
        FROM actor_mentions GROUP BY actor_id
    )
    SELECT ac.id, ac.name, ac.kind, ac.country, ac.sector,
        CAST(from_json(coalesce(ac.roles, '[]'), '["VARCHAR"]') AS VARCHAR[]) AS roles,
        coalesce(ev.events, 0) AS events, coalesce(ev.as_source, 0) AS as_source,
        coalesce(ev.as_target, 0) AS as_target,
        coalesce(mn.mentions, 0) AS mentions, coalesce(mn.articles, 0) AS articles
    FROM actors ac LEFT JOIN ev ON ev.actor_id = ac.id LEFT JOIN mn ON mn.actor_id = ac.id
    WHERE (? IS NULL OR ac.kind = ?)
    ORDER BY events DESC, mentions DESC, ac.id
    """
    df: pd.DataFrame = con.execute(sql, [kind, kind]).df()
    return df


def dyad(
    con: Any,
    a: str,
    b: str,
    *,
    freq: str = "month",
    directed: bool = False,
    modality: str | Iterable[str] | None = FACTUAL,
) -> pd.DataFrame:
    """Per period: events between ``a`` and ``b`` by quad class, total, Goldstein sum and mean.

    ``a`` and ``b`` are actor ids or ISO3 codes (a code matches every actor of that country).
    Undirected unless ``directed``; each event counts once per dyad. By default only asserted
    and reported events count (``modality=None`` counts every event).
    """
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    ab = f"({_side('source')} AND {_side('target')})"
    params: list[Any] = [a, a.upper(), b, b.upper()]
    match = ab
    if not directed:
        match = f"({ab} OR {ab})"
        params += [b, b.upper(), a, a.upper()]
    mods = _modalities(modality)
    mod_sql = ""
    if mods:
        mod_sql = "AND list_contains(?, e.modality)"
        params.append(mods)
    sql = f"""
    SELECT CAST(date_trunc('{freq}', {_DAY}) AS DATE) AS period,
        count(*) FILTER (WHERE e.quad_class = 1) AS q1,
        count(*) FILTER (WHERE e.quad_class = 2) AS q2,
        count(*) FILTER (WHERE e.quad_class = 3) AS q3,
        count(*) FILTER (WHERE e.quad_class = 4) AS q4,
        count(*) AS total,
        coalesce(sum(e.goldstein), 0) AS goldstein_sum,
        avg(e.goldstein) AS goldstein_mean
    FROM events e JOIN articles a ON a.id = e.article_id
    WHERE {match} {mod_sql}
    GROUP BY period ORDER BY period NULLS LAST
    """
    df: pd.DataFrame = con.execute(sql, params).df()
    return df


def top_dyads(con: Any, *, n: int = 10, by: str = "actor") -> pd.DataFrame:
    """The ``n`` most frequent undirected pairs (of actor ids, or of countries with ``by``)."""
    if by not in ("actor", "country"):
        raise ValueError(f"by must be 'actor' or 'country', not {by!r}")
    key = "actor_id" if by == "actor" else "country"
    sql = f"""
    WITH pairs AS (
        SELECT DISTINCT s.event_id, least(s.{key}, t.{key}) AS a, greatest(s.{key}, t.{key}) AS b
        FROM event_actors s JOIN event_actors t
            ON t.event_id = s.event_id AND s.role = 'source' AND t.role = 'target'
        WHERE s.{key} IS NOT NULL AND t.{key} IS NOT NULL AND s.{key} <> t.{key}
    )
    SELECT p.a, coalesce(aa.name, p.a) AS a_name, p.b, coalesce(bb.name, p.b) AS b_name,
        count(*) AS events,
        count(*) FILTER (WHERE e.quad_class IN (1, 2)) AS cooperation,
        count(*) FILTER (WHERE e.quad_class IN (3, 4)) AS conflict,
        avg(e.goldstein) AS goldstein_mean
    FROM pairs p JOIN events e ON e.id = p.event_id
    LEFT JOIN actors aa ON aa.id = p.a LEFT JOIN actors bb ON bb.id = p.b
    GROUP BY ALL ORDER BY events DESC, p.a, p.b LIMIT {int(n)}
    """
    df: pd.DataFrame = con.execute(sql).df()
    return df


def counts_by_type(con: Any) -> pd.DataFrame:
    df: pd.DataFrame = con.execute(
        """SELECT type, count(*) AS events, count(DISTINCT article_id) AS articles,
               avg(goldstein) AS goldstein_mean
           FROM events GROUP BY type ORDER BY events DESC, type"""
    ).df()
    return df
