"""Read queries of event clusters: one row per real-world event with its supporting articles.

A cluster's *sources* are distinct outlets: the host of the article's URL, else its feed, else
its input path (so files without a URL count as one outlet each).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from newsevents.store.queries import parse_day

OUTLET = ("coalesce(nullif(regexp_extract(a.url, '^[a-zA-Z]+://(?:www\\.)?([^/:?#]+)', 1), ''),"
          " a.feed, a.source)")


def clusters_sql(where: list[str] | None = None, min_articles: int = 1,
                 limit: int | None = None) -> str:
    """SQL: one row per cluster (filters on the cluster's events ``c``), largest first."""
    where = where or []
    return f"""
    WITH m AS (
        SELECT c.cluster_id FROM event_clusters c
        {"WHERE " + " AND ".join(where) if where else ""}
        GROUP BY c.cluster_id
    )
    SELECT c.cluster_id, any_value(c.type) AS type, any_value(c.grp) AS modality,
        count(*) AS events, count(DISTINCT e.article_id) AS articles,
        count(DISTINCT {OUTLET}) AS sources,
        min(c.day) AS first_day, max(c.day) AS last_day,
        min(a.published) AS first_report, max(a.published) AS last_report,
        list_sort(list_distinct(flatten(list(c.source)))) AS source,
        list_sort(list_distinct(flatten(list(c.target)))) AS target,
        any_value(e.cameo ORDER BY e.confidence DESC, a.published, e.id) AS cameo,
        any_value(e.quad_class) AS quad_class, avg(e.goldstein) AS goldstein,
        any_value(c.place_country ORDER BY c.place_country NULLS LAST) AS place_country,
        any_value(e.evidence_text ORDER BY e.confidence DESC, a.published, e.id) AS evidence,
        any_value(e.id ORDER BY e.confidence DESC, a.published, e.id) AS representative,
        list(DISTINCT e.article_id ORDER BY e.article_id) AS article_ids
    FROM m JOIN event_clusters c ON c.cluster_id = m.cluster_id
    JOIN events e ON e.id = c.event_id JOIN articles a ON a.id = e.article_id
    GROUP BY c.cluster_id
    HAVING count(DISTINCT e.article_id) >= {int(min_articles)}
    ORDER BY articles DESC, events DESC, first_day DESC NULLS LAST, c.cluster_id
    {"LIMIT " + str(int(limit)) if limit is not None else ""}
    """


def clusters(
    con: Any, *, actor: str | None = None, type: str | None = None,
    since: str | date | None = None, until: str | date | None = None,
    min_articles: int = 1, limit: int | None = None, factual: bool = False,
) -> pd.DataFrame:
    """Clusters with their number of events, articles and distinct sources, first and last day
    and report, the units on each side, and a representative evidence sentence (the most
    confident event's, earliest report first)."""
    where: list[str] = []
    params: list[Any] = []
    if actor:
        where.append("(list_contains(c.source, ?) OR list_contains(c.target, ?))")
        value = actor.upper() if len(actor) == 3 and actor.isalpha() else actor
        params += [value, value]
    if type:
        where.append("c.type = ?")
        params.append(type.upper())
    lo, hi = parse_day(since), parse_day(until, end=True)
    if lo:
        where.append("c.day >= ?")
        params.append(lo)
    if hi:
        where.append("c.day <= ?")
        params.append(hi)
    if factual:
        where.append("c.grp = 'factual'")
    df: pd.DataFrame = con.execute(clusters_sql(where, min_articles, limit), params).df()
    return df


def cluster_events(con: Any, cluster_id: str) -> pd.DataFrame:
    """The member events of one cluster with their article, outlet and evidence."""
    df: pd.DataFrame = con.execute(f"""
        SELECT e.id, c.day, e.type, e.cameo, e.modality, c.source, c.target, e.confidence,
            e.evidence_text, e.article_id, a.title, a.url, a.published, {OUTLET} AS outlet
        FROM event_clusters c JOIN events e ON e.id = c.event_id
        JOIN articles a ON a.id = e.article_id
        WHERE c.cluster_id = ? ORDER BY a.published NULLS LAST, e.id
    """, [cluster_id]).df()
    return df
