"""Small documents for the places stage's tests: a text with given actors, events and dateline
run through the stage alone, and lookups of its places."""

from __future__ import annotations

import re
from datetime import date

from newsevents.records import Actor, Article, Document, Event, Mention, Place, RawDocument
from newsevents.stages.places import Places
from newsevents.stages.sentences import split


def mentions(text: str, pattern: str) -> tuple[Mention, ...]:
    return tuple(Mention(m.group(), m.start(), m.end()) for m in re.finditer(pattern, text))


def country_actor(text: str, iso3: str, pattern: str) -> Actor:
    return Actor(iso3, iso3, "country", iso3, mentions=mentions(text, pattern))


def run(text: str, actors: tuple[Actor, ...] = (), events: tuple[Event, ...] = (),
        dateline: Mention | None = None) -> Document:
    doc = Document(
        raw=RawDocument(source="t", text=text),
        article=Article(id="a", source="t", text=text, published=date(2024, 10, 23),
                        dateline=dateline),
        sentences=tuple(split(text)),
        actors=actors,
        events=events,
    )
    return Places()(doc)


def place(doc: Document, name: str) -> Place:
    for p in doc.places:
        if any(m.text == name for m in p.mentions):
            return p
    raise AssertionError(f"{name!r} not among {[p.name for p in doc.places]}")


def names(doc: Document) -> set[str]:
    return {m.text for p in doc.places for m in p.mentions}
