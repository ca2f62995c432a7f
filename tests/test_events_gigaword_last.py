"""Wire-news constructions, last round: weapons fired at someone, being behind an attack and
holding evidence of it, state actors beside sports events, passive accusations, casualties of
a named side's fire, and sanctions lists."""

from __future__ import annotations

from newsevents.stages.events import code_sentence

SPEC = {"GHA": ["Ghana"], "TGO": ["Togo"], "KEN": ["Kenya", "Kenyan"], "UGA": ["Uganda", "Ugandan"],
        "UGA:MIL": ["Ugandan soldiers"], "KEN:MIL": ["Kenyan troops"],
        "KEN:REB": ["Kenyan rebels"], "armed_group:lra": ["LRA"],
        "person:ama-mensah": ["Ama Mensah"]}


def coded(text: str) -> list[tuple[str, str, str, tuple[str, ...], tuple[str, ...]]]:
    return [(e.type, e.cameo, e.modality, e.source, e.target) for e in code_sentence(text, SPEC)]


def test_weapons_fired_at_someone_are_an_attack_by_the_firer() -> None:
    ev = coded("Ghana fired anti-aircraft batteries at Togo on Monday.")
    assert [(e[0], e[1], e[3], e[4]) for e in ev] == [("ASSAULT", "194", ("GHA",), ("TGO",))], ev
    ev = coded("Kenya fired howitzers at Uganda overnight.")
    assert [(e[0], e[3], e[4]) for e in ev] == [("ASSAULT", ("KEN",), ("UGA",))], ev
    # Small arms: a fight with small arms (193), only with the one fired at.
    ev = coded("Kenyan troops fired machine guns at Ugandan soldiers.")
    assert [(e[0], e[1], e[3], e[4]) for e in ev] == [
        ("ASSAULT", "193", ("KEN:MIL",), ("UGA:MIL",))], ev
    assert coded("Kenyan troops fired shots into the air.") == []


def test_firing_words_at_someone_is_no_attack() -> None:
    assert coded("Ghana fired questions at Togo.") == []
    assert coded("Ghana fired criticism at Togo over the border.") == []
    assert coded("Ama Mensah fired back at critics in Togo.") == []


def test_being_behind_an_attack_names_its_doer() -> None:
    ev = coded("Kenyan rebels were behind the attack on Ugandan soldiers.")
    assert [(e[0], e[3], e[4]) for e in ev] == [("ASSAULT", ("KEN:REB",), ("UGA:MIL",))], ev
    # Standing behind someone is support, not an attack.
    assert coded("Ghana stood behind Togo in the talks.") == []


def test_evidence_that_someone_did_it_accuses_them() -> None:
    ev = coded("Ghana says it has solid evidence proving Togo was behind the raids on its border "
               "posts.")
    assert ev[0][:2] == ("ACCUSE", "112") and ev[0][3:] == (("GHA",), ("TGO",)), ev
    # The act itself is reported, its doer the accused.
    assert [(e[0], e[2], e[3]) for e in ev[1:]] == [("ASSAULT", "reported", ("TGO",))], ev
    ev = coded("Kenya found no evidence that Uganda was behind the bombing.")
    assert ev[0][:3] == ("ACCUSE", "112", "negated"), ev
    assert all(e[2] != "asserted" for e in ev), ev
    assert coded("Scientists found evidence that the vaccine works.") == []


def test_the_one_blamed_for_an_attack_is_its_alleged_doer() -> None:
    ev = coded("Ghana blamed Togo for the bombing of its embassy.")
    assert ev[0][:2] == ("ACCUSE", "112") and ev[0][3:] == (("GHA",), ("TGO",)), ev
    assert [(e[0], e[2], e[3]) for e in ev[1:]] == [("ASSAULT", "reported", ("TGO",))], ev


def test_a_state_actor_beside_a_games_event_is_no_sports_report() -> None:
    ev = coded("Kenyan troops attacked Ugandan soldiers near the stadium during the Olympics.")
    assert [(e[0], e[3], e[4]) for e in ev] == [("ASSAULT", ("KEN:MIL",), ("UGA:MIL",))], ev
    ev = coded("Kenya invaded Uganda on the eve of the Olympic Games.")
    assert [(e[0], e[3], e[4]) for e in ev] == [("ASSAULT", ("KEN",), ("UGA",))], ev
    # Teams, captains and a country's name in a match report stay sports.
    assert coded("The Kenyan team beat Uganda at the Olympics.") == []
    assert coded("Kenya's captain attacked the referee's decision in the match against "
                 "Uganda.") == []
    assert coded("Kenya beat Uganda in the cup final.") == []
    # A result verb beside a games event is a game, whoever the source: the country itself.
    assert coded("Kenya beat Uganda at the Olympics on Sunday.") == []
    assert coded("Kenya defeated Uganda in the Olympic semifinal.") == []


def test_heading_somewhere_for_a_ceremony_is_a_visit_and_mending_ties_supports() -> None:
    ev = coded("Ama Mensah headed to Kenya for the opening of the Olympic Games.")
    assert [(e[0], e[1], e[3], e[4]) for e in ev] == [
        ("CONSULT", "042", ("person:ama-mensah",), ("KEN",))], ev
    ev = coded("Ghana sought to mend ties with Kenya.")
    assert [(e[0], e[1], e[2], e[3], e[4]) for e in ev] == [
        ("SUPPORT", "050", "hypothetical", ("GHA",), ("KEN",))], ev
    assert coded("Ama Mensah heads to the polls in Kenya.") == []


def test_evidence_presented_by_someone_in_the_passive_accuses() -> None:
    ev = coded("Evidence against Togo was presented by Ghana at the tribunal.")
    assert [(e[0], e[1], e[3], e[4]) for e in ev] == [("ACCUSE", "112", ("GHA",), ("TGO",))], ev
    # Evidence no one presents accuses no one.
    assert coded("The evidence against Togo is weak.") == []


def test_thanks_for_help_praise_the_helper() -> None:
    ev = coded("Ghana expressed appreciation for Kenya's assistance.")
    assert [(e[0], e[1], e[3], e[4]) for e in ev] == [("SUPPORT", "051", ("GHA",), ("KEN",))], ev
    ev = coded("Togo expressed its gratitude to Uganda for the aid.")
    assert ev and ev[0][:2] == ("SUPPORT", "051") and ev[0][3:] == (("TGO",), ("UGA",)), ev
    # A currency's appreciation praises no one.
    assert coded("The appreciation of the Kenyan shilling hurt Uganda.") == []


CASUALTIES = {"KEN": ["Kenyan"], "UGA": ["Uganda"], "UGA:CVL": ["Ugandan children"]}


def test_casualties_of_a_named_sides_fire_are_one_attack() -> None:
    ev = [(e.type, e.source, e.target) for e in code_sentence(
        "Four Ugandan children were killed in Kenyan tank shelling near the border.",
        CASUALTIES)]
    assert ev == [("ASSAULT", ("KEN",), ("UGA:CVL",))], ev
    ev = [(e.type, e.source) for e in code_sentence(
        "Four Ugandan children were killed by Kenyan shelling in Uganda.", CASUALTIES)]
    assert ev == [("ASSAULT", ("KEN",))], ev
    # An attack told in another clause is not what the casualties died in.
    ev = [(e.type, e.source, e.target) for e in code_sentence(
        "Four Ugandan children were killed on Monday, and Kenyan shelling went on.",
        CASUALTIES)]
    assert len(ev) == 2, ev


SANCTIONS = {"GHA": ["Ghana"], "KEN": ["Kenya", "Kenyan"], "KEN:MIL": ["Kenyan military"]}


def test_a_travel_ban_in_a_sanctions_list_is_part_of_the_sanction() -> None:
    for text in ("Ghana announced asset freezes and bans on travel to Ghana against four senior "
                 "officers in the Kenyan military.",
                 "Ghana announced sanctions against three senior officers in the Kenyan "
                 "military."):
        ev = [(e.type, e.cameo, e.source, e.target) for e in code_sentence(text, SANCTIONS)]
        assert ev == [("SANCTION", "163", ("GHA",), ("KEN:MIL",))], (text, ev)
