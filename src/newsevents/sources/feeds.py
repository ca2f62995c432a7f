"""RSS and Atom feeds (feedparser) to RawDocuments: each entry's linked page, else its content.

Every document keeps its source URL (the entry's link) and its feed. A feed read from a file is
not fetched from anywhere: entries with full content are used, the others reported.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from newsevents.errors import InputError
from newsevents.pipeline import Failure
from newsevents.records import RawDocument
from newsevents.sources.decode import decode_web
from newsevents.sources.fetch import Fetcher, Response
from newsevents.sources.objects import looks_like_html

SUFFIXES = (".rss", ".atom", ".xml")
_FEED_TYPES = ("rss", "atom", "rdf", "application/xml", "text/xml", "application/feed")
_FEED_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:rss|feed|rdf:RDF)\b",
                         re.S | re.I)
# Entry content shorter than this is a teaser, not the article: the linked page is preferred.
_FULL_CONTENT = 400
ACCEPT = ("application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, "
          "*/*;q=0.5")

Item = RawDocument | Failure
Seen = Callable[[str], bool]


@dataclass(frozen=True, slots=True)
class Entry:
    key: str  # the entry's id, else its link: what watch remembers
    link: str | None
    title: str | None
    published: str | None  # ISO date
    content: str | None  # HTML or text given in the feed


def looks_like_feed(data: bytes, content_type: str = "") -> bool:
    ctype = content_type.lower()
    if "html" in ctype and "xhtml" not in ctype:
        return False
    if any(t in ctype for t in _FEED_TYPES) and _FEED_START.match(data[:2048]):
        return True
    return _FEED_START.match(data[:2048]) is not None


def parse_feed(source: str, data: bytes) -> list[Entry]:
    """The entries of a feed document; raises InputError when it is not a feed."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries and (parsed.bozo or not parsed.feed):
        problem = getattr(parsed, "bozo_exception", None) or "no entries"
        raise InputError(source, f"not a readable RSS/Atom feed ({problem})",
                         "check that the URL or file is an RSS or Atom feed")
    entries = []
    for e in parsed.entries:
        link = e.get("link") or None
        key = e.get("id") or link or e.get("title")
        if not key:
            continue
        content = None
        if e.get("content"):
            content = max((c.get("value", "") for c in e["content"]), key=len) or None
        if not content:
            content = e.get("summary") or None
        stamp = e.get("published_parsed") or e.get("updated_parsed")
        published = time.strftime("%Y-%m-%d", stamp) if stamp else None
        entries.append(Entry(str(key), link, e.get("title") or None, published, content))
    return entries


def feed_documents(feed: str, entries: list[Entry], fetcher: Fetcher | None = None,
                   seen: Seen | None = None) -> Iterator[Item]:
    """One RawDocument per entry not yet ``seen``: the linked page when ``fetcher`` is given
    (falling back on full content in the feed), else the content in the feed."""
    for entry in entries:
        if seen is not None and seen(entry.key):
            continue
        yield entry_document(feed, entry, fetcher)


def entry_document(feed: str, entry: Entry, fetcher: Fetcher | None) -> Item:
    """The entry's linked page (fetched), or the content the feed gives when there is no
    fetcher, no link, or the page fails and the feed holds the full text."""
    source = entry.link or f"{feed}#{entry.key}"
    if fetcher is not None and entry.link:
        try:
            return _page_document(source, entry, feed, fetcher.get(entry.link))
        except InputError as exc:
            if not _full(entry.content):
                return Failure(source, str(exc))
    if not entry.content:
        hint = "ingest the feed's URL so that linked pages are fetched"
        return Failure(source, str(InputError(source, "the entry holds no content", hint)))
    is_html = looks_like_html(entry.content) or re.search(r"<(?:p|br|div)\b", entry.content)
    return RawDocument(source=source, url=entry.link, title=entry.title,
                       published=entry.published, feed=feed,
                       html=entry.content if is_html else None,
                       text=None if is_html else entry.content)


def _full(content: str | None) -> bool:
    return content is not None and len(content) >= _FULL_CONTENT


def _page_document(source: str, entry: Entry, feed: str, page: Response) -> RawDocument:
    text = decode_web(source, page.content, page.charset).text
    is_html = "html" in page.content_type.lower() or looks_like_html(text)
    return RawDocument(
        source=source,
        html=text if is_html else None,
        text=None if is_html else text,
        url=page.url,
        title=entry.title,
        published=entry.published,
        feed=feed,
    )
