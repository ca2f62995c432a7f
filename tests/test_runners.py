"""Multi-process ingest: workers run the pipeline, the parent writes; same store as one process."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.pipeline import Failure, Pipeline
from newsevents.records import RawDocument
from newsevents.runners.local import ingest, ingest_raw
from newsevents.runners.pool import ParallelPipe
from newsevents.store import Store

from .store_docs import SpecStage

DEMO = Path(__file__).resolve().parent.parent / "src" / "newsevents" / "demo" / "corpus"


def raws(n: int) -> list[RawDocument | Failure]:
    items: list[RawDocument | Failure] = [
        RawDocument(source=f"a{i}.txt", text=f"IRN CONSULT RUS 1 1.0\nRUS AID IRN 2 {i}.0",
                    published="2024-10-23")
        for i in range(n)
    ]
    items[3] = Failure("bad.txt", "bad.txt: unreadable")
    items[5] = RawDocument(source="boom.txt", text="FAIL here", published="2024-10-23")
    return items


def test_parallel_pipe_keeps_input_order_and_failures() -> None:
    items = raws(40)
    with ParallelPipe(2, Pipeline([SpecStage()]), chunk=3, ahead=2) as pool:
        out = list(pool.pipe(items))
        assert pool.worker_peak_rss_kb > 0
    assert len(out) == 40
    assert isinstance(out[3], Failure) and out[3].source == "bad.txt"
    assert isinstance(out[5], Failure) and "boom.txt" in out[5].source
    sources = [o.raw.source for o in out if not isinstance(o, Failure)]
    assert sources == [f"a{i}.txt" for i in range(40) if i not in (3, 5)]


def test_parallel_pipe_rejects_zero_workers() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        ParallelPipe(0)


def test_workers_store_what_one_process_stores(tmp_path: Path) -> None:
    stores = {}
    for workers in (1, 2):
        with Store(tmp_path / f"w{workers}.duckdb") as store:
            failures: list[Failure] = []
            summary = ingest_raw(raws(30), store, Pipeline([SpecStage()]), progress=False,
                                 on_failure=failures.append, workers=workers)
            assert (summary.added, summary.failed) == (28, 2)
            stores[workers] = sorted(store._read("SELECT id, article_id, type FROM events"))
            # Rerun: everything already stored is skipped before the workers see it.
            again = ingest_raw(raws(30), store, Pipeline([SpecStage()]), progress=False,
                               on_failure=failures.append, workers=workers)
            assert (again.added, again.skipped_duplicates) == (0, 28)
    assert stores[1] == stores[2] and len(stores[1]) == 56


@pytest.mark.slow
def test_workers_on_the_default_pipeline_match_one_process(tmp_path: Path) -> None:
    """The real pipeline, built in each worker: same articles and event ids as one process."""
    got = {}
    for workers in (1, 2):
        with Store(tmp_path / f"d{workers}.duckdb") as store:
            summary = ingest([str(DEMO)], store, progress=False, workers=workers)
            assert summary.failed == 0 and summary.added > 40
            got[workers] = (sorted(store._read("SELECT id FROM articles")),
                            sorted(store._read("SELECT id, type FROM events")))
    assert got[1] == got[2] and got[1][1]


def test_workers_send_prepared_records_and_report_cpu(tmp_path: Path) -> None:
    """Workers build the store records (rows, signature, cluster keys); the writer only writes,
    and the CPU split the benchmark reports is filled in."""
    from newsevents.store.prepare import Prepared

    with ParallelPipe(2, Pipeline([SpecStage()]), chunk=4, ahead=2, prepare=True) as pool:
        out = list(pool.pipe(raws(12)))
        assert pool.worker_cpu_s > 0
    assert all(isinstance(o, Prepared) for i, o in enumerate(out) if i not in (3, 5))
    assert isinstance(out[5], Failure)
    stats: dict[str, float] = {}
    with Store(tmp_path / "s.duckdb") as store:
        summary = ingest_raw(raws(30), store, Pipeline([SpecStage()]), progress=False,
                             on_failure=lambda f: None, workers=2, stats=stats)
        assert summary.added == 28 and summary.events == 56
        clusters = store._read("SELECT count(*) FROM event_clusters")[0][0]
    assert clusters == 56
    assert stats["parent_cpu_s"] >= stats["writer_cpu_s"] > 0
    assert stats["worker_cpu_s"] > 0 and stats["worker_peak_rss_mb"] > 0
