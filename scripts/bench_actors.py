"""Time the actors stage alone: ms/article over the inputs given (default: the demo corpus).

    .venv/bin/python scripts/bench_actors.py [PATH ...] [--repeat N]

Articles are cleaned, dated and split once; only the actors stage is timed (best of N runs).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from newsevents.pipeline import default_pipeline
from newsevents.records import Document
from newsevents.sources import read_inputs

DEMO = Path(__file__).resolve().parents[1] / "src" / "newsevents" / "demo" / "corpus"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", default=[str(DEMO)])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    stages = default_pipeline().stages
    before = [s for s in stages if s.name in ("clean", "metadata", "sentences")]
    actors = next(s for s in stages if s.name == "actors")
    docs = []
    for raw in read_inputs(args.paths):
        d = Document(raw=raw)
        for s in before:
            d = s(d)
        if d.article is not None:
            docs.append(d)
    if not docs:
        raise SystemExit("no articles")
    actors(docs[0])  # lexicons load once, outside the timing
    best = min(_time(actors, docs) for _ in range(args.repeat))
    chars = sum(len(d.article.text) for d in docs if d.article is not None) / len(docs)
    print(f"{len(docs)} articles, {chars:.0f} chars on average: "
          f"actors stage {1000 * best / len(docs):.2f} ms/article")


def _time(stage: object, docs: list[Document]) -> float:
    t = time.perf_counter()
    for d in docs:
        stage(d)  # type: ignore[operator]
    return time.perf_counter() - t


if __name__ == "__main__":
    main()
