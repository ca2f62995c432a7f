"""Aggregates analysts use: dyad time series, actor networks, top partners, "what changed".

All read the ``event_dyads`` table (one row per event per ordered pair of *units*: an actor's
country, else its id), which the store's write path fills and ``Store.optimize`` sorts, so they
stay fast on millions of events. ``unit="clusters"`` counts each real-world event (cluster) once
instead of every article's report of it. By default only factual events (asserted, reported)
count. Functions take an open DuckDB connection or cursor and return pandas DataFrames; the CLI,
the notebook ``Store`` and the API call the same functions, so their figures agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

import pandas as pd

from newsevents.store.queries import FREQS, parse_day

__all__ = [
    "ActorProfile",
    "Unit",
    "changes",
    "dyad_series",
    "event_page",
    "is_unit",
    "network",
    "period_bounds",
    "profile",
    "roles_over_time",
    "top_partners",
    "type_counts",
]

Unit = Literal["events", "clusters"]
_ISO3 = re.compile(r"^[A-Z]{3}$")


def is_unit(con: Any, actor: str) -> bool:
    """Whether ``actor`` is a dyad unit: an ISO3 code, or an actor with no country (igo:UN)."""
    if _ISO3.match(actor):
        return True
    row = con.execute("SELECT country FROM actors WHERE id = ?", [actor]).fetchone()
    return row is None or row[0] is None


def _unit_of(con: Any, actor: str) -> str:
    return actor.upper() if _ISO3.match(actor.upper()) else actor


def _check(freq: str | None = None, unit: str = "events") -> None:
    if freq is not None and freq not in FREQS:
        raise ValueError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    if unit not in ("events", "clusters"):
        raise ValueError(f"unit must be 'events' or 'clusters', not {unit!r}")


def _filters(since: str | date | None, until: str | date | None, factual: bool,
             alias: str = "d") -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    lo, hi = parse_day(since), parse_day(until, end=True)
    if lo:
        where.append(f"{alias}.day >= ?")
        params.append(lo)
    if hi:
        where.append(f"{alias}.day <= ?")
        params.append(hi)
    if factual:
        where.append(f"{alias}.factual")
    return where, params


def _dedup(sql_rows: str, unit: str, keys: str = "") -> str:
    """Rows of ``sql_rows`` once per event, or once per cluster (its first day and mean score)."""
    if unit == "events":
        return sql_rows
    k = f"{keys}, " if keys else ""
    return f"""SELECT cluster_id, {k}min(day) AS day, any_value(quad_class) AS quad_class,
                   avg(goldstein) AS goldstein, count(*) AS reports, any_value(type) AS type
               FROM ({sql_rows}) GROUP BY cluster_id{", " + keys if keys else ""}"""


_QUADS = """
    count(*) FILTER (WHERE quad_class = 1) AS q1,
    count(*) FILTER (WHERE quad_class = 2) AS q2,
    count(*) FILTER (WHERE quad_class = 3) AS q3,
    count(*) FILTER (WHERE quad_class = 4) AS q4,
    count(*) AS total,
    coalesce(sum(goldstein), 0) AS goldstein_sum,
    avg(goldstein) AS goldstein_mean"""


def dyad_series(
    con: Any, a: str, b: str, *, freq: str = "month", unit: Unit = "events",
    directed: bool = False, factual: bool = True,
    since: str | date | None = None, until: str | date | None = None,
) -> pd.DataFrame:
    """Per period: events (or clusters) between units ``a`` and ``b`` by quad class
    (``q1``..``q4``), ``total``, ``goldstein_sum`` and ``goldstein_mean``.

    Undirected unless ``directed`` (then only ``a`` as source, ``b`` as target). A cluster
    counts in the period of its first day.
    """
    _check(freq, unit)
    where, params = _filters(since, until, factual)
    where = ["d.unit = ?", "d.partner = ?", *where]
    params = [_unit_of(con, a), _unit_of(con, b), *params]
    if directed:
        where.append("d.outgoing")
    rows = f"""SELECT d.event_id, d.cluster_id, d.day, d.quad_class, d.goldstein, d.type
               FROM event_dyads d WHERE {" AND ".join(where)}"""
    sql = f"""SELECT CAST(date_trunc('{freq}', day) AS DATE) AS period, {_QUADS}
              FROM ({_dedup(rows, unit)}) GROUP BY period ORDER BY period NULLS LAST"""
    df: pd.DataFrame = con.execute(sql, params).df()
    return df


def top_partners(
    con: Any, actor: str, *, n: int = 10, unit: Unit = "events", factual: bool = True,
    since: str | date | None = None, until: str | date | None = None,
) -> pd.DataFrame:
    """The units ``actor`` has most events with (either side): ``events``, ``cooperation``
    (quad classes 1–2), ``conflict`` (3–4), ``goldstein_mean``, and the partner's name."""
    _check(None, unit)
    where, params = _filters(since, until, factual)
    where = ["d.unit = ?", "d.partner IS NOT NULL", *where]
    rows = f"""SELECT d.event_id, d.cluster_id, d.partner, d.day, d.quad_class, d.goldstein,
                      d.type
               FROM event_dyads d WHERE {" AND ".join(where)}"""
    sql = f"""
    WITH p AS (
        SELECT partner, count(*) AS events,
            count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
            count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict,
            avg(goldstein) AS goldstein_mean
        FROM ({_dedup(rows, unit, "partner")})
        GROUP BY partner ORDER BY events DESC, partner LIMIT {int(n)}
    )
    SELECT p.partner, coalesce(ac.name, p.partner) AS name, p.events, p.cooperation,
        p.conflict, p.goldstein_mean
    FROM p LEFT JOIN actors ac ON ac.id = p.partner
    ORDER BY p.events DESC, p.partner
    """
    df: pd.DataFrame = con.execute(sql, [_unit_of(con, actor), *params]).df()
    return df


def network(
    con: Any, *, since: str | date | None = None, until: str | date | None = None,
    unit: Unit = "events", directed: bool = False, factual: bool = True, min_weight: int = 1,
    actor: str | None = None, limit: int | None = None,
) -> pd.DataFrame:
    """Weighted, signed edges between units for a time window.

    Per edge (``a``, ``b``; ``a`` < ``b`` unless ``directed``, then source → target):
    ``weight`` (events or clusters), ``cooperation`` and ``conflict`` counts, ``goldstein_sum``,
    and ``sign`` (+1 when cooperation outweighs conflict in Goldstein terms, -1 when conflict
    does, 0 when balanced). ``actor`` keeps the edges touching that unit (its ego network).
    """
    _check(None, unit)
    where, params = _filters(since, until, factual)
    where.append("d.partner IS NOT NULL")
    where.append("d.outgoing" if directed else "d.unit < d.partner")
    if actor:
        where.append("(d.unit = ? OR d.partner = ?)")
        params += [_unit_of(con, actor)] * 2
    rows = f"""SELECT d.event_id, d.cluster_id, d.unit, d.partner, d.day, d.quad_class,
                      d.goldstein, d.type
               FROM event_dyads d WHERE {" AND ".join(where)}"""
    sql = f"""
    WITH e AS (
        SELECT unit AS a, partner AS b, count(*) AS weight,
            count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
            count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict,
            coalesce(sum(goldstein), 0) AS goldstein_sum
        FROM ({_dedup(rows, unit, "unit, partner")})
        GROUP BY unit, partner HAVING count(*) >= ?
    )
    SELECT e.a, coalesce(aa.name, e.a) AS a_name, e.b, coalesce(bb.name, e.b) AS b_name,
        e.weight, e.cooperation, e.conflict, round(e.goldstein_sum, 2) AS goldstein_sum,
        CAST(sign(e.goldstein_sum) AS INTEGER) AS sign
    FROM e LEFT JOIN actors aa ON aa.id = e.a LEFT JOIN actors bb ON bb.id = e.b
    ORDER BY e.weight DESC, e.a, e.b
    {"LIMIT " + str(int(limit)) if limit is not None else ""}
    """
    df: pd.DataFrame = con.execute(sql, [*params, int(min_weight)]).df()
    return df


def type_counts(
    con: Any, actor: str, partner: str | None = None, *, unit: Unit = "events",
    factual: bool = True, since: str | date | None = None, until: str | date | None = None,
) -> pd.DataFrame:
    """Events (or clusters) of ``actor`` (with ``partner`` if given) per PLOVER type, split into
    ``as_source`` and ``as_target``, with the quad class and mean Goldstein score."""
    _check(None, unit)
    where, params = _filters(since, until, factual)
    where = ["d.unit = ?", *where]
    params = [_unit_of(con, actor), *params]
    if partner:
        where.append("d.partner = ?")
        params.append(_unit_of(con, partner))
    # An actor with several partners in one event has several rows: one per event first.
    rows = f"""SELECT d.event_id, any_value(d.cluster_id) AS cluster_id, min(d.day) AS day,
                      any_value(d.quad_class) AS quad_class, any_value(d.goldstein) AS goldstein,
                      any_value(d.type) AS type, bool_or(d.outgoing) AS outgoing
               FROM event_dyads d WHERE {" AND ".join(where)} GROUP BY d.event_id"""
    if unit == "clusters":
        rows = f"""SELECT cluster_id, min(day) AS day, any_value(quad_class) AS quad_class,
                       avg(goldstein) AS goldstein, any_value(type) AS type,
                       bool_or(outgoing) AS outgoing
                   FROM ({rows}) GROUP BY cluster_id"""
    sql = f"""SELECT type, any_value(quad_class) AS quad_class, count(*) AS events,
                  count(*) FILTER (WHERE outgoing) AS as_source,
                  count(*) FILTER (WHERE NOT outgoing) AS as_target,
                  avg(goldstein) AS goldstein_mean
              FROM ({rows}) GROUP BY type ORDER BY events DESC, type"""
    df: pd.DataFrame = con.execute(sql, params).df()
    return df


def period_bounds(spec: str) -> tuple[date, date]:
    """``2024-10`` → (2024-10-01, 2024-10-31); ``2024-09-15..2024-10-14`` → that range."""
    lo, _, hi = spec.partition("..")
    start, end = parse_day(lo.strip()), parse_day((hi or lo).strip(), end=True)
    assert start is not None and end is not None
    if end < start:
        raise ValueError(f"period {spec!r} ends before it starts")
    return start, end


def changes(
    con: Any, actor: str, partner: str | None = None, *, before: str, after: str,
    unit: Unit = "events", factual: bool = True,
) -> pd.DataFrame:
    """What changed for ``actor`` (or the dyad ``actor``–``partner``) between two periods.

    One row per aspect: ``quad`` (quad classes and all events), ``type`` (PLOVER types) and,
    for an actor alone, ``partner`` (new, dropped and changed partners), with the counts
    ``before`` and ``after``, ``change`` (after − before) and the mean Goldstein score of each
    period; rows with no events in either period are left out. Ordered by size of change.
    """
    (b0, b1), (a0, a1) = period_bounds(before), period_bounds(after)
    frames = []
    for label, lo, hi in (("before", b0, b1), ("after", a0, a1)):
        types = type_counts(con, actor, partner, unit=unit, factual=factual, since=lo, until=hi)
        t = pd.DataFrame({"aspect": "type", "key": types["type"], label: types["events"],
                          f"goldstein_{label}": types["goldstein_mean"]})
        quads = types.groupby("quad_class", as_index=False).agg(events=("events", "sum"))
        q = pd.DataFrame({"aspect": "quad", "key": "q" + quads["quad_class"].astype(str),
                          label: quads["events"]})
        total = pd.DataFrame({"aspect": ["quad"], "key": ["total"],
                              label: [int(types["events"].sum())]})
        parts = [t, q, total]
        if partner is None:
            tp = top_partners(con, actor, n=1000, unit=unit, factual=factual, since=lo, until=hi)
            parts.append(pd.DataFrame({"aspect": "partner", "key": tp["partner"],
                                       label: tp["events"],
                                       f"goldstein_{label}": tp["goldstein_mean"]}))
        frames.append(pd.concat(parts, ignore_index=True))
    df = frames[0].merge(frames[1], on=["aspect", "key"], how="outer")
    for col in ("before", "after"):
        df[col] = df[col].fillna(0).astype(int)
    for col in ("goldstein_before", "goldstein_after"):
        if col not in df:
            df[col] = float("nan")
    df["change"] = df["after"] - df["before"]
    df["status"] = [
        "new" if b == 0 and a > 0 else "gone" if a == 0 and b > 0 else
        "up" if a > b else "down" if a < b else "same"
        for b, a in zip(df["before"], df["after"], strict=True)
    ]
    order = {"quad": 0, "type": 1, "partner": 2}
    df["_o"] = df["aspect"].map(order)
    df["_abs"] = -df["change"].abs()
    df = df.sort_values(["_o", "_abs", "key"]).drop(columns=["_o", "_abs"])
    cols = ["aspect", "key", "before", "after", "change", "status", "goldstein_before",
            "goldstein_after"]
    return df[cols].reset_index(drop=True)


def event_page(
    con: Any, *, actor: str | None = None, partner: str | None = None, type: str | None = None,
    since: str | date | None = None, until: str | date | None = None, factual: bool = False,
    limit: int = 50, offset: int = 0,
) -> pd.DataFrame:
    """One page of events involving unit ``actor`` (and ``partner``), newest first, with the
    event's type, scores, modality, evidence, article and the units on each side.

    Found through ``event_dyads`` (sorted by unit) and fetched by primary key, so a page costs
    the same on ten million events as on ten thousand.
    """
    where, params = _filters(since, until, factual)
    if actor:
        where.insert(0, "d.unit = ?")
        params.insert(0, _unit_of(con, actor))
    if partner:
        where.append("d.partner = ?")
        params.append(_unit_of(con, partner))
    if type:
        where.append("d.type = ?")
        params.append(type.upper())
    # The newest dyad rows by a top-N (no grouping of the whole range), grouped per event
    # here; an event has one row per partner, so fetch more rows until the page is full.
    want = int(offset) + int(limit)
    fetch = want * 2 + 8
    while True:
        raw = con.execute(
            f"""SELECT d.event_id, d.day, d.cluster_id, d.unit, d.outgoing, d.partner
                FROM event_dyads d {"WHERE " + " AND ".join(where) if where else ""}
                ORDER BY d.day DESC NULLS LAST, d.event_id LIMIT {fetch}""", params).fetchall()
        grouped: dict[str, list[Any]] = {}
        for eid, day, cid, unit_id, out, partner in raw:
            g = grouped.setdefault(eid, [eid, day, cid, unit_id, out, []])
            if partner is not None:
                g[5].append(partner)
        if len(grouped) > want or len(raw) < fetch:
            break
        fetch *= 4
    found = list(grouped.values())[int(offset):want]
    cols = ["id", "day", "type", "mode", "cameo", "quad_class", "goldstein", "modality",
            "source", "target", "cluster_id", "place_id", "evidence_text", "article_id",
            "title", "url", "published"]
    if not found:
        return pd.DataFrame(columns=cols)
    # Fetched by primary key: a literal IN list lets DuckDB use the index instead of a scan.
    marks = ", ".join("?" * len(found))
    events = {r[0]: r for r in con.execute(
        f"""SELECT id, type, mode, cameo, quad_class, goldstein, modality, place_id,
                evidence_text, article_id FROM events WHERE id IN ({marks})""",
        [r[0] for r in found]).fetchall()}
    art_ids = sorted({r[9] for r in events.values()})
    arts = {r[0]: r for r in con.execute(
        f"""SELECT id, title, url, published FROM articles
            WHERE id IN ({", ".join("?" * len(art_ids))})""", art_ids).fetchall()}
    rows = []
    for eid, day, cluster_id, unit, outgoing, partners in found:
        e = events[eid]
        a = arts.get(e[9], (None, None, None, None))
        mine, other = [unit] if unit else [], sorted(partners or [])
        source, target = (mine, other) if outgoing is not False else (other, mine)
        rows.append([eid, day, e[1], e[2], e[3], e[4], e[5], e[6], source, target, cluster_id,
                     e[7], e[8], e[9], a[1], a[2], a[3]])
    return pd.DataFrame(rows, columns=cols)


def roles_over_time(con: Any, actor: str) -> pd.DataFrame:
    """Each role ``actor`` was given in the articles (or, for a country, the roles of its
    people), with the first and last day and the number of articles."""
    unit = _unit_of(con, actor)
    sql = """
    SELECT r.actor_id, coalesce(ac.name, r.actor_id) AS name, r.role,
        min(a.published) AS first_seen, max(a.published) AS last_seen,
        count(DISTINCT r.article_id) AS articles
    FROM actor_roles r JOIN articles a ON a.id = r.article_id
    LEFT JOIN actors ac ON ac.id = r.actor_id
    WHERE r.actor_id = ? OR ac.country = ?
    GROUP BY ALL ORDER BY articles DESC, first_seen, r.actor_id, r.role
    """
    df: pd.DataFrame = con.execute(sql, [actor, unit if _ISO3.match(unit) else None]).df()
    return df


@dataclass(frozen=True, slots=True)
class ActorProfile:
    """An actor at a glance: who it is, its roles over time, partners, event types, activity."""

    id: str
    name: str
    kind: str | None
    country: str | None
    sector: str | None
    roles: pd.DataFrame
    partners: pd.DataFrame
    types: pd.DataFrame
    activity: pd.DataFrame  # per month: q1..q4, total, Goldstein sum and mean


def profile(con: Any, actor: str, *, n: int = 10, unit: Unit = "events",
            since: str | date | None = None, until: str | date | None = None) -> ActorProfile:
    """The profile of ``actor`` (an ISO3 code or an actor id); counts use its dyad unit."""
    unit_id = _unit_of(con, actor)
    row = con.execute("SELECT id, name, kind, country, sector FROM actors WHERE id = ?",
                      [unit_id]).fetchone()
    where, params = _filters(since, until, True)
    rows = f"""SELECT d.event_id, any_value(d.cluster_id) AS cluster_id, min(d.day) AS day,
                      any_value(d.quad_class) AS quad_class, any_value(d.goldstein) AS goldstein,
                      any_value(d.type) AS type
               FROM event_dyads d WHERE {" AND ".join(["d.unit = ?", *where])}
               GROUP BY d.event_id"""
    activity: pd.DataFrame = con.execute(
        f"""SELECT CAST(date_trunc('month', day) AS DATE) AS period, {_QUADS}
            FROM ({_dedup(rows, unit)}) GROUP BY period ORDER BY period NULLS LAST""",
        [unit_id, *params]).df()
    return ActorProfile(
        id=unit_id,
        name=row[1] if row else unit_id,
        kind=row[2] if row else None,
        country=row[3] if row else None,
        sector=row[4] if row else None,
        roles=roles_over_time(con, actor),
        partners=top_partners(con, actor, n=n, unit=unit, since=since, until=until),
        types=type_counts(con, actor, unit=unit, since=since, until=until),
        activity=activity,
    )
