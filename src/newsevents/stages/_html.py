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
