"""Durations of the temporal tagger: counts ("two and a half", "several"), units and the
TIMEX3 duration values (P2Y6M, PT1H30M, PXY) built from them, and rates read as sets."""

from __future__ import annotations

import re

from newsevents.stages._timex_patterns import fuzzy_words, number_words

__all__ = ["TIME_UNITS", "dur", "duration", "frac_dur", "parse_num"]

_UNIT_LETTER = {"second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D",
                "week": "W", "month": "M", "quarter": "Q", "year": "Y", "decade": "E",
                "century": "C", "centurie": "C"}
TIME_UNITS = ("second", "minute", "hour")


def parse_num(raw: str) -> int | None:
    """A count from digits or words; None for a fuzzy quantity ("several")."""
    s = " ".join(raw.lower().replace(",", "").split())
    if s.replace(".", "", 1).isdigit():
        return int(float(s))
    words = number_words()
    if s in words:
        return words[s]
    if "-" in s or " " in s:
        parts = re.split(r"[- ]", s)
        if len(parts) == 2 and parts[0] in words and parts[1] in words:
            return words[parts[0]] + words[parts[1]]
    if s in fuzzy_words():
        return None
    return None


def dur(num: int | None, unit: str) -> str:
    """P<n><unit> (PT for clock units); X for an unknown count."""
    unit = unit.lower()
    if unit == "decade":
        # Decades are written in years ("the past decade" P10Y, "decades" PXY), as both
        # TimeBank and MEANTIME annotate them.
        return f"P{'X' if num is None else num * 10}Y"
    letter = _UNIT_LETTER.get(unit, "Y")
    n = "X" if num is None else str(num)
    return f"PT{n}{letter}" if unit in TIME_UNITS else f"P{n}{letter}"


# After an amount or a count of things, "a year" is a rate: "$1.76 a year", "24 hours a day",
# "four flights a week" (a SET, TIMEX3's "every").
_RATE_BEFORE = re.compile(r"^(?:[\d$£€%.,]+|million|billion|trillion|thousand|hundred|dozens?|"
                          r"(?!(?:was|has|is|as|this|its|his|us|less|across|perhaps|always|"
                          r"towards?|afterwards|besides|thus|plus)$)[a-z]{3,}s)$")


def duration(m: re.Match[str], prev_word: str = "") -> tuple[str, str] | None:
    """The (value, type) of a duration match: a DURATION, or a SET for a rate ("$5 a year")."""
    g = m.groupdict()
    unit = (g.get("unit") or "").lower()
    raw = g.get("num") or ""
    n = parse_num(raw)
    if (raw.lower() in ("a", "an") and not (g.get("dmods") or "").strip()
            and not g.get("frac2") and unit in ("hour", "day", "week", "month", "year")
            and _RATE_BEFORE.match(prev_word)):
        return dur(1, unit), "SET"
    if unit == "second" and not raw[:1].isdigit() and n == 1:
        return None  # "a second round" is an ordinal, not one second
    if unit == "quarter" and m.string.startswith(" of", m.end()):
        return None  # "three-quarters of the vote" is a fraction
    if g.get("num2"):
        n2 = parse_num(g["num2"] or "")
        if n2 is None or n is None or n2 > n * 3:
            n = None
    if unit == "night":
        unit = "day"
    frac = _FRACTIONS.get(" ".join((g.get("frac") or g.get("frac2") or "").lower().split()))
    if frac is None and "." in raw and n is not None:
        frac = float(raw.replace(",", "")) - n  # "2.5 years"
    if frac and n is not None and not g.get("num2"):
        return frac_dur(n + frac, unit), "DURATION"
    return dur(n, unit), "DURATION"


_FRACTIONS = {"1/2": 0.5, "and 1/2": 0.5, "a half": 0.5, "and a half": 0.5, "one half": 0.5,
              "and one half": 0.5, "1/4": 0.25, "and 1/4": 0.25, "a quarter": 0.25,
              "and a quarter": 0.25, "3/4": 0.75, "and 3/4": 0.75, "three quarters": 0.75,
              "and three quarters": 0.75}
# A unit and the next smaller one it divides into evenly (a fraction of it is written there).
_SMALLER = {"year": ("month", 12), "decade": ("year", 10), "century": ("year", 100),
            "day": ("hour", 24), "hour": ("minute", 60), "minute": ("second", 60),
            "quarter": ("month", 3)}


def frac_dur(x: float, unit: str) -> str:
    """A fractional duration as TIMEX3 writes it: "2 1/2 years" → P2Y6M, "1 1/2 hours" →
    PT1H30M, and a decimal where no smaller unit divides evenly (P1.5W)."""
    whole = int(x)
    small = _SMALLER.get(unit)
    if small is not None:
        sub, k = small
        rest = (x - whole) * k
        if abs(rest - round(rest)) < 1e-9:
            if unit in ("decade", "century"):
                return dur(whole * k + round(rest), sub)
            head = dur(whole, unit) if whole else ("PT" if unit in TIME_UNITS else "P")
            tail = dur(round(rest), sub)
            tail = tail[2:] if tail.startswith("PT") else tail[1:]
            if unit not in TIME_UNITS and sub in TIME_UNITS:
                tail = "T" + tail  # P1DT12H
            return head + tail
    return dur(whole, unit).replace(str(whole), f"{x:g}", 1)
