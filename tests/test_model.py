"""The shipped NLP model: loading, the prefilter, model actors merged after the rule actors,
dependency hints, and the two eval suites on small slices (skips without spaCy)."""

from __future__ import annotations

import pytest

from newsevents import nlp
from newsevents.errors import MissingExtraError
from newsevents.records import Actor, Article, Document, Mention, RawDocument, Sentence
from newsevents.stages.model_ner import Entity, may_hold_event, merge_actors
from tests.conftest import shared_path


def _doc(text: str, actors: tuple[Actor, ...] = ()) -> Document:
    sents = []
    start = 0
    for part in text.split("\n"):
        sents.append(Sentence(start, start + len(part), part))
        start += len(part) + 1
    return Document(raw=RawDocument(source="t", text=text),
                    article=Article(id="a", source="t", text=text, language="en"),
                    sentences=tuple(sents), actors=actors)


def test_prefilter() -> None:
    assert may_hold_event("Iran and Russia signed an agreement on gas.")
    assert may_hold_event("Troops attacked the village at dawn.")  # a trigger word
    assert not may_hold_event("it was a sunny day and we went to the beach.")
    assert not may_hold_event("Yes " * 1000)  # too long for a sentence


def test_merge_keeps_rule_actors_and_links_surnames() -> None:
    iran = Actor("IRN", "Iran", "country", "IRN", mentions=(Mention("Iran", 0, 4),))
    text = "Iran hosted Farid Kazemi of Parsa Holdings. Kazemi spoke."
    found = [
        Entity("LOC", "Iran", 0, 4),  # a rule actor's span: the rules win
        Entity("PER", "Farid Kazemi", 12, 24),
        Entity("ORG", "Parsa Holdings", 28, 42),
        Entity("PER", "Kazemi", 44, 50),  # surname of a person found above
        Entity("PER", "the", 0, 3),  # no capital letter: dropped
    ]
    assert text[12:24] == "Farid Kazemi" and text[44:50] == "Kazemi"
    out = {a.id: a for a in merge_actors((iran,), found)}
    assert set(out) == {"IRN", "person:farid-kazemi", "org:parsa-holdings"}
    assert [m.text for m in out["person:farid-kazemi"].mentions] == ["Farid Kazemi", "Kazemi"]
    assert out["org:parsa-holdings"].kind == "organization"
    assert out["IRN"] is iran


def test_missing_spacy_gives_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real = builtins.__import__

    def no_spacy(name: str, *args: object, **kw: object) -> object:
        if name == "spacy" or name.startswith("spacy."):
            raise ImportError("no spacy")
        return real(name, *args, **kw)  # type: ignore[arg-type]

    nlp._load.cache_clear()
    monkeypatch.setattr(builtins, "__import__", no_spacy)
    try:
        assert not nlp.available()
        with pytest.raises(MissingExtraError, match=r"pip install -e '\.\[model\]'"):
            nlp.load_model()
    finally:
        monkeypatch.undo()
        nlp._load.cache_clear()


spacy = pytest.importorskip("spacy")
needs_model = pytest.mark.skipif(not nlp.available(), reason="shipped model not built")


@needs_model
def test_model_finds_unknown_people_and_parses() -> None:
    from newsevents.stages.model_ner import ModelActors, argument_hints, entities

    text = ("Police arrested Tomasz Wierzbicki, a spokesman for Gdansk Shipyard Workers Union, "
            "on Tuesday.\nThe weather was fine.")
    doc = _doc(text)
    ents = entities(doc)
    assert all(text[e.start:e.end] == e.text for e in ents)
    assert any(e.label == "PER" and "Wierzbicki" in e.text for e in ents)
    out = ModelActors()(doc)
    assert any(a.kind == "person" and "wierzbicki" in a.id for a in out.actors)
    hints = argument_hints(doc)
    arrest = [h for h in hints if text[h.verb[0]:h.verb[1]] == "arrested"]
    assert arrest and arrest[0].subject is not None
    assert text[arrest[0].subject[0]:arrest[0].subject[1]] == "Police"
    assert arrest[0].object is not None and "Wierzbicki" in text[slice(*arrest[0].object)]


@needs_model
def test_passive_clause_swaps_roles() -> None:
    from newsevents.stages.model_ner import argument_hints

    text = "The convoy was attacked by rebels near the border."
    hints = [h for h in argument_hints(_doc(text)) if h.passive]
    assert hints, "the parser should mark the passive subject"
    h = hints[0]
    assert h.object is not None and text[slice(*h.object)] == "The convoy"
    assert h.subject is not None and "rebels" in text[slice(*h.subject)]


@needs_model
def test_shipped_model_size_and_card() -> None:
    path = nlp.model_path()
    size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    assert size <= 40 * 1000 * 1000
    card = (path / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in card


@pytest.mark.slow
@needs_model
def test_eval_suites_on_a_slice() -> None:
    from newsevents.eval import run_suite

    data = shared_path("data")
    ud = run_suite("ud", data, limit=150)
    assert ud.skipped is None and ud.metrics["uas"] > 0.7
    ner = run_suite("uner-model", data, limit=15)
    assert ner.skipped is None
    assert ner.metrics["f1"] > 0.4
    assert ner.metrics["combined_f1"] >= ner.metrics["rules_f1"] - 0.05
