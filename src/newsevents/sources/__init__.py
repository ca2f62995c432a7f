"""Readers that turn inputs (files, directories, globs, stdin, ...) into RawDocuments."""

from __future__ import annotations

from newsevents.sources.files import KINDS, read_inputs

__all__ = ["KINDS", "read_inputs"]
