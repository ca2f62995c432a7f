"""The local runner: skips stored articles before processing, reports failures, resumes."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsevents.pipeline import Failure, Pipeline
from newsevents.records import RawDocument
from newsevents.runners.local import ingest, ingest_raw
from newsevents.store import Store

from .store_docs import SpecStage


def raw(name: str, text: str) -> RawDocument:
    return RawDocument(source=name, text=text, published="2024-10-23")


GOOD = [
    raw("one.txt", "IRN CONSULT RUS 1 1.0\nRUS AID IRN 2 7.4 2024-10-05"),
    raw("two.txt", "ISR:MIL ATTACK armed_group:hezbollah 4 -10.0"),
    raw("three.txt", "IRN AGREE CHN 1 3.0"),
]


@pytest.fixture
def stage() -> SpecStage:
    return SpecStage()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "s.duckdb")


def test_ingest_then_rerun_skips_before_processing(store: Store, stage: SpecStage) -> None:
    pipe = Pipeline([stage])
    first = ingest_raw(GOOD, store, pipe, progress=False)
    assert (first.added, first.skipped_duplicates, first.failed, first.events) == (3, 0, 0, 4)
    stage.calls.clear()
    again = ingest_raw(GOOD, store, pipe, progress=False)
    assert (again.added, again.skipped_duplicates, again.failed, again.events) == (0, 3, 0, 0)
    assert stage.calls == []  # the pipeline never ran on stored articles


def test_failures_are_named_and_the_batch_continues(store: Store, stage: SpecStage) -> None:
    seen: list[Failure] = []
    items: list[RawDocument | Failure] = [GOOD[0], Failure("broken.warc", "broken.warc: truncated"),
             raw("bad.txt", "FAIL please"), GOOD[1]]
    summary = ingest_raw(items, store, Pipeline([stage]), progress=False, on_failure=seen.append)
    assert (summary.added, summary.failed) == (2, 2)
    assert [f.source for f in seen] == ["broken.warc", "bad.txt"]
    assert "stage 'spec' failed" in seen[1].message
    assert summary.failures == tuple(seen)


def test_failures_printed_on_stream_by_default(store: Store, stage: SpecStage) -> None:
    out = io.StringIO()
    ingest_raw([raw("bad.txt", "FAIL")], store, Pipeline([stage]), progress=True, stream=out)
    assert "error:" in out.getvalue() and "bad.txt" in out.getvalue()


def test_killed_ingest_resumes(store: Store, stage: SpecStage) -> None:
    def interrupted() -> Iterator[RawDocument]:
        yield GOOD[0]
        yield GOOD[1]
        raise KeyboardInterrupt  # the user pressed Ctrl-C while reading the third input

    with pytest.raises(KeyboardInterrupt):
        ingest_raw(interrupted(), store, Pipeline([stage]), progress=False)
    assert store.stats()["articles"] == 2
    stage.calls.clear()
    summary = ingest_raw(GOOD, store, Pipeline([stage]), progress=False)
    assert (summary.added, summary.skipped_duplicates) == (1, 2)
    assert stage.calls == ["three.txt"]
    assert store.stats()["events"] == 4


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal(store: Store, stage: SpecStage) -> None:
    out = _Tty()
    summary = ingest_raw(GOOD, store, Pipeline([stage]), progress=True, stream=out)
    assert summary.added == 3
    quiet = _Tty()
    ingest_raw(GOOD, store, Pipeline([stage]), progress=False, stream=quiet)
    assert quiet.getvalue() == ""


def test_ingest_reads_files_through_the_sources(
    tmp_path: Path, store: Store, stage: SpecStage
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("IRN CONSULT RUS 1 1.0\n", encoding="utf-8")
    (folder / "b.txt").write_text("RUS AID IRN 2 7.4\n", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    seen: list[Failure] = []
    summary = ingest([str(folder)], store, Pipeline([stage]), progress=False,
                     on_failure=seen.append)
    assert (summary.added, summary.failed, summary.events) == (2, 1, 2)
    assert "empty.txt" in seen[0].source
