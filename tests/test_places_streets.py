"""Tests of streets, roads and highways as places, toponyms starting names, and states'
abbreviations (the places stage)."""

from __future__ import annotations

from newsevents.records import Actor, Mention
from newsevents.stages._place_streets import find_streets
from newsevents.stages.places import find_places
from tests.places_docs import run


def found(text: str) -> list[str]:
    return [text[s:e] for s, e in find_streets(text)]


def test_street_names_and_numbered_roads() -> None:
    assert found("A water main broke on Main Street and E. Walnut St. on Monday.") == [
        "Main Street", "E. Walnut St."]
    assert found("The crash closed Highway 19 near Interstate 75 and I-85.") == [
        "Highway 19", "Interstate 75", "I-85"]
    assert found("It blew at the corner of Lakeview and Harrison streets.") == [
        "Lakeview", "Harrison"]
    assert found("He lives at 40th Avenue South, off Old Lexington Highway.") == [
        "40th Avenue South", "Old Lexington Highway"]


def test_no_street_in_titles_persons_or_headlines() -> None:
    assert found("Dr. Smith met St. Louis officials at the Supreme Court.") == []
    assert found("On Road trips, they sang.") == []
    assert found("Long Road Ahead For Peace Talks In The Region Today\nTalks resumed.") == []


def test_street_is_a_place_in_its_town() -> None:
    text = "A fire broke out on Main Street in Kazan on Monday. Firefighters came."
    doc = run(text)
    street = next(p for p in doc.places if p.feature == "street")
    town = next(p for p in doc.places if p.name == "Kazan")
    assert street.name == "Main Street"
    assert (street.lat, street.lon, street.country) == (town.lat, town.lon, "RUS")
    assert street.id.startswith("street:main-street@")


def test_street_without_town_has_no_coordinates() -> None:
    doc = run("Police closed Wichita Drive for repairs on Monday.")
    (street,) = doc.places
    assert (street.feature, street.lat, street.id) == ("street", None, "street:wichita-drive")


def test_street_of_a_person_is_none() -> None:
    text = "Actress Diane Lane spoke."
    person = Actor("person:diane-lane", "Diane Lane", "person",
                   mentions=(Mention("Diane Lane", 8, 18),))
    assert run(text, (person,)).places == ()


def test_toponym_starting_an_organisations_name() -> None:
    text = "The Tennessee Senior Olympics opened. Chad Walker and Officer Bill Roe came."
    doc = run(text)
    res = find_places(doc)
    names = [m.text for m, _ in res.metonyms]
    assert names == ["Tennessee"]  # not "Chad", a first name before a surname


def test_state_abbreviation_after_a_town_or_before_a_noun() -> None:
    doc = run("Scandal-plagued Ga. pastor buried. He grew up in Lumpkin, Ga. and left.")
    got = [(m.text, p.id) for p in doc.places for m in p.mentions if m.text == "Ga."]
    assert len(got) == 2 and all(pid == "adm1:USA.GA" for _, pid in got)
    # Alone, with no town before it or noun after it, it stays out ("Pa." may be a father).
    assert run("He said Pa. was home.").places == ()


def test_natural_features_by_their_generic_word() -> None:
    from newsevents.stages._place_streets import find_features

    text = "Fish died in the Neches River and Lake Lanier; Salt Lake City was dry."
    assert [text[s:e] for s, e in find_features(text)] == ["Neches River", "Lake Lanier"]
    doc = run("Boats sank on Lake Lanier near Gainesville, Ga., on Monday.")
    lake = next(p for p in doc.places if p.name == "Lake Lanier")
    assert lake.feature == "other" and lake.country == "USA" and lake.lat is not None
    # Far from any town named in its sentence, a river gets no coordinates.
    far = next(p for p in run("The Neches River rose.").places if p.name == "Neches River")
    assert far.lat is None


def test_well_known_features_from_our_regions() -> None:
    doc = run("Floods spread along the Mekong and the Ural Mountains saw snow.")
    ids = {p.id for p in doc.places}
    assert {"region:mekong", "region:ural-mountains"} <= ids


def test_a_persons_home_after_of() -> None:
    text = "Mindy Miller of Ravenel said she was happy."
    person = Actor("person:mindy-miller", "Mindy Miller", "person",
                   mentions=(Mention("Mindy Miller", 0, 12),))
    assert "Ravenel" in {p.name for p in run(text, (person,)).places}
    # Without the person it is no cue ("the Bank of Ravenel" is judged elsewhere).
    assert "Ravenel" not in {p.name for p in run("The union of Ravenel workers met.").places}


def test_names_before_counties_are_the_counties() -> None:
    doc = run("Enrollment slowed in Jackson and Barrow counties, Georgia officials said.")
    ids = {m.text: p.id for p in doc.places for m in p.mentions}
    assert ids["Jackson"].startswith("adm2:USA.GA.") and ids["Barrow"].startswith("adm2:USA.GA.")


def test_residents_capitals_and_adjectives_name_their_places() -> None:
    text = ("Ohioans and Ontarians voted. Washington seems prepared to talk, and "
            "the Georgian authorities agreed.")
    res = find_places(run(text))
    got = {m.text: e.id for m, e in res.metonyms}
    assert got["Ohioans"] == "adm1:USA.OH" and got["Georgian"] == "country:GEO"
    assert got["Ontarians"].startswith("adm1:CAN")
    # A capital acting for its government is the capital city, not the state.
    assert got["Washington"].startswith("geo:")
    assert "Washington" not in {p.name for p in run(text).places}
