"""Read-only connections for the API: one shared database handle, a cursor per request.

Opening a DuckDB file costs ~50 ms, so the handle is kept while requests come; but while any
process holds it no other process can write the file, so the handle is let go after ``idle_s``
seconds without requests, and after at most ``hold_s`` seconds of use (requests then wait for
the ones in flight, the file is free for ``pause_s``, and a new handle is opened), so that an
``ingest`` writing between its batches is never shut out by a busy dashboard. An open that finds
the file held by a writer waits for it (see ``newsevents.store.schema.connect``).

A Parquet dataset (``ingest --scheduler``) has no writer to make way for, and opening one costs
more (its views are set up over every shard): its handle is kept, and opened again only when
the dataset's manifest changes (a Dask ingest finished more shards).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newsevents.store.dataset import MANIFEST, is_dataset
from newsevents.store.schema import connect


class ReadPool:
    def __init__(self, path: Path, idle_s: float = 2.0, *, hold_s: float = 1.0,
                 pause_s: float = 0.15) -> None:
        self.path = path
        self.idle_s = idle_s
        self.hold_s = hold_s
        self.pause_s = pause_s
        self._lock = threading.Condition()
        self._con: Any = None
        self._opened = 0.0
        self._closed = float("-inf")
        self._draining = False
        self._active = 0
        self._generation = 0  # bumps on each release, so only the latest idle timer closes
        self._dataset = is_dataset(path)
        self._stamp: object = None  # the dataset manifest's state when the handle was opened

    @contextmanager
    def cursor(self) -> Iterator[Any]:
        """A cursor of its own (DuckDB cursors are safe to use from separate threads)."""
        with self._lock:
            self._lock.wait_for(lambda: not self._draining)
            if self._con is not None and self._stale():
                if self._active:  # let the requests in flight finish, then let go
                    self._draining = True
                    self._lock.wait_for(lambda: not self._draining)
                else:
                    self._close_locked()
            if self._con is None:
                # The file stays free a moment, long enough for a waiting writer to get it.
                rest = self.pause_s - (time.monotonic() - self._closed)
                if rest > 0:
                    time.sleep(rest)
                self._stamp = self._manifest_state()
                self._con = connect(self.path, read_only=True)
                self._opened = time.monotonic()
            cur = self._con.cursor()
            self._active += 1
        try:
            yield cur
        finally:
            cur.close()
            self._release()

    def _release(self) -> None:
        with self._lock:
            self._active -= 1
            if self._active:
                return
            if self._draining:
                self._close_locked()
                self._draining = False
                self._lock.notify_all()
                return
            if self.idle_s <= 0 or self._dataset:
                return
            self._generation += 1
            timer = threading.Timer(self.idle_s, self._close_if_idle, (self._generation,))
        timer.daemon = True
        timer.start()

    def _stale(self) -> bool:
        """Whether the open handle is to be let go: held too long (a store file), or opened
        before the dataset's manifest last changed (a dataset)."""
        if self._dataset:
            return self._manifest_state() != self._stamp
        return time.monotonic() - self._opened > self.hold_s

    def _manifest_state(self) -> object:
        if not self._dataset:
            return None
        try:
            st = (self.path / MANIFEST).stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size)

    def _close_if_idle(self, generation: int) -> None:
        with self._lock:
            if self._active == 0 and generation == self._generation:
                self._close_locked()

    def _close_locked(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None
            self._closed = time.monotonic()

    @property
    def is_open(self) -> bool:
        return self._con is not None

    def close(self) -> None:
        with self._lock:
            self._generation += 1
            self._close_locked()
