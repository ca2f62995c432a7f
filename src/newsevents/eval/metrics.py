"""Metrics shared by the evaluation suites: counts with P/R/F1, span matching, geodesic error.

Everything here is pure and small so it can be unit-tested on hand-written numbers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

T = TypeVar("T")

EARTH_RADIUS_KM = 6371.0088
# Half the Earth's circumference: the largest possible error, used to scale the AUC.
MAX_ERROR_KM = 20039.0


@dataclass(slots=True)
class Counts:
    """True positives, false positives and false negatives with the scores they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        denom = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denom if denom else 0.0

    def scores(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


Span = tuple[int, int, str]


def score_spans(gold: Iterable[Span], pred: Iterable[Span]) -> Counts:
    """Exact-match scoring of typed spans (conlleval): a span counts once however often given."""
    g, p = set(gold), set(pred)
    tp = len(g & p)
    return Counts(tp=tp, fp=len(p) - tp, fn=len(g) - tp)


def score_spans_by_type(
    gold: Iterable[Span], pred: Iterable[Span], types: Sequence[str]
) -> dict[str, Counts]:
    """Per-type exact-match counts for ``types`` (spans of other types are ignored)."""
    g, p = set(gold), set(pred)
    out: dict[str, Counts] = {}
    for t in types:
        out[t] = score_spans({s for s in g if s[2] == t}, {s for s in p if s[2] == t})
    return out


def iob_spans(tags: Sequence[str]) -> list[Span]:
    """Entity spans ``(first_token, end_token_exclusive, type)`` from IOB1 or IOB2 tags.

    An ``I-X`` after ``O`` or after another type starts a span (IOB1, and lenient IOB2 as in
    conlleval); ``B-X`` always starts one.
    """
    spans: list[Span] = []
    start: int | None = None
    kind = ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        if tag == "O" or prefix not in ("B", "I") or not label:
            if start is not None:
                spans.append((start, i, kind))
            start = None
            continue
        if prefix == "B" or start is None or label != kind:
            if start is not None:
                spans.append((start, i, kind))
            start, kind = i, label
    return spans


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def geo_auc(errors_km: Sequence[float]) -> float:
    """Area under the curve of sorted log errors, as in Gritta et al. (2018); lower is better.

    The errors are sorted, each becomes ``ln(1 + error) / ln(1 + MAX_ERROR_KM)`` (0 = exact,
    1 = antipode), and the trapezoid area under that curve is divided by its width, so the
    result lies in [0, 1]. A single error gives its own scaled value.
    """
    if not errors_km:
        return 0.0
    ys = [math.log1p(max(0.0, e)) / math.log1p(MAX_ERROR_KM) for e in sorted(errors_km)]
    if len(ys) == 1:
        return ys[0]
    area = sum((ys[i] + ys[i + 1]) / 2 for i in range(len(ys) - 1))
    return area / (len(ys) - 1)


def median(xs: Sequence[float]) -> float:
    if not xs:
        return 0.0
    s = sorted(xs)
    mid = len(s) // 2
    return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2


def classification(
    pairs: Iterable[tuple[str, str]], labels: Sequence[str]
) -> tuple[dict[str, Counts], float, float]:
    """Per-label counts, macro F1 over ``labels`` and accuracy from (gold, predicted) pairs.

    A prediction outside ``labels`` (such as ``"none"``) is wrong: it is a false negative of
    the gold label and a false positive of nothing.
    """
    per = {lab: Counts() for lab in labels}
    n = correct = 0
    for gold, pred in pairs:
        n += 1
        if gold == pred:
            correct += 1
            if gold in per:
                per[gold].tp += 1
            continue
        if gold in per:
            per[gold].fn += 1
        if pred in per:
            per[pred].fp += 1
    macro = sum(c.f1 for c in per.values()) / len(per) if per else 0.0
    return per, macro, (correct / n if n else 0.0)


def stride_subset(n: int, limit: int | None) -> list[int]:
    """``limit`` indices spread evenly over ``n`` items: a fixed subset that samples every part
    of a file (gold files are often grouped by source, category or label)."""
    if limit is None or limit >= n:
        return list(range(n))
    return [i * n // limit for i in range(max(0, limit))]


def subset(items: Sequence[T], limit: int | None) -> list[T]:
    return [items[i] for i in stride_subset(len(items), limit)]


@dataclass(slots=True)
class Report:
    """What one suite measured: headline metrics, counts, per-type breakdown and notes."""

    suite: str
    metrics: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    breakdown: dict[str, dict[str, float]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    elapsed_s: float = 0.0
    skipped: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "suite": self.suite,
            "skipped": self.skipped,
            "metrics": {k: round(v, 4) for k, v in self.metrics.items()},
            "counts": dict(self.counts),
            "breakdown": {
                k: {m: round(v, 4) for m, v in row.items()} for k, row in self.breakdown.items()
            },
            "notes": list(self.notes),
            "elapsed_s": round(self.elapsed_s, 2),
        }
