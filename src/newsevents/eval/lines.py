"""Training recipe of the plain-text line classifier (stages/_lines.py) on trafilatura-eval.

Each page is rendered to text with its boilerplate (eval.clean.render_text); a line is labelled
keep when a must-have segment covers part of it, drop when only must-not-have segments do;
other lines are unlabelled and not trained on. The model is a bag of chains of gradient-boosted
tree stages (``fit``, deterministic); the cross-fitting inside each chain splits the training
pages into halves by a hash of each page's URL (``_side``), so one page more or less moves no
other page, and each chain of the bag draws its halves with its own hash seed.

    python -m newsevents.eval.lines --data ../shared/data/trafilatura-eval
        writes src/newsevents/data/line_model.json from all pages (``make line-model``)
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from newsevents.eval.clean import _INVISIBLE_CHARS
from newsevents.stages import _lines
from newsevents.stages import _mainblock as mb
from newsevents.stages.clean import paragraphs, remove_boilerplate

_TREES = 200
_DEPTH = 2
_RATE = 0.1
_LAMBDA = 1.0
_MIN_LEAF = 20
_BINS = 32
_THRESHOLD = 0.5
_STAGES = 3
_VOCABULARY = 1500
_BAG = 4
_MIN_COUNT = 3


@dataclass(slots=True)
class Sample:
    """One page dump: its lines as the classifier sees them, their labels, its gold segments."""

    lines: list[str]
    labels: list[int]  # 1 keep, 0 drop, -1 unlabelled
    with_: list[str]
    without: list[str]
    page_like: bool
    x: np.ndarray  # the classifier's features, one row per line
    key: str = ""  # the page's URL or id: which inner half it trains in (``_side``)


def classifier_lines(text: str) -> list[str]:
    """The lines of ``text`` that the clean stage hands to the classifier."""
    kept, _ = remove_boilerplate(paragraphs(text))
    return kept


def _norm(text: str) -> str:
    # As the scorer compares segments: without soft hyphens and zero-width characters, which
    # gold segments keep from the markup and the clean stage drops.
    return " ".join(_INVISIBLE_CHARS.sub("", text).split())


def label(lines: Sequence[str], with_: Sequence[str], without: Sequence[str]) -> list[int]:
    """Per line: 1 when a must-have segment covers part of it, else 0 when a must-not-have one
    does, else -1."""
    lines = [_norm(ln) for ln in lines]
    starts: list[int] = []
    pos = 0
    for ln in lines:
        starts.append(pos)
        pos += len(ln) + 1
    joined = " ".join(lines)
    labels = [-1] * len(lines)

    def mark(segment: str, value: int) -> None:
        s = _norm(segment)
        if not s:
            return
        i = joined.find(s)
        while i >= 0:
            a = bisect.bisect_right(starts, i) - 1
            b = bisect.bisect_right(starts, i + len(s) - 1) - 1
            for k in range(a, b + 1):
                labels[k] = max(labels[k], value)
            i = joined.find(s, i + 1)

    for seg in without:
        mark(seg, 0)
    for seg in with_:
        mark(seg, 1)
    return labels


def sample(text: str, with_: Sequence[str], without: Sequence[str], key: str = "") -> Sample:
    """A page dump as training data; ``key`` (its URL) decides its inner halves, default the
    text itself."""
    lines = classifier_lines(text) if text.strip() else []
    page_like = mb.page_like(lines)
    x = _lines.features(lines) if page_like else np.zeros((0, len(_lines.FEATURES)))
    return Sample(lines, label(lines, with_, without), list(with_), list(without), page_like, x,
                  key or text)


def _side(key: str, seed: int, level: int) -> int:
    """The inner half (0 or 1) of a page at nesting ``level`` of the cross-fitting: a bit of a
    hash of its key, so adding or removing a page moves no other page."""
    digest = hashlib.blake2b(f"{seed}:{key}".encode(), digest_size=8).digest()
    return (digest[level // 8] >> (level % 8)) & 1


def _edges(x: np.ndarray) -> list[np.ndarray]:
    """Per feature, the candidate split values: midpoints between its distinct quantiles."""
    out = []
    for col in x.T:
        q = np.unique(np.quantile(col, np.linspace(0, 1, _BINS + 1)))
        out.append((q[:-1] + q[1:]) / 2 if q.size > 1 else np.array([np.inf]))
    return out


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray | None = None) -> dict[str, Any]:
    """Gradient-boosted trees (logistic loss, complete trees of depth ``_DEPTH``, histogram
    splits), deterministic: no sampling. Without data, a model that keeps no line: the clean
    stage then falls back to the rules (the densest prose block)."""
    n, d = x.shape
    if not n:
        return {"base": -10.0, "trees": {"depth": 1, "feature": [[0]], "split": [[1e30]],
                                         "leaf": [[0.0, 0.0]]}}
    edges = _edges(x)
    nb = max(e.size for e in edges) + 1
    binned = np.column_stack([np.searchsorted(e, x[:, f], side="left")
                              for f, e in enumerate(edges)])
    offsets = np.arange(d) * nb
    prior = float(np.clip(y.mean(), 1e-6, 1 - 1e-6))
    base = float(np.log(prior / (1 - prior)))
    z = np.full(n, base)
    inner, leaves = 2**_DEPTH - 1, 2**_DEPTH
    feats = np.zeros((_TREES, inner), dtype=int)
    splits = np.full((_TREES, inner), np.inf)
    leaf = np.zeros((_TREES, leaves))
    for t in range(_TREES):
        p = 1.0 / (1.0 + np.exp(-z))
        g, h = p - y, p * (1 - p)
        if w is not None:
            g, h = g * w, h * w
        node = np.zeros(n, dtype=int)
        # Level by level: a node's split is chosen on the rows that reach it.
        for level in range(_DEPTH):
            for k in range(2**level - 1, 2 ** (level + 1) - 1):
                idx = np.flatnonzero(node == k)
                if idx.size < 2 * _MIN_LEAF:
                    continue
                flat = (binned[idx] + offsets).ravel()
                gs = np.bincount(flat, np.repeat(g[idx], d), d * nb).reshape(d, nb).cumsum(1)
                hs = np.bincount(flat, np.repeat(h[idx], d), d * nb).reshape(d, nb).cumsum(1)
                cs = np.bincount(flat, None, d * nb).reshape(d, nb).cumsum(axis=1)
                gt, ht, ct = gs[0, -1], hs[0, -1], cs[0, -1]
                gain = (gs**2 / (hs + _LAMBDA) + (gt - gs) ** 2 / (ht - hs + _LAMBDA)
                        - gt**2 / (ht + _LAMBDA))
                gain[(cs < _MIN_LEAF) | (ct - cs < _MIN_LEAF)] = -np.inf
                f, b = np.unravel_index(int(np.argmax(gain)), gain.shape)
                if not gain[f, b] > 0 or b >= edges[f].size:
                    continue
                feats[t, k], splits[t, k] = f, edges[f][b]
            node = 2 * node + 1 + (x[np.arange(n), feats[t, node]] > splits[t, node])
        at = node - inner
        gl = np.bincount(at, g, leaves)
        hl = np.bincount(at, h, leaves)
        leaf[t] = -_RATE * gl / (hl + _LAMBDA)
        z += leaf[t, at]
    return {"base": round(base, 6),
            "trees": {"depth": _DEPTH, "feature": feats.tolist(),
                      "split": [[round(v, 6) if np.isfinite(v) else 1e30 for v in row]
                                for row in splits],
                      "leaf": np.round(leaf, 6).tolist()}}


def _xyw(samples: Sequence[Sample], xs_of: Sequence[np.ndarray]
         ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    xs, ys, ws = [np.zeros((0, 1))], [np.zeros(0)], [np.zeros(0)]
    for s, x in zip(samples, xs_of, strict=True):
        lab = np.array(s.labels)
        n = int((lab >= 0).sum())
        xs.append(x[lab >= 0])
        ys.append(lab[lab >= 0])
        # A page with hundreds of labelled lines (a results table) would outweigh the rest.
        ws.append(np.full(n, 1 / np.sqrt(max(n, 1))))
    w = np.concatenate(ws)
    if not w.size:  # nothing labelled: fit() gives the untrained model
        return xs[0], ys[0], w
    return np.vstack(xs[1:]), np.concatenate(ys).astype(float), w / w.mean()


def _chain_predict(x: np.ndarray, stages: Sequence[dict[str, Any]]) -> np.ndarray:
    return _lines.predict(x, {"stages": stages})


def _chain(used: Sequence[Sample], x: Sequence[np.ndarray], keys: Sequence[str], n: int,
           seed: int, level: int) -> list[dict[str, Any]]:
    """``n`` stages of trees. Stage k is fitted on the context of the probabilities of stages
    1..k-1 as they are on unseen pages: those of the chain fitted on the other half of the
    training pages (halves drawn by ``_side`` at ``level``, deeper levels inside)."""
    stages = [fit(*_xyw(used, x))]
    if n < 2:
        return stages
    sides = [_side(key, seed, level) for key in keys]
    for k in range(1, n):
        stacked: list[np.ndarray] = [np.empty(0)] * len(used)
        for half in (0, 1):
            other = [i for i, s in enumerate(sides) if s != half]
            chain = _chain([used[i] for i in other], [x[i] for i in other],
                           [keys[i] for i in other], k, seed, level + 1)
            for i, s in enumerate(sides):
                if s == half:
                    p = _chain_predict(x[i], chain)
                    stacked[i] = np.hstack([x[i], _lines.context(p, x[i])])
        stages.append(fit(*_xyw(used, stacked)))
    return stages


def _keys(used: Sequence[Sample]) -> list[str]:
    """Each page's split key, made unique: a page given twice counts as two pages."""
    seen: Counter[str] = Counter()
    out = []
    for s in used:
        out.append(f"{s.key}#{seen[s.key]}" if seen[s.key] else s.key)
        seen[s.key] += 1
    return out


def member(used: Sequence[Sample], keys: Sequence[str], seed: int) -> list[dict[str, Any]]:
    """One cross-fitted chain of stages: the vocabulary's log-odds on a training page come
    from the other half of the pages, as they will on unseen pages, and so do the stacked
    stages' inputs."""
    sides = [_side(key, seed, 0) for key in keys]
    x: list[np.ndarray] = [np.empty(0)] * len(used)
    for half in (0, 1):
        vocab = vocabulary([u for u, s in zip(used, sides, strict=True) if s != half])
        for i, s in enumerate(sides):
            if s == half:
                x[i] = np.hstack([used[i].x, _lines.lexical(used[i].lines, vocab)])
    return _chain(used, x, keys, _STAGES, seed, 1)


def vocabulary(samples: Sequence[Sample]) -> dict[str, float]:
    """Log-odds of each token (article text against boilerplate, add-one smoothed) over the
    labelled lines, for the ``_VOCABULARY`` tokens seen at least ``_MIN_COUNT`` times that
    weigh most (count times the size of the log-odds)."""
    keep, drop = Counter[str](), Counter[str]()
    n_keep = n_drop = 0
    for s in samples:
        for ln, y in zip(s.lines, s.labels, strict=True):
            if y == 1:
                keep.update(_lines.tokens(ln))
                n_keep += 1
            elif y == 0:
                drop.update(_lines.tokens(ln))
                n_drop += 1
    odds = {}
    for tok in keep.keys() | drop.keys():
        count = keep[tok] + drop[tok]
        if count >= _MIN_COUNT:
            odds[tok] = (count, math.log((keep[tok] + 1) / (n_keep + 2))
                         - math.log((drop[tok] + 1) / (n_drop + 2)))
    best = sorted(odds, key=lambda t: (-odds[t][0] * abs(odds[t][1]), t))[:_VOCABULARY]
    return {t: round(odds[t][1], 4) for t in sorted(best)}


def train(samples: Sequence[Sample], bag: int = _BAG) -> dict[str, Any]:
    """Model parameters (the line_model.json layout) from the page-like samples: ``bag``
    chains, each cross-fitted on its own draw of inner halves (hash seeds 0..bag-1), whose
    probabilities the clean stage averages."""
    used = [s for s in samples if s.page_like and s.lines]
    keys = _keys(used)
    members = [member(used, keys, seed) for seed in range(bag)]
    y_lines = sum(1 for s in used for v in s.labels if v >= 0)
    return {"features": list(_lines.FEATURES), "lexical": list(_lines.LEXICAL),
            "context": list(_lines.CONTEXT), "members": members, "threshold": _THRESHOLD,
            "vocabulary": vocabulary(used),
            "trained_on": {"pages": len(used), "lines": y_lines,
                           "keep_lines": sum(1 for s in used for v in s.labels if v == 1),
                           "stages": _STAGES, "trees": _TREES, "depth": _DEPTH,
                           "learning_rate": _RATE, "bag": bag}}


def main(argv: Sequence[str] | None = None) -> None:
    from newsevents.eval.clean import read_evaldata, read_html, render_text
    from newsevents.lexicon import data_path

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="the trafilatura-eval folder")
    ap.add_argument("--out", type=Path, default=None, help="default: the package's data file")
    args = ap.parse_args(argv)
    folder = args.data / "trafilatura-eval" if (args.data / "trafilatura-eval").is_dir() \
        else args.data
    pages = read_evaldata(folder)
    samples = [sample(render_text(read_html(p.file)), p.with_, p.without, p.url) for p in pages]
    params = train(samples)
    params["trained_on"]["source"] = "trafilatura-eval (Apache-2.0), all pages"
    out = args.out or Path(str(data_path(_lines.MODEL_FILE)))
    out.write_text(json.dumps(params, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {out}: threshold {params['threshold']}, {params['trained_on']}")


if __name__ == "__main__":
    main()
