"""Tests for the actors stage: countries, metonyms, groups, organisations, persons, references."""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.records import Actor, Article, Document, RawDocument
from newsevents.stages.actors import ActorEntry, Actors
from newsevents.stages.sentences import split
from tests.conftest import shared_path


@pytest.fixture(scope="session")
def stage() -> Actors:
    return Actors()


def _run(stage: Actors, txt: str, published: date | None = None) -> dict[str, Actor]:
    doc = Document(
        raw=RawDocument(source="t", text=txt),
        article=Article(id="a", source="t", text=txt, published=published),
        sentences=tuple(split(txt)),
    )
    out = stage(doc)
    return {a.id: a for a in out.actors}


def _texts(a: Actor) -> list[str]:
    return [m.text for m in a.mentions]


# -- countries, adjectives, compounds -------------------------------------------------------

def test_country_names_and_short_forms(stage: Actors) -> None:
    got = _run(stage, "The US and Britain backed the UK plan, while the U.S. Navy waited.")
    assert _texts(got["USA"])[0] == "US"
    assert got["GBR"].kind == "country"
    assert _texts(got["GBR"]) == ["Britain", "UK"]


def test_adjectives_and_demonyms_are_country_mentions(stage: Actors) -> None:
    got = _run(stage, "Iranians protested as Israeli jets flew over Chinese ships.")
    assert _texts(got["IRN"]) == ["Iranians"]
    assert "ISR:MIL" in got  # "Israeli jets" is a military group
    assert got["CHN"].mentions[0].text == "Chinese"


def test_compound_prefixes_give_both_countries(stage: Actors) -> None:
    txt = "Russo-Iranian ties and Sino-Indian tensions grew."
    got = _run(stage, txt)
    assert _texts(got["RUS"]) == ["Russo"] and _texts(got["IRN"]) == ["Iranian"]
    assert _texts(got["CHN"]) == ["Sino"] and _texts(got["IND"]) == ["Indian"]
    m = got["RUS"].mentions[0]
    assert txt[m.start : m.end] == "Russo"


def test_pro_prefix_is_not_an_actor(stage: Actors) -> None:
    got = _run(stage, "Pro-Russian separatists and anti-American protesters gathered.")
    assert "RUS" not in got and "RUS:REB" not in got and "USA" not in got


def test_offsets_index_article_text(stage: Actors) -> None:
    txt = "On Monday, Kenya’s government said Somalia agreed."
    for a in _run(stage, txt).values():
        for m in a.mentions:
            assert txt[m.start : m.end] == m.text


# -- metonyms ------------------------------------------------------------------------------

def test_capital_with_speech_verb_is_actor(stage: Actors) -> None:
    got = _run(stage, "Moscow said it would respond, and Beijing has also met officials in Tokyo.")
    assert _texts(got["RUS"]) == ["Moscow"]
    assert _texts(got["CHN"]) == ["Beijing"]
    assert "JPN" not in got  # a capital after "in" stays a place


def test_capital_as_object_of_verb_is_actor(stage: Actors) -> None:
    got = _run(stage, "Washington warned Beijing on Monday and later held talks with Moscow.")
    assert _texts(got["CHN"]) == ["Beijing"]
    assert _texts(got["RUS"]) == ["Moscow"]


def test_capital_as_place_is_not_actor(stage: Actors) -> None:
    got = _run(stage, "Talks were held in Moscow on Monday and delegates flew to Kyiv.")
    assert "RUS" not in got and "UKR" not in got


def test_possessive_capital_and_seats(stage: Actors) -> None:
    got = _run(stage, "Moscow's position hardened. The Kremlin rejected the claim, "
                      "and the White House declined to comment. Downing Street agreed.")
    assert _texts(got["RUS"]) == ["Moscow", "Kremlin"]
    assert _texts(got["USA"]) == ["White House"]
    assert _texts(got["GBR"]) == ["Downing Street"]


def test_seat_with_sector(stage: Actors) -> None:
    got = _run(stage, "The Pentagon said more troops would deploy.")
    assert got["USA:MIL"].sector == "MIL" and got["USA:MIL"].kind == "group"


# -- sector groups -------------------------------------------------------------------------

@pytest.mark.parametrize(("txt", "aid", "sector"), [
    ("Israeli forces raided the camp.", "ISR:MIL", "MIL"),
    ("Russian troops withdrew overnight.", "RUS:MIL", "MIL"),
    ("The Iranian government protested.", "IRN:GOV", "GOV"),
    ("Ukrainian police detained two men.", "UKR:COP", "COP"),
    ("Syrian rebels seized the town.", "SYR:REB", "REB"),
    ("Chinese officials denied the report.", "CHN:GOV", "GOV"),
    ("US officials said talks were over.", "USA:GOV", "GOV"),
    ("Israel's military said it struck targets.", "ISR:MIL", "MIL"),
    ("Iranian military officials met.", "IRN:MIL", "MIL"),
])
def test_adjective_plus_sector_noun(stage: Actors, txt: str, aid: str, sector: str) -> None:
    got = _run(stage, txt)
    assert aid in got
    g = got[aid]
    assert g.kind == "group" and g.sector == sector and g.country == aid.split(":")[0]


def test_group_names_follow_convention(stage: Actors) -> None:
    assert _run(stage, "Israeli forces advanced.")["ISR:MIL"].name == "Israeli military"


def test_adjective_before_event_noun_stays_country(stage: Actors) -> None:
    txt = "Iran's military support for Russia grew, and Israeli strikes continued."
    got = _run(stage, txt)
    assert _texts(got["IRN"]) == ["Iran"] and _texts(got["ISR"]) == ["Israeli"]
    assert not any(":" in k for k in got)


# -- organisations -------------------------------------------------------------------------

def test_igos_and_armed_groups(stage: Actors) -> None:
    got = _run(stage, "NATO, the EU and the UN Security Council condemned Hezbollah, Hamas "
                      "and the Houthis, while BRICS and the IAEA stayed silent.")
    for igo in ("igo:NATO", "igo:EU", "igo:UNSC", "igo:BRICS", "igo:IAEA"):
        assert got[igo].kind == "igo"
    hz = got["armed_group:hezbollah"]
    assert hz.kind == "armed_group" and hz.country == "LBN" and hz.sector == "REB"
    assert got["armed_group:houthis"].country == "YEM"


def test_historic_armed_groups_and_their_ambiguous_acronyms(stage: Actors) -> None:
    got = _run(stage, "British troops patrolled Belfast. The Provisional IRA and later the IRA "
                      "said they carried out the bombing.")
    ira = got["armed_group:ira"]
    assert ira.kind == "armed_group" and ira.country == "GBR" and ira.sector == "REB"
    assert _texts(ira) == ["Provisional IRA", "IRA"]
    # The acronym alone, in an article that names no country of the group, is something else.
    assert "armed_group:ira" not in _run(stage, "Congress passed the IRA in 2022.")
    assert "armed_group:eta" not in _run(stage, "Our ETA is five o'clock, the pilot said.")


def test_government_opponents_are_the_opposition_not_the_government(stage: Actors) -> None:
    got = _run(stage, "Government opponents marched in Caracas, Venezuela, on Monday.")
    assert "VEN:GOV" not in got and _texts(got["VEN:OPP"]) == ["Government opponents"]
    got = _run(stage, "Venezuelan government critics marched on Monday.")
    assert "VEN:GOV" not in got


def test_think_tank_in_headline_case(stage: Actors) -> None:
    got = _run(stage, "According to the Institute For The Study Of War, fighting slowed.")
    isw = got["org:isw"]
    assert isw.kind == "organization" and isw.sector is None


def test_ambiguous_acronym_needs_country_support(stage: Actors) -> None:
    assert "armed_group:rsf" not in _run(stage, "RSF published its press freedom index.")
    assert "armed_group:rsf" in _run(stage, "The RSF attacked El Fasher in Sudan.")


# -- persons -------------------------------------------------------------------------------

def test_adjective_title_name(stage: Actors) -> None:
    got = _run(stage, "Iranian Energy Minister Abbas Aliabadi visited Qingdao.")
    p = got["person:abbas-aliabadi"]
    assert (p.kind, p.country, p.sector, p.roles) == ("person", "IRN", "GOV",
                                                       ("Energy Minister",))
    assert _texts(p) == ["Iranian Energy Minister Abbas Aliabadi"]
    assert "IRN" not in got  # the title's adjective belongs to the person


def test_appositive_role(stage: Actors) -> None:
    got = _run(stage, "Nikol Pashinyan, Armenia's prime minister, arrived on Monday.")
    p = got["person:nikol-pashinyan"]
    assert p.country == "ARM" and p.roles == ("Prime Minister",)
    got = _run(stage, "Maria Santos, the foreign minister of Peru, said talks failed.")
    assert got["person:maria-santos"].country == "PER"


def test_title_name_with_known_leader(stage: Actors) -> None:
    got = _run(stage, "Chancellor Olaf Scholz met Secretary-General Antonio Guterres.")
    assert got["person:olaf-scholz"].country == "DEU"
    assert got["person:olaf-scholz"].roles == ("Chancellor",)
    g = got["person:antonio-guterres"]
    assert g.sector == "IGO" and g.country is None


def test_org_prefix_gives_sector(stage: Actors) -> None:
    got = _run(stage, "UN Secretary-General Jane Doe spoke after Hezbollah commander Ali Karaki.")
    assert got["person:jane-doe"].sector == "IGO"
    assert got["person:ali-karaki"].country == "LBN"
    assert got["person:ali-karaki"].sector == "REB"


def test_state_prefix_senators(stage: Actors) -> None:
    got = _run(stage, "Louisiana Sen. Kennedy and Idaho Sen. Risch introduced a bill.")
    k = got["person:kennedy"]
    assert (k.country, k.sector, k.roles) == ("USA", "LEG", ("Senator",))
    assert "person:risch" in got


def test_former_role_and_dominant_country(stage: Actors) -> None:
    txt = ("Peru's economy grew. Peru exported copper and Peru's mines expanded. "
           "Former President Juan Perez criticised the plan.")
    p = _run(stage, txt)["person:juan-perez"]
    assert p.roles == ("former President",) and p.country == "PER"


def test_known_leader_without_title_uses_tenure(stage: Actors) -> None:
    got = _run(stage, "Xi Jinping said trade would grow.", published=date(2024, 10, 23))
    xi = got["person:xi-jinping"]
    assert (xi.country, xi.roles) == ("CHN", ("President",))
    old = _run(stage, "Biden said trade would grow.", published=date(2015, 3, 1))
    assert old["person:joe-biden"].roles == ("Vice President",)


def test_unknown_full_name_needs_verb(stage: Actors) -> None:
    got = _run(stage, "Maria Lopez said the vote was fair. Lopez added more.")
    p = got["person:maria-lopez"]
    assert p.country is None and _texts(p) == ["Maria Lopez", "Lopez"]
    assert not any(a.kind == "person" for a in _run(stage, "Grand Central Station was busy.")
                   .values())


def test_months_weekdays_and_org_words_are_not_persons(stage: Actors) -> None:
    got = _run(stage, "May said nothing. Tuesday was calm. Human Rights Watch said abuses "
                      "continued. Acme Shipping Company said it would sail.")
    assert all(a.kind != "person" for a in got.values())


# -- later mentions ------------------------------------------------------------------------

def test_surname_and_curly_possessive(stage: Actors) -> None:
    txt = "Iranian President Masoud Pezeshkian arrived. Pezeshkian’s policy was praised."
    p = _run(stage, txt)["person:masoud-pezeshkian"]
    assert _texts(p) == ["Iranian President Masoud Pezeshkian", "Pezeshkian"]


def test_the_president_when_one_in_focus(stage: Actors) -> None:
    got = _run(stage, "Kenyan President Jane Wanjiru opened the summit. The president said "
                      "trade must grow.")
    assert "The president" in _texts(got["person:jane-wanjiru"])
    two = _run(stage, "French President Emmanuel Macron met Kenyan President William Ruto. "
                      "The president said France would invest.")
    assert all("The president" not in _texts(a) for a in two.values())


def test_two_leaders_shared_span(stage: Actors) -> None:
    got = _run(stage, "Xi Jinping met Vladimir Putin. The two leaders signed a deal.")
    xi, putin = got["person:xi-jinping"], got["person:vladimir-putin"]
    assert xi.mentions[-1] == putin.mentions[-1]
    assert xi.mentions[-1].text == "The two leaders"


def test_the_leaders_and_two_nations(stage: Actors) -> None:
    txt = ("Pezeshkian met with Russian President Vladimir Putin to expand cooperation "
           "between the two nations. Analysts said the leaders are expected to sign a pact.")
    got = _run(stage, txt)
    assert "the two nations" in _texts(got["IRN"]) and "the two nations" in _texts(got["RUS"])
    assert "the leaders" in _texts(got["person:vladimir-putin"])
    assert "the leaders" in _texts(got["person:masoud-pezeshkian"])


def test_the_nation_needs_one_candidate(stage: Actors) -> None:
    got = _run(stage, "Chile held elections. The country voted calmly.")
    assert _texts(got["CHL"]) == ["Chile", "The country"]
    amb = _run(stage, "Chile and Peru held elections. The country voted calmly.")
    assert all("The country" not in _texts(a) for a in amb.values())


# -- extension and output shape ------------------------------------------------------------

def test_extra_entries_petrarch_style() -> None:
    st = Actors([
        ActorEntry(("ARNOR", "ARNORIAN"), "ARN", "Arnor", "country", "ARN"),
        ActorEntry(("POLICE",), "~COP", "police", "group", None, "COP"),
        ActorEntry(("FELLOWSHIP OF THE RING",), "org:fellowship", "Fellowship", "organization"),
    ])
    got = _run(st, "Arnorian police arrested a man. Arnor's government and the Fellowship "
                   "of the Ring agreed.")
    assert got["ARN:COP"].sector == "COP" and got["ARN:COP"].country == "ARN"
    assert "ARN:GOV" in got and "org:fellowship" in got


def test_actors_sorted_by_first_mention_and_stable(stage: Actors) -> None:
    txt = "Hamas and Israel traded fire. Egypt mediated. Israel's army said Hamas fired."
    a = _run(stage, txt)
    starts = [x.mentions[0].start for x in a.values()]
    assert starts == sorted(starts)
    assert list(a) == list(_run(stage, txt))


def test_seed_article(stage: Actors) -> None:
    path = shared_path("seed", "iran-brics-kazan.txt")
    skip = ("READ:", "Please make", "Android Users", "Connect with", "Sign up")
    txt = "\n".join(ln for ln in path.read_text(encoding="utf-8").splitlines()
                    if not ln.startswith(skip))
    got = _run(stage, txt, published=date(2024, 10, 23))
    pz = got["person:masoud-pezeshkian"]
    assert (pz.country, pz.sector, pz.roles) == ("IRN", "GOV", ("President",))
    assert got["person:vladimir-putin"].country == "RUS"
    assert got["person:xi-jinping"].roles == ("President",)
    assert got["person:abbas-aliabadi"].roles == ("Energy Minister",)
    raisi = got["person:ebrahim-raisi"]
    assert raisi.country == "IRN" and raisi.roles == ("former President",)
    for aid in ("IRN", "RUS", "CHN", "ISR", "UKR", "LBN", "igo:BRICS",
                "armed_group:hezbollah", "org:isw"):
        assert aid in got, aid
    assert got["org:isw"].kind == "organization"
    assert "the leaders" in _texts(pz) and "the leaders" in _texts(got["person:vladimir-putin"])
    assert "Russo" in _texts(got["RUS"]) and "Sino" in _texts(got["CHN"])
    assert "the nation" in _texts(got["IRN"])
    assert not any(a.kind == "person" and a.id not in {
        "person:masoud-pezeshkian", "person:vladimir-putin", "person:xi-jinping",
        "person:abbas-aliabadi", "person:ebrahim-raisi"} for a in got.values())


def test_name_particles_end_a_name(stage: Actors) -> None:
    got = _run(stage, "Iraqi Prime Minister Mohammed Shia al-Sudani met Interim President "
                      "Ahmed al-Sharaa.")
    assert got["person:mohammed-shia-al-sudani"].country == "IRQ"
    assert "person:ahmed-al-sharaa" in got


def test_lesser_offices_take_no_dominant_country(stage: Actors) -> None:
    txt = ("Ukraine's army held the line. Ukraine asked for help and Ukraine's allies agreed. "
           "Rep. Michael Smith toured the front.")
    assert _run(stage, txt)["person:michael-smith"].country is None


# -- offices over time, untitled names --------------------------------------------------------

def test_office_phrase_resolves_to_holder_on_article_date(stage: Actors) -> None:
    txt = "The Iranian president met Russian officials. Iran's foreign minister said more."
    in_2023 = _run(stage, txt, date(2023, 5, 1))
    assert _texts(in_2023["person:ebrahim-raisi"]) == ["The Iranian president"]
    assert "person:hossein-amir-abdollahian" in in_2023
    late_2024 = _run(stage, txt, date(2024, 11, 1))
    assert late_2024["person:masoud-pezeshkian"].roles == ("President",)
    assert late_2024["person:abbas-araghchi"].country == "IRN"
    us = _run(stage, "The US secretary of state flew to Riyadh.", date(2019, 3, 1))
    assert "person:mike-pompeo" in us
    assert not any(a.kind == "person" for a in _run(stage, txt).values())  # no date: no guess


def test_two_leaders_are_the_principals_not_a_later_aide(stage: Actors) -> None:
    got = _run(stage, "Russian President Vladimir Putin met Chinese President Xi Jinping, "
                      "joined by aide Yuri Ushakov. The two leaders signed a deal.",
               date(2023, 3, 21))
    assert "The two leaders" in _texts(got["person:vladimir-putin"])
    assert "The two leaders" in _texts(got["person:xi-jinping"])
    assert _texts(got["person:yuri-ushakov"]) == ["Yuri Ushakov"]


def test_untitled_persons_and_organisations(stage: Actors) -> None:
    got = _run(stage, "Maria Fernandez, who leads the Ukrainian Writers Foundation, met "
                      "officials of the Supreme National Security Council. Fernandez said "
                      "Goldman Sachs said nothing.")
    assert _texts(got["person:maria-fernandez"]) == ["Maria Fernandez", "Fernandez"]
    org = got["org:ukrainian-writers-foundation"]
    assert (org.country, org.sector) == ("UKR", "NGO")
    assert "org:supreme-national-security-council" in got
    assert not any("sachs" in i for i in got)  # a firm before a verb is not a person


def test_bloc_adjective_is_the_bloc(stage: Actors) -> None:
    got = _run(stage, "European diplomats said the talks had stalled.")
    assert _texts(got["igo:EU"]) == ["European diplomats"]


# -- unnamed groups ("Police fire tear gas at protesters") ---------------------------------

def test_bare_sector_nouns_are_groups_of_the_sentence_country(stage: Actors) -> None:
    got = _run(stage, "Police fired tear gas at farmers and protesters in Kenya on Monday.")
    assert _texts(got["KEN:COP"]) == ["Police"]
    assert got["KEN:AGR"].kind == "group" and got["KEN:AGR"].sector == "AGR"
    assert _texts(got["KEN:OPP"]) == ["protesters"]


def test_bare_sector_noun_without_country_is_countryless_group(stage: Actors) -> None:
    got = _run(stage, "Rebels reject calls for a ceasefire. Teachers went on strike.")
    assert got["group:REB"].country is None and got["group:REB"].sector == "REB"
    assert got["group:EDU"].kind == "group" and _texts(got["group:EDU"]) == ["Teachers"]


def test_sector_noun_as_modifier_or_after_a_name_is_no_group(stage: Actors) -> None:
    got = _run(stage, "Hezbollah fighters shelled the police station while children's "
                      "hospitals closed.")
    assert not any(k.endswith((":COP", ":CVL", ":REB")) for k in got), list(got)


# -- generic nouns owned by the actor before them ------------------------------------------

@pytest.mark.parametrize(
    ("txt", "aid", "noun"),
    [
        ("White House security officials met Iranian diplomats.", "USA:GOV", "officials"),
        ("Russia's senior officials met Ukraine.", "RUS:GOV", "officials"),
        ("Albania's former leader was sanctioned by the United States.", "ALB:GOV", "leader"),
        ("Peru's new mayor met Chile.", "PER:GOV", "mayor"),
        ("Soldiers from Chile crossed into Peru.", "CHL:MIL", "Soldiers"),
    ],
)
def test_generic_noun_takes_the_actor_it_modifies(
        stage: Actors, txt: str, aid: str, noun: str) -> None:
    assert noun in _texts(_run(stage, txt)[aid])


def test_generic_noun_of_a_non_state_actor_is_that_actor(stage: Actors) -> None:
    got = _run(stage, "Hamas senior officials met Egyptian mediators.")
    assert all("officials" not in _texts(a) for a in got.values())


def test_generic_noun_from_a_list_of_countries_has_no_one_country(stage: Actors) -> None:
    got = _run(stage, "Ministers from Britain, Canada and France met in Quebec.")
    assert "Ministers" in _texts(got["group:GOV"])


def test_dictionary_phrase_with_article_inside_a_sentence() -> None:
    st = Actors([ActorEntry(("THE SHIRE",), "SHR", "The Shire", "country", "SHR"),
                 ActorEntry(("BREE",), "BRE", "Bree", "country", "BRE")])
    got = _run(st, "Bree and the Shire welcomed the talks.")
    assert _texts(got["SHR"]) == ["the Shire"]
    assert "SHR" not in _run(st, "Bree and the shire welcomed the talks.")


def test_title_case_headline_words_after_a_title_are_no_name() -> None:
    from newsevents.pipeline import default_pipeline

    doc = default_pipeline()(RawDocument(
        source="t", text="France Leader Raises Possibility of Bans on Opposition Parties\n\n"
                         "The president spoke on Monday."))
    assert not any(a.kind == "person" for a in doc.actors), [a.id for a in doc.actors]
    named = default_pipeline()(RawDocument(
        source="t", text="French President Emmanuel Macron Visits Kenya\n\nHe arrived Monday."))
    assert any(a.kind == "person" and a.name.startswith("Emmanuel Macron")
               for a in named.actors), [a.id for a in named.actors]


# -- a titled person's country from the words attached to the name ---------------------------

@pytest.mark.parametrize("txt", [
    "The envoy Joan Park met Portugal on Monday.",
    "Judge Ali Demir rejected Norway's request for a delay.",
    "Spokesman Tomas Berg said Peru had offered talks.",
])
def test_person_is_not_of_the_country_their_verb_acts_on(stage: Actors, txt: str) -> None:
    person = next(a for a in _run(stage, txt).values() if a.kind == "person")
    assert person.country is None, (txt, person)


@pytest.mark.parametrize(("txt", "iso"), [
    ("Chad's deputy Interior Minister Idriss Saleh visited the camps.", "TCD"),
    ("Marta Ruiz, a spokeswoman for Chile's army, denied the report.", "CHL"),
    ("The spokesman for Ghana's foreign ministry, Ambassador Kofi Mensah, spoke.", "GHA"),
    ("Ambassador Lin Wei of Singapore spoke after the vote.", "SGP"),
])
def test_person_takes_the_country_attached_to_the_name(
        stage: Actors, txt: str, iso: str) -> None:
    person = next(a for a in _run(stage, txt).values() if a.kind == "person")
    assert person.country == iso, (txt, person)


def test_country_of_a_relative_clause_or_a_seat_is_not_the_persons(stage: Actors) -> None:
    for txt in ("Judge Ana Silva, who met Spain's ambassador, ruled on Friday.",
                "Director Paul Weber, of the Sweden-based institute, spoke."):
        person = next(a for a in _run(stage, txt).values() if a.kind == "person")
        assert person.country is None, (txt, person)


# -- possessive noun compounds before a group noun ----------------------------------------------


def test_possessive_owns_a_noun_compound_before_a_group_noun(stage: Actors) -> None:
    acts = _run(stage, "Nigeria's palace guard militia attacked Chad's army on Monday.")
    assert _texts(acts["NGA:REB"]) == ["militia"]
    # Without a possessive, or across a verb, the words before the noun own nothing.
    acts = _run(stage, "Nigeria's war rages while militia fight in Chad and Niger.")
    assert "NGA:REB" not in acts
    acts = _run(stage, "Nigeria palace guard militia attacked Chad and Niger.")
    assert "NGA:REB" not in acts
