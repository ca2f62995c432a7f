"""Headlines that name no actor ("Riots break out across Guadeloupe", "Curfew lifted in Beirut",
"Four killed in air strike"): the event of the headline's first trigger, with the country of
the place it names (or the article's main country) on the side PLOVER would give it."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from newsevents.lexicon import load_csv
from newsevents.ontology import cameo_info
from newsevents.records import Actor, Document, Event, Evidence, Mention, Sentence, stable_id
from newsevents.stages._actor_generic import generic_name
from newsevents.stages._confidence import event_confidence
from newsevents.stages._modality import ModalityRules
from newsevents.stages._triggers import TriggerEntry, TriggerMatch, TriggerMatcher

__all__ = ["IMPLIED_FACTOR", "actorless_event"]

# Confidence factor (roles, see _confidence) for an actor implied by the place rather than named.
IMPLIED_FACTOR = 0.95
# Types whose unnamed actor is on the receiving side: an attack or coercion by an unknown
# perpetrator targets the place's country; protests and riots come from its people (the
# opposition sector, as the actors stage codes "protesters"); an easing ("curfew lifted in")
# is the country's own act. Other types are left uncoded: talks or aid "in" a place are often
# between others (the place only hosts them).
_TARGET_TYPES = frozenset({"ASSAULT", "COERCE"})
_PEOPLE_TYPES = {"PROTEST": "OPP"}
_SOURCE_TYPES = frozenset({"CONCEDE"})


@dataclass(frozen=True, slots=True)
class _Countries:
    pattern: re.Pattern[str]
    iso: dict[str, str]  # lower-case name or capital -> ISO3
    name: dict[str, str]  # ISO3 -> name
    adjective: dict[str, str]  # ISO3 -> adjective


@cache
def _countries() -> _Countries:
    iso: dict[str, str] = {}
    name: dict[str, str] = {}
    adj: dict[str, str] = {}
    for row in load_csv("countries.csv"):
        code = row["iso3"]
        name[code] = row["name"]
        adjs = [a for a in (row.get("adjectives") or "").split(";") if a]
        adj[code] = adjs[0] if adjs else row["name"]
        ambiguous = {a.lower() for a in (row.get("ambiguous") or "").split(";") if a}
        for field in ("names", "capitals"):
            for n in (row.get(field) or "").split(";"):
                if len(n) > 3 and n.lower() not in ambiguous:
                    iso.setdefault(n.lower(), code)
    alts = sorted(iso, key=len, reverse=True)
    pat = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in alts) + r")(?![\w-])")
    return _Countries(pat, iso, name, adj)


_LOCATIVE = re.compile(r"\b(?:in|across|at|near|from|outside|inside|into|to|for|of|over|"
                       r"throughout|around)\s+(?:the\s+)?$")


def _place_country(text: str, doc: Document, t_start: int) -> tuple[str, bool] | None:
    """The country of the first country or capital the headline names (case as written), and
    whether it is the subject: named before the trigger and not after a preposition ("Morocco
    General Convicted", not "Rubio in Saudi Arabia for ... talks"). Else the article's most
    mentioned country, not a subject."""
    c = _countries()
    low = text.lower()
    for m in c.pattern.finditer(low):
        if text[m.start()].isupper():
            subject = m.end() <= t_start and not _LOCATIVE.search(low[: m.start()])
            return c.iso[m.group()], subject
    counts = Counter(a.country for a in doc.actors if a.country for _ in a.mentions)
    return (counts.most_common(1)[0][0], False) if counts else None


def actorless_event(
    sent: Sentence, doc: Document, coded: list[Event], matcher: TriggerMatcher,
    rules: ModalityRules, entry_of: Callable[[TriggerMatch, str], TriggerEntry],
    suppressed: Callable[[str, list[TriggerMatch]], bool], article_id: str,
) -> tuple[Event, Actor | None] | None:
    """The headline ``sent``'s first trigger as an event when nothing was coded for it (its
    actors implied by the place), and the actor record to add when the article has none for
    that id. ``entry_of(match, low)`` picks the verb or noun reading of a trigger span;
    ``suppressed(low, matches)`` tells a sports or weather headline."""
    text = sent.text
    low = text.lower()
    matches = matcher.find(low)
    if not matches:
        return None
    # "agrees to halt", "promises to end": a governing verb's event is the action it governs.
    m = next((t for t in matches if not any(e.governs for e in t.entries)), None)
    if m is None or any(e.trigger.start <= sent.start + m.start for e in coded):
        return None  # the headline's first event was coded with its named actors
    entry = entry_of(m, low)
    info = cameo_info(entry.code)
    if info is None or info.type is None or entry.strength < matcher.noun_alone:
        return None
    if info.quad_class == 4 and suppressed(low, matches):
        return None
    found = _place_country(text, doc, m.start)
    if found is None:
        return None
    iso, subject = found
    sector = _PEOPLE_TYPES.get(info.type)
    side = f"{iso}:{sector}" if sector else iso
    if subject and not sector:
        # "Papua New Guinea Leader Condemns ...": the country's unnamed official acts; a bare
        # participle after it is a headline passive ("Morocco General Convicted").
        head = low[m.start : m.end].split()[0]
        passive = entry.pos == "verb" and head.endswith(("ed", "en"))
        source, target = ((), (side,)) if passive else ((side,), ())
    elif info.type in _TARGET_TYPES:
        source, target = (), (side,)
    elif sector or info.type in _SOURCE_TYPES:
        source, target = (side,), ()
    else:
        return None  # talks or aid "in" a place are often between others: it only hosts them
    res = rules.decide(low, text, m.start, m.end, 0, headline=True)
    conf = event_confidence(entry.strength, headline=True, sources=len(source),
                            targets=len(target), modality=res.value, cue=res.cue is not None,
                            roles=IMPLIED_FACTOR)
    start = sent.start + m.start
    ev = Event(
        id=stable_id("ev", article_id, start, info.type), type=info.type,
        mode=entry.mode or info.mode, cameo=entry.code, quad_class=info.quad_class,
        goldstein=info.goldstein, source=source, target=target, modality=res.value,
        evidence=Evidence(text, sent.start, sent.end),
        trigger=Mention(text[m.start : m.end], start, sent.start + m.end), confidence=conf,
    )
    if doc.actor(side) is not None:
        return ev, None
    c = _countries()
    actor = (Actor(side, generic_name(c.adjective.get(iso), sector), "group", iso, sector)
             if sector else Actor(iso, c.name.get(iso, iso), "country", iso))
    return ev, actor
