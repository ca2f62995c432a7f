"""A verb's target past a place phrase ("celebrated ... in Cairo with X") and the owner of a
vessel an attack was aimed at ("fired near a patrol boat from X")."""

from __future__ import annotations

from newsevents.stages._arguments import Slot
from newsevents.stages._prep_objects import owned_object, prep_object
from newsevents.stages.events import code_sentence


def coded(text: str, spec: dict[str, list[str]]) -> list[tuple[str, tuple[str, ...],
                                                            tuple[str, ...]]]:
    return [(e.type, e.source, e.target) for e in code_sentence(text, spec)]


SPEC = {"EGY": ["Egypt"], "JOR": ["Jordan"], "QAT": ["Doha"], "TUR": ["Turkey"],
        "GRC": ["Greece"], "CYP": ["Cyprus"]}


def test_celebrating_an_occasion_with_someone_is_meeting_them() -> None:
    ev = coded("Egypt celebrated the new year in Doha with Jordan.", SPEC)
    assert ev == [("CONSULT", ("EGY",), ("JOR",))], ev
    ev = coded("Egypt celebrated the holiday at Doha with the ministers of Jordan.", SPEC)
    assert ev == [("CONSULT", ("EGY",), ("JOR",))], ev


def test_celebrating_without_a_partner_codes_nothing() -> None:
    assert coded("Egypt celebrated its national day in Doha.", SPEC) == []
    # A "with" after a new clause belongs to that clause.
    assert coded("Egypt celebrated the holiday after talks ended with Jordan.", SPEC) == []


def test_fire_aimed_at_a_vessel_targets_its_owner() -> None:
    ev = coded("Turkey fired artillery shells near a fishing boat from Greece.", SPEC)
    assert ev == [("ASSAULT", ("TUR",), ("GRC",))], ev


def test_a_place_fired_from_is_no_target() -> None:
    # "from Cyprus" says where the shots came from: a town is not Cyprus's.
    ev = coded("Turkey fired artillery shells near a town from Cyprus.", SPEC)
    assert ev == [("ASSAULT", ("TUR",), ())], ev


def test_owned_object_gap() -> None:
    assert owned_object(" near a naval vessel from ")
    assert owned_object(" at two patrol boats of the ")
    assert not owned_object(" near the border from ")
    assert not owned_object(" at the port and then at a vessel of ")


def test_prep_object_skips_a_place_name() -> None:
    low = "x celebrated it at cairo with the leaders of jordan"
    slots = [Slot(21, 26, ("EGY",), "cairo", False, True),
             Slot(45, 51, ("JOR",), "jordan", False, True)]
    assert prep_object(low, slots, 0, 12, ("with",)) == 1
    assert prep_object(low, slots, 0, 12, ("against",)) is None


def test_celebrating_someones_victory_is_no_meeting() -> None:
    assert coded("Egypt celebrated Jordan's victory in the final.", SPEC) == []


def test_names_inside_a_between_phrase_are_no_subject() -> None:
    spec = {"person:ana-ruiz": ["Ana Ruiz"], "EGY": ["Egypt"], "JOR": ["Jordan"],
            "TUR": ["Turkey"]}
    ev = coded("Ana Ruiz, at the centre of a dispute between Egypt and Jordan, called on Turkey "
               "to mediate.", spec)
    assert ("REQUEST", ("person:ana-ruiz",), ("TUR",)) in ev, ev
    ev = coded("Ana Ruiz centre of a quarrel between Egypt called on Turkey to help.", spec)
    assert ("REQUEST", ("person:ana-ruiz",), ("TUR",)) in ev, ev
