"""Regex scans started only where an Aho-Corasick pass over the lower-case text finds a match's
first word: the same matches as ``finditer``, without trying the regex at every character."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import ahocorasick

__all__ = ["first_words", "prefiltered"]

# The characters other than ASCII letters that match an ASCII letter under re.IGNORECASE
# (dotted and dotless i, long s, Kelvin sign): a text holding one is scanned by the regex alone.
_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")


def first_words(words: Iterable[str]) -> Any:
    """An Aho-Corasick automaton of lower-case ASCII ``words`` (the value is the length)."""
    auto = ahocorasick.Automaton()
    for w in set(words):
        auto.add_word(w, len(w))
    auto.make_automaton()
    return auto


def prefiltered(rx: re.Pattern[str], words: Any, text: str) -> Iterator[re.Match[str]]:
    """The matches of ``rx.finditer(text)``, where every match of ``rx``, lower-cased, begins
    with one of the automaton's ``words`` (built by :func:`first_words`)."""
    low = text.lower()
    if len(low) != len(text) or _FOLDS_TO_ASCII.search(text):
        yield from rx.finditer(text)  # lower() is no exact image of IGNORECASE here
        return
    pos = 0
    for start in sorted({end - n + 1 for end, n in words.iter(low)}):
        if start < pos:  # inside the previous match: finditer goes on after it
            continue
        m = rx.match(text, start)
        if m is not None:
            yield m
            pos = m.end()
