"""A country adjective owns the group noun at the end of its noun compound ("Danish trade union
officials" are Danish), on sentences written for these tests."""

from __future__ import annotations

from newsevents.pipeline import default_pipeline
from newsevents.records import RawDocument


def actors(text: str) -> dict[str, list[str]]:
    doc = default_pipeline()(RawDocument(source="test", text=text))
    return {a.id: [m.text for m in a.mentions] for a in doc.actors}


def test_a_country_adjective_reaches_over_plain_nouns() -> None:
    found = actors("Danish port workers blocked ships from Sweden and Norway.")
    assert found.get("DNK:LAB") == ["workers"], found
    found = actors("Polish farm union officials met Czech and Slovak ministers in Vienna.")
    assert found.get("POL:GOV") == ["officials"], found


def test_a_bare_name_does_not_reach_over_plain_nouns() -> None:
    # A country's name (not its adjective) before plain nouns stays no owner of the group.
    found = actors("Sweden port workers met Danish and Norwegian ministers.")
    assert "SWE:LAB" not in found, found
