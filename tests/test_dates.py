"""Tests of temporal expressions and event dates (the dates stage)."""

from __future__ import annotations

from dataclasses import replace
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


def test_event_takes_the_expression_of_its_own_clause() -> None:
    # "On Monday" goes with "said"; the talks were held earlier this month.
    text = "On Monday the envoy said talks held earlier this month had failed."
    doc = _run(text, THU, _event(text, "held"))
    assert (doc.events[0].date, doc.events[0].date_precision) == (date(2024, 10, 1), "month")
    said = _run(text, THU, _event(text, "said")).events[0]
    assert said.date == date(2024, 10, 21)


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


def typed(text: str, published: date | None = THU) -> list[tuple[str, str | None, str]]:
    spans = [(s.start, s.end) for s in split(text)]
    return [(t.text, t.value, t.type) for t in find_timexes(text, published, spans)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # durations
        ("The talks lasted three years.", ("three years", "P3Y", "DURATION")),
        ("He was held for 10 days.", ("10 days", "P10D", "DURATION")),
        ("A two-week truce held.", ("two-week", "P2W", "DURATION")),
        ("Fighting went on for five hours.", ("five hours", "PT5H", "DURATION")),
        ("It took several months.", ("several months", "PXM", "DURATION")),
        ("The war has gone on for years.", ("years", "PXY", "DURATION")),
        # sets
        ("Inspectors visit every week.", ("every week", "P1W", "SET")),
        ("They meet each Thursday.", ("each Thursday", "XXXX-WXX-4", "SET")),
        # references without a calendar value
        ("The ministry is currently reviewing it.", ("currently", "PRESENT_REF", "DATE")),
        ("Talks are now under way.", ("now", "PRESENT_REF", "DATE")),
        ("Such deals failed in the past.", ("the past", "PAST_REF", "DATE")),
        ("They may meet in the near future.", ("the near future", "FUTURE_REF", "DATE")),
        # quarters, halves, decades, centuries, seasons
        ("Profit rose in the third quarter.", ("the third quarter", "2024-Q3", "DATE")),
        ("Fiscal first-quarter sales fell.", ("Fiscal first-quarter", "2024-Q1", "DATE")),
        ("Output fell in the first half of 2023.", ("the first half of 2023", "2023-H1", "DATE")),
        ("Unrest spread in the 1990s.", ("the 1990s", "199", "DATE")),
        ("It was built in the 19th century.", ("the 19th century", "18", "DATE")),
        ("Talks resume this summer.", ("this summer", "2024-SU", "DATE")),
        ("The vote was held last spring.", ("last spring", "2024-SP", "DATE")),
        # times of day
        ("The blast came Tuesday morning.", ("Tuesday morning", "2024-10-22TMO", "DATE")),
        ("Polls close at 10 p.m. Wednesday.", ("10 p.m. Wednesday", "2024-10-23T22:00", "TIME")),
        ("Troops left last night.", ("last night", "2024-10-23TNI", "TIME")),
        # relative and anaphoric
        ("The ceasefire began a year ago.", ("a year ago", "2023", "DATE")),
        ("They met the previous day.", ("the previous day", "2024-10-23", "DATE")),
        ("Clashes erupted over the weekend.", ("the weekend", "2024-W42-WE", "DATE")),
        ("The vote was held in May.", ("May", "2024-05", "DATE")),
        ("It was signed in 2021.", ("2021", "2021", "DATE")),
    ],
)
def test_timex3_values_and_types(text: str, expected: tuple[str, str, str]) -> None:
    assert typed(text) == [expected]


def test_ranges_are_two_expressions() -> None:
    got = typed("Protests ran from March to May and again between 2019 and 2021.")
    assert [v for _, v, _ in got] == ["2024-03", "2024-05", "2019", "2021"]


def test_anaphoric_year_shift_follows_the_quarter_mentioned() -> None:
    text = "Net income rose in the third quarter. It fell a year earlier."
    assert [v for _, v, _ in typed(text)] == ["2024-Q3", "2023-Q3"]


@pytest.mark.parametrize(
    "text",
    ["A 6-year-old boy was found.", "He won 1,989 votes.", "The fall of Assad shocked Iran.",
     "May God protect them.", "It rose 2000 percent."],
)
def test_not_time_expressions(text: str) -> None:
    assert typed(text) == []


def test_another_clause_does_not_date_the_event() -> None:
    text = ("Pezeshkian said Iran wanted to expand cooperation with China under the 25-year "
            "agreement signed in 2021.")
    e = _run(text, WED, _event(text, "expand cooperation")).events[0]
    assert (e.date, e.date_basis) == (WED, "article")
    text = "Pezeshkian met Modi and discussed the Chabahar port, which India began running in May."
    e = _run(text, WED, _event(text, "met")).events[0]
    assert (e.date, e.date_basis) == (WED, "article")


def test_a_time_expression_before_a_noun_dates_that_noun_only() -> None:
    text = "Krasikov was serving a sentence for the 2019 killing of an exile."
    e = _run(text, WED, _event(text, "serving")).events[0]
    assert e.date_basis == "article"


def test_expected_event_takes_the_future_reading() -> None:
    text = "The two presidents are expected to meet on Monday."
    ev = replace(_event(text, "meet"), modality="expected")
    e = _run(text, THU, ev).events[0]
    assert e.date == date(2024, 10, 28)


def test_durations_do_not_date_events_but_in_two_weeks_does_for_expected_ones() -> None:
    text = "The two armies fought for three years."
    assert _run(text, THU, _event(text, "fought")).events[0].date_basis == "article"
    text = "The ministers will meet in two weeks."
    ev = replace(_event(text, "meet"), modality="expected")
    e = _run(text, THU, ev).events[0]
    assert (e.date, e.date_precision) == (date(2024, 11, 4), "week")


def test_json_contract_carries_the_timex_type() -> None:
    from newsevents.records import to_json

    text = "Talks lasted three days and ended on Monday."
    out = to_json(_run(text, THU))
    assert [(d["value"], d["type"]) for d in out["dates"]] == [("P3D", "DURATION"),
                                                              ("2024-10-21", "DATE")]


def test_fronted_adverbial_dates_the_reported_event() -> None:
    # "In December," is fronted: it dates the whole sentence, past the reporting verb.
    text = "In December, Mogadishu announced it was cutting ties with Kenya."
    e = _run(text, date(2021, 3, 15), _event(text, "cutting ties")).events[0]
    assert (e.date, e.date_precision, e.date_basis) == (date(2020, 12, 1), "month", "sentence")


def test_expression_inside_a_relative_clause_does_not_date_the_main_verb() -> None:
    text = ("The documentation, linked to an application that Malaysia made 10 years ago, "
            "met with opposition from China.")
    e = _run(text, date(2019, 12, 23), _event(text, "met with")).events[0]
    assert (e.date, e.date_basis) == (date(2019, 12, 23), "article")


def test_weekday_in_a_hoped_for_event_is_the_next_one() -> None:
    # Published on a Monday: "talks Tuesday" that the US "hopes to" hold are tomorrow's.
    text = "Rubio said Monday the United States hopes to resolve the pause during talks Tuesday."
    e = _run(text, date(2025, 3, 10), _event(text, "talks")).events[0]
    assert (e.date, e.date_basis) == (date(2025, 3, 11), "sentence")


def test_past_weekday_is_the_previous_one() -> None:
    text = "Iraqi forces said the leader was killed Thursday in an airstrike."
    e = _run(text, date(2025, 3, 14), _event(text, "killed")).events[0]
    assert (e.date, e.date_basis) == (date(2025, 3, 13), "sentence")
