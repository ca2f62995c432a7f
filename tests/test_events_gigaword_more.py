"""More wire-news constructions: protests beside sports venues, pressure to act, releases,
military exercises, bombs that went off and projectiles fired from somewhere."""

from __future__ import annotations

from newsevents.stages.events import code_sentence

SPEC = {"GHA": ["Ghana"], "TGO": ["Togo"], "KEN": ["Kenya", "Kenyan"], "UGA": ["Uganda"],
        "UGA:MIL": ["Ugandan soldiers"], "KEN:MIL": ["Kenyan troops"],
        "person:ama-mensah": ["Ama Mensah"]}


def coded(text: str) -> list[tuple[str, str, str, tuple[str, ...], tuple[str, ...]]]:
    return [(e.type, e.cameo, e.modality, e.source, e.target) for e in code_sentence(text, SPEC)]


def test_a_political_protest_beside_a_sports_venue_is_coded() -> None:
    ev = coded("Kenyan activists staged a protest in the capital beside the stadium where the "
               "Olympics open on Friday.")
    assert [(e[0], e[3]) for e in ev] == [("PROTEST", ("KEN",))], ev
    # Fans protesting a referee are part of a match report.
    assert coded("Kenyan fans protested the referee's decision in the cup final.") == []


def test_pressure_to_act_is_a_demand_by_the_pressuring_side() -> None:
    ev = coded("Togo faces mounting pressure from Ghana to free the detained journalists.")
    assert ev and ev[0][:2] == ("REQUEST", "100") and ev[0][3:] == (("GHA",), ("TGO",)), ev
    # The act pressed for is Togo's, and not done.
    assert len(ev) == 2 and ev[1][2] != "asserted" and ev[1][3] == ("TGO",), ev
    # Being pressed to free someone is no release (the doer of the act pressed for).
    ev = [e for e in coded("Ghana is pressuring Togo to free the detained journalists.")
          if e[0] == "RETREAT"]
    assert ev and all(e[2] != "asserted" and e[3] == ("TGO",) for e in ev), ev
    ev = [e for e in coded("Togo is being pressured by Ghana to free the detained journalists.")
          if e[0] == "RETREAT"]
    assert ev and all(e[2] != "asserted" for e in ev), ev


def test_a_country_releasing_a_person_retreats() -> None:
    ev = coded("Ghana released Ama Mensah on Monday.")
    assert [(e[0], e[1], e[3], e[4]) for e in ev] == [
        ("RETREAT", "0841", ("GHA",), ("person:ama-mensah",))], ev
    ev = coded("Kenya freed the Ugandan soldiers after talks.")
    assert [(e[0], e[3], e[4]) for e in ev] == [("RETREAT", ("KEN",), ("UGA:MIL",))], ev
    # What is released after a preposition is no one held.
    assert coded("Ghana released details of the plan for Togo.") == []


def test_an_announced_release_is_expected_and_negation_still_counts() -> None:
    ev = coded("Ghana announced it would free 40 prisoners.")
    assert ev and ev[0][2] == "expected" and ev[0][3] == ("GHA",), ev
    ev = coded("Ghana announced it would not free the prisoners.")
    assert ev and ev[0][2] == "negated", ev


def test_military_exercises_with_a_progressive_light_verb() -> None:
    ev = coded("Kenya is conducting military exercises near Uganda.")
    assert [(e[0], e[3], e[4]) for e in ev] == [("MOBILIZE", ("KEN",), ("UGA",))], ev
    ev = coded("Ghana is staging war games in Togo this week.")
    assert [(e[0], e[3], e[4]) for e in ev] == [("MOBILIZE", ("GHA",), ("TGO",))], ev


def test_a_bomb_that_went_off_is_a_bombing() -> None:
    ev = coded("A bomb went off near Kenyan troops on Sunday.")
    assert [(e[0], e[1], e[4]) for e in ev] == [("ASSAULT", "183", ("KEN:MIL",))], ev
    ev = coded("A car bomb exploded outside a Togo police station on Sunday.")
    assert ev and ev[0][0] == "ASSAULT", ev


def test_a_projectile_fired_from_somewhere_at_a_pronoun() -> None:
    ev = coded("Two rockets were fired at Kenyan troops from Uganda on Sunday.")
    assert [(e[0], e[3], e[4]) for e in ev] == [("ASSAULT", ("UGA",), ("KEN:MIL",))], ev
    # "it" is the speaker, the one fired at; "from Uganda" is no target.
    ev = coded("Kenya said a mortar bomb was fired at it from Uganda.")
    assert [(e[0], e[3], e[4]) for e in ev] == [("ASSAULT", ("UGA",), ("KEN",))], ev
    # Another actor between the speaker and the trigger makes "it" ambiguous.
    ev = coded("Kenya said Ghana believed a rocket was fired at it from Uganda.")
    assert all(e[4] == () for e in ev if e[0] == "ASSAULT"), ev


def test_a_name_after_an_infinitive_is_no_passive_agent() -> None:
    # "by ... to help Ghana": Ghana is the infinitive's object, not the passive's agent.
    ev = coded("Ama Mensah was urged by lawmakers to help Ghana.")
    assert ev and ev[0][0] == "REQUEST" and ev[0][3] == (), ev
    ev = coded("Ama Mensah was urged by Ghana to quit.")
    assert ev and ev[0][0] == "REQUEST" and ev[0][3] == ("GHA",), ev


def test_a_passive_release_needs_its_releaser_and_its_subject() -> None:
    ev = coded("The Ugandan soldiers were freed by Kenya on Sunday.")
    assert [(e[0], e[3], e[4]) for e in ev] == [("RETREAT", ("KEN",), ("UGA:MIL",))], ev
    assert coded("Dozens of passengers were freed, Kenya said.") == []
    assert coded("Freed opposition figure Ama Mensah told reporters of her ordeal.") == []
    assert coded("No evidence linking Uganda to the raid has been released.") == []
