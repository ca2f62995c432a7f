"""The compiled patterns of the temporal tagger and the words they are built from
(``data/timex.toml``); the finder in ``_timex`` runs them, ``_timex_norm`` reads their groups."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from newsevents.lexicon import load_toml
from newsevents.stages._regex_first import guarded, trie_alternation

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {d: i for i, d in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
            "4th": 4, "final": 4, "last": 4, "latter": 2}
TENS_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
              "seventies": 7, "eighties": 8, "nineties": 9}

# Month names are matched capitalised only, so the modal "may" and the verb "march" never are.
FULL_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|"
              r"November|December)")
# Abbreviations only next to a day number ("Oct. 23"), where "Jan" cannot be a first name.
ANY_MONTH = FULL_MONTH[:-1] + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:1[5-9]|20)\d\d)"
PART = r"(?P<part>(?i:morning|afternoon|evening|night))"
TZ = r"(?:\s+(?:[ECMP][SD]T|GMT|UTC|local\s+time))?"
PREP = (r"(?i:in|since|during|until|till|by|before|after|from|through|throughout|of|to|and|"
        r"between|last|next|this|that|early|late|mid|around|on|or|for)")


@cache
def lexicon() -> dict[str, Any]:
    return load_toml("timex.toml")


def _alt(words: list[str]) -> str:
    """A regex alternation, longest first so that "the near future" wins over "future", as a
    prefix tree (the same matches; the duration and reference scans are the dates stage's
    main cost)."""
    return trie_alternation(words)


@cache  # read, never changed, by its callers: built once, not at every count parsed
def number_words() -> dict[str, int]:
    lex = lexicon()["numbers"]
    return {k: int(v) for k, v in lex.items() if k != "fuzzy"}


def fuzzy_words() -> list[str]:
    return list(lexicon()["numbers"]["fuzzy"])


@cache
def num_regex() -> str:
    """A count: digits, number words ("twenty-four"), or a fuzzy quantity ("several")."""
    words = list(number_words()) + fuzzy_words()
    tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    ones = "one|two|three|four|five|six|seven|eight|nine"
    return (rf"(?i:\d+(?:,\d\d\d)*(?:\.\d+)?|(?:{tens})[- ](?:{ones})|{_alt(words)})")


# Word lists tried at every word start of the longest scans, matched as prefix trees (see
# _alt): the same matches as the longest-first alternations they were, found sooner.
# Words before a duration's number ("more than three years").
DURATION_MODS = ["the", "about", "nearly", "almost", "more than", "less than", "at least",
                 "at most", "up to", "no more than", "over", "under", "some", "roughly", "around",
                 "approximately", "just", "only", "another", "an additional", "additional",
                 "first", "last", "past", "next", "coming", "previous", "following", "final",
                 "latest", "each of the", "full", "entire", "all", "these", "those"]
# Before "ago": "about two years ago".
AGO_MODS = ["about", "nearly", "almost", "some", "more than", "less than", "over", "just", "only",
            "roughly", "around", "barely", "at least", "a little over"]
# A relative unit's words: "(later in) (the next) week", "(at the end of) (this) month".
RELUNIT_PRE = [*(f"{w}{i}" for w in ("earlier", "later", "early", "late") for i in ("", " in")),
               *(f"{a}{t}{w} of" for a in ("", "at ") for t in ("", "the ")
                 for w in ("end", "beginning", "start", "middle"))]
RELUNIT_REL = [*(f"{t}{w}" for t in ("", "the ")
                 for w in ("last", "next", "past", "coming", "previous", "following", "prior",
                           "preceding", "same", "current", "latest")),
               "this past", "this", "that"]

UNIT = (r"(?P<unit>(?i:second|minute|hour|day|night|week|month|quarter|year|decade|"
        r"centur(?:y|ie)))s?")


@cache
def patterns() -> list[tuple[str, re.Pattern[str]]]:
    """(kind, pattern) in priority order: where two matches start together, the longer wins,
    and of equal ones the earlier kind."""
    num = num_regex()
    refs = lexicon()["refs"]
    ref_alt = "|".join(f"(?P<{k}>{_alt(v)})" for k, v in refs.items())
    mods = (r"(?i:this|last|next|the|that|this\s+past|early|late|mid-?|the\s+early|the\s+late|"
            r"the\s+mid-?)")
    qmod = (r"(?i:(?:19|20)\d\d|(?:this|last|next)\s+year's|fiscal|fiscal-|year-earlier|"
            r"year-ago|flat|comparable|same|latest|current|corresponding|recent|most\s+recent|"
            r"previous|prior|full|entire|strong|weak|disappointing|seasonally\s+slow|traditional"
            r"ly\s+\w+)")
    yr_tail = (r"(?:\s+(?:of|in)\s+(?:fiscal\s+)?(?:(?P<qyear>(?:1[5-9]|20)\d\d)|"
               r"(?P<qrel>this|last|next)\s+year)"
               r"|\s+(?P<qago>a\s+year\s+(?:earlier|ago|before)|last\s+year))?")
    pats: list[tuple[str, str]] = [
        ("iso", r"\b(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
        ("slash", r"\b(?P<month>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>(?:19|20)?\d\d)\b"),
        ("mdy", rf"\b(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<month>{ANY_MONTH})\s+{DAY}\b(?!:\d|\.\d)"
                rf"(?:,?\s+{YEAR}\b)?"),
        ("dmy", rf"\b(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?{DAY}\s+(?:of\s+)?(?P<month>{ANY_MONTH})"
                rf"(?:,?\s+{YEAR}\b)?"),
        ("my", rf"\b(?:(?P<mod>(?i:early|mid|late))[- ]?)?(?P<month>{FULL_MONTH}),?\s+(?:of\s+)?"
               rf"{YEAR}\b(?![-/]\d)"),
        ("month", rf"\b(?:(?P<mod>(?i:early|mid|late))[- ]?|(?P<rel>(?i:last|next|this|this\s+"
                  rf"past|that))\s+)?(?P<month>{FULL_MONTH})\b(?!\s+\d)"
                  rf"(?:\s+(?:(?i:of)\s+)?(?P<yrel>(?i:last|this|next))\s+year\b)?"),
        ("decade", r"\b(?:(?i:the)\s+)?(?:(?i:early|mid|late)[- ]?)?(?:(?P<dec>(?:1[5-9]|20)\d)0"
                   r"'?s|'(?P<dec2>\d)0'?s|(?i:the\s+)(?:(?i:early|mid|late)[- ]?)?"
                   r"(?P<decw>(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|"
                   r"nineties)))\b"),
        ("century", r"\b(?:(?i:the)\s+)?(?:(?i:early|mid|late)[- ]?)?(?P<cent>\d{1,2})"
                    r"(?:st|nd|rd|th)[- ](?i:century)\b"),
        ("year", rf"(?<![\d$£€.,/:-])(?:(?P<fiscal>(?i:fiscal|mid-?)\s?))?{YEAR}"
                 r"(?![\d%]|[-/]\d|,\d|\.\d|\s*(?:%|percent))"),
        ("spelled_year", r"\b(?:(?i:the\s+year\s+))?(?P<sy>(?i:nineteen[- ](?:(?:twenty|thirty|"
                         r"forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|"
                         r"five|six|seven|eight|nine))?)|two\s+thousand(?:\s+and\s+\w+)?))\b"),
        ("quarter", rf"\b(?:(?i:the|this|that|its|their|a|his|her|our)\s+)?"
                    rf"(?P<qmods>(?:{qmod}[\s-]+){{0,3}})"
                    r"(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th|final|last|latter))"
                    r"[- ](?:(?i:fiscal)[- ])?(?P<qunit>(?i:quarter|half))\b(?!s)" + yr_tail),
        ("quarter_ref", rf"\b(?P<det>(?i:the|this|that|its|their))\s+"
                        rf"(?P<qmods>(?:{qmod}[\s-]+){{0,3}})"
                        # not "the quarter-to-quarter comparison"
                        r"(?P<qunit>(?i:quarter|period))\b(?!s|-)" + yr_tail),
        ("season", rf"\b(?P<smods>(?:{mods}\s*){{0,3}})(?P<season>(?i:spring|summer|fall|autumn|"
                   r"winter))\b(?:\s+(?i:of)\s+(?P<year>(?:1[5-9]|20)\d\d))?"),
        # "the same month a year ago": the month last named, a year before
        ("same_ago", r"\b(?i:the\s+same)\s+(?P<sunit>(?i:day|week|month|quarter|period))\s+"
                     r"(?i:a\s+year\s+(?:ago|earlier|before)|last\s+year)\b"),
        ("relunit", rf"\b(?P<pre>(?i:{_alt(RELUNIT_PRE)})\s+)?(?P<rel>(?i:{_alt(RELUNIT_REL)}))\s+"
                    r"(?P<unit>(?i:day|week|weekend|month|year|decade|century))\b(?!-)"),
        ("the_year", r"\b(?P<det>(?i:the|its|their))\s+(?:(?i:fiscal|calendar)\s+)?"
                     r"(?P<tunit>(?i:year|day))\b"
                     r"(?![-'\u2019]|\s+(?:\d|(?i:earlier|ago|before|after|later|of|when|that)\b))"
                     r"(?:\s+(?P<ended>(?i:ended|ending|that\s+ended|through|to)\b))?"),
        ("holiday", r"\b(?P<hol>(?i:Thanksgiving(?:\s+Day)?|Christmas(?:\s+(?:Day|Eve))?|"
                    r"New\s+Year's\s+(?:Day|Eve)|Election\s+Day|Independence\s+Day|"
                    r"Easter\s+(?:Sunday|Day|Monday)|Halloween|Valentine's\s+Day|Memorial\s+Day|"
                    r"Labou?r\s+Day|Veterans\s+Day|Boxing\s+Day))(?:,?\s+" + YEAR + r")?\b"),
        ("weekend", r"\b(?i:the\s+weekend)\b"),
        ("dayrel", r"\b(?i:the\s+(?:day|night)\s+(?P<dir>before|after))\b"
                   r"(?!\s+(?:the|a|an|his|her|its|their)\b|\s+[A-Z]|\s+\w+ing\b)"),
        ("endof", r"\b(?i:(?:the\s+)?(?:year|month|week)[- ]end|(?:the\s+)?end\s+of\s+the\s+"
                  r"(?P<eunit>year|month|week)|year's\s+end)\b"),
        ("deictic", r"\b(?P<word>(?i:yesterday|today|tomorrow|tonight|overnight|last\s+night))"
                    r"(?:\s+" + PART + r")?\b"),
        # "mid-afternoon", "early morning" (not "midnight", a clock word)
        ("dpart", r"\b(?:(?i:(?:early|late|later|earlier)\s+)?(?P<this>(?i:this))\s+|"
                  r"(?i:(?:early|late|mid(?!night))[- ]?))" + PART + r"\b"),
        ("weekday_set", rf"\b(?:(?i:every|each|on)\s+)?(?P<wds>{WEEKDAY})s\b|"
                        rf"\b(?i:every|each)\s+(?P<wd1>{WEEKDAY})\b"
                        rf"|\b(?P<wd2>{WEEKDAY})\s+(?P<parts>(?i:mornings|afternoons|evenings|"
                        r"nights))\b"),
        ("weekday", rf"\b(?:(?P<wpre>(?i:late|early))\s+(?:(?i:on)\s+)?)?"
                    r"(?:(?P<rel>(?i:last|next|this|past|coming|the\s+previous|the\s+following|"
                    r"the\s+next|this\s+past))\s+)?"
                    rf"(?P<wd>{WEEKDAY})(?:\s+" + PART + r")?\b"),
        ("ago", rf"\b(?:(?i:{_alt(AGO_MODS)})\s+)?(?P<num>{num})[\s-]+"
                rf"{UNIT}\s+(?:(?P<dir>(?i:ago|from\s+now|hence|back))\b|"
                # "two days later" counts from the last date; "two days after the vote" is
                # a duration anchored on an event, left to the duration pattern
                r"(?P<dir2>(?i:before|after))(?=\s*[,.;:)\u2014]|\s*$)|"
                # "earlier" and "later" take no object: "A year earlier X earned", but not
                # "two weeks earlier than planned"
                r"(?P<dir3>(?i:earlier|later))\b(?!\s+than\b))"),
        ("yearago", r"\b(?P<ya>(?i:year-earlier|year-ago|year\s+earlier|year\s+ago))\b"),
        ("set", rf"\b(?P<q>(?i:every|each|per))\s+(?:(?P<num>{num})\s+)?{UNIT}\b"),
        ("set_adv", r"\b(?P<adv>(?i:hourly|daily|weekly|monthly|yearly|annually))\b"),
        ("duration", rf"\b(?P<dmods>(?:(?i:{_alt(DURATION_MODS)})\s+)*)"
                     rf"(?P<num>{num})(?:\s+(?:to|or|and)\s+(?P<num2>{num}))?"
                     # "2 1/2 years", "two and a half months"
                     r"(?:\s+(?P<frac>(?i:(?:and\s+)?(?:1/2|1/4|3/4|a\s+half|one\s+half|"
                     r"a\s+quarter|three\s+quarters))))?[\s-]+"
                     r"(?:(?i:more|additional|straight|consecutive|trading|business|working|"
                     r"calendar|full|long)[\s-]+)?"
                     # "a 6-year-old boy" is an age, not a period of time
                     + UNIT + r"\b(?![-\s]old\b)(?P<frac2>\s+(?i:and\s+a\s+half))?"
                     r"(?:\s+(?i:or\s+so))?"),
        ("bare_dur", r"\b(?i:for|over|within|took|lasted|spent|in|after)\s+"
                     r"(?P<bare>(?i:years|months|weeks|days|decades|centuries|hours|minutes))\b"
                     r"(?!\s+(?:ago|of|later|earlier))"),
        ("ref", rf"\b(?i:{ref_alt})\b"),
        ("clock", r"\b(?:(?i:about|around|approximately|shortly\s+(?:before|after)|"
                  r"just\s+(?:before|after))\s+)?(?P<h>[01]?\d)(?:[:.](?P<mi>[0-5]\d))?\s*"
                  r"(?P<ap>(?i:a\.m\.|p\.m\.|a\.m\b|p\.m\b|am\b|pm\b))" + TZ),
        # A 24-hour clock only with its time zone ("at 18:00 UTC"): bare "18:00" may be a score.
        # "at 4 in the morning", "10 o'clock at night"
        ("clock_part", r"\b(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?(?:\s+(?i:o'clock))?\s+"
                       r"(?i:in\s+the\s+(?P<cpart>morning|afternoon|evening)|at\s+(?P<cnight>night))"
                       r"\b"),
        ("clock24", r"\b(?P<h>[01]?\d|2[0-3]):?(?P<mi>[0-5]\d)\s*(?P<tz>(?:UTC|GMT|Z)\b)"),
        ("clock_word", r"\b(?P<cw>(?i:noon|midnight|midday))\b" + TZ),
    ]
    # Guarded by their first characters: the same matches, most positions rejected at once.
    return [(k, guarded(p)) for k, p in pats]


# Capitalised month stems are looked for in the text as it is, all else lower-cased.
_MONTH_STEMS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                "Dec")
_WEEKDAY_NAMES = tuple(WEEKDAYS)
# Lower-case literals a pattern cannot match without; checked first (one substring test) so
# the costly scans run only on texts that may hold a match. None: always scanned.
NEEDS: dict[str, tuple[str, ...] | None] = {
    "iso": ("-0", "-1"), "slash": ("/",),
    "mdy": _MONTH_STEMS, "dmy": _MONTH_STEMS, "my": _MONTH_STEMS, "month": _MONTH_STEMS,
    "decade": ("0s", "0's", "ties"), "century": ("century",),
    "year": ("19", "20", "15", "16", "17", "18"), "spelled_year": ("nineteen", "thousand"),
    "quarter": ("quarter", "half"), "quarter_ref": ("quarter", "period"),
    "season": ("spring", "summer", "fall", "autumn", "winter"),
    "same_ago": ("same",),
    "relunit": ("day", "week", "month", "year", "decade", "century"),
    "dayrel": ("day", "night"), "weekend": ("weekend",), "the_year": ("year", "day"),
    "holiday": ("thanksgiving", "christmas", "new year", "election", "independence", "easter",
                "halloween", "valentine", "memorial", "labor", "labour", "veterans", "boxing"),
    "endof": ("end",),
    "deictic": ("yesterday", "today", "tomorrow", "tonight", "overnight", "last night"),
    "dpart": ("morning", "afternoon", "evening", "night"),
    "weekday_set": _WEEKDAY_NAMES, "weekday": _WEEKDAY_NAMES,
    "ago": ("ago", "earlier", "later", "before", "after", "from now", "hence", "back"),
    "yearago": ("year",), "set": ("every", "each", "per"),
    "set_adv": ("hourly", "daily", "weekly", "monthly", "yearly", "annually"),
    "duration": ("second", "minute", "hour", "day", "night", "week", "month", "quarter", "year",
                 "decade", "centur"),
    "bare_dur": ("years", "months", "weeks", "days", "decades", "centuries", "hours",
                 "minutes"),
    "ref": None,  # filled from the lexicon by needs()
    "clock": ("a.m", "p.m", " am", " pm", *(f"{d}{x}m" for d in range(10) for x in "ap")),
    "clock_part": (" in the ", " at night"),
    "clock_word": ("noon", "midnight", "midday"), "clock24": ("UTC", "GMT", "Z"),
}


@cache
def needs(kind: str) -> tuple[str, ...] | None:
    """The literals of ``kind`` (see NEEDS); for the references, the last word of each phrase."""
    if kind == "ref":
        return tuple(sorted({p.split()[-1].lower() for v in lexicon()["refs"].values()
                             for p in v}))
    return NEEDS.get(kind)


