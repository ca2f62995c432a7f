"""The near-duplicate suite: precision and recall of newsevents.dedup on copies of real stories.

Built from the VOA stories at run time: each story is indexed, then edited copies as
republishers make them are looked up (a new headline with site boilerplate around the text,
truncation to the first half, reordered paragraphs, a shortened copy with boilerplate), and a
held-out half of the stories, none of them a copy of an indexed one, checks false matches.
"""

from __future__ import annotations

import json
import random
import re
import time
from collections.abc import Callable
from pathlib import Path

from newsevents.dedup import Index, signature
from newsevents.errors import EvalDataError
from newsevents.eval.metrics import Report, subset

_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")
_BOILERPLATE = (
    "Sign up for our daily newsletter to get the top stories in your inbox.",
    "Follow us on X, Facebook and Instagram for the latest updates.",
    "This story was republished from a wire service. Copyright the original publisher.",
    "Advertisement",
    "Related: More world news from our correspondents",
    "Share this article",
)


def paragraphs(text: str, per: int = 3) -> list[str]:
    sentences = [s for s in _SENTENCE_END.split(text.strip()) if s]
    return [" ".join(sentences[i : i + per]) for i in range(0, len(sentences), per)]


def _retitled(title: str, paras: list[str], rng: random.Random) -> str:
    head = f"UPDATE: {title.upper()}" if rng.random() < 0.5 else f"What we know: {title}"
    lines = [head, "By Staff Writers | Wire", *paras, *rng.sample(_BOILERPLATE, 3)]
    return "\n".join(lines)


def _truncated(title: str, paras: list[str], rng: random.Random) -> str:
    keep = max(2, len(paras) // 2)
    return "\n".join([title, *paras[:keep], "Read the full story on our partner's site."])


def _reordered(title: str, paras: list[str], rng: random.Random) -> str:
    body = paras[:1] + rng.sample(paras[1:], len(paras) - 1) if len(paras) > 2 else paras
    return "\n".join([title, *body])


def _short_with_boilerplate(title: str, paras: list[str], rng: random.Random) -> str:
    keep = max(2, (len(paras) * 2) // 3)
    return "\n".join([*rng.sample(_BOILERPLATE, 2), title, *paras[:keep],
                      *rng.sample(_BOILERPLATE, 2)])


def _lead_third(title: str, paras: list[str], rng: random.Random) -> str:
    return "\n".join([title, *paras[: max(1, len(paras) // 3)]])


EDITS: dict[str, Callable[[str, list[str], random.Random], str]] = {
    "headline+boilerplate": _retitled,
    "truncated to half": _truncated,
    "paragraphs reordered": _reordered,
    "two thirds+boilerplate": _short_with_boilerplate,
    "lead third only": _lead_third,
}


def read_stories(folder: Path) -> list[dict[str, str]]:
    path = folder / "voa_stories.jsonl"
    if not path.is_file():
        raise EvalDataError(f"{path}: not found (pass --data pointing at the gold sets)")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return [r for r in rows if isinstance(r.get("text"), str) and r["text"].strip()]


def run_dedup(suite: str, folder: Path, limit: int | None = None) -> Report:
    t0 = time.perf_counter()
    stories = subset(read_stories(folder), limit)
    rng = random.Random(13)  # fixed: the same copies every run
    indexed, held_out = stories[0::2], stories[1::2]
    index = Index()
    for s in indexed:
        index.add(s["id"], signature(s["title"] + "\n" + s["text"]))
    per_edit: dict[str, dict[str, int]] = {e: {"tp": 0, "fp": 0, "fn": 0} for e in EDITS}
    for s in indexed:
        paras = paragraphs(s["text"])
        for name, edit in EDITS.items():
            found = index.match(signature(edit(s["title"], paras, rng)))
            tally = per_edit[name]
            if found is None:
                tally["fn"] += 1
            elif found[0] == s["id"]:
                tally["tp"] += 1
            else:  # matched the wrong story: a false match and a miss
                tally["fp"] += 1
                tally["fn"] += 1
    false_on_distinct = sum(
        1 for s in held_out if index.match(signature(s["title"] + "\n" + s["text"])))
    tp = sum(t["tp"] for t in per_edit.values())
    fp = sum(t["fp"] for t in per_edit.values()) + false_on_distinct
    fn = sum(t["fn"] for t in per_edit.values())
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    rep = Report(suite=suite)
    rep.metrics = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}
    rep.breakdown = {
        name: {"recall": t["tp"] / (t["tp"] + t["fn"]) if t["tp"] + t["fn"] else 0.0}
        for name, t in per_edit.items()}
    rep.counts = {"stories_indexed": len(indexed), "copies": tp + fn,
                  "distinct_stories": len(held_out), "false_on_distinct": false_on_distinct,
                  "copies_found": tp}
    rep.notes = ["copies are made from the indexed stories at run time (seeded); the held-out "
                 "stories are other VOA articles (some on the same topics) and must match none"]
    rep.elapsed_s = time.perf_counter() - t0
    return rep
