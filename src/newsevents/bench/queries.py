"""Query benchmark: median time of a dyad series, an actor's top partners and a filtered event
page on a synthetic store (``python -m newsevents.bench.queries --events 10000000``).

``run(...)`` is what ``make bench-queries`` and other benchmarks call; it returns the medians in
milliseconds. The store is generated once and reused when it already holds the same number of
events (generation of ten million events takes a few minutes on two cores).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsevents import aggregates
from newsevents.bench.synthetic import generate

__all__ = ["run"]

DEFAULT_DB = Path("bench-queries.duckdb")


def _time(fn: Callable[[], Any], repeats: int) -> float:
    fn()  # warm the buffer cache, as a server would be
    laps = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        laps.append((time.perf_counter() - t0) * 1000)
    return statistics.median(laps)


def run(n_events: int = 10_000_000, db: str | Path = DEFAULT_DB, repeats: int = 11,
        regenerate: bool = False) -> dict[str, Any]:
    """Generate (or reuse) a store of ``n_events`` and time the three queries."""
    from newsevents.store import Store

    db = Path(db)
    gen_s = None
    existing = 0
    if db.exists() and not regenerate:
        with Store(db, read_only=True) as s:
            existing = s._read("SELECT count(*) FROM events")[0][0]
    if existing != n_events:
        t0 = time.perf_counter()
        generate(db, n_events)
        gen_s = round(time.perf_counter() - t0, 1)
    with Store(db, read_only=True) as store:
        con = store._con.cursor()
        # The busiest unit and its busiest partner: the worst case for each query.
        a, b = con.execute("""SELECT unit, partner FROM event_dyads WHERE partner IS NOT NULL
                              GROUP BY ALL ORDER BY count(*) DESC LIMIT 1""").fetchone()
        timings = {
            "dyad_series_month": _time(lambda: aggregates.dyad_series(
                con, a, b, freq="month"), repeats),
            "dyad_series_clusters": _time(lambda: aggregates.dyad_series(
                con, a, b, freq="month", unit="clusters"), repeats),
            "top_partners": _time(lambda: aggregates.top_partners(con, a, n=10), repeats),
            "event_page": _time(lambda: aggregates.event_page(
                con, actor=a, type="CONSULT", since="2020-01-01", until="2020-12-31",
                limit=50), repeats),
        }
        rows = con.execute("SELECT count(*) FROM event_dyads WHERE unit = ?", [a]).fetchone()
    return {"events": n_events, "generate_s": gen_s, "dyad": [a, b],
            "rows_of_busiest_unit": rows[0] if rows else 0,
            "median_ms": {k: round(v, 1) for k, v in timings.items()}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--db", type=Path, default=DEFAULT_DB)
    ap.add_argument("--repeats", type=int, default=11)
    ap.add_argument("--regenerate", action="store_true")
    args = ap.parse_args()
    print(json.dumps(run(args.events, args.db, args.repeats, args.regenerate), indent=2))


if __name__ == "__main__":
    main()
