"""Placeholder for the events stage (being written)."""

from __future__ import annotations

from newsevents.records import Document


class Events:
    name = "events"

    def __call__(self, doc: Document) -> Document:
        return doc
