"""Tests of temporal expressions and event dates (the dates stage)."""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.records import Article, Document, Event, Evidence, Mention, RawDocument
from newsevents.stages._timex import find_timexes, value_date
from newsevents.stages.dates import Dates
from newsevents.stages.sentences import split

THU = date(2024, 10, 24)  # a Thursday
WED = date(2024, 10, 23)


def values(text: str, published: date | None = THU) -> list[tuple[str, str | None, str | None]]:
    spans = [(s.start, s.end) for s in split(text)]
    return [(t.text, t.value, t.precision) for t in find_timexes(text, published, spans)]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Talks on Wednesday October 23.", WED, ("Wednesday October 23", "2024-10-23", "day")),
        ("Putin authorised the deal on September 18.", WED, ("September 18", "2024-09-18", "day")),
        ("He met Putin on Monday.", THU, ("Monday", "2024-10-21", "day")),
        ("She will meet him on Friday.", THU, ("Friday", "2024-10-25", "day")),
        ("On Friday, the leaders will sign the deal.", THU, ("Friday", "2024-10-25", "day")),
        ("Talks were held last week.", THU, ("last week", "2024-W42", "week")),
        ("Talks will resume next month.", THU, ("next month", "2024-11", "month")),
        ("Signed on October 23, 2023.", THU, ("October 23, 2023", "2023-10-23", "day")),
        ("Signed on 23 October 2023.", THU, ("23 October 2023", "2023-10-23", "day")),
        ("It took effect on 2022-02-24.", None, ("2022-02-24", "2022-02-24", "day")),
        ("The vote is due Oct. 5.", THU, ("Oct. 5", "2024-10-05", "day")),
        ("The deal was agreed in March 2024.", THU, ("March 2024", "2024-03", "month")),
        ("Fighting flared in March.", THU, ("March", "2024-03", "month")),
        ("In 2023 the war escalated.", THU, ("2023", "2023", "year")),
        ("Late on Tuesday, drones hit the port.", THU, ("Late on Tuesday", "2024-10-22", "day")),
        ("Last Tuesday he left.", THU, ("Last Tuesday", "2024-10-22", "day")),
        ("He returns next Monday.", THU, ("next Monday", "2024-10-28", "day")),
        ("Yesterday the army withdrew.", THU, ("Yesterday", "2024-10-23", "day")),
        ("The ministers meet tomorrow.", THU, ("tomorrow", "2024-10-25", "day")),
        ("It happened two days ago.", THU, ("two days ago", "2024-10-22", "day")),
        ("Earlier this month, he resigned.", THU, ("Earlier this month", "2024-10", "month")),
        ("Exports fell last year.", THU, ("last year", "2023", "year")),
        ("Exports grew this year.", THU, ("this year", "2024", "year")),
        ("The summit will be held on September 18.", THU, ("September 18", "2025-09-18", "day")),
    ],
)
def test_expression_is_found_and_normalised(
    text: str, published: date | None, expected: tuple[str, str, str]
) -> None:
    assert values(text, published) == [expected]


def test_month_day_in_a_future_sentence_keeps_its_own_past_clause() -> None:
    # The sentence is about the future, but the clause holding the date is not.
    text = ("The leaders are expected to sign an agreement, with Putin authorizing the deal on "
            "September 18.")
    assert values(text, WED) == [("September 18", "2024-09-18", "day")]


@pytest.mark.parametrize(
    "text",
    [
        "Officials may travel to the region.",
        "Protesters march on the capital.",
        "The Sun newspaper reported it.",
        "Jan Egeland spoke to the council.",
        "They may meet in the spring.",
    ],
)
def test_no_false_positives(text: str) -> None:
    assert values(text) == []


def test_without_publication_date_only_absolute_dates_resolve() -> None:
    got = values("On Monday, it cited the decree of 5 May 2021.", None)
    assert got == [("Monday", None, None), ("5 May 2021", "2021-05-05", "day")]


def test_value_date_first_day_covered() -> None:
    assert value_date("2024-W43", "week") == date(2024, 10, 21)
    assert value_date("2024-11", "month") == date(2024, 11, 1)
    assert value_date("2024", "year") == date(2024, 1, 1)


def _event(text: str, trigger: str, sentence_index: int = 0) -> Event:
    s = split(text)[sentence_index]
    i = text.index(trigger, s.start)
    return Event(
        id="e", type="CONSULT", mode=None, cameo="040", quad_class=1, goldstein=1.0,
        source=("IRN",), target=("RUS",), modality="asserted",
        evidence=Evidence(s.text, s.start, s.end), trigger=Mention(trigger, i, i + len(trigger)),
        confidence=0.9,
    )


def _run(text: str, published: date | None, *events: Event) -> Document:
    doc = Document(
        raw=RawDocument(source="t", text=text),
        article=Article(id="a", source="t", text=text, published=published),
        sentences=tuple(split(text)),
        events=events,
    )
    return Dates()(doc)


def test_event_takes_the_date_of_its_sentence() -> None:
    text = "Pezeshkian held talks with Xi on October 23. Both praised the ties."
    doc = _run(text, date(2024, 10, 25), _event(text, "held talks"))
    e = doc.events[0]
    assert (e.date, e.date_precision, e.date_basis) == (date(2024, 10, 23), "day", "sentence")
    assert [t.value for t in doc.dates] == ["2024-10-23"]


def test_event_prefers_day_precision_over_a_closer_month() -> None:
    text = "On Monday the envoy said talks held earlier this month had failed."
    doc = _run(text, THU, _event(text, "held"))
    assert doc.events[0].date == date(2024, 10, 21)


def test_event_with_month_date_gets_first_day_and_month_precision() -> None:
    text = "The two sides will meet next month in Geneva."
    e = _run(text, THU, _event(text, "meet")).events[0]
    assert (e.date, e.date_precision, e.date_basis) == (date(2024, 11, 1), "month", "sentence")


def test_event_without_date_in_sentence_falls_back_to_publication() -> None:
    text = "Israeli strikes hit Hezbollah positions. The talks went on."
    e = _run(text, WED, _event(text, "strikes")).events[0]
    assert (e.date, e.date_precision, e.date_basis) == (WED, "day", "article")


def test_event_without_any_date_has_none() -> None:
    text = "Israeli strikes hit Hezbollah positions on Monday."
    e = _run(text, None, _event(text, "strikes")).events[0]
    assert (e.date, e.date_precision, e.date_basis) == (None, None, "none")


def test_seed_article_dates() -> None:
    from tests.conftest import shared_path

    text = shared_path("seed", "iran-brics-kazan.txt").read_text(encoding="utf-8")
    got = values(text, WED)
    assert ("Wednesday October 23", "2024-10-23", "day") in got
    assert ("September 18", "2024-09-18", "day") in got
    assert ("October 23", "2024-10-23", "day") in got
