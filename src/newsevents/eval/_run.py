"""Running pipeline stages on gold text whose offsets must stay put (shared by the suites).

Gold sets give plain text with character offsets, so the suites build the ``Article`` from the
gold text themselves and run the default pipeline's stages after ``metadata`` on it: the clean
stage would remove lines it takes for boilerplate and shift every offset.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from newsevents.pipeline import Stage, default_pipeline
from newsevents.records import Article, Document, RawDocument, stable_id

# Stages that turn a raw input into an Article; the suites that start from text skip them.
INPUT_STAGES = ("clean", "metadata")


def text_stages(names: Sequence[str] | None = None) -> list[Stage]:
    """The default pipeline's stages after ``metadata`` (or only those named, in order)."""
    stages = [s for s in default_pipeline().stages if s.name not in INPUT_STAGES]
    if names is not None:
        stages = [s for s in stages if s.name in names]
    return stages


@dataclass(slots=True)
class StageRunner:
    """Runs stages on one document at a time and counts, rather than raises, stage failures."""

    stages: list[Stage]
    failures: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def run(self, doc: Document) -> Document:
        t0 = time.perf_counter()
        for stage in self.stages:
            try:
                doc = stage(doc)
            except Exception as exc:  # one bad item must not stop a measurement
                self.failures += 1
                if len(self.errors) < 5:
                    self.errors.append(
                        f"{doc.raw.source}: {stage.name}: {type(exc).__name__}: {exc}")
                break
        self.seconds += time.perf_counter() - t0
        return doc

    def on_text(
        self,
        text: str,
        source: str,
        *,
        published: date | None = None,
        title: str | None = None,
    ) -> Document:
        """Run the stages on ``text`` as the article text (offsets index into ``text``)."""
        raw = RawDocument(source=source, text=text, title=title,
                          published=published.isoformat() if published else None)
        article = Article(
            id=stable_id("art", source, text),
            source=source,
            text=text,
            title=title,
            published=published,
            published_basis="given" if published else "none",
            language="en",
        )
        return self.run(Document(raw=raw, article=article))

    def notes(self) -> list[str]:
        if not self.failures:
            return []
        return [f"{self.failures} stage failure(s), e.g. " + "; ".join(self.errors[:2])]
