"""Runners map the pipeline over inputs and write to the store (``local`` on this machine)."""

from __future__ import annotations

from newsevents.runners.local import ingest, ingest_raw

__all__ = ["ingest", "ingest_raw"]
