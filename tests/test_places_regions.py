"""Tests of the places stage's unions of states, former states, region adjectives, city
abbreviations, abbreviated town names and lists of states."""

from __future__ import annotations

from newsevents.gazetteer import gazetteer
from newsevents.records import Actor
from newsevents.stages.places import find_places
from tests.places_docs import mentions, place, run


def test_union_of_states_taken_as_an_actor_is_a_toponym_at_its_seat() -> None:
    text = "The EU said on Monday that the Soviet Union had collapsed long ago."
    eu = Actor("igo:EU", "European Union", "igo", mentions=mentions(text, r"\bEU\b"))
    su = Actor("org:soviet-union", "Soviet Union", "organization",
               mentions=mentions(text, r"Soviet Union"))
    doc = run(text, (eu, su))
    resolved = {m.text: e.id for m, e in find_places(doc).metonyms}
    assert resolved == {"EU": "region:european-union", "Soviet Union": "region:soviet-union"}
    assert doc.places == ()  # actors, not the article's places
    brussels = gazetteer().by_id("region:european-union")
    assert brussels is not None and abs(brussels.lon - 4.35) < 0.5  # type: ignore[operator]


def test_region_adjectives_name_their_regions() -> None:
    text = ("Two Abkhaz servicemen were hurt, the South Ossetians said, and Dagestani police "
            "arrived. Abkhazians and the Abkhazia border.")
    resolved = {m.text: e.id for m, e in find_places(run(text)).metonyms}
    assert resolved["Abkhaz"] == "region:abkhazia"
    assert resolved["South Ossetians"] == "region:south-ossetia"
    assert resolved["Dagestani"].endswith("dagestan") or "RUS" in resolved["Dagestani"]
    assert resolved["Abkhazians"] == "region:abkhazia"  # "Abkhazian" and its plural
    # "Abkhaz" inside "Abkhazia" is no adjective: the name itself is a place.
    doc = run(text)
    assert place(doc, "Abkhazia").id == "region:abkhazia"
    assert not any(m.text == "Abkhaz" and m.start == text.index("Abkhazia")
                   for m, _ in find_places(doc).metonyms)


def test_city_abbreviation_and_abbreviated_town_names() -> None:
    g = gazetteer()
    assert [e.name for e, _ in g.lookup("L.A.")] == ["Los Angeles"]
    assert any(e.country == "USA" for e, _ in g.lookup("St. Paris"))
    assert any(e.country == "GEO" for e, _ in g.lookup("Tskhinvali"))  # "Ts’khinvali"
    doc = run("Tour traces L.A.'s spiritual diversity.")
    assert place(doc, "L.A.").country == "USA"


def test_names_of_states_in_a_list_are_not_a_town_and_its_state() -> None:
    doc = run("Officials are investigating cases in Washington, Pennsylvania and California.")
    assert place(doc, "Washington").id == "adm1:USA.WA"
    doc = run("Cases were found in Utah, Virginia, Washington, West Virginia and Wyoming.")
    assert place(doc, "Washington").id == "adm1:USA.WA"
    doc = run("He was born in Washington, Pennsylvania.")
    assert place(doc, "Washington").feature == "city"  # the town, qualified by its state


def test_transliterated_alternate_name_joined_by_a_hyphen_is_no_toponym() -> None:
    doc = run("A message was left for a Wal-Mart spokesman.")
    assert all(m.text != "Wal" for p in doc.places for m in p.mentions)


def test_state_abbreviation_after_a_party_letter_and_hyphen() -> None:
    doc = run("Rep. Nick Rahall, D-W. Va., chairman of the committee, spoke.")
    assert place(doc, "W. Va.").id == "adm1:USA.WV"


def test_surname_of_a_person_named_in_the_article_is_no_town() -> None:
    text = ("Matthew Flores was shot in 1994. Flores, 26, had just left the Army, said his "
            "stepfather, who lives in Flores.")
    person = Actor("person:matthew-flores", "Matthew Flores", "person",
                   mentions=mentions(text, r"Matthew Flores"))
    doc = run(text, (person,))
    starts = {m.start for p in doc.places for m in p.mentions if m.text == "Flores"}
    assert text.index("Flores, 26") not in starts
    assert text.rindex("Flores") in starts  # "in Flores" says where


def test_country_possessive_starting_a_person_mention_is_a_toponym() -> None:
    text = "Russia’s President, Dmitry Medvedev, signed the treaties."
    person = Actor("person:dmitry-medvedev", "Dmitry Medvedev", "person",
                   mentions=mentions(text, r"Russia’s President, Dmitry Medvedev"))
    resolved = {m.text: e.id for m, e in find_places(run(text, (person,))).metonyms}
    assert resolved == {"Russia": "country:RUS"}
