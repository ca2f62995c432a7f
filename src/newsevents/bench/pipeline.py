"""Pipeline benchmark: extract and ingest throughput, per-stage time and peak RSS on real news,
against bare spaCy tokenization of the same texts (the yardstick), in one run.

``python -m newsevents.bench.pipeline --data ../shared/data`` (``make bench``). Each phase runs
in its own process so its peak RSS is its own; the yardstick and extract run ``--rounds`` times,
alternately, and the ratio is the median. Corpora that are absent are skipped, saying so.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from newsevents.records import RawDocument

CORPORA = {"reuters": "news-reuters21578", "te3": "news-te3-silver-raw"}
# Articles timed together in the yardstick and extract phases (spaCy's own batch size): the best
# of the rounds is taken batch by batch, so a spell of other work on the machine costs one
# batch of one round, not the round.
BATCH = 256


def load(data: Path, corpus: str, limit: int, repeat_to: int = 0) -> Iterator[RawDocument]:
    """Articles of ``corpus`` (with a body); ``repeat_to`` cycles them, each copy given a
    distinct URL (so a distinct content hash and article id), up to that many."""
    from newsevents.sources.objects import from_object

    path = data / CORPORA[corpus] / "articles.jsonl.gz"
    n = 0
    copy = 0
    while True:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            for i, line in enumerate(f, start=1):
                obj = json.loads(line)
                if not (obj.get("body") or obj.get("text")):
                    continue
                raw = from_object(f"{path}:{i}", obj)
                if copy:
                    raw = replace(raw, url=f"bench://{corpus}/{copy}/{i}")
                yield raw
                n += 1
                if (repeat_to and n >= repeat_to) or (not repeat_to and limit and n >= limit):
                    return
        if not repeat_to:
            return
        copy += 1


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _words(raws: list[RawDocument]) -> int:
    return sum(len(r.content.split()) for r in raws)


def phase_extract(raws: list[RawDocument]) -> dict[str, Any]:
    from newsevents.pipeline import default_pipeline

    t0 = time.perf_counter()
    pipe = default_pipeline()
    pipe(raws[0])  # data files and automata load once: startup is reported apart
    startup = time.perf_counter() - t0
    stages: dict[str, float] = {}
    failed = 0
    batches: list[float] = []  # CPU seconds of each BATCH articles
    c0, t0 = time.process_time(), time.perf_counter()
    for i in range(0, len(raws), BATCH):
        b0 = time.process_time()
        for doc in pipe.pipe(raws[i:i + BATCH]):
            if hasattr(doc, "timings"):
                for k, v in doc.timings.items():
                    stages[k] = stages.get(k, 0.0) + v
            else:
                failed += 1
        batches.append(time.process_time() - b0)
    secs = time.perf_counter() - t0
    return {"seconds": secs, "cpu": time.process_time() - c0, "batches": batches,
            "startup": startup, "stages": stages, "failed": failed}


def phase_spacy(raws: list[RawDocument]) -> dict[str, Any]:
    try:
        spacy: Any = importlib.import_module("spacy")
    except ImportError:
        return {"error": "spaCy is not installed: pip install 'newsevents[bench]'"}
    nlp = spacy.blank("en")
    texts = [r.content for r in raws]
    nlp(texts[0])  # warmed up on one article, as the pipeline is
    tokens = 0
    batches: list[float] = []
    c0, t0 = time.process_time(), time.perf_counter()
    for i in range(0, len(texts), BATCH):
        b0 = time.process_time()
        tokens += sum(len(doc) for doc in nlp.pipe(texts[i:i + BATCH], batch_size=BATCH))
        batches.append(time.process_time() - b0)
    return {"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0,
            "batches": batches, "tokens": tokens}


def phase_ingest(raws: list[RawDocument] | Iterator[RawDocument], workers: int
                 ) -> dict[str, Any]:
    from newsevents.runners.local import ingest_raw
    from newsevents.store import Store

    with (tempfile.TemporaryDirectory(prefix="newsevents-bench-") as tmp,
          Store(Path(tmp) / "bench.duckdb") as store):
        stats: dict[str, float] = {}
        t0 = time.perf_counter()
        s = ingest_raw(raws, store, progress=False, on_failure=lambda f: None,
                       workers=workers, stats=stats)
        secs = time.perf_counter() - t0
    return {"seconds": secs, "added": s.added, "events": s.events, "failed": s.failed,
            "copies": s.copies, **stats}


def _child(args: argparse.Namespace) -> None:
    data = Path(args.data)
    if args.phase == "ingest-n":
        out = phase_ingest(load(data, "reuters", 0, repeat_to=args.limit), args.workers)
        out["articles"] = args.limit
    else:
        raws = [r for c in args.corpora.split(",") for r in load(data, c, args.limit)]
        if args.phase == "extract":
            out = phase_extract(raws)
        elif args.phase == "spacy":
            out = phase_spacy(raws)
        else:
            out = phase_ingest(raws, args.workers)
        out["articles"] = len(raws)
        out["words"] = _words(raws)
    out["peak_rss_mb"] = _rss_mb()
    print(json.dumps(out))


def _run(args: argparse.Namespace, phase: str, corpora: str, workers: int = 1,
         limit: int | None = None) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "newsevents.bench.pipeline", "--phase", phase, "--data",
           str(args.data), "--corpora", corpora, "--limit", str(args.limit if limit is None
                                                               else limit),
           "--workers", str(workers)]
    res = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if res.returncode != 0:
        raise SystemExit(f"bench phase {phase} failed:\n{res.stderr[-2000:]}")
    out: dict[str, Any] = json.loads(res.stdout.strip().splitlines()[-1])
    return out


def _row(name: str, r: dict[str, Any], words: int) -> str:
    secs = r["seconds"]
    return (f"{name:<28} {r['articles']:>8,} {secs:>9.2f} {r['articles'] / secs:>10.1f} "
            f"{words / secs:>12,.0f} {r['peak_rss_mb']:>9.0f}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m newsevents.bench.pipeline",
                                description=__doc__)
    p.add_argument("--data", default="../shared/data", help="folder holding the corpora")
    p.add_argument("--limit", type=int, default=2000,
                   help="articles per corpus (0: all); with --memory, unused")
    p.add_argument("--rounds", type=int, default=3,
                   help="rounds of the yardstick and extract, each a fresh process, run "
                        "back to back in alternating order; the ratio is their median")
    p.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1),
                   help="processes for the parallel ingest row")
    p.add_argument("--memory", default="",
                   help="instead of the table: comma list of article counts (e.g. "
                        "10000,50000,100000), peak RSS of an ingest of that many Reuters "
                        "articles, repeated with distinct ids")
    p.add_argument("--ratio-only", action="store_true",
                   help="only the yardstick and extract rounds and the ratio (no ingest)")
    p.add_argument("--phase", help=argparse.SUPPRESS)
    p.add_argument("--corpora", default="", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.phase:
        _child(args)
        return 0
    data = Path(args.data)
    if args.memory:
        return _memory(args)
    present = [c for c, d in CORPORA.items() if (data / d / "articles.jsonl.gz").exists()]
    for c, d in CORPORA.items():
        if c not in present:
            print(f"skipped {c}: {data / d} is not present")
    if not present:
        print("no corpus present: nothing to measure (the corpora live in ../shared/data)")
        return 0
    corpora = ",".join(present)
    load0 = os.getloadavg()[0]
    print(f"corpora: {corpora} ({'all' if not args.limit else f'up to {args.limit:,} each'}); "
          f"one process per phase; cpu count {os.cpu_count()}; load average {load0:.2f}")
    extracts, spacys = _rounds(args, corpora)
    extract = _median_run(extracts)
    spacy_r = spacys[0] if "error" in spacys[0] else _median_run(spacys)
    if args.ratio_only:
        if "error" in spacy_r:
            print(f"spaCy yardstick skipped: {spacy_r['error']}")
        else:
            print(ratio_report(extracts, spacys, load0, os.getloadavg()[0]))
        print(_cpu_per_article(extracts))
        return 0
    ingest1 = _run(args, "ingest", corpora, 1)
    ingestn = _run(args, "ingest", corpora, args.workers) if args.workers > 1 else None
    words = extract["words"]
    print(f"\n{'phase':<28} {'articles':>8} {'seconds':>9} {'articles/s':>10} {'words/s':>12} "
          f"{'peak RSS MB':>9}")
    if "error" in spacy_r:
        print(f"spaCy yardstick skipped: {spacy_r['error']}")
    else:
        print(_row('spacy.blank("en") tokenize', spacy_r, words))
    print(_row("extract (1 core)", extract, words))
    print(_row("ingest --workers 1", ingest1, words))
    if ingestn is not None:
        print(_row(f"ingest --workers {args.workers}", ingestn, words))
    print(f"yardstick and extract rows: the run of median wall time of {len(extracts)}; "
          + _cpu_per_article(extracts))
    print("\nper-stage seconds (extract): " + ", ".join(
        f"{k} {v:.2f}" for k, v in extract["stages"].items()))
    if extract["stages"].get("model_ner"):
        # NEWSEVENTS_MODEL=1: the shipped NER model on prefiltered sentences (target >= 20,000).
        print(f"model_ner stage: {words / extract['stages']['model_ner']:,.0f} words/s of "
              "article text (prefiltered sentences only go through the model)")
    print(f"pipeline startup (data files, automata): {extract['startup']:.2f} s; "
          f"failed articles: {extract['failed']}")
    if "error" not in spacy_r:
        print(ratio_report(extracts, spacys, load0, os.getloadavg()[0]))
    if ingestn is not None:
        print(f"ingest scaling: {ingest1['seconds'] / ingestn['seconds']:.2f}x with "
              f"{args.workers} workers (target >= 1.7x on 2 cores)")
    print(cpu_report(ingest1, ingestn, args.workers))
    return 0


def _rounds(args: argparse.Namespace, corpora: str
            ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """``args.rounds`` runs of each of extract and the yardstick, back to back in alternating
    order (yardstick first in odd rounds), so that a busy spell of the machine weighs on both."""
    extracts: list[dict[str, Any]] = []
    spacys: list[dict[str, Any]] = []
    for i in range(max(1, args.rounds)):
        order = ("spacy", "extract") if i % 2 == 0 else ("extract", "spacy")
        for phase in order:
            if phase == "spacy" and spacys and "error" in spacys[0]:
                continue
            (spacys if phase == "spacy" else extracts).append(_run(args, phase, corpora))
    return extracts, spacys


def _cpu_per_article(extracts: list[dict[str, Any]]) -> str:
    ms = sorted(e["cpu"] * 1000 / max(1, e["articles"]) for e in extracts)
    return (f"extract CPU ms/article: median {ms[(len(ms) - 1) // 2]:.2f}, "
            f"range {ms[0]:.2f}-{ms[-1]:.2f}")


def _median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The run of median wall time (the lower middle of an even count)."""
    return sorted(runs, key=lambda r: r["seconds"])[(len(runs) - 1) // 2]


def ratio_report(extracts: list[dict[str, Any]], spacys: list[dict[str, Any]],
                 load_before: float, load_after: float) -> str:
    """The pipeline's throughput as a share of the yardstick's: per round (the two processes
    ran back to back), by CPU time and by wall time, and the median of the rounds with their
    range. CPU time leaves out the time the process waited for a core another program held;
    wall time does not, so on a shared machine it swings more."""
    cpu = sorted(s["cpu"] / e["cpu"] for e, s in zip(extracts, spacys, strict=True))
    wall = sorted(s["seconds"] / e["seconds"] for e, s in zip(extracts, spacys, strict=True))

    def med(xs: list[float]) -> float:
        n = len(xs)
        return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2

    best = _best_of_rounds(spacys) / _best_of_rounds(extracts)
    return (f"ratio: pipeline throughput = {best:.0%} of bare spaCy tokenization "
            f"(target >= 25%): CPU time of each phase in its own process, best of "
            f"{len(cpu)} rounds batch by batch ({BATCH} articles), for both phases\n"
            f"       by round (the two phases back to back, order alternating): CPU median "
            f"{med(cpu):.0%}, range {cpu[0]:.0%}-{cpu[-1]:.0%}; wall median {med(wall):.0%}, "
            f"range {wall[0]:.0%}-{wall[-1]:.0%}; load average {load_before:.2f} before, "
            f"{load_after:.2f} after")


def _best_of_rounds(runs: list[dict[str, Any]]) -> float:
    """The sum over batches of each batch's least CPU time over the rounds (the rounds'
    total CPU where batch times are missing)."""
    if not all(r.get("batches") for r in runs):
        return float(min(r["cpu"] for r in runs))
    return float(sum(min(b) for b in zip(*(r["batches"] for r in runs), strict=True)))


def cpu_report(ingest1: dict[str, Any], ingestn: dict[str, Any] | None, workers: int) -> str:
    """CPU milliseconds per article of the ingest parts, and the scaling they allow: wall
    clock ratios mean little on a shared machine, CPU time much more."""
    n1 = max(1, ingest1["articles"])
    writer1 = ingest1.get("writer_cpu_s", 0.0) * 1000 / n1
    pipe1 = ingest1.get("parent_cpu_s", 0.0) * 1000 / n1 - writer1
    lines = [f"CPU ms/article, --workers 1: pipeline (read, process, prepare) {pipe1:.2f}, "
             f"writer {writer1:.2f}"]
    if ingestn is not None:
        nn = max(1, ingestn["articles"])
        parent = ingestn.get("parent_cpu_s", 0.0) * 1000 / nn
        writer = ingestn.get("writer_cpu_s", 0.0) * 1000 / nn
        work = ingestn.get("worker_cpu_s", 0.0) * 1000 / nn
        lines.append(f"CPU ms/article, --workers {workers}: parent {parent:.2f} (writer "
                     f"{writer:.2f}), workers {work:.2f} (pipeline and prepare)")
        # One process does pipeline + writer in turn; with N workers the parent (reading,
        # writing) runs beside them, so the wall time is at least the larger of the two
        # shares, and on N cores at least all the CPU over N.
        serial = pipe1 + writer1
        shared = max(work / workers, parent, (work + parent) / workers)
        lines.append(
            f"scaling bound from CPU: {serial / max(work / workers, parent):.2f}x "
            f"((pipeline + writer) / max(workers' share, parent)); with {workers} cores "
            f"shared by all: {min(workers, serial / shared):.2f}x")
    return "\n".join(lines)


def _memory(args: argparse.Namespace) -> int:
    if not (Path(args.data) / CORPORA["reuters"] / "articles.jsonl.gz").exists():
        print(f"skipped: {Path(args.data) / CORPORA['reuters']} is not present")
        return 0
    print(f"memory: ingest --workers {args.workers} of N Reuters articles (repeated with "
          "distinct URLs past the 19,043 with a body: distinct ids, stored as near-copies)")
    for n in [int(x) for x in args.memory.split(",") if x.strip()]:
        r = _run(args, "ingest-n", "reuters", args.workers, limit=n)
        workers = (f" (the writer; each of {args.workers} workers "
                   f"{r.get('worker_peak_rss_mb', 0):.0f} MB)" if args.workers > 1 else "")
        print(f"  {n:>9,} articles: peak RSS {r['peak_rss_mb']:.0f} MB{workers}, "
              f"{r['seconds']:.0f} s, {r['added']:,} added, {r.get('copies', 0):,} near-copies, "
              f"{r['events']:,} events", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
