"""Trigger matching and the word-boundary patterns shared with the modality rules."""

from __future__ import annotations

import re

import pytest

from newsevents.stages._arguments import is_passive
from newsevents.stages._modality import _word_end
from newsevents.stages._triggers import TriggerMatcher, matcher, word_pattern

PHRASES = ["will", "would", "won't", "'ll", "vowed to", "is expected to", "not", "no", "never",
           "ruled out", "2nd", "é"]
ADVERBIALS = ("again", "on monday")
TEXTS = [
    "Iran will not, it said, never rule out talks; Russia won't. They'll go.",
    "It vowed again to strike and vowed on monday to act; willing wouldn't notice.",
    "Sanctions are expected to be ruled out - no deal, no-one, 2nd round, é é.",
]


def _flat(phrases: list[str], adverbials: tuple[str, ...]) -> re.Pattern[str]:
    """``word_pattern`` before its alternatives were grouped by first letter."""
    gap = "(?:\\s+(?:" + "|".join(
        re.escape(a).replace(r"\ ", r"\s+")
        for a in sorted(set(adverbials), key=len, reverse=True)) + "))?"
    alts = []
    for p in sorted(set(phrases), key=len, reverse=True):
        if p.endswith(" to") and " " not in p[:-3].strip():
            alts.append(re.escape(p[:-3]) + gap + r"\s+to")
        else:
            alts.append(re.escape(p).replace(r"\ ", r"\s+"))
    return re.compile(rf"(?<![\w-])(?:{'|'.join(alts)})(?![\w-])")


@pytest.mark.parametrize("text", TEXTS)
def test_grouped_pattern_matches_like_the_flat_list(text: str) -> None:
    grouped, flat = word_pattern(PHRASES, ADVERBIALS), _flat(PHRASES, ADVERBIALS)
    low = text.lower()
    for start in range(0, len(low), 3):
        for end in range(start, len(low) + 1, 5):
            assert [m.span() for m in grouped.finditer(low, start, end)] == [
                m.span() for m in flat.finditer(low, start, end)]


def test_trigger_needs_word_boundaries() -> None:
    m: TriggerMatcher = matcher()
    low = "officials said the talks were urged-on; they urged restraint"
    starts = [t.start for t in m.find(low)]
    assert low.index("urged-on") not in starts  # "-" joins words: no boundary
    assert low.rindex("urged") in starts
    assert m.find("unurgedly") == []


@pytest.mark.parametrize(("text", "passive"), [
    ("the convoy was attacked", True),
    ("the convoy was reportedly attacked", True),
    ("the convoy\twas \n attacked", True),
    ("the convoy attacked", False),
    ("it was a day when they attacked", False),
    ("the convoy attacked by", True),
])
def test_is_passive(text: str, passive: bool) -> None:
    start = text.rindex("attacked")
    assert is_passive(text, start, start + 8, "attacked") is passive


def test_word_end() -> None:
    low = "held talks  in moscow,\tnext month"
    assert _word_end(low, 4, 2) == len("held talks  in")
    assert _word_end(low, 0, 50) == len(low)
    assert _word_end(low, 0, 0) == len(low)
