"""``newsevents watch FEED... --every 15m``: poll feeds, ingest what is new, one log line a poll.

What was seen (entry ids per feed, and each feed's ETag / Last-Modified) is kept in the store,
in ``watch_seen`` and ``watch_feeds``, so a restarted watch resumes without fetching old entries
again. Entries whose page could not be fetched are not marked seen: the next poll retries them.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from newsevents.errors import InputError, NewsEventsError
from newsevents.pipeline import Failure, Pipeline
from newsevents.records import RawDocument
from newsevents.sources import feeds
from newsevents.sources.fetch import Fetcher

WATCH_DDL = """
CREATE TABLE IF NOT EXISTS watch_feeds (
    feed VARCHAR PRIMARY KEY,
    etag VARCHAR,
    last_modified VARCHAR,
    last_poll TIMESTAMP
);
CREATE TABLE IF NOT EXISTS watch_seen (
    feed VARCHAR NOT NULL,
    entry VARCHAR NOT NULL,
    seen_at TIMESTAMP NOT NULL
);
"""
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)


def parse_every(value: str) -> float:
    """Seconds of an interval like "15m", "1h", "90s" or "30" (seconds)."""
    m = _EVERY.match(value)
    if m is None or float(m.group(1)) <= 0:
        raise ValueError(f"{value!r} is not an interval; write e.g. 90s, 15m, 1h or 1d")
    return float(m.group(1)) * _UNITS[(m.group(2) or "s").lower()]


@dataclass(frozen=True, slots=True)
class PollResult:
    feed: str
    entries: int = 0
    new: int = 0
    added: int = 0
    copies: int = 0
    failed: int = 0
    events: int = 0
    not_modified: bool = False
    error: str | None = None

    def line(self) -> str:
        stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        if self.error:
            return f"{stamp} {self.feed}: error: {self.error}"
        if self.not_modified:
            return f"{stamp} {self.feed}: not modified"
        return (f"{stamp} {self.feed}: {self.entries} entries, {self.new} new, {self.added} "
                f"added, {self.copies} copies, {self.failed} failed, {self.events} events")


class WatchState:
    """The watch tables of a store file: on a connection of its own to the same database, or
    on a :class:`~newsevents.store.Store`, whose file is then let go after each use (so that
    the API can read while a watch fetches)."""

    def __init__(self, con: Any) -> None:
        from newsevents.store import Store

        self._store = con if isinstance(con, Store) else None
        self._fixed = None if self._store is not None else con
        self._con.execute(WATCH_DDL)
        self._done()

    @property
    def _con(self) -> Any:
        return self._store._con if self._store is not None else self._fixed

    def _done(self) -> None:
        if self._store is not None:
            self._store.release()

    @property
    def releases(self) -> bool:
        """Whether the store file is let go between uses (ingest then does the same)."""
        return self._store is not None

    def validators(self, feed: str) -> tuple[str | None, str | None]:
        row = self._con.execute(
            "SELECT etag, last_modified FROM watch_feeds WHERE feed = ?", [feed]).fetchone()
        self._done()
        return (row[0], row[1]) if row else (None, None)

    def seen(self, feed: str) -> set[str]:
        found = {r[0] for r in self._con.execute(
            "SELECT entry FROM watch_seen WHERE feed = ?", [feed]).fetchall()}
        self._done()
        return found

    def record(self, feed: str, etag: str | None, last_modified: str | None,
               entries: list[str]) -> None:
        now = datetime.now(UTC).replace(tzinfo=None)
        con = self._con
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute("INSERT OR REPLACE INTO watch_feeds VALUES (?, ?, ?, ?)",
                        [feed, etag, last_modified, now])
            if entries:
                con.executemany("INSERT INTO watch_seen VALUES (?, ?, ?)",
                                [(feed, e, now) for e in entries])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        self._done()


def poll(feed: str, store: Any, state: WatchState, fetcher: Fetcher,
         pipeline: Pipeline | None = None) -> PollResult:
    """Fetch ``feed`` (conditionally), ingest its new entries into ``store``."""
    from newsevents.runners.local import ingest_raw

    etag, modified = state.validators(feed)
    try:
        resp = fetcher.get(feed, etag=etag, last_modified=modified, accept=feeds.ACCEPT)
        if resp.not_modified:
            state.record(feed, etag, modified, [])
            return PollResult(feed, not_modified=True)
        entries = feeds.parse_feed(feed, resp.content)
    except InputError as exc:
        return PollResult(feed, error=exc.problem + (f" ({exc.hint})" if exc.hint else ""))
    seen = state.seen(feed)
    new = [e for e in entries if e.key not in seen]
    done: list[str] = []
    docs: list[RawDocument | Failure] = []
    for entry in new:
        item = feeds.entry_document(feed, entry, fetcher)
        docs.append(item)
        if isinstance(item, RawDocument):
            done.append(entry.key)
    failures: list[Failure] = []
    summary = ingest_raw(docs, store, pipeline, progress=False, on_failure=failures.append,
                         release=state.releases)
    state.record(feed, resp.etag, resp.last_modified, done)
    return PollResult(feed, len(entries), len(new), summary.added, summary.copies,
                      summary.failed, summary.events)


def run_watch(feed_urls: list[str], db: Path, every: float, fetcher: Fetcher, *,
              iterations: int | None = None, echo: Callable[[str], None] = print,
              sleep: Callable[[float], None] = time.sleep) -> None:
    """Poll every feed, then wait ``every`` seconds, ``iterations`` times (None: forever)."""
    from newsevents.store import Store

    # The file is held only while the watch reads or writes it, never while it fetches or
    # sleeps: `serve` and queries read it meanwhile (RELIABILITY.md).
    with Store(db) as store:
        state = WatchState(store)
        n = 0
        while iterations is None or n < iterations:
            started = time.monotonic()
            for url in feed_urls:
                echo(poll(url, store, state, fetcher).line())
            n += 1
            if iterations is None or n < iterations:
                sleep(max(0.0, every - (time.monotonic() - started)))


def watch_cmd(
    ctx: typer.Context,
    feed_urls: Annotated[list[str], typer.Argument(metavar="FEED...",
                                                   help="RSS or Atom feed URLs.")],
    every: Annotated[str, typer.Option("--every", help="Interval: 90s, 15m, 1h ...")] = "15m",
    db: Annotated[Path | None, typer.Option("--db", help="Store file (default "
                                            "./newsevents.duckdb).", show_default=False)]
    = None,
    once: Annotated[bool, typer.Option("--once", help="Poll once and exit (for cron).")]
    = False,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="Allow feeds on loopback and private networks.")] = False,
) -> None:
    """Poll feeds and ingest new articles; remembers what it has seen across restarts."""
    from newsevents.cli import db_path
    from newsevents.sources.fetch import FetchPolicy
    from newsevents.sources.urls import default_fetcher, is_url

    try:
        seconds = parse_every(every)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--every") from None
    bad = [u for u in feed_urls if not is_url(u)]
    if bad:
        raise typer.BadParameter(f"not an http(s) URL: {bad[0]!r}", param_hint="FEED")
    fetcher = default_fetcher()
    if allow_private:
        fetcher = Fetcher(FetchPolicy(allow_private=True))
    path = db_path(ctx, db)
    typer.echo(f"watching {len(feed_urls)} feed(s) every {every} into {path} "
               "(Ctrl-C to stop)", err=True)
    try:
        run_watch(feed_urls, path, seconds, fetcher, iterations=1 if once else None,
                  echo=lambda s: typer.echo(s, err=True))
    except KeyboardInterrupt:
        typer.echo("stopped; the next watch resumes where this one left off", err=True)
    except NewsEventsError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    finally:
        fetcher.close()
    sys.stderr.flush()
