"""Calendar arithmetic on TIMEX3 values (2024-10-23, 2024-W43, 2024-10, 2024-Q3, 2024-H1,
2024-SU, 2024, 202 for a decade): formatting a date at a granularity, shifting, first days."""

from __future__ import annotations

import re
from datetime import date, timedelta

from newsevents.records import Precision

__all__ = ["at_granularity", "granularity", "precision_of", "shift", "shift_years",
           "value_date"]

_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_FORMS: list[tuple[str, re.Pattern[str]]] = [
    ("day", re.compile(r"^(\d{4})-(\d\d)-(\d\d)(?:T.*)?$")),
    ("week", re.compile(r"^(\d{4})-W(\d\d)(?:-WE)?$")),
    ("month", re.compile(r"^(\d{4})-(\d\d)$")),
    ("quarter", re.compile(r"^(\d{4})-Q([1-4])$")),
    ("half", re.compile(r"^(\d{4})-H([12])$")),
    ("season", re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")),
    ("year", re.compile(r"^(\d{4})$")),
    ("decade", re.compile(r"^(\d{3})$")),
]


# The forms in one pattern, each a named group, tried in order as the list is (the whole
# value must match one): granularity() asks once, not once per form.
_ANY_FORM = re.compile(
    "^(?:" + "|".join(f"(?P<{name}>{pat.pattern[1:-1]})" for name, pat in _FORMS) + ")$")


def granularity(value: str | None) -> str | None:
    """The calendar unit a value names ("day", "week", "month", "quarter", ...) or None."""
    if not value:
        return None
    m = _ANY_FORM.match(value)
    return m.lastgroup if m else None


def precision_of(value: str | None) -> Precision | None:
    """The precision an event dated by this value gets; None for values that date nothing
    (durations, sets, PRESENT_REF, decades)."""
    g = granularity(value)
    if g in ("day", "week", "month", "year"):
        return g  # type: ignore[return-value]
    if g in ("quarter", "season"):
        return "month"
    if g == "half":
        return "year"
    return None


def value_date(value: str, precision: Precision | None = None) -> date | None:
    """The first day a value covers: 2024-10 → 2024-10-01, 2024-W43 → its Monday, 2024-Q3 →
    2024-07-01, 2024-W43-WE → its Saturday. ``precision`` is accepted for older callers."""
    g = granularity(value)
    try:
        if g == "day":
            return date.fromisoformat(value[:10])
        y = int(value[:4]) if g != "decade" else int(value) * 10
        if g == "week":
            return date.fromisocalendar(y, int(value[6:8]), 6 if value.endswith("WE") else 1)
        if g == "month":
            return date(y, int(value[5:7]), 1)
        if g == "quarter":
            return date(y, (int(value[6]) - 1) * 3 + 1, 1)
        if g == "half":
            return date(y, (int(value[6]) - 1) * 6 + 1, 1)
        if g == "season":
            return date(y, _SEASON_MONTH[value[5:7]], 1)
        if g in ("year", "decade"):
            return date(y, 1, 1)
    except ValueError:
        return None
    return None


def add_months(y: int, mo: int, n: int) -> tuple[int, int]:
    k = y * 12 + (mo - 1) + n
    return k // 12, k % 12 + 1


def at_granularity(d: date, unit: str) -> str:
    """``d`` written at ``unit``: day 2024-10-23, week 2024-W43, month, quarter, year, decade."""
    if unit == "day":
        return d.isoformat()
    if unit in ("week", "weekend"):
        iso = d.isocalendar()
        return f"{iso.year}-W{iso.week:02d}" + ("-WE" if unit == "weekend" else "")
    if unit == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if unit == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if unit == "half":
        return f"{d.year:04d}-H{(d.month - 1) // 6 + 1}"
    if unit == "decade":
        return f"{d.year // 10:03d}"
    if unit == "century":
        return f"{d.year // 100:02d}"
    return f"{d.year:04d}"


def shift(d: date, unit: str, n: int) -> date:
    """``d`` moved by ``n`` units (months and longer keep the day where the calendar allows)."""
    if unit == "day":
        return d + timedelta(days=n)
    if unit in ("week", "weekend"):
        return d + timedelta(weeks=n)
    months = {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120,
              "century": 1200}.get(unit, 12) * n
    y, mo = add_months(d.year, d.month, months)
    try:
        return date(y, mo, d.day)
    except ValueError:
        return date(y, mo, 28)


def shift_years(value: str, n: int) -> str | None:
    """A calendar value moved by ``n`` years at its own granularity (2024-Q3 → 2023-Q3)."""
    g = granularity(value)
    if g is None or g == "decade":
        return None
    if g == "day":
        d = value_date(value)
        return shift(d, "year", n).isoformat() + value[10:] if d else None
    return f"{int(value[:4]) + n:04d}{value[4:]}"


_WD = {"MON": 0, "TUE": 1, "WED": 2, "THU": 3, "FRI": 4, "SAT": 5, "SUN": 6}


def easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return date(year, month, day + 1)


def holiday_date(rule: str, year: int) -> date | None:
    """The date of a holiday rule (see ``[holidays]`` in timex.toml) in ``year``."""
    if rule.startswith("easter"):
        return easter(year) + timedelta(days=int(rule[6:] or 0))
    if "/" in rule:
        mo, n, wd = rule.split("/")
        m, k, w = int(mo), int(n), _WD[wd]
        if k > 0:
            first = date(year, m, 1)
            return first + timedelta(days=(w - first.weekday()) % 7 + 7 * (k - 1))
        last = date(year + (m == 12), m % 12 + 1, 1) - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - w) % 7)
    md, _, wd = rule.partition("+")
    d = date(year, int(md[:2]), int(md[3:5]))
    return d + timedelta(days=(_WD[wd] - d.weekday()) % 7) if wd else d
