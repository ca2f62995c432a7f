"""Tests of the temporal tagger's rules (fractions, holidays, rates, fiscal years, clock times,
times of day, quarters, tense defaults) and of the MEANTIME reader of the timex eval suites."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsevents.eval.timex import read_meantime, run_meantime
from newsevents.stages._timex import find_timexes
from newsevents.stages._timex_calendar import easter, holiday_date
from newsevents.stages.sentences import split

MON = date(1989, 10, 30)  # a Monday


def tagged(text: str, published: date | None = MON) -> list[tuple[str, str | None, str]]:
    spans = [(s.start, s.end) for s in split(text)]
    return [(t.text, t.value, t.type) for t in find_timexes(text, published, spans)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They lived in camps for 2 1/2 years.", ("2 1/2 years", "P2Y6M", "DURATION")),
        ("The talks lasted two and a half months.",
         ("two and a half months", "P2.5M", "DURATION")),
        ("The siege lasted 5 1/2 hours.", ("5 1/2 hours", "PT5H30M", "DURATION")),
        ("It took a minute and a half.", ("a minute and a half", "PT1M30S", "DURATION")),
        ("It lasted two and a half days.", ("two and a half days", "P2DT12H", "DURATION")),
        ("Rallies are held almost daily.", ("daily", "P1D", "SET")),
        ("The stock pays $1.76 a year.", ("a year", "P1Y", "SET")),
        ("Revenue for the year ended June 30 rose.", ("the year ended", "P1Y", "DURATION")),
        ("Profit will fall in the fiscal year.", ("the fiscal year", "1989", "DATE")),
        ("Shares ended the day higher.", ("the day", "1989-10-30", "DATE")),
        ("He was found on Thanksgiving Day.", ("Thanksgiving Day", "1989-11-23", "DATE")),
        ("The vote is on Election Day.", ("Election Day", "1989-11-07", "DATE")),
        ("They met on Easter Sunday 2024.", ("Easter Sunday 2024", "2024-03-31", "DATE")),
    ],
)
def test_rule(text: str, expected: tuple[str, str, str]) -> None:
    assert tagged(text)[0] == expected


def test_weekday_without_tense_cue_is_the_last_one() -> None:
    # News reports what happened: a bare weekday is the one before, unless it is tomorrow.
    assert tagged("Volume was up from 443.6 million Thursday.") == [
        ("Thursday", "1989-10-26", "DATE")]
    assert tagged("Trading resumes Tuesday.") == [("Tuesday", "1989-10-31", "DATE")]


def test_hopes_to_and_as_soon_as_speak_of_the_future() -> None:
    assert tagged("He said the group hopes to resolve it during talks Wednesday.")[-1] == (
        "Wednesday", "1989-11-01", "DATE")
    assert tagged("The father could arrive as soon as Friday.") == [
        ("Friday", "1989-11-03", "DATE")]


def test_succeed_is_no_past_tense() -> None:
    assert tagged("Mr. Schwarz will succeed him Feb. 1.") == [("Feb. 1", "1990-02-01", "DATE")]


def test_weekday_with_date_after_a_colon() -> None:
    assert tagged("The Times said in an editorial on Monday, Oct. 26:") == [
        ("Monday, Oct. 26", "1989-10-26", "DATE")]


def test_utc_clock_time_takes_the_day_named_in_its_sentence() -> None:
    text = "It made its first flight Tuesday in Everett at 18:00 UTC. Later at 19:30 UTC it landed."
    got = tagged(text, date(2009, 12, 16))
    assert got == [("Tuesday", "2009-12-15", "DATE"), ("18:00 UTC", "2009-12-15T18:00Z", "TIME"),
                   ("19:30 UTC", "2009-12-16T19:30Z", "TIME")]


def test_holiday_rules() -> None:
    assert easter(2000) == date(2000, 4, 23)
    assert easter(2025) == date(2025, 4, 20)
    assert holiday_date("11/4/THU", 1999) == date(1999, 11, 25)
    assert holiday_date("05/-1/MON", 2024) == date(2024, 5, 27)
    assert holiday_date("11-02+TUE", 2024) == date(2024, 11, 5)
    assert holiday_date("12-25", 2024) == date(2024, 12, 25)


_CAT = """<?xml version="1.0" ?><Document doc_id="7" doc_name="7_x" lang="en">
<token number="0" sentence="0" t_id="1">Apple</token>
<token number="1" sentence="0" t_id="2">wins</token>
<token number="2" sentence="1" t_id="3">March</token>
<token number="3" sentence="1" t_id="4">06</token>
<token number="4" sentence="1" t_id="5">,</token>
<token number="5" sentence="1" t_id="6">2008</token>
<token number="6" sentence="2" t_id="7">Sales</token>
<token number="7" sentence="2" t_id="8">rose</token>
<token number="8" sentence="2" t_id="9">last</token>
<token number="9" sentence="2" t_id="10">year</token>
<token number="10" sentence="2" t_id="11">.</token>
<token number="11" sentence="3" t_id="12">Not</token>
<token number="12" sentence="3" t_id="13">annotated</token>
<token number="13" sentence="3" t_id="14">today</token>
<Markables>
<TIMEX3 functionInDocument="CREATION_TIME" m_id="1" type="DATE" value="2008-03-06">
<token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/>
</TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="2" type="DATE" value="2007">
<token_anchor t_id="9"/><token_anchor t_id="10"/>
</TIMEX3>
<TIMEX3 functionInDocument="NONE" m_id="3" type="DATE" value="2008-03-05"/>
</Markables>
</Document>
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # decades are written in years
        ("Violence rose over the past decade.", [("the past decade", "P10Y", "DURATION")]),
        ("The rate is the lowest for almost two decades.",
         [("almost two decades", "P20Y", "DURATION")]),
        # a deadline word alone keeps a date a few weeks past, not next year's
        ("Nashua had bought 481,000 shares through Oct. 19.", [("Oct. 19", "1989-10-19", "DATE")]),
        ("The loan is due by Feb. 1.", [("Feb. 1", "1990-02-01", "DATE")]),
        # "earlier"/"later" need no punctuation after them, but not "earlier than"
        ("A year earlier UniFirst earned $2.4 million.",
         [("A year earlier", "1988", "DATE")]),
        ("It opened two weeks earlier than planned.", [("two weeks", "P2W", "DURATION")]),
        # "the previous Friday" counts from the day last named
        ("Stocks fell Friday, down 4.5% from the previous Friday.",
         [("Friday", "1989-10-27", "DATE"), ("the previous Friday", "1989-10-20", "DATE")]),
        ("The team planned to leave on Thursday.", [("Thursday", "1989-11-02", "DATE")]),
        # times of day
        ("In London at mid-afternoon yesterday, shares were up.",
         [("mid-afternoon yesterday", "1989-10-29TAF", "TIME")]),
        ("The offer was to expire at midnight Friday.",
         [("midnight Friday", "1989-10-27T24:00", "TIME")]),
        ("He will leave at 4 in the morning.", [("4 in the morning", "1989-10-30T04:00", "TIME")]),
        ("The blast came at 10:35 a.m. (0735 GMT) Friday.",
         [("10:35 a.m.", "1989-10-27T10:35", "TIME"), ("0735 GMT", "1989-10-27T07:35Z", "TIME"),
          ("Friday", "1989-10-27", "DATE")]),
        ("Shares rose in early morning trading.", [("early morning", "1989-10-30TMO", "TIME")]),
        # the quarter a report names first is "the quarter" it speaks of later
        ("Third-quarter net rose. After a flat second quarter, the gain came from the year-"
         "earlier period's charges.",
         [("Third-quarter", "1989-Q3", "DATE"), ("a flat second quarter", "1989-Q2", "DATE"),
          ("the year-earlier period", "1988-Q3", "DATE")]),
        ("The quarter-to-quarter comparison improved.", []),
        ("Sales fell 35% in January, compared to the same month a year ago.",
         [("January", "1989-01", "DATE"), ("the same month a year ago", "1988-01", "DATE")]),
    ],
)
def test_wave3_rule(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert tagged(text) == expected


def test_read_meantime(tmp_path: Path) -> None:
    folder = tmp_path / "intra-doc_annotation" / "corpus_apple"
    folder.mkdir(parents=True)
    (folder / "7_x.xml").write_text(_CAT, encoding="utf-8")
    doc = read_meantime(folder / "7_x.xml")
    # Only annotated sentences are kept; the date line is the DCT and is left out of scoring.
    assert doc.text == "Apple wins\n\nMarch 06, 2008\n\nSales rose last year."
    assert doc.dct == date(2008, 3, 6)
    assert [(t.text, t.value) for t in doc.timexes] == [("last year", "2007")]
    assert [doc.text[s:e] for s, e in doc.unscored] == ["March 06, 2008"]
    rep = run_meantime("meantime", tmp_path)
    assert rep.counts["gold_timexes"] == 1
    assert rep.metrics["value_f1"] == 1.0


@pytest.mark.parametrize(("text", "value"), [
    ("The city was founded 4,000 years ago.", "PAST_REF"),
    ("A spring flowed there 900000 days ago.", "PAST_REF"),
    ("The waste stays dangerous 8,000 years from now.", "FUTURE_REF"),
    ("The bridge was built 30 years ago.", "1994"),
])
def test_ago_beyond_the_calendar_is_a_reference_not_a_crash(text: str, value: str) -> None:
    # Dates before year 1 have no ISO value: the expression is kept as a past/future
    # reference instead of the stage raising and the article losing its dates.
    found = find_timexes(text, date(2024, 10, 23))
    assert [t.value for t in found] == [value]
