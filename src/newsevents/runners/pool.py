"""Run the pipeline in worker processes, streaming: bounded work in flight, results in order.

The parent reads inputs and writes the store (one writer); workers only run ``Pipeline.pipe``
over chunks of documents. At most ``workers * ahead`` chunks are in flight, so memory stays
bounded however long the input, and results come back in input order, so a parallel ingest
stores the same articles in the same order as a single-process one.
"""

from __future__ import annotations

import multiprocessing as mp
import resource
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from newsevents.pipeline import Failure, Pipeline, default_pipeline
from newsevents.records import Document, RawDocument

Item = RawDocument | Failure
Result = Document | Failure

_PIPELINE: Pipeline | None = None


def _init(pipeline: Pipeline | None) -> None:
    global _PIPELINE
    # Built once per worker (data files, automata), never per chunk.
    _PIPELINE = pipeline if pipeline is not None else default_pipeline()


def _run(chunk: list[Item]) -> tuple[list[Result], int]:
    """Process one chunk; also returns this worker's peak RSS (KiB) for the benchmark."""
    assert _PIPELINE is not None, "worker not initialised"
    out = list(_PIPELINE.pipe(chunk))
    return out, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _context() -> mp.context.BaseContext:
    # forkserver: workers fork from a clean server process, not from the parent, which holds
    # DuckDB's threads and open files (forking a threaded process can deadlock). spawn where
    # forkserver does not exist (Windows, and macOS prefers it).
    method = "forkserver" if sys.platform.startswith("linux") else "spawn"
    ctx = mp.get_context(method)
    if method == "forkserver":
        # Imported once in the server, so each worker starts with the stage modules loaded.
        ctx.set_forkserver_preload(["newsevents.runners.pool", "newsevents.stages.places"])
    return ctx


class ParallelPipe:
    """``Pipeline.pipe`` over ``workers`` processes. Iterate it once; use as a context manager
    (or call :meth:`close`) so the workers stop even when iteration is cut short."""

    def __init__(self, workers: int, pipeline: Pipeline | None = None, *, chunk: int = 8,
                 ahead: int = 3) -> None:
        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        self.workers = workers
        self.chunk = chunk
        self.ahead = ahead
        self.worker_peak_rss_kb = 0
        self._pool = ProcessPoolExecutor(workers, mp_context=_context(), initializer=_init,
                                         initargs=(pipeline,))

    def pipe(self, items: Iterable[Item]) -> Iterator[Result]:
        pending: deque[Future[tuple[list[Result], int]]] = deque()
        it = iter(items)
        limit = self.workers * self.ahead
        while True:
            while len(pending) < limit:
                chunk = list(islice(it, self.chunk))
                if not chunk:
                    break
                pending.append(self._pool.submit(_run, chunk))
            if not pending:
                return
            results, rss = pending.popleft().result()
            self.worker_peak_rss_kb = max(self.worker_peak_rss_kb, rss)
            yield from results

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> ParallelPipe:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
