"""Choosing the entry a toponym means: population and kind priors, the countries and states of
the article's other places and actors, and spatial minimality over the states its names could
lie in (used by the places stage)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from newsevents.gazetteer import Entry, Hit


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


# Prior of each kind (log10 population units): a country or curated region outranks a town of
# the same name unless context says otherwise. Our curated regions have no population: theirs
# counts as that of a large city, the names we list being the ones news means ("Gaza").
_KIND_PRIOR = {"country": 2.0, "region": 7.0, "other": 7.0, "adm1": 0.3, "adm2": -0.3,
               "city": 0.0}


# Weight of each other name that could lie in a candidate's state, and the most such names count.
_VOTE_WEIGHT = 0.6


_VOTE_CAP = 4


# Less for a single such name; more for a candidate in the article's dominant country.
_VOTE_SINGLE = 0.2


_DOMINANT = 0.5


def _possible_states(hit: Hit) -> set[str]:
    """The states (``ISO3.admin1``) a name has a town, county or state reading in; a state's
    name votes only for itself ("California" is not the town in Missouri)."""
    states = [e for e, _ in hit.entries if e.kind == "adm1"]
    pool = states or [e for e, _ in hit.entries]
    return {f"{e.country}.{e.admin1}" for e in pool
            if e.admin1 is not None and e.country is not None and e.kind != "country"}


def _votes(could: dict[str, set[str]], names: Iterable[str] | None = None
           ) -> dict[str, Counter[str]]:
    """For each name (of ``names``, by default all), how many of the article's other names
    could lie in each state: all names' votes counted once, less the name's own (states with
    no vote left out)."""
    total: Counter[str] = Counter()
    for keys in could.values():
        total.update(keys)
    out: dict[str, Counter[str]] = {}
    for name in could if names is None else names:
        votes = total.copy()
        for k in could[name]:
            if votes[k] == 1:
                del votes[k]
            else:
                votes[k] -= 1
        out[name] = votes
    return out


def _dominant(context: Counter[str] | set[str]) -> str | None:
    """The country most of the article's context points to (at least two of its mentions and
    more than half of the country mentions), if any."""
    if not isinstance(context, Counter):
        return None
    # One pass, no Counter built: the first country with the highest count (as most_common
    # takes it) and the countries' total.
    top, n, total = None, 0, 0
    for k, v in context.items():
        if v > 0 and "." not in k:
            total += v
            if v > n:
                top, n = k, v
    return top if n >= 2 and n * 2 > total else None


def _resolve(hit: Hit, qualified: set[str], context: Counter[str] | set[str],
             dateline: str | None, votes: Counter[str] | None = None,
             area: int = 0) -> Entry:
    """The entry a name most likely means: one in the country or state named right after it
    ("Kazan, Russia", "Athens, Ga."), then a score of population (log10), the kind's prior and
    bonuses for the countries and states of the article's other places and actors and the
    dateline's country, so that context picks between towns (Tripoli, Lebanon or Libya; Paris,
    Tex.) but does not move "Paris" to Texas on its own. ``votes`` counts the article's other
    names that could lie in each state; ``area`` is 2 for "X province", 1 for a list of
    provinces, -1 for "the city of X"."""

    if len(hit.entries) == 1:
        # One reading: nothing to choose (and a lone state has no city of its name to give).
        return hit.entries[0][0]
    dominant = _dominant(context)
    counted = isinstance(context, Counter)

    # Terms that are zero are left out: adding 0.0 leaves a float as it was, so the scores
    # are the ones the full sum gives, in the same order of additions.
    def key(item: tuple[Entry, bool]) -> tuple[int, float]:
        e, primary = item
        country, admin1, kind = e.country, e.admin1, e.kind
        score = math.log10(e.population + 1) + _KIND_PRIOR.get(kind, 0.0)
        if country in context:
            score += 1.5
        in_state = admin1 is not None and kind != "country"
        state = f"{country}.{admin1}" if in_state or qualified else ""
        # One town of a state is weak evidence ("Chicago" and Paris, Ill.); two are not.
        if in_state and (context[state] if counted else state in context) >= 2:  # type: ignore[index]
            score += 2.0
        if votes and in_state:
            # Other names that could lie in the same state (spatial minimality); one alone is
            # weak evidence, and the article's dominant country counts only with it.
            v = votes[state]
            if v:
                score += _VOTE_WEIGHT * min(v, _VOTE_CAP) - _VOTE_SINGLE * (v == 1)
                score += _DOMINANT * (country == dominant)
        elif kind in ("country", "region", "other", "adm1"):
            score += _DOMINANT * (country is not None and country == dominant)
        if country is not None and country == dateline:
            score += 0.5
        if primary:
            score += 0.3
        if area > 0 and kind in ("adm1", "region"):
            score += 3.0
        if area < 0 and kind == "city":
            score += 3.0
        if not qualified:
            return 0, score
        return int(country in qualified) + int(state in qualified), score

    best = max(hit.entries, key=key)[0]
    if best.kind == "adm1" and area < 2:
        # A province named like the city that holds most of its people (Beijing, Tehran,
        # Moscow) is, in news, almost always the city: take the city and its coordinates.
        for e, _ in hit.entries:
            if (e.kind == "city" and e.country == best.country and e.admin1 == best.admin1
                    and e.population * 2 >= best.population):
                return e
    return best

