"""Tests of toponym recognition, resolution and event places (the places stage)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsevents.gazetteer import Gazetteer, gazetteer
from newsevents.records import (
    Actor,
    Event,
    Evidence,
    Mention,
)
from newsevents.stages.sentences import split
from tests.places_docs import country_actor, mentions, names, place, run


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    return gazetteer()


def event(text: str, trigger: str, sentence_index: int = 0) -> Event:
    s = split(text)[sentence_index]
    i = text.index(trigger, s.start)
    return Event(
        id=f"e{sentence_index}", type="CONSULT", mode=None, cameo="040", quad_class=1,
        goldstein=1.0, source=("IRN",), target=("RUS",), modality="asserted",
        evidence=Evidence(s.text, s.start, s.end), trigger=Mention(trigger, i, i + len(trigger)),
        confidence=0.9,
    )


def test_kazan_russia_resolves_to_the_russian_city() -> None:
    text = "Leaders met during the BRICS Summit in Kazan, Russia, on Wednesday."
    doc = run(text, (country_actor(text, "RUS", r"Russia"),))
    kazan = place(doc, "Kazan")
    assert (kazan.country, kazan.feature) == ("RUS", "city")
    assert kazan.lat == pytest.approx(55.79, abs=0.01)
    assert kazan.lon == pytest.approx(49.12, abs=0.01)
    assert kazan.id == f"geo:{kazan.geonameid}"
    assert place(doc, "Russia").id == "country:RUS"


def test_qingdao_china() -> None:
    text = "The minister spoke at a forum in Qingdao, China."
    q = place(run(text), "Qingdao")
    assert q.country == "CHN"
    assert (q.lat, q.lon) == pytest.approx((36.06, 120.38), abs=0.01)


def test_countries_and_regions_used_locatively_are_places() -> None:
    text = ("Israeli military actions in Gaza and Lebanon disrupted its networks. As Russia's "
            "campaign in Ukraine escalates, ties have grown.")
    actors = (
        country_actor(text, "RUS", r"Russia"),
        country_actor(text, "LBN", r"Lebanon"),
        country_actor(text, "UKR", r"Ukraine"),
    )
    doc = run(text, actors)
    assert names(doc) == {"Gaza", "Lebanon", "Ukraine"}  # "Russia's campaign" is the actor
    assert place(doc, "Gaza").country == "PSE"
    assert place(doc, "Lebanon").id == "country:LBN"
    assert place(doc, "Ukraine").feature == "country"


def test_metonym_actor_is_not_a_place_but_locative_capital_is() -> None:
    text = "Moscow said the talks were useful. Later, officials gathered in Moscow."
    doc = run(text, (country_actor(text, "RUS", r"Moscow"),))
    moscow = place(doc, "Moscow")
    assert [m.start for m in moscow.mentions] == [text.rindex("Moscow")]
    assert moscow.country == "RUS"


def test_person_names_are_not_places() -> None:
    text = "Russian President Vladimir Putin met reporters. The Tampa Free Press reported it."
    assert names(run(text)) == set()


def test_common_word_town_names_need_locative_context() -> None:
    assert names(run("Nice weather helped. Police said the Reading list was long.")) == set()
    doc = run("A truck attack in Nice killed dozens.")
    assert place(doc, "Nice").country == "FRA"


def test_function_words_are_never_places() -> None:
    assert names(run("Of the forty, one came From the north.")) == set()


def test_alternate_ascii_names(gaz: Gazetteer) -> None:
    doc = run("Drones struck Kiev overnight. Shelling hit Khan Younis in the south.")
    assert place(doc, "Kiev").country == "UKR"
    assert place(doc, "Khan Younis").country == "PSE"
    assert gaz.lookup("Kyiv")


def test_context_picks_between_same_named_cities() -> None:
    text = "Hezbollah fired rockets from Tripoli, officials in Beirut said."
    assert place(run(text), "Tripoli").country == "LBN"
    assert place(run("Militias clashed in Tripoli."), "Tripoli").country == "LBY"


def test_population_beats_small_namesake_in_other_context() -> None:
    # The article's country alone does not move Paris to Texas; towns of the same state do.
    text = "Officials in Chicago and Boston watched as ministers met in Paris."
    assert place(run(text), "Paris").country == "FRA"
    text = "Officials in Tyler, Texas, and in Sherman, Texas, watched the fair in Paris."
    assert gazetteer().by_id(place(run(text), "Paris").id).admin1 == "TX"  # type: ignore[union-attr]


def test_us_states_abbreviations_and_counties() -> None:
    doc = run("The fire in Chiefland, Fla., spread to Levy County. Kentucky officials helped.")
    chiefland = place(doc, "Chiefland")
    assert chiefland.country == "USA" and abs(chiefland.lat - 29.5) < 0.3  # type: ignore[operator]
    assert place(doc, "Levy County").id.startswith("adm2:USA.FL.")
    assert place(doc, "Kentucky").country == "USA"


def test_state_abbreviation_alone_is_not_a_place() -> None:
    assert "Mass." not in names(run("They attended Mass. Then they left."))


def test_capitalised_dateline_and_institutions() -> None:
    doc = run("GAINESVILLE, Ga. — The Gainesville Police said the road was closed.")
    assert gazetteer().by_id(place(doc, "GAINESVILLE").id).admin1 == "GA"  # type: ignore[union-attr]
    assert "Gainesville" in names(doc)


def test_metonyms_are_resolved_but_not_places() -> None:
    from newsevents.stages.places import find_places

    text = "Moscow said American officials would visit Kazan."
    actors = (country_actor(text, "RUS", r"Moscow"), country_actor(text, "USA", r"American"))
    doc = run(text, actors)
    assert names(doc) == {"Kazan"}
    resolved = {m.text: e.country for m, e in find_places(doc).metonyms}
    assert resolved == {"Moscow": "RUS", "American": "USA"}


def test_country_beats_city_of_the_same_name() -> None:
    assert place(run("Aid arrived in Lebanon."), "Lebanon").id == "country:LBN"


def test_curated_regions() -> None:
    doc = run("Fighting continued in Donbas, in the West Bank and in Tigray.")
    assert place(doc, "Donbas").id == "region:donbas"
    assert place(doc, "West Bank").country == "PSE"
    assert place(doc, "Tigray").country == "ETH"


def test_one_place_per_location_with_all_mentions() -> None:
    doc = run("Strikes hit Kharkiv. Residents of Kharkiv fled.")
    assert len(doc.places) == 1
    assert len(doc.places[0].mentions) == 2


def test_dateline_is_geocoded_and_used_for_events() -> None:
    text = "KAZAN, Russia (AP) — The two leaders signed an agreement."
    dl = Mention("KAZAN, Russia", 0, 13)
    doc = run(text, events=(event(text, "signed"),), dateline=dl)
    kazan = place(doc, "KAZAN")
    assert kazan.country == "RUS"
    assert doc.events[0].place == kazan.id
    assert doc.events[0].place_basis == "dateline"


def test_event_place_from_its_sentence_prefers_locative_near_trigger() -> None:
    text = "Iran's envoy, visiting from Tehran, met Hamas leaders in Doha on Monday."
    doc = run(text, (country_actor(text, "IRN", r"Iran"),), (event(text, "met"),))
    assert doc.events[0].place == place(doc, "Doha").id
    assert doc.events[0].place_basis == "sentence"


def test_event_place_skips_country_qualifier() -> None:
    text = "The leaders met in Kazan, Russia."
    doc = run(text, events=(event(text, "met"),))
    assert doc.events[0].place == place(doc, "Kazan").id


def test_event_place_falls_back_to_summit_location() -> None:
    text = ("The president spoke during the BRICS Summit in Kazan on Wednesday. "
            "He met Putin to discuss trade. Aid later reached Qingdao, China.")
    doc = run(text, events=(event(text, "met", 1),))
    assert doc.events[0].place == place(doc, "Kazan").id
    assert doc.events[0].place_basis == "article"


def test_event_without_any_place() -> None:
    doc = run("The two leaders met.", events=(event("The two leaders met.", "met"),))
    assert (doc.events[0].place, doc.events[0].place_basis) == (None, "none")


def test_seed_article_places() -> None:
    from tests.conftest import shared_path

    text = shared_path("seed", "iran-brics-kazan.txt").read_text(encoding="utf-8")
    actors = tuple(
        country_actor(text, iso, rf"\b{name}\b(?!ian)")
        for iso, name in (("IRN", "Iran"), ("RUS", "Russia"), ("CHN", "China"))
    )
    doc = run(text, actors, (event(text, "met with", 1),))
    assert place(doc, "Kazan").country == "RUS"
    assert place(doc, "Qingdao").country == "CHN"
    assert {"Gaza", "Lebanon", "Ukraine"} <= names(doc)
    assert "Vladimir" not in names(doc)
    assert doc.events[0].place == place(doc, "Kazan").id


def test_attack_is_placed_at_its_target() -> None:
    text = "Israeli strikes in Gaza and in Lebanon continued."
    ev = event(text, "strikes")
    ev = replace(ev, type="ASSAULT", source=("ISR",), target=("LBN",))
    doc = run(text, (country_actor(text, "LBN", r"Lebanon"),), (ev,))
    assert doc.events[0].place == "country:LBN"


def test_city_named_like_its_province_is_the_city() -> None:
    import newsevents

    doc = newsevents.extract(
        "Iran's foreign minister held talks in Beijing on Friday with his Chinese counterpart.",
        published="2024-12-28",
    )
    beijing = [p for p in doc.places if p.name == "Beijing"]
    assert beijing and beijing[0].feature == "city" and beijing[0].geonameid == 1816670


def test_state_that_explains_most_names_wins() -> None:
    # Henry, Benton and Stewart counties and a Paris all exist in Tennessee (and elsewhere):
    # spatial minimality picks the state that holds every reading.
    doc = run("Jobless rates rose in Benton County and in Stewart County. Henry County fell. "
              "In Paris, the mayor was worried.")
    assert {place(doc, n).id.split(".")[1] for n in ("Benton County", "Henry County")} == {"TN"}
    assert gazetteer().by_id(place(doc, "Paris").id).admin1 == "TN"  # type: ignore[union-attr]


def test_state_names_in_a_list_vote_for_themselves() -> None:
    doc = run("Cases were found in Alabama, Arizona, California, Georgia, Louisiana, Nevada, "
              "Oregon and Wyoming.")
    for n in ("California", "Louisiana", "Nevada", "Oregon", "Wyoming"):
        assert place(doc, n).feature == "region", n


def test_actor_reading_of_an_ambiguous_name_does_not_outvote_the_places() -> None:
    text = ("ATLANTA - Georgia residents could reach services, officials said. The Georgia "
            "lawmakers agreed in Atlanta and Savannah.")
    doc = run(text, (country_actor(text, "GEO", r"Georgia(?= residents)|officials"),))
    assert place(doc, "Georgia").country == "USA"


def test_toponym_starting_an_institution_is_resolved_but_not_a_place() -> None:
    from newsevents.stages.places import find_places

    text = ("The killer asked the Ohio Supreme Court to delay. Lawyers said Ohio's method was "
            "cruel. The New York Times and Chad Walker reported it.")
    org = Actor("org:ohio-supreme-court", "Ohio Supreme Court", "organization",
                mentions=mentions(text, r"Ohio Supreme Court"))
    paper = Actor("org:nyt", "New York Times", "organization",
                  mentions=mentions(text, r"New York Times"))
    doc = run(text, (org, paper))
    res = find_places(doc)
    inner = {(m.text, m.start) for m, _ in res.metonyms}
    assert ("Ohio", text.index("Ohio Supreme")) in inner
    assert all(n not in {m for m, _ in inner} for n in ("New York", "Chad"))
    assert place(doc, "Ohio").id == "adm1:USA.OH"  # "Ohio's method": the state itself


def test_country_adjective_starting_a_group_name() -> None:
    from newsevents.stages.places import find_places

    # The adjective of a group's mention names its country, before an institution's name or a
    # common noun ("Georgian troops"), as LGL annotates it; "the country" holds no toponym.
    text = "The Georgian Interior Ministry said Georgian people were angry, the country said."
    group = Actor("GEO:GOV", "Georgian government", "group", "GEO", "GOV",
                  mentions=mentions(text, r"Georgian Interior Ministry|Georgian people|"
                                          r"the country"))
    resolved = [(m.text, m.start, e.id) for m, e in find_places(run(text, (group,))).metonyms]
    assert resolved == [("Georgian", 4, "country:GEO"), ("Georgian", 36, "country:GEO")]


def test_province_word_and_lists_of_provinces() -> None:
    assert place(run("Rain fell in Santa Cruz province."), "Santa Cruz").feature == "region"
    assert place(run("Cases rose in Henan province."), "Henan").country == "CHN"
    doc = run("Cases occurred in British Columbia, Alberta, Manitoba, Ontario and New Brunswick.")
    assert place(doc, "Ontario").country == "CAN"
    # Cities that are also provinces stay cities in a list.
    doc = run("Leaders met in Beijing and Moscow.")
    assert {place(doc, n).feature for n in ("Beijing", "Moscow")} == {"city"}


def test_currency_headline_dateline_and_dc() -> None:
    assert not names(run("Fees rose to US$10,000 this year."))
    doc = run("Service could grow. ATLANTA - Regional officials met.")
    assert gazetteer().by_id(place(doc, "ATLANTA").id).admin1 == "GA"  # type: ignore[union-attr]
    doc = run("The museum in Washington, D.C. reopened.")
    assert place(doc, "Washington").feature == "city"
    assert place(doc, "D.C.").country == "USA"


def test_city_of_cue_and_toponym_in_a_title() -> None:
    from newsevents.stages.places import find_places

    assert place(run("The city of Sao Paulo reported deaths."), "Sao Paulo").feature == "city"
    text = ('"It is good," Dublin Mayor Marilee Chinnici-Zuercher said. Georgia residents '
            "waited.")
    mayor = Actor("person:marilee-chinnici-zuercher", "Marilee Chinnici-Zuercher", "person",
                  mentions=mentions(text, r"Dublin Mayor Marilee Chinnici-Zuercher"))
    residents = Actor("USA:CVL", "American civilians", "group", "USA", "CVL",
                      mentions=mentions(text, r"Georgia residents"))
    got = {m.text for m, _ in find_places(run(text, (mayor, residents))).metonyms}
    assert got == {"Dublin", "Georgia"}


def test_hyphen_joined_names_and_party_homes() -> None:
    doc = run("Rep. Barbara Lee, D-Oakland, and Sen. Frank Lautenberg, D-N.J., spoke.")
    assert place(doc, "Oakland").country == "USA"
    assert place(doc, "N.J.").country == "USA"
    assert "US" in names(run("They studied Egyptian-US relations in Cairo."))
    # A virus named after a town is no mention of the town; neither is a double first name.
    assert not names(run("The Ebola-Reston virus spread. Caroline-Anne Coulombe spoke."))
    # A longer hyphenated name is still found whole.
    assert "Winston-Salem" in names(run("Officials in Winston-Salem met."))


def test_capitalised_dateline_after_a_headline_and_town_cues() -> None:
    doc = run("Coroner: two women died. HAMILTON — The two Hamilton women were found in Ohio.")
    assert len(place(doc, "HAMILTON").mentions) == 2
    doc = run("Home hit by fire. BEIRUT: Unknown assailants removed the doors.")
    assert place(doc, "BEIRUT").country == "LBN"
    doc = run("Authorities said Rebecca Sears, 41, of Grovetown, planned it.")
    assert gazetteer().by_id(place(doc, "Grovetown").id).admin1 == "GA"  # type: ignore[union-attr]
    assert "Chapin" in names(run("A Chapin man died early Tuesday in Lexington, S.C."))


def test_small_town_in_the_articles_state() -> None:
    text = ("Floods hit Athens, Ga. and Augusta, Ga. on Monday. Officials said Grovetown "
            "schools would close.")
    assert "Grovetown" in names(run(text))
    # Without a state of the article, the same small town needs a cue.
    assert "Grovetown" not in names(run("Officials said Grovetown schools would close."))


def test_a_small_towns_own_institution_names_it() -> None:
    from newsevents.stages.places import find_places

    text = "Tryouts were held at the Oakdale Fire Department on Monday."
    org = Actor("org:oakdale-fire-department", "Oakdale Fire Department", "organization",
                mentions=mentions(text, r"Oakdale Fire Department"))
    got = {m.text for m, _ in find_places(run(text, (org,))).metonyms}
    assert got == {"Oakdale"}
    text = "Tryouts were held at the Oakdale Performing Arts Corp. on Monday."
    org = replace(org, mentions=mentions(text, r"Oakdale Performing Arts Corp\."))
    assert not find_places(run(text, (org,))).metonyms


def test_sports_headlines_and_results_make_no_places() -> None:
    # An all-caps headline word before a dash is no dateline unless the caps run is a place
    # followed by lower-case text.
    assert "CRICKET" not in names(run("CRICKET - ENGLAND BEAT PAKISTAN BY FIVE WICKETS."))
    assert place(run("Home hit by fire. BEIRUT: Unknown assailants left."), "BEIRUT")
    # A demonym across a hyphen is not the town of that name.
    assert "Arab" not in names(run("The Arab-Israeli talks resumed on Monday."))
    # Results text: sides that are towns are not places without a cue.
    text = ("Floods hit Athens, Ga. on Monday. Results: Grovetown 2 Augusta 1. "
            "Grovetown beat Evans on Saturday.")
    assert "Grovetown" not in names(run(text))
