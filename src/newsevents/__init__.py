"""newsevents: turn news articles into a queryable database of political events.

For notebooks::

    import newsevents
    doc = newsevents.extract(text, published="2024-10-23")
    store = newsevents.Store("events.duckdb", read_only=True)
    store.dyad("IRN", "RUS", freq="month")
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from newsevents.records import Document, RawDocument

if TYPE_CHECKING:
    from newsevents.store import Store

__all__ = ["Document", "Store", "extract"]

def extract(
    text_or_html: str,
    *,
    published: str | date | None = None,
    title: str | None = None,
    url: str | None = None,
) -> Document:
    """Run the default pipeline on one article given as plain text or HTML.

    ``published`` (an ISO date or a ``date``) is used as the publication date when the article
    does not say. Raises :class:`newsevents.errors.InputError` for an empty or unreadable article.
    """
    from newsevents.pipeline import default_pipeline
    from newsevents.sources.objects import looks_like_html

    # The same sniffing rule as the file and JSON readers, so a string behaves like a file.
    is_html = looks_like_html(text_or_html)
    pub = published.isoformat() if isinstance(published, date) else published
    raw = RawDocument(
        source=url or "<string>",
        text=None if is_html else text_or_html,
        html=text_or_html if is_html else None,
        url=url,
        title=title,
        published=pub,
    )
    return default_pipeline()(raw)


def __getattr__(name: str) -> Any:
    # Store pulls in DuckDB and pandas; load them only when a notebook asks for the store.
    if name == "Store":
        from newsevents.store import Store

        return Store
    raise AttributeError(f"module 'newsevents' has no attribute {name!r}")
