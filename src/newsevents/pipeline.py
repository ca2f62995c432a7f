"""The pipeline: an ordered list of stages, each a callable ``Document -> Document``.

Like spaCy's ``Language``, a stage declares what it assigns; ``Pipeline.pipe`` streams documents
and turns one article's failure into a :class:`Failure` record, so a bad article never stops a
batch. Runners (local, Dask) only map ``Pipeline.pipe`` over batches.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from newsevents.errors import InputError, NewsEventsError, StageError
from newsevents.records import Document, RawDocument


class Stage(Protocol):
    """One step of the pipeline. ``name`` appears in errors and timings."""

    name: str

    def __call__(self, doc: Document) -> Document: ...


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be processed, with a message that names it."""

    source: str
    message: str


class Pipeline:
    def __init__(self, stages: Iterable[Stage]) -> None:
        self.stages: list[Stage] = list(stages)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, raw: RawDocument) -> Document:
        """Process one article; raises :class:`InputError` or :class:`StageError`."""
        doc = Document(raw=raw)
        for stage in self.stages:
            t0 = time.perf_counter()
            try:
                doc = stage(doc)
            except NewsEventsError:
                raise
            except Exception as exc:  # a bug in a stage: name it, keep the batch going
                raise StageError(stage.name, raw.source, exc) from exc
            doc.timings[stage.name] = doc.timings.get(stage.name, 0.0) + (
                time.perf_counter() - t0
            )
        return doc

    def pipe(self, raws: Iterable[RawDocument | Failure]) -> Iterator[Document | Failure]:
        """Stream documents through the stages; failures are yielded, not raised."""
        for raw in raws:
            if isinstance(raw, Failure):
                yield raw
                continue
            try:
                yield self(raw)
            except InputError as exc:
                yield Failure(raw.source, str(exc))
            except NewsEventsError as exc:
                yield Failure(raw.source, str(exc))


@cache
def default_pipeline() -> Pipeline:
    """The embedded default: rules and data files only, no model downloads (the shipped model
    joins when ``NEWSEVENTS_MODEL=1``)."""
    from newsevents.stages import actors, clean, dates, events, metadata, places, sentences

    stages: list[Stage] = [
        clean.Clean(),
        metadata.Metadata(),
        sentences.Sentences(),
        actors.Actors(),
        events.Events(),
        dates.Dates(),
        places.Places(),
    ]
    # Opt-in: NEWSEVENTS_MODEL=1 adds the shipped NER model's persons and organisations after
    # the rule actors (needs the `model` extra; see newsevents.stages.model_ner).
    if os.environ.get("NEWSEVENTS_MODEL") == "1":
        from newsevents.stages.model_ner import ModelActors

        stages.insert(4, ModelActors())
    return Pipeline(stages)

