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
from newsevents.lexicon import data_path, load_csv
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
def _stopwords() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(never places, places only in locative context, words that may follow a place) from
    data/place_stopwords.txt."""
    never: set[str] = set()
    locative: set[str] = set()
    after: set[str] = set()
    for ln in data_path("place_stopwords.txt").read_text(encoding="utf-8").splitlines():
        ln = ln.strip()
        if not ln or ln.startswith("#"):
            continue
        if ln.startswith("!"):
            never.add(ln[1:].strip())
        elif ln.startswith("+"):
            after.add(ln[1:].strip())
        else:
            locative.add(ln)
    return frozenset(never), frozenset(locative), frozenset(after)


@dataclass(slots=True)
class _Cand:
    """A gazetteer hit being judged: is it a place, and which entry is it."""

    hit: Hit
    locative: bool = False
    where: bool = False  # after in/at/near: where an event happens
    qualifier_of: _Cand | None = None  # "Russia" in "Kazan, Russia"
    qualified_by: set[str] = field(default_factory=set)  # countries/states named right after it
    entry: Entry | None = None
    in_dateline: bool = False
    metonym: bool = False  # an actor mention ("Moscow said"): resolved, but not a place


@dataclass(frozen=True, slots=True)
class PlaceResult:
    """What the places stage learns from one article."""

    places: list[Place]
    # Per mention start: "where" ("in Kazan"), "locative" ("from Tehran"), "plain", "qualifier"
    # ("Russia" in "Kazan, Russia") or "dateline"; event places prefer "where" mentions, then
    # other locatives, and never take qualifiers or the dateline (which is its own basis).
    roles: dict[int, str]
    dateline_place: str | None
    # Toponyms that the actors stage took as actors ("Moscow said", "American officials"), with
    # the place each names: not places of the article, but scored by the geoparsing suites.
    metonyms: tuple[tuple[Mention, Entry], ...] = ()


def _actor_spans(actors: Iterable[Actor]) -> list[tuple[int, int, Actor]]:
    return sorted(((m.start, m.end, a) for a in actors for m in a.mentions), key=lambda t: t[:2])


def _overlapping(spans: list[tuple[int, int, Actor]], s: int, e: int) -> list[Actor]:
    return [a for (ms, me, a) in spans if ms < e and s < me]


def _capitalised_neighbour(text: str, hit: Hit, sentence_start: int,
                           after_ok: frozenset[str] = frozenset()) -> bool:
    """A capitalised word right next to the name makes it part of a longer name ("Vladimir
    Putin", "Tampa Free Press", "Sen. Kennedy"); an institution after it does not ("Gainesville
    Police", "Laurel County Sheriff")."""
    m = _WORD_AFTER.match(text, hit.end) if hit.end < len(text) else None
    if m:
        w = m.group(1).rstrip(".,’'")
        if w not in _NEIGHBOUR_OK and w not in after_ok:
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
    never, needs_locative, after_ok = _stopwords()
    actor_spans = _actor_spans(doc.actors)
    dl = art.dateline
    dl_city = _dateline_city_mention(dl) if dl is not None else None

    cands: list[_Cand] = []
    name_parts: set[str] = set()
    for hit in g.find(_title_case_datelines(text)):
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
        if _capitalised_neighbour(text, hit, s0, after_ok) and not c.in_dateline:
            name_parts.add(hit.name)
            continue
        cands.append(c)

    # List continuation and "City, Country" / "Town, Ga." qualifiers, left to right.
    for prev, c in pairwise(cands):
        gap = text[prev.hit.end:c.hit.start]
        if not _LIST_JOIN.match(gap):
            continue
        area = next((e for e, _ in c.hit.entries if e.kind in _QUALIFIER_KINDS), None)
        if gap.strip() == "," and area is not None and prev.qualifier_of is None:
            # "Kazan, Russia", "Athens, Ga.": the second name says where the first is.
            c.qualifier_of = prev
            c.locative = True
            for e, _ in c.hit.entries:
                if e.kind in _QUALIFIER_KINDS and e.country:
                    prev.qualified_by.add(e.country)
                    if e.kind == "adm1" and e.admin1:
                        prev.qualified_by.add(f"{e.country}.{e.admin1}")
            prev.locative = True
        elif prev.locative:
            c.locative, c.where = True, prev.where

    kept: list[_Cand] = []
    metonyms: list[tuple[Mention, Entry | None]] = []
    for c in cands:
        hit = c.hit
        actors = _overlapping(actor_spans, hit.start, hit.end)
        if actors:
            if any(a.kind != "country" for a in actors):
                continue  # a person's or an organisation's name ("Roberts", "Ford")
            # An actor mention ("Moscow said", "Russia's stance") is a place only when locative.
            if not c.locative or (
                    text.startswith(("'s", "’s"), hit.end)):
                # "in China's Belt and Road Initiative": the actor, possessive. The toponym is
                # still resolved below, for geoparsing scores, but it is not a place.
                metonyms.append((Mention(hit.name, hit.start, hit.end), None))
                c.metonym = True
                kept.append(c)
            else:
                kept.append(c)
            continue
        if not c.locative and not c.qualified_by:
            if hit.name in needs_locative or hit.name in name_parts:
                continue
            if _is_abbreviation(hit.name) or not _prominent(hit):
                continue
        elif text.startswith(("'s", "’s"), hit.end) and not _prominent(hit):
            continue  # "in Lai's trial": a person's possessive, not the town of Laï
        kept.append(c)
    # One sense per discourse: a town named once "in Chiefland" is a place wherever it is named.
    # Only names seen where something is ("in Chiefland", "Chiefland, Fla."), and not before
    # a speech verb or a possessive, which mark a person of the same name ("Roberts said").
    accepted = {c.hit.name for c in kept if c.where or c.qualified_by}
    kept_ids = {id(c) for c in kept}
    for c in cands:
        if (c.hit.name in accepted and id(c) not in kept_ids
                and c.hit.name not in needs_locative and not _PERSONAL.match(text, c.hit.end)
                and not _overlapping(actor_spans, c.hit.start, c.hit.end)):
            kept.append(c)
    kept.sort(key=lambda c: c.hit.start)

    # Context for disambiguation: actors' countries and the countries and states of unambiguous
    # places; a second pass adds those of every place resolved in the first.
    # An actor's country counts once per mention, so that resolving "Georgia" can leave out
    # the actors stage's own reading of "Georgia" (the country) and listen to the rest.
    by_text: dict[str, Counter[str]] = {}
    context: Counter[str] = Counter()
    for s_, e_, actor in actor_spans:
        if actor.country:
            context[actor.country] += 1
            by_text.setdefault(text[s_:e_], Counter())[actor.country] += 1
    for c in kept:
        countries = {e.country for e, _ in c.hit.entries}
        if len(countries) == 1 and None not in countries:
            context.update(x for x in countries if x)
        for q in c.qualified_by:
            context[q] += 1
    dateline_entry = None
    if dl is not None and dl_city is not None:
        dateline_entry = _geocode_dateline(dl.text, g, set(context))
    dateline_country = dateline_entry.country if dateline_entry else None

    # One sense per name per article: resolve each distinct name once, with all its evidence.
    by_name: dict[str, list[_Cand]] = {}
    for c in kept:
        by_name.setdefault(c.hit.name, []).append(c)
    first: dict[str, Entry] = {}
    for name, cs in by_name.items():
        qualified = set().union(*(c.qualified_by for c in cs))
        own = +(context - by_text.get(name, Counter()))
        first[name] = _resolve(cs[0].hit, qualified, own, dateline_country)
    for name, cs in by_name.items():
        # Coherence: the countries and states of the article's other places.
        ctx = Counter(context)
        ctx.subtract(by_text.get(name, Counter()))
        ctx = +ctx
        for other, e in first.items():
            if other != name:
                ctx.update(_areas(e))
        qualified = set().union(*(c.qualified_by for c in cs))
        best = _resolve(cs[0].hit, qualified, ctx, dateline_country)
        for c in cs:
            c.entry = best

    places: dict[str, tuple[Entry, list[Mention]]] = {}
    roles: dict[int, str] = {}
    resolved_metonyms: list[tuple[Mention, Entry | None]] = []
    if dateline_entry is not None and dl_city is not None:
        places[dateline_entry.id] = (dateline_entry, [dl_city])
    for c in kept:
        assert c.entry is not None
        e = c.entry
        m = Mention(text[c.hit.start:c.hit.end], c.hit.start, c.hit.end)
        if c.metonym:
            resolved_metonyms.append((m, e))
            continue
        places.setdefault(e.id, (e, []))[1].append(m)
        roles[c.hit.start] = (
            "dateline" if c.in_dateline
            else "qualifier" if c.qualifier_of is not None
            else "where" if c.where
            else "locative" if c.locative
            else "plain"
        )
    # "in the Kremlin", "at the White House": the actors stage leaves a seat of government after
    # a locative to us; it is where something happens, in the country's capital.
    for m, entry in _seat_places(text, g):
        places.setdefault(entry.id, (entry, []))[1].append(m)
        roles[m.start] = "where"
    # Actor mentions that are no gazetteer name ("American", "Georgian troops") stand for their
    # country.
    named = {m.start for m, _ in metonyms}
    for s_, e_, actor in actor_spans:
        if s_ in named or actor.kind != "country" or actor.country is None:
            continue
        if not _DEMONYM.fullmatch(text[s_:e_]):
            continue  # "the country", "White House": an actor, not a toponym
        ce = g.countries.get(actor.country)
        if ce is not None and not any(ms <= s_ < me for ms, me, _ in _place_spans(places)):
            resolved_metonyms.append((Mention(text[s_:e_], s_, e_), ce))
            named.add(s_)
    out = [
        Place(e.id, e.name, e.country, e.lat, e.lon, e.geonameid, e.feature,
              tuple(sorted(set(ms), key=lambda m: m.start)))
        for e, ms in places.values()
    ]
    out.sort(key=lambda p: p.mentions[0].start if p.mentions else 0)
    return PlaceResult(out, roles, dateline_entry.id if dateline_entry else None,
                       tuple((m, e) for m, e in resolved_metonyms if e is not None))


@cache
def _seats() -> tuple[re.Pattern[str] | None, dict[str, tuple[str, str]]]:
    """A pattern for a seat of government after a locative (the same prepositions as the actors
    stage's), and each seat's (country, capital) from data/countries.csv."""
    seats: dict[str, tuple[str, str]] = {}
    for row in load_csv("countries.csv"):
        capital = row["capitals"].split(";")[0].strip()
        for seat in filter(None, (x.partition(":")[0].strip() for x in row["seats"].split(";"))):
            if capital:
                seats[seat] = (row["iso3"], capital)
    if not seats:
        return None, seats
    alts = "|".join(re.escape(x) for x in sorted(seats, key=len, reverse=True))
    return re.compile(rf"\b(?:[Ii]n|[Aa]t|[Ii]nside|[Oo]utside|[Nn]ear)\s+(?:the\s+)?"
                      rf"(?P<seat>{alts})(?![\w-])"), seats


def _seat_places(text: str, g: Gazetteer) -> list[tuple[Mention, Entry]]:
    pat, seats = _seats()
    out: list[tuple[Mention, Entry]] = []
    if pat is None:
        return out
    for m in pat.finditer(text):
        iso, capital = seats[m.group("seat")]
        entries = g.lookup(capital)
        if not entries:
            continue
        entry = _resolve(Hit(capital, 0, len(capital), entries), {iso}, Counter(), iso)
        out.append((Mention(m.group("seat"), m.start("seat"), m.end("seat")), entry))
    return out


def _place_spans(places: dict[str, tuple[Entry, list[Mention]]]) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, pid) for pid, (_, ms) in places.items() for m in ms]


def _areas(e: Entry) -> list[str]:
    """The context keys a resolved place contributes: its country, and a state's own key."""
    if e.country is None:
        return []
    # A named state ("Georgia", "Ga.") counts twice as much as a state known from its towns.
    if e.admin1 is not None and e.kind == "adm1":
        return [e.country, f"{e.country}.{e.admin1}", f"{e.country}.{e.admin1}"]
    if e.admin1 is not None and e.kind != "country":
        return [e.country, f"{e.country}.{e.admin1}"]
    return [e.country]


# A demonym or adjective of a country ("American", "Sri Lankan", "Israelis", "French").
_DEMONYM = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?(?:an|ans|ese|i|is|ish|ch|ic)")
# Words after a name that make it a person's ("Roberts said", "Baker's").
_PERSONAL = re.compile(r"(?:'s|’s|\s+(?:said|says|told|added|wrote|asked|noted))\b")
# Kinds of names that qualify a town after a comma ("Kazan, Russia", "Athens, Ga.").
_QUALIFIER_KINDS = frozenset({"country", "region", "adm1"})


def _is_abbreviation(name: str) -> bool:
    """"Ga.", "W. Va.": a state's abbreviation is a place only after a town or a preposition."""
    return name.endswith(".") and len(name) <= 6


def _prominent(hit: Hit) -> bool:
    """Without locative context, accept our own curated names, cities of 100,000 people or
    more (by any name: "Kiev", "Khan Younis") and named counties ("Laurel County"); small
    towns' names are mostly other words."""
    return any(((e.curated or e.population >= 100_000) and e.kind != "adm2")
               or (e.kind == "adm2" and hit.name.endswith((" County", " Parish")))
               for e, _ in hit.entries)


# Prior of each kind (log10 population units): a country or curated region outranks a town of
# the same name unless context says otherwise. Our curated regions have no population: theirs
# counts as that of a large city, the names we list being the ones news means ("Gaza").
_KIND_PRIOR = {"country": 2.0, "region": 7.0, "other": 7.0, "adm1": 0.3, "adm2": -0.3,
               "city": 0.0}


def _resolve(hit: Hit, qualified: set[str], context: Counter[str] | set[str],
             dateline: str | None) -> Entry:
    """The entry a name most likely means: one in the country or state named right after it
    ("Kazan, Russia", "Athens, Ga."), then a score of population (log10), the kind's prior and
    bonuses for the countries and states of the article's other places and actors and the
    dateline's country, so that context picks between towns (Tripoli, Lebanon or Libya; Paris,
    Tex.) but does not move "Paris" to Texas on its own."""

    def key(item: tuple[Entry, bool]) -> tuple[int, float]:
        e, primary = item
        score = math.log10(e.population + 1) + _KIND_PRIOR.get(e.kind, 0.0)
        score += 1.5 * (e.country in context)
        if e.admin1 is not None and e.kind != "country":
            # One town of a state is weak evidence ("Chicago" and Paris, Ill.); two are not.
            score += 2.0 * (_count(context, f"{e.country}.{e.admin1}") >= 2)
        score += 0.5 * (e.country is not None and e.country == dateline)
        score += 0.3 * primary
        q = int(e.country in qualified)
        q += int(f"{e.country}.{e.admin1}" in qualified)
        return q, score

    best = max(hit.entries, key=key)[0]
    if best.kind == "adm1":
        # A province named like the city that holds most of its people (Beijing, Tehran,
        # Moscow) is, in news, almost always the city: take the city and its coordinates.
        for e, _ in hit.entries:
            if (e.kind == "city" and e.country == best.country and e.admin1 == best.admin1
                    and e.population * 2 >= best.population):
                return e
    return best


def _count(context: Counter[str] | set[str], key: str) -> int:
    if isinstance(context, Counter):
        return context[key]
    return int(key in context)


_CAPS_DATELINE = re.compile(r"(?m)^[A-Z][A-Z.' -]{2,}(?=,| —| -| \()")


def _title_case_datelines(text: str) -> str:
    """The text with capitalised datelines title-cased in place ("CHARLESTON, W.Va." →
    "Charleston, W.Va."), so that names are found; offsets do not move."""
    if not _CAPS_DATELINE.search(text):
        return text
    return _CAPS_DATELINE.sub(lambda m: m.group().title(), text)


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
    return _resolve(Hit(city, 0, len(city), entries), qualified, Counter(context), None)


_ROLE_RANK = {"where": 2, "locative": 1, "plain": 0}
# Event types that take place where their target is.
_AT_TARGET = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "SANCTION", "SEIZE"})


def event_place(event: Event, result: PlaceResult, main_place: str | None) -> Event:
    """``event`` with place and place_basis filled: the place mentioned in its sentence (a
    locative one first, then the nearest to the trigger, then the most specific), else the
    dateline's place, else the article's main place."""
    ev, trig = event.evidence, event.trigger
    targets = {t.split(":")[0] for t in event.target}
    best: tuple[tuple[int, int, int, int], str] | None = None
    for p in result.places:
        for m in p.mentions:
            if not (m.start >= ev.start and m.end <= ev.end):
                continue
            role = result.roles.get(m.start)
            if role not in _ROLE_RANK:
                continue  # the dateline, or "Russia" in "Kazan, Russia"
            dist = m.start - trig.end if m.start >= trig.end else trig.start - m.end
            # An attack happens where its target is ("Israeli strikes on Lebanon" in a sentence
            # that also names Gaza); a meeting, where it is held, which a locative says.
            on_target = int(event.type in _AT_TARGET and p.country is not None
                            and p.country in targets)
            k = (on_target, _ROLE_RANK[role], -max(dist, 0), -KIND_RANK[p.feature])
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
