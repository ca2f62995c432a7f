"""Realistic synthetic event stores for benchmarks, generated inside DuckDB (no Python loops).

Real-world events get a day over ten years, a PLOVER type, and a source and a target country
drawn with a heavy-tailed popularity (a few countries are in most of the news, as in GDELT); each
is reported by one to five articles from fifty outlets, so clusters are realistic too. All rows
are a pure function of their row number (hashes), so the same ``n`` gives the same store.
"""

from __future__ import annotations

from pathlib import Path

from newsevents.lexicon import load_csv
from newsevents.ontology import PLOVER_TYPES, cameo_codes, cameo_info

__all__ = ["generate"]

EVENTS_PER_ARTICLE = 4


def _countries() -> list[str]:
    rows = load_csv("countries.csv")
    key = next(k for k in rows[0] if k.lower() in ("iso3", "code", "id", "alpha3", "alpha_3"))
    return sorted({r[key].strip() for r in rows if len(r[key].strip()) == 3})


def _type_rows() -> list[tuple[str, str, int, float]]:
    """One representative CAMEO code per PLOVER type (its base code with the lowest number)."""
    best: dict[str, tuple[str, str, int, float]] = {}
    for code in sorted(cameo_codes()):
        info = cameo_info(code)
        if info is not None and info.type in PLOVER_TYPES and info.type not in best:
            best[info.type] = (info.type, code, info.quad_class, info.goldstein)
    return [best[t] for t in PLOVER_TYPES if t in best]


def _u(expr: str, salt: int) -> str:
    """SQL: a uniform number in [0, 1) from ``expr`` and ``salt``."""
    return f"((hash({expr}, {salt}) % 1000003) / 1000003.0)"


def generate(path: str | Path, n_events: int) -> int:
    """Create a store at ``path`` holding about ``n_events`` synthetic events (sorted for
    queries, as ``Store.optimize`` leaves it); returns the number of events."""
    from newsevents.store import Store

    path = Path(path)
    if path.exists():
        path.unlink()
    countries = _countries()
    types = _type_rows()
    with Store(path) as store:
        con = store._con
        con.execute("CREATE TEMP TABLE cc AS SELECT unnest(?) AS code, "
                    "generate_subscripts(?, 1) - 1 AS i", [countries, countries])
        con.execute("CREATE TEMP TABLE tt (type VARCHAR, cameo VARCHAR, quad TINYINT, "
                    "gold DOUBLE, i INTEGER)")
        con.executemany("INSERT INTO tt VALUES (?, ?, ?, ?, ?)",
                        [(*t, i) for i, t in enumerate(types)])
        nc, nt = len(countries), len(types)
        # One row per report: report r belongs to real-world event r // 3 with probability
        # shaped so that clusters have 1–5 reports (the real-world id is a prefix sum).
        con.execute(f"""
        CREATE TEMP TABLE ev AS
        WITH r AS (
            SELECT i, CAST(i // 3 AS BIGINT) AS rw FROM range({int(n_events)}) t(i)
        ), w AS (
            SELECT r.i, r.rw,
                DATE '2015-01-01' + CAST(floor({_u('r.rw', 1)} * 3650) AS INTEGER) AS day,
                CAST(floor(pow({_u('r.rw', 2)}, 3) * {nc}) AS INTEGER) AS s,
                CAST(floor(pow({_u('r.rw', 3)}, 3) * {nc}) AS INTEGER) AS t0,
                CAST(floor(pow({_u('r.rw', 4)}, 2) * {nt}) AS INTEGER) AS ti,
                CAST(floor({_u('r.i', 5)} * 50) AS INTEGER) AS outlet
            FROM r
        )
        SELECT w.i, w.rw, w.day, w.outlet, a.code AS src,
            (SELECT code FROM cc WHERE cc.i = CASE WHEN w.t0 = w.s THEN (w.s + 1) % {nc}
                                                    ELSE w.t0 END) AS tgt,
            tt.type, tt.cameo, tt.quad, tt.gold
        FROM w JOIN cc a ON a.i = w.s JOIN tt ON tt.i = w.ti
        """)
        con.execute("BEGIN TRANSACTION")
        con.execute(f"""
        INSERT INTO articles
        SELECT 'a' || g, md5('a' || g), 'outlet' || any_value(outlet) || '/a' || g,
            'https://outlet' || any_value(outlet) || '.example/a' || g, 'Synthetic ' || g,
            max(day), 'given', 'en', 'synthetic article', '[]', '[]', NULL,
            TIMESTAMP '2025-01-01 00:00:00'
        FROM (SELECT i // {EVENTS_PER_ARTICLE} AS g, outlet, day FROM ev) GROUP BY g
        """)
        con.execute("INSERT INTO actors SELECT code, code, 'country', code, NULL, '[]' FROM cc")
        con.execute(f"""
        INSERT INTO events
        SELECT 'ev' || i, 'a' || (i // {EVENTS_PER_ARTICLE}), type, NULL, cameo, quad, gold,
            CASE WHEN i % 10 = 0 THEN 'reported' ELSE 'asserted' END, day, 'day', 'text',
            NULL, 'none', 0.8, src || ' ' || lower(type) || ' ' || tgt || ' (synthetic).',
            0, 40, lower(type), 4, 10
        FROM ev ORDER BY i
        """)
        con.execute("""
        INSERT INTO event_actors
        SELECT 'ev' || i, src, 'source', 0, src FROM ev
        UNION ALL SELECT 'ev' || i, tgt, 'target', 0, tgt FROM ev
        """)
        con.execute("""
        INSERT INTO event_clusters
        SELECT 'ev' || i, 'cl:ev' || (rw * 3), type, 'factual', day, [src], [tgt], NULL FROM ev
        """)
        con.execute("""
        INSERT INTO event_dyads
        SELECT * FROM (
            SELECT 'ev' || i, 'cl:ev' || (rw * 3), day, src, tgt, true, type, quad, gold, true
            FROM ev
            UNION ALL
            SELECT 'ev' || i, 'cl:ev' || (rw * 3), day, tgt, src, false, type, quad, gold, true
            FROM ev
        ) ORDER BY 4, 5 NULLS FIRST, 3, 1
        """)
        con.execute("COMMIT")
        con.execute("DROP TABLE ev")
        con.execute("CHECKPOINT")
    return int(n_events)
