"""Placeholder for the dates stage (being written)."""

from __future__ import annotations

from newsevents.records import Document


class Dates:
    name = "dates"

    def __call__(self, doc: Document) -> Document:
        return doc
