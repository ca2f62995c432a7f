"""The places stage's textual cues: the locative prefilter gives the pattern's own matches."""

from __future__ import annotations

import re

import pytest

from newsevents.stages._place_cues import _LOCATIVE, _LOCATIVE_LAST, locative_before


def _span(m: re.Match[str] | None) -> tuple[int, int, str] | None:
    return None if m is None else (m.start(), m.end(), m.group("prep"))


# Every word of the pattern, so that a word added to it but not to _LOCATIVE_LAST fails here.
_WORDS = sorted(set(re.findall(r"[a-z]{2,}", _LOCATIVE.pattern)) - {"prep"})


@pytest.mark.parametrize("word", _WORDS)
def test_locative_before_matches_the_pattern_after_each_word(word: str) -> None:
    for text in (f"They met {word} Kazan", f"They met in {word} Kazan",
                 f"They met in the {word}  Kazan", f"{word.title()} Kazan",
                 f"x{word} Kazan", f"It is 2{word} Kazan", f"met {word}\nKazan"):
        end = text.index("Kazan")
        assert _span(locative_before(text, end)) == _span(_LOCATIVE.search(text, max(0, end - 60),
                                                                             end))


def test_locative_before_finds_and_rejects() -> None:
    text = "Talks were held in northern Gaza, said Kazan officials in Moscow"
    assert _span(locative_before(text, text.index("Gaza"))) == (16, 28, "in")
    assert locative_before(text, text.index("Kazan")) is None
    assert locative_before(text, 0) is None
    # A long letter run reaching the window's start, and a non-ASCII letter: the regex decides.
    long = "a" * 70 + " Kazan"
    assert locative_before(long, long.index("Kazan")) is None
    odd = "acroſs Kazan"
    end = odd.index("Kazan")
    assert _span(locative_before(odd, end)) == _span(_LOCATIVE.search(odd, 0, end))


def test_every_last_word_ends_a_match() -> None:
    for word in _LOCATIVE_LAST:
        texts = [f"met {word} Kazan", f"met in {word} Kazan", f"met north {word} Kazan"]
        assert any(_LOCATIVE.search(t, 0, t.index("Kazan")) for t in texts), word
