"""The first-character guard: same matches as the bare pattern, None where it cannot tell."""

from __future__ import annotations

import re

import pytest

from newsevents.stages import _timex_patterns
from newsevents.stages._regex_first import first_chars, trie_alternation
from newsevents.stages._timex_patterns import patterns


def test_first_chars_of_alternation_and_optional_prefix() -> None:
    fc = first_chars(r"\b(?:(?i:about|some)\s+)?(?P<n>\d+|ten)\s+days")
    assert fc is not None
    cls = re.compile(fc)
    for ch in "aAsS1t":
        assert cls.fullmatch(ch), ch
    assert not cls.fullmatch("x")


def test_no_guard_for_empty_or_unknown() -> None:
    assert first_chars(r"a*") is None
    assert first_chars(r".foo") is None


def test_guarded_timex_patterns_find_the_same_spans(monkeypatch: pytest.MonkeyPatch) -> None:
    text = ("On Monday, about two weeks ago, the Nov. 3 vote was held; in the early 1990s and "
            "the first quarter of 2024 prices rose 20% every year. Yesterday at 10 p.m. "
            "EST, late last night, the decade ended; Fridays are quiet. "
            "THE PAST FEW DAYS were busy until mid-September next year, 3/4/2023, 2024-05-01.")
    guarded_pats = patterns()  # cached before the bare ones are built
    monkeypatch.setattr(_timex_patterns, "guarded", lambda p, f=0: re.compile(p, f))
    bare = _timex_patterns.patterns.__wrapped__()
    found = 0
    for (kind, pat), (_, raw) in zip(guarded_pats, bare, strict=True):
        assert pat.pattern != raw.pattern or first_chars(raw.pattern) is None, kind
        got = [(m.span(), m.groupdict()) for m in pat.finditer(text)]
        assert got == [(m.span(), m.groupdict()) for m in raw.finditer(text)], kind
        found += len(got)
    assert found > 15


def test_trie_alternation_matches_as_the_longest_first_alternation() -> None:
    words = ["police", "policemen", "police officers", "officers", "officials", "office",
             "rebel", "rebels", "rebel fighters", "the near future", "future", "a", "an"]
    text = ("Policemen and police officers met rebels, rebel fighters and officials at an "
            "office; a rebel spoke of the near  future. Police-led rebelsX, officers' pay.")
    longest = "|".join(re.escape(w).replace(r"\ ", r"\s+")
                       for w in sorted(words, key=len, reverse=True))
    for space, flags in ((r"\s+", re.IGNORECASE), (" ", 0)):
        alt = longest if space != " " else longest.replace(r"\s+", r"\ ")
        ref = re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])", flags)
        trie = re.compile(rf"(?<![\w-])(?:{trie_alternation(words, space=space)})(?![\w-])",
                          flags)
        got = [m.span() for m in trie.finditer(text)]
        assert got == [m.span() for m in ref.finditer(text)]
        assert len(got) > 8
    # fold_first: the first letter in either case, the rest as written.
    folded = re.compile(trie_alternation(["police", "rebels"], fold_first=True))
    assert [m.group() for m in folded.finditer("Police police POLICE Rebels rEBELS")] == [
        "Police", "police", "Rebels"]
