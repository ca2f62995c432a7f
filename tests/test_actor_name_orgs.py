"""Organisation names that are a head noun with its "of" phrase ("the Ministry of Fisheries",
"the Council of Elders"); a bare compass phrase ("the West Bank") stays no organisation."""

from __future__ import annotations

from newsevents.pipeline import default_pipeline
from newsevents.records import RawDocument


def _actors(text: str) -> dict[str, str]:
    doc = default_pipeline()(RawDocument(text=text, source="t"))
    return {a.id: a.kind for a in doc.actors}


def test_head_noun_with_its_of_phrase_is_an_organisation() -> None:
    got = _actors("Ana Ruiz left for the Ministry of Fisheries on Monday for talks.")
    assert got.get("org:ministry-of-fisheries") == "organization", got
    got = _actors("The Council of Elders criticised Peru.")
    assert got.get("org:council-of-elders") == "organization", got


def test_compass_names_are_no_organisation() -> None:
    assert not any(k.startswith("org:") for k in _actors("The West Bank was quiet."))
