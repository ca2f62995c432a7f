"""The local runner: stream inputs through the pipeline into the store, on this machine.

Articles whose content hash is already stored are skipped before any processing, and documents
are written in small batches, each batch one transaction, so a killed ingest leaves a consistent
store and a rerun resumes where it stopped.
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

FailureHook = Callable[[Failure], None]


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
    batch_size: int = 64,
    workers: int = 1,
    release: bool = False,
) -> IngestSummary:
    """Like :func:`ingest` for documents already read (by a source, or built in memory)."""
    if workers > 1:
        from newsevents.runners.pool import ParallelPipe

        with ParallelPipe(workers, pipeline) as pool:
            return _ingest(raws, store, pool.pipe, progress, on_failure, stream, batch_size,
                           parallel=True, release=release)
    pipe = pipeline if pipeline is not None else default_pipeline()
    return _ingest(raws, store, pipe.pipe, progress, on_failure, stream, batch_size,
                   release=release)


def _ingest(
    raws: Iterable[RawDocument | Failure],
    store: Store,
    process: Callable[[Iterable[RawDocument | Failure]], Iterator[Document | Failure]],
    progress: bool,
    on_failure: FailureHook | None,
    stream: TextIO | None,
    batch_size: int,
    parallel: bool = False,
    release: bool = False,
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

    buffer: list[Document] = []
    last_flush = time.monotonic()

    def flush() -> None:
        nonlocal last_flush
        done = store.add_many(buffer)
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
                # Batches make writes ~10x faster; the time bound keeps a slow pipeline's
                # progress (and what a kill would lose) to about a second.
                if len(buffer) >= batch_size or time.monotonic() - last_flush > 1.0:
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
