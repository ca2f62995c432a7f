"""The Dask runner on a small LocalCluster: same events as one process, resumable, no duplicates."""

from __future__ import annotations

import json
import shutil
from itertools import pairwise
from pathlib import Path

import pytest

from newsevents.errors import StoreError
from newsevents.store import Store
from newsevents.store.dataset import MANIFEST, is_dataset

pytest.importorskip("dask.distributed", reason="the scale extra is not installed")

from newsevents.runners.dask import ingest_dataset, plan_shards
from newsevents.runners.local import ingest
from newsevents.sources import read_inputs

DEMO = Path(__file__).resolve().parent.parent / "src" / "newsevents" / "demo" / "corpus"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo articles as one JSONL file (one article twice, as real dumps have, and two
    near-copies: a wire story republished with another headline, a footer and its last
    paragraph cut, one in a later shard than its original, one in the same shard) plus one
    plain-text file, so shards are both line ranges and files."""
    root = tmp_path_factory.mktemp("corpus")
    lines = []
    for raw in read_inputs([str(DEMO)]):
        if hasattr(raw, "content") and raw.text is not None and len(lines) < 24:
            lines.append(json.dumps({"text": raw.text, "title": raw.title,
                                     "published": raw.published}))
    lines.append(lines[2])
    lines.append(_republished(lines[1]))  # 7 lines per shard: the original is in shard 1
    lines.insert(23, _republished(lines[22]))  # both in shard 4
    (root / "articles.jsonl").write_text("\n".join(lines) + "\n")
    (root / "one.txt").write_text((DEMO / sorted(p.name for p in DEMO.glob("*.txt"))[0])
                                  .read_text())
    return root


def _republished(line: str) -> str:
    article = json.loads(line)
    rows = article["text"].strip().split("\n")
    kept = rows[1 : max(2, len(rows) * 4 // 5)]
    return json.dumps(article | {"text": "\n".join(
        ["Wire: " + rows[0], *kept, "Copyright 2026 Example Wire Service. All rights reserved."])})


def table(store: Store, sql: str) -> list[tuple[object, ...]]:
    return sorted(store._read(sql))


def test_plan_shards_cover_every_line_once(corpus: Path) -> None:
    shards = plan_shards([str(corpus)], lines_per_shard=7)
    jsonl = [s for s in shards if s.stop >= 0]
    assert [s.first_line for s in jsonl] == [1, 8, 15, 22]
    assert jsonl[0].start == 0 and all(a.stop == b.start for a, b in pairwise(jsonl))
    assert jsonl[-1].stop == (corpus / "articles.jsonl").stat().st_size
    assert [s.paths for s in shards if s.stop < 0] == [(str(corpus / "one.txt"),)]
    assert len({s.id for s in shards}) == len(shards)


@pytest.mark.slow
def test_dask_dataset_matches_single_process_and_resumes(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    summary = ingest_dataset([str(corpus)], out, "local:2", lines_per_shard=7)
    assert summary.shards == 5 and summary.events > 0
    assert summary.totals.copies == 2
    assert is_dataset(out)
    with Store(tmp_path / "one.duckdb") as store:
        single = ingest([str(corpus)], store, progress=False, on_failure=lambda f: None)
    assert summary.failed == single.failed
    assert single.copies == 2
    queries = ["SELECT * EXCLUDE (ingested_at) FROM articles", "SELECT * FROM events",
               "SELECT * FROM event_actors", "SELECT * FROM actor_mentions",
               "SELECT id, name, kind, country, sector, CAST(roles AS VARCHAR[]) FROM actors",
               "SELECT * FROM places", "SELECT * FROM place_mentions", "SELECT * FROM actor_roles",
               "SELECT * FROM event_clusters", "SELECT * FROM event_dyads",
               "SELECT * FROM article_copies", "SELECT * FROM article_minhash"]
    with Store(tmp_path / "one.duckdb", read_only=True) as one, Store(out, read_only=True) as ds:
        expected = [table(one, q) for q in queries]
        assert [table(ds, q) for q in queries] == expected
        # Articles repeated in other shards, and near-copies, are counted by their shard but
        # shown once (copies: not at all).
        assert len(ds.events()) == len(one.events()) < summary.events
        assert ds.stats()["articles"] == one.stats()["articles"] < summary.added

    # A run killed after some shards: the manifest lacks the others, whose files may be
    # half-written. The same command redoes exactly those, and nothing is doubled.
    manifest = json.loads((out / MANIFEST).read_text())
    lost = sorted(manifest["shards"])[:2]
    for shard in lost:
        first = out / manifest["shards"][shard]["files"][0]
        first.write_bytes(b"truncated")
        del manifest["shards"][shard]
    final = manifest.pop("final")  # killed before the run's cross-shard pass
    shutil.rmtree(out / final["dir"])
    (out / MANIFEST).write_text(json.dumps(manifest))
    with Store(out, read_only=True) as ds:  # the cross-shard pass is not that of these shards
        assert ds.stats()["cross_shard_pass"].startswith("pending: ")
        assert table(ds, "SELECT * FROM event_clusters") == []
    # The pass had begun: its folder is there, half-written, and the manifest does not name it.
    junk = out / final["dir"]
    junk.mkdir()
    (junk / "copies.parquet").write_bytes(b"truncated")
    again = ingest_dataset([str(corpus)], out, "local:1", lines_per_shard=7)
    assert (again.shards, again.done_before) == (5, 3)
    with Store(out, read_only=True) as ds:
        assert [table(ds, q) for q in queries] == expected
        assert ds._read("SELECT count(*), count(DISTINCT id) FROM events")[0][0] == len(
            expected[1])
        assert ds.stats()["cross_shard_pass"] == "done"
    # One folder of the pass: the one the manifest names.
    assert [p.name for p in out.glob("final-*")] == [json.loads(
        (out / MANIFEST).read_text())["final"]["dir"]]


def test_dataset_is_read_only(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "empty"
    out.mkdir()
    (out / MANIFEST).write_text(json.dumps({"format": "newsevents-dataset/1",
                                            "schema_version": 1, "shards": {}}))
    with Store(out, read_only=True) as ds:
        assert ds.stats()["events"] == 0 and len(ds.events()) == 0
    with pytest.raises(StoreError, match="read-only"):
        Store(out)


def test_local_cluster_starts_beside_another_on_the_dashboard_port(tmp_path: Path) -> None:
    # Two `--scheduler local:N` ingests at once (or anything on port 8787) must not collide:
    # the local cluster's HTTP server takes a free port (a collision is a warning, an error
    # under this suite's filterwarnings, and a cluster that failed to start in CI once).
    import socket

    from newsevents.runners.dask import _client

    with socket.socket() as busy:
        busy.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            busy.bind(("0.0.0.0", 8787))
            busy.listen()
        except OSError:
            pass  # something holds it already: the same situation
        client, cluster = _client("local:1", str(tmp_path))
        try:
            assert client.submit(sum, [1, 2]).result(timeout=60) == 3
            assert not cluster.dashboard_link.endswith(":8787/status")
        finally:
            client.close()
            cluster.close()


@pytest.mark.slow
def test_a_run_with_more_inputs_adds_them_as_a_second_ingest_would(tmp_path: Path) -> None:
    # The second run groups the first run's files with new ones into another shard: the
    # dataset must still show each article once, as a store ingesting both runs in turn.
    texts = sorted(DEMO.glob("*.txt"))[:5]
    first, second = [str(p) for p in texts[:3]], [str(p) for p in texts]
    out = tmp_path / "dataset"
    ingest_dataset(first, out, "local:1")
    summary = ingest_dataset(second, out, "local:1")
    # Its one shard stores all five; the dataset shows the first run's three once.
    assert (summary.shards, summary.done_before, summary.added) == (1, 0, 5)
    assert summary.totals.articles == 5
    with Store(tmp_path / "one.duckdb") as store:
        for inputs in (first, second):
            ingest(inputs, store, progress=False, on_failure=lambda f: None)
    queries = ["SELECT * EXCLUDE (ingested_at) FROM articles", "SELECT * FROM events",
               "SELECT * FROM event_clusters", "SELECT id, name, country FROM actors"]
    with Store(tmp_path / "one.duckdb", read_only=True) as one, Store(out, read_only=True) as ds:
        assert ds.stats()["articles"] == one.stats()["articles"] == 5
        assert [table(ds, q) for q in queries] == [table(one, q) for q in queries]
