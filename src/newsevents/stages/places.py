"""The places stage: toponyms of the article resolved against the offline gazetteer (ids
``country:<ISO3>``, ``geo:<geonameid>``, ``region:<slug>``), the dateline, and each event's place
with its basis (the event's sentence, the dateline, or the article's main location)."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import pairwise

from newsevents.gazetteer import KIND_RANK, Entry, Gazetteer, Hit, gazetteer
from newsevents.lexicon import data_path
from newsevents.records import Actor, Document, Event, Mention, Place

__all__ = ["PlaceResult", "Places", "event_place", "find_places"]

# A locative preposition right before a name, allowing "the" and a direction ("in northern Gaza").
_LOCATIVE = re.compile(
    r"(?i:\b(?P<prep>in|at|near|from|to|across|inside|throughout|into|outside|around|within|"
    r"towards?|via|over|off|between|outskirts of|north of|south of|east of|west of|capital|"
    r"city of))\s+"
    r"(?:the\s+)?(?:(?:north|south|east|west|central|northern|southern|eastern|western|"
    r"north-?eastern|north-?western|south-?eastern|south-?western|occupied|besieged)\s+)?$"
)
# Prepositions that say where something happens ("met in Doha"), not where from or to.
_WHERE = frozenset({"in", "at", "near", "across", "inside", "throughout", "outside", "around",
                    "within", "outskirts of", "north of", "south of", "east of", "west of",
                    "capital", "city of"})
# Joins a name to a preceding locative name in a list: "in Gaza and Lebanon", "in Syria, Iraq".
_LIST_JOIN = re.compile(r"^(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$")
# A summit, forum or talks held somewhere: that place is the article's setting.
_SETTING = re.compile(
    r"(?i:\b(?:summit|forum|conference|talks|meeting|meetings|gathering|visit|trip|ceremony|"
    r"games|session|negotiations)\s+(?:held\s+|taking place\s+|hosted\s+)?(?:in|at)\s+)$"
)
# Capitalised words that may stand next to a place name without making it part of a larger
# name ("Eastern Ukraine", "Kazan Wednesday", sentence-initial "In Kazan").
_NEIGHBOUR_OK = frozenset({
    "In", "At", "Near", "From", "To", "Across", "Inside", "Throughout", "Into", "Outside",
    "Around", "Within", "Toward", "Towards", "Via", "The", "A", "An", "And", "Or", "But", "On",
    "For", "Of", "By", "With", "As", "While", "When", "After", "Before", "During", "Since",
    "Until", "Northern", "Southern", "Eastern", "Western", "Central", "North", "South", "East",
    "West", "Occupied", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
    "Sunday", "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul",
    "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "I"
})
_NAME_PARTICLES = frozenset({"de", "da", "del", "della", "di", "du", "van", "von", "bin", "ibn"})
_PARTICLE_AFTER = re.compile(r" (?:de|des|du|la|le|del|da|di|al|el)[ -][A-Z]")
_WORD_BEFORE = re.compile(r"(\S+)\s$")
_WORD_AFTER = re.compile(r" ([A-Z][\w'’.-]*)")


@cache
def _stopwords() -> tuple[frozenset[str], frozenset[str]]:
    """(never places, places only in locative context) from data/place_stopwords.txt."""
    never: set[str] = set()
    locative: set[str] = set()
    for ln in data_path("place_stopwords.txt").read_text(encoding="utf-8").splitlines():
        ln = ln.strip()
        if not ln or ln.startswith("#"):
            continue
        if ln.startswith("!"):
            never.add(ln[1:].strip())
        else:
            locative.add(ln)
    return frozenset(never), frozenset(locative)


@dataclass(slots=True)
class _Cand:
    """A gazetteer hit being judged: is it a place, and which entry is it."""

    hit: Hit
    locative: bool = False
    where: bool = False  # after in/at/near: where an event happens
    qualifier_of: _Cand | None = None  # "Russia" in "Kazan, Russia"
    qualified_by: set[str] = field(default_factory=set)  # countries named right after it
    entry: Entry | None = None
    in_dateline: bool = False


@dataclass(frozen=True, slots=True)
class PlaceResult:
    """What the places stage learns from one article."""

    places: list[Place]
    # Per mention start: "where" ("in Kazan"), "locative" ("from Tehran"), "plain", "qualifier"
    # ("Russia" in "Kazan, Russia") or "dateline"; event places prefer "where" mentions, then
    # other locatives, and never take qualifiers or the dateline (which is its own basis).
    roles: dict[int, str]
    dateline_place: str | None


def _actor_spans(actors: Iterable[Actor]) -> list[tuple[int, int, Actor]]:
    return sorted(((m.start, m.end, a) for a in actors for m in a.mentions), key=lambda t: t[:2])


def _overlapping(spans: list[tuple[int, int, Actor]], s: int, e: int) -> list[Actor]:
    return [a for (ms, me, a) in spans if ms < e and s < me]


def _capitalised_neighbour(text: str, hit: Hit, sentence_start: int) -> bool:
    """A capitalised word right next to the name makes it part of a longer name ("Vladimir
    Putin", "Tampa Free Press", "Sen. Kennedy")."""
    m = _WORD_AFTER.match(text, hit.end) if hit.end < len(text) else None
    if m and m.group(1).rstrip(".,’'") not in _NEIGHBOUR_OK:
        return True
    if _PARTICLE_AFTER.match(text, hit.end):  # "Croix des Bouquets"
        return True
    if hit.start <= sentence_start:
        return False
    b = _WORD_BEFORE.search(text, max(sentence_start, hit.start - 40), hit.start)
    if b is None:
        return False
    w = b.group(1)
    if w in _NAME_PARTICLES:  # "Lionel Bethune de Moro"
        b2 = _WORD_BEFORE.search(text, max(sentence_start, b.start() - 40), b.start())
        return b2 is not None and b2.group(1)[:1].isupper()
    if w.endswith("."):  # a title: "Sen.", "Gen."
        return w[:-1].isalpha() and w[0].isupper()
    w = w.strip("\"“‘'(")
    return bool(w) and w[0].isupper() and w not in _NEIGHBOUR_OK and w.isalpha()


def find_places(doc: Document, gaz: Gazetteer | None = None) -> PlaceResult:
    """The places of ``doc`` with the role of each mention and the dateline's place."""
    art = doc.article
    if art is None:
        return PlaceResult([], {}, None)
    g = gaz or gazetteer()
    text = art.text
    never, needs_locative = _stopwords()
    actor_spans = _actor_spans(doc.actors)
    dl = art.dateline
    dl_city = _dateline_city_mention(dl) if dl is not None else None

    cands: list[_Cand] = []
    name_parts: set[str] = set()
    for hit in g.find(text):
        if hit.name in never or not hit.entries:
            continue
        if dl_city is not None and dl_city.start <= hit.start < dl_city.end:
            continue  # geocoded with the dateline below
        sent = doc.sentence_at(hit.start)
        s0 = sent.start if sent else 0
        c = _Cand(hit)
        c.in_dateline = dl is not None and dl.start <= hit.start and hit.end <= dl.end
        loc = _LOCATIVE.search(text, max(0, hit.start - 60), hit.start)
        c.locative = c.in_dateline or loc is not None
        c.where = loc is not None and loc.group("prep").lower() in _WHERE
        if _capitalised_neighbour(text, hit, s0) and not c.in_dateline:
            name_parts.add(hit.name)
            continue
        cands.append(c)

    # List continuation and "City, Country" qualifiers, left to right.
    for prev, c in pairwise(cands):
        gap = text[prev.hit.end:c.hit.start]
        if not _LIST_JOIN.match(gap):
            continue
        country = next((e for e, _ in c.hit.entries if e.feature == "country"), None)
        region = next((e for e, _ in c.hit.entries if e.feature == "region"), None)
        if gap.strip() == "," and (country or region) and prev.qualifier_of is None:
            # "Kazan, Russia": the second name says where the first is.
            c.qualifier_of = prev
            c.locative = True
            if country and country.country:
                prev.qualified_by.add(country.country)
            elif region and region.country:
                prev.qualified_by.add(region.country)
            prev.locative = True
        elif prev.locative:
            c.locative, c.where = True, prev.where

    kept: list[_Cand] = []
    for c in cands:
        hit = c.hit
        actors = _overlapping(actor_spans, hit.start, hit.end)
        if actors:
            # An actor mention ("Moscow said", "Russia's stance") is a place only when locative.
            if not c.locative or any(a.kind != "country" for a in actors):
                continue
            if text.startswith(("'s", "’s"), hit.end):
                continue  # "in China's Belt and Road Initiative": the actor, possessive
        elif not c.locative:
            if hit.name in needs_locative or hit.name in name_parts:
                continue
            if not _prominent(hit):
                continue
        elif text.startswith(("'s", "’s"), hit.end) and not _prominent(hit):
            continue  # "in Lai's trial": a person's possessive, not the town of Laï
        kept.append(c)

    # Context for disambiguation: actors' countries and the countries of unambiguous places.
    context: set[str] = {a.country for a in doc.actors if a.country}
    for c in kept:
        countries = {e.country for e, _ in c.hit.entries}
        if len(countries) == 1 and None not in countries:
            context.update(c for c in countries if c)
    dateline_entry = None
    if dl is not None and dl_city is not None:
        dateline_entry = _geocode_dateline(dl.text, g, context)
    dateline_country = dateline_entry.country if dateline_entry else None

    # One sense per name per article: resolve each distinct name once, with all its evidence.
    by_name: dict[str, list[_Cand]] = {}
    for c in kept:
        by_name.setdefault(c.hit.name, []).append(c)
    for cs in by_name.values():
        qualified = set().union(*(c.qualified_by for c in cs))
        best = _resolve(cs[0].hit, qualified, context, dateline_country)
        for c in cs:
            c.entry = best

    places: dict[str, tuple[Entry, list[Mention]]] = {}
    roles: dict[int, str] = {}
    if dateline_entry is not None and dl_city is not None:
        places[dateline_entry.id] = (dateline_entry, [dl_city])
    for c in kept:
        assert c.entry is not None
        e = c.entry
        m = Mention(text[c.hit.start:c.hit.end], c.hit.start, c.hit.end)
        places.setdefault(e.id, (e, []))[1].append(m)
        roles[c.hit.start] = (
            "dateline" if c.in_dateline
            else "qualifier" if c.qualifier_of is not None
            else "where" if c.where
            else "locative" if c.locative
            else "plain"
        )
    out = [
        Place(e.id, e.name, e.country, e.lat, e.lon, e.geonameid, e.feature,
              tuple(sorted(set(ms), key=lambda m: m.start)))
        for e, ms in places.values()
    ]
    out.sort(key=lambda p: p.mentions[0].start if p.mentions else 0)
    return PlaceResult(out, roles, dateline_entry.id if dateline_entry else None)


def _prominent(hit: Hit) -> bool:
    """Without locative context, accept our own curated names and cities of 100,000 people or
    more (by any name: "Kiev", "Khan Younis"); small towns' names are mostly other words."""
    return any(e.curated or e.population >= 100_000 for e, _ in hit.entries)


def _resolve(hit: Hit, qualified: set[str], context: set[str], dateline: str | None) -> Entry:
    """The entry a name most likely means: a country named right after it ("Kazan, Russia"),
    then the kind (country, curated region, city), then a score of population (log10) with a
    bonus for the article's countries and the dateline's, so that context picks between towns
    of similar size (Tripoli, Lebanon or Libya) but does not move "Paris" to Texas."""

    def key(item: tuple[Entry, bool]) -> tuple[int, int, float]:
        e, primary = item
        score = math.log10(e.population + 1)
        score += 0.8 * (e.country in context)
        score += 0.5 * (e.country is not None and e.country == dateline)
        score += 0.3 * primary
        return int(e.country in qualified), KIND_RANK[e.feature], score

    return max(hit.entries, key=key)[0]


def _dateline_parts(text: str) -> tuple[str, str | None]:
    """"KAZAN, Russia (Reuters) —" → ("Kazan", "Russia")."""
    t = re.split(r"\(|—|–| - ", text, maxsplit=1)[0]
    parts = [p.strip() for p in t.split(",") if p.strip()]
    if not parts:
        return "", None

    def norm(p: str) -> str:
        return p.title() if p.isupper() else p

    return norm(parts[0]), (norm(parts[-1]) if len(parts) > 1 else None)


def _dateline_city_mention(dl: Mention) -> Mention | None:
    """The city part of a dateline mention: "KAZAN" of "KAZAN, Russia (Reuters) —"."""
    m = re.match(r"\s*([^,(—–]+?)\s*(?:,|\(|—|–| - |$)", dl.text)
    if m is None or not m.group(1):
        return None
    return Mention(m.group(1), dl.start + m.start(1), dl.start + m.end(1))


def _geocode_dateline(text: str, g: Gazetteer, context: set[str]) -> Entry | None:
    city, qual = _dateline_parts(text)
    entries = g.lookup(city)
    if not entries:
        return None
    qcountry = g.country_named(qual) if qual else None
    qualified = {qcountry.country} if qcountry and qcountry.country else set()
    return _resolve(Hit(city, 0, len(city), entries), qualified, context, None)


_ROLE_RANK = {"where": 2, "locative": 1, "plain": 0}


def event_place(event: Event, result: PlaceResult, main_place: str | None) -> Event:
    """``event`` with place and place_basis filled: the place mentioned in its sentence (a
    locative one first, then the nearest to the trigger, then the most specific), else the
    dateline's place, else the article's main place."""
    ev, trig = event.evidence, event.trigger
    best: tuple[tuple[int, int, int], str] | None = None
    for p in result.places:
        for m in p.mentions:
            if not (m.start >= ev.start and m.end <= ev.end):
                continue
            role = result.roles.get(m.start)
            if role not in _ROLE_RANK:
                continue  # the dateline, or "Russia" in "Kazan, Russia"
            dist = m.start - trig.end if m.start >= trig.end else trig.start - m.end
            k = (_ROLE_RANK[role], -max(dist, 0), -KIND_RANK[p.feature])
            if best is None or k > best[0]:
                best = (k, p.id)
    if best is not None:
        return replace(event, place=best[1], place_basis="sentence")
    if result.dateline_place is not None:
        return replace(event, place=result.dateline_place, place_basis="dateline")
    if main_place is not None:
        return replace(event, place=main_place, place_basis="article")
    return replace(event, place=None, place_basis="none")


def _main_place(text: str, places: list[Place]) -> str | None:
    """The article's setting: a place where a summit or forum is held, else its most-mentioned
    city (the first one on a tie)."""
    for p in places:
        for m in p.mentions:
            if _SETTING.search(text, max(0, m.start - 60), m.start):
                return p.id
    counts = Counter({p.id: len(p.mentions) for p in places if p.feature == "city"})
    if not counts:
        return None
    return counts.most_common(1)[0][0]


class Places:
    """Fills ``Document.places`` and each event's place (runs last)."""

    name = "places"

    def __call__(self, doc: Document) -> Document:
        art = doc.article
        if art is None:
            return doc
        result = find_places(doc)
        main = _main_place(art.text, result.places)
        events = tuple(event_place(e, result, main) for e in doc.events)
        return replace(doc, places=tuple(result.places), events=events)
