"""Constructions of wire-news sentences: reduced passives, topics of light verbs and of
"discuss", accidents, travel as a noun, weapons fired at a target, sanctions and accusations."""

from __future__ import annotations

from newsevents.stages._triggers import matcher
from newsevents.stages.events import code_sentence

SPEC = {"GHA": ["Ghana"], "TGO": ["Togo"], "KEN": ["Kenya"], "UGA": ["Uganda"],
        "KEN:MIL": ["Kenyan soldiers", "Kenyan troops"], "UGA:MIL": ["Ugandan soldiers"],
        "KEN:REB": ["Kenyan rebels"], "person:ama-mensah": ["Ama Mensah"]}


def coded(text: str) -> list[tuple[str, str, tuple[str, ...], tuple[str, ...]]]:
    return [(e.type, e.cameo, e.source, e.target) for e in code_sentence(text, SPEC)]


def test_a_participle_after_its_noun_is_a_reduced_passive() -> None:
    # The soldiers are the ones killed, not the killers.
    ev = coded("Six Kenyan soldiers killed near the border were buried on Sunday.")
    assert [e[2] for e in ev] == [()] and ev[0][3] == ("KEN:MIL",), ev
    ev = coded("Kenyan rebels jailed two years ago walked free.")
    assert ev and all(e[2] == () for e in ev), ev
    # With an object the participle is an active past: the soldiers killed.
    ev = coded("Kenyan soldiers killed at least nine fighters in Uganda.")
    assert ev and ev[0][2] == ("KEN:MIL",), ev


def test_reduced_passive_at() -> None:
    m = matcher()
    low = "two kenyan soldiers killed in the raid"
    i = low.index("killed")
    assert m.reduced_passive_at(low, i, i + len("killed"))
    low = "they killed in cold blood"
    i = low.index("killed")
    assert not m.reduced_passive_at(low, i, i + len("killed"))
    low = "the army arrested over 40 people"
    i = low.index("arrested")
    assert not m.reduced_passive_at(low, i, i + len("arrested"))


def test_a_trigger_after_a_light_verbs_own_object_is_a_topic() -> None:
    # Sorrow, condolences or outrage about a shooting do not make the speaker the shooter.
    ev = coded("Ama Mensah expressed sorrow for the deadly shootings in Togo.")
    assert all(e[2] == () for e in ev), ev
    ev = coded("Ghana launched a wave of air strikes against Togo.")
    assert ev and ev[0][0] == "ASSAULT" and ev[0][2] == ("GHA",), ev


def test_deaths_in_an_accident_are_no_assault() -> None:
    assert coded("Six Kenyan soldiers were killed in a helicopter crash in Uganda.") == []
    assert coded("Passengers killed by the Kenya Airways plane crash were named.") == []
    ev = coded("Six Kenyan soldiers were killed in a firefight in Uganda.")
    assert ev and all(e[0] == "ASSAULT" for e in ev), ev


def test_travel_as_a_noun_is_no_visit() -> None:
    assert coded("Ghana advised its citizens against travel to Togo.") == []
    assert not [e for e in coded("Ghana announced bans on travel to Togo.") if e[0] == "CONSULT"]
    ev = coded("Ama Mensah will travel to Togo next week.")
    assert ev and ev[0][0] == "CONSULT" and ev[0][3] == ("TGO",), ev


def test_weapons_fired_at_a_target_and_firefights() -> None:
    ev = coded("Kenya fired two missiles at Uganda on Sunday.")
    assert [(e[0], e[2], e[3]) for e in ev] == [("ASSAULT", ("KEN",), ("UGA",))], ev
    ev = coded("Kenyan rebels engaged Ugandan soldiers in a gun battle near the lake.")
    assert [(e[0], e[2], e[3]) for e in ev] == [("ASSAULT", ("KEN:REB",), ("UGA:MIL",))], ev


def test_exiled_before_a_noun_is_an_adjective_and_asylum_is_aid() -> None:
    ev = coded("Ghana granted the three exiled Togolese activists asylum.")
    assert [(e[0], e[1], e[2]) for e in ev] == [("AID", "075", ("GHA",))], ev
    triggers = [e.trigger.text for e in code_sentence("Ghana hosted exiled Togolese activists.",
                                                       SPEC) if e.trigger is not None]
    assert "exiled" not in triggers, triggers
    assert [e[0] for e in coded("Ama Mensah was exiled to Kenya by Togo.")] == ["COERCE"]


def test_the_object_of_discuss_is_a_topic() -> None:
    ev = coded("Ghana and Kenya discussed Togo.")
    assert ev and all("TGO" not in e[3] for e in ev), ev
    ev = coded("Ghana discussed the crisis with Kenya.")
    assert ev and ev[0][3] == ("KEN",), ev


def test_sanctions_and_accusations() -> None:
    ev = coded("Ghana announced asset freezes and travel bans against Ugandan soldiers.")
    assert [(e[0], e[2], e[3]) for e in ev] == [("SANCTION", ("GHA",), ("UGA:MIL",))], ev
    ev = coded("Ghana presented evidence against Togo.")
    assert [(e[0], e[2], e[3]) for e in ev] == [("ACCUSE", ("GHA",), ("TGO",))], ev
    ev = coded("Ghana alleged that Togo had attacked Kenya.")
    assert ("ACCUSE", "112", ("GHA",), ("TGO",)) in ev, ev
    assert any(e[0] == "ASSAULT" and e[2] == ("TGO",) for e in ev), ev
