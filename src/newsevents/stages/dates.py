"""The dates stage: temporal expressions of the article, and each event's date with its precision
and basis (a date in the event's sentence, else the publication date)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from newsevents.records import Document, Event, TimeExpression
from newsevents.stages._timex import find_timexes, value_date

__all__ = ["Dates", "event_date"]

# Finer first: a day in the sentence beats "this month" in the same sentence.
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def event_date(event: Event, timexes: Sequence[TimeExpression], published: date | None) -> Event:
    """``event`` with date, date_precision and date_basis filled (see module docstring)."""
    ev = event.evidence
    in_sentence = [
        t for t in timexes
        if t.value is not None and t.precision is not None
        and t.start >= ev.start and t.end <= ev.end
    ]
    if in_sentence:
        trig = event.trigger

        def key(t: TimeExpression) -> tuple[int, int]:
            dist = t.start - trig.end if t.start >= trig.end else trig.start - t.end
            return _PRECISION_RANK[t.precision or "year"], max(dist, 0)

        for t in sorted(in_sentence, key=key):
            assert t.value is not None and t.precision is not None
            d = value_date(t.value, t.precision)
            if d is not None:
                return replace(event, date=d, date_precision=t.precision, date_basis="sentence")
    if published is not None:
        return replace(event, date=published, date_precision="day", date_basis="article")
    return replace(event, date=None, date_precision=None, date_basis="none")


class Dates:
    """Fills ``Document.dates`` and each event's date (runs after the events stage)."""

    name = "dates"

    def __call__(self, doc: Document) -> Document:
        art = doc.article
        if art is None:
            return doc
        spans = [(s.start, s.end) for s in doc.sentences]
        timexes = tuple(find_timexes(art.text, art.published, spans))
        events = tuple(event_date(e, timexes, art.published) for e in doc.events)
        return replace(doc, dates=timexes, events=events)
