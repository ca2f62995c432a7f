"""Placeholder for the clean stage (being written)."""

from __future__ import annotations

from newsevents.records import Document


class Clean:
    name = "clean"

    def __call__(self, doc: Document) -> Document:
        return doc
