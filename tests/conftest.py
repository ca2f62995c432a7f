"""Shared fixtures: paths to the optional gold data, and the default pipeline (session-scoped)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.pipeline import Pipeline, default_pipeline

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
RESOURCES = Path(__file__).resolve().parent / "resources"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test saying why."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} is not present (gold data and seed live in ../shared; CI has them)")
    return p


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return default_pipeline()
