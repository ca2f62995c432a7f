"""Normalising one matched temporal expression to a TIMEX3 value and type, against the
publication date, the tense of its clause, and the last calendar value mentioned (anaphora)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from newsevents.stages._timex_calendar import (
    at_granularity,
    granularity,
    holiday_date,
    shift,
    shift_years,
    value_date,
)
from newsevents.stages._timex_duration import dur, duration, parse_num
from newsevents.stages._timex_patterns import (
    MONTHS,
    ORDINALS,
    TENS_WORDS,
    WEEKDAYS,
    lexicon,
    number_words,
)

__all__ = ["Ctx", "Norm", "normalise"]

_BARE_UNIT = {"years": "Y", "months": "M", "weeks": "W", "days": "D", "decades": "Y",
              "centuries": "C", "hours": "H", "minutes": "M"}
_WORDS_BEFORE_MAY = frozenset((
    "in", "since", "during", "until", "till", "by", "before", "after", "from", "through",
    "throughout", "of", "to", "and", "between", "early", "late", "mid", "last", "next", "this",
    "that", "around", "or", "for"))


@dataclass(slots=True)
class Ctx:
    """What an expression is resolved against."""

    pub: date | None
    # +1: the clause speaks of the future, -1: of the past, 0: unknown; or the function that
    # works it out, called when a rule first asks (most expressions never do, and the tense
    # check is a scan of the clause).
    tense: int | Callable[[], int] = 0
    ref: str | None = None  # the last calendar value mentioned before it (for "a year earlier")
    # the word before the expression, lower-cased, or the function that finds it (called
    # when a rule first asks: a few kinds do)
    before: str | Callable[[], str] = ""
    quarter: str | None = None  # the first quarter the text names: the one it reports on

    @property
    def direction(self) -> int:
        if not isinstance(self.tense, int):
            self.tense = self.tense()
        return self.tense

    @property
    def prev_word(self) -> str:
        if not isinstance(self.before, str):
            self.before = self.before()
        return self.before


@dataclass(frozen=True, slots=True)
class Norm:
    value: str | None
    type: str = "DATE"
    year_guessed: bool = False  # its year came from the publication date, not the text
    time_only: bool = False  # a clock time ("T22:00") waiting for a date
    anaphoric: bool = False  # counted from another expression: never an anchor itself


_NEAR_DAYS = 90  # a past clause keeps a date this near ahead ("said it will pay Dec. 15")


# A date after these words is a deadline or a start, mostly ahead ("repay the loan by
# February", "effective Feb. 1"); they decide only where the clause has no tense cue.
_DEADLINE_WORDS = frozenset(("by", "until", "till", "through", "effective", "before"))


def _deadline(ctx: Ctx) -> int:
    """The clause's direction, or 2 (a weak future) where only a deadline word points ahead."""
    return 2 if ctx.direction == 0 and ctx.prev_word in _DEADLINE_WORDS else ctx.direction


# A weak future cue (a deadline word) keeps a date this recent: "had bought 481,000 shares
# through Sept. 29" a month later is that Sept. 29, not next year's.
_RECENT_DAYS = 45


def _closest(cands: list[date], pub: date, direction: int) -> date | None:
    """The candidate nearest ``pub``; a future clause takes the next one, a past clause the
    last one unless the next is near: news states coming dates in past-tense clauses ("said
    it would pay the dividend Dec. 15"), where the near one is the better guess (measured)."""
    past = [d for d in cands if d <= pub]
    fut = [d for d in cands if d >= pub]
    if direction > 1 and past and (pub - max(past)).days <= _RECENT_DAYS:
        return max(past)
    if direction > 0 and fut:
        return min(fut)
    # No tense cue reads as past: news mostly reports what has happened.
    if direction <= 0 and past and fut and (min(fut) - pub).days > _NEAR_DAYS:
        return max(past)
    if not cands:
        return None
    return min(cands, key=lambda d: (abs((d - pub).days), d > pub))


def _month_day(pub: date, mo: int, day: int, direction: int, wd: int | None) -> date | None:
    cands = []
    for y in (pub.year - 1, pub.year, pub.year + 1):
        try:
            cands.append(date(y, mo, day))
        except ValueError:
            continue
    if wd is not None:
        matching = [d for d in cands if d.weekday() == wd]
        if matching:
            return min(matching, key=lambda d: abs((d - pub).days))
    return _closest(cands, pub, direction)


def _weekday(pub: date, wd: int, rel: str, direction: int) -> date:
    back = (pub.weekday() - wd) % 7
    fwd = (wd - pub.weekday()) % 7
    if rel in ("last", "past", "the previous", "this past"):
        return pub - timedelta(days=back or 7)
    if rel in ("next", "coming", "the following", "the next"):
        return pub + timedelta(days=fwd or 7)
    if rel == "this":
        return pub + timedelta(days=wd - pub.weekday())
    if direction > 0:
        return pub + timedelta(days=fwd)
    if direction < 0:
        return pub - timedelta(days=back)
    # No tense cue: news reports what happened, so the last such day unless it is tomorrow
    return pub - timedelta(days=back) if back <= fwd or fwd > 1 else pub + timedelta(days=fwd)


def _anchor(ctx: Ctx, unit: str) -> date | None:
    """The date an anaphoric expression counts from: the last value mentioned when it is at
    least as fine as ``unit``, else the publication date."""
    order = ["day", "week", "month", "quarter", "half", "season", "year"]
    g = granularity(ctx.ref)
    if ctx.ref and g in order and unit in order and order.index(g) <= order.index(unit):
        return value_date(ctx.ref)
    return ctx.pub


def _with_part(value: str, part: str | None) -> str:
    if not part:
        return value
    code = lexicon()["day_parts"].get(part.lower())
    return f"{value}T{code}" if code else value


def normalise(kind: str, m: re.Match[str], ctx: Ctx) -> Norm | None:
    """The value of match ``m`` of pattern ``kind``; None when the match is no time expression
    or names a day outside the calendar's range (years 1-9999)."""
    try:
        return _normalise(kind, m, ctx)
    except (ValueError, OverflowError):  # date arithmetic past year 1 or 9999: one expression
        return None  # without a value must not cost the article its dates


def _normalise(kind: str, m: re.Match[str], ctx: Ctx) -> Norm | None:
    g = m.groupdict()
    pub = ctx.pub
    if kind in ("iso", "slash", "mdy", "dmy"):
        mo = int(g["month"]) if kind in ("iso", "slash") else MONTHS[g["month"].rstrip(".").lower()]
        day = int(g["day"])
        if not (1 <= mo <= 12 and 1 <= day <= 31):
            return None
        if g.get("year"):
            y = int(g["year"])
            y = y + (1900 if y >= 50 else 2000) if y < 100 else y
            try:
                return Norm(date(y, mo, day).isoformat())
            except ValueError:
                return None
        if pub is None:
            return Norm(None)
        wd = WEEKDAYS.get((g.get("wd") or "").lower())
        d = _month_day(pub, mo, day, _deadline(ctx), wd)
        return Norm(d.isoformat() if d else None, year_guessed=True)
    if kind == "my":
        return Norm(f"{int(g['year']):04d}-{MONTHS[g['month'].lower()]:02d}")
    if kind == "year":
        if g.get("fiscal") is None and ctx.prev_word in _QUANTITY_WORDS:
            return None
        return Norm(g["year"])
    if kind == "spelled_year":
        return _spelled_year(g["sy"])
    if kind == "decade":
        if g.get("dec"):
            return Norm(g["dec"])
        if g.get("dec2"):
            return Norm("19" + g["dec2"])
        return Norm("19" + str(TENS_WORDS[g["decw"].lower()]))
    if kind == "century":
        n = int(g["cent"])
        return Norm(f"{n - 1:02d}") if 1 <= n <= 30 else None
    if kind in ("quarter", "quarter_ref"):
        return _quarter(kind, g, ctx)
    if kind == "ref":
        return Norm(next(k for k in ("PRESENT_REF", "PAST_REF", "FUTURE_REF") if g.get(k)))
    if kind == "set":
        num = parse_num(g["num"]) if g.get("num") else 1
        return Norm(dur(num, g["unit"]), "SET")
    if kind == "set_adv":
        adv = g["adv"].lower()
        return Norm({"annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H", "daily": "P1D",
                     "weekly": "P1W", "monthly": "P1M"}[adv], "SET")
    if kind == "weekday_set":
        name = (g.get("wds") or g.get("wd1") or g.get("wd2") or "").lower()
        v = f"XXXX-WXX-{WEEKDAYS[name] + 1}"
        if g.get("parts"):
            v = _with_part(v, g["parts"].lower().rstrip("s"))
        return Norm(v, "SET")
    if kind == "duration":
        found = duration(m, ctx.prev_word)
        return Norm(*found) if found else None
    if kind == "bare_dur":
        return Norm("P" + ("T" if g["bare"].lower() in ("hours", "minutes") else "")
                    + "X" + _BARE_UNIT[g["bare"].lower()], "DURATION")
    if kind == "clock":
        h = int(g["h"])
        ap = g["ap"].lower()[0]
        if not 1 <= h <= 12:
            return None
        h = (h % 12) + (12 if ap == "p" else 0)
        return Norm(f"T{h:02d}:{g.get('mi') or '00'}", "TIME", time_only=True)
    if kind == "clock_part":
        h = int(g["h"])
        if not 1 <= h <= 12:
            return None
        pm = (g.get("cpart") or "").lower() in ("afternoon", "evening") or (
            bool(g.get("cnight")) and h >= 6)
        h = (h % 12) + (12 if pm else 0)
        return Norm(f"T{h:02d}:{g.get('mi') or '00'}", "TIME", time_only=True)
    if kind == "clock_word":
        return Norm("T12:00" if g["cw"].lower() in ("noon", "midday") else "T24:00", "TIME",
                    time_only=True)
    if kind == "month":
        return _month(g, ctx)
    if kind == "holiday":
        return _holiday(g, ctx)
    if kind == "the_year":
        unit = (g.get("tunit") or "year").lower()
        if g.get("ended"):
            # "the year ended March 31": a period of a year
            return Norm(dur(1, unit), "DURATION") if unit == "year" else None
        base = _anchor(ctx, unit)
        return Norm(at_granularity(base, unit), anaphoric=True) if base else Norm(None)
    if kind == "clock24":
        return Norm(f"T{int(g['h']):02d}:{g['mi']}Z", "TIME", time_only=True)  # UTC
    if pub is None:
        return Norm(None)
    return _relative(kind, m, ctx, pub)


_QUANTITY_WORDS = frozenset((
    "about", "some", "nearly", "almost", "than", "over", "under", "around", "approximately",
    "least", "only", "just", "to", "$", "additional", "another"))


def _spelled_year(raw: str) -> Norm | None:
    s = raw.lower().replace("-", " ").split()
    words = number_words()
    if s[:2] == ["two", "thousand"]:
        rest = [w for w in s[2:] if w != "and"]
        n = sum(words.get(w, 0) for w in rest)
        return Norm(f"{2000 + n:04d}")
    if s[0] == "nineteen" and len(s) >= 2:
        n = sum(words.get(w, 0) for w in s[1:])
        return Norm(f"19{n:02d}") if 10 <= n <= 99 else None
    return None


def _month(g: dict[str, str | None], ctx: Ctx) -> Norm | None:
    name = g["month"] or ""
    mo = MONTHS[name.lower()]
    rel = " ".join((g.get("rel") or "").lower().split())
    if name == "May" and not rel and not g.get("mod") and ctx.prev_word not in _WORDS_BEFORE_MAY:
        return None  # the modal verb at the start of a sentence
    pub = ctx.pub
    if pub is None:
        return Norm(None)
    yrel = (g.get("yrel") or "").lower()
    if yrel:
        y = pub.year + {"last": -1, "this": 0, "next": 1}[yrel]
        return Norm(f"{y:04d}-{mo:02d}")
    if rel == "this":
        y = pub.year
    elif rel in ("last", "this past"):
        y = pub.year if mo < pub.month else pub.year - 1
    elif rel == "next":
        y = pub.year if mo > pub.month else pub.year + 1
    else:
        cands = [date(y, mo, 1) for y in (pub.year - 1, pub.year, pub.year + 1)]
        d = _closest(cands, date(pub.year, pub.month, 1), _deadline(ctx))
        y = d.year if d else pub.year
        return Norm(f"{y:04d}-{mo:02d}", year_guessed=True)
    return Norm(f"{y:04d}-{mo:02d}")


def _holiday(g: dict[str, str | None], ctx: Ctx) -> Norm | None:
    name = " ".join((g.get("hol") or "").lower().split())
    rule = lexicon()["holidays"].get(name)
    if rule is None:
        return None
    if g.get("year"):
        d = holiday_date(rule, int(g["year"] or 0))
        return Norm(d.isoformat() if d else None)
    if ctx.pub is None:
        return Norm(None)
    pub = ctx.pub
    cands = [d for y in (pub.year - 1, pub.year, pub.year + 1)
             if (d := holiday_date(rule, y)) is not None]
    d = _closest(cands, pub, ctx.direction)
    return Norm(d.isoformat() if d else None, year_guessed=True)


def _quarter(kind: str, g: dict[str, str | None], ctx: Ctx) -> Norm | None:
    unit = (g.get("qunit") or "").lower()
    mods = " ".join((g.get("qmods") or "").lower().split())
    back = bool(g.get("qago")) or "year-earlier" in mods or "year-ago" in mods
    year_m = re.search(r"\b((?:1[5-9]|20)\d\d)\b", mods)
    rel_m = re.search(r"\b(this|last|next) year's", mods)
    pub = ctx.pub
    qyear = g.get("qyear")
    year: int | None = int(qyear) if qyear else None
    if year is None and year_m:
        year = int(year_m.group(1))
    rel = (g.get("qrel") or "") or (rel_m.group(1) if rel_m else "")
    if year is None and rel and pub is not None:
        year = pub.year + {"last": -1, "this": 0, "next": 1}[rel]
    if kind == "quarter":
        n = ORDINALS[(g.get("ord") or "").lower()]
        letter = "Q" if unit == "quarter" else "H"
        if unit == "half" and n > 2:
            n = 2
        if year is None:
            if pub is None:
                return Norm(None)
            cur = (pub.month - 1) // 3 + 1 if letter == "Q" else (pub.month - 1) // 6 + 1
            year = pub.year
            if ctx.direction <= 0 and n > cur:
                year -= 1  # "the fourth quarter" in February: the one just ended
        return Norm(f"{year - back:04d}-{letter}{n}", anaphoric=back)
    # "the quarter", "the year-earlier period": the quarter last mentioned, or the current one.
    if unit == "period" and not mods and not back:
        return None
    if pub is None:
        return Norm(None)
    if "current" in mods or ((g.get("det") or "").lower() == "this" and not mods):
        v: str | None = at_granularity(pub, "quarter")
    elif ctx.quarter:
        # "the quarter", "the year-earlier period": a report's quarter is the one it names
        # first; a quarter named in passing later ("after a flat second quarter") is not it
        v = ctx.quarter
    elif ctx.ref and granularity(ctx.ref) in ("quarter", "half"):
        v = ctx.ref
    else:
        v = at_granularity(shift(pub, "quarter", -1), "quarter")
    if year is not None and v:
        v = f"{year:04d}{v[4:]}"
    if back and v:
        return Norm(shift_years(v, -1), anaphoric=True)
    return Norm(v)


def _relative(kind: str, m: re.Match[str], ctx: Ctx, pub: date) -> Norm | None:
    g = m.groupdict()
    if kind == "weekday":
        wd = WEEKDAYS[(g.get("wd") or "").lower()]
        rel = " ".join((g.get("rel") or "").lower().split())
        base = pub
        if rel in ("the previous", "the following") and granularity(ctx.ref) == "day":
            # "down 4.5% from the previous Friday": the one before the day last mentioned
            base = _anchor(ctx, "day") or pub
        d = _weekday(base, wd, rel, ctx.direction)
        return Norm(_with_part(d.isoformat(), g.get("part")))
    if kind == "deictic":
        word = " ".join((g.get("word") or "").lower().split())
        shift_days = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1,
                      "last night": -1, "overnight": 0}[word]
        day = (pub + timedelta(days=shift_days)).isoformat()
        part = g.get("part") or ("night" if word in ("tonight", "last night", "overnight")
                                 else None)
        return Norm(_with_part(day, part), "TIME" if part else "DATE")
    if kind == "dpart":
        if g.get("this"):
            return Norm(_with_part(pub.isoformat(), g.get("part")), "TIME")
        # "mid-afternoon yesterday": a part of the day beside it, else of the day last named
        # in its sentence (joined by the finder like a clock time)
        return Norm(_with_part("", g.get("part")), "TIME", time_only=True)
    if kind == "weekend":
        # The weekend just past, or the coming one in a future clause.
        sat = pub - timedelta(days=(pub.weekday() - 5) % 7)
        if ctx.direction > 0 and sat < pub:
            sat += timedelta(weeks=1)
        return Norm(at_granularity(sat, "weekend"))
    if kind == "dayrel":
        base = _anchor(ctx, "day") or pub
        n = -1 if (g.get("dir") or "").lower() == "before" else 1
        return Norm(shift(base, "day", n).isoformat())
    if kind == "endof":
        unit = (g.get("eunit") or "year").lower()
        return Norm(at_granularity(pub, unit))
    if kind == "relunit":
        return _relunit(g, ctx, pub)
    if kind == "same_ago":
        unit = (g.get("sunit") or "").lower()
        grain = granularity(ctx.ref)
        if unit == "period":
            unit = grain if grain in ("day", "week", "month", "quarter") else "quarter"
        base = _anchor(ctx, unit) or pub
        return Norm(shift_years(at_granularity(base, unit), -1), anaphoric=True)
    if kind == "ago":
        return _ago(g, ctx, pub)
    if kind == "yearago":
        if ctx.ref and granularity(ctx.ref) not in (None, "decade"):
            return Norm(shift_years(ctx.ref, -1), anaphoric=True)
        return Norm(f"{pub.year - 1:04d}")
    if kind == "season":
        return _season(g, pub)
    return None


def _relunit(g: dict[str, str | None], ctx: Ctx, pub: date) -> Norm | None:
    rel = " ".join((g.get("rel") or "").lower().split())
    unit = (g.get("unit") or "").lower()
    the = rel.startswith("the ")
    word = rel[4:] if the else rel
    if the and word in ("last", "past") and not g.get("pre"):
        if unit in ("weekend", "day"):
            return None
        return Norm(dur(1, unit), "DURATION")  # "over the past year": a duration
    if word in ("this", "current", "latest") or (word == "same" and not ctx.ref):
        return Norm(at_granularity(pub, unit))
    if word in ("that", "same"):
        base = _anchor(ctx, unit)
        return Norm(at_granularity(base, unit)) if base else None
    n = {"last": -1, "past": -1, "this past": -1, "previous": -1, "prior": -1, "preceding": -1,
         "next": 1, "coming": 1, "following": 1}.get(word)
    if n is None:
        return None
    base = (_anchor(ctx, unit) if the and word in ("previous", "prior", "preceding", "following",
                                                  "next") else pub) or pub
    return Norm(at_granularity(shift(base, unit, n), unit))


def _ago(g: dict[str, str | None], ctx: Ctx, pub: date) -> Norm | None:
    unit = (g.get("unit") or "").lower()
    if unit == "centurie":
        unit = "century"
    if unit == "night":
        unit = "day"
    n = parse_num(g.get("num") or "")
    direction = " ".join((g.get("dir") or g.get("dir2") or g.get("dir3") or "").lower().split())
    sign = -1 if direction in ("ago", "earlier", "before", "back") else 1
    if n is None:
        return Norm("PAST_REF" if sign < 0 else "FUTURE_REF")
    if unit in ("second", "minute", "hour"):
        return Norm(pub.isoformat())  # "two hours ago": the publication day
    anaphoric = direction in ("earlier", "later", "before", "after")
    if unit == "year" and ctx.ref and granularity(ctx.ref) in ("quarter", "half"):
        # "a year ago" beside "the third quarter": the same quarter a year before
        return Norm(shift_years(ctx.ref, sign * n), anaphoric=True)
    base = (_anchor(ctx, unit) if anaphoric else pub) or pub
    try:
        moved = shift(base, unit, sign * n)
    except (ValueError, OverflowError):  # "4,000 years ago": before year 1, no calendar date
        return Norm("PAST_REF" if sign < 0 else "FUTURE_REF")
    return Norm(at_granularity(moved, unit), anaphoric=anaphoric)


def _season(g: dict[str, str | None], pub: date) -> Norm | None:
    code, start = lexicon()["seasons"][(g.get("season") or "").lower()]
    mods = " ".join((g.get("smods") or "").lower().split())
    if g.get("year"):
        return Norm(f"{g['year']}-{code}")
    name = (g.get("season") or "").lower()
    if mods in ("", "the") and name not in ("summer", "winter"):
        return None  # "spring" and "fall" are verbs and nouns too often ("the fall of Assad")
    y = pub.year
    if "last" in mods or "past" in mods:
        y = pub.year if start + 3 <= pub.month else pub.year - 1
    elif "next" in mods:
        y = pub.year if start > pub.month else pub.year + 1
    return Norm(f"{y:04d}-{code}")
