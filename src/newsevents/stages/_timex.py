"""Finding temporal expressions and normalising them to TIMEX3 values (DATE, TIME, DURATION,
SET) against the publication date. Pure functions; the dates stage wires them to documents.

Patterns live in ``_timex_patterns``, the value of each match is worked out in ``_timex_norm``
and the calendar arithmetic in ``_timex_calendar``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache, partial
from typing import Any

import ahocorasick

from newsevents.records import TimeExpression
from newsevents.stages._regex_first import FOLDS_TO_ASCII, guarded, trie_alternation
from newsevents.stages._timex_calendar import granularity, precision_of, value_date
from newsevents.stages._timex_dispatch import Dispatch, candidates, dispatch
from newsevents.stages._timex_norm import Ctx, Norm, normalise
from newsevents.stages._timex_patterns import needs, patterns

__all__ = ["clause_bounds", "find_timexes", "is_future", "reinterpret", "tense", "value_date"]

# A clause that speaks of the future: used to pick the next Friday or September, not the last.
# Guarded by their first characters (the same matches, most positions rejected at once).
_FUTURE = guarded(
    r"\b(?:will|shall|won't|'ll|going to|is to|are to|as (?:soon|early) as|"
    r"(?:(?:is|are|was|were)\s+)?(?:scheduled|slated|poised|planning|planned)\s+to|"
    r"(?:is|are|was|were)\s+(?:set|due|expected)\s+to|(?:plans?|intends?|hopes?|hoping|aims?|"
    r"seeks?|wants?|expects?|vows?|promises?)\s+to|would|next|upcoming|"
    r"coming|later)\b",
    re.IGNORECASE,
)
# A clause that speaks of the past: simple past forms and past auxiliaries (a participle
# after "be" is a passive of any tense: "will be held").
# A word start is checked first (every cue starts a word): the lookbehinds and the
# alternation then run at word starts only, the same matches at half the cost.
_PAST = re.compile(
    r"\b(?=\w)(?<!\bbe )(?<!\bbeen )(?<!\bbeing )"
    r"\b(?:was|were|had|did|said|told|met|held|made|took|came|went|left|began|won|lost|fell|"
    r"rose|paid|sold|bought|led|gave|got|struck|fought|spoke|wrote|sent|brought|found|kept|"
    r"ran|fled|broke|spent|sought|saw|became|grew|drew|threw|flew|stood|felt|meant|began|"
    r"ago|last|earlier|(?!(?:succ|proc|exc|n|sp|f|br|bl|h|s|w)eed\b)\w{3,}ed)\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(
    r"[,;:()\u2014\u2013]|\s-\s|\b(?:that|which|who|whom|because|but|although|while|whereas)\b")
_WORD_BEFORE = re.compile(r"([\w$']+)\W*$")


def _word_before(text: str, start: int) -> str:
    """The word before ``text[start:]``, lower-cased (within 30 characters)."""
    wm = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return wm.group(1).lower() if wm else ""


@dataclass(frozen=True, slots=True)
class _Found:
    kind: str
    start: int
    end: int
    match: re.Match[str]


@dataclass(slots=True)
class _Tagged:
    start: int
    end: int
    norm: Norm


def _candidates(text: str, chunks: list[tuple[int, int]] | None = None) -> list[_Found]:
    """Every match of every pattern, longest first at each start. A pattern scans only the
    chunks (sentences) holding one of the literals it needs, and the chunk after each (a
    splitter may cut "Dec. 13"): scanning is the stage's main cost, and most sentences lack
    most of the words, so this skips scans without changing results. Within them, a pattern
    whose first words are known is tried only at the word starts holding one (see
    ``_timex_dispatch``), the same matches as its scan at a fraction of the cost."""
    spans = chunks or [(0, len(text))]
    low = text.lower()
    held = _literals_held(text, low, [c0 for c0, _ in spans])
    dispatch = _dispatch()
    at = dispatch.positions(low) if _dispatchable(text, spans) else None
    found: list[_Found] = []
    ranges_of: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for i, (kind, pat, words) in enumerate(_scans()):
        tried = at[i] if at is not None and dispatch.starts[i] is not None else None
        if tried == []:
            continue  # none of its first words
        if words is None:
            ranges = [(0, len(text))]
        elif words in ranges_of:  # the month and weekday patterns share their literals
            ranges = ranges_of[words]
        else:
            hits: set[int] = set()
            for w in words:
                if w in held:
                    hits |= held[w]
            ranges = ranges_of[words] = _ranges(spans, sorted(hits)) if hits else []
        if not ranges:
            continue
        if tried is not None:
            matches: Iterable[re.Match[str]] = candidates(pat, text, tried, ranges)
        else:
            matches = (m for r0, r1 in ranges for m in pat.finditer(text, r0, r1))
        for m in matches:
            s, e = m.span()
            if kind == "bare_dur":
                s = m.start("bare")  # "for years": the preposition is context, not the span
            if e > s:
                found.append(_Found(kind, s, e, m))
    order = _order()
    # Longest first where they overlap ("Wednesday October 23" over "Wednesday").
    found.sort(key=lambda f: (f.start, -(f.end - f.start), order[f.kind]))
    return found


def _dispatchable(text: str, spans: list[tuple[int, int]]) -> bool:
    """Whether the word-start dispatch finds what the scans would: no chunk ends inside a
    word (between two word characters, ``\\w``: alphanumeric or "_"), and no character
    matches an ASCII letter without being one (nor changes length or kind when lower-cased:
    the same four, checked by the tests)."""
    if any(c in text for c in FOLDS_TO_ASCII):
        return False
    n = len(text)
    for _, e in spans:
        if 0 < e < n:
            a, b = text[e - 1], text[e]
            if (a.isalnum() or a == "_") and (b.isalnum() or b == "_"):
                return False
    return True


@cache
def _dispatch() -> Dispatch:
    return dispatch(tuple(pat for _k, pat, _w in _scans()))


@cache
def _scans() -> list[tuple[str, re.Pattern[str], tuple[str, ...] | None]]:
    """(kind, pattern, the literals it needs or None) in priority order."""
    return [(kind, pat, needs(kind)) for kind, pat in patterns()]


@cache
def _literal_finders() -> tuple[Any, re.Pattern[str], dict[str, list[str]]]:
    """Every pattern's literals: those in lower case or with other characters than letters
    as an Aho-Corasick automaton over the lower-cased text (every occurrence in one pass, in
    C), each with the offset back to its start; the capitalised ones (month stems, "UTC") as
    a prefix-tree regex over the text as written (the engine skips to capitals at once), with
    the literals that start every literal it finds."""
    words = {w for _k, _p, ws in _scans() for w in ws or ()}
    auto = ahocorasick.Automaton()
    capitalised = []
    for w in sorted(words):
        if w.islower() or not w.isalpha():
            auto.add_word(w, (w, len(w) - 1))
        else:
            capitalised.append(w)
    auto.make_automaton()
    starting = {w: [v for v in capitalised if w.startswith(v)] for w in capitalised}
    return auto, re.compile(trie_alternation(capitalised)), starting


def _literals_held(text: str, low: str, starts: list[int]) -> dict[str, set[int]]:
    """The chunks (by their ``starts``) in which each literal present in ``text`` starts
    (overlapping ones too: "weekend" and "end")."""
    held: dict[str, set[int]] = {}
    auto, capitalised, starting = _literal_finders()
    for end, (w, back) in auto.iter(low):
        k = bisect_right(starts, end - back) - 1
        chunks = held.get(w)
        if chunks is None:
            held[w] = {k}
        else:
            chunks.add(k)
    # the longest at each position, with the shorter ones it starts with; searching again
    # from the next position finds those overlapping it
    m = capitalised.search(text)
    while m is not None:
        i = m.start()
        k = bisect_right(starts, i) - 1
        for w in starting[m.group()]:
            held.setdefault(w, set()).add(k)
        m = capitalised.search(text, i + 1)
    return held


@cache
def _order() -> dict[str, int]:
    return {k: i for i, (k, _) in enumerate(patterns())}


def find_timexes(text: str, published: date | None,
                 sentence_spans: list[tuple[int, int]] | None = None) -> list[TimeExpression]:
    """Temporal expressions of ``text``, each normalised against ``published``.

    ``sentence_spans`` (start, end) limit the tense check to the expression's sentence.
    """
    tagged: list[_Tagged] = []
    last_end = -1
    ref: str | None = None
    quarter: str | None = None
    for f in _candidates(text, _chunks(sentence_spans, len(text))):
        if f.start < last_end:
            continue
        ctx = Ctx(published, partial(_tense_in_sentence, text, f.start, f.end, sentence_spans),
                  ref, partial(_word_before, text, f.start), quarter)
        norm = normalise(f.kind, f.match, ctx)
        if norm is None:
            continue
        last_end = f.end
        tagged.append(_Tagged(f.start, f.end, norm))
        if (norm.type == "DATE" and not norm.anaphoric
                and granularity(norm.value) not in (None, "decade")):
            ref = norm.value
            if quarter is None and granularity(ref) == "quarter":
                quarter = ref
    tagged = _merge(text, tagged, published)
    return [
        TimeExpression(text[t.start:t.end], t.start, t.end, t.norm.value,
                       precision_of(t.norm.value) if t.norm.type in ("DATE", "TIME") else None,
                       t.norm.type)
        for t in tagged
    ]


_SENTENCE_END = re.compile(r"[.!?][\"'\u201d]?\s+[A-Z\"'\u201c]|\n\s*\n")
_JOIN_TIME = re.compile(r"^(?:\s*,)?\s*(?:(?:on|at)\s+)?$", re.IGNORECASE)
_ASIDE = re.compile(r"\s*\([^()]{0,40}\)")
_JOIN_YEAR = re.compile(r"^(?:\s*,)?\s*(?:of\s+)?$", re.IGNORECASE)


def _merge(text: str, tagged: list[_Tagged], pub: date | None) -> list[_Tagged]:
    """Joins a clock time to the day beside it ("10 p.m. Wednesday"), a month or part of a
    year to the year after it ("July last year"), and dates a lone clock time by ``pub``."""
    out: list[_Tagged] = []
    i = 0
    while i < len(tagged):
        a = tagged[i]
        b = tagged[i + 1] if i + 1 < len(tagged) else None
        gap = text[a.end:b.start] if b else ""
        if b and a.norm.time_only and _day(b) and _JOIN_TIME.match(gap):
            out.append(_Tagged(a.start, b.end, Norm(f"{b.norm.value}{a.norm.value}", "TIME")))
            i += 2
            continue
        if b and b.norm.time_only and _day(a) and _JOIN_TIME.match(gap):
            out.append(_Tagged(a.start, b.end, Norm(f"{a.norm.value}{b.norm.value}", "TIME")))
            i += 2
            continue
        if (b and a.norm.year_guessed and a.norm.value and granularity(b.norm.value) == "year"
                and _JOIN_YEAR.match(gap)):
            assert b.norm.value is not None
            out.append(_Tagged(a.start, b.end, Norm(b.norm.value + a.norm.value[4:])))
            i += 2
            continue
        if a.norm.time_only:
            # a lone clock time is on the day right after it past an aside ("10:35 a.m. (0735
            # GMT) Friday"), else on the day named earlier in its sentence, else on pub's
            day = pub.isoformat() if pub else None
            prev = next((o for o in reversed(out) if _day(o)), None)
            if prev and prev.norm.value and not _SENTENCE_END.search(text, prev.end, a.start):
                day = prev.norm.value[:10]
            nxt = _next_day(text, tagged, i)
            if nxt:
                day = nxt
            a = _Tagged(a.start, a.end, Norm(f"{day}{a.norm.value}" if day else None, "TIME"))
        out.append(a)
        i += 1
    return out


def _next_day(text: str, tagged: list[_Tagged], i: int) -> str | None:
    """The day right after clock time ``tagged[i]``, past other clock times and brackets
    ("10:35 a.m. (0735 GMT) Friday", "4 in the morning (4 a.m. EDT Thursday)")."""
    pos = tagged[i].end
    gap: list[str] = []
    for t in tagged[i + 1:]:
        gap.append(text[pos:t.start])
        pos = t.end
        if not t.norm.time_only:
            between = _ASIDE.sub("", "".join(gap)).replace("(", "").replace(")", "")
            if _day(t) and t.norm.value and _JOIN_TIME.match(between):
                return t.norm.value[:10]
            return None
    return None


def _day(t: _Tagged) -> bool:
    return granularity(t.norm.value) == "day" and "T" not in (t.norm.value or "")


def reinterpret(t: TimeExpression, published: date | None, future: bool) -> TimeExpression:
    """``t`` read again with the tense forced (an expected event's "Friday" is the next one)."""
    if published is None or t.value is None or t.type not in ("DATE", "TIME"):
        return t
    for f in _candidates(t.text):
        if (f.start, f.end) != (0, len(t.text)):
            continue
        norm = normalise(f.kind, f.match, Ctx(published, 1 if future else -1))
        if norm is not None and norm.value and not norm.time_only:
            return TimeExpression(t.text, t.start, t.end, norm.value, precision_of(norm.value),
                                  t.type)
    return t


def _ranges(spans: list[tuple[int, int]], hit: list[int]) -> list[tuple[int, int]]:
    """The text ranges covering chunks ``hit`` and the chunk after each, overlaps joined."""
    out: list[tuple[int, int]] = []
    for i in hit:
        r0, r1 = spans[i][0], spans[min(i + 1, len(spans) - 1)][1]
        if out and r0 <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], r1))
        else:
            out.append((r0, r1))
    return out


def _chunks(spans: list[tuple[int, int]] | None, n: int) -> list[tuple[int, int]] | None:
    """The sentences, stretched to cover the text between them (nothing goes unscanned)."""
    if not spans:
        return None
    out: list[tuple[int, int]] = []
    pos = 0
    for s, e in sorted(spans):
        e = max(e, s)
        if e <= pos:
            continue
        out.append((pos, e))
        pos = e
    if pos < n:
        out.append((pos, n))
    return out


def _tense_in_sentence(text: str, start: int, end: int,
                       spans: list[tuple[int, int]] | None) -> int:
    return tense(text, start, end, _sentence(spans, start, len(text)))


def _sentence(spans: list[tuple[int, int]] | None, pos: int, n: int) -> tuple[int, int]:
    for s, e in spans or ():
        if s <= pos < e:
            return s, e
    return 0, n


def clause_bounds(text: str, start: int, end: int, sentence: tuple[int, int]) -> tuple[int, int]:
    """The clause (between punctuation breaks) holding ``text[start:end]``; a fronted adverbial
    ("On Friday, the leaders will meet") reaches into the next clause."""
    s0, s1 = sentence
    before = text[s0:start]
    cuts = list(_CLAUSE_BREAK.finditer(before))
    left = s0 + (cuts[-1].end() if cuts else 0)
    nxt = _CLAUSE_BREAK.search(text, end, s1)
    right = nxt.start() if nxt else s1
    if len(text[left:right].split()) <= len(text[start:end].split()) + 1 and nxt is not None:
        after = _CLAUSE_BREAK.search(text, nxt.end(), s1)
        right = after.start() if after else s1
    return left, right


def tense(text: str, start: int, end: int, sentence: tuple[int, int]) -> int:
    """+1 when the clause around ``text[start:end]`` speaks of the future, -1 of the past,
    0 when it gives no cue (a simple cue check, not a parser)."""
    left, right = clause_bounds(text, start, end, sentence)
    # The cue nearest the expression decides: "are due to complete it by mid-September under
    # an agreement reached in May" has both, and "May" goes with "reached".
    best: tuple[int, int] | None = None
    for sign, pat in ((1, _FUTURE), (-1, _PAST)):
        for m in pat.finditer(text, left, right):
            if start <= m.start() < end:
                continue
            dist = start - m.end() if m.end() <= start else m.start() - end
            if best is None or dist < best[0]:
                best = (dist, sign)
    return best[1] if best else 0


def is_future(text: str, start: int, end: int, sentence: tuple[int, int]) -> bool:
    """Whether the clause around ``text[start:end]`` is future tense (a simple cue check)."""
    return tense(text, start, end, sentence) > 0
