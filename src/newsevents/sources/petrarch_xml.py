"""PETRARCH/TABARI input files: ``<Sentence date="YYYYMMDD" id="...">`` records with a
``<Text>``, one article each, so researchers can run the inputs they coded with PETRARCH."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree  # type: ignore[import-untyped]

from newsevents.errors import InputError
from newsevents.pipeline import Failure
from newsevents.records import RawDocument

__all__ = ["looks_like_petrarch", "read_petrarch"]

# A PETRARCH file opens (after comments) with <Sentences> or <Validation> and holds
# <Sentence ... date= ...> records; feeds open with <rss>, <feed> or <rdf:RDF>.
_SENTENCE = re.compile(rb"<Sentence\b[^>]*\bdate\s*=", re.IGNORECASE)
_ROOT = re.compile(rb"<(?:Sentences|Validation)\b")
_DATE = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")
# A Penn Treebank leaf "(NNP Interpol)"; brackets are escaped as -LRB- and kin.
_LEAF = re.compile(r"\(([^\s()]+)\s+([^\s()]+)\)")
_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}",
             "``": '"', "''": '"'}
_NO_SPACE_BEFORE = re.compile(r" (?=[.,;:!?%)\]}]|'s\b|'re\b|'ve\b|'ll\b|'d\b|'m\b|n't\b)")
_NO_SPACE_AFTER = re.compile(r"(?<=[(\[{$]) ")

Item = RawDocument | Failure


def looks_like_petrarch(data: bytes) -> bool:
    head = data[:65536]
    return _ROOT.search(head) is not None and _SENTENCE.search(head) is not None


def _published(value: str | None) -> str | None:
    m = _DATE.match(value or "")
    return f"{m[1]}-{m[2]}-{m[3]}" if m else None


def read_petrarch(source: str, data: bytes) -> Iterator[Item]:
    """One RawDocument per ``<Sentence>`` (its text, its date as the publication date, its id
    after ``#`` in the source); a record without text is a Failure naming it. Self-closing
    records, as UniversalPetrarch writes them, take the ``<Text>`` that follows them."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             remove_comments=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(source, f"not well-formed PETRARCH XML: {exc}",
                         "fix the file (each record a <Sentence date=... id=...> with a "
                         "<Text>), or save the articles as .txt or .jsonl") from None
    count = 0
    for parent in root.iter():
        pending: etree._Element | None = None
        for el in parent:
            if el.tag == "Sentence":
                text = el.findtext("Text")
                if not (text or "").strip() and el.findtext("Parse"):
                    text = _from_parse(el.findtext("Parse") or "")
                if text is None and len(el) == 0:
                    pending = el  # self-closing: its <Text> follows as a sibling
                    continue
                pending = None
                count += 1
                yield _document(source, el, text, count)
            elif el.tag == "Text" and pending is not None:
                count += 1
                yield _document(source, pending, el.text, count)
                pending = None
    if count == 0:
        raise InputError(source, "a PETRARCH file with no <Sentence> records",
                         "each record is a <Sentence date=YYYYMMDD id=...> holding a <Text>")


def _from_parse(parse: str) -> str:
    """The sentence a Penn Treebank parse spells (its leaves), for records whose <Text> was
    left empty: PETRARCH codes from the parse, so such files exist."""
    words = [_BRACKETS.get(w, w) for _tag, w in _LEAF.findall(parse)]
    return _NO_SPACE_AFTER.sub("", _NO_SPACE_BEFORE.sub("", " ".join(words)))


def _document(source: str, el: etree._Element, text: str | None, n: int) -> Item:
    rid = (el.get("id") or "").strip() or f"sentence-{n}"
    where = f"{source}#{rid}"
    body = " ".join((text or "").split())
    if not body:
        return Failure(where, str(InputError(where, "the record holds no <Text>",
                                             "give each <Sentence> a non-empty <Text>")))
    return RawDocument(source=where, text=body, published=_published(el.get("date")))
