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
