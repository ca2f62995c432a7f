"""The Dask runner: map the pipeline over shards on a Dask cluster into a Parquet dataset.

A shard is a run of lines of a JSONL file (by byte range) or a group of other input files.
Each shard is processed on a worker into an in-memory store (the store's own write path:
dedup by content hash, actor merging), then written as Parquet files named after the shard
under ``<out>/<table>/day=YYYY-MM-DD/`` (the article's publication day). The client is the
only writer of ``manifest.json``, and records a shard only once its files are complete, so a
killed run restarted with the same command redoes only unfinished shards (whose files it
overwrites), and readers (:mod:`newsevents.store.dataset`) read only recorded files. After the
shards, the client runs the cross-shard pass (:mod:`newsevents.store.dataset_pass`):
near-copies across shards and event clusters over all shards.
"""

from __future__ import annotations

import importlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsevents.errors import NewsEventsError
from newsevents.pipeline import Failure, default_pipeline
from newsevents.records import RawDocument, stable_id
from newsevents.store.dataset import (
    DATASET_FORMAT,
    FINAL_TABLES,
    MANIFEST,
    final_dir,
    read_manifest,
    sql_string,
    write_manifest,
)
from newsevents.store.dataset_pass import DatasetTotals, finish

INSTALL = "pip install 'newsevents[scale]'"
_JSONL = (".jsonl", ".ndjson")
_MAX_FAILURES = 20  # per shard, in the manifest


@dataclass(frozen=True, slots=True)
class Shard:
    """``paths`` (one JSONL file from byte ``start`` to ``stop``, line ``first_line`` at
    ``start``; or whole files, ``stop`` = -1)."""

    id: str
    paths: tuple[str, ...]
    start: int = 0
    stop: int = -1
    first_line: int = 1


@dataclass(frozen=True, slots=True)
class ShardResult:
    shard: str
    added: int
    duplicates: int
    failed: int
    events: int
    files: tuple[str, ...]
    failures: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DatasetSummary:
    """A run: its shards (``added``, ``duplicates``, ``failed`` and ``events`` count what the
    shards of this run stored, near-copies included) and the whole dataset after the
    cross-shard pass (``totals``)."""

    shards: int
    done_before: int
    added: int
    duplicates: int
    failed: int
    events: int
    totals: DatasetTotals

    def line(self) -> str:
        return (f"{self.shards} shards ({self.done_before} already done): {self.added} added, "
                f"{self.duplicates} duplicates, {self.failed} failed; {self.totals.line()}")


# -- planning (on the client) ---------------------------------------------------------------


def plan_shards(inputs: Iterable[str], *, lines_per_shard: int = 1000,
                files_per_shard: int = 64) -> list[Shard]:
    """Shards for ``inputs`` (files, directories, globs), in input order."""
    from newsevents.sources.files import _expand  # the same expansion as a local ingest

    shards: list[Shard] = []
    group: list[str] = []

    def close_group() -> None:
        if group:
            shards.append(Shard(stable_id("sh-", *group), tuple(group)))
            group.clear()

    seen: set[Path] = set()
    for arg in inputs:
        for item in _expand(arg):
            if isinstance(item, Failure):
                raise NewsEventsError(item.message)
            if item in seen:
                continue
            seen.add(item)
            if item.suffix.lower() in _JSONL:
                close_group()
                shards.extend(_jsonl_shards(item, lines_per_shard))
            else:
                group.append(str(item))
                if len(group) >= files_per_shard:
                    close_group()
    close_group()
    return shards


def _jsonl_shards(path: Path, lines_per_shard: int) -> Iterator[Shard]:
    size = path.stat().st_size
    start, first, line, pos = 0, 1, 1, 0
    with path.open("rb") as f:
        for raw in f:
            pos += len(raw)
            line += 1
            if line - first >= lines_per_shard:
                yield Shard(stable_id("sh-", path, start, pos, size), (str(path),), start, pos,
                            first)
                start, first = pos, line
    if pos > start:
        yield Shard(stable_id("sh-", path, start, pos, size), (str(path),), start, pos, first)


# -- one shard (on a worker) ------------------------------------------------------------------


def _read_shard(shard: Shard) -> Iterator[RawDocument | Failure]:
    from newsevents import sources

    if shard.stop < 0:
        yield from sources.read_inputs(shard.paths)
        return
    from newsevents.sources.decode import decode
    from newsevents.sources.objects import from_object

    path = shard.paths[0]
    with open(path, "rb") as f:
        f.seek(shard.start)
        n, pos = shard.first_line, shard.start
        while pos < shard.stop:
            line = f.readline()
            if not line:
                break
            pos += len(line)
            where = f"{path}:{n}"
            n += 1
            if not line.strip():
                continue
            try:
                yield from_object(where, json.loads(decode(where, line).text))
            except NewsEventsError as exc:
                yield Failure(where, str(exc))
            except json.JSONDecodeError as exc:
                yield Failure(where, f"{where}: malformed JSON, column {exc.colno}: {exc.msg}")


def process_shard(shard: Shard, out: str) -> ShardResult:
    """Run the pipeline over ``shard`` and write its Parquet files under ``out``.

    Every article is stored, near-copies too (which articles are copies is decided across all
    shards by :func:`newsevents.store.dataset_pass.finish`), with the rows that decision and
    the registries need: each article's input order and MinHash signature (``shard_order``) and
    its own actor and place rows (``shard_actors``, ``shard_places``).
    """
    from newsevents.store import Store
    from newsevents.store.prepare import prepare_item
    from newsevents.store.rows import actor_row
    from newsevents.store.write import insert_rows

    pipe = default_pipeline()  # cached: built once per worker process
    extra: dict[str, list[tuple[Any, ...]]] = {t: [] for t in _SHARD_TABLES}
    seen: set[str] = set()

    def record(items: Iterable[Any]) -> Iterator[Any]:
        for n, item in enumerate(items):
            p = prepare_item(item)
            if not isinstance(p, Failure) and p.article_id not in seen:
                seen.add(p.article_id)  # a repeat inside the shard is not stored again
                art = p.article_id
                extra["shard_order"].append((art, n, p.sig.size, p.sig.to_bytes()))
                extra["shard_actors"] += [(art, i, *actor_row(a))
                                          for i, a in enumerate(p.rows.actors)]
                extra["shard_places"] += [(art, i, *row) for i, row in enumerate(p.rows.places)]
            yield p

    with Store(":memory:", near_copies=False) as store:
        summary = store.add_many(record(pipe.pipe(_read_shard(shard))))
        con = store._con
        for table, ddl in _SHARD_TABLES.items():
            con.execute(f"CREATE TABLE {table} ({ddl})")
            insert_rows(con, table, extra[table])
        files = _write_parquet(con, Path(out), shard.id)
    return ShardResult(shard.id, summary.added, summary.skipped_duplicates, summary.failed,
                       summary.events, tuple(files),
                       tuple(f.message for f in summary.failures[:_MAX_FAILURES]))


_SHARD_TABLES = {
    "shard_order": "article_id VARCHAR, ord INTEGER, shingles INTEGER, signature BLOB",
    "shard_actors": "article_id VARCHAR, pos INTEGER, id VARCHAR, name VARCHAR, kind VARCHAR, "
                    "country VARCHAR, sector VARCHAR, roles VARCHAR",
    "shard_places": "article_id VARCHAR, pos INTEGER, id VARCHAR, name VARCHAR, country VARCHAR, "
                    "lat DOUBLE, lon DOUBLE, geonameid BIGINT, feature VARCHAR",
}


def _write_parquet(con: Any, out: Path, shard_id: str) -> list[str]:
    # Clusters and dyad rows are the cross-shard pass's (newsevents.store.dataset_pass).
    tables = [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
        "AND table_name <> 'meta' ORDER BY table_name").fetchall()
        if r[0] not in FINAL_TABLES]
    files: list[str] = []
    for table in tables:
        (n,) = con.execute(f"SELECT count(*) FROM {table}").fetchone()
        if not n:
            continue
        cols = {r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()}
        if table == "articles":
            sql = "SELECT t.*, coalesce(CAST(published AS VARCHAR), 'none') AS day FROM articles t"
        elif "article_id" in cols:
            sql = (f"SELECT t.*, coalesce(CAST(a.published AS VARCHAR), 'none') AS day "
                   f"FROM {table} t JOIN articles a ON a.id = t.article_id")
        elif "event_id" in cols:
            sql = (f"SELECT t.*, coalesce(CAST(a.published AS VARCHAR), 'none') AS day "
                   f"FROM {table} t JOIN events e ON e.id = t.event_id "
                   f"JOIN articles a ON a.id = e.article_id")
        else:  # registries (actors, places): not tied to one day
            sql = f"SELECT t.*, 'all' AS day FROM {table} t"
        target = out / table
        target.mkdir(parents=True, exist_ok=True)
        # Named after the shard: a rerun of the shard overwrites its own files, nothing else.
        con.execute(
            f"COPY ({sql}) TO {sql_string(str(target))} (FORMAT parquet, PARTITION_BY (day), "
            f"OVERWRITE_OR_IGNORE, FILENAME_PATTERN 'part-{shard_id}-{{i}}')")
        written = sorted(target.glob(f"day=*/part-{shard_id}-*"))
        files.extend(str(p.relative_to(out)) for p in written)
    return files


# -- the run (on the client) ------------------------------------------------------------------


def _distributed() -> Any:
    """``dask.distributed`` (untyped, hence Any), or the install command when missing."""
    try:
        return importlib.import_module("dask.distributed")
    except ImportError as exc:
        raise NewsEventsError(f"--scheduler needs Dask distributed: {INSTALL}") from exc


def _client(scheduler: str, scratch: str) -> tuple[Any, Any]:
    distributed = _distributed()
    Client, LocalCluster = distributed.Client, distributed.LocalCluster
    if scheduler.startswith("local:") or scheduler == "local":
        n = scheduler.partition(":")[2] or str(os.cpu_count() or 1)
        if not n.isdigit() or int(n) < 1:
            raise NewsEventsError(f"--scheduler {scheduler}: use local:N with N workers, e.g. "
                                  "local:4, or a scheduler address such as tcp://host:8786")
        cluster = LocalCluster(n_workers=int(n), threads_per_worker=1, processes=True,
                               local_directory=scratch, dashboard_address=":0")
        return Client(cluster), cluster
    return Client(scheduler), None


def _input_order(manifest: dict[str, Any], shards: list[Shard]) -> dict[str, int]:
    """Each shard's place in the dataset's input order (``manifest["order"]``), given when a
    run first plans it and kept after: a resumed run keeps the order of the run it resumes,
    and the shards of a run with more inputs come after those of earlier runs, as if one store
    had ingested the runs one after the other."""
    order: dict[str, int] = manifest.setdefault("order", {})
    for n, (shard_id, entry) in enumerate(manifest["shards"].items()):
        order.setdefault(shard_id, int(entry.get("seq", n)))  # a manifest from before "order"
    nxt = max(order.values(), default=-1) + 1
    for s in shards:
        if s.id not in order:
            order[s.id] = nxt
            nxt += 1
    return order


def ingest_dataset(
    inputs: Iterable[str],
    out: str | Path,
    scheduler: str = "local",
    *,
    lines_per_shard: int = 1000,
    on_shard: Callable[[ShardResult], None] | None = None,
    on_pass: Callable[[int], None] | None = None,
) -> DatasetSummary:
    """Process ``inputs`` on Dask into the dataset at ``out``, skipping shards already done;
    ``on_shard`` is called as each shard finishes, ``on_pass`` (with the number of shards)
    when the cross-shard pass starts."""
    from newsevents.store.schema import SCHEMA_VERSION

    out = Path(out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, Any] = (read_manifest(out) if (out / MANIFEST).exists() else {
        "format": DATASET_FORMAT, "schema_version": SCHEMA_VERSION, "shards": {}})
    done: dict[str, Any] = manifest["shards"]
    shards = plan_shards(inputs, lines_per_shard=lines_per_shard)
    todo = [s for s in shards if s.id not in done]
    seq = _input_order(manifest, shards)
    totals = {"added": 0, "duplicates": 0, "failed": 0, "events": 0}
    if todo:
        write_manifest(out, manifest)  # the order of the shards planned, before any is done
        with tempfile.TemporaryDirectory(prefix="newsevents-dask-") as scratch:
            client, cluster = _client(scheduler, scratch)
            try:
                as_completed = _distributed().as_completed
                futures = [client.submit(process_shard, s, str(out), key=f"newsevents-{s.id}",
                                         pure=False) for s in todo]
                by_id = {s.id: s for s in todo}
                for fut in as_completed(futures):
                    res: ShardResult = fut.result()
                    shard = by_id[res.shard]
                    entry = asdict(res) | {"seq": seq[res.shard], "paths": list(shard.paths),
                                           "start": shard.start,
                                           "stop": shard.stop,
                                           "done_at": datetime.now(UTC).isoformat()}
                    done[res.shard] = entry
                    write_manifest(out, manifest)
                    for k in totals:
                        totals[k] += getattr(res, k)
                    if on_shard is not None:
                        on_shard(res)
                    fut.release()
            finally:
                client.close()
                if cluster is not None:
                    cluster.close()
    elif not (out / MANIFEST).exists():
        write_manifest(out, manifest)
    # Near-copies and clusters across shards: once every shard of the run is done.
    if on_pass is not None and final_dir(out, manifest) is None:
        on_pass(len(done))
    final, _ = finish(out, manifest)
    return DatasetSummary(len(shards), len(shards) - len(todo), **totals, totals=final)
