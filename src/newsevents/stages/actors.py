"""Placeholder for the actors stage (being written)."""

from __future__ import annotations

from newsevents.records import Document


class Actors:
    name = "actors"

    def __call__(self, doc: Document) -> Document:
        return doc
