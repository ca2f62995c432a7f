"""The read-only HTTP API and the dashboard it serves (``create_app``)."""

from __future__ import annotations

from newsevents.api.app import create_app

__all__ = ["create_app"]
