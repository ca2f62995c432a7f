"""Publication-date evidence for the metadata stage: date strings, date lines, weekday dates.

Dates in the text are found by small patterns and read with a month table; dateparser only ever
sees one short extracted string (never the whole article: its search is slow and over-eager).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime
from functools import cache

from newsevents.lexicon import load_toml
from newsevents.stages._regex_first import guarded

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_M = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WD = (
    r"(?P<wd>mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?)\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_NO_YEAR = r"(?!,?\s*(?:19|20)\d\d)"
_I = re.IGNORECASE
# Full dates with a year: "October 23, 2024", "Wed, 23 Oct 2024", "2024-10-23".
# Guarded by their first characters (the same matches, most positions rejected at once).
FULL_DATES = (
    guarded(rf"\b(?:{_WD},?\s+)?{_M}\s+{_DAY}\b,?\s+{_YEAR}\b", _I),
    guarded(rf"\b(?:{_WD},?\s+)?{_DAY}\s+(?:of\s+)?{_M},?\s+{_YEAR}\b", _I),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]?\d)-(?P<day>[0-3]?\d)\b"),
    # Day first with dots, as written across Europe: "02.08.2024", "2. 8. 2024".
    re.compile(r"(?<![\d.])(?P<day>[0-3]?\d)\.\s?(?P<mnum>[01]?\d)\.\s?(?P<year>(?:19|20)\d\d)"
               r"(?![\d.]\d)"),
)
# A weekday and a day without a year: "Wednesday October 23", "Wednesday, Oct. 23", "Wed 23 Oct".
WEEKDAY_DATES = (
    guarded(rf"\b{_WD},?\s+{_M}\s+{_DAY}\b{_NO_YEAR}", _I),
    guarded(rf"\b{_WD},?\s+(?:the\s+)?{_DAY}\s+(?:of\s+)?{_M}(?![a-z]){_NO_YEAR}", _I),
)
_LINE_PREFIX = re.compile(
    r"(?P<kind>first\s+published|published|posted|last\s+updated|updated|date|dated)\b", _I
)
_BYLINE = re.compile(r"by\s+\S.{0,80}?(?:\||•|·|—|–|,)", _I)
# Longest line taken as a "date line" (a byline with a date and a time fits; a sentence not).
_DATE_LINE_MAX = 120


@dataclass(frozen=True, slots=True)
class Found:
    value: date
    text: str
    updated: bool = False


@cache
def _foreign_months() -> tuple[dict[str, int], re.Pattern[str]]:
    """Month names of other languages (data/months.toml) and a pattern for "23. Oktober 2024"
    and "Oktober 23, 2024"."""
    table: dict[str, int] = {}
    for names in load_toml("months.toml")["months"].values():
        for i, name in enumerate(names, start=1):
            table[name.lower()] = i
    alt = "|".join(sorted(map(re.escape, table), key=len, reverse=True))
    rx = re.compile(
        rf"(?<!\w)(?:(?P<day>[0-3]?\d)\.?\s*(?:de\s+)?(?P<fmon>{alt})(?:\s+de)?,?\s+{_YEAR}"
        rf"|(?P<fmon2>{alt})\s+(?P<day2>[0-3]?\d),?\s+(?P<year2>(?:19|20)\d\d))\b",
        re.IGNORECASE)
    return table, rx


def foreign_dates(text: str) -> list[tuple[re.Match[str], date]]:
    table, rx = _foreign_months()
    out = []
    for m in rx.finditer(text):
        name = (m.group("fmon") or m.group("fmon2")).lower()
        day = m.group("day") or m.group("day2")
        year = m.group("year") or m.group("year2")
        try:
            out.append((m, date(int(year), table[name], int(day))))
        except ValueError:
            continue
    return out


def any_dates(text: str) -> list[tuple[re.Match[str], date]]:
    """Full dates of ``text`` in English or in the month names of data/months.toml."""
    return sorted(full_dates(text) + foreign_dates(text), key=lambda x: x[0].start())


# Dates in URLs: /2024/07/07/, /2024-07-07/, -20241117, /20241117/.
_URL_DATES = (
    re.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<mnum>[01]?\d)/(?P<day>[0-3]?\d)(?:/|$|[-_.])"),
    re.compile(r"[/_-](?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)(?:/|$|[-_.])"),
    re.compile(r"[/_-](?P<year>20\d\d)(?P<mnum>[01]\d)(?P<day>[0-3]\d)(?:/|$|[-_.?#])"),
)


def url_date(url: str) -> date | None:
    """The day a URL's path gives, if it gives one."""
    path = url.split("?", 1)[0].split("#", 1)[0]
    for rx in _URL_DATES:
        m = rx.search(path)
        if m is not None:
            d = _date_of(m)
            if d is not None:
                return d
    return None


def url_month(url: str) -> tuple[int, int] | None:
    """(year, month) of a /2025/01/ path, for checking other dates."""
    m = re.search(r"/((?:19|20)\d\d)/([01]?\d)/", url)
    if m and 1 <= int(m.group(2)) <= 12:
        return int(m.group(1)), int(m.group(2))
    return None


def _month_ok(m: re.Match[str]) -> bool:
    """A month word must be capitalised (so the verb "may" is not May)."""
    mon = m.groupdict().get("mon")
    return mon is None or mon[0].isupper()


def _date_of(m: re.Match[str]) -> date | None:
    g = m.groupdict()
    month = int(g["mnum"]) if g.get("mnum") else _MONTHS[g["mon"][:3].lower()]
    try:
        return date(int(g["year"]), month, int(g["day"]))
    except ValueError:
        return None


def full_dates(text: str) -> list[tuple[re.Match[str], date]]:
    out = []
    for rx in FULL_DATES:
        for m in rx.finditer(text):
            d = _date_of(m)
            if d is not None and _month_ok(m):
                out.append((m, d))
    return sorted(out, key=lambda x: x[0].start())


def parse_date_string(s: str) -> date | None:
    """A date from a metadata or input string (ISO 8601, RFC 2822, "23 Oct 2024", ...)."""
    s = s.strip()
    if not s:
        return None
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    if re.fullmatch(r"(?:19|20)\d{6}", s):
        try:
            return date(int(s[:4]), int(s[4:6]), int(s[6:]))
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        pass
    found = full_dates(s)
    if found:
        return found[0][1]
    if len(s) > 60:
        return None
    import dateparser  # slow import; only for the odd string the fast paths cannot read

    # English only: loading every language model takes seconds, and feeds write dates in English.
    dt = dateparser.parse(s, languages=["en"], settings={"STRICT_PARSING": True})
    return dt.date() if dt is not None else None


def plausible(d: date, today: date) -> bool:
    """A publication date is not before 1900 and not after tomorrow (time zones)."""
    return date(1900, 1, 1) <= d <= today + timedelta(days=1)


def date_line(paragraphs: list[str], today: date) -> Found | None:
    """A publication date written on a line of its own near the top ("Published: ...")."""
    best: Found | None = None
    for para in paragraphs:
        line = para.strip()
        if len(line) > _DATE_LINE_MAX:
            continue
        found = [(m, d) for m, d in full_dates(line) if plausible(d, today)]
        if not found:
            continue
        m, d = found[0]
        prefix = _LINE_PREFIX.match(line)
        is_line = (
            prefix is not None
            or _BYLINE.match(line) is not None
            or len(line) - len(m.group()) <= 30
        )
        if not is_line:
            continue
        updated = prefix is not None and "updated" in prefix.group("kind").lower()
        if not updated:
            return Found(d, m.group())
        best = best or Found(d, m.group(), updated=True)
    return best


def dateline_date(paragraph: str, today: date) -> Found | None:
    """A dated dateline: "KAZAN, Russia, Oct 23, 2024 (Reuters) -" (the year is needed)."""
    cut = re.search(r"\s(?:--?|[–—])\s|\(", paragraph[:120])
    head = paragraph[: cut.start()] if cut else ""
    for m, d in full_dates(head):
        if plausible(d, today):
            return Found(d, m.group())
    return None


def weekday_date(paragraphs: list[str], today: date) -> tuple[Found, str] | None:
    """The first "Wednesday October 23" (no year), with the year inferred from the weekday:
    the latest year, not after today, in which that day falls on that weekday."""
    for para in paragraphs:
        hits = sorted(
            (m for rx in WEEKDAY_DATES for m in rx.finditer(para) if _month_ok(m)),
            key=lambda m: m.start(),
        )
        for m in hits:
            month = _MONTHS[m.group("mon")[:3].lower()]
            weekday = _WEEKDAYS[m.group("wd")[:3].lower()]
            year = infer_year(month, int(m.group("day")), weekday, today)
            if year is not None:
                name = WEEKDAY_NAMES[weekday]
                return Found(date(year, month, int(m.group("day"))), m.group()), name
    return None


def infer_year(month: int, day: int, weekday: int, today: date) -> int | None:
    # Weekdays repeat within 28 years (leap days included), so 29 years always suffice.
    for year in range(today.year, today.year - 29, -1):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if d <= today and d.weekday() == weekday:
            return year
    return None
