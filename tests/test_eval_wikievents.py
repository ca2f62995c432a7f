"""The WikiEvents suite: KAIROS→PLOVER table, token-offset layout and scoring on a hand-written
document (tests/resources/eval_wikievents, invented text in the files' format)."""

from __future__ import annotations

import shutil
from pathlib import Path

from newsevents.eval import run_suite
from newsevents.eval.wikievents import (
    Tally,
    lay_out,
    read_wikievents,
    score_events,
    score_story,
    type_map,
)
from newsevents.ontology import PLOVER_TYPES
from newsevents.records import Event, Evidence, Mention

FIXTURE = Path(__file__).parent / "resources" / "eval_wikievents"


def test_type_map_longest_prefix_whole_parts() -> None:
    tm = type_map()
    assert tm.plover("Conflict.Attack.DetonateExplode") == "ASSAULT"
    assert tm.plover("Conflict.Demonstrate.DemonstrateWithViolence") == "PROTEST"
    assert tm.plover("Contact.ThreatenCoerce.Broadcast") == "THREATEN"
    assert tm.plover("Justice.ArrestJailDetain.Unspecified") == "COERCE"
    # A listed subtype beats its unmapped parent, and the reverse.
    assert tm.plover("Movement.Transportation.PreventPassage") == "COERCE"
    assert tm.plover("Movement.Transportation.Evacuation") is None
    assert tm.plover("ArtifactExistence.DamageDestroyDisableDismantle.Destroy") == "ASSAULT"
    assert tm.plover("ArtifactExistence.DamageDestroyDisableDismantle.Damage") is None
    assert tm.plover("Contact.Contact.Broadcast") is None
    assert tm.plover("Life.Die.Unspecified") is None
    # Prefixes match whole dotted parts only; unknown types are unscored.
    assert tm.plover("Conflict.AttackLike.Unspecified") is None
    assert tm.plover("Unknown.Type") is None
    assert set(tm.mapped.values()) <= set(PLOVER_TYPES)
    assert not set(tm.mapped) & set(tm.unmapped)
    assert all(reason.strip() for reason in tm.unmapped.values())


def test_lay_out_restores_gaps_and_maps_glued_offsets() -> None:
    sents = [
        [[["A", 0, 1], ["b", 2, 3], [".", 3, 4]], "A b."],
        [[["C", 5, 6], [".", 6, 7]], "C."],
        [[["D", 9, 10]], "D\u00a0"],  # a trailing NBSP the tokens leave out
        [[["E", 11, 12]], "E"],
    ]
    text, given, spans, bad = lay_out(sents)
    assert text == "A b. C.\n\nD E"
    assert given == "A b.C.D\u00a0E"
    assert [given[a:b] for a, b in spans] == ["A", "b", ".", "C", ".", "D", "E"]
    assert sum(bad) == 0


def test_read_fixture_triggers_in_both_layouts() -> None:
    tm = type_map()
    roles = {"Contact.Contact.Meet": {"roles": ["Participant"]}}
    (doc,) = read_wikievents(FIXTURE / "dev.jsonl", "dev", tm, roles)
    assert doc.bad_offsets == 0
    assert doc.text.startswith("Rebels attacked the army of Arnor. Gondor met Arnor.\n\nPolice")
    got = [(g.kairos.split(".")[0], g.plover, doc.text[g.start:g.end],
            doc.given[g.given_start:g.given_end]) for g in doc.events]
    assert got == [("Conflict", "ASSAULT", "attacked", "attacked"),
                   ("Contact", "CONSULT", "met", "met"),
                   ("Justice", "COERCE", "arrested", "arrested"),
                   ("Life", None, "attacked", "attacked")]
    assert doc.events[1].agents == ("Gondor",)  # the GPE in the type's first role
    assert doc.events[0].agents == ()  # no roles given for attacks here


def _ev(type_: str, start: int, end: int) -> Event:
    return Event(id=f"{type_}{start}", type=type_, mode=None, cameo="", quad_class=0,
                 goldstein=0.0, source=(), target=(), modality="asserted",
                 evidence=Evidence("", start, end), trigger=Mention("", start, start + 1),
                 confidence=0.5)


def test_score_events_recall_detection_and_precision_proxy() -> None:
    gold = [("Conflict.Attack.Unspecified", "ASSAULT", 7, 15),
            ("Contact.Contact.Meet", "CONSULT", 42, 45),
            ("Justice.ArrestJailDetain.Unspecified", "COERCE", 61, 69),
            ("Life.Injure.Unspecified", None, 7, 15)]
    events = [_ev("ASSAULT", 0, 34),  # right type, sentence holds the trigger
              _ev("SUPPORT", 35, 52),  # wrong type: detected, not typed
              _ev("COERCE", 0, 20),  # a sentence holding the attack: detects it, wrong type
              _ev("PROTEST", 90, 120)]  # nothing annotated there: outside the proxy
    t = score_events(gold, events)
    assert (t.gold, t.typed, t.detected, t.unmapped) == (3, 1, 2, 1)
    assert (t.ours_total, t.ours_in_annotated, t.ours_right) == (4, 3, 1)
    assert t.by_type == {"ASSAULT": [1, 1], "CONSULT": [1, 0], "COERCE": [1, 0]}
    assert t.recall() == 1 / 3 and t.detect() == 2 / 3


def test_score_story_counts_distinct_types_per_document() -> None:
    judged = {"ASSAULT", "CONSULT", "COERCE"}
    t = Tally()
    # Two attack mentions and a meeting in the gold; we code one attack (twice), an arrest
    # the gold lacks, and a type the mapping cannot judge (SUPPORT: not counted either way).
    score_story(["ASSAULT", "ASSAULT", "CONSULT", None],
                [_ev("ASSAULT", 0, 9), _ev("ASSAULT", 50, 59), _ev("COERCE", 10, 19),
                 _ev("SUPPORT", 20, 29)], judged, t)
    assert (t.doc_gold, t.doc_found, t.doc_ours, t.doc_ours_right) == (2, 1, 2, 1)
    # A second document: the meeting found, nothing else coded.
    score_story(["CONSULT"], [_ev("CONSULT", 0, 9)], judged, t)
    assert t.doc_recall() == 2 / 3 and t.doc_precision() == 2 / 3
    assert Tally().doc_recall() == 0.0 and Tally().doc_precision() == 0.0


def test_suite_runs_on_fixture(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "wikievents-kairos")
    rep = run_suite("wikievents", tmp_path)
    assert rep.skipped is None
    assert rep.counts["documents"] == 1 and rep.counts["gold_scored_dev"] == 3
    assert rep.counts["gold_unmapped"] == 1 and rep.counts["token_offset_mismatches"] == 0
    assert all(0.0 <= v <= 1.0 for v in rep.metrics.values())
    assert "type_recall_test" not in rep.metrics  # an empty split reports nothing
    assert run_suite("wikievents", tmp_path / "none").skipped
