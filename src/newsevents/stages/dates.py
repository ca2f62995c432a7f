"""The dates stage: temporal expressions of the article (TIMEX3 values and types), and each
event's date with its precision and basis (a date in the trigger's clause, else the
publication date)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from newsevents.records import Document, Event, Precision, TimeExpression
from newsevents.stages._timex import find_timexes, reinterpret, tense
from newsevents.stages._timex_calendar import at_granularity, shift, value_date

__all__ = ["Dates", "event_date"]

# Of two expressions as near the trigger, the finer one dates it.
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}

# Between a trigger and a time expression, these start another clause, whose verb the time
# expression belongs to: "discussed the port, which opened in May"; "said on Friday that
# Moscow would agree"; "under the agreement signed in 2021".
_CLAUSE_GAP = re.compile(
    r"[;:()\u2014\u2013]|\s-\s|,\s*(?:and|but|while|as|when|after|before)\b"
    r"|\b(?:which|who|whom|whose|where|that|because|although|though|whereas|if|unless|since|"
    r"after|before|when|while|until)\b"
    r"|\b(?:said|says|say|told|tells|announced|announces|added|stated|reported|claimed|"
    r"according\s+to)\b"
    # a participle or infinitive with its own time: "signed in 2021", "set to begin Wednesday"
    r"|\b(?:[a-z]{3,}ed|held|made|struck|led|brought|sent|built|won|fought|met|seen|taken|given|"
    r"known|begun|set|due)\s+(?:(?:in|on|at|during|since|until|by|from|over|throughout)\s+)?"
    r"(?:(?:last|this|next|earlier|later|early|late)\b|$)"
    r"|\b(?:[a-z]{3,}ed|held|made|struck|led|brought|sent|built|won|fought|met|seen|taken|"
    r"given|known|begun)\s+(?:in|on|at|during|since|until|by|from|over|throughout)\s"
    r"|\bto\s+(?!(?:the|a|an|his|her|its|their|this|that)\b)[a-z]+\b",
)
# A time expression right after a reporting verb dates the saying ("said last month they
# would cancel"), not what follows.
_AFTER_REPORTING = re.compile(
    r"\b(?:said|says|announced|told\s+\w+|stated|reported|added|warned)\s+(?:on\s+|in\s+)?$")
# "the agreement signed in 2021 and to expand trade": the time expression has its own verb.
_OWN_VERB = re.compile(
    r"\b(?:[a-z]{3,}ed|held|made|struck|led|brought|sent|built|won|fought|met|seen|taken|"
    r"given|known|begun)\s+(?:in|on|at|during|since|until|by|from|over|throughout)\s+$")
# "the 2019 killing", "Monday's meeting": a time expression before a noun dates that noun.
_DETERMINER_BEFORE = re.compile(r"(?:\b(?:the|a|an|its|their|his|her|this|that)|'s)\s+$",
                                re.IGNORECASE)
_NOUN_AFTER = re.compile(r"^(?:'s)?\s+[a-z]")
# What may stand before a fronted time adverbial at the start of a sentence.
_FRONTED = re.compile(r"^\W*(?:(?:in|on|at|by|during|since|until|late|early|later|earlier|"
                      r"then|and|but|also)\s+){0,3}$", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(?:that|which|who|whom|whose)\b")
_FUTURE_MODALITY = frozenset({"expected"})
_IN_DURATION = re.compile(r"^P(\d+)([DWMY])$")
_DURATION_UNIT: dict[str, Precision] = {"D": "day", "W": "week", "M": "month", "Y": "year"}


def _gap(ev_text: str, ev_start: int, a: int, b: int) -> str:
    return ev_text[max(a - ev_start, 0):max(b - ev_start, 0)]


def _same_clause(event: Event, t: TimeExpression, others: Sequence[Event]) -> bool:
    """Whether nothing between the trigger and ``t`` opens another clause or holds another
    event's trigger. A fronted adverbial ("In December, Mogadishu announced it was cutting
    ties") dates the whole sentence; one inside a relative clause before the trigger ("an
    application that they made 10 years ago, met with opposition") dates only that clause."""
    ev, trig = event.evidence, event.trigger
    after = t.start >= trig.end
    a, b = (trig.end, t.start) if after else (t.end, trig.start)
    gap = _gap(ev.text, ev.start, a, b)
    before_t = _gap(ev.text, ev.start, ev.start, t.start)
    if not after and _FRONTED.match(before_t) and gap.lstrip().startswith(","):
        return True
    if _CLAUSE_GAP.search(gap):
        return False
    if not after and "," in gap and _RELATIVE.search(before_t[before_t.rfind(",") + 1:]):
        return False
    if not after and (_AFTER_REPORTING.search(before_t) or _OWN_VERB.search(before_t)):
        return False
    after_t = _gap(ev.text, ev.start, t.end, ev.end)
    if (_DETERMINER_BEFORE.search(before_t) and _NOUN_AFTER.match(after_t)
            and not (not after and len(gap.split()) <= 2)):
        return False  # it modifies another noun, and this trigger is not that noun
    return not any(
        a <= o.trigger.start and o.trigger.end <= b
        and (o.trigger.start, o.trigger.end) != (trig.start, trig.end)
        for o in others
    )


def _in_duration(event: Event, t: TimeExpression, published: date | None) -> date | None:
    """"will meet in two weeks": the publication date moved by the duration."""
    m = _IN_DURATION.match(t.value or "")
    if m is None or published is None:
        return None
    ev = event.evidence
    before = ev.text[:max(t.start - ev.start, 0)].rstrip().lower()
    if not before.endswith((" in", " within")):
        return None
    unit = _DURATION_UNIT[m.group(2)]
    return value_date(at_granularity(shift(published, unit, int(m.group(1))), unit))


def event_date(event: Event, timexes: Sequence[TimeExpression], published: date | None,
               others: Sequence[Event] = ()) -> Event:
    """``event`` with date, date_precision and date_basis filled: from a calendar expression
    in the trigger's clause (read as future for an expected event), else the publication
    date. Durations, sets and references such as "now" date nothing. ``others`` are the
    article's events, whose triggers bound the clause."""
    ev = event.evidence
    future = event.modality in _FUTURE_MODALITY
    in_sentence = [t for t in timexes if t.start >= ev.start and t.end <= ev.end]
    in_clause = [t for t in in_sentence if _same_clause(event, t, others)]
    dated = [t for t in in_clause if t.value is not None and t.precision is not None]
    if dated:
        trig = event.trigger

        def key(t: TimeExpression) -> tuple[int, int]:
            dist = t.start - trig.end if t.start >= trig.end else trig.start - t.end
            return max(dist, 0), _PRECISION_RANK[t.precision or "year"]

        for t in sorted(dated, key=key):
            if future and tense(ev.text, t.start - ev.start, t.end - ev.start,
                                (0, len(ev.text))) >= 0:
                t = reinterpret(t, published, future=True)
            assert t.value is not None and t.precision is not None
            d = value_date(t.value, t.precision)
            if d is not None:
                return replace(event, date=d, date_precision=t.precision, date_basis="sentence")
    if future:
        for t in in_clause:
            d = _in_duration(event, t, published)
            if d is not None:
                return replace(event, date=d, date_precision=_DURATION_UNIT[(t.value or "")[-1]],
                               date_basis="sentence")
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
        events = tuple(event_date(e, timexes, art.published, doc.events) for e in doc.events)
        return replace(doc, dates=timexes, events=events)
