"""Names that hold a country's name but are not that country: constituent countries read as
their sovereign state, water bodies and provinces named after a country read as no actor."""

from __future__ import annotations

import pytest

from newsevents.pipeline import Pipeline, default_pipeline
from newsevents.records import Document, RawDocument


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return default_pipeline()


def run(pipe: Pipeline, text: str) -> Document:
    return pipe(RawDocument(source="test", text=text, published="2024-05-01"))


def actors(doc: Document) -> dict[str, list[str]]:
    return {a.id: [m.text for m in a.mentions] for a in doc.actors}


def places(doc: Document) -> dict[str, str | None]:
    return {p.name: p.country for p in doc.places}


@pytest.mark.parametrize(("text", "actor", "mention", "sector"), [
    ("Police in Northern Ireland arrested two men.", "GBR", "Northern Ireland", "GBR:COP"),
    ("Northern Ireland police arrested two men.", "GBR:COP", "Northern Ireland police", None),
    ("Northern Irish police arrested two men.", "GBR:COP", "Northern Irish police", None),
    ("Protesters marched in Scotland.", "GBR", "Scotland", "GBR:OPP"),
    ("Police in Wales arrested two men.", "GBR", "Wales", "GBR:COP"),
    ("Welsh officials criticised the plan.", "GBR:GOV", "Welsh officials", None),
    ("Scotland Yard arrested two men.", "GBR:COP", "Scotland Yard", None),
])
def test_constituent_country_is_its_sovereign_state(
        pipe: Pipeline, text: str, actor: str, mention: str, sector: str | None) -> None:
    found = actors(run(pipe, text))
    assert mention in found[actor]
    assert "IRL" not in found and "IRL:COP" not in found
    if sector:
        assert sector in found


def test_ireland_and_northern_ireland_are_two_states(pipe: Pipeline) -> None:
    found = actors(run(pipe, "Ireland and Northern Ireland agreed on a border plan."))
    assert found["IRL"] == ["Ireland"]
    assert found["GBR"] == ["Northern Ireland"]


def test_constituent_country_keeps_its_place(pipe: Pipeline) -> None:
    doc = run(pipe, "Police in Wales and Northern Ireland arrested two men in Belfast.")
    assert places(doc) == {"Wales": "GBR", "Northern Ireland": "GBR", "Belfast": "GBR"}


def test_devolved_assembly_is_an_organisation_of_the_state(pipe: Pipeline) -> None:
    doc = run(pipe, "The Northern Ireland Assembly met on Monday.")
    (a,) = doc.actors
    assert (a.id, a.country, a.sector) == ("org:northern-ireland-assembly", "GBR", "LEG")


@pytest.mark.parametrize(("text", "name", "country", "not_actor"), [
    ("Officials in New Guinea said the road was closed.", "New Guinea", None, "GIN"),
    ("Pirates attacked a ship in the Gulf of Guinea.", "Gulf of Guinea", None, "GIN"),
    ("A tanker was seized in the Gulf of Oman.", "Gulf of Oman", None, "OMN"),
    ("Ships crossed the Taiwan Strait.", "Taiwan Strait", None, "TWN"),
    ("Fighting spread along the Congo River.", "Congo River", None, "COG"),
    ("Northern Cyprus opened a border crossing.", "Northern Cyprus", "CYP", "CYP"),
    ("Police in British Columbia arrested two men.", "British Columbia", "CAN", "GBR"),
    ("Protests spread in Inner Mongolia on Monday.", "Inner Mongolia", "CHN", "MNG"),
])
def test_name_holding_a_country_is_not_that_country(
        pipe: Pipeline, text: str, name: str, country: str | None, not_actor: str) -> None:
    doc = run(pipe, text)
    assert not any(a.country == not_actor for a in doc.actors)
    assert places(doc)[name] == country


@pytest.mark.parametrize(("text", "actor"), [
    ("Papua New Guinea signed a deal with Australia.", "PNG"),
    ("Equatorial Guinea arrested opposition leaders.", "GNQ"),
    ("South Sudan accused Sudan of bombing its border.", "SSD"),
    ("The Dominican Republic deported hundreds of Haitians.", "DOM"),
    ("Police in Western Australia arrested two men.", "AUS:COP"),
])
def test_longer_country_names_still_win(pipe: Pipeline, text: str, actor: str) -> None:
    assert actor in actors(run(pipe, text))
