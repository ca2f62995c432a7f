"""Finding temporal expressions with compiled patterns and normalising them (TIMEX3-like values)
against the publication date. Pure functions; the dates stage wires them to documents."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from newsevents.records import Precision, TimeExpression

__all__ = ["find_timexes", "is_future", "value_date"]

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = {d: i for i, d in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": 3, "a few": 3}

# Month names are matched capitalised only, so the modal "may" and the verb "march" never are.
_FULL_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|"
               r"November|December)")
# Abbreviations only next to a day number ("Oct. 23"), where "Jan" cannot be a first name.
_ANY_MONTH = _FULL_MONTH[:-1] + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
# Scoped (?i:...) so that sentence-initial "In 2023" and "Last Tuesday" match too.
_NUM = r"(?P<num>\d+|(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten|several|a few))"
_PREP = (r"(?i:in|since|during|until|till|by|before|after|from|through|throughout|early|late|"
         r"mid-|of)")

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("mdy", re.compile(
        rf"\b(?:(?P<wd>{_WEEKDAY}),?\s+)?(?P<month>{_ANY_MONTH})\s+{_DAY}\b(?!:)(?:,?\s+{_YEAR}\b)?")),
    ("dmy", re.compile(
        rf"\b(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?(?P<month>{_ANY_MONTH})"
        rf"(?:,?\s+{_YEAR}\b)?")),
    ("my", re.compile(rf"\b(?P<month>{_FULL_MONTH}),?\s+{_YEAR}\b")),
    ("month", re.compile(
        rf"(?:\b{_PREP}\s+|\b(?P<rel>(?i:last|next|this))\s+)(?P<month>{_FULL_MONTH})\b")),
    ("year", re.compile(rf"\b{_PREP}\s+(?P<year>(?:19|20)\d\d)\b(?![-/]\d)")),
    ("weekday", re.compile(
        rf"\b(?:(?P<part>(?i:late|early))\s+(?:on\s+)?)?"
        rf"(?:(?P<rel>(?i:last|next|this|past|coming))\s+)?"
        rf"(?P<wd>{_WEEKDAY})(?:\s+(?:morning|afternoon|evening|night))?\b")),
    ("deictic", re.compile(
        r"\b(?P<word>[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight|[Ll]ast night)\b")),
    ("relunit", re.compile(
        r"\b(?:(?P<pre>(?i:earlier|later))\s+)?(?P<rel>(?i:last|next|this|past|coming))\s+"
        r"(?P<unit>week|month|year)\b")),
    ("ago", re.compile(rf"\b{_NUM}\s+(?P<unit>day|week|month|year)s?\s+ago\b")),
]

# A clause that speaks of the future: used to pick the next Friday or September, not the last.
_FUTURE = re.compile(
    r"\b(?:will|shall|won't|'ll|going to|is to|are to|(?:is|are|was|were)\s+(?:set|scheduled|due|"
    r"expected|slated|poised|planning|planned)\s+to|plans? to|intends? to|would)\b|\bupcoming\b",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(r"[,;:()\u2014\u2013]|\s-\s")


# Literals each pattern cannot match without (case as in the pattern). Scanning a text with
# these patterns is the dates stage's main cost, and most texts lack most of the words, so
# checking them first (a fast substring test) skips whole scans without changing any result.
_MONTH_STEMS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                "Dec")
_NEEDS: dict[str, tuple[str, ...]] = {
    "mdy": _MONTH_STEMS,
    "dmy": _MONTH_STEMS,
    "my": _MONTH_STEMS,
    "month": _MONTH_STEMS,
    "weekday": ("day",),
    "deictic": ("esterday", "oday", "omorrow", "onight", "ast night"),
    "relunit": ("week", "month", "year"),
    "ago": ("ago",),
}


@dataclass(frozen=True, slots=True)
class _Found:
    kind: str
    start: int
    end: int
    match: re.Match[str]


def find_timexes(text: str, published: date | None,
                 sentence_spans: list[tuple[int, int]] | None = None) -> list[TimeExpression]:
    """Temporal expressions of ``text``, each normalised against ``published``.

    ``sentence_spans`` (start, end) limit the tense check to the expression's sentence.
    """
    found: list[_Found] = []
    for kind, pat in _PATTERNS:
        needs = _NEEDS.get(kind)
        if needs is not None and not any(w in text for w in needs):
            continue  # the pattern cannot match without one of these words: skip its scan
        for m in pat.finditer(text):
            s, e = m.span()
            if kind == "month" and m.group("rel") is None:
                s = m.start("month")  # "in March": the preposition is context, not the span
            elif kind == "year":
                s = m.start("year")
            found.append(_Found(kind, s, e, m))
    # Longest first where they overlap ("Wednesday October 23" over "Wednesday").
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    out: list[TimeExpression] = []
    last_end = -1
    for f in found:
        if f.start < last_end:
            continue
        sent = _sentence(sentence_spans, f.start, len(text))
        future = is_future(text, f.start, f.end, sent)
        value, precision = _normalise(f, published, future)
        if value is None and f.kind in ("mdy", "dmy") and not _valid_day(f.match):
            continue  # "May 45" is not a date
        last_end = f.end
        out.append(TimeExpression(text[f.start:f.end], f.start, f.end, value, precision))
    return out


def _sentence(spans: list[tuple[int, int]] | None, pos: int, n: int) -> tuple[int, int]:
    for s, e in spans or ():
        if s <= pos < e:
            return s, e
    return 0, n


def is_future(text: str, start: int, end: int, sentence: tuple[int, int]) -> bool:
    """Whether the clause around ``text[start:end]`` is future tense (a simple cue check)."""
    s0, s1 = sentence
    before, after = text[s0:start], text[end:s1]
    cuts = list(_CLAUSE_BREAK.finditer(before))
    left = before[cuts[-1].end():] if cuts else before
    nxt = _CLAUSE_BREAK.search(after)
    clause = left + " " + (after[: nxt.start()] if nxt else after)
    if len(clause.split()) <= 1 and nxt is not None:
        # A fronted adverbial ("On Friday, the leaders will meet"): the next clause decides.
        rest = after[nxt.end():]
        m = _CLAUSE_BREAK.search(rest)
        clause = rest[: m.start()] if m else rest
    return _FUTURE.search(clause) is not None


def _valid_day(m: re.Match[str]) -> bool:
    try:
        return 1 <= int(m.group("day")) <= 31
    except (IndexError, TypeError, ValueError):
        return True


def _month_of(m: re.Match[str]) -> int:
    return _MONTHS[m.group("month").rstrip(".").lower()]


def _safe_date(y: int, mo: int, d: int) -> date | None:
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def _week(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def _add_months(y: int, mo: int, n: int) -> tuple[int, int]:
    k = y * 12 + (mo - 1) + n
    return k // 12, k % 12 + 1


def _normalise(f: _Found, pub: date | None, future: bool) -> tuple[str | None, Precision | None]:
    m = f.match
    gd = m.groupdict()
    if f.kind in ("iso", "mdy", "dmy"):
        mo = int(m.group("month")) if f.kind == "iso" else _month_of(m)
        day = int(m.group("day"))
        if gd.get("year"):
            d = _safe_date(int(gd["year"]), mo, day)
            return (d.isoformat(), "day") if d else (None, None)
        if pub is None:
            return None, None
        d = _closest_month_day(pub, mo, day, future, _WEEKDAYS.get((gd.get("wd") or "").lower()))
        return (d.isoformat(), "day") if d else (None, None)
    if f.kind == "my":
        return f"{int(m.group('year')):04d}-{_month_of(m):02d}", "month"
    if f.kind == "year":
        return m.group("year"), "year"
    if pub is None:
        return None, None
    if f.kind == "month":
        mo = _month_of(m)
        rel = (gd.get("rel") or "").lower()
        if rel == "this":
            y = pub.year
        elif rel == "next" or (future and rel not in ("last",)):
            y = pub.year if mo >= pub.month else pub.year + 1
        else:
            y = pub.year if mo <= pub.month else pub.year - 1
        if rel == "last" and mo >= pub.month:
            y = pub.year - 1
        if rel == "next" and mo <= pub.month:
            y = pub.year + 1
        return f"{y:04d}-{mo:02d}", "month"
    if f.kind == "weekday":
        wd = _WEEKDAYS[m.group("wd").lower()]
        rel = (gd.get("rel") or "").lower()
        delta = (pub.weekday() - wd) % 7  # days back to the most recent such day
        if rel == "last" or rel == "past":
            d = pub - timedelta(days=delta or 7)
        elif rel in ("next", "coming"):
            d = pub + timedelta(days=(wd - pub.weekday()) % 7 or 7)
        elif rel == "this":
            d = pub + timedelta(days=wd - pub.weekday())
        elif future:
            d = pub + timedelta(days=(wd - pub.weekday()) % 7)
        else:
            d = pub - timedelta(days=delta)
        return d.isoformat(), "day"
    if f.kind == "deictic":
        word = m.group("word").lower()
        shift = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "last night": -1}[word]
        return (pub + timedelta(days=shift)).isoformat(), "day"
    if f.kind == "relunit":
        rel = m.group("rel").lower()
        n = {"last": -1, "past": -1, "next": 1, "coming": 1, "this": 0}[rel]
        return _shift(pub, m.group("unit"), n)
    if f.kind == "ago":
        raw = m.group("num").lower()
        n = int(raw) if raw.isdigit() else _NUMBERS[raw]
        return _shift(pub, m.group("unit"), -n)
    return None, None


def _shift(pub: date, unit: str, n: int) -> tuple[str, Precision]:
    if unit == "day":
        return (pub + timedelta(days=n)).isoformat(), "day"
    if unit == "week":
        return _week(pub + timedelta(weeks=n)), "week"
    if unit == "month":
        y, mo = _add_months(pub.year, pub.month, n)
        return f"{y:04d}-{mo:02d}", "month"
    return f"{pub.year + n:04d}", "year"


def _closest_month_day(pub: date, mo: int, day: int, future: bool,
                       weekday: int | None) -> date | None:
    """The occurrence of month/day nearest the publication date: the last one on or before it,
    or the next one on or after it in a future clause; a stated weekday picks the year."""
    cands = [d for y in (pub.year - 1, pub.year, pub.year + 1)
             if (d := _safe_date(y, mo, day)) is not None]
    if weekday is not None:
        matching = [d for d in cands if d.weekday() == weekday]
        if matching:
            return min(matching, key=lambda d: abs((d - pub).days))
    past = [d for d in cands if d <= pub]
    fut = [d for d in cands if d >= pub]
    if future and fut:
        return min(fut)
    if past:
        return max(past)
    return min(fut) if fut else None


def value_date(value: str, precision: Precision) -> date | None:
    """The first day a TIMEX value covers: 2024-10 → 2024-10-01, 2024-W43 → its Monday."""
    try:
        if precision == "week":
            y, w = value.split("-W")
            return date.fromisocalendar(int(y), int(w), 1)
        if precision == "day":
            return date.fromisoformat(value)
        if precision == "month":
            y, mo = value.split("-")
            return date(int(y), int(mo), 1)
        return date(int(value[:4]), 1, 1)
    except ValueError:
        return None
