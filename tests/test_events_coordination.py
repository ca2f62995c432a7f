"""Coordinated subjects and verbs, promised violence and aid, and a partner named through its
people ("ties with the activists of X"), on sentences written for these tests."""

from __future__ import annotations

from newsevents.stages._arguments import joins_verbs
from newsevents.stages._prep_objects import partner_of
from newsevents.stages.events import code_sentence

Coded = list[tuple[str, str, tuple[str, ...], tuple[str, ...]]]


def coded(text: str, spec: dict[str, list[str]]) -> Coded:
    return [(e.type, e.modality, e.source, e.target) for e in code_sentence(text, spec)]


SPEC = {"PER": ["Peru"], "BRA": ["Brazil"], "USA": ["US"], "COL": ["Colombia"],
        "VEN": ["Venezuela"], "TCD:GOV": ["Chadian government"], "SDN:MIL": ["Sudanese troops"],
        "TCD": ["Chad"], "SDN": ["Sudan"], "IRN": ["Iran"], "ISR": ["Israel"],
        "JPN": ["Japan"], "NPL": ["Nepal"], "EGY": ["Egypt"], "JOR": ["Jordan"]}


def test_a_conjunct_with_a_name_modifying_its_head_keeps_the_earlier_conjuncts() -> None:
    # "the US ally Colombia" is Colombia; Brazil is coordinated with it, the US is not.
    ev = coded("Brazil and the US ally Colombia condemned Venezuela.", SPEC)
    assert ev == [("ACCUSE", "asserted", ("BRA", "COL"), ("VEN",))], ev
    ev = coded("Peru, Brazil and the new US ally Colombia condemned Venezuela.", SPEC)
    assert ev == [("ACCUSE", "asserted", ("PER", "BRA", "COL"), ("VEN",))], ev


def test_a_verb_between_two_names_is_no_premodifier() -> None:
    # Without a determiner opening the conjunct, "claims" is no adjective of Colombia.
    ev = coded("Brazil and the US claims Colombia attacked Venezuela.", SPEC)
    assert all(e[2] != ("BRA", "COL") for e in ev), ev


def test_the_rest_of_a_region_is_no_conjunct() -> None:
    ev = coded("Peru and the rest of the region condemned Venezuela.", SPEC)
    assert ev == [("ACCUSE", "asserted", ("PER",), ("VEN",))], ev


def test_a_coordinated_verb_takes_the_first_verbs_subject_past_an_adjunct() -> None:
    text = ("The Chadian government criticised a raid by Sudanese troops in eastern Chad on "
            "Friday and vowed reprisals against Sudan.")
    ev = coded(text, SPEC)
    assert ("ACCUSE", "asserted", ("TCD:GOV",), ("SDN:MIL",)) in ev, ev
    assert ("THREATEN", "asserted", ("TCD:GOV",), ("SDN",)) in ev, ev
    # The promised reprisals are never an asserted attack.
    assert all(e[0] != "ASSAULT" for e in ev), ev


def test_joins_verbs_reads_the_gap_before_a_coordinated_verb() -> None:
    assert joins_verbs(" on friday and ")
    assert joins_verbs(" and also ")
    assert joins_verbs(" last week and ")
    assert not joins_verbs(" said on friday and ")
    assert not joins_verbs(" on friday ")


def test_promising_violence_is_a_threat_of_force() -> None:
    ev = coded("Iran vowed retaliation against Israel.", SPEC)
    assert ev == [("THREATEN", "asserted", ("IRN",), ("ISR",))], ev
    assert code_sentence("Iran pledged fresh strikes on Israel.", SPEC)[0].cameo == "138"


def test_promising_to_strike_stays_an_intended_strike() -> None:
    ev = coded("Iran promised to launch strikes on Israel.", SPEC)
    assert ("ASSAULT", "expected", ("IRN",), ("ISR",)) in ev, ev
    assert ("THREATEN", "asserted", ("IRN",), ("ISR",)) in ev, ev


def test_promised_aid_is_an_intent_not_aid_given() -> None:
    ev = code_sentence("Japan promised aid to Nepal.", SPEC)
    assert [(e.type, e.cameo, e.source, e.target) for e in ev] == [
        ("AGREE", "033", ("JPN",), ("NPL",))], ev


def test_a_partner_named_through_its_people() -> None:
    ev = coded("Egypt restored ties with the student union leaders of Jordan.", SPEC)
    assert ev == [("SUPPORT", "asserted", ("EGY",), ("JOR",))], ev
    assert partner_of(" with the foreign minister of ")
    assert not partner_of(" with leaders who spoke of ")
    assert not partner_of(" in the capital of ")
