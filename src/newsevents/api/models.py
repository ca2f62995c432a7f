"""Pydantic response models of the HTTP API (at the edge, so ``/openapi.json`` is exact)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Health(BaseModel):
    status: str = Field(description='"ok" when the database can be read.')
    version: str
    database: str = Field(description="File name of the database being served.")


class Stats(BaseModel):
    articles: int
    events: int
    actors: int
    places: int
    first_date: str | None = Field(description="Earliest event day (YYYY-MM-DD), if any.")
    last_date: str | None = Field(description="Latest event day (YYYY-MM-DD), if any.")


class Span(BaseModel):
    text: str
    start: int = Field(description="Character offset into the article text (code points).")
    end: int


class EventOut(BaseModel):
    id: str
    article_id: str
    type: str = Field(description='PLOVER event type, e.g. "CONSULT".')
    mode: str | None
    cameo: str | None
    quad_class: int | None = Field(
        description="1 verbal cooperation, 2 material cooperation, 3 verbal conflict, "
        "4 material conflict."
    )
    goldstein: float | None
    source: list[str] = Field(description="Source actor ids.")
    target: list[str] = Field(description="Target actor ids.")
    date: str | None = Field(description="The event's own date, when the text gives one.")
    day: str | None = Field(
        description="The date the event is counted under: its own date, else its article's "
        "publication date (filters and time series use it)."
    )
    date_precision: str | None
    place: str | None
    modality: str
    evidence: Span
    confidence: float | None
    trigger: Span | None = Field(
        default=None, description="The words that name the event (inside the evidence)."
    )


class EventPage(BaseModel):
    total: int = Field(description="Events matching the filters, before limit/offset.")
    limit: int
    offset: int
    items: list[EventOut]
    names: dict[str, str] = Field(description="Display name of every actor id in the items.")
    next_cursor: str | None = Field(
        default=None, description="Pass as `cursor` for the next page; null on the last page."
    )


class ActorOut(BaseModel):
    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    roles: list[str]
    events: int = Field(description="Events this actor takes part in.")


class Partner(BaseModel):
    id: str
    name: str
    events: int
    cooperation: int
    conflict: int


class TypeCount(BaseModel):
    type: str
    count: int
    quad_class: int | None = Field(description="Most common quad class of this type.")


class ActorDetail(ActorOut):
    partners: list[Partner] = Field(description="Actors it shares events with, most first.")
    types: list[TypeCount]


class ArticleRef(BaseModel):
    id: str
    title: str | None
    url: str | None
    source: str
    published: str | None


class ArticleOut(ArticleRef):
    language: str | None
    text: str
    events: list[EventOut]
    names: dict[str, str]


class PlaceOut(BaseModel):
    id: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None


class EventDetail(BaseModel):
    event: EventOut
    article: ArticleRef
    text: str = Field(description="Clean article text; evidence offsets index into it.")
    actors: list[ActorOut]
    place: PlaceOut | None


class Period(BaseModel):
    period: str = Field(description="Start of the period, YYYY-MM-DD.")
    cooperation: int = Field(description="Events of quad class 1 or 2.")
    conflict: int = Field(description="Events of quad class 3 or 4.")
    verbal_cooperation: int
    material_cooperation: int
    verbal_conflict: int
    material_conflict: int
    total: int


class Timeseries(BaseModel):
    freq: str
    actor: str | None
    periods: list[Period]


class TopDyad(BaseModel):
    a: str
    b: str
    a_name: str
    b_name: str
    events: int
    cooperation: int
    conflict: int


class Dyad(BaseModel):
    a: str
    b: str
    a_name: str
    b_name: str
    freq: str
    periods: list[Period]
    types: list[TypeCount]
    events: list[EventOut] = Field(description="The most recent events of the pair (up to 100).")


class ErrorOut(BaseModel):
    detail: str


class NetworkNode(BaseModel):
    id: str = Field(description="Actor id, or the country code its people and groups count under.")
    name: str
    kind: str = Field(description='"country" for a country unit, else the actor kind.')
    events: int = Field(description="Factual events on the edges shown.")


class NetworkEdge(BaseModel):
    source: str
    target: str
    events: int
    cooperation: int
    conflict: int
    goldstein: float | None = Field(description="Mean Goldstein score of the events.")


class Network(BaseModel):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge] = Field(description="Directed source → target, most events first.")


class MapCountry(BaseModel):
    country: str = Field(description="ISO 3166-1 alpha-3 code.")
    numeric: str | None = Field(description="ISO 3166-1 numeric code (joins map outlines).")
    name: str
    events: int
    cooperation: int
    conflict: int


class MapPlace(BaseModel):
    id: str
    name: str
    country: str | None
    lat: float
    lon: float
    events: int


class WorldMap(BaseModel):
    by: str = Field(description='"place": where events happened; "actor": whose they are.')
    countries: list[MapCountry]
    places: list[MapPlace] = Field(description="Places with coordinates, most events first.")
    unplaced: int = Field(description="Matching events that the map cannot show.")
