"""What the places stage hands on (PlaceResult), the dateline's geocoding, and each event's
place: the place in its sentence, else the dateline's, else the article's main place."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from newsevents.gazetteer import KIND_RANK, Entry, Gazetteer, Hit
from newsevents.records import Event, Mention, Place
from newsevents.stages._place_resolve import _resolve

# A summit, forum or talks held somewhere: that place is the article's setting.
_SETTING = re.compile(
    r"(?i:\b(?:summit|forum|conference|talks|meeting|meetings|gathering|visit|trip|ceremony|"
    r"games|session|negotiations)\s+(?:held\s+|taking place\s+|hosted\s+)?(?:in|at)\s+)$"
)


@dataclass(frozen=True, slots=True)
class PlaceResult:
    """What the places stage learns from one article."""

    places: list[Place]
    # Per mention start: "where" ("in Kazan"), "locative" ("from Tehran"), "plain", "qualifier"
    # ("Russia" in "Kazan, Russia") or "dateline"; event places prefer "where" mentions, then
    # other locatives, and never take qualifiers or the dateline (which is its own basis).
    roles: dict[int, str]
    dateline_place: str | None
    # Toponyms that are not places of the article, with the place each names: those the actors
    # stage took as actors ("Moscow said", "American officials", "the Georgian Interior
    # Ministry") and those inside an organisation's name ("the Ohio Supreme Court"). The
    # geoparsing suites score them.
    metonyms: tuple[tuple[Mention, Entry], ...] = ()


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
            window = text[max(0, m.start - 60):m.start]
            stem = window.rstrip()
            # A match ends in "in" or "at" and white space (n and t have no other case forms
            # to ignore): both tested first, as most mentions follow neither.
            if (len(stem) < len(window) and stem.endswith(("n", "N", "t", "T"))
                    and _SETTING.search(text, max(0, m.start - 60), m.start)):
                return p.id
    counts = Counter({p.id: len(p.mentions) for p in places if p.feature == "city"})
    if not counts:
        return None
    return counts.most_common(1)[0][0]
