"""Placeholder for the places stage (being written)."""

from __future__ import annotations

from newsevents.records import Document


class Places:
    name = "places"

    def __call__(self, doc: Document) -> Document:
        return doc
