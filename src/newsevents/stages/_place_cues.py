"""Textual cues that a name is a place (a locative before it, a town's people after it, a
person's home after "of") and finders of toponyms that no gazetteer name gives alone: seats of
government, lists of counties, country adjectives, residents, capitals acting for governments."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache

from newsevents.gazetteer import KIND_RANK, Entry, Gazetteer, Hit
from newsevents.lexicon import load_csv
from newsevents.records import Actor, Mention
from newsevents.stages._place_names import _capitalised_before
from newsevents.stages._place_resolve import _resolve
from newsevents.stages._regex_first import guarded, trie_alternation

# A locative preposition right before a name, allowing "the" and a direction ("in northern Gaza").
# Guarded by its first characters: the same matches, most positions rejected at once.
_LOCATIVE = guarded(
    r"(?i:\b(?P<prep>in|at|near|from|to|across|inside|throughout|into|outside|around|within|"
    r"towards?|via|over|off|between|outskirts of|north of|south of|east of|west of|capital|"
    r"city of))\s+"
    r"(?:the\s+)?(?:(?:north|south|east|west|central|northern|southern|eastern|western|"
    r"north-?eastern|north-?western|south-?eastern|south-?western|occupied|besieged|downtown|"
    r"suburban|rural|greater|metro|metropolitan|historic)\s+)?$"
)
# The words a _LOCATIVE match can end with (before its trailing white space): a preposition's
# last word, "the", or a direction. tests/test_place_cues.py checks the list against the pattern.
_LOCATIVE_LAST = frozenset({
    "in", "at", "near", "from", "to", "across", "inside", "throughout", "into", "outside",
    "around", "within", "toward", "towards", "via", "over", "off", "between", "of", "capital",
    "the", "north", "south", "east", "west", "central", "northern", "southern", "eastern",
    "western", "northeastern", "northwestern", "southeastern", "southwestern", "occupied",
    "besieged", "downtown", "suburban", "rural", "greater", "metro", "metropolitan", "historic",
})
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def locative_before(text: str, end: int) -> re.Match[str] | None:
    """``_LOCATIVE`` searched in the 60 characters before ``end``, the same match, with most
    names rejected without the regex (speed: asked of every gazetteer hit): a match ends in
    white space after one of _LOCATIVE_LAST, a whole run of letters, since a boundary or white
    space precedes it. Where the run reaches the window's start or follows a non-ASCII
    character (which case-folds to an ASCII letter: "ſ"), the regex decides."""
    start = max(0, end - 60)
    stem = text[start:end]
    stripped = stem.rstrip()
    if len(stripped) == len(stem):
        return None  # no white space before the name
    j = len(stripped)
    while j and stripped[j - 1] in _ASCII_LETTERS:
        j -= 1
    if j and stripped[j - 1].isascii() and stripped[j:].lower() not in _LOCATIVE_LAST:
        return None
    return _LOCATIVE.search(text, start, end)


# Cues that a name is a town though no preposition says so: a legislator's home after the
# party's letter ("Rep. Barbara Lee, D-Oakland"), a person's residence after the age ("Rebecca
# Sears, 41, of Grovetown"), and a noun for the town's people or police after it ("a Chapin man",
# "Danbury police", "Vicksburg residents").
_PARTY_BEFORE = re.compile(r"\b(?:[DRI]|DFL)-$")
_AGE_OF = re.compile(r",\s*\d{1,3},?\s+of\s+$")
_TOWN_NOUN = re.compile(r"(?:\s+(?:man|woman|men|women|couple|teen|teenager|boy|girl|family|"
                        r"families|resident|residents|native|natives|homeowners|voters|police|"
                        r"firefighters|motorist|driver|residence|home|homes|officers|"
                        r"city|town|village|township|borough|neighborhood|"
                        r"neighbourhood|area|businesses|officials)|-based)\b")
# A person's home after their name and "of" ("Mindy Miller of Ravenel", "both of Williston",
# "PC Doug Moore, of Hounslow", "a graduate of Fort Mill", "mayor of Ozark").
_OF_HOME = re.compile(r"(?:\b(?:both|all|formerly|resident|residents|native|graduate|mayor|"
                      r"village|town|city|township|borough)|[a-z]\.?,?) of $")
_CAPITAL_AFTER = re.compile(r" [A-Z]")
# A speech verb after a name: a person's ("Roberts said").
_SPEECH = re.compile(r"\s+(?:said|says|told|added|wrote|asked|noted)\b")
# Prepositions that say where something happens ("met in Doha"), not where from or to.
_WHERE = frozenset({"in", "at", "near", "across", "inside", "throughout", "outside", "around",
                    "within", "outskirts of", "north of", "south of", "east of", "west of",
                    "capital", "city of"})
# Joins a name to a preceding locative name in a list: "in Gaza and Lebanon", "in Syria, Iraq".
_LIST_JOIN = re.compile(r"^(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$")

# A word after a name that says it is a province or state ("Nyanza province", "Henan Province").
_AREA_WORD = re.compile(r"\s+(?:[Pp]rovince|[Ss]tate|[Rr]egion|[Pp]refecture|[Oo]blast|"
                        r"[Gg]overnorate|[Dd]istrict|[Tt]erritory)\b")


# A state's abbreviation after a town and a comma ("Thackerville, Okla.", "Vanderburgh,
# Ind., County") or before a lower-case noun ("Ga. pastor", "3 Ind. fugitives").
_ABBR_AFTER_TOWN = re.compile(r"[a-z], $")
_ABBR_BEFORE_NOUN = re.compile(r" (?!(?:was|were|are|has|have|had|said|says|and|but|who|which|"
                               r"that|the|for|with|will|would|can|could|did|does|not|then|"
                               r"also)\b)[a-z]{3,}")


@cache
def _city_aliases() -> frozenset[str]:
    """Cities' abbreviations (data/city_aliases.csv: "L.A."), taken as their names are."""
    return frozenset(r["alias"] for r in load_csv("city_aliases.csv"))


def _state_abbreviation_used(text: str, hit: Hit) -> bool:
    """Whether a state's abbreviation is used as one: after a town ("Lumpkin, Ga.") or as an
    adjective before a noun ("Ga. pastor"); "Ind." alone may be a party, "Pa." a father."""
    if not any(e.kind == "adm1" for e, _ in hit.entries):
        return False
    return (_ABBR_AFTER_TOWN.search(text, max(0, hit.start - 3), hit.start) is not None
            or _ABBR_BEFORE_NOUN.match(text, hit.end) is not None)


def _group_of_place(a: Actor, hit: Hit) -> bool:
    """A group the actors stage ties to a country that the name has a reading in ("Georgia
    residents", "Iran officials"): the name is a toponym standing for its people."""
    return a.kind == "group" and a.country is not None and any(
        e.country == a.country for e, _ in hit.entries)


# Words before a name that say it is a town's ("the city of Sao Paulo").
_CITY_OF = re.compile(r"(?i:\b(?:city|town|village) of\s+)$")


def _union_of_states(a: Actor, hit: Hit) -> bool:
    """A union of states or a former state that the actors stage took as an organisation,
    named exactly as our regions name its territory ("the EU", "the European Union", "the
    Soviet Union"): an actor, and a toponym too."""
    return (a.kind in ("igo", "organization")
            and any(m.start == hit.start and m.end == hit.end for m in a.mentions)
            and any(e.id.startswith("region:") for e, _ in hit.entries))


def _strongest(cues: Iterable[int]) -> int:
    """The cue of largest magnitude among a name's mentions (a stated kind beats a list)."""
    return max(cues, key=lambda x: (abs(x), x), default=0)


def _of_home(text: str, start: int, actor_spans: list[tuple[int, int, Actor]]) -> bool:
    """Whether "of" before ``start`` gives a person's home: after a person's name ("Mindy
    Miller of Ravenel", "Doug Moore, of Hounslow") or a word for residents or a town."""
    m = _OF_HOME.search(text, max(0, start - 14), start)
    if m is None:
        return False
    if text[m.start():m.start() + 1].isalpha() and text[m.start()].islower() and \
            len(m.group()) <= 6:
        # "[a-z], of": a person's name must end there ("Miller of", "Moore, of").
        end = m.start() + 1
        return any(a.kind == "person" and me == end for _, me, a in actor_spans)
    return True


@cache
def _seats() -> tuple[re.Pattern[str] | None, dict[str, tuple[str, str]], re.Pattern[str] | None]:
    """A pattern for a seat of government after a locative (the same prepositions as the actors
    stage's), each seat's (country, capital) from data/countries.csv, and a pattern for any
    seat's name alone."""
    seats: dict[str, tuple[str, str]] = {}
    for row in load_csv("countries.csv"):
        capital = row["capitals"].split(";")[0].strip()
        for seat in filter(None, (x.partition(":")[0].strip() for x in row["seats"].split(";"))):
            if capital:
                seats[seat] = (row["iso3"], capital)
    if not seats:
        return None, seats, None
    alts = trie_alternation(list(seats), space=" ")  # = the longest-first alternation
    return re.compile(rf"\b(?:[Ii]n|[Aa]t|[Ii]nside|[Oo]utside|[Nn]ear)\s+(?:the\s+)?"
                      rf"(?P<seat>{alts})(?![\w-])"), seats, re.compile(alts)


@cache
def _capitals() -> dict[str, str]:
    """National capitals' names (data/countries.csv) and their countries."""
    return {c.strip(): row["iso3"] for row in load_csv("countries.csv")
            for c in row["capitals"].split(";") if c.strip()}


def _capital_entry(hit: Hit) -> Entry | None:
    """The capital city a capital's name means (Washington, D.C., not the state)."""
    iso = _capitals().get(hit.name)
    towns = [e for e, _ in hit.entries if e.kind == "city" and e.country == iso]
    return max(towns, key=lambda e: e.population) if towns else None


# Verbs after a capital that stands for its government ("Washington seems", "Moscow wants").
_GOVERNMENT_VERB = re.compile(
    r"\s+(?:seems|sees|says|said|wants|wanted|hopes|hoped|is|was|has|had|will|would|wouldn't|"
    r"won't|should|must|can|could|may|might|insists|insisted|demands|demanded|refuses|"
    r"refused|accuses|accused|warns|warned|deal|deals|considers|believes|plans|needs)\b")


def _capital_acting(text: str, hit: Hit, g: Gazetteer) -> bool:
    """A national capital's name, alone, before a verb of its government or joined to another
    capital ("Washington and Cairo should ...")."""
    if hit.name not in _capitals() or (hit.start > 0 and text[hit.start - 1] == "-"):
        return False
    if _GOVERNMENT_VERB.match(text, hit.end):
        return True
    m = _AND_NAME.match(text, hit.end)
    return m is not None and m.group(1) in _capitals()


_AND_NAME = re.compile(r" and ([A-Z][\w'’]+(?: [A-Z][\w'’]+)?)")


def _seat_places(text: str, g: Gazetteer) -> list[tuple[Mention, Entry]]:
    pat, seats, any_seat = _seats()
    out: list[tuple[Mention, Entry]] = []
    # Every match holds a seat's name: most texts name none (one scan for any seat's name, a
    # prefix tree that starts with a character class, costs a fifth of the pattern's scan).
    if pat is None or any_seat is None or any_seat.search(text) is None:
        return out
    for m in pat.finditer(text):
        iso, capital = seats[m.group("seat")]
        entries = g.lookup(capital)
        if not entries:
            continue
        entry = _resolve(Hit(capital, 0, len(capital), entries), {iso}, Counter(), iso)
        out.append((Mention(m.group("seat"), m.start("seat"), m.end("seat")), entry))
    return out


# Names before a plural word for counties: "Jackson and Barrow counties", "Clarke, Madison,
# Oconee and Oglethorpe counties".
_COUNTY_LIST = re.compile(r"\b((?:[A-Z][\w'’]+,? ){0,6}(?:and|or) [A-Z][\w'’]+) "
                          r"(counties|parishes)\b")
_COUNTY_NAME = re.compile(r"[A-Z][\w'’]+")


def _county_lists(text: str, g: Gazetteer) -> list[tuple[int, int, tuple[tuple[Entry, bool],
                                                                            ...]]]:
    """The names in lists of counties with the gazetteer's entries for "<name> County"."""
    if "counties" not in text and "parishes" not in text:
        return []
    out = []
    for m in _COUNTY_LIST.finditer(text):
        word = " County" if m.group(2) == "counties" else " Parish"
        for w in _COUNTY_NAME.finditer(m.group(1)):
            entries = g.lookup(w.group() + word)
            if entries:
                out.append((m.start(1) + w.start(), m.start(1) + w.end(), entries))
    return out


# A noun for a country's institutions or people, after a capitalised word or two (read back
# by _place_names._capitalised_before): found by the noun, a pattern that starts with a
# literal space and is scanned for it in C, instead of trying the words before it at every
# capital (a third of the time; the same matches as
# "\b([A-Z][a-z]+(?: [A-Z][a-z]+)?) (?:authorities|...)\b").
# The nouns as a prefix tree (trie_alternation): one branch followed per character, the same
# words matched (the word boundary after them makes the longest the only reading).
_GROUP_NOUNS = (
    "authorities", "police", "court", "courts", "forces", "troops", "officials", "government",
    "army", "military", "soldiers", "people", "citizens", "nationals", "war", "border",
    "leadership", "side", "president", "parliament", "media", "climbers", "servicemen",
    "separatists", "fighters", "representatives", "officers", "guards", "gangs", "news agency",
    "law enforcement")
_GROUP_NOUN = re.compile(f" (?:{trie_alternation(list(_GROUP_NOUNS), space=' ')})\\b")


@cache
def _adjective_countries() -> dict[str, str]:
    """Each country's adjectives (data/countries.csv) and its ISO3 code."""
    return {a.strip(): row["iso3"] for row in load_csv("countries.csv")
            for a in row["adjectives"].split(";") if a.strip() and a.strip()[0].isupper()}


def _adjective_nouns(text: str, g: Gazetteer) -> list[tuple[Mention, Entry]]:
    out: list[tuple[Mention, Entry]] = []
    adjectives = _adjective_countries()
    for m in _GROUP_NOUN.finditer(text):
        first = _capitalised_before(text, m.start())
        if first is None:
            continue
        words = text[first:m.start()]
        for adj in (words, words.partition(" ")[2]):
            iso = adjectives.get(adj)
            entry = g.countries.get(iso) if iso else None
            if entry is not None:
                start = first + len(words) - len(adj)
                out.append((Mention(adj, start, start + len(adj)), entry))
                break
    return out


# A capitalised plural that may name a place's residents ("Ohioans", "Floridians").
# The condition before the word is checked after its capital ("[A-Z](?<![\w'’-][A-Z])"): a
# pattern that starts with a character class is scanned for it in C, the rest tried only at
# capitals (the same matches, half the time).
_RESIDENTS = re.compile(r"[A-Z](?<![\w'’-][A-Z])[a-z]{2,}(?:an|er)s\b")
_RESIDENTS_PREFIX = re.compile(r"(?:New|North|South|West|East) \Z")


def _residents(text: str, g: Gazetteer) -> list[tuple[Mention, Entry]]:
    """Residents' names formed from a state's, a country's or a large city's name ("Ohio" +
    "ans", "Florida" → "Floridians", "Ontario" → "Ontarians", "London" + "ers", "Texas" →
    "Texans"), each with the place it names."""
    out: list[tuple[Mention, Entry]] = []
    for m in _RESIDENTS.finditer(text):
        p = _RESIDENTS_PREFIX.search(text, max(0, m.start() - 6), m.start())
        start = p.start() if p is not None else m.start()
        w = text[start:m.end()]
        if text.endswith("Native ", 0, m.start()):
            continue  # "Native Americans": a people, not the country's residents
        if w.endswith("ians"):
            stems = [w[:-4] + "a", w[:-3] + "o", w[:-4]]  # Florid-ians, Ontari-ans, Boston-
        elif w.endswith("ans"):
            stems = [w[:-3], w[:-2], w[:-3] + "as"]  # Ohio-ans, Iowa-ns, Tex-ans
        elif w.endswith("ers"):
            stems = [w[:-3]]
        else:
            stems = []
        for stem in stems:
            if len(stem) < 4:
                continue
            # By its own name, not an alternate one ("Romans" is no "Roma").
            entries = [e for e, primary in g.lookup(stem) if primary and (
                e.kind in ("country", "adm1") or e.curated or e.population >= 100_000)]
            if entries:
                best = _resolve(Hit(stem, 0, len(stem), tuple((e, True) for e in entries)),
                                set(), Counter(), None)
                out.append((Mention(w, start, m.end()), best))
                break
    return out


@cache
def _region_adjective_list() -> tuple[tuple[str, str], ...]:
    """(adjective, place name) from data/place_adjectives.csv, longest adjective first."""
    rows = [(r["adjective"], r["place"]) for r in load_csv("place_adjectives.csv")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def _region_adjectives(text: str, g: Gazetteer) -> list[tuple[Mention, Entry]]:
    """Adjectives of regions ("Abkhaz servicemen", "the South Ossetians", "Dagestani police"),
    each with its region; found by literal search, whole words, an "s" plural allowed."""
    out: list[tuple[Mention, Entry]] = []
    for adj, place in _region_adjective_list():
        i = text.find(adj)
        while i >= 0:
            end = i + len(adj)
            if text.startswith("s", end):
                end += 1
            if (not (i > 0 and (text[i - 1].isalnum() or text[i - 1] in "-'’"))
                    and not (end < len(text) and (text[end].isalnum() or text[end] == "-"))
                    and not any(m.start <= i < m.end for m, _ in out)):
                entries = [e for e, _ in g.lookup(place)]
                if entries:
                    best = max(entries, key=lambda e: (KIND_RANK[e.kind], e.curated))
                    out.append((Mention(text[i:end], i, end), best))
            i = text.find(adj, i + 1)
    return out
