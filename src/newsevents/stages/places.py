"""The places stage: toponyms of the article resolved against the offline gazetteer (ids
``country:<ISO3>``, ``geo:<geonameid>``, ``region:<slug>``), the dateline, and each event's place
with its basis (the event's sentence, the dateline, or the article's main location)."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import replace
from itertools import pairwise

from newsevents.gazetteer import Entry, Gazetteer, Hit, gazetteer
from newsevents.records import Actor, Document, Mention, Place
from newsevents.stages._place_cands import (
    _QUALIFIER_KINDS,
    _actor_spans,
    _article_states,
    _Cand,
    _overlapping,
    _place_spans,
    _same_area_kind,
    _wants_area,
)
from newsevents.stages._place_cues import (
    _AGE_OF,
    _CAPITAL_AFTER,
    _LIST_JOIN,
    _PARTY_BEFORE,
    _SPEECH,
    _TOWN_NOUN,
    _WHERE,
    _adjective_nouns,
    _capital_acting,
    _capital_entry,
    _city_aliases,
    _county_lists,
    _group_of_place,
    _of_home,
    _region_adjectives,
    _residents,
    _seat_places,
    _state_abbreviation_used,
    _strongest,
    _union_of_states,
    locative_before,
)
from newsevents.stages._place_events import (
    PlaceResult,
    _dateline_city_mention,
    _geocode_dateline,
    _main_place,
    event_place,
)
from newsevents.stages._place_names import (
    _DEMONYM,
    _NEIGHBOUR_OK,
    _PERSONAL,
    _adjective_in,
    _capitalised_neighbour,
    _caps_datelines,
    _embedded,
    _given_names,
    _hits,
    _institutions,
    _is_abbreviation,
    _prominent,
    _result_sides,
    _stopwords,
)
from newsevents.stages._place_resolve import _areas, _possible_states, _resolve, _votes
from newsevents.stages._place_streets import find_features, find_streets, street_places

__all__ = ["PlaceResult", "Places", "event_place", "find_places"]


def _group_post_place(spans: list[tuple[int, int, Actor]], a: Actor, hit: Hit) -> bool:
    """A country the actors stage took into a group's mention as where the group serves
    ("Russian troops in Ukraine", "Chile's ambassador to Peru"): still a toponym, read as the
    country's own mention would be."""
    return a.kind == "group" and any(
        b is a and s < hit.start and e == hit.end for s, e, b in spans)


def find_places(doc: Document, gaz: Gazetteer | None = None) -> PlaceResult:
    """The places of ``doc`` with the role of each mention and the dateline's place."""
    art = doc.article
    if art is None:
        return PlaceResult([], {}, None)
    g = gaz or gazetteer()
    text = art.text
    never, needs_locative, after_ok = _stopwords()
    institutions = _institutions()
    actor_spans = _actor_spans(doc.actors)
    dl = art.dateline
    dl_city = _dateline_city_mention(dl) if dl is not None else None

    cands: list[_Cand] = []
    inner: list[_Cand] = []  # names inside a longer capitalised name: judged at the end
    name_parts: set[str] = set()
    searched, filed = _caps_datelines(text)
    small: list[_Cand] = []  # towns too small to take without context: judged with the states
    # Streets ("Richmond Street", "Old Lexington Highway"), but not a person's or an
    # organisation's name ("Diane Lane", "Wall Street Journal").
    streets = [(s_, e_) for s_, e_ in find_streets(text)
               if not _overlapping(actor_spans, s_, e_)]
    # Rivers, lakes and forests ("Neches River", "Lake Lanier"), unless the gazetteer has the
    # whole name (a town: "Lake Mary") or a street holds it ("Lake Street").
    natural = frozenset(
        (s_, e_) for s_, e_ in find_features(text)
        if not g.lookup(text[s_:e_]) and not _overlapping(actor_spans, s_, e_)
        and not any(a < e_ and s_ < b for a, b in streets))
    streets = sorted(streets + list(natural))
    counties = _county_lists(text, g)
    hits = _hits(g, searched)
    if counties:
        hits = sorted([h for h in hits if not any(a < h.end and h.start < b
                                                  for a, b, _ in counties)]
                      + [Hit(text[a:b], a, b, es) for a, b, es in counties],
                      key=lambda h: h.start)
    # Each hit's sentence by bisection over the sentences' starts (sorted and disjoint, as
    # Document.sentence_at assumes), without a method call per hit.
    sents = doc.sentences
    sent_starts = [s.start for s in sents]
    for hit in hits:
        if hit.name in never or not hit.entries:
            continue
        if streets and any(s_ <= hit.start and hit.end <= e_ for s_, e_ in streets):
            continue  # the street's name, not the town's
        if dl_city is not None and dl_city.start <= hit.start < dl_city.end:
            continue  # geocoded with the dateline below
        si = bisect_right(sent_starts, hit.start) - 1
        s0 = sent_starts[si] if si >= 0 and hit.start < sents[si].end else 0
        c = _Cand(hit, sentence_start=s0)
        c.in_dateline = dl is not None and dl.start <= hit.start and hit.end <= dl.end
        # "... others. WASHINGTON — The House": a dateline the metadata stage did not take
        # (mid-text, after a headline) still says where the story is.
        # The name must be the whole dateline: "IPO FILING --" and "LAST SALE:" name no town.
        in_filed = bool(filed) and any(fs == hit.start and hit.end == len(text[fs:fe].rstrip())
                                       + fs for fs, fe in filed)
        loc = locative_before(text, hit.start)
        c.locative = (c.in_dateline or in_filed or loc is not None
                      # "Doe and Jackson counties"; an address's town ("618 E. Main Street,
                      # Annville")
                      or any(a == hit.start for a, _, _ in counties)
                      or (any(text[e_:hit.start] == ", " for _, e_ in streets)
                          and text[hit.end:hit.end + 1] in (",", ".", ";", ")", "\n", ""))
                      or _PARTY_BEFORE.search(text, max(0, hit.start - 4), hit.start) is not None
                      or _AGE_OF.search(text, max(0, hit.start - 12), hit.start) is not None)
        # Not locative: "Georgia residents" the actors stage took stays their country's mention.
        # Not a word that starts sentences ("Many area cities") nor a hyphen's second half
        # ("Wal-Mart home office").
        c.townsfolk = (hit.name not in _NEIGHBOUR_OK and text[hit.start - 1:hit.start] != "-"
                       and (_TOWN_NOUN.match(text, hit.end) is not None or (
                           text.endswith("of ", 0, hit.start)
                           and _of_home(text, hit.start, actor_spans))))
        c.filed = in_filed
        c.where = in_filed or (loc is not None and loc.group("prep").lower() in _WHERE)
        if (_capitalised_neighbour(text, hit, s0, after_ok) and not c.in_dateline
                and not in_filed):
            name_parts.add(hit.name)
            inner.append(c)
            continue
        cands.append(c)

    # List continuation and "City, Country" / "Town, Ga." qualifiers, left to right.
    joined = [bool(_LIST_JOIN.match(text[a.hit.end:b.hit.start])) for a, b in pairwise(cands)]
    for i, (prev, c) in enumerate(pairwise(cands)):
        gap = text[prev.hit.end:c.hit.start]
        if not joined[i]:
            continue
        area = next((e for e, _ in c.hit.entries if e.kind in _QUALIFIER_KINDS), None)
        # "Utah, Virginia, Washington, West Virginia and Wyoming", "in Washington, Pennsylvania
        # and California": names of one kind of area in a list, not a town and its state.
        listed = area is not None and _same_area_kind(prev, c) and (
            (i > 0 and joined[i - 1] and _same_area_kind(cands[i - 1], prev))
            or (i + 1 < len(joined) and joined[i + 1] and _same_area_kind(c, cands[i + 2])))
        if listed:
            prev.locative = c.locative = True
        if gap.strip() == "," and area is not None and prev.qualifier_of is None and not listed:
            # "Kazan, Russia", "Athens, Ga.": the second name says where the first is.
            c.qualifier_of = prev
            c.locative = True
            for e, _ in c.hit.entries:
                if e.kind in _QUALIFIER_KINDS and e.country:
                    prev.qualified_by.add(e.country)
                    if e.kind == "adm1" and e.admin1:
                        prev.qualified_by.add(f"{e.country}.{e.admin1}")
            prev.locative = True
        else:
            prev.peers.append(c)
            c.peers.append(prev)
            if prev.locative:
                c.locative, c.where = True, prev.where

    kept: list[_Cand] = []
    metonyms: list[tuple[Mention, Entry | None]] = []
    for c in cands:
        hit = c.hit
        actors = _overlapping(actor_spans, hit.start, hit.end)
        if actors:
            if any(a.kind != "country" and not _group_of_place(a, hit)
                   and not _union_of_states(a, hit)
                   and not _group_post_place(actor_spans, a, hit) for a in actors):
                # A person's or an organisation's name ("Roberts", "Ford"); an organisation's
                # may hold a toponym ("Kentucky Department of Education"), and so may a
                # person's title ("Dublin Mayor Marilee Chinnici-Zuercher").
                inner.append(c)
                continue
            # An actor mention ("Moscow said", "Russia's stance", "Georgia residents") is a
            # place only when locative.
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
            if hit.name in needs_locative and _capital_acting(text, hit, g):
                # "Washington seems prepared to engage the Syrians": the capital stands for its
                # government, a metonym resolved to the capital.
                metonyms.append((Mention(hit.name, hit.start, hit.end), None))
                c.metonym = True
                c.capital = True
                kept.append(c)
                continue
            if hit.name in needs_locative or (hit.name in name_parts and not _prominent(hit)):
                continue
            if (_is_abbreviation(hit.name) and hit.name not in _city_aliases()
                    and not _state_abbreviation_used(text, hit)):
                continue
            if not _prominent(hit) and not c.townsfolk:
                # A sentence's first word is capitalised anyway ("Home weatherization").
                if (hit.name not in name_parts and not _PERSONAL.match(text, hit.end)
                        and hit.start > c.sentence_start):
                    small.append(c)
                if _CAPITAL_AFTER.match(text, hit.end):
                    # "Dublin City Council", "Paris Police": a town's institution, judged
                    # with the other names' toponyms below.
                    inner.append(c)
                continue
        elif text.startswith(("'s", "’s"), hit.end) and not _prominent(hit):
            continue  # "in Lai's trial": a person's possessive, not the town of Laï
        kept.append(c)
    # One sense per discourse: a town named once "in Chiefland" is a place wherever it is named.
    # Only names seen where something is ("in Chiefland", "Chiefland, Fla."), and not before
    # a speech verb or a possessive, which mark a person of the same name ("Roberts said").
    accepted = {c.hit.name for c in kept if c.where or c.qualified_by}
    # A dateline's name is the town even where it is a common name ("HAMILTON — ... the two
    # Hamilton women").
    filed_names = {c.hit.name for c in kept if c.filed}
    kept_ids = {id(c) for c in kept}
    for c in cands:
        if (c.hit.name in accepted and id(c) not in kept_ids
                and (c.hit.name not in needs_locative or c.hit.name in filed_names)
                and not _PERSONAL.match(text, c.hit.end)
                and not _overlapping(actor_spans, c.hit.start, c.hit.end)):
            kept.append(c)

    # Context for disambiguation: actors' countries and the countries and states of unambiguous
    # places; a second pass adds those of every place resolved in the first.
    # An actor's country counts once per mention, so that resolving "Georgia" can leave out
    # the actors stage's own reading of "Georgia" (the country) and listen to the rest.
    # by_text: the countries the actors stage gave each mention's text (a dict as an ordered
    # set); the counts to leave out are built only for the ambiguous names that need them.
    by_text: dict[str, dict[str, None]] = {}
    context: Counter[str] = Counter()
    for s_, e_, actor in actor_spans:
        if actor.country:
            context[actor.country] += 1
            by_text.setdefault(text[s_:e_], {})[actor.country] = None
    # The actors stage's reading of an ambiguous name spreads to the mentions it links to it
    # ("Georgia" the country, then "Georgia residents", "officials", "lawmakers"): resolving
    # the name itself, the actors' count for the country it gave it is left out altogether.
    from_actors = Counter(context)
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
    # A small town with no locative cue ("Pineville water main", "Grovetown woman") is a place
    # when it lies in a state the article is about: one named, qualifying a town or the
    # dateline, or holding two of its other places.
    states = _article_states(kept, dateline_entry)
    kept_ids = {id(c) for c in kept}
    # Not in results' text, whose sides are teams named for their towns ("Hull 0 Barnet 0"),
    # nor a name that is a person's first name too ("Douglas & Lomason").
    sides = _result_sides(text) if small else set()
    by_state: set[int] = set()
    for c in small:
        if len(sides) >= 2 or c.hit.name in sides or c.hit.name in _given_names():
            continue
        if id(c) not in kept_ids and any(
                e.kind in ("city", "adm2") and f"{e.country}.{e.admin1}" in states
                for e, _ in c.hit.entries):
            kept.append(c)
            kept_ids.add(id(c))
            by_state.add(id(c))
    # A small town listed with a town of the same state taken ("Newark, Heath and Pataskala")
    # is one too; not a team named for its town ("Essex, Derbyshire and Surrey").
    for c in small:
        if c.hit.name in sides or id(c) in kept_ids or c.hit.name in _given_names():
            continue  # "Peter, Paul and Mary"
        peer_states = {k for p in c.peers if id(p) in kept_ids for k in _possible_states(p.hit)}
        if any(e.kind == "city" and f"{e.country}.{e.admin1}" in peer_states
               for e, _ in c.hit.entries):
            kept.append(c)
            kept_ids.add(id(c))
            by_state.add(id(c))
    # One sense per discourse again, for towns taken by a cue or their state ("a Shiloh
    # teacher" ... "Shiloh's graduation rate"; "Decatur to discuss ..." in a headline): not
    # where the name is a person's too, nor a team's in results' text.
    towns = {c.hit.name for c in kept
             if (c.townsfolk or id(c) in by_state or c.where or c.qualified_by or c.filed)
             and not c.metonym
             and c.hit.name not in needs_locative and not _is_abbreviation(c.hit.name)}
    person_words = {w for _, _, a in actor_spans if a.kind == "person" for w in a.name.split()}
    kept_ids = {id(c) for c in kept}
    sides_known = bool(small)
    for c in cands:
        if (c.hit.name in towns and id(c) not in kept_ids and c.hit.name not in person_words
                and not _overlapping(actor_spans, c.hit.start, c.hit.end)
                and not _SPEECH.match(text, c.hit.end)):
            if not sides_known:
                sides, sides_known = _result_sides(text), True  # only now that one is wanted
            if c.hit.name not in sides:
                kept.append(c)
    # A toponym that starts an organisation's name or follows its "of" ("the Ohio Supreme
    # Court", "Dublin City Council", "University of Georgia") names a place, though not one of
    # the article's places: resolved with the others, kept out of the place list. Judged once
    # the article's states are known: "Grapeland Senior Citizens Center" in a story of Texas.
    persons = [(s_, e_) for s_, e_, a in actor_spans if a.kind == "person"]  # start, end
    for c in inner:
        if id(c) in kept_ids:
            continue  # a small town of the article's state, already a place
        in_state = any(e.kind in ("city", "adm2") and f"{e.country}.{e.admin1}" in states
                       for e, _ in c.hit.entries)
        if _embedded(text, c.hit, c.sentence_start, accepted, persons, needs_locative,
                     institutions, in_state):
            c.metonym = True
            metonyms.append((Mention(c.hit.name, c.hit.start, c.hit.end), None))
            kept.append(c)
            countries = {e.country for e, _ in c.hit.entries}
            if len(countries) == 1 and None not in countries:
                context.update(x for x in countries if x)
    # Surnames of the article's persons ("Matthew Flores" ... "Flores, 26", "according to
    # Taylor"): the person's, unless a cue says where ("in Taylor", "Taylor, Texas").
    surnames = {a.name.split()[-1] for a in doc.actors if a.kind == "person" and " " in a.name}
    if surnames:
        kept = [c for c in kept if c.hit.name not in surnames or c.where or c.qualified_by
                or c.filed or c.in_dateline or c.metonym
                or any(e.kind == "country" for e, _ in c.hit.entries)]
    kept.sort(key=lambda c: c.hit.start)

    # One sense per name per article: resolve each distinct name once, with all its evidence.
    by_name: dict[str, list[_Cand]] = {}
    for c in kept:
        by_name.setdefault(c.hit.name, []).append(c)
    # Spatial minimality: each distinct name votes for every state it could lie in, so that the
    # state that explains most of the article's names wins ("Paris" beside "Henry County" and
    # "Benton County": all three have a reading in Tennessee).
    could: dict[str, set[str]] = {name: _possible_states(cs[0].hit) for name, cs in by_name.items()}
    if dateline_entry is not None:
        could.setdefault("\0dateline", set()).update(_areas(dateline_entry)[1:2])
    # Each name's evidence, gathered once for both passes.
    # A name with one reading needs no evidence (``_resolve`` would return that reading):
    # only the others' is gathered, once for both passes.
    ambiguous = [name for name, cs in by_name.items() if len(cs[0].hit.entries) > 1]
    votes_of = _votes(could, ambiguous)
    facts = {name: (set().union(*(c.qualified_by for c in by_name[name])),
                    +(context - Counter({k: from_actors[k] for k in by_text[name]}))
                    if name in by_text else +context,
                    votes_of[name], _strongest(_wants_area(text, c) for c in by_name[name]))
             for name in ambiguous}
    first = {name: cs[0].hit.entries[0][0] for name, cs in by_name.items()}
    for name, (qualified, own, votes, wants_area) in facts.items():
        first[name] = _resolve(by_name[name][0].hit, qualified, own, dateline_country, votes,
                               wants_area)
    areas = {name: _areas(e) for name, e in first.items()}
    for name, cs in by_name.items():
        best = first[name]
        if name in facts:
            # Coherence: the countries and states of the article's other places (none: the
            # first pass's context, and its answer).
            others = [k for other, keys in areas.items() if other != name for k in keys]
            if others:
                qualified, own, votes, wants_area = facts[name]
                ctx = Counter(own)
                ctx.update(others)
                best = _resolve(cs[0].hit, qualified, ctx, dateline_country, votes, wants_area)
        for c in cs:
            c.entry = (_capital_entry(c.hit) or best) if c.capital else best

    places: dict[str, tuple[Entry, list[Mention]]] = {}
    out_streets: dict[str, tuple[Place, list[Mention]]] = {}
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
    for m, place in street_places(doc, streets, places, dateline_entry, natural):
        out_streets.setdefault(place.id, (place, []))[1].append(m)
        loc = locative_before(text, m.start)
        roles[m.start] = ("where" if loc is not None and loc.group("prep").lower() in _WHERE
                          else "locative" if loc is not None else "plain")
    # "in the Kremlin", "at the White House": the actors stage leaves a seat of government after
    # a locative to us; it is where something happens, in the country's capital.
    for m, entry in _seat_places(text, g):
        places.setdefault(entry.id, (entry, []))[1].append(m)
        roles[m.start] = "where"
    # Actor mentions that are no gazetteer name ("American", "Georgian troops") stand for their
    # country.
    taken = [(m.start, m.end) for m, _ in metonyms] + [
        (ms, me) for ms, me, _ in _place_spans(places)]
    for s_, e_, actor in actor_spans:
        if actor.country is None:
            continue
        if actor.kind == "country" and _DEMONYM.fullmatch(text[s_:e_]):
            span: tuple[int, int] | None = (s_, e_)
        else:
            # "the Georgian Interior Ministry": the country's adjective starting an
            # institution's name inside a group's mention, as it starts "Ohio Supreme Court"
            # ("Mexican officials" is no toponym; "the country", "White House" hold none).
            span = _adjective_in(text, s_, e_, actor.country, any_noun=True)
        if span is None or any(ms < span[1] and span[0] < me for ms, me in taken):
            continue
        ce = g.countries.get(actor.country)
        if ce is not None:
            resolved_metonyms.append((Mention(text[span[0]:span[1]], *span), ce))
            taken.append(span)
    # A country's adjective before its institutions or people, where the actors stage took
    # no group ("the Georgian authorities", "a Georgian court", "Georgian climbers").
    for m, entry in _adjective_nouns(text, g):
        if not any(ms < m.end and m.start < me for ms, me in taken):
            resolved_metonyms.append((m, entry))
            taken.append((m.start, m.end))
    # A region's adjective ("Abkhaz servicemen", "the South Ossetians") names it.
    for m, entry in _region_adjectives(text, g):
        if not any(ms < m.end and m.start < me for ms, me in taken):
            resolved_metonyms.append((m, entry))
            taken.append((m.start, m.end))
    # A place's residents ("Ohioans", "Ontarians", "New Londoners") name it too.
    for m, entry in _residents(text, g):
        sent = doc.sentence_at(m.start)
        if sent is not None and sent.start == m.start and entry.kind == "city":
            continue  # "Dealers said": a sentence's first word is capitalised anyway
        if not any(ms < m.end and m.start < me for ms, me in taken):
            resolved_metonyms.append((m, entry))
    out = [
        Place(e.id, e.name, e.country, e.lat, e.lon, e.geonameid, e.feature,
              tuple(sorted(set(ms), key=lambda m: m.start)))
        for e, ms in places.values()
    ] + [replace(p, mentions=tuple(ms)) for p, ms in out_streets.values()]
    out.sort(key=lambda p: p.mentions[0].start if p.mentions else 0)
    return PlaceResult(out, roles, dateline_entry.id if dateline_entry else None,
                       tuple((m, e) for m, e in resolved_metonyms if e is not None))


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
