"""Word-by-word dispatch of the temporal patterns: the first words a pattern's match can
start with, read from its parse tree, so that a pattern is entered only at the word starts
holding one of them (``pattern.match`` there) instead of at every word start of a sentence."""

from __future__ import annotations

import re
import re._constants as _c  # type: ignore[import-not-found]  # the parser (3.11+)
import re._parser as _p  # type: ignore[import-not-found]
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from typing import Any

from newsevents.stages._regex_first import trie_alternation

__all__ = ["Starts", "candidates", "starts_of"]

# Characters outside ASCII that a case-insensitive ASCII letter matches (İ, ı, ſ, Kelvin K):
# a text holding one is scanned the old way, since its words are not read as ASCII runs.
# tests/test_timex_dispatch.py checks the list against the regex engine.
FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"
_LIMIT = 4000  # open prefixes followed before a pattern is left to a plain scan


class _Unknown(Exception):
    """A construct the first-word reading does not follow: the pattern is scanned as before."""


@dataclass(frozen=True, slots=True)
class Starts:
    """What a match can start with: a word that is one of ``words`` (its whole run of ASCII
    letters, lower-cased), a word starting with one of ``prefixes``, or a digit (``digit``).
    A match always starts at a word start (a word boundary before a word character)."""

    words: frozenset[str]
    prefixes: tuple[str, ...]
    digit: bool


def starts_of(pattern: re.Pattern[str]) -> Starts | None:
    """The first words of ``pattern`` (a superset), or None when they are not worked out (a
    match may start with another character, inside a word, or be empty)."""
    words: set[str] = set()
    prefixes: set[str] = set()
    digit = False
    # An open state: the letters read so far of the first word, and whether a word
    # boundary was asserted before them.
    State = tuple[str, bool]

    def close(s: State, at_start_ok: bool) -> None:
        if s[0]:
            words.add(s[0])
        elif not at_start_ok:
            raise _Unknown

    def seq(items: Any, states: set[State], fl: int) -> set[State]:
        for op, av in items:
            if not states:
                break
            states = item(op, av, states, fl)
            if len(states) > _LIMIT:
                raise _Unknown
        return states

    def chars(op: Any, av: Any) -> tuple[list[str], str]:
        """The characters a one-character node matches and their class: letters, digits,
        or others (a superset where it cannot tell)."""
        if op is _c.LITERAL:
            ch = chr(av)
            return [ch], _class(ch)
        members: list[str] = []
        kinds: set[str] = set()
        for o, a in av:
            if o is _c.LITERAL:
                members.append(chr(a))
                kinds.add(_class(chr(a)))
            elif o is _c.RANGE and a[1] - a[0] <= 60:
                for code in range(a[0], a[1] + 1):
                    members.append(chr(code))
                    kinds.add(_class(chr(code)))
            elif o is _c.CATEGORY and a is _c.CATEGORY_DIGIT:
                kinds.add("digit")
            elif o is _c.CATEGORY and a is _c.CATEGORY_SPACE:
                kinds.add("other")
            else:
                raise _Unknown  # negations, \w, wide ranges
        if len(kinds) != 1:
            raise _Unknown
        return members, kinds.pop()

    def item(op: Any, av: Any, states: set[State], fl: int) -> set[State]:
        nonlocal digit
        if op is _c.LITERAL or op is _c.IN:
            members, kind = chars(op, av)
            out: set[State] = set()
            for s in states:
                if not s[0] and not s[1]:
                    raise _Unknown  # a first character not behind a word boundary
                if kind == "letter":
                    out.update((s[0] + m.lower(), True) for m in members)
                elif kind == "digit" and not s[0]:
                    digit = True
                else:
                    close(s, at_start_ok=False)  # a digit or other character ends the word
            return out
        if op is _c.AT:
            if av is not _c.AT_BOUNDARY:
                raise _Unknown
            out = set()
            for s in states:
                if s[0]:
                    words.add(s[0])  # a boundary after letters ends the word
                else:
                    out.add(("", True))
            return out
        if op in (_c.ASSERT, _c.ASSERT_NOT):
            return states  # zero-width: it only narrows what follows
        if op is _c.SUBPATTERN:
            _, add_f, del_f, sub = av
            return seq(sub, states, (fl | add_f) & ~del_f)
        if op is _c.BRANCH:
            out = set()
            for b in av[1]:
                out |= seq(b, set(states), fl)
            return out
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            lo, hi, sub = av
            out = set(states) if lo == 0 else set()
            cur, seen, reached, k = set(states), set(states), set(), 0
            while cur and (hi is _c.MAXREPEAT or k < hi):
                if k == 8:
                    raise _Unknown  # still growing: letters repeated without bound
                k += 1
                cur = seq(sub, cur, fl)
                reached |= cur
                if k >= lo:
                    out |= cur
                if cur <= seen:
                    # nothing new: more rounds give states already reached (all of which
                    # count, a superset, should some have come before the ``lo``-th round)
                    out |= reached
                    break
                seen |= cur
            return out
        raise _Unknown

    try:
        tree: Any = _p.parse(pattern.pattern, pattern.flags)
        end = seq(tree, {("", False)}, pattern.flags | tree.state.flags)
    except _Unknown:
        return None
    for s in end:
        if not s[0]:
            return None  # it may match empty
        prefixes.add(s[0])  # the match may end inside a longer word
    return Starts(frozenset(words), tuple(sorted(prefixes)), digit)


def _class(ch: str) -> str:
    if "a" <= ch.lower() <= "z" and ch.isascii():
        return "letter"
    if ch.isascii() and ch.isdigit():
        return "digit"
    return "other"


class Dispatch:
    """The word starts of a text at which each pattern may match, found in one pass."""

    def __init__(self, starts: list[Starts | None]) -> None:
        self.starts = starts
        words = sorted({w for s in starts if s for w in s.words})
        prefixes = sorted({p for s in starts if s for p in s.prefixes})
        alts = [f"(?:{trie_alternation(words)})(?![a-z])"] if words else []
        if prefixes:
            alts.append(trie_alternation(prefixes))
        if any(s and s.digit for s in starts):
            alts.append(r"\d")
        # Run over the lower-cased text (case-insensitive matching costs more): only the word
        # starts holding some pattern's first word are visited, and the letters matched are
        # the word's whole ASCII run (its key), else a digit (key ""). A word start other
        # than the text's is found by the character before it, a non-word character: the
        # regex engine skips to those at once, where a leading \b is tried at every position.
        word = r"(?=" + "|".join(alts or ["(?!)"]) + r")(?:([a-z]+)|\d)"
        self.first = re.compile(word)
        self.finder = re.compile(r"\W" + word)
        self._kinds: dict[str, tuple[int, ...]] = {}

    def kinds(self, word: str) -> tuple[int, ...]:
        """The patterns (by index) whose match may start with ``word`` ("": a digit)."""
        return tuple(i for i, s in enumerate(self.starts) if s is not None and (
            s.digit if not word else word in s.words or word.startswith(s.prefixes)))

    def positions(self, low: str) -> list[list[int]]:
        """For each pattern (by index), the word starts of ``low`` (a text lower-cased)
        where it may match, ascending."""
        at: dict[str, list[int]] = {}  # by first word: a common word's starts appended once
        m0 = self.first.match(low)
        if m0 is not None:
            at[m0[1] or ""] = [0]
        for m in self.finder.finditer(low):
            word = m[1] or ""
            starts = at.get(word)
            if starts is None:
                at[word] = [m.start() + 1]
            else:
                starts.append(m.start() + 1)
        out: list[list[int]] = [[] for _ in self.starts]
        merged = [False] * len(self.starts)
        known = self._kinds
        for word, starts in at.items():
            kinds = known.get(word)
            if kinds is None:
                kinds = self.kinds(word)
                if len(known) < 20000:  # bounded: first words are few, odd prefixed words not
                    known[word] = kinds
            for i in kinds:
                if not out[i]:
                    out[i] = starts  # shared until a second word joins it
                elif merged[i]:
                    out[i] += starts
                else:
                    out[i] = out[i] + starts
                    merged[i] = True
        for i, unsorted in enumerate(merged):
            if unsorted:
                out[i].sort()
        return out


@cache
def dispatch(patterns: tuple[re.Pattern[str], ...]) -> Dispatch:
    return Dispatch([starts_of(p) for p in patterns])


def candidates(pat: re.Pattern[str], text: str, positions: list[int],
               ranges: list[tuple[int, int]]) -> list[re.Match[str]]:
    """The matches ``pat.finditer`` finds in each of ``ranges`` (sorted, disjoint), trying
    only ``positions`` (ascending; every position where a match may start): at the first
    that matches, then at the first from its end, as finditer does."""
    found: list[re.Match[str]] = []
    for r0, r1 in ranges:
        last = r0
        for p in positions[bisect_left(positions, r0):bisect_left(positions, r1)]:
            if p >= last:
                m = pat.match(text, p, r1)
                if m is not None:
                    found.append(m)
                    last = m.end()
    return found
