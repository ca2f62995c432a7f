"""A participial clause with no subject of its own takes its main clause's subject as the
doer ("X struck the town, killing twelve"; "Seeking to mend ties, X called Y")."""

from __future__ import annotations

from newsevents.stages.events import code_sentence

SPEC = {"GHA": ["Ghana", "Ghanaian"], "TGO": ["Togo", "Togolese"], "KEN": ["Kenya", "Kenyan"],
        "UGA": ["Uganda", "Ugandan"], "KEN:MIL": ["Kenyan troops", "Kenyan jets"],
        "UGA:MIL": ["Ugandan soldiers"], "TGO:GOV": ["Togolese president"],
        "GHA:GOV": ["Ghana's foreign minister"], "person:ama-mensah": ["Ama Mensah"],
        "group:civilians": ["civilians"]}


def coded(text: str) -> list[tuple[str, tuple[str, ...], tuple[str, ...], str]]:
    return [(e.type, e.source, e.target, e.trigger.text) for e in code_sentence(text, SPEC)]


def test_a_trailing_participle_takes_the_main_subject() -> None:
    ev = coded("The Ghanaian commander held talks with the Togolese president on Wednesday, "
               "offering further military support to Togo.")
    assert [(e[0], e[1], e[2]) for e in ev] == [
        ("CONSULT", ("GHA",), ("TGO:GOV",)), ("AGREE", ("GHA",), ("TGO",))], ev
    ev = coded("Ama Mensah travelled to Kenya on Friday, seeking to mend ties with Togo.")
    assert ("SUPPORT", ("person:ama-mensah",), ("TGO",)) in [(e[0], e[1], e[2]) for e in ev], ev
    ev = coded("Kenyan troops held talks with Togo, killing twelve civilians.")
    assert ("ASSAULT", ("KEN:MIL",), ("group:civilians",)) in [(e[0], e[1], e[2]) for e in ev], ev
    # A same-type act of the same doer before it: the participle tells it again, and the
    # sentence keeps the named attack.
    ev = coded("Kenyan troops attacked Ugandan soldiers, killing twelve civilians.")
    assert ("ASSAULT", ("KEN:MIL",), ("UGA:MIL",)) in [(e[0], e[1], e[2]) for e in ev], ev


def test_coordinated_subjects_and_receivers() -> None:
    ev = coded("Kenya and Uganda signed a deal on Monday, pledging aid to Togo.")
    assert ("AGREE", ("KEN", "UGA"), ("TGO",)) in [(e[0], e[1], e[2]) for e in ev], ev
    # The main subject receives: the giver stays the source.
    ev = coded("Ghana hosted a summit on Monday, receiving aid from Togo.")
    assert ("AID", ("TGO",), ("GHA",)) in [(e[0], e[1], e[2]) for e in ev], ev


def test_a_leading_participle_takes_the_subject_after_it() -> None:
    ev = coded("Accusing Togo of harbouring rebels, Ghana closed the border.")
    assert ev[0][:3] == ("ACCUSE", ("GHA",), ("TGO",)), ev
    ev = coded("Seeking to mend ties with Togo, Ghana's foreign minister called Kenya.")
    assert ev[0][:3] == ("SUPPORT", ("GHA:GOV",), ("TGO",)), ev


def test_no_doer_for_noun_modifiers_prepositions_quotes_and_subordinate_clauses() -> None:
    # A participle modifying a noun: the men, not the sentence subject, attack.
    ev = coded("Kenyan troops patrolled the border, including men carrying weapons and "
               "attacking Ugandan soldiers.")
    assert [(e[0], e[1]) for e in ev] == [("ASSAULT", ())], ev
    ev = coded("Ghana condemned the raid, according to officials who accused Togo.")
    assert all(e[1] == () for e in ev if e[0] == "ACCUSE" and e[2] == ("TGO",)), ev
    ev = coded('"We struck the town, killing twelve civilians," Kenya said.')
    assert [e[1] for e in ev if e[3] == "killing"] == [()], ev
    ev = coded("While Kenyan troops shelled the town, killing twelve civilians, Uganda held "
               "talks with Togo.")
    assert [e[1] for e in ev if e[3] == "killing"] == [()], ev
    # A reported clause: its own subject, not the speaker, may be the doer.
    ev = coded("Ghana said Kenyan troops attacked the town, killing twelve civilians.")
    assert [e[1] for e in ev if e[3] == "killing"] == [()], ev
