"""The cross-shard pass of a Dask dataset: near-copies across shards, clusters across shards.

Shards store every article they read (:mod:`newsevents.runners.dask`). Once all are done, the
client replays the near-duplicate index (:mod:`newsevents.dedup`) over every article's MinHash
signature in input order, exactly as a single store ingesting the same inputs would, and then
clusters all remaining events together (:func:`newsevents.clusters.rebuild`). The results go to
a new folder ``final-<token>/`` named after the set of finished shards; the manifest points to
it only once it is complete, so readers see the old state or the new one, and a rerun after a
kill redoes the pass. Its cost is on the client: one index of every canonical article (about
3 KB each, as in a single store) and the clustering keys of all events.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from newsevents.dedup import Index, Signature
from newsevents.store.dataset import (
    COPIES,
    FINAL_TABLES,
    connect_dataset,
    final_dir,
    read_manifest,
    shard_set_token,
    sql_string,
    write_manifest,
)

_FETCH = 10_000  # signatures per fetch: the replay streams them


@dataclass(frozen=True, slots=True)
class DatasetTotals:
    """What the dataset holds once the cross-shard pass is done."""

    articles: int
    copies: int
    events: int
    clusters: int

    def line(self) -> str:
        return (f"the dataset holds {self.articles} articles ({self.copies} near-duplicate "
                f"copies left out), {self.events} events in {self.clusters} clusters")


def finish(root: Path, manifest: dict[str, Any] | None = None) -> tuple[DatasetTotals, bool]:
    """Run the cross-shard pass over the dataset at ``root`` unless its result is current;
    returns the dataset's totals and whether the pass ran. The caller writes the manifest
    (it is the manifest's only writer): the pass's entry is ``manifest["final"]``."""
    root = Path(root).resolve()
    manifest = manifest if manifest is not None else read_manifest(root)
    if final_dir(root, manifest) is not None:
        return DatasetTotals(**manifest["final"]["totals"]), False
    token = shard_set_token(manifest["shards"])
    folder = root / f"final-{token}"
    if folder.exists():  # left by a pass that was killed before the manifest named it
        shutil.rmtree(folder)
    folder.mkdir()
    copies = _near_copies(root, folder / COPIES)
    con = connect_dataset(root, copies=folder / COPIES, final=False)
    try:
        clusters = _cluster(con, folder)
        (articles,) = con.execute("SELECT count(*) FROM articles").fetchone()
        (events,) = con.execute("SELECT count(*) FROM events").fetchone()
    finally:
        con.close()
    totals = DatasetTotals(articles, copies, events, clusters)
    old = manifest.get("final")
    manifest["final"] = {"token": token, "dir": folder.name, "totals": {
        "articles": articles, "copies": copies, "events": events, "clusters": clusters}}
    write_manifest(root, manifest)
    if old and old.get("dir") != folder.name:
        shutil.rmtree(root / str(old["dir"]), ignore_errors=True)
    return totals, True


def _near_copies(root: Path, out: Path) -> int:
    """Replay the near-duplicate index over the articles in input order; write the copies."""
    con = connect_dataset(root, final=False)
    index = Index()
    rows: dict[str, list[Any]] = {"article_id": [], "canonical_id": [], "similarity": []}
    try:
        cur = con.execute("""
            SELECT o.article_id, o.shingles, o.signature FROM article_minhash o
            JOIN dataset_kept.articles k ON k.id = o.article_id ORDER BY k._seq, k._ord""")
        while batch := cur.fetchmany(_FETCH):
            for art_id, size, blob in batch:
                sig = Signature.from_bytes(bytes(blob), size)
                found = index.match(sig)
                if found is not None and found[0] != art_id:
                    rows["article_id"].append(art_id)
                    rows["canonical_id"].append(found[0])
                    rows["similarity"].append(round(found[1], 4))
                else:
                    index.add(art_id, sig)
    finally:
        con.close()
    table = pa.table({"article_id": pa.array(rows["article_id"], pa.string()),
                      "canonical_id": pa.array(rows["canonical_id"], pa.string()),
                      "similarity": pa.array(rows["similarity"], pa.float64())})
    pq.write_table(table, out)
    return int(table.num_rows)


def _cluster(con: Any, folder: Path) -> int:
    """Cluster every event of the dataset (less the copies) together; write the clusters and
    dyad rows into ``folder``; returns the number of clusters."""
    from newsevents.clusters import rebuild

    # rebuild() works on a store's tables by their plain names: a schema where the derived
    # tables are real (and empty) and the rest are the dataset's views.
    con.execute("CREATE SCHEMA pass")
    for table in FINAL_TABLES:
        con.execute(f"CREATE TABLE pass.{table} AS SELECT * FROM empty_store.{table}")
    for table in ("events", "articles", "places", "event_actors"):
        con.execute(f"CREATE VIEW pass.{table} AS SELECT * FROM main.{table}")
    con.execute("USE pass")
    rebuild(con)
    for table in FINAL_TABLES:
        target = sql_string(str(folder / f"{table}.parquet"))
        con.execute(f"COPY (SELECT * FROM pass.{table} ORDER BY ALL) TO {target} "
                    "(FORMAT parquet)")
    (clusters,) = con.execute("SELECT count(DISTINCT cluster_id) FROM pass.event_clusters"
                              ).fetchone()
    con.execute("USE main")
    return int(clusters)
