"""The notebook API: ``newsevents.extract`` and ``newsevents.Store``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import newsevents
from newsevents import pipeline
from newsevents.pipeline import Pipeline
from newsevents.records import Document


class _Keep:
    name = "keep"

    def __call__(self, doc: Document) -> Document:
        return doc


@pytest.fixture
def raw_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "default_pipeline", lambda: Pipeline([_Keep()]))


@pytest.mark.usefixtures("raw_only")
def test_extract_sniffs_html_and_passes_metadata() -> None:
    doc = newsevents.extract("<html><body><p>Iran and Russia met.</p></body></html>",
                             published=date(2024, 10, 23), title="T", url="https://x.test/a")
    assert doc.raw.html is not None and doc.raw.text is None
    assert (doc.raw.published, doc.raw.title, doc.raw.source) == ("2024-10-23", "T",
                                                                  "https://x.test/a")
    text = newsevents.extract("Iran and Russia met in Kazan. 3 < 4 is true.")
    assert text.raw.text is not None and text.raw.html is None
    assert text.raw.source == "<string>"


def test_public_names(tmp_path: Path) -> None:
    assert set(newsevents.__all__) == {"Document", "Store", "extract"}
    with newsevents.Store(tmp_path / "s.duckdb") as store:
        assert store.stats()["articles"] == 0
