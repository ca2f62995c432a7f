"""Concurrency: the API keeps answering while ``newsevents ingest`` (another process) writes
the same store, and never shows part of an article; ``watch`` lets the file go between uses.

DuckDB lets one process hold a file for writing, or several for reading, never both. ingest
lets go of the file between batches, the API's read pool after at most ``hold_s`` of use, and
an open that finds the file held waits for it (RELIABILITY.md).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
from collections import defaultdict
from pathlib import Path

import httpx

from newsevents.api.background import serving
from newsevents.store import Store
from tests.reliability_corpus import write_corpus
from tests.store_check import open_store, orphans

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "src" / "newsevents" / "demo" / "corpus"
READERS = 4


def test_api_reads_during_ingest_never_fail_nor_see_half_an_article(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, DEMO, demo_files=8, generated=16, seed=7)
    db = tmp_path / "live.duckdb"
    Store(db).close()  # an empty store, so that the API can start before the first article
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    ingest = subprocess.Popen(
        [sys.executable, "-m", "newsevents.cli", "ingest", "-q", "--db", str(db), str(corpus)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    statuses: dict[int, int] = defaultdict(int)
    seen: dict[str, list[frozenset[str]]] = defaultdict(list)  # article -> event id sets
    counts: set[int] = set()
    errors: list[str] = []
    lock = threading.Lock()

    def read(base: str, seed: int) -> None:
        rng = random.Random(seed)
        with httpx.Client(base_url=base, timeout=60) as client:
            while ingest.poll() is None:
                try:
                    stats = client.get("/api/stats")
                    page = client.get("/api/events", params={"limit": 1000})
                except httpx.HTTPError as exc:
                    with lock:
                        errors.append(repr(exc))
                    continue
                with lock:
                    statuses[stats.status_code] += 1
                    statuses[page.status_code] += 1
                if stats.status_code != 200 or page.status_code != 200:
                    with lock:
                        errors.append(f"{stats.status_code} {page.status_code} {page.text[:200]}")
                    continue
                counts.add(stats.json()["articles"])
                ids = sorted({e["article_id"] for e in page.json()["items"]})
                for art in rng.sample(ids, min(3, len(ids))):
                    r = client.get(f"/api/articles/{art}")
                    with lock:
                        statuses[r.status_code] += 1
                    if r.status_code != 200:
                        with lock:
                            errors.append(f"article {art}: {r.status_code} {r.text[:200]}")
                        continue
                    with lock:
                        seen[art].append(frozenset(e["id"] for e in r.json()["events"]))

    with serving(db) as base:
        threads = [threading.Thread(target=read, args=(base, i)) for i in range(READERS)]
        for t in threads:
            t.start()
        _, err = ingest.communicate(timeout=300)
        for t in threads:
            t.join(60)
    assert ingest.returncode == 0, err
    assert not errors, errors[:5]
    assert set(statuses) == {200}
    requests = sum(statuses.values())
    # The reads overlapped the writes: they saw the store at several sizes (the pipeline hands
    # over articles in batches, so often only two or three).
    assert len(counts) >= 2, counts
    con = open_store(db)
    try:
        assert orphans(con) == {}
        final: dict[str, set[str]] = defaultdict(set)
        for art, ev in con.execute("SELECT article_id, id FROM events").fetchall():
            final[art].add(ev)
    finally:
        con.close()
    assert seen
    for art, views in seen.items():
        for view in views:
            assert view == final[art], f"article {art} seen with {len(view)} of its events"
    views = sum(map(len, seen.values()))
    print(f"\nconcurrency: {requests} API requests during ingest, all 200; {views} article "
          f"views complete; store sizes seen {sorted(counts)}")


def test_watch_lets_the_file_go_while_it_fetches_and_sleeps(tmp_path: Path,
                                                            pipeline: object) -> None:
    from newsevents.sources.fetch import Response
    from newsevents.watch import run_watch

    db = tmp_path / "watch.duckdb"
    probe = [sys.executable, "-c", "import duckdb, sys; duckdb.connect(sys.argv[1], "
             "read_only=True).execute('SELECT count(*) FROM articles').fetchall()", str(db)]
    checks: list[int] = []

    def other_process_reads() -> None:
        checks.append(subprocess.run(probe, capture_output=True).returncode)

    rss = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
           b"<item><title>Story</title><link>https://news.example/1</link>"
           b"<guid>1</guid><description>Iranian President Masoud Pezeshkian met Russian "
           b"President Vladimir Putin in Kazan on Wednesday.</description></item>"
           b"</channel></rss>")

    class Fetcher:
        def get(self, url: str, **_: object) -> Response:
            other_process_reads()  # while the watch fetches, the file is free
            if url.endswith("feed.xml"):
                return Response(url, 200, rss, "application/rss+xml")
            page = (b"<html><body><article><p>Iranian President Masoud Pezeshkian met "
                    b"Russian President Vladimir Putin in Kazan on Wednesday, October 23, "
                    b"2024.</p></article></body></html>")
            return Response(url, 200, page, "text/html")

    lines: list[str] = []
    run_watch(["https://news.example/feed.xml"], db, 1.0, Fetcher(),  # type: ignore[arg-type]
              iterations=2, echo=lines.append, sleep=lambda s: other_process_reads())
    assert checks and all(rc == 0 for rc in checks), checks
    assert "1 new" in lines[0], lines
