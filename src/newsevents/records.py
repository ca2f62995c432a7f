"""Typed records that flow through the pipeline and out of it.

Every stage takes a :class:`Document` and returns a new one (records are frozen; stages use
``dataclasses.replace``). Offsets (``start``, ``end``) always index into ``Article.text``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

PublishedBasis = Literal["metadata", "text", "weekday", "given", "none"]
ActorKind = Literal["country", "person", "organization", "igo", "armed_group", "group"]
PlaceFeature = Literal["country", "region", "city", "other", "street"]
Precision = Literal["day", "week", "month", "year"]
Modality = Literal["asserted", "expected", "hypothetical", "negated", "reported", "denied"]
DateBasis = Literal["sentence", "article", "none"]
PlaceBasis = Literal["sentence", "dateline", "article", "none"]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One input article as read by a source, before any processing.

    Exactly one of ``text`` or ``html`` is set. ``published`` is an ISO date string given by
    the input's metadata (a JSON field, say), if any.
    """

    source: str
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    feed: str | None = None
    # Non-fatal notes from reading the input (e.g. "decoded as Windows-1252"); the clean stage
    # copies them into Document.notes. Not part of content_hash.
    notes: tuple[str, ...] = ()

    @property
    def content(self) -> str:
        return self.html if self.html is not None else (self.text or "")

    @property
    def content_hash(self) -> str:
        """Stable hash of what the article *is*; the store's idempotency key."""
        h = hashlib.sha256()
        for part in (self.url or "", self.title or "", self.published or "", self.content):
            h.update(part.encode("utf-8", "surrogatepass"))
            h.update(b"\x00")
        return h.hexdigest()


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of ``Article.text``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class RemovedBlock:
    """A boilerplate block removed by cleaning, with the reason it was removed."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    source: str
    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    published_basis: PublishedBasis = "none"
    language: str | None = None
    removed: tuple[RemovedBlock, ...] = ()
    dateline: Mention | None = None
    feed: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    kind: ActorKind
    country: str | None = None
    sector: str | None = None
    roles: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature: PlaceFeature
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A temporal expression in the text, normalised against the publication date.

    ``value`` is TIMEX3-like: ``2024-10-23``, ``2024-10``, ``2024``, ``2024-W43`` or ``None``
    when it cannot be resolved.
    """

    text: str
    start: int
    end: int
    value: str | None
    precision: Precision | None
    type: str = "DATE"  # TIMEX3 type: DATE, TIME, DURATION or SET


@dataclass(frozen=True, slots=True)
class Evidence:
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    type: str
    mode: str | None
    cameo: str
    quad_class: int
    goldstein: float
    source: tuple[str, ...]
    target: tuple[str, ...]
    modality: Modality
    evidence: Evidence
    trigger: Mention
    confidence: float
    date: date | None = None
    date_precision: Precision | None = None
    date_basis: DateBasis = "none"
    place: str | None = None
    place_basis: PlaceBasis = "none"


@dataclass(frozen=True, slots=True)
class Document:
    """The record one article becomes as it flows through the pipeline."""

    raw: RawDocument
    article: Article | None = None
    sentences: tuple[Sentence, ...] = ()
    actors: tuple[Actor, ...] = ()
    places: tuple[Place, ...] = ()
    dates: tuple[TimeExpression, ...] = ()
    events: tuple[Event, ...] = ()
    # Non-fatal notes from stages ("year inferred from weekday", "not English: not coded").
    notes: tuple[str, ...] = ()
    timings: dict[str, float] = field(default_factory=dict, compare=False, hash=False)

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence holding character ``offset`` of the article text."""
        lo, hi = 0, len(self.sentences) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            s = self.sentences[mid]
            if offset < s.start:
                hi = mid - 1
            elif offset >= s.end:
                lo = mid + 1
            else:
                return s
        return None

    def actor(self, actor_id: str) -> Actor | None:
        for a in self.actors:
            if a.id == actor_id:
                return a
        return None


def stable_id(prefix: str, *parts: object) -> str:
    """A short id that depends only on its parts, so the same input gives the same ids."""
    h = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8", "surrogatepass"))
    return f"{prefix}{h.hexdigest()[:12]}"


def _mentions(ms: tuple[Mention, ...]) -> list[dict[str, Any]]:
    return [{"text": m.text, "start": m.start, "end": m.end} for m in ms]


def to_json(doc: Document) -> dict[str, Any]:
    """The output contract of ``newsevents extract --format json`` (see DESIGN.md)."""
    a = doc.article
    if a is None:
        raise ValueError(f"{doc.raw.source}: document was not processed")
    return {
        "article": {
            "id": a.id,
            "source": a.source,
            "url": a.url,
            "title": a.title,
            "published": a.published.isoformat() if a.published else None,
            "published_basis": a.published_basis,
            "language": a.language,
            "text": a.text,
            "removed": [r.text for r in a.removed],
            "removed_reasons": [r.reason for r in a.removed],
            "dateline": _mentions((a.dateline,))[0] if a.dateline else None,
            "notes": list(doc.notes),
        },
        "actors": [
            {
                "id": x.id,
                "name": x.name,
                "kind": x.kind,
                "country": x.country,
                "sector": x.sector,
                "roles": list(x.roles),
                "mentions": _mentions(x.mentions),
            }
            for x in doc.actors
        ],
        "places": [
            {
                "id": p.id,
                "name": p.name,
                "country": p.country,
                "lat": p.lat,
                "lon": p.lon,
                "geonameid": p.geonameid,
                "feature": p.feature,
                "mentions": _mentions(p.mentions),
            }
            for p in doc.places
        ],
        "dates": [
            {"text": t.text, "start": t.start, "end": t.end, "value": t.value,
             "precision": t.precision, "type": t.type}
            for t in doc.dates
        ],
        "events": [
            {
                "id": e.id,
                "type": e.type,
                "mode": e.mode,
                "cameo": e.cameo,
                "quad_class": e.quad_class,
                "goldstein": e.goldstein,
                "source": list(e.source),
                "target": list(e.target),
                "date": e.date.isoformat() if e.date else None,
                "date_precision": e.date_precision,
                "date_basis": e.date_basis,
                "place": e.place,
                "place_basis": e.place_basis,
                "modality": e.modality,
                "trigger": {"text": e.trigger.text, "start": e.trigger.start,
                            "end": e.trigger.end},
                "evidence": {"text": e.evidence.text, "start": e.evidence.start,
                             "end": e.evidence.end},
                "confidence": e.confidence,
            }
            for e in doc.events
        ],
    }
