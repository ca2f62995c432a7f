"""The actors stage's lexicon: our data files compiled once into Aho-Corasick automata."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from typing import Any, NamedTuple

import ahocorasick

from newsevents.lexicon import load_csv, load_toml
from newsevents.records import ActorKind

# What a matched pattern says about its entry; decides how the stage uses the match.
NAME = "name"  # a country's name: always a mention, may take "'s" and a sector noun
ADJ = "adj"  # a demonym or adjective: a mention, may take a sector noun
PREFIX = "prefix"  # "Sino" in "Sino-Iranian": only before a hyphen and a capital
CAPITAL = "capital"  # "Moscow": a mention only when used as an actor
SEAT = "seat"  # "the Kremlin": always a mention
ORG = "org"  # organisations, IGOs, armed groups, national institutions
PERSON = "person"  # a known person's full name or safe alias
STATE = "state"  # a subnational unit ("Louisiana"): only a prefix before a title
STOP = "stop"  # a longer name that is not an actor ("South China Sea")

SECTOR_NAMES = {
    "GOV": "government", "MIL": "military", "COP": "police", "SPY": "intelligence",
    "REB": "rebels", "OPP": "opposition", "LEG": "legislature", "JUD": "judiciary",
    "MED": "media", "BUS": "business", "CVL": "civilians", "EDU": "education",
    "LAB": "labor", "HLH": "health", "REF": "refugees", "REL": "religious", "PTY": "party",
    "NGO": "NGOs", "IGO": "international organisation", "ELI": "elites",
    "CRM": "criminals", "AGR": "farmers",
}


@dataclass(frozen=True, slots=True)
class Tenure:
    """An office held from ``start`` (inclusive) to ``end`` (exclusive); None: not recorded."""

    office: str
    sector: str | None
    country: str | None
    start: date | None
    end: date | None


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor the stage can recognise by name, and the patterns that name it.

    ``patterns`` are literal strings matched on word boundaries. With ``case_sensitive`` False
    (the default for entries given by callers) a pattern matches in any case, but the text must
    begin with a capital letter or digit, so PETRARCH-style upper-case patterns ("ARNOR") find
    "Arnor". ``kind`` "country" entries behave like built-in countries (possessives, sector
    nouns: "Arnor's police" gives ``<id>:COP``); an entry of kind "group" with no country but a
    sector is an agent noun ("police") that only composes with a preceding country. A person's
    ``tenures`` are offices with dates: the one held on an article's date gives the person's
    role, country and sector there, and "the <country> <office>" resolves to the holder.
    """

    patterns: tuple[str, ...]
    id: str
    name: str
    kind: ActorKind
    country: str | None = None
    sector: str | None = None
    case_sensitive: bool = False
    tenures: tuple[Tenure, ...] = ()


@dataclass(frozen=True, slots=True)
class Pattern:
    entry: str  # actor id
    form: str
    requires: str | None = None  # ISO3 that must be mentioned elsewhere
    capital_first: bool = False  # case-insensitive pattern whose text must start upper-case


class Match(NamedTuple):
    start: int
    end: int
    pattern: Pattern  # the primary reading
    alts: tuple[Pattern, ...] = ()  # every reading of the same string ("Georgia": GEO, US state)

    @property
    def state(self) -> str | None:
        """The country of a subnational reading, if the string has one."""
        return next((p.entry for p in self.alts if p.form == STATE), None)


@dataclass
class Lexicon:
    entries: dict[str, ActorEntry] = field(default_factory=dict)
    adjective: dict[str, str] = field(default_factory=dict)  # ISO3 -> adjective for group names
    tenures: dict[str, list[Tenure]] = field(default_factory=dict)  # person id -> offices
    person_names: dict[str, str] = field(default_factory=dict)  # name or alias -> person id
    agents: dict[str, str] = field(default_factory=dict)  # extra lower-case agent noun -> sector
    # Unambiguous country names and demonyms of one or two words -> ISO3 ("Syrian": SYR), to
    # read the country inside an organisation's name.
    country_words: dict[str, str] = field(default_factory=dict)
    _sensitive: Any = None
    _insensitive: Any = None

    def add(self, text: str, pat: Pattern, case_sensitive: bool) -> None:
        text = text.strip()
        if not text:
            return
        if case_sensitive:
            if self._sensitive is None:
                self._sensitive = ahocorasick.Automaton()
            _add(self._sensitive, text, pat)
        else:
            low = text.lower()
            if len(low) != len(text):
                return
            if self._insensitive is None:
                self._insensitive = ahocorasick.Automaton()
            _add(self._insensitive, low, pat)

    def add_probe(self, word: str, tag: str) -> None:
        """A lower-case word whose starts in the lower-case text :meth:`probe` reports under
        ``tag``: the candidates of another scan (a prefilter), found in the pass over the
        lower-case text that the case-insensitive patterns take anyway."""
        if self._insensitive is None:
            self._insensitive = ahocorasick.Automaton()
        auto = self._insensitive
        if word in auto:
            length, pats, tags = auto.get(word)
            if tag not in tags:
                auto.add_word(word, (length, pats, (*tags, tag)))
        else:
            auto.add_word(word, (len(word), (), (tag,)))

    def finish(self) -> None:
        for a in (self._sensitive, self._insensitive):
            if a is not None:
                a.make_automaton()

    def group(self, country: str, sector: str) -> ActorEntry:
        """The entry for a country's sector group ("ISR:MIL"), made on first use."""
        gid = f"{country}:{sector}"
        e = self.entries.get(gid)
        if e is None:
            base = self.entries.get(country)
            adj = self.adjective.get(country) or (base.name if base else country)
            e = ActorEntry((), gid, f"{adj} {SECTOR_NAMES.get(sector, sector)}", "group",
                           country, sector)
            self.entries[gid] = e
        return e

    def scan(self, text: str) -> list[Match]:
        """All word-bounded pattern matches, longest first where they overlap."""
        return self.probe(text)[0]

    def probe(self, text: str) -> tuple[list[Match], dict[str, list[int]] | None]:
        """:meth:`scan`'s matches, and the starts of the probe words (:meth:`add_probe`) in
        the lower-case text by tag; None when that text is not the same length as ``text``."""
        found: list[Match] = []
        starts: dict[str, list[int]] | None = None
        # Case-insensitive patterns first: callers' extras (imported dictionaries) are added
        # there, and on an identical span the first match kept wins over the built-in one.
        if self._insensitive is not None:
            low = text.lower()
            if len(low) == len(text):
                starts = {}
                for end, values in self._insensitive.iter(low):
                    length, pats, tags = values
                    for tag in tags:
                        starts.setdefault(tag, []).append(end - length + 1)
                    if pats:
                        _collect(found, text, end, values)
        if self._sensitive is not None:
            for end, values in self._sensitive.iter(text):
                _collect(found, text, end, values)
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        out: list[Match] = []
        last = -1
        for m in found:
            if m.start >= last:
                out.append(m)
                last = m.end
        return out, starts


def _add(auto: Any, key: str, pat: Pattern) -> None:
    if key in auto:
        length, pats, tags = auto.get(key)
        if pat not in pats:
            # Later entries (callers' extras) take precedence over built-in ones.
            pats = (pat, *(p for p in pats if p.entry != pat.entry or p.form != pat.form))
        auto.add_word(key, (length, pats, tags))
    else:
        auto.add_word(key, (len(key), (pat,), ()))


def _collect(found: list[Match], text: str, end_idx: int, value: Any) -> None:
    length, pats, _tags = value
    end = end_idx + 1
    start = end - length
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        return
    if end < len(text) and (text[end].isalnum() or text[end] == "_"):
        return
    # A subnational reading ("Georgia" the US state) never hides a country reading.
    pat = next((p for p in pats if p.form != STATE), pats[0])
    if pat.capital_first and not (text[start].isupper() or text[start].isdigit() or (
            # "the Shire" inside a sentence: the article is lower-case, the name is not
            text.startswith("the ", start) and text[start + 4:start + 5].isupper())):
        return
    if pat.form == PREFIX and not (
        text.startswith("-", end) and end + 1 < len(text) and text[end + 1].isupper()
    ):
        return
    if pat.form in (NAME, ADJ) and start >= 2 and text[start - 1] == "-":
        # "pro-Russian", "anti-American" express an attitude, not an actor.
        word = re.search(r"(\w+)$", text[max(0, start - 12) : start - 1])
        if word and word.group(1).lower() in ("pro", "anti", "non", "ex"):
            return
    found.append(Match(start, end, pat, tuple(pats)))


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(";") if v.strip()]


def _date(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


# Lower-case demonyms that are English words in their own right.
_ENGLISH_WORDS = frozenset({"polish", "turk", "swede", "swedes", "dane", "danes", "finn",
                            "finns", "pole", "poles", "chad", "guinea"})


# Prefilter probes: (tag, lower-case words) found in the lexicon's pass (Lexicon.add_probe).
Probes = tuple[tuple[str, tuple[str, ...]], ...]


def _build(extra: tuple[ActorEntry, ...], probes: Probes = ()) -> Lexicon:
    lex = Lexicon()
    for row in load_csv("countries.csv"):
        iso = row["iso3"]
        lex.entries[iso] = ActorEntry((), iso, row["name"], "country", iso, None)
        ambiguous = set(_split(row["ambiguous"]))
        adjs = _split(row["adjectives"])
        if adjs:
            lex.adjective[iso] = adjs[0]
        lex.country_words.update((w, iso) for w in (*_split(row["names"]), *adjs)
                                 if w not in ambiguous and len(w.split()) <= 2)
        for n in _split(row["names"]):
            lex.add(n, Pattern(iso, NAME, iso if n in ambiguous else None), True)
            if n.startswith("The "):
                lex.add("the" + n[3:], Pattern(iso, NAME), True)
        for a in adjs:
            lex.add(a, Pattern(iso, ADJ, iso if a in ambiguous else None), True)
            # Sloppy copy and headlines write demonyms in lower case ("tunisian rioters"); the
            # actors stage takes these only before a group noun. Not abbreviations ("us") nor
            # demonyms that are English words ("polish").
            low = a.lower()
            if a not in ambiguous and a[1:] == a[1:].lower() and low not in _ENGLISH_WORDS:
                lex.add(low, Pattern(iso, ADJ), True)
        for p in _split(row["prefixes"]):
            lex.add(p, Pattern(iso, PREFIX), True)
        for c in _split(row["capitals"]):
            lex.add(c, Pattern(iso, CAPITAL), True)
        for s in _split(row["seats"]):
            name, _, sector = s.partition(":")
            target = lex.group(iso, sector).id if sector else iso
            lex.add(name, Pattern(target, SEAT), True)
    for row in load_csv("organizations.csv"):
        oid = row["id"]
        kind: Any = row["kind"]
        lex.entries[oid] = ActorEntry((), oid, row["name"], kind, row["country"] or None,
                                      row["sector"] or None)
        for p in _split(row["patterns"]):
            multi = " " in p
            lex.add(p, Pattern(oid, ORG, row["requires"] or None, capital_first=multi),
                    not multi)
    for row in load_csv("leaders.csv"):
        pid = "person:" + slug(row["name"])
        if pid not in lex.entries:
            lex.entries[pid] = ActorEntry((), pid, row["name"], "person", row["country"] or None,
                                          row["sector"] or None)
        lex.tenures.setdefault(pid, []).append(
            Tenure(row["office"], row["sector"] or None, row["country"] or None,
                   _date(row["start"]), _date(row["end"]))
        )
        for n in [row["name"], *_split(row["aliases"])]:
            lex.person_names[n] = pid
            lex.add(n, Pattern(pid, PERSON), True)
    cfg = load_toml("titles.toml")
    for p in cfg["non_actors"]["patterns"]:
        lex.add(p, Pattern("", STOP), True)
    lex.finish()
    for p in _named_after_countries(lex):
        lex.add(p, Pattern("", STOP), True)
    for iso, states in cfg["subnational"].items():
        for s in states:
            lex.add(s, Pattern(iso, STATE), True)
    for e in extra:
        lex.entries[e.id] = e
        if e.kind == "group" and e.country is None and e.sector:
            for p in e.patterns:
                lex.agents[p.lower()] = e.sector
            continue
        form = NAME if e.kind == "country" else PERSON if e.kind == "person" else ORG
        if e.kind == "person":
            for p in e.patterns:
                lex.person_names[p] = e.id
            if e.tenures:
                lex.tenures[e.id] = list(e.tenures)
        for p in e.patterns:
            lex.add(p, Pattern(e.id, form, capital_first=not e.case_sensitive), e.case_sensitive)
    for tag, words in probes:
        for w in words:
            lex.add_probe(w, tag)
    lex.finish()
    return lex


def _named_after_countries(lex: Lexicon) -> list[str]:
    """Names of regions, water bodies and provinces (regions.csv, admin_areas.csv) that hold
    another country's name or adjective: "Inner Mongolia" (CHN) is not Mongolia, "Taiwan
    Strait" not Taiwan, "British Columbia" not Britain. As a longer match they hide the
    country inside; a name that holds its own country ("Western Australia") keeps it."""
    names: list[tuple[str, str]] = []
    for row in load_csv("regions.csv"):
        names += [(n, row["country"]) for n in [row["name"], *row["aliases"].split("|")] if n]
    names += [(row["name"], row["country"]) for row in load_csv("admin_areas.csv")
              if row["level"] == "ADM1"]
    out: list[str] = []
    for name, country in names:
        inner = [m for m in lex.scan(name)
                 if m.pattern.form in (NAME, ADJ, CAPITAL) and m.end - m.start < len(name)]
        if inner and all(m.pattern.entry != country for m in inner):
            out.append(name)
    return out


@cache
def builtin_lexicon() -> Lexicon:
    return _build(())


@lru_cache(maxsize=8)
def _extended(extra: tuple[ActorEntry, ...], probes: Probes) -> Lexicon:
    return _build(extra, probes)


def make_lexicon(extra: tuple[ActorEntry, ...], probes: Probes = ()) -> Lexicon:
    """The built-in lexicon plus ``extra``, with ``probes`` (built once per distinct pair)."""
    return _extended(extra, probes) if extra or probes else builtin_lexicon()


def slug(name: str) -> str:
    """ASCII, lower-case, hyphen-separated form of a name ("Erdoğan" -> "erdogan")."""
    import unicodedata

    flat = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", flat.lower()).strip("-")
