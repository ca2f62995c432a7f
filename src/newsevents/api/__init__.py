"""The read-only HTTP API and the dashboard it serves (``create_app``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newsevents.api.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    # FastAPI loads only when the app is asked for: CLI commands that import
    # newsevents.api.commands (every start) do not pay for it.
    if name == "create_app":
        from newsevents.api.app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
