"""Trigger lexicon entries added for the PETRARCH suite's English misses, on our own sentences."""

from __future__ import annotations

import pytest

from newsevents.pipeline import Pipeline, default_pipeline
from newsevents.records import RawDocument


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return default_pipeline()


def _events(pipeline: Pipeline, text: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    doc = pipeline(RawDocument(source="t.txt", text=text))
    return [(e.type, e.source, e.target) for e in doc.events]


def test_reaffirming_friendship_with_x_is_support(pipeline: Pipeline) -> None:
    got = _events(pipeline, "Egypt reaffirmed its friendship with the people of Russia.")
    assert ("SUPPORT", ("EGY",), ("RUS",)) in got, got
    got = _events(pipeline, "Kenya reasserted friendship with Uganda on Monday.")
    assert ("SUPPORT", ("KEN",), ("UGA",)) in got, got


def test_breaking_off_or_tearing_up_a_treaty_is_a_sanction(pipeline: Pipeline) -> None:
    got = _events(pipeline, "Peru broke off a trade agreement with Chile on Friday.")
    assert any(t == "SANCTION" and s == ("PER",) and g == ("CHL",) for t, s, g in got), got
    got = _events(pipeline, "Kenya tore up the treaty with Somalia.")
    assert any(t == "SANCTION" and s == ("KEN",) for t, s, _g in got), got
