"""The local runner: stream inputs through the pipeline into the store, on this machine.

Articles whose content hash is already stored are skipped before any processing, and documents
are written in batches (a few hundred articles, or what a second brought), each batch one
transaction, so a killed ingest leaves a consistent store and a rerun resumes where it stopped.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TextIO

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from newsevents import sources
from newsevents.pipeline import Failure, Pipeline, default_pipeline
from newsevents.records import Document, RawDocument
from newsevents.store import IngestSummary, Store
from newsevents.store.prepare import Prepared, prepare_item

FailureHook = Callable[[Failure], None]
Result = Document | Prepared | Failure

FLUSH_S = 1.0  # at most this long between writes
_CHUNK = 8  # articles per task sent to a worker


class _Tally:
    def __init__(self) -> None:
        self.added = self.skipped = self.events = self.copies = self.not_coded = 0
        self.failures: list[Failure] = []

    def summary(self) -> IngestSummary:
        return IngestSummary(self.added, self.skipped, len(self.failures), self.events,
                             tuple(self.failures), self.copies, self.not_coded)


def ingest(
    inputs: Iterable[str],
    store: Store,
    pipeline: Pipeline | None = None,
    progress: bool = True,
    *,
    on_failure: FailureHook | None = None,
    stream: TextIO | None = None,
    workers: int = 1,
    release: bool = False,
) -> IngestSummary:
    """Read ``inputs`` (files, directories, globs, ``-``), process and store each article.

    ``progress`` shows a live bar on ``stream`` (stderr) when it is a terminal. Each failure is
    passed to ``on_failure`` (default: printed on ``stream``) and the batch continues.
    ``workers`` > 1 runs the pipeline in that many processes; this process stays the only
    writer, and articles are stored in input order either way.
    ``release`` lets go of the store file between batches (inputs are then checked against the
    store a batch at a time), so that other processes can read it while this one runs.
    """
    return ingest_raw(sources.read_inputs(inputs), store, pipeline, progress,
                      on_failure=on_failure, stream=stream, workers=workers, release=release)


def ingest_raw(
    raws: Iterable[RawDocument | Failure],
    store: Store,
    pipeline: Pipeline | None = None,
    progress: bool = True,
    *,
    on_failure: FailureHook | None = None,
    stream: TextIO | None = None,
    batch_size: int = 256,
    workers: int = 1,
    release: bool = False,
    stats: dict[str, float] | None = None,
) -> IngestSummary:
    """Like :func:`ingest` for documents already read (by a source, or built in memory).

    ``stats``, when given, receives CPU seconds for the benchmark: ``parent_cpu_s`` (this
    process, its DuckDB threads included), ``writer_cpu_s`` (the part spent writing the store)
    and ``worker_cpu_s`` (the pipeline in worker processes), and ``worker_peak_rss_mb``.
    """
    cpu0 = time.process_time()
    stats = stats if stats is not None else {}
    stats.setdefault("writer_cpu_s", 0.0)
    try:
        if workers > 1:
            from newsevents.runners.pool import ParallelPipe

            # In flight: two write batches' worth, so the workers never wait for the writer.
            ahead = max(3, -(-2 * batch_size // (workers * _CHUNK)))
            with ParallelPipe(workers, pipeline, chunk=_CHUNK, ahead=ahead,
                              prepare=True) as pool:
                try:
                    return _ingest(raws, store, pool.pipe, progress, on_failure, stream,
                                   batch_size, parallel=True, release=release, stats=stats)
                finally:
                    stats["worker_cpu_s"] = pool.worker_cpu_s
                    stats["worker_peak_rss_mb"] = pool.worker_peak_rss_kb / 1024
        pipe = pipeline if pipeline is not None else default_pipeline()

        def process(items: Iterable[RawDocument | Failure]) -> Iterator[Prepared | Failure]:
            # The same records as the workers build, so the writer does the same work.
            return (prepare_item(d) for d in pipe.pipe(items))

        return _ingest(raws, store, process, progress, on_failure, stream, batch_size,
                       release=release, stats=stats)
    finally:
        stats["parent_cpu_s"] = time.process_time() - cpu0


def _ingest(
    raws: Iterable[RawDocument | Failure],
    store: Store,
    process: Callable[[Iterable[RawDocument | Failure]], Iterator[Result]],
    progress: bool,
    on_failure: FailureHook | None,
    stream: TextIO | None,
    batch_size: int,
    parallel: bool = False,
    release: bool = False,
    stats: dict[str, float] | None = None,
) -> IngestSummary:
    out = stream if stream is not None else sys.stderr
    console = Console(file=out)
    tally = _Tally()
    live = progress and out.isatty()

    def fresh(items: Iterable[RawDocument | Failure]) -> Iterator[RawDocument | Failure]:
        # Idempotency before the (expensive) pipeline: stored articles are not processed again.
        # Worker processes read ahead anyway, so their inputs are checked a batch at a time
        # (one query); a single process checks each as it arrives, so a slow stream (stdin, a
        # feed) is processed as it comes and an interrupt loses nothing read. A releasing
        # ingest checks a batch at a time too: each check opens the file (~0.1 s).
        it = iter(items)
        while batch := list(islice(it, batch_size if parallel or release else 1)):
            stored = store.stored_hashes(
                [x.content_hash for x in batch if isinstance(x, RawDocument)])
            if release:  # readers may open the file while the pipeline runs
                store.release()
            for item in batch:
                if isinstance(item, RawDocument) and item.content_hash in stored:
                    tally.skipped += 1
                    continue
                yield item

    def fail(f: Failure) -> None:
        tally.failures.append(f)
        if on_failure is not None:
            on_failure(f)
        else:
            console.print(f"[red]error:[/red] {f.message}", markup=True, highlight=False,
                          soft_wrap=True)

    buffer: list[Document | Prepared] = []
    last_flush = time.monotonic()

    def flush() -> None:
        nonlocal last_flush
        cpu0 = time.process_time()
        done = store.add_many(buffer, batch_size=max(batch_size, len(buffer)))
        if stats is not None:
            stats["writer_cpu_s"] += time.process_time() - cpu0
        if release:
            store.release()
        buffer.clear()
        last_flush = time.monotonic()
        tally.added += done.added
        tally.skipped += done.skipped_duplicates
        tally.events += done.events
        tally.copies += done.copies
        tally.not_coded += done.not_coded
        for f in done.failures:
            fail(f)

    def run(advance: Callable[[], None]) -> None:
        try:
            for item in process(fresh(raws)):
                if isinstance(item, Failure):
                    fail(item)
                else:
                    buffer.append(item)
                # A write costs ~0.1 s of fixed work (a dozen statements and a commit) plus
                # ~0.3 ms an article: batches of a few hundred make it cheap. The time bound
                # keeps a slow pipeline's progress (and what a kill would lose) to a second.
                if len(buffer) >= batch_size or time.monotonic() - last_flush > FLUSH_S:
                    flush()
                advance()
        except KeyboardInterrupt:
            if buffer:  # keep what was processed before the interrupt
                flush()
            raise
        flush()
        advance()

    if not live:
        run(lambda: None)
        return tally.summary()

    columns = (
        SpinnerColumn(),
        TextColumn("{task.fields[articles]} articles"),
        TextColumn("{task.fields[events]} events"),
        TextColumn("{task.fields[skipped]} already present"),
        TextColumn("[red]{task.fields[failed]} failed"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("ingest", total=None, articles=0, events=0, skipped=0, failed=0)

        def advance() -> None:
            bar.update(task, articles=tally.added, events=tally.events,
                       skipped=tally.skipped, failed=len(tally.failures))

        run(advance)
    return tally.summary()
