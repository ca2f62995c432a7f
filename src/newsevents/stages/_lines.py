"""Line classifier for plain text that is a whole page: per line, keep (article) or drop (menus,
teasers, bios, notices), a logistic model over cheap layout and wording features.

The weights are data (data/line_model.json, trained by ``newsevents.eval.lines``); the features
are computed here, so training and the clean stage share one definition.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from typing import Any

import numpy as np

from newsevents.lexicon import load_json
from newsevents.stages import _mainblock as mb

MODEL_FILE = "line_model.json"

# Function words of the languages news pages come in most (English first): prose has many,
# menus, labels and headlines few.
_STOP_WORDS = """a an the and or but of to in on at for with by from as is are was were be been
    has have had it its this that these those he she they we you i his her their our not no
    will would can could said says who which what when where than then also after before about
    over into more
    der die das und oder aber von zu im in am an auf für mit bei aus als ist sind war waren sein
    hat haben er sie es wir ihr nicht ein eine einen dem den des sich auch nach wie noch
    le la les et ou mais de du des un une en dans sur pour avec par est sont était il elle ils
    nous vous pas que qui au aux ce cette
    el los las y o pero del en un una con por para es son fue que se su sus al lo como más"""
_STOP = frozenset(_STOP_WORDS.split())
_MONTHS = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|januar|februar|märz|mai|juni"
    r"|juli|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre"
    r"|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre"
    r"|noviembre|diciembre)[a-zäéû]*\.?\s*\d|\b\d{1,2}\.\s*\d{1,2}\.\s*\d{2,4}\b"
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b"
)
_BYLINE = re.compile(r"(?i)^(?:by|von|par|por|de|autor(?:in)?|author|written\s+by)\s*:?\s+\S")
_SEPARATOR = re.compile(r"[|»›•·]|\s[-–]\s.*\s[-–]\s")
_LINKISH = re.compile(r"(?i)https?://|www\.|\S@\S|\.(?:com|org|net|de)\b")
_TEASER_END = re.compile(r"(?:…|\.\.\.|\[…\]|\[\.\.\.\]|»|›|>)\s*$")
_SENTENCE_END = re.compile(r"[.!?][\"”’»)]?$")
_BIO = re.compile(
    r"(?i)^[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}\s+(?:is|was|writes|covers|has\s+been|ist|est|es)"
    r"\s+(?:a|an|the|ein|eine|un|une|el|la|senior|freelance|contributing|staff|our)\b"
)
_FOLLOW = re.compile(r"(?i)\b(?:follow|share|tweet|subscribe|sign\s+up|log\s*in|register|"
                     r"comment|teilen|abonn|anmelden|partager|compartir)\w*")

# Lines each side of a line whose prose and length its window features average.
_WINDOW = 3

FEATURES = (
    "log_words", "log_chars", "sentence_end", "colon_end", "question_end", "sentences",
    "comma_rate", "stop_share", "title_share", "caps_share", "digit_share", "prose",
    "separator", "teaser_end", "repeated", "notice", "furniture", "after_end", "byline", "date",
    "linkish", "bio", "follow", "credit", "lead_label", "in_block", "log_gap", "position",
    "before_block", "after_block", "prev_prose", "next_prose", "window_prose", "window_words",
    "block_share", "mid_length", "inside_span", "heuristic", "prev_words", "next_words",
    "prev_end", "next_end", "rel_words",
)

_LETTER = re.compile(r"[^\W\d_]")
_UPPER = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-Ž]")
_DIGIT = re.compile(r"\d")
# Picture captions and credits: agency and stock names, "Foto:", "(Photo: ...)".
_CREDIT = re.compile(r"(?i)\b(?:foto|photo|bild|image|picture|credit|quelle|source|fuente"
                     r"|crédit)s?\s*:|\b(?:getty|istock|shutterstock|reuters|afp|dpa|ap\s+photo|imago|epa|"
                     r"picture[\s-]alliance|keystone)\b|\(c\)|©")
_FOLLOW_KEYS = ("follow", "share", "tweet", "subscri", "sign", "log", "regist", "comment",
                "teilen", "abonn", "anmeld", "partag", "compart")
_CREDIT_KEYS = ("foto", "photo", "bild", "image", "picture", "credit", "quelle", "source",
                "fuente", "crédit", "getty", "istock", "shutterstock", "reuters", "afp", "dpa",
                "ap photo", "imago", "epa", "alliance", "keystone", "(c)", "©")
# A label then a colon opening the line ("Lesen Sie hier:", "Czytaj też:", "Tags:").
_LEAD_LABEL = re.compile(r"^(?:\S+\s+){0,2}\S+\s*:\s")
# Character shares are read from the start of a line only: the rest of a long line adds nothing.
_HEAD = 160


def _line_features(ln: str, seen: int) -> list[float]:
    words = ln.split()
    n = len(words)
    head = ln[:_HEAD]
    letters = len(_LETTER.findall(head)) or 1
    digits = len(_DIGIT.findall(head))
    lower = ln.lower()
    short = n <= 40
    return [
        math.log1p(n),
        math.log1p(len(ln)),
        1.0 if _SENTENCE_END.search(ln) else 0.0,
        1.0 if ln.endswith(":") else 0.0,
        1.0 if ln.endswith("?") else 0.0,
        min(ln.count(". ") + ln.count("? ") + ln.count("! "), 5) / 5,
        min(ln.count(",") / n, 1.0),
        sum(1 for w in words[:30] if w.lower() in _STOP) / min(n, 30),
        sum(1 for w in words[:30] if w[:1].isupper()) / min(n, 30),
        len(_UPPER.findall(head)) / letters,
        digits / len(head),
        1.0 if mb.is_prose(ln) else 0.0,
        1.0 if _SEPARATOR.search(head) else 0.0,
        1.0 if _TEASER_END.search(ln) else 0.0,
        1.0 if seen > 1 else 0.0,
        1.0 if short and mb.notice(ln) else 0.0,
        1.0 if mb.furniture(ln) else 0.0,
        0.0,  # after_end: filled per page
        1.0 if n <= 12 and _BYLINE.match(ln) else 0.0,
        1.0 if n <= 15 and digits and _MONTHS.search(ln) else 0.0,
        1.0 if _LINKISH.search(head) else 0.0,
        1.0 if _BIO.match(ln) else 0.0,
        1.0 if n <= 20 and any(k in lower for k in _FOLLOW_KEYS) and _FOLLOW.search(ln)
        else 0.0,
        1.0 if short and any(k in lower for k in _CREDIT_KEYS) and _CREDIT.search(ln) else 0.0,
        1.0 if _LEAD_LABEL.match(head) else 0.0,
    ]


def _distance(idx: np.ndarray, marked: np.ndarray, default: int) -> np.ndarray:
    """Per index, how far the nearest marked index is (``default`` when none is marked)."""
    if not marked.size:
        return np.full(idx.size, default)
    right = np.searchsorted(marked, idx)
    near: np.ndarray = np.minimum(np.abs(marked[np.minimum(right, marked.size - 1)] - idx),
                                  np.abs(idx - marked[np.maximum(right - 1, 0)]))
    return near


def features(lines: Sequence[str]) -> np.ndarray:
    """One row of ``FEATURES`` per line of a page dump."""
    lines = list(lines)
    m = len(lines)
    if m == 0:
        return np.zeros((0, len(FEATURES)))
    seen = Counter(lines)
    rows = [_line_features(ln, seen[ln]) for ln in lines]
    base = np.array(rows, dtype=float)
    block, shares = mb.blocks(lines)
    inb = np.array(block, dtype=float)
    end = mb.end_line(lines)
    after_end = np.zeros(m)
    if end is not None:
        after_end[end:] = 1.0
    base[:, FEATURES.index("after_end")] = after_end
    idx = np.arange(m)
    kept = np.flatnonzero(inb)
    nearest = _distance(idx, kept, m)
    first, last = (kept[0], kept[-1]) if kept.size else (m, -1)
    prose = base[:, FEATURES.index("prose")]
    lw = base[:, 0]
    ends = base[:, FEATURES.index("sentence_end")]
    pad_p = np.concatenate([np.zeros(_WINDOW), prose, np.zeros(_WINDOW)])
    pad_w = np.concatenate([np.zeros(_WINDOW), lw, np.zeros(_WINDOW)])
    win_p = sum(pad_p[k:k + m] for k in range(2 * _WINDOW + 1)) - prose
    win_w = sum(pad_w[k:k + m] for k in range(2 * _WINDOW + 1)) - lw
    extra = np.column_stack([
        inb,
        np.log1p(nearest),
        idx / max(m - 1, 1),
        np.log1p(np.clip(first - idx, 0, None)),
        np.log1p(np.clip(idx - last, 0, None)),
        np.concatenate([[0.0], prose[:-1]]),
        np.concatenate([prose[1:], [0.0]]),
        win_p / (2 * _WINDOW),
        win_w / (2 * _WINDOW),
        np.array(shares, dtype=float),
        ((lw > math.log1p(4)) & (lw < math.log1p(13))).astype(float),
        ((idx >= first) & (idx <= last)).astype(float),
        np.array(mb.main_block(lines), dtype=float),
        np.concatenate([[0.0], lw[:-1]]),
        np.concatenate([lw[1:], [0.0]]),
        np.concatenate([[0.0], ends[:-1]]),
        np.concatenate([ends[1:], [0.0]]),
        lw - np.median(lw),
    ])
    return np.hstack([base, extra])


@cache
def model() -> dict[str, Any]:
    data: dict[str, Any] = load_json(MODEL_FILE)
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{MODEL_FILE}: trained on other features; retrain it")
    return data


Forest = tuple[np.ndarray, np.ndarray, np.ndarray, float, int]


def _members(params: dict[str, Any]) -> tuple[tuple[Forest, ...], ...]:
    """The chains of stages whose probabilities are averaged (a bag; one chain: ``stages``)."""
    chains = params["members"] if "members" in params else [params["stages"]]
    return tuple(tuple(_forest(stage) for stage in chain) for chain in chains)


@cache
def _shipped() -> tuple[tuple[Forest, ...], ...]:
    return _members(model())


def _forest(stage: dict[str, Any]) -> Forest:
    t = stage["trees"]
    return (np.asarray(t["feature"], dtype=np.intp), np.asarray(t["split"], dtype=float),
            np.asarray(t["leaf"], dtype=float), float(stage["base"]), int(t["depth"]))


def forest_predict(x: np.ndarray, forest: Forest) -> np.ndarray:
    """Per row of ``x``, the probability the trees give.

    The trees are complete binary trees of one depth, stored level by level (node k's children
    are 2k+1 and 2k+2): every line walks every tree at once, one array step per level.
    """
    feat, split, leaf, base, depth = forest
    n, trees = x.shape[0], feat.shape[0]
    node = np.zeros((n, trees), dtype=np.intp)
    cols = np.arange(trees)
    rows = np.arange(n)[:, None]
    for _ in range(depth):
        node = 2 * node + 1 + (x[rows, feat[cols, node]] > split[cols, node])
    z = base + leaf[cols, node - (2**depth - 1)].sum(axis=1)
    return np.asarray(1.0 / (1.0 + np.exp(-z)))


LEXICAL = ("word_mean", "word_min")
_TOKEN = re.compile(r"[^\W\d_]{2,}")
_MARKS = frozenset("|»›•·©…:?!@#/()[]+-–—\"'“”„")


def tokens(line: str) -> set[str]:
    """The words of a line (lowercased), its first and last word marked as such, and its
    punctuation marks: what the learned vocabulary weighs."""
    head = line[:300]
    words = _TOKEN.findall(head.lower())
    out = set(words)
    if words:
        out.add("^" + words[0])
        out.add("$" + words[-1])
    out.update("p" + c for c in head if c in _MARKS)
    return out


def lexical(lines: Sequence[str], vocabulary: dict[str, float]) -> np.ndarray:
    """Per line, the mean and the lowest log-odds (article text against boilerplate) of its
    tokens that the vocabulary knows; 0 when it knows none."""
    out = np.zeros((len(lines), len(LEXICAL)))
    for i, ln in enumerate(lines):
        known = [vocabulary[t] for t in tokens(ln) if t in vocabulary]
        if known:
            # fsum: the exact sum, whatever order the set of tokens comes in (it follows the
            # process's string hashing), so that training is reproducible byte for byte.
            out[i] = (math.fsum(known) / len(known), min(known))
    return out


CONTEXT = ("p", "prev_p", "next_p", "max_side_p", "min_side_p", "window_p", "log_kept_above",
           "log_kept_below", "log_to_kept", "run_share", "in_main_run", "log_above_main",
           "log_below_main")

# How many unsure lines in a row may lie inside one run of likely article lines (subheadings,
# captions, a short list).
_RUN_GAP = 3


def _runs(p: np.ndarray, words: np.ndarray) -> np.ndarray:
    """Per line, where it lies against the runs of likely article lines (``p`` >= 0.5, gaps of
    up to ``_RUN_GAP`` lines inside): the share of the largest run's words that the run around
    it holds (0 outside any run), whether it lies inside the largest run (the story), and how
    far above its first line and below its last line it is (log). Teasers and comments form
    runs of their own, smaller than the story; a title sits just above it."""
    m = p.size
    out = np.zeros((m, 4))
    high = np.flatnonzero(p >= 0.5)
    if not high.size:
        out[:, 2] = out[:, 3] = np.log1p(m)
        return out
    runs = np.split(high, np.flatnonzero(np.diff(high) > _RUN_GAP + 1) + 1)
    sizes = np.array([words[r].sum() for r in runs])
    big = runs[int(np.argmax(sizes))]
    for r, size in zip(runs, sizes, strict=True):
        out[r[0]:r[-1] + 1, 0] = size / max(sizes.max(), 1.0)
    idx = np.arange(m)
    out[big[0]:big[-1] + 1, 1] = 1.0
    out[:, 2] = np.log1p(np.clip(big[0] - idx, 0, None))
    out[:, 3] = np.log1p(np.clip(idx - big[-1], 0, None))
    return out


def context(p: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Features of a line from the previous stage's probabilities ``p`` around it (``x``: the
    page's rows of features): a short line between two lines of article text is a subheading
    or list item, one among menu entries is not; a line far above or below the largest run of
    article lines is a teaser or comment, however much it reads like prose."""
    m = p.size
    pad = np.concatenate([np.zeros(_WINDOW), p, np.zeros(_WINDOW)])
    prev, nxt = pad[_WINDOW - 1:_WINDOW - 1 + m], pad[_WINDOW + 1:_WINDOW + 1 + m]
    window = (sum(pad[k:k + m] for k in range(2 * _WINDOW + 1)) - p) / (2 * _WINDOW)
    high = p >= 0.5
    above: np.ndarray = np.cumsum(high) - high
    below = high.sum() - np.cumsum(high)
    gap = _distance(np.arange(m), np.flatnonzero(high), m)
    return np.column_stack([p, prev, nxt, np.maximum(prev, nxt), np.minimum(prev, nxt), window,
                            np.log1p(above), np.log1p(below), np.log1p(gap),
                            _runs(p, np.expm1(x[:, 0]))])  # column 0: log1p of the words


def predict(x: np.ndarray, params: dict[str, Any] | None = None) -> np.ndarray:
    """Per row of features (one page's lines in order), the probability that the line is
    article text: the first stage reads the line's own features, each later one adds the
    ``context`` of the stage before; the chains of a bag are averaged."""
    members = _shipped() if params is None else _members(params)
    total = np.zeros(x.shape[0])
    for forests in members:
        p = forest_predict(x, forests[0])
        for forest in forests[1:]:
            p = forest_predict(np.hstack([x, context(p, x)]), forest)
        total += p
    return total / len(members)


def keep_rows(lines: Sequence[str], x: np.ndarray,
              params: dict[str, Any] | None = None) -> list[bool]:
    """Per line (with its rows of ``FEATURES`` then ``LEXICAL``), whether it is in the page's
    main text."""
    p = params if params is not None else model()
    if not lines:
        return []
    prob = predict(x, params)
    flags = [bool(v) for v in _bridge(prob) >= float(p["threshold"])]
    return flags if any(flags) else mb.main_block(list(lines))


# A line the model is unsure of between two it is sure are article text is a subheading or a
# list item inside the story (menus and teasers do not sit inside a run of kept prose).
_SURE, _UNSURE = 0.9, 0.4


def _bridge(p: np.ndarray) -> np.ndarray:
    """``p`` with the lines between two sure article lines raised to 1."""
    out = p.copy()
    if p.size > 2:
        inside = (p[1:-1] >= _UNSURE) & (p[:-2] >= _SURE) & (p[2:] >= _SURE)
        out[1:-1][inside] = 1.0
    return out


def keep(lines: Sequence[str], params: dict[str, Any] | None = None) -> list[bool]:
    """Per line, whether it is in the page's main text."""
    if not lines:
        return []
    vocabulary = (params if params is not None else model())["vocabulary"]
    return keep_rows(lines, np.hstack([features(lines), lexical(lines, vocabulary)]), params)
