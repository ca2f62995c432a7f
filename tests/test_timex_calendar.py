"""Tests of the calendar forms of TIMEX3 values (_timex_calendar.granularity)."""

from __future__ import annotations

import pytest

from newsevents.stages._timex_calendar import _FORMS, granularity


def _form_by_form(value: str) -> str | None:
    return next((name for name, pat in _FORMS if pat.match(value)), None)


@pytest.mark.parametrize("value", [
    "2019-10-23", "2019-10-23T10:00", "2019-10-23TMO", "2019-W43", "2019-W43-WE", "2019-10",
    "2019-Q3", "2019-H1", "2019-SU", "2019", "201", "PRESENT_REF", "P3Y", "XXXX-10",
    "2019-13", "2019-Q5", "2019-10-23\n", "2019\n", "T10:00",
])
def test_granularity_is_the_first_form_matching(value: str) -> None:
    assert granularity(value) == _form_by_form(value)


def test_granularity_names() -> None:
    assert [granularity(v) for v in ("2019-10-23T10:00", "2019-W43", "2019-Q3", "202", "")] \
        == ["day", "week", "quarter", "decade", None]
