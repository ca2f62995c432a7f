"""Event confidence: the formula's ordering and its use by the events stage."""

from __future__ import annotations

from newsevents.records import Article, Document, RawDocument
from newsevents.stages import sentences as _sentences
from newsevents.stages._confidence import CAP, event_confidence
from newsevents.stages.events import Events, find_actors, headline_events


def _conf(strength: float = 0.85, *, headline: bool = False, sources: int = 1, targets: int = 1,
          distance: int = 0, modality: str = "asserted", cue: bool = False,
          roles: float = 1.0) -> float:
    return event_confidence(strength, headline=headline, sources=sources, targets=targets,
                            distance=distance, modality=modality, cue=cue, roles=roles)


def test_factors_order_confidence() -> None:
    both = _conf()
    assert _conf(headline=True) > both
    assert _conf(0.6) < both
    assert _conf(targets=0) < both
    assert _conf(sources=0) < _conf(sources=2, targets=0) < _conf(targets=0)
    assert _conf(distance=6) < both
    assert _conf(modality="negated") < 0.5 * both
    assert _conf(cue=True) < both and _conf(roles=0.95) < both
    assert _conf(1.0, headline=True) == CAP


def _doc(text: str, title: str) -> Document:
    acts = find_actors(text, {"IRN": ["Iran"], "ISR": ["Israel"]})
    art = Article(id="t", source="t", text=text, title=title)
    return Document(raw=RawDocument(source="t", text=text), article=art,
                    sentences=tuple(_sentences.split(text)), actors=acts)


def test_headline_event_more_confident_than_body_copy() -> None:
    title = "Israel attacks Iran"
    text = f"{title}\n\nOn Monday Israel attacked Iran again, officials said it was over."
    doc = _doc(text, title)
    head = headline_events(doc)
    body = [e for e in Events()(doc).events if e.trigger.start > len(title)]
    assert head and body
    assert head[0].type == body[0].type == "ASSAULT"
    assert head[0].confidence > body[0].confidence
    assert 0.0 < body[0].confidence <= CAP
