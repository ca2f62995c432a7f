"""URLs and lists of URLs to RawDocuments: a page becomes one article, a feed its entries.

What a URL holds is told from its response (content type and first bytes), not its name.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsevents.errors import InputError
from newsevents.pipeline import Failure
from newsevents.records import RawDocument
from newsevents.sources import feeds
from newsevents.sources.decode import decode_web
from newsevents.sources.fetch import ENV_ALLOW_PRIVATE, Fetcher, FetchPolicy
from newsevents.sources.objects import looks_like_html

SUFFIXES = (".urls",)
_URL = re.compile(r"^https?://\S+$", re.I)

Item = RawDocument | Failure


def is_url(arg: str) -> bool:
    return _URL.match(arg.strip()) is not None


def default_fetcher() -> Fetcher:
    """A Fetcher with the default policy; private addresses only when the environment says."""
    allow = os.environ.get(ENV_ALLOW_PRIVATE, "").strip().lower() in ("1", "true", "yes")
    return Fetcher(FetchPolicy(allow_private=allow))


def read_url_list(path: Path) -> list[str]:
    """The URLs of a list file: one a line; blank lines and ``#`` comments skipped."""
    urls = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not is_url(line):
            raise InputError(f"{path}:{n}", f"not an http(s) URL: {line[:80]!r}",
                             "a URL list holds one http:// or https:// URL per line")
        urls.append(line)
    if not urls:
        raise InputError(str(path), "URL list is empty", "put one URL per line")
    return urls


def is_url_list(text: str) -> bool:
    """True for a text whose every non-comment line is a URL (a .txt list of URLs)."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return bool(lines) and all(is_url(ln) for ln in lines)


def read_urls(urls: Iterable[str], fetcher: Fetcher | None = None) -> Iterator[Item]:
    """Fetch each URL: an HTML page (or text) is one article, a feed yields its entries."""
    own = fetcher is None
    client = fetcher if fetcher is not None else default_fetcher()
    try:
        for url in urls:
            yield from read_url(url, client)
    finally:
        if own:
            client.close()


def read_url(url: str, fetcher: Fetcher) -> Iterator[Item]:
    try:
        resp = fetcher.get(url, accept=f"text/html, {feeds.ACCEPT}")
        if feeds.looks_like_feed(resp.content, resp.content_type):
            entries = feeds.parse_feed(url, resp.content)
            yield from feeds.feed_documents(url, entries, fetcher)
            return
        text = decode_web(url, resp.content, resp.charset).text
    except InputError as exc:
        yield Failure(exc.source, str(exc))
        return
    ctype = resp.content_type.lower()
    if "html" in ctype or looks_like_html(text):
        yield RawDocument(source=url, html=text, url=resp.url)
    elif ctype.startswith("text/plain") or not ctype:
        yield RawDocument(source=url, text=text, url=resp.url)
    else:
        yield Failure(url, str(InputError(url, f"unsupported content type {ctype!r}",
                                          "give a web page, a plain-text page or a feed")))
