"""A gazetteer hit being judged by the places stage (its cues, the list it is in), and the
article-level facts judged from the kept ones: the states it is about, the kinds of area wanted."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsevents.gazetteer import Entry, Hit
from newsevents.records import Actor, Mention
from newsevents.stages._place_cues import _AREA_WORD, _CITY_OF
from newsevents.stages._place_resolve import _possible_states


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
    sentence_start: int = 0
    peers: list[_Cand] = field(default_factory=list)  # the other names of a list it is in
    filed: bool = False  # a capitalised dateline's name ("WASHINGTON —") not taken as one
    townsfolk: bool = False  # its people or police follow it ("a Chapin man")
    capital: bool = False  # a capital standing for its government ("Washington seems")


def _actor_spans(actors: Iterable[Actor]) -> list[tuple[int, int, Actor]]:
    return sorted(((m.start, m.end, a) for a in actors for m in a.mentions), key=lambda t: t[:2])


def _overlapping(spans: list[tuple[int, int, Actor]], s: int, e: int) -> list[Actor]:
    return [a for (ms, me, a) in spans if ms < e and s < me]


def _same_area_kind(a: _Cand, b: _Cand) -> bool:
    """Whether two names can both be areas of one kind (two states, two countries)."""
    return bool({e.kind for e, _ in a.hit.entries} & {e.kind for e, _ in b.hit.entries}
                & _QUALIFIER_KINDS)


def _article_states(kept: list[_Cand], dateline: Entry | None) -> set[str]:
    """The states (``ISO3.admin1``) an article is about: a state named (its only state
    reading), one qualifying a town ("Athens, Ga."), the dateline's, or one that two of its
    distinct place names can only lie in."""
    out: set[str] = set()
    single: Counter[str] = Counter()
    for c in {c.hit.name: c for c in kept if not c.metonym}.values():
        out.update(q for q in c.qualified_by if "." in q)
        keys = _possible_states(c.hit)
        if len(keys) != 1:
            continue
        key = next(iter(keys))
        if any(e.kind == "adm1" for e, _ in c.hit.entries):
            out.add(key)
        else:
            single[key] += 1
    out.update(k for k, n in single.items() if n >= 2)
    if dateline is not None and dateline.admin1 is not None and dateline.country is not None:
        out.add(f"{dateline.country}.{dateline.admin1}")
    return out


def _place_spans(places: dict[str, tuple[Entry, list[Mention]]]) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, pid) for pid, (_, ms) in places.items() for m in ms]


# Kinds of names that qualify a town after a comma ("Kazan, Russia", "Athens, Ga.").
_QUALIFIER_KINDS = frozenset({"country", "region", "adm1"})


def _wants_area(text: str, c: _Cand) -> int:
    """2 when a word after the name says it is an administrative area's ("Henan province"),
    1 when it is listed with names of states or provinces ("British Columbia, Alberta, Ontario
    and New Brunswick"), -1 when words before say it is a town's ("the city of Sao Paulo"),
    else 0."""
    if _AREA_WORD.match(text, c.hit.end):
        return 2
    if _CITY_OF.search(text, max(0, c.hit.start - 20), c.hit.start):
        return -1
    return int(bool(c.peers) and all(
        any(e.kind in ("adm1", "region") for e, _ in p.hit.entries) for p in c.peers))
