"""JSON objects (from .json or .jsonl inputs) to RawDocuments, accepting common field aliases."""

from __future__ import annotations

import re
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any

from newsevents.errors import InputError
from newsevents.records import RawDocument

# First alias present (with a non-empty string) wins, so the canonical names come first.
TEXT_KEYS = ("text", "content", "body", "article", "maintext", "plain_text", "full_text")
HTML_KEYS = ("html", "raw_html", "content_html", "body_html")
URL_KEYS = ("url", "link", "uri", "href")
TITLE_KEYS = ("title", "headline")
PUBLISHED_KEYS = (
    "published", "date", "published_at", "publish_date", "date_publish", "datePublished",
    "pubDate", "publication_date", "pub_date", "timestamp",
)  # fmt: skip
FEED_KEYS = ("feed",)

# Dumps often put HTML in a "content"/"body" field; treat it as HTML when it clearly is.
_LOOKS_HTML = re.compile(
    r"^\s*(?:<!doctype html|<html\b|<body\b|<(?:p|div|article|section|h[1-6]|main)\b[^>]*>)",
    re.IGNORECASE,
)


def looks_like_html(text: str) -> bool:
    return bool(_LOOKS_HTML.match(text[:2048]))


def _first(obj: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for k in keys:
        v = obj.get(k)
        if isinstance(v, str) and v.strip():
            return v
    return None


def normalise_published(value: str | None) -> str | None:
    """ISO date (YYYY-MM-DD) for ISO 8601 and RFC 2822 strings; other strings are kept as given
    (the metadata stage tries harder and says so if it cannot read them)."""
    if value is None:
        return None
    s = value.strip()
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return s


def from_object(source: str, obj: Any, feed: str | None = None) -> RawDocument:
    """One article from a decoded JSON value; raises InputError naming ``source``."""
    if not isinstance(obj, dict):
        raise InputError(
            source,
            f"expected a JSON object, got {type(obj).__name__}",
            'give one object per article, e.g. {"text": "...", "url": "...", "title": "..."}',
        )
    html = _first(obj, HTML_KEYS)
    text = _first(obj, TEXT_KEYS) if html is None else None
    if text is not None and looks_like_html(text):
        html, text = text, None
    if html is None and text is None:
        blank = [k for k in (*HTML_KEYS, *TEXT_KEYS) if isinstance(obj.get(k), str)]
        if blank:  # the field is there but holds only white space: say so, not "missing"
            raise InputError(
                source,
                f"JSON object has no article text (its '{blank[0]}' field is empty)",
                "skip it, or fill in its 'text' (or 'content'/'body') or 'html' field",
            )
        keys = ", ".join(sorted(obj)[:8]) or "none"
        raise InputError(
            source,
            f"JSON object has no article text (keys: {keys})",
            "put the article in a 'text' field (or 'content'/'body'), or its page in 'html'",
        )
    return RawDocument(
        source=source,
        text=text,
        html=html,
        url=_first(obj, URL_KEYS),
        title=_first(obj, TITLE_KEYS),
        published=normalise_published(_first(obj, PUBLISHED_KEYS)),
        feed=_first(obj, FEED_KEYS) or feed,
    )
