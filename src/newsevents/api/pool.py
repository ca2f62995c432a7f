"""Read-only connections for the API: one shared database handle, a cursor per request.

Opening a DuckDB file costs ~50 ms, so the handle is kept while requests come; but while any
process holds it no other process can write the file, so it is closed after ``idle_s`` seconds
without requests, letting ``newsevents ingest`` run while the dashboard sits unused.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newsevents.store.schema import connect


class ReadPool:
    def __init__(self, path: Path, idle_s: float = 2.0) -> None:
        self.path = path
        self.idle_s = idle_s
        self._lock = threading.Lock()
        self._con: Any = None
        self._active = 0
        self._generation = 0  # bumps on each release, so only the latest idle timer closes

    @contextmanager
    def cursor(self) -> Iterator[Any]:
        """A cursor of its own (DuckDB cursors are safe to use from separate threads)."""
        with self._lock:
            if self._con is None:
                self._con = connect(self.path, read_only=True)
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
            if self._active or self.idle_s <= 0:
                return
            self._generation += 1
            timer = threading.Timer(self.idle_s, self._close_if_idle, (self._generation,))
        timer.daemon = True
        timer.start()

    def _close_if_idle(self, generation: int) -> None:
        with self._lock:
            if self._active == 0 and generation == self._generation:
                self._close_locked()

    def _close_locked(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    @property
    def is_open(self) -> bool:
        return self._con is not None

    def close(self) -> None:
        with self._lock:
            self._generation += 1
            self._close_locked()
