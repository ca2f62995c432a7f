"""Argument structure of events: objects inside noun phrases, coordination, passives, pronoun
subjects across sentences, and the petrarch scorer's verb-code classification."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from newsevents.eval import _petrarch as petr
from newsevents.eval.coding import _event_sides, plover_type
from newsevents.pipeline import default_pipeline
from newsevents.records import Article, Document, Event, RawDocument
from newsevents.stages import sentences
from newsevents.stages._arguments import (
    build_slots,
    group_left,
    object_phrase,
    pronoun_fits,
    pronoun_subject,
)
from newsevents.stages.events import Events, code_sentence, find_actors

COUNTRIES = {
    "ARN": ["Arnor"], "GON": ["Gondor"], "OSG": ["Osgiliath"], "FOR": ["Fornost"],
    "PRK": ["Pyongyang", "North Korea"], "KOR": ["Seoul"], "RUS": ["Russia", "Russian"],
    "IRN": ["Iran", "Iranian"], "TUR": ["Turkey"], "ISR": ["Israel"], "EGY": ["Egypt"],
    "CAL:GOV": ["Calenardhon government"], "OSG:MIL": ["Osgiliath soldiers"],
}


def code(text: str) -> tuple[Event, ...]:
    spec: dict[str, Iterable[str]] = {
        k: v for k, v in COUNTRIES.items() if any(s in text for s in v)}
    return code_sentence(text, spec)


def pairs(events: tuple[Event, ...], etype: str) -> set[tuple[tuple[str, ...], tuple[str, ...]]]:
    return {(e.source, e.target) for e in events if e.type == etype}


@pytest.mark.parametrize(
    ("gap", "ok"),
    [
        (" restore full diplomatic ties with ", True),
        (" a resumption of formal diplomatic ties between ", True),
        (" an attack by ", True),
        (" two artillery shells at ", True),
        (" the closure of guest houses in ", False),  # "in" is a place, not a target
        (" that the talks with ", False),  # a new clause
        (" troops to fight with ", False),  # an infinitive starts another verb
        (", the ties with ", False),
        (" with ", False),  # a bare preposition is the verb's own, not a phrase
    ],
)
def test_object_phrase(gap: str, ok: bool) -> None:
    assert object_phrase(gap) is ok


def test_target_inside_the_object_phrase() -> None:
    events = code("Arnor welcomed a resumption of formal diplomatic ties with Osgiliath.")
    assert (("ARN",), ("OSG",)) in pairs(events, "SUPPORT"), events


def test_target_between_two_names_is_both() -> None:
    events = code("Fornost welcomed the resumption of ties between Gondor and Osgiliath.")
    assert (("FOR",), ("GON", "OSG")) in pairs(events, "SUPPORT"), events


def test_condemned_attack_targets_the_attacker() -> None:
    events = code("The Calenardhon government condemned an attack by Osgiliath soldiers.")
    assert (("CAL:GOV",), ("OSG:MIL",)) in pairs(events, "ACCUSE"), events


def test_fired_shells_at_a_capital() -> None:
    events = code("Pyongyang on Thursday fired two artillery shells at Seoul.")
    assert (("PRK",), ("KOR",)) in pairs(events, "ASSAULT"), events


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Fornost and the evil awful Gondor welcomed the resumption of ties with Osgiliath.",
         ("FOR", "GON")),
        ("Arnor, the awful Fornost, and good Gondor welcomed ties with Osgiliath.",
         ("ARN", "FOR", "GON")),
        ("Russia and Iran called on Turkey to act.", ("RUS", "IRN")),
    ],
)
def test_compound_subject_with_modifiers(text: str, source: tuple[str, ...]) -> None:
    events = code(text)
    assert any(e.source == source for e in events), events


def test_verb_after_and_is_not_a_modifier() -> None:
    text = "Russia and attacked Iran."
    acts = find_actors(text, {"RUS": ["Russia"], "IRN": ["Iran"]})
    slots = build_slots(text, 0, [(m.start, m.end, a) for a in acts for m in a.mentions])
    assert group_left(slots, 1, text) == [1]


def test_passive_by_agent() -> None:
    events = code("Egypt was attacked by Israel on Monday.")
    assert (("ISR",), ("EGY",)) in pairs(events, "ASSAULT"), events


def test_reported_speech_keeps_the_actor_of_the_inner_clause() -> None:
    events = code("Iran said Israel attacked Egypt.")
    hit = [e for e in events if e.type == "ASSAULT"]
    assert hit and hit[0].source == ("ISR",) and hit[0].target == ("EGY",), events
    assert hit[0].modality == "reported"


def test_several_events_in_one_sentence() -> None:
    events = code("Russia condemned Israel and attacked Egypt.")
    assert (("RUS",), ("ISR",)) in pairs(events, "ACCUSE"), events
    assert (("RUS",), ("EGY",)) in pairs(events, "ASSAULT"), events


def test_pronoun_subject_rules() -> None:
    assert pronoun_subject("He ") == "he" and pronoun_subject("She later ") == "she"
    assert pronoun_subject("The minister ") is None
    assert pronoun_fits("he", ["person"]) and not pronoun_fits("he", ["country"])
    assert pronoun_fits("it", ["country"]) and pronoun_fits("they", ["country", "country"])


def test_event_spread_over_two_sentences() -> None:
    text = "Iran's foreign minister Abbas Araghchi arrived in Ankara. He met Turkey's president."
    acts = find_actors(text, {"person:abbas-araghchi": ["Abbas Araghchi"],
                              "TUR": ["Ankara", "Turkey"]})
    art = Article(id="a", source="t", text=text)
    doc = Document(raw=RawDocument(source="t", text=text), article=art,
                   sentences=tuple(sentences.split(text)), actors=acts)
    met = [e for e in Events()(doc).events if e.trigger.text.startswith("met")]
    assert met and met[0].source == ("person:abbas-araghchi",), met
    assert met[0].target == ("TUR",)


def test_pronoun_of_the_wrong_kind_is_not_carried() -> None:
    text = "Iran arrived at a decision on Monday. He met Turkey."
    acts = find_actors(text, {"IRN": ["Iran"], "TUR": ["Turkey"]})
    art = Article(id="a", source="t", text=text)
    doc = Document(raw=RawDocument(source="t", text=text), article=art,
                   sentences=tuple(sentences.split(text)), actors=acts)
    assert all(e.source != ("IRN",) for e in Events()(doc).events
               if e.trigger.text.startswith("met"))


def test_history_retrospective_is_dated_in_the_past() -> None:
    # A war recalled in a story is not today's event: it carries the year it happened.
    raw = RawDocument(source="t", text="In 1980, Iraq invaded Iran, historians recalled.",
                      published="2024-10-22")
    (doc,) = list(default_pipeline().pipe([raw]))
    assert isinstance(doc, Document)
    invaded = [e for e in doc.events if e.type == "ASSAULT"]
    assert invaded and invaded[0].date is not None and invaded[0].date.year == 1980


# -- the petrarch scorer ------------------------------------------------------------------------

VALIDATION_VERBS = """<!-- a KEDS-era dictionary: WEIS codes -->
--- WELCOME  [041] ---
WELCOME

--- ATTACK  [193] ---
ATTACK
- * SHIPS  [223]

--- FIRE  [194] ---
FIRE
"""
CAMEO_VERBS = """####### VERB PATTERNS #######
---  PRAISE   [051]  ---
WELCOME
COMMEND

---  FIGHT   [190]  ---
ATTACK
STRIKE {STRIKES STRUCK STRIKING}

---  SHOOT   [---]  ---
FIRE
- * ARTILLERY  [194]
"""


def test_verb_consistency(tmp_path: Path) -> None:
    (tmp_path / "v.txt").write_text(VALIDATION_VERBS)
    (tmp_path / "c.txt").write_text(CAMEO_VERBS)
    val = petr.read_verb_blocks(tmp_path / "v.txt")
    cam = petr.forms_index(petr.read_verb_blocks(tmp_path / "c.txt"))
    assert "STRUCK" in cam and "WELCOMED" in cam

    def kind(text: str, code: str) -> str:
        s = petr.PetrSentence(id="x", date=None, category="", text=text)
        return petr.verb_consistency(s, code, val, cam, plover_type)

    # WEIS 041 (praise) read as CAMEO 041 (telephone) is CONSULT; CAMEO's welcome is SUPPORT.
    assert kind("Arnor welcomed Gondor.", "041") == "other-codes"
    # Its 193 and CAMEO's 190 for the same verb are both ASSAULT.
    assert kind("Arnor attacked Gondor.", "193") == "cameo"
    assert kind("Arnor fired at Gondor.", "194") == "cameo"  # from CAMEO's patterns
    assert kind("Arnor met Gondor.", "031") == "unresolved"


def test_joint_source_stands_for_both_directions() -> None:
    text = "Gondor and Osgiliath renewed diplomatic ties."
    events = code(text)
    acts = find_actors(text, {"GON": ["Gondor"], "OSG": ["Osgiliath"]})
    doc = Document(raw=RawDocument(source="t", text=text), actors=acts, events=events)
    sides = [(src, tgt) for e, src, tgt in _event_sides(doc, {}) if e.type == "SUPPORT"]
    assert ({"GON"}, {"OSG"}) in sides and ({"OSG"}, {"GON"}) in sides, sides


def test_coordination_through_an_of_phrase_head() -> None:
    # "Ithilen and the government of Gondor": the second conjunct is the head of an of-phrase.
    from newsevents.stages._arguments import _coordinated

    assert _coordinated(" and the government of ", False)
    assert _coordinated(" and the evil awful ", False)
    assert not _coordinated(" and the killing of ", False)  # a verb form, not a name's head
    assert not _coordinated(" said in ", False)



@pytest.mark.parametrize(
    ("text", "etype", "source", "target"),
    [
        ("Arnor is about to restore, it seems, complete, full diplomatic ties with Gondor.",
         "SUPPORT", ("ARN",), ("GON",)),
        ("Arnor restored complete, full diplomatic ties with Gondor.",
         "SUPPORT", ("ARN",), ("GON",)),
        ("Arnor and Gondor agree that the dispute should go to arbitration.",
         "AGREE", ("ARN", "GON"), ()),
        ("Arnor contributed a million dollars to Gondor.", "AID", ("ARN",), ("GON",)),
        ("The ambassadors of Arnor and Fornost presented their credentials to Gondor.",
         "CONSULT", ("ARN", "FOR"), ("GON",)),
        ("Russian troops sealed off the roads into Gondor.", "COERCE", ("RUS",), ("GON",)),
    ],
)
def test_triggers_the_lexicon_lacked(
        text: str, etype: str, source: tuple[str, ...], target: tuple[str, ...]) -> None:
    assert (source, target) in pairs(code(text), etype)


@pytest.mark.parametrize(
    "text",
    [
        "Russia, to that end, gives military support to Iran.",  # a comma is no parenthetical
        "The cuts hit Russia's protection, assistance and relief work.",
    ],
)
def test_comma_does_not_join_a_verb_to_a_later_object(text: str) -> None:
    assert not pairs(code(text), "SANCTION")


def _slots_of(text: str, spec: dict[str, Iterable[str]],
              sectors: dict[str, str] | None = None) -> list[tuple[tuple[str, ...], str]]:
    from dataclasses import replace as _replace

    acts = [_replace(a, sector=(sectors or {}).get(a.id, a.sector))
            for a in find_actors(text, spec, {"org:msf": "organization", "org:oxfam":
                                              "organization", "CAL": "country"})]
    mentions = [(m.start, m.end, a) for a in acts for m in a.mentions]
    return [(s.ids, s.text) for s in build_slots(text, 0, mentions)]


def test_ngo_national_section_is_the_ngo() -> None:
    text = "MSF Arnor is about to restore ties with Gondor."
    slots = _slots_of(text, {"org:msf": ["MSF"], "ARN": ["Arnor"], "GON": ["Gondor"]},
                      {"org:msf": "NGO"})
    assert [ids for ids, _ in slots] == [("org:msf",), ("GON",)]
    # a country after an organisation that is not an NGO, or after a comma, stays
    text = "Oxfam, Arnor and Gondor met."
    slots = _slots_of(text, {"org:oxfam": ["Oxfam"], "ARN": ["Arnor"], "GON": ["Gondor"]},
                      {"org:oxfam": "NGO"})
    assert ("ARN",) in [ids for ids, _ in slots]


def test_possessive_country_title_name_is_the_country() -> None:
    text = "Ithilen's awful and evil minister Calimehtar warned Gondor."
    slots = _slots_of(text, {"ITH": ["Ithilen"], "CAL": ["Calimehtar"], "GON": ["Gondor"]})
    assert slots[0] == (("ITH",), "Ithilen's awful and evil minister Calimehtar")
    # "Japan's security cooperation with India": no title, two actors
    text = "Japan's security cooperation with India grew."
    slots = _slots_of(text, {"JPN": ["Japan"], "IND": ["India"]})
    assert [ids for ids, _ in slots] == [("JPN",), ("IND",)]


def test_leaving_for_a_capital_for_talks_is_a_visit() -> None:
    evs = code("Arnor's premier left for Osgiliath on Monday for talks with Gondor.")
    assert (("ARN",), ("OSG",)) in pairs(evs, "CONSULT")
    assert not pairs(code("Thousands of people from Arnor left for Gondor."), "CONSULT")


def test_a_deadline_by_is_no_passive_agent() -> None:
    from newsevents.stages._arguments import is_passive

    def passive(text: str, trigger: str) -> bool:
        start = text.index(trigger)
        return is_passive(text, start, start + len(trigger), trigger)

    # "by the end of May", "by Friday", "by 2030" set a deadline: the subject stays the doer.
    assert not passive("Egypt will free 40 prisoners by the end of May.", "free 40 prisoners")
    assert not passive("Turkey vowed to withdraw its troops by Friday.", "withdraw its troops")
    assert not passive("Iran must return the tanker by 2030, they said.", "return the tanker")
    # An agent still makes a passive, after a time word too.
    assert passive("The convoy was shelled by Russian forces.", "shelled")
    assert passive("The town shelled overnight by Russian forces burned.", "shelled")
