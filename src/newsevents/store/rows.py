"""Turning one processed Document into the row tuples of each store table (pure, no I/O)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from newsevents.errors import StoreError
from newsevents.records import Actor, ActorKind, Document

Row = tuple[Any, ...]

_ISO3 = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True, slots=True)
class ArticleRows:
    """Everything one article writes, ready for multi-row inserts."""

    article: Row
    actors: list[Actor]
    actor_mentions: list[Row]
    places: list[Row]
    place_mentions: list[Row]
    events: list[Row]
    event_actors: list[Row]


def country_of(actor_id: str) -> str | None:
    """The country an actor id names by convention: ``IRN`` and ``ISR:MIL`` → ISO3."""
    head = actor_id.split(":", 1)[0]
    return head if _ISO3.match(head) else None


def placeholder_actor(actor_id: str) -> Actor:
    """An actor referenced by an event but missing from the document's actor list."""
    country = country_of(actor_id)
    prefix = actor_id.split(":", 1)[0] if ":" in actor_id else ""
    kinds: dict[str, ActorKind] = {"igo": "igo", "org": "organization",
                                   "armed_group": "armed_group", "person": "person"}
    kind = kinds.get(prefix, "country" if country == actor_id else "group")
    return Actor(id=actor_id, name=actor_id, kind=kind, country=country)


def merge_actor(old: Actor, new: Actor) -> Actor:
    """The registry keeps the first name and kind, fills gaps and accumulates roles."""
    roles = list(old.roles) + [r for r in new.roles if r not in old.roles]
    return Actor(
        id=old.id,
        name=old.name if old.name and old.name != old.id else new.name,
        kind=old.kind,
        country=old.country or new.country,
        sector=old.sector or new.sector,
        roles=tuple(roles),
    )


def actor_row(a: Actor) -> Row:
    return (a.id, a.name, a.kind, a.country, a.sector, json.dumps(list(a.roles)))


def document_rows(doc: Document) -> ArticleRows:
    """The rows of ``doc``; raises StoreError if the document was not processed."""
    art = doc.article
    if art is None:
        raise StoreError(
            f"{doc.raw.source}: document has no article (the pipeline's clean stage did not run)"
        )
    article = (
        art.id,
        doc.raw.content_hash,
        art.source,
        art.url,
        art.title,
        art.published,
        art.published_basis,
        art.language,
        art.text,
        json.dumps([{"text": r.text, "reason": r.reason} for r in art.removed]),
        json.dumps(list(doc.notes)),
        art.feed,
        datetime.now(UTC).replace(tzinfo=None),
    )
    actors: dict[str, Actor] = {}
    mentions: list[Row] = []
    for a in doc.actors:
        actors[a.id] = merge_actor(actors[a.id], a) if a.id in actors else a
        mentions.extend((art.id, a.id, m.text, m.start, m.end) for m in a.mentions)
    places: dict[str, Row] = {}
    place_mentions: list[Row] = []
    for p in doc.places:
        places.setdefault(p.id, (p.id, p.name, p.country, p.lat, p.lon, p.geonameid, p.feature))
        place_mentions.extend((art.id, p.id, m.text, m.start, m.end) for m in p.mentions)
    events: list[Row] = []
    sides: list[Row] = []
    seen: set[str] = set()
    for e in doc.events:
        if e.id in seen:
            raise StoreError(f"{doc.raw.source}: event id {e.id} occurs twice in one article")
        seen.add(e.id)
        events.append((
            e.id, art.id, e.type, e.mode, e.cameo, e.quad_class, e.goldstein, e.modality,
            e.date, e.date_precision, e.date_basis, e.place, e.place_basis, e.confidence,
            e.evidence.text, e.evidence.start, e.evidence.end,
            e.trigger.text, e.trigger.start, e.trigger.end,
        ))
        for role, ids in (("source", e.source), ("target", e.target)):
            for pos, actor_id in enumerate(ids):
                if actor_id not in actors:
                    actors[actor_id] = placeholder_actor(actor_id)
                country = actors[actor_id].country or country_of(actor_id)
                sides.append((e.id, actor_id, role, pos, country))
    return ArticleRows(
        article=article,
        actors=list(actors.values()),
        actor_mentions=mentions,
        places=list(places.values()),
        place_mentions=place_mentions,
        events=events,
        event_actors=sides,
    )
