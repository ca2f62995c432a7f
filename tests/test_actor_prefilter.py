"""The prefiltered regex scans of the actors stage find exactly what finditer finds."""

from __future__ import annotations

import re

from newsevents.stages._actor_generic import generic_config
from newsevents.stages._actor_prefilter import _FOLDS_TO_ASCII, first_words, prefiltered

_TEXTS = [
    "Police fired on protesters; aid workers said the army and the police's chief left.",
    "POLICE and Army troops met U.S.army officials and anti-police rioters.",
    "The two leaders met. Both sides said the nation's farmers and AID WORKERS agreed.",
    "İstanbul police, ſoldiers and the \u212aenyan army: folding characters.",
    "",
]


def test_generic_nouns_match_finditer() -> None:
    cfg = generic_config()
    for text in _TEXTS:
        want = [m.span() for m in cfg.noun_re.finditer(text)]
        assert [m.span() for m in prefiltered(cfg.noun_re, cfg.first_words, text)] == want
    assert [m.group() for m in prefiltered(cfg.noun_re, cfg.first_words, _TEXTS[0])] == [
        "Police", "protesters", "aid workers", "army", "police"]


def test_overlapping_candidates_follow_finditer() -> None:
    rx = re.compile(r"(?<!\w)(?i:ab|abc d|c d e)(?!\w)")
    words = first_words(["ab", "abc", "c"])
    for text in ("abc d e", "ABC D E ab", "c d e abc d"):
        assert [m.span() for m in prefiltered(rx, words, text)] == \
            [m.span() for m in rx.finditer(text)]


def test_folding_characters_are_all_known() -> None:
    # Characters outside ASCII that re.IGNORECASE matches to an ASCII letter: the prefilter
    # lower-cases the text, so texts holding one take the plain scan.
    letter = re.compile("[a-z]", re.IGNORECASE)
    folding = {chr(c) for c in range(0x80, 0x10000) if letter.match(chr(c))}
    assert folding == {ch for ch in "\u0130\u0131\u017f\u212a" if _FOLDS_TO_ASCII.match(ch)}
