"""The SQL behind GDELT and PLOVER exports: one row per event, or per cluster (its most
confident event stands for it, with the cluster's counts of events, articles and sources)."""

from __future__ import annotations

from newsevents.store.cluster_queries import OUTLET

UNITS = ("clusters", "events")

_SIDE = """(SELECT list(struct_pack(id := x.actor_id, name := coalesce(ac.name, x.actor_id),
                                   country := x.country, sector := ac.sector, kind := ac.kind)
                       ORDER BY x.pos)
            FROM event_actors x LEFT JOIN actors ac ON ac.id = x.actor_id
            WHERE x.event_id = r.id AND x.role = '{role}')"""


def records_sql(unit: str) -> str:
    """SQL with columns: id (event or cluster id), event_id, day, type, mode, cameo,
    quad_class, goldstein, modality, trigger_text, evidence_text, evidence_start, confidence,
    events, articles, sources, url, outlet, language, ingested_at, place columns (place_name,
    place_country, lat, lon, geonameid, feature) and ``source``/``target`` lists of actor
    structs (id, name, country, sector, kind)."""
    if unit not in UNITS:
        raise ValueError(f"unit must be one of {', '.join(UNITS)}, not {unit!r}")
    if unit == "clusters":
        base = f"""
        SELECT c.cluster_id AS id,
            arg_min(e.id, (-coalesce(e.confidence, 0), a.published, e.id)) AS event_id,
            count(*) AS events, count(DISTINCT e.article_id) AS articles,
            count(DISTINCT {OUTLET}) AS sources, min(c.day) AS day
        FROM event_clusters c JOIN events e ON e.id = c.event_id
        JOIN articles a ON a.id = e.article_id
        GROUP BY c.cluster_id"""
    else:
        base = """
        SELECT e.id AS id, e.id AS event_id, 1 AS events, 1 AS articles, 1 AS sources,
            coalesce(e.date, a.published) AS day
        FROM events e JOIN articles a ON a.id = e.article_id"""
    return f"""
    WITH b AS ({base}), r AS (
        SELECT b.id AS rid, b.events, b.articles, b.sources, b.day, e.*,
            a.url, {OUTLET} AS outlet, a.language, a.ingested_at
        FROM b JOIN events e ON e.id = b.event_id JOIN articles a ON a.id = e.article_id
    )
    SELECT r.rid AS id, r.id AS event_id, r.day, r.type, r.mode, r.cameo, r.quad_class,
        r.goldstein, r.modality, r.trigger_text, r.evidence_text, r.evidence_start,
        r.confidence, r.events, r.articles, r.sources, r.url, r.outlet, r.language,
        r.ingested_at, p.name AS place_name, p.country AS place_country, p.lat, p.lon,
        p.geonameid, p.feature,
        {_SIDE.format(role="source")} AS source,
        {_SIDE.format(role="target")} AS target
    FROM r LEFT JOIN places p ON p.id = r.place_id
    ORDER BY r.day NULLS LAST, r.rid
    """
