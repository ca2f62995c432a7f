"""Time the API's requests on a synthetic store of N events (default one million).

    .venv/bin/python scripts/bench_api.py [--events 1000000] [--db /tmp/bench.duckdb]

The rows are generated inside DuckDB (no pipeline run), with the store's own schema; each
request is timed through the ASGI app in-process, best of five after a warm-up.
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings
from pathlib import Path

from newsevents.store import Store
from newsevents.store.schema import connect

REQUESTS = (
    "/api/stats",
    "/api/events?limit=50",
    "/api/events?limit=50&cursor={cursor}",
    "/api/events?limit=50&actor=C007&type=CONSULT",
    "/api/events?limit=50&actor=C007&partner=C011",
    "/api/events?limit=50&quad_class=3&quad_class=4&since=2024-01&place=C003",
    "/api/events?limit=50&text=talks%20017",
    "/api/timeseries?freq=month",
    "/api/timeseries?freq=week&actor=C007",
    "/api/map",
    "/api/map?by=actor&quad_class=4",
    "/api/network?n=60",
    "/api/network?n=60&by=actor&actor=C007",
    "/api/types",
    "/api/top-dyads?n=15",
    "/api/actors?limit=1000",
    "/api/actors/C007",
    "/api/dyads/C007/C011",
)


def build(path: Path, n_events: int) -> None:
    with Store(path):  # creates the schema and its version row
        pass
    n_articles = max(1, n_events // 10)
    con = connect(path, read_only=False)
    try:
        con.execute("BEGIN")
        con.execute(
            "INSERT INTO articles SELECT 'a' || i, 'h' || i, 'synthetic/' || i, NULL, "
            "'Article ' || i, DATE '2020-01-01' + CAST(i % 1800 AS INTEGER), 'given', 'en', "
            "'Leaders of C' || lpad(CAST(i % 150 AS VARCHAR), 3, '0') || ' held talks ' || "
            "lpad(CAST(i % 1000 AS VARCHAR), 3, '0') || ' with their counterparts.', "
            "NULL, NULL, NULL, now() FROM range(?) t(i)",
            [n_articles],
        )
        con.execute(
            "INSERT INTO actors SELECT 'C' || lpad(CAST(i AS VARCHAR), 3, '0'), "
            "'Country ' || i, 'country', 'C' || lpad(CAST(i AS VARCHAR), 3, '0'), NULL, '[]' "
            "FROM range(150) t(i)"
        )
        con.execute(
            "INSERT INTO actors SELECT 'person:p' || i, 'Person ' || i, 'person', "
            "'C' || lpad(CAST(i % 150 AS VARCHAR), 3, '0'), 'GOV', '[\"Minister\"]' "
            "FROM range(2000) t(i)"
        )
        con.execute(
            "INSERT INTO places SELECT 'geo:' || i, 'Place ' || i, "
            "'C' || lpad(CAST(i % 150 AS VARCHAR), 3, '0'), (i % 140) - 60.0, (i % 360) - 180.0, "
            "i, 'city' FROM range(3000) t(i)"
        )
        types = "['CONSULT','AGREE','SUPPORT','AID','ACCUSE','THREATEN','SANCTION','ASSAULT']"
        con.execute(
            "INSERT INTO events SELECT 'ev' || i, 'a' || (i % ?), "
            f"{types}[1 + i % 8], NULL, '040', 1 + (i % 8) // 2, 1.0, "
            "CASE WHEN i % 10 = 0 THEN 'expected' ELSE 'asserted' END, "
            "CASE WHEN i % 3 = 0 THEN NULL ELSE DATE '2020-01-01' + CAST(i % 1800 AS INTEGER) END, "
            "'day', 'text', CASE WHEN i % 4 = 0 THEN NULL ELSE 'geo:' || (i % 3000) END, 'text', "
            "0.8, 'Leaders held talks ' || lpad(CAST(i % 1000 AS VARCHAR), 3, '0') || '.', 0, 20, "
            "'held talks', 8, 18 FROM range(?) t(i)",
            [n_articles, n_events],
        )
        # Two sides per event: a country or one of its people, against another country.
        con.execute(
            "INSERT INTO event_actors SELECT 'ev' || i, "
            "CASE WHEN i % 5 = 0 THEN 'person:p' || (i % 2000) "
            "ELSE 'C' || lpad(CAST(i % 150 AS VARCHAR), 3, '0') END, 'source', 0, "
            "'C' || lpad(CAST(i % 150 AS VARCHAR), 3, '0') FROM range(?) t(i)",
            [n_events],
        )
        con.execute(
            "INSERT INTO event_actors SELECT 'ev' || i, "
            "'C' || lpad(CAST((i * 7 + 11) % 150 AS VARCHAR), 3, '0'), 'target', 0, "
            "'C' || lpad(CAST((i * 7 + 11) % 150 AS VARCHAR), 3, '0') FROM range(?) t(i)",
            [n_events],
        )
        # The dyad rows the store's write path derives (newsevents.clusters.dyad_rows: a unit
        # on both sides is a source; a unit with no partner gets a row of its own), each event
        # its own cluster, sorted as Store.optimize leaves them.
        con.execute("""
        CREATE TEMP TABLE sides AS
        SELECT DISTINCT event_id, role, coalesce(country, actor_id) AS u FROM event_actors;
        CREATE TEMP TABLE pairs AS
        WITH src AS (SELECT event_id, u FROM sides WHERE role = 'source'),
        tgt AS (SELECT event_id, u FROM sides t WHERE role = 'target' AND NOT EXISTS
                (SELECT 1 FROM src WHERE src.event_id = t.event_id AND src.u = t.u)),
        p AS (SELECT s.event_id, s.u AS unit, t.u AS partner, true AS outgoing
              FROM src s JOIN tgt t USING (event_id)
              UNION ALL SELECT s.event_id, t.u, s.u, false FROM src s JOIN tgt t USING (event_id))
        SELECT * FROM p
        UNION ALL SELECT event_id, u, NULL, true FROM src
            WHERE NOT EXISTS (SELECT 1 FROM tgt WHERE tgt.event_id = src.event_id)
        UNION ALL SELECT event_id, u, NULL, false FROM tgt
            WHERE NOT EXISTS (SELECT 1 FROM src WHERE src.event_id = tgt.event_id);
        INSERT INTO event_dyads
        SELECT p.event_id, 'cl:' || p.event_id, coalesce(e.date, a.published), p.unit,
            p.partner, p.outgoing, e.type, e.quad_class, e.goldstein,
            e.modality IN ('asserted', 'reported')
        FROM pairs p JOIN events e ON e.id = p.event_id JOIN articles a ON a.id = e.article_id
        ORDER BY p.unit, p.partner NULLS FIRST, 3, p.event_id;
        DROP TABLE pairs;
        DROP TABLE sides;
        """)
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
    finally:
        con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/newsevents-bench.duckdb"))
    parser.add_argument("--keep", action="store_true", help="Reuse an existing --db file.")
    args = parser.parse_args()
    if not (args.keep and args.db.exists()):
        args.db.unlink(missing_ok=True)
        t0 = time.perf_counter()
        build(args.db, args.events)
        print(f"built {args.events:,} events in {time.perf_counter() - t0:.1f} s -> {args.db}")

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from newsevents.api import create_app

    with TestClient(create_app(args.db, idle_s=60)) as client:
        first = client.get("/api/events?limit=50").json()
        cursor = first["next_cursor"]
        # Deep page: follow cursors 20 pages in, then time the next one.
        for _ in range(20):
            cursor = client.get(f"/api/events?limit=50&cursor={cursor}").json()["next_cursor"]
        print(f"{'request':70} {'best ms':>8} {'median':>8}")
        for template in REQUESTS:
            url = template.format(cursor=cursor)
            r = client.get(url)
            assert r.status_code == 200, (url, r.status_code, r.text[:300])
            times = []
            for _ in range(5):
                t0 = time.perf_counter()
                client.get(url)
                times.append((time.perf_counter() - t0) * 1000)
            shown = template.replace("{cursor}", "<page 22>")
            print(f"{shown:70} {min(times):8.0f} {statistics.median(times):8.0f}")


if __name__ == "__main__":
    main()
