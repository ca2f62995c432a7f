"""Attacks and arrests whose doer the body does not name (stages/_unnamed.py), and how the store
and the exports carry an event with an empty source. Sentences are our own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsevents.pipeline import Pipeline, default_pipeline
from newsevents.records import Document, Event, RawDocument
from newsevents.store import Store


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return default_pipeline()


def _run(pipeline: Pipeline, body: str, title: str = "Violence flares in the region") -> Document:
    return pipeline(RawDocument(source="t.txt", text=f"{title}\n\n{body}\n"))


def _unnamed(doc: Document) -> list[Event]:
    title_end = doc.sentences[0].end
    return [e for e in doc.events if not e.source and e.trigger.start >= title_end]


def test_passive_killing_with_count_place_and_day(pipeline: Pipeline) -> None:
    doc = _run(pipeline, "Seven people were killed on Thursday in an attack on a bus station "
                         "in Peshawar, Pakistan.")
    [ev] = _unnamed(doc)
    assert (ev.type, ev.source, ev.target, ev.modality) == ("ASSAULT", (), ("PAK",), "asserted")
    assert ev.confidence < 0.5  # implied sides cost, as in the headline case
    assert doc.actor("PAK") is not None


def test_indefinite_bomber_and_the_named_victims(pipeline: Pipeline) -> None:
    doc = _run(pipeline, "A suicide bomber blew himself up at a checkpoint in Kandahar, "
                         "Afghanistan, killing nine.")
    [ev] = _unnamed(doc)
    assert ev.type == "ASSAULT" and ev.target == ("AFG",) and ev.cameo.startswith("18")
    doc = _run(pipeline, "A car bomb exploded near a convoy in Mogadishu, wounding four "
                         "African Union peacekeepers.")
    assert [e.type for e in _unnamed(doc)] == ["ASSAULT"]


def test_arrest_with_no_arresting_body_named(pipeline: Pipeline) -> None:
    doc = _run(pipeline, "Two men were arrested in Harare on Wednesday.",
               title="Zimbabwe press freedom")
    [ev] = [e for e in doc.events if e.type == "COERCE"]
    assert (ev.source, ev.target, ev.cameo) == ((), ("ZWE",), "173")  # do not invent police


def test_one_event_per_occurrence(pipeline: Pipeline) -> None:
    doc = _run(pipeline, "Six people were killed in an attack on a bakery in Kano, Nigeria, on "
                         "Sunday. The attack caused panic in the city. The blast was heard "
                         "across the district. A second bomb attack in Maiduguri killed three "
                         "soldiers hours later.")
    got = _unnamed(doc)
    assert len(got) == 2 and got[0].trigger.start < got[1].trigger.start
    assert "Maiduguri" in got[1].evidence.text


@pytest.mark.parametrize("body", [
    # references to an attack already told
    "After the explosion, the minister cut short his visit to Kano, Nigeria.",
    "Police in Lagos removed the cordon around the explosion area on Sunday.",
    "No group has claimed responsibility for the bombing in Kano, Nigeria.",
    "Investigators opened a probe into the blast in Lagos, Nigeria, on Monday.",
    # general statements, history, fears
    "Kidnappings are a regular event in the north of Nigeria.",
    "Nigeria has suffered a spate of attacks in recent years.",
    "Residents in Lagos fear a bombing could happen at any time.",
    # no violence done by anyone
    "Twelve people were killed in a bus crash in Kano, Nigeria, on Sunday.",
    "Three patients were detained in hospital in Lagos on Monday for observation.",
    # sports and metaphors (the stage's suppression rules)
    "The striker shot twice in the second half of the league match in Lagos on Sunday.",
])
def test_no_event_for_references_generalities_and_non_violence(pipeline: Pipeline,
                                                                body: str) -> None:
    doc = _run(pipeline, body, title="Nigeria news")
    assert [(e.type, e.trigger.text) for e in _unnamed(doc)] == []


def test_named_doer_is_left_to_the_actor_path(pipeline: Pipeline) -> None:
    doc = _run(pipeline, "Boko Haram fighters attacked a village near Maiduguri, Nigeria, on "
                         "Sunday, killing five.")
    assert any(e.type == "ASSAULT" and e.source for e in doc.events)
    assert _unnamed(doc) == []


def test_store_exports_dyads_and_clusters_take_an_empty_source(
    pipeline: Pipeline, tmp_path: Path
) -> None:
    text = ("Blast in market\n\nFive people were killed on Tuesday in an attack on a market in "
            "Quetta, Pakistan. Two men were arrested in Karachi on Wednesday.\n")
    raw = RawDocument(source="q.txt", text=text, published="2024-03-06")
    doc = pipeline(raw)
    assert {e.type for e in doc.events if not e.source} >= {"ASSAULT", "COERCE"}
    with Store(tmp_path / "s.duckdb") as s:
        assert s.add(doc)
        events = s.events()
        assert set(events["type"]) >= {"ASSAULT", "COERCE"}
        assert len(s.events(target="PAK")) >= 1
        assert not s.clusters(actor="PAK").empty
        assert s.top_dyads(10) is not None  # a lone target is a unit of its own, no error
        assert s.export(tmp_path / "p.jsonl", "plover", unit="events") >= 2
        assert s.export(tmp_path / "g.tsv", "gdelt", unit="events") >= 2
    recs = [json.loads(x) for x in (tmp_path / "p.jsonl").read_text("utf-8").splitlines()]
    attack = next(r for r in recs if r["event"] == "ASSAULT")
    assert attack["source"] == [] and attack["target"][0]["code"] == "PAK"
    rows = [r.split("\t") for r in (tmp_path / "g.tsv").read_text("utf-8").splitlines()]
    assert all(len(r) == 61 for r in rows)
