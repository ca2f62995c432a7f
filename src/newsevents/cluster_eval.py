"""Pairwise precision and recall of event clustering on a labelled folder (``gold.toml``).

The folder's articles and the bundled demo corpus are ingested into a temporary store; each
extracted event that matches a labelled real-world event (see ``gold.toml``'s header) is a
labelled item. A pair of labelled items is a true positive when both the gold labels and the
clusters put them together.
"""

from __future__ import annotations

import tempfile
import tomllib
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

from newsevents.errors import InputError

DEMO_CORPUS = Path(__file__).parent / "demo" / "corpus"
DAY_TOLERANCE = 2


@dataclass(frozen=True, slots=True)
class GoldEvent:
    id: str
    day: date
    types: tuple[str, ...]
    actors: tuple[str, ...]
    articles: tuple[str, ...]


@dataclass(slots=True)
class ClusterScores:
    """Pairwise scores, with the items (event id, gold id, cluster id) they were computed on."""

    precision: float
    recall: float
    items: list[tuple[str, str, str]] = field(default_factory=list)
    per_event: dict[str, tuple[int, int]] = field(default_factory=dict)  # articles, clusters

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def summary(self) -> dict[str, Any]:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "f1": round(self.f1, 3), "items": len(self.items),
                "gold_events": len(self.per_event),
                "per_event": {k: {"articles": a, "clusters": c}
                              for k, (a, c) in self.per_event.items()}}

    def report(self) -> str:
        lines = [f"pairwise precision {self.precision:.3f}  recall {self.recall:.3f}  "
                 f"F1 {self.f1:.3f}  ({len(self.items)} labelled events, "
                 f"{len(self.per_event)} real-world events)"]
        for k, (a, c) in self.per_event.items():
            lines.append(f"  {k}: {a} articles matched, split into {c} cluster(s)")
        return "\n".join(lines)


def load_gold(path: Path) -> list[GoldEvent]:
    if not path.is_file():
        raise InputError(str(path), "no gold.toml here", "give a folder with a gold.toml")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [GoldEvent(id=e["id"], day=e["date"], types=tuple(e["types"]),
                      actors=tuple(e["actors"]), articles=tuple(e["articles"]))
            for e in data.get("event", [])]


def _label(gold: list[GoldEvent], row: tuple[Any, ...]) -> str | None:
    _eid, etype, day, units, source, url, factual = row
    hits = [
        g.id for g in gold
        if factual and etype in g.types and day is not None
        and abs((day - g.day).days) <= DAY_TOLERANCE
        and set(g.actors) <= set(units)
        and any(a in source or a in (url or "") for a in g.articles)
    ]
    return hits[0] if len(hits) == 1 else None


def score(con: Any, gold: list[GoldEvent]) -> ClusterScores:
    """Pairwise precision/recall of the clusters stored in ``con`` against ``gold``."""
    rows = con.execute("""
        SELECT e.id, c.type, c.day, list_concat(c.source, c.target), a.source, a.url,
            c.grp = 'factual', c.cluster_id
        FROM event_clusters c JOIN events e ON e.id = c.event_id
        JOIN articles a ON a.id = e.article_id ORDER BY e.id
    """).fetchall()
    items = []
    for r in rows:
        label = _label(gold, r[:7])
        if label is not None:
            items.append((r[0], label, r[7]))
    tp = fp = fn = 0
    for (_, g1, c1), (_, g2, c2) in combinations(items, 2):
        if g1 == g2 and c1 == c2:
            tp += 1
        elif c1 == c2:
            fp += 1
        elif g1 == g2:
            fn += 1
    per_event = {}
    for g in gold:
        mine = [it for it in items if it[1] == g.id]
        arts = {a for (eid, _, _) in mine for a in _articles(rows, eid)}
        per_event[g.id] = (len(arts), len({c for _, _, c in mine}))
    return ClusterScores(
        precision=tp / (tp + fp) if tp + fp else 1.0,
        recall=tp / (tp + fn) if tp + fn else 1.0,
        items=items, per_event=per_event)


def _articles(rows: list[tuple[Any, ...]], event_id: str) -> list[str]:
    return [r[4] + (r[5] or "") for r in rows if r[0] == event_id]


def evaluate(folder: Path, *, demo: bool = True) -> ClusterScores:
    """Ingest the demo corpus and ``folder``'s articles, then score against its gold.toml."""
    from newsevents.runners.local import ingest
    from newsevents.store import Store

    gold = load_gold(folder / "gold.toml")
    inputs = [str(p) for p in sorted(folder.iterdir())
              if p.suffix.lower() in (".txt", ".html", ".htm", ".json", ".jsonl")]
    if demo:
        inputs.insert(0, str(DEMO_CORPUS))
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "eval.duckdb") as store:
        ingest(inputs, store, progress=False)
        cur = store._con.cursor()
        try:
            return score(cur, gold)
        finally:
            cur.close()
