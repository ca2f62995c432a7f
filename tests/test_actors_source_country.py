"""Tests for the actors stage's country of a source on real-news wording: demonym variants,
title chains, seats ("UK-based"), lower-case demonyms and the Georgia country/state reading."""

from __future__ import annotations

import pytest

from newsevents.records import Actor, Article, Document, RawDocument
from newsevents.stages.actors import Actors
from newsevents.stages.sentences import split


@pytest.fixture(scope="module")
def stage() -> Actors:
    return Actors(user=False)


def _run(stage: Actors, txt: str) -> dict[str, Actor]:
    doc = Document(
        raw=RawDocument(source="t", text=txt),
        article=Article(id="a", source="t", text=txt),
        sentences=tuple(split(txt)),
    )
    return {a.id: a for a in stage(doc).actors}


def test_demonym_variant_gives_person_country(stage: Actors) -> None:
    acts = _run(stage, "Somalian President Ali Warsame called for new talks with the clans.")
    assert acts["person:ali-warsame"].country == "SOM"


def test_dotted_abbreviation_names_country(stage: Actors) -> None:
    acts = _run(stage, "C.A.R. officials said rebels burned three villages last week.")
    assert "CAF:GOV" in acts
    assert "CAF:REB" in acts


def test_country_group_phrase_running_into_title(stage: Actors) -> None:
    acts = _run(stage, "Afghan foreign ministry spokesperson Abdul Rahim Karimi rejected the "
                       "claim on Monday.")
    assert acts["person:abdul-rahim-karimi"].country == "AFG"


def test_seat_adjective_is_not_the_story_country(stage: Actors) -> None:
    acts = _run(stage, "A UK-based monitor said government forces shelled the town.")
    assert "GBR:GOV" not in acts
    assert acts["group:GOV"].country is None


def test_country_inside_organisation_name_gives_story_country(stage: Actors) -> None:
    acts = _run(stage, "The Yemeni Centre for Civil Liberties, a UK-based group, said "
                       "government forces shelled the port.")
    assert "GBR:GOV" not in acts
    assert "YEM:GOV" in acts


def test_lower_case_demonym_before_group_noun(stage: Actors) -> None:
    acts = _run(stage, "iraqi police arrested five men near the border.")
    assert acts["IRQ:COP"].country == "IRQ"


def test_lower_case_demonym_alone_is_no_actor(stage: Actors) -> None:
    acts = _run(stage, "She spoke french with the guests and served polish sausages.")
    assert "FRA" not in acts
    assert "POL" not in acts


def test_georgia_with_foreign_affairs_is_the_country(stage: Actors) -> None:
    acts = _run(stage, "Georgia accused Armenia of shelling a border post overnight.")
    assert acts["GEO"].country == "GEO"


def test_georgia_with_breakaway_region_is_the_country(stage: Actors) -> None:
    acts = _run(stage, "Georgia said it would reopen talks on South Ossetia next month.")
    assert "GEO" in acts


def test_georgia_with_us_state_context_is_no_country(stage: Actors) -> None:
    acts = _run(stage, "Georgia sued Mexico's exporters, the governor said in Atlanta.")
    assert "GEO" not in acts
    acts = _run(stage, "Georgia and Alabama criticised Canada over lumber tariffs.")
    assert "GEO" not in acts


def test_post_modifier_country_is_where_the_group_serves(stage: Actors) -> None:
    acts = _run(stage, "The Dutch commander in Mali, General Piet Vos, met the mayor.")
    assert "MLI" not in acts  # "in Mali" is the post, not a side
    assert [m.text for m in acts["NLD:MIL"].mentions] == ["Dutch commander in Mali"]
    assert acts["person:piet-vos"].country == "NLD"
    acts = _run(stage, "Chile's ambassador to Peru, Ana Soto, accused Peru of delays.")
    assert [m.text for m in acts["CHL:GOV"].mentions] == ["Chile's ambassador to Peru"]
    assert "PER" in acts  # the object keeps its own mention


def test_post_modifier_stops_before_a_possessive_place(stage: Actors) -> None:
    acts = _run(stage, "Kenyan troops in Somalia's south repelled an attack.")
    assert "SOM" in acts


def test_coordinated_modifiers_keep_the_country(stage: Actors) -> None:
    acts = _run(stage, "Chad said Libyan political and military officials had armed the rebels.")
    assert [m.text for m in acts["LBY:GOV"].mentions] == ["officials"]


def test_capital_before_state_body_names_the_state(stage: Actors) -> None:
    acts = _run(stage, "The Nairobi government rejected the report on Friday.")
    assert [m.text for m in acts["KEN:GOV"].mentions] == ["government"]
    acts = _run(stage, "Nairobi police arrested two men.")  # a city's force: no state body
    assert "KEN:COP" not in acts
