"""Tests of the word-by-word dispatch of the temporal patterns: the first words read from a
pattern, and the same matches as scanning every position."""

from __future__ import annotations

import re

import pytest

from newsevents.stages import _timex
from newsevents.stages._regex_first import FOLDS_TO_ASCII
from newsevents.stages._timex_dispatch import candidates, follows_of, starts_of
from newsevents.stages._timex_patterns import patterns
from newsevents.stages.sentences import split

TEXTS = [
    "The talks lasted two and a half months, and about three years ago they met on Friday.",
    "On Wednesday, October 23, 2019, the leaders will meet; in the coming weeks they said "
    "the first quarter of fiscal 2020 rose. Later this decade, prices fell 5% in 1999.",
    "At 10:35 a.m. (0735 GMT) Friday the vote ended. Dec. 13 is the day after the vote.",
    "Two days later, the 1990s and the mid-1980s; the late spring of 2021 was wet. Every "
    "Monday, each week, per year, annually: 4 in the morning, noon UTC, 18:00 UTC.",
    "FY2019 profits; the year-ago period; the same month a year ago; the weekend; the day "
    "before yesterday, tonight and tomorrow evening, early this morning, last night.",
    "He served for years, spent months there, in the near future, right now and at present, "
    "from the 21st century until Thanksgiving Day and New Year's Eve 2020.",
    "more than 3 1/2 hours; a 6-year-old boy; nineteen eighty-four; two thousand and ten; "
    "12/25/2020 and 2021-03-04; 7 p.m. EST; mid-afternoon; the previous Monday mornings.",
    "MAY 5 AND JUNE, NEXT MONTH, LAST YEAR.\n\nThe end of the year and year-end and the "
    "fourth-quarter results, its fiscal year ended June 30.",
    # "the" and other shared first words before what may or may not follow them
    "The\u00a0same month a year ago, the\nweekend, the  Day before, the-year, THE 21st century,"
    " the year-end, at the end of the year, at least two weeks, this past Friday, the 5th of "
    "May, that quarter, the following Monday, its\tfiscal 2020 year, the the, over years.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_dispatch_finds_what_the_scans_find(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    chunks = _timex._chunks([(s.start, s.end) for s in split(text)], len(text))
    dispatched = [(f.kind, f.start, f.end) for f in _timex._candidates(text, chunks)]
    monkeypatch.setattr(_timex, "_dispatchable", lambda _text, _spans: False)
    scanned = [(f.kind, f.start, f.end) for f in _timex._candidates(text, chunks)]
    assert dispatched == scanned
    assert len(scanned) > 3


def test_every_pattern_matches_as_its_scan_at_its_first_words() -> None:
    for kind, pat in patterns():
        starts = starts_of(pat)
        if starts is None:
            continue
        for text in TEXTS:
            low = text.lower()
            at = [m.start() for m in re.finditer(r"\b(?:([a-z]+)|\d)", low)
                  if (m.group(1) is None and starts.digit) or (m.group(1) is not None and (
                      m.group(1) in starts.words or m.group(1).startswith(starts.prefixes)))]
            ranges = [(0, len(text) // 2), (len(text) // 2 + 5, len(text))]
            got = [m.span() for m in candidates(pat, text, at, ranges)]
            want = [m.span() for r0, r1 in ranges for m in pat.finditer(text, r0, r1)]
            assert got == want, kind


def test_first_words_of_a_pattern() -> None:
    s = starts_of(re.compile(r"\b(?:(?i:the|a)\s+)?(?P<n>\d+|two)\s+(?i:days?)\b"))
    assert s is not None
    assert s.words == {"the", "a", "two"} and s.digit and s.prefixes == ()
    mid = starts_of(re.compile(r"\b(?:mid-?)?(?i:morning)(?=\W)"))
    assert mid is not None and mid.words == {"mid"} and mid.prefixes == ("midmorning", "morning")


@pytest.mark.parametrize("pattern", [
    r"(?<!\d)(?:19|20)\d\d",  # may start inside a word ("FY2019")
    r"\b'\d0s",  # starts with another character
    r"\b\w+ed\b",  # any word
    r"\b(?:the)?",  # may match empty
])
def test_patterns_left_to_scans(pattern: str) -> None:
    assert starts_of(re.compile(pattern)) is None


def test_characters_that_fold_to_ascii_letters() -> None:
    # the characters outside ASCII that a case-insensitive ASCII letter matches, and those
    # whose lower case differs in length or kind: a text with one is scanned as before
    every = "".join(chr(i) for i in range(0x80, 0x110000) if not 0xD800 <= i < 0xE000)
    assert set(re.findall("(?i)[a-z]", every)) == set(FOLDS_TO_ASCII)
    word, digit = re.compile(r"\w"), re.compile(r"\d")
    cased = [c for c in every if c.lower() != c]
    odd = {c for c in cased if len(c.lower()) != 1 or c.lower().isascii()
           or bool(word.match(c)) != bool(word.match(c.lower()))
           or bool(digit.match(c)) != bool(digit.match(c.lower()))}
    assert odd <= set(FOLDS_TO_ASCII)


def test_texts_scanned_the_old_way() -> None:
    assert not _timex._dispatchable("It was \u212aelvin's day.", [(0, 20)])
    assert not _timex._dispatchable("the week ended", [(0, 6), (6, 14)])  # cut inside "week"
    assert _timex._dispatchable("the week ended", [(0, 8), (8, 14)])


def test_word_starts_found_as_a_word_boundary_finds_them() -> None:
    d = _timex._dispatch()
    for text in [*TEXTS, "the day", "the", "the 5", "the\u0663",
                 "(the) 5 days, «the» year\u00e9the 2019\u0663 2 weeks"]:
        low = text.lower()
        want: list[list[int]] = [[] for _ in d.starts]
        for m in re.finditer(r"\b(?:([a-z]+)|\d)(?=\s+([a-z]+|\d))?", low):
            for i in d.kinds(d.key(m.group(1) or "", m.group(2))):
                want[i].append(m.start())
        assert d.positions(low) == want


def test_repeated_letters_are_followed_or_left_to_scans() -> None:
    assert starts_of(re.compile(r"\b(?:ab)*c\b")) is None  # "ababab...c": no bound
    s = starts_of(re.compile(r"\b(?:very\s+)*(?:ab){1,2}\b"))
    assert s is not None and s.words == {"very", "ab", "abab"}


def test_what_follows_a_first_word() -> None:
    pat = re.compile(r"\b(?:(?i:the|a)\s+)?(?P<n>\d+|two)\s+(?i:days?)\b|\b(?i:a)-(?:one|b)|"
                     r"\b(?i:the)\s+same(?:st)?")
    f = follows_of(pat, frozenset({"the", "a", "two", "some"}))
    assert set(f) == {"the", "two"}  # "a-": anything may follow "a"; "some" is not a first word
    assert f["the"].words == {"two"} and f["the"].digit and f["the"].prefixes == ("same", "samest")
    assert f["two"].words == {"day", "days"} and not f["two"].digit


def test_every_pattern_matches_as_its_scan_where_dispatched() -> None:
    d = _timex._dispatch()
    assert any(s is not None and s.follows for s in d.starts)
    for text in TEXTS:
        at = d.positions(text.lower())
        for i, (kind, pat) in enumerate(patterns()):
            if d.starts[i] is None:
                continue
            ranges = [(0, len(text))]
            got = [m.span() for m in candidates(pat, text, at[i], ranges)]
            assert got == [m.span() for m in pat.finditer(text)], kind
