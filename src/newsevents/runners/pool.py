"""Run the pipeline in worker processes, streaming: bounded work in flight, results in order.

The parent reads inputs and writes the store (one writer); workers run ``Pipeline.pipe`` over
chunks of documents (and, for ingest, build the store records, newsevents.store.prepare).
At most ``workers * ahead`` chunks are in flight, so memory stays
bounded however long the input, and results come back in input order, so a parallel ingest
stores the same articles in the same order as a single-process one.
"""

from __future__ import annotations

import multiprocessing as mp
import resource
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from newsevents.pipeline import Failure, Pipeline, default_pipeline
from newsevents.records import Document, RawDocument
from newsevents.store.prepare import Prepared, prepare_item

Item = RawDocument | Failure
Result = Document | Prepared | Failure

_PIPELINE: Pipeline | None = None
_PREPARE = False


def _init(pipeline: Pipeline | None, prepare: bool = False) -> None:
    global _PIPELINE, _PREPARE
    # Built once per worker (data files, automata), never per chunk.
    _PIPELINE = pipeline if pipeline is not None else default_pipeline()
    _PREPARE = prepare


def _run(chunk: list[Item]) -> tuple[list[Result], int, float]:
    """Process one chunk; also returns this worker's peak RSS (KiB) and the CPU seconds the
    chunk took, for the benchmark."""
    assert _PIPELINE is not None, "worker not initialised"
    t0 = time.process_time()
    out: list[Result] = list(_PIPELINE.pipe(chunk))
    if _PREPARE:
        out = [prepare_item(d) for d in out]  # type: ignore[arg-type]
    return (out, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            time.process_time() - t0)


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
                 ahead: int = 3, prepare: bool = False) -> None:
        """``prepare``: workers also turn each Document into its store records
        (:func:`newsevents.store.prepare.prepare_item`), so the writer has less to do.
        ``ahead`` chunks per worker are in flight: enough to keep the workers busy while the
        consumer writes a batch."""
        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        self.workers = workers
        self.chunk = chunk
        self.ahead = ahead
        self.worker_peak_rss_kb = 0
        self.worker_cpu_s = 0.0  # CPU seconds the workers spent on chunks
        self._pool = ProcessPoolExecutor(workers, mp_context=_context(), initializer=_init,
                                         initargs=(pipeline, prepare))

    def pipe(self, items: Iterable[Item]) -> Iterator[Result]:
        pending: deque[Future[tuple[list[Result], int, float]]] = deque()
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
            results, rss, cpu = pending.popleft().result()
            self.worker_peak_rss_kb = max(self.worker_peak_rss_kb, rss)
            self.worker_cpu_s += cpu
            yield from results

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> ParallelPipe:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
