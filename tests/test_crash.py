"""Crash safety: ``newsevents ingest`` killed with SIGKILL at random points never leaves a
partial article or an orphan row, and a rerun completes to exactly an uninterrupted run.

Each ingest is a separate process killed with SIGKILL. To fit 50+ kills in about a minute on
two cores, the processes are forked from a warm fork server (``crash_zygote.py``: the same CLI
entry point, minus ~5 s of interpreter start-up each); the ``slow`` variant starts every ingest
as a fresh ``python -m newsevents.cli ingest`` instead.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reliability_corpus import write_corpus
from tests.store_check import has_schema, open_store, orphans, per_article

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "src" / "newsevents" / "demo" / "corpus"
SEED = 20241023
MIN_KILLS = 50
BUDGET_S = 240.0  # a safety stop on a very slow machine; ~60-70 s on two idle cores


class Zygote:
    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("crash_zygote.py"))],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        )
        assert self._line() == "ready"

    def _line(self) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().strip()
        assert line, "the fork server died"
        return line

    def _send(self, text: str) -> str:
        assert self.proc.stdin is not None
        self.proc.stdin.write(text + "\n")
        self.proc.stdin.flush()
        return self._line()

    def start(self, args: list[str], cmd: str = "run") -> int:
        return int(self._send(f"{cmd} " + json.dumps(args)))

    def kill_after(self, pid: int, seconds: float) -> str:
        return self._send(f"killafter {pid} {seconds:.3f}")

    def wait(self, pid: int) -> str:
        return self._send(f"wait {pid}")

    def close(self) -> None:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write("quit\n")
        self.proc.stdin.close()
        self.proc.wait(10)
        self.proc.stdout.close()


@pytest.fixture(scope="module")
def zygote() -> Iterator[Zygote]:
    z = Zygote()
    try:
        yield z
    finally:
        z.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("crash") / "corpus"
    write_corpus(folder, DEMO, demo_files=4, generated=8, seed=SEED)
    return folder


def _args(db: Path, corpus: Path) -> list[str]:
    return ["ingest", "-q", "--db", str(db), str(corpus)]


def _check_consistent(db: Path, reference: dict[str, tuple[object, ...]]) -> int:
    """Assert no orphan and no partial article; returns the articles stored."""
    con = open_store(db)  # replays the WAL a kill may have left
    try:
        if not has_schema(con):
            return 0
        assert orphans(con) == {}, db
        stored = per_article(con)
        for art_id, rows in stored.items():
            assert rows == reference[art_id], f"partial article {art_id} in {db}"
        return len(stored)
    finally:
        con.close()


def test_sigkill_at_random_points_loses_nothing(zygote: Zygote, corpus: Path,
                                                tmp_path: Path) -> None:
    ref_db = tmp_path / "reference.duckdb"
    assert zygote.wait(zygote.start(_args(ref_db, corpus))) == "exit 0"
    # Timed on a second store: the first run also fills on-disk caches.
    t0 = time.monotonic()
    assert zygote.wait(zygote.start(_args(tmp_path / "timed.duckdb", corpus))) == "exit 0"
    full_s = time.monotonic() - t0
    reference, ref_events, ref_clusters = _reference(ref_db)
    assert len(reference) == 12 and ref_events

    rng = random.Random(SEED)
    kills = wal_left = lanes = completed_runs = resumed = 0
    started = time.monotonic()
    lane_db = tmp_path / f"lane{lanes}.duckdb"
    while kills < MIN_KILLS and time.monotonic() - started < BUDGET_S:
        pid = zygote.start(_args(lane_db, corpus))
        # Anywhere in a run: creating or opening the store, reading, the pipeline (most of the
        # first third), a write, its commit, closing; a resumed run has less to do, so lanes
        # complete and new ones start.
        share = rng.uniform(0.0, 0.3) if rng.random() < 0.2 else rng.uniform(0.3, 1.0)
        status = zygote.kill_after(pid, share * full_s)
        wal = lane_db.with_name(lane_db.name + ".wal")
        wal_left += wal.exists() and wal.stat().st_size > 0
        if status == f"signal {signal.SIGKILL}":
            kills += 1
            if lane_db.exists():
                resumed += _check_consistent(lane_db, reference) > 0
            continue
        assert status == "exit 0", status
        completed_runs += 1
        _check_final(lane_db, reference, ref_events, ref_clusters)
        lanes += 1
        lane_db = tmp_path / f"lane{lanes}.duckdb"
    # The lane in progress: a rerun completes it exactly.
    assert zygote.wait(zygote.start(_args(lane_db, corpus))) == "exit 0"
    _check_final(lane_db, reference, ref_events, ref_clusters)
    print(f"\ncrash: {kills} SIGKILLs survived ({resumed} with articles already stored) in "
          f"{lanes + 1} stores, {wal_left} left a WAL, {completed_runs} runs finished before "
          f"their kill; full run {full_s:.1f} s")
    assert kills >= MIN_KILLS and resumed >= 5


def test_wal_replay_after_kill(zygote: Zygote, corpus: Path, tmp_path: Path) -> None:
    """An ingest killed after committing, before closing, leaves everything in the WAL only;
    opening the store replays it, complete and consistent."""
    ref_db = tmp_path / "reference.duckdb"
    assert zygote.wait(zygote.start(_args(ref_db, corpus))) == "exit 0"
    con = open_store(ref_db)
    reference = per_article(con)
    con.close()
    db = tmp_path / "wal.duckdb"
    assert zygote.wait(zygote.start(_args(db, corpus), "runwal")) == f"signal {signal.SIGKILL}"
    wal = db.with_name(db.name + ".wal")
    assert wal.exists() and wal.stat().st_size > 0
    con = open_store(db)
    try:
        assert orphans(con) == {} and per_article(con) == reference
    finally:
        con.close()
    assert zygote.wait(zygote.start(_args(db, corpus))) == "exit 0"  # and writable again


def _reference(db: Path) -> tuple[dict[str, tuple[object, ...]], set[str], set[tuple[str, str]]]:
    """An uninterrupted run's rows per article, event ids and event-cluster pairs."""
    con = open_store(db)
    try:
        events = {r[0] for r in con.execute("SELECT id FROM events").fetchall()}
        clusters = set(con.execute("SELECT event_id, cluster_id FROM event_clusters").fetchall())
        return per_article(con), events, clusters
    finally:
        con.close()


def _check_final(db: Path, reference: dict[str, tuple[object, ...]], events: set[str],
                 clusters: set[tuple[str, str]]) -> None:
    con = open_store(db)
    try:
        assert orphans(con) == {}
        assert per_article(con) == reference
        assert {r[0] for r in con.execute("SELECT id FROM events").fetchall()} == events
        got = set(con.execute("SELECT event_id, cluster_id FROM event_clusters").fetchall())
        assert got == clusters
    finally:
        con.close()


@pytest.mark.slow
def test_sigkill_of_fresh_cli_processes(corpus: Path, tmp_path: Path) -> None:
    """The same with real ``python -m newsevents.cli ingest`` processes (start-up included)."""
    ref_db = tmp_path / "reference.duckdb"
    cmd = [sys.executable, "-m", "newsevents.cli"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    t0 = time.monotonic()
    subprocess.run([*cmd, *_args(ref_db, corpus)], check=True, env=env, capture_output=True)
    full_s = time.monotonic() - t0
    reference, ref_events, ref_clusters = _reference(ref_db)
    rng = random.Random(SEED + 1)
    # A killed run leaves committed batches behind, so a rerun into the same store is shorter
    # and may finish before its kill; a finished lane is checked against the uninterrupted run
    # and a fresh lane begins, so every lane sees kills into an empty and a non-empty store.
    kills = lanes = 0
    db = tmp_path / "lane-0.duckdb"
    for _ in range(24):
        proc = subprocess.Popen([*cmd, *_args(db, corpus)], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3 * full_s, full_s))
        proc.send_signal(signal.SIGKILL)
        code = proc.wait()
        if code == -signal.SIGKILL:
            kills += 1
            if db.exists():
                _check_consistent(db, reference)
        else:
            assert code == 0, f"ingest exited with {code}"
            _check_final(db, reference, ref_events, ref_clusters)
            lanes += 1
            db = tmp_path / f"lane-{lanes}.duckdb"
        if kills >= 8:
            break
    subprocess.run([*cmd, *_args(db, corpus)], check=True, env=env, capture_output=True)
    _check_final(db, reference, ref_events, ref_clusters)
    assert kills >= 5
