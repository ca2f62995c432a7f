"""Placeholder for the metadata stage (being written)."""

from __future__ import annotations

from newsevents.records import Document


class Metadata:
    name = "metadata"

    def __call__(self, doc: Document) -> Document:
        return doc
