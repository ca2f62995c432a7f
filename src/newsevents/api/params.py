"""The event filters shared by the API's list and aggregate endpoints, as one FastAPI dependency,
so ``/api/events``, the time series, the map and the network all read the same query string."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import HTTPException, Query
from pydantic import Field

from newsevents.api.queries import EventFilter
from newsevents.store.queries import parse_day

QuadClass = Annotated[int, Field(ge=1, le=4)]
# YYYY, YYYY-MM or YYYY-MM-DD; parse_day still rejects a day the month does not have (400).
DAY_PATTERN = r"^[12][0-9]{3}(-(0?[1-9]|1[0-2])(-(0?[1-9]|[12][0-9]|3[01]))?)?$"

# Documented on every endpoint that takes the filters (bad dates, bad cursors).
BAD_REQUEST: dict[int | str, dict[str, Any]] = {
    400: {"description": "A filter value that cannot be understood; the detail says which."}
}


def event_filter(
    actor: Annotated[str | None, Query(max_length=200, description="Actor id on either side; "
                                       "a country code also matches its people and groups.")]
    = None,
    partner: Annotated[str | None, Query(max_length=200, description="With actor: the other "
                                         "side of the event (an undirected dyad).")] = None,
    source: Annotated[str | None, Query(max_length=200, description="Source actor id or "
                                        "country.")] = None,
    target: Annotated[str | None, Query(max_length=200, description="Target actor id or "
                                        "country.")] = None,
    type: Annotated[str | None, Query(max_length=50, description='PLOVER type, e.g. '
                                      '"CONSULT".')] = None,
    quad_class: Annotated[list[QuadClass] | None, Query(
        description="Quad classes to keep (repeat the parameter): 1 verbal cooperation, "
        "2 material cooperation, 3 verbal conflict, 4 material conflict.")] = None,
    modality: Annotated[str | None, Query(max_length=50, description="asserted, expected, "
                                          "hypothetical, negated, reported, denied. Trends "
                                          "count asserted and reported events unless this is "
                                          "given.")] = None,
    since: Annotated[str | None, Query(
        max_length=10, pattern=DAY_PATTERN,
        description="Events on or after this day: YYYY-MM-DD, YYYY-MM or YYYY.")] = None,
    until: Annotated[str | None, Query(
        max_length=10, pattern=DAY_PATTERN,
        description="Events on or before this day (a month or year includes all of it).")]
    = None,
    place: Annotated[str | None, Query(max_length=200, description="A place id, or a country "
                                       "code: events located in that country.")] = None,
    text: Annotated[str | None, Query(max_length=200, description="Words in the evidence "
                                      "sentence (case-insensitive, literal).")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Older name of text.")] = None,
    article: Annotated[str | None, Query(max_length=200, description="Events of one "
                                         "article.")] = None,
) -> EventFilter:
    try:
        lo, hi = parse_day(since), parse_day(until, end=True)
    except ValueError as exc:
        raise HTTPException(status_code=400, detail=f"since/until: {exc}") from exc
    return EventFilter(
        actor=actor, partner=partner, source=source, target=target, type=type,
        modality=modality, since=lo, until=hi, q=text or q, article=article,
        quad_class=tuple(quad_class or ()), place=place,
    )
