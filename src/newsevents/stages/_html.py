"""HTML helpers for the clean and metadata stages: main text, a plain fallback, page metadata.

Page metadata is read from ``<meta>`` tags, JSON-LD and microdata only, never from the body text
or link URLs (htmldate's extensive search once took a related link's date for the article's).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import lxml.html  # type: ignore[import-untyped]
from lxml import etree

# Meta names/properties that carry the first publication time (never the modification time).
_PUBLISHED_META = (
    "article:published_time", "og:published_time", "og:article:published_time",
    "article:published", "datepublished", "published_time", "publishdate", "publish-date",
    "publish_date", "pubdate", "parsely-pub-date", "sailthru.date", "dc.date.issued",
    "dcterms.issued", "dc.date", "dcterms.date", "dc.date.created", "dcterms.created",
    "citation_publication_date", "citation_date", "article_date_original",
    "original-publish-date", "date",
)  # fmt: skip
_TITLE_META = ("og:title", "twitter:title", "headline", "title", "dc.title")
_TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•)\s+")
_DROP = ("script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside",
         "form", "button", "iframe", "select")  # fmt: skip
_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr",
           "section", "article", "pre", "figcaption", "dd", "dt", "table", "ul", "ol")  # fmt: skip


@dataclass(frozen=True, slots=True)
class PageMeta:
    title: str | None
    # Publication date strings from metadata, best first (unparsed: the metadata stage parses).
    published: tuple[str, ...]


def parse(html: str) -> Any:
    """An lxml document for ``html``, or None when there is no markup to parse."""
    if not html.strip():
        return None
    try:
        # Bytes, so that an XML declaration with an encoding does not make lxml refuse the str.
        parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
        return lxml.html.document_fromstring(html.encode("utf-8", "surrogatepass"), parser=parser)
    except (etree.ParserError, ValueError):
        return None


def main_text(html: str, url: str | None = None) -> str | None:
    """The article's main text by trafilatura (paragraphs separated by newlines), or None."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url, include_comments=False, with_metadata=False, include_tables=True
    )
    text = getattr(doc, "text", None) if doc is not None else None
    return text if text and text.strip() else None


def fallback_text(html: str) -> str:
    """All visible text outside page chrome, one block element per line (no main-text logic)."""
    tree = parse(html)
    if tree is None:
        return ""
    for el in list(tree.iter(*_DROP)):
        el.drop_tree()
    for el in tree.iter(*_BLOCKS):
        el.tail = "\n" + (el.tail or "")
    body = tree.find("body")
    root = body if body is not None else tree
    return "\n".join(ln.strip() for ln in root.text_content().split("\n") if ln.strip())


@lru_cache(maxsize=4)
def page_meta(html: str) -> PageMeta:
    """Title and publication dates from the page's metadata (cached: clean and metadata both
    ask for the same page in a row)."""
    tree = parse(html)
    if tree is None:
        return PageMeta(None, ())
    metas: dict[str, list[str]] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = (el.get("content") or "").strip()
        if key and content:
            metas.setdefault(key, []).append(content)
    ld = list(_json_ld(tree))
    title = _title(tree, metas, ld)
    published: list[str] = [v for k in _PUBLISHED_META for v in metas.get(k, ())]
    published += [str(o["datePublished"]) for o in ld if o.get("datePublished")]
    for el in tree.xpath('//*[@itemprop="datePublished"]'):
        value = el.get("datetime") or el.get("content")
        if value:
            published.append(value.strip())
    published += [t.get("datetime", "") for t in tree.xpath("//time[@pubdate][@datetime]")]
    return PageMeta(title, tuple(dict.fromkeys(p for p in published if p)))


def _json_ld(tree: Any) -> Iterator[dict[str, Any]]:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except json.JSONDecodeError:
            continue
        yield from _ld_objects(data)


def _ld_objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for x in data:
            yield from _ld_objects(x)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _ld_objects(data["@graph"])


def _title(tree: Any, metas: dict[str, list[str]], ld: list[dict[str, Any]]) -> str | None:
    for key in _TITLE_META:
        if metas.get(key):
            return _clean_title(metas[key][0])
    for obj in ld:
        if isinstance(obj.get("headline"), str) and obj["headline"].strip():
            return _clean_title(obj["headline"])
    el = tree.find(".//title")
    if el is not None and el.text_content().strip():
        return _strip_site_name(_clean_title(el.text_content()))
    h1 = tree.find(".//h1")
    if h1 is not None and h1.text_content().strip():
        return _clean_title(h1.text_content())
    return None


def _clean_title(s: str) -> str:
    return " ".join(s.split())


def _strip_site_name(title: str) -> str:
    """Drop the site name: "Headline | Site" → "Headline" (the longest part is the headline)."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    return max(parts, key=len)


# Class, id or itemprop words of elements that hold a story's publication date near its top.
_DATE_HOLDER = re.compile(
    r"date|time|byline|publish|posted|created|story-?meta|post-?meta|entry-?meta|article-?meta"
    r"|meta-?info|dateline|timestamp|datum|fecha", re.IGNORECASE)
# ... and those that say the date is not the first publication's.
_NOT_PUBLISHED = re.compile(r"updat|modif|edit|revis|aktualisiert|comment|today|current",
                            re.IGNORECASE)
_CHROME = ("nav", "footer", "aside", "form", "menu")
_CHROME_CLASS = re.compile(r"menu|footer|sidebar|related|comment|widget|teaser|header-top",
                           re.IGNORECASE)
# Visible date texts longer than this are sentences, not bylines.
_BYLINE_MAX_CHARS = 120
_BYLINE_ELEMENTS = 40  # date-holding elements looked at, from the top


@dataclass(frozen=True, slots=True)
class PageDates:
    """Where a page says when it was published, besides its metadata (unparsed strings)."""

    # ``<time datetime>`` values in the story's header (after its headline), first first.
    header_times: tuple[str, ...]
    # The canonical URL (``<link rel=canonical>``, ``og:url``), if any.
    canonical: str | None
    # Visible texts of date-holding elements near the top (bylines, "Published ..." lines).
    bylines: tuple[str, ...]
    # The same for elements marked as updated/modified dates (used only as a last resort).
    updated: tuple[str, ...]
    # Modification times from metadata: a date equal to one of them is not the publication's.
    modified: tuple[str, ...] = ()


def _in_chrome(el: Any) -> bool:
    for anc in el.iterancestors():
        if anc.tag in _CHROME:
            return True
        cls = f"{anc.get('class', '')} {anc.get('id', '')}"
        if cls.strip() and _CHROME_CLASS.search(cls):
            return True
    return False


def _after_headline(tree: Any) -> Iterator[Any]:
    """Body elements in document order from the story's headline (its first ``<h1>``, else the
    ``<article>``/``<main>``, else the body's start) on."""
    body = tree.find("body")
    root = body if body is not None else tree
    start = root.find(".//h1")
    if start is None:
        start = root.find(".//article")
    if start is None:
        start = root.find(".//main")
    started = start is None
    for el in root.iter():
        if el is start:
            started = True
            continue
        if started and isinstance(el.tag, str):
            yield el


@lru_cache(maxsize=4)
def page_dates(html: str) -> PageDates:
    tree = parse(html)
    if tree is None:
        return PageDates((), None, (), ())
    canonical = None
    for el in tree.xpath('//link[@rel="canonical"][@href]|//meta[@property="og:url"][@content]'):
        canonical = (el.get("href") or el.get("content") or "").strip() or None
        if canonical:
            break
    times: list[str] = []
    bylines: list[str] = []
    updated: list[str] = []
    looked = 0
    for el in _after_headline(tree):
        if looked >= _BYLINE_ELEMENTS:
            break
        marks = f"{el.get('class', '')} {el.get('id', '')} {el.get('itemprop', '')}"
        is_time = el.tag == "time"
        if not is_time and not _DATE_HOLDER.search(marks):
            continue
        if _in_chrome(el):
            continue
        looked += 1
        not_first = bool(_NOT_PUBLISHED.search(marks))
        if is_time and el.get("datetime") and not not_first:
            times.append(el.get("datetime").strip())
        text = " ".join(el.text_content().split())
        # A wrapper holding only an "Updated ..." line says so in its text, not its class.
        not_first = not_first or bool(_NOT_PUBLISHED.match(text[:12]))
        if text and len(text) <= _BYLINE_MAX_CHARS:
            (updated if not_first else bylines).append(text)
    modified = [str(el.get("content") or el.get("datetime") or "").strip() for el in tree.xpath(
        '//meta[contains(@property, "modified") or contains(@name, "modified") or '
        'contains(@property, "updated_time") or @itemprop="dateModified"]'
        '|//*[@itemprop="dateModified"]')]
    modified += [str(o["dateModified"]) for o in _json_ld(tree)
                 if isinstance(o, dict) and o.get("dateModified")]
    return PageDates(tuple(times), canonical, tuple(dict.fromkeys(bylines)),
                     tuple(dict.fromkeys(updated)), tuple(m for m in modified if m))
