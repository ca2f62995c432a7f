"""Word-by-word dispatch of the temporal patterns: the first words a pattern's match can
start with, read from its parse tree, so that a pattern is entered only at the word starts
holding one of them (``pattern.match`` there) instead of at every word start of a sentence."""

from __future__ import annotations

import re
import re._constants as _c  # type: ignore[import-not-found]  # the parser (3.11+)
import re._parser as _p  # type: ignore[import-not-found]
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any, TypeVar

from newsevents.stages._regex_first import trie_alternation

__all__ = ["Starts", "candidates", "follows_of", "starts_of"]

_LIMIT = 4000  # open prefixes followed before a pattern is left to a plain scan


_S = TypeVar("_S")  # a reading state (the two readers keep different tuples)


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
    # For some first words (see ``follows_of``), what comes next: after whitespace, a word in
    # ``words``, one starting with one of ``prefixes``, or a digit. A first word not listed
    # may be followed by anything.
    follows: dict[str, Starts] = field(default_factory=dict)


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

    def item(op: Any, av: Any, states: set[State], fl: int) -> set[State]:
        nonlocal digit
        if op is _c.LITERAL or op is _c.IN:
            members, kind = _chars(op, av)
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
            return _repeat(av, states, lambda sub, cur: seq(sub, cur, fl))
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


def _repeat(av: Any, states: set[_S], step: Callable[[Any, set[_S]], set[_S]]) -> set[_S]:
    """The states after a repeat ``av`` (lo, hi, sub) of the parse tree, from ``states``,
    ``step`` reading one round of ``sub``: rounds until no new state appears."""
    lo, hi, sub = av
    out = set(states) if lo == 0 else set()
    cur, seen, reached, k = set(states), set(states), set(), 0
    while cur and (hi is _c.MAXREPEAT or k < hi):
        if k == 8:
            raise _Unknown  # still growing: letters repeated without bound
        k += 1
        cur = step(sub, cur)
        reached |= cur
        if k >= lo:
            out |= cur
        if cur <= seen:
            # nothing new: more rounds give states already reached (all of which count, a
            # superset, should some have come before the ``lo``-th round)
            out |= reached
            break
        seen |= cur
    return out


def _is_space(op: Any, av: Any) -> bool:
    """Whether every character a one-character node matches is whitespace (``\\s``)."""
    if op is _c.LITERAL:
        return _SPACE.match(chr(av)) is not None
    return all((o is _c.CATEGORY and a is _c.CATEGORY_SPACE)
               or (o is _c.LITERAL and _SPACE.match(chr(a)) is not None) for o, a in av)


_SPACE = re.compile(r"\s")


def follows_of(pattern: re.Pattern[str], targets: frozenset[str]) -> dict[str, Starts]:
    """For each of ``targets`` that ``pattern`` may start with, what may come after it, when
    that is whitespace and then a word or a digit (a superset; a target left out may be
    followed by anything). Read like ``starts_of``, one word further: a state is (phase, the
    first word's letters, a boundary asserted, the second word's letters), the phase 0 in
    the first word, 1 right after a boundary ending it, 2 in the whitespace after it, 3 in
    the second word. Only states whose letters start a target are followed."""
    anything: set[str] = set()
    second: dict[str, set[str]] = {}
    second_prefixes: dict[str, set[str]] = {}
    second_digit: set[str] = set()
    whole: set[str] = set()  # the targets a match may start with, as whole words
    State = tuple[int, str, bool, str]

    def seq(items: Any, states: set[State]) -> set[State]:
        for op, av in items:
            if not states:
                break
            states = item(op, av, states)
            if len(states) > _LIMIT:
                raise _Unknown
        return states

    def char(op: Any, av: Any, states: set[State]) -> set[State]:
        members, kind = _chars(op, av)
        space = kind == "other" and _is_space(op, av)
        out: set[State] = set()
        for ph, w1, b, w2 in states:
            if ph == 0:
                if not w1 and not b:
                    raise _Unknown
                if kind == "letter":
                    out.update((0, w, True, "") for m in members
                               if _starts_target(w := w1 + m.lower(), targets))
                elif w1 in targets:
                    whole.add(w1)
                    if space:
                        out.add((2, w1, True, ""))
                    else:
                        anything.add(w1)  # a digit or another character right after it
            elif ph == 1 or ph == 2:
                if space:
                    out.add((2, w1, True, ""))
                elif kind == "letter" and ph == 2:
                    out.update((3, w1, True, m.lower()) for m in members)
                elif kind == "digit" and ph == 2:
                    second_digit.add(w1)
                elif kind == "other":
                    anything.add(w1)
                # a word character right after a boundary ending a word: no match
            elif kind == "letter":
                out.update((3, w1, True, w2 + m.lower()) for m in members)
            else:
                second.setdefault(w1, set()).add(w2)  # the second word ends
        return out

    def item(op: Any, av: Any, states: set[State]) -> set[State]:
        if op is _c.LITERAL or op is _c.IN:
            return char(op, av, states)
        if op is _c.AT:
            if av is not _c.AT_BOUNDARY:
                raise _Unknown
            out: set[State] = set()
            for ph, w1, b, w2 in states:
                if ph == 0:
                    if not w1:
                        out.add((0, "", True, ""))
                    elif w1 in targets:
                        whole.add(w1)
                        out.add((1, w1, True, ""))
                elif ph == 3:
                    second.setdefault(w1, set()).add(w2)
                else:
                    out.add((ph, w1, b, w2))  # a boundary in whitespace: after a word
            return out
        if op in (_c.ASSERT, _c.ASSERT_NOT):
            return states
        if op is _c.SUBPATTERN:
            return seq(av[3], states)
        if op is _c.BRANCH:
            out = set()
            for br in av[1]:
                out |= seq(br, set(states))
            return out
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            return _repeat(av, states, seq)
        raise _Unknown

    try:
        tree: Any = _p.parse(pattern.pattern, pattern.flags)
        end = seq(tree, {(0, "", False, "")})
    except _Unknown:
        return {}
    for ph, w1, _b, w2 in end:
        if ph == 0:  # the match may end inside a longer word: any target it starts
            anything.update(t for t in targets if t.startswith(w1))
        elif ph == 3:
            second_prefixes.setdefault(w1, set()).add(w2)
        else:
            anything.add(w1)
    return {w: Starts(frozenset(second.get(w, ())), tuple(sorted(second_prefixes.get(w, ()))),
                      w in second_digit)
            for w in whole - anything}


def _starts_target(letters: str, targets: frozenset[str]) -> bool:
    return any(t.startswith(letters) for t in targets)


def _chars(op: Any, av: Any) -> tuple[list[str], str]:
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
        # The word after a first word whose followers are known (see ``follows_of``): its
        # whole ASCII run, or a digit, after whitespace (else None: only patterns that may
        # be followed by anything are tried there).
        word = (r"(?=" + "|".join(alts or ["(?!)"]) + r")(?:([a-z]+)|\d)"
                r"(?=\s+([a-z]+|\d))?")
        self.first = re.compile(word)
        self.finder = re.compile(r"\W" + word)
        self._kinds: dict[_Key, tuple[int, ...]] = {}
        # for each such first word, the words that may follow it in some pattern
        self.split: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {}
        for w in {w for s in starts if s for w in s.follows}:
            follows = [s.follows[w] for s in starts if s and w in s.follows]
            self.split[w] = (frozenset().union(*(f.words for f in follows)),
                             tuple(sorted({p for f in follows for p in f.prefixes})))

    def kinds(self, key: _Key) -> tuple[int, ...]:
        """The patterns (by index) whose match may start with ``key``: a first word ("": a
        digit), or a first word and what follows it ("": a digit, None: anything else)."""
        word, nxt = key if isinstance(key, tuple) else (key, None)
        return tuple(i for i, s in enumerate(self.starts) if s is not None and (
            s.digit if not word else word in s.words or word.startswith(s.prefixes))
            and (not isinstance(key, tuple) or _may_follow(s.follows.get(word), nxt)))

    def key(self, word: str, nxt: str | None) -> _Key:
        """A first word's key: with the word after it where patterns differ on that."""
        split = self.split.get(word)
        if split is None:
            return word
        if nxt is None:
            return word, None
        if nxt in split[0] or nxt.startswith(split[1]):
            return word, nxt
        return word, ("" if not nxt.isalpha() else None)

    def positions(self, low: str) -> list[list[int]]:
        """For each pattern (by index), the word starts of ``low`` (a text lower-cased)
        where it may match, ascending."""
        at: dict[_Key, list[int]] = {}  # by key: a common word's starts appended once
        m0 = self.first.match(low)
        if m0 is not None:
            at[self.key(m0[1] or "", m0[2])] = [0]
        split = self.split
        for m in self.finder.finditer(low):
            first = m[1] or ""
            word: _Key = first
            follow = split.get(first)
            if follow is not None:  # self.key(first, m[2]), inline: it runs at every "the"
                nxt = m[2]
                if nxt is not None and (nxt in follow[0] or nxt.startswith(follow[1])):
                    word = first, nxt
                else:
                    word = first, ("" if nxt is not None and not nxt.isalpha() else None)
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


_Key = str | tuple[str, str | None]
# A first word shared by this many patterns has what follows it read too: "the" starts
# sixteen, and the word after it rules out most of them.
_SHARED = 3


def _may_follow(follow: Starts | None, nxt: str | None) -> bool:
    if follow is None:
        return True  # anything may follow
    if nxt is None:
        return False
    return follow.digit if not nxt else nxt in follow.words or nxt.startswith(follow.prefixes)


@cache
def dispatch(patterns: tuple[re.Pattern[str], ...]) -> Dispatch:
    starts = [starts_of(p) for p in patterns]
    counts = Counter(w for s in starts if s for w in s.words)
    shared = frozenset(w for w, n in counts.items() if n >= _SHARED)
    return Dispatch([s if s is None else replace(s, follows=follows_of(p, shared & s.words))
                     for p, s in zip(patterns, starts, strict=True)])


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
