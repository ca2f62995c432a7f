"""The prefiltered regex scans of the actors stage find exactly what finditer finds."""

from __future__ import annotations

import re

from newsevents.stages._actor_generic import generic_config
from newsevents.stages._actor_lexicon import make_lexicon
from newsevents.stages._actor_prefilter import _FOLDS_TO_ASCII, prefiltered
from newsevents.stages._actor_refs import _refs_re, plural_ref_phrases
from newsevents.stages._actor_titles import title_config

_TEXTS = [
    "Police fired on protesters; aid workers said the army and the police's chief left.",
    "POLICE and Army troops met U.S.army officials and anti-police rioters.",
    "The two leaders met. Both sides said the nation's farmers and AID WORKERS agreed.",
    "İstanbul police, ſoldiers and the \u212aenyan army: folding characters.",
    "Police, ſoldiers and the \u212aenyan army: the same length in lower case.",
    "",
]


def test_probed_scans_match_finditer() -> None:
    cfg = generic_config()
    refs_rx = _refs_re(title_config())[0]
    lex = make_lexicon((), (("generic", cfg.first_words),
                            ("plural_refs", plural_ref_phrases(title_config()))))
    for text in _TEXTS:
        _matches, probes = lex.probe(text)  # None where lower() changes the length ("İ")
        assert (probes is None) == (len(text.lower()) != len(text))
        for rx, tag in ((cfg.noun_re, "generic"), (refs_rx, "plural_refs")):
            want = [m.span() for m in rx.finditer(text)]
            starts = probes.get(tag, ()) if probes is not None else None
            assert [m.span() for m in prefiltered(rx, starts, text)] == want
    _matches, probes = lex.probe(_TEXTS[0])
    assert probes is not None
    assert [m.group() for m in prefiltered(cfg.noun_re, probes["generic"], _TEXTS[0])] == [
        "Police", "protesters", "aid workers", "army", "police"]


def test_overlapping_candidates_follow_finditer() -> None:
    rx = re.compile(r"(?<!\w)(?i:ab|abc d|c d e)(?!\w)")
    for text, starts in (("abc d e", [0, 2]), ("ABC D E ab", [0, 2, 8]),
                         ("c d e abc d", [0, 6, 8])):
        assert [m.span() for m in prefiltered(rx, starts, text)] == \
            [m.span() for m in rx.finditer(text)]
    assert [m.span() for m in prefiltered(rx, None, "ab c d e")] == [(0, 2), (3, 8)]


def test_folding_characters_are_all_known() -> None:
    # Characters outside ASCII that re.IGNORECASE matches to an ASCII letter: the probes are
    # found in the lower-case text, so texts holding one take the plain scan.
    letter = re.compile("[a-z]", re.IGNORECASE)
    folding = {chr(c) for c in range(0x80, 0x10000) if letter.match(chr(c))}
    assert folding == {ch for ch in "\u0130\u0131\u017f\u212a" if _FOLDS_TO_ASCII.match(ch)}
