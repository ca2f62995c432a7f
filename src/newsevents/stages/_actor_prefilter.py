"""Regex scans started only where a match's first word is (the starts found by the lexicon's
pass over the lower-case text, Lexicon.probe): the same matches as ``finditer``, without trying
the regex at every character."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from newsevents.stages._regex_first import FOLDS_TO_ASCII

__all__ = ["prefiltered"]

# A text holding a character that IGNORECASE folds to an ASCII letter is scanned by the
# regex alone.
_FOLDS_TO_ASCII = re.compile(f"[{FOLDS_TO_ASCII}]")


def prefiltered(
    rx: re.Pattern[str], starts: Iterable[int] | None, text: str
) -> Iterator[re.Match[str]]:
    """The matches of ``rx.finditer(text)``, trying ``rx`` only at ``starts``: the places in
    ``text.lower()`` of words that every match of ``rx``, lower-cased, begins with (None: not
    known, scan it all)."""
    if starts is None or _FOLDS_TO_ASCII.search(text):
        yield from rx.finditer(text)  # lower() is no exact image of IGNORECASE here
        return
    pos = 0
    for start in sorted(set(starts)):
        if start < pos:  # inside the previous match: finditer goes on after it
            continue
        m = rx.match(text, start)
        if m is not None:
            yield m
            pos = m.end()
