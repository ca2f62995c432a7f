"""The characters a regex can start a match with, read from its parse tree: a lookahead on
them lets the regex engine reject most positions before entering long alternations."""

from __future__ import annotations

import re
import re._constants as _c  # type: ignore[import-not-found]  # the parser (3.11+)
import re._parser as _p  # type: ignore[import-not-found]
from typing import Any

__all__ = ["FOLDS_TO_ASCII", "first_chars", "guarded", "trie_alternation"]

# The characters outside ASCII that an ASCII letter matches under re.IGNORECASE (dotted and
# dotless i, long s, Kelvin sign): ``text.lower()`` is no exact image of a case-insensitive
# match in a text holding one, so the scans that read the lower-cased text to find where to
# start a regex fall back to the plain scan there (tests/test_timex_dispatch.py checks the
# list against the regex engine).
FOLDS_TO_ASCII = "\u0130\u0131\u017f\u212a"


class _Unknown(Exception):
    """A construct whose first characters are not worked out: no guard."""


def first_chars(pattern: str, flags: int = 0) -> str | None:
    """A character class (as regex text) matching every character a match of ``pattern`` can
    start with (a superset), or None when it could be anything or the match may be empty."""
    tree: Any = _p.parse(pattern, flags)
    cased: set[str] = set()
    nocase: set[str] = set()
    cats: set[str] = set()

    def add(ch: str, fl: int) -> None:
        (nocase if fl & re.IGNORECASE else cased).add(ch)

    def seq(items: Any, fl: int) -> bool:  # True: the sequence can match empty
        return all(item(op, av, fl) for op, av in items)

    def item(op: Any, av: Any, fl: int) -> bool:
        if op is _c.LITERAL:
            add(chr(av), fl)
            return False
        if op is _c.IN:
            for o, a in av:
                if o is _c.LITERAL:
                    add(chr(a), fl)
                elif o is _c.RANGE and a[1] - a[0] <= 300:
                    for c in range(a[0], a[1] + 1):
                        add(chr(c), fl)
                elif o is _c.CATEGORY and a is _c.CATEGORY_DIGIT:
                    cats.add(r"\d")
                else:
                    raise _Unknown
            return False
        if op is _c.BRANCH:
            return any([seq(b, fl) for b in av[1]])  # a list: every branch adds its chars
        if op is _c.SUBPATTERN:
            _, add_f, del_f, sub = av
            return seq(sub, (fl | add_f) & ~del_f)
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            lo, _, sub = av
            return seq(sub, fl) or lo == 0
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):  # zero-width: look past it
            return True
        raise _Unknown

    try:
        if seq(tree, flags | tree.state.flags):
            return None
    except _Unknown:
        return None
    parts = [f"[{''.join(re.escape(c) for c in sorted(cased))}]"] if cased else []
    if nocase:
        parts.append(f"(?i:[{''.join(re.escape(c) for c in sorted(nocase))}])")
    parts.extend(sorted(cats))
    return "|".join(parts)


def guarded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``pattern`` compiled behind a lookahead on its first characters: the same matches
    (the lookahead only states what a match needs), found sooner."""
    fc = first_chars(pattern, flags)
    return re.compile(f"(?=(?:{fc}))(?:{pattern})" if fc else pattern, flags)


def trie_alternation(words: list[str], space: str = r"\s+", fold_first: bool = False) -> str:
    """A regex matching the same words as their longest-first alternation, factored into a
    prefix tree: the engine follows one branch per character instead of trying every word at
    every position. Of words matching at one place (prefixes of one another) the longest
    still wins first, and backtracking tries the shorter ones in turn, as the alternation
    does. A space in a word matches ``space``; ``fold_first`` matches a word's first letter in
    either case (the rest as written)."""
    root: dict[str, Any] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def char(c: str, first: bool) -> str:
        if c == " ":
            return space
        if first and fold_first and c.lower() != c.upper():
            return f"(?i:{re.escape(c)})"
        return re.escape(c)

    def emit(node: dict[str, Any], first: bool = False) -> str:
        kids = [(c, k) for c, k in sorted(node.items()) if c]
        if not kids:
            return ""
        alts = [char(c, first) + emit(k) for c, k in kids]
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root, first=True)
