"""Clean stage: raw input to ``Article`` text (HTML main text, boilerplate out, dateline found).

What is removed is kept in ``Article.removed`` with a reason; the rules are data/boilerplate.toml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from newsevents.errors import EmptyInputError
from newsevents.lexicon import load_toml
from newsevents.records import Article, Document, Mention, RawDocument, RemovedBlock, stable_id
from newsevents.stages import _html as page
from newsevents.stages import _lines as lineclf
from newsevents.stages import _mainblock as mainblock

# Zero-width space, word joiner, BOM and soft hyphen are invisible noise. ZWNJ/ZWJ (U+200C/D)
# are kept: they change spelling in Persian, Arabic and Indic scripts, and build emoji.
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad\u180e]")
# Runs of spaces, and any other horizontal space (a lone ordinary space is left alone: cheaper).
_SPACES = re.compile(
    r"[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]{2,}"
    r"|[\t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
)
# _SPACES on ASCII text without tabs, form or line feeds: only runs of spaces can match, and
# a pattern opening with two literal spaces is searched for by the fast literal scan.
_ASCII_SPACES = re.compile("  +")
_SENTENCE_END = re.compile(r"[.!?:;\"”’)\]]$")
# Hard-wrapped plain text: lines at most this long, joined back into paragraphs.
_WRAP_WIDTH = 100

_PLACE_WORD = r"[A-Z][A-Za-z.'’\-]*"
_PLACE = rf"{_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,3}}"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# "KAZAN, Russia, Oct 23 (Reuters) -", "MOSCOW —", "Washington (AP) —", "NEW DELHI:".
_DATELINE = re.compile(
    rf"(?P<place>(?P<p1>{_PLACE})(?:,\s+(?!{_MONTH}\s+\d)(?P<p2>{_PLACE}))?)"
    rf"(?:,\s+(?P<date>{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?))?"
    r"\s*(?P<agency>\([A-Za-z][A-Za-z .&/'’-]{0,30}\))?"
    r"\s*(?P<dash>--?|[–—]|:)\s+(?=\S)"
)
# Only the first few paragraphs can hold the dateline (after a headline, a standfirst, a byline
# and a "Published:" line).
_DATELINE_PARAGRAPHS = 5


@dataclass(frozen=True, slots=True)
class Rule:
    reason: str
    pattern: re.Pattern[str]
    max_chars: int
    requires: tuple[str, ...] = ()


@cache
def rules() -> tuple[Rule, ...]:
    data = load_toml("boilerplate.toml")
    return tuple(
        Rule(
            r["reason"],
            re.compile(r["pattern"]),
            int(r.get("max_chars", 400)),
            tuple(r.get("requires", ())),
        )
        for r in data["rule"]
    )


@cache
def _not_places() -> frozenset[str]:
    return frozenset(load_toml("boilerplate.toml")["dateline"]["not_places"])


_NEVER = re.compile(r"(?!)")


@cache
def _any_rule() -> tuple[int, re.Pattern[str] | None, tuple[str, ...]]:
    """The longest block any rule accepts, one pattern matching where any rule without
    ``requires`` words does, and the ``requires`` words of the others.

    Most paragraphs are article text that no rule matches; one combined ``match`` (alternatives
    tried in C) rules them out at once, and only the few that match, or that hold a word some
    other rule requires, go through the rules in order. The rules with required words are the
    costly ones (".{10,300}?" before a cue): a paragraph without any of their words never runs
    them. None when a pattern cannot be combined (capturing groups, global flags other than a
    leading ``(?i)``): then every paragraph goes through the rules.
    """
    rs = rules()
    longest = max((r.max_chars for r in rs), default=0)
    words = tuple(dict.fromkeys(w for r in rs for w in r.requires))
    parts = []
    for r in rs:
        if r.requires:
            continue  # runs only where one of its words is (``words``)
        src, flags = r.pattern.pattern, r.pattern.flags & ~re.UNICODE
        if src.startswith("(?i)"):
            src, flags = f"(?i:{src[4:]})", flags & ~re.IGNORECASE
        else:
            src = f"(?:{src})"
        if r.pattern.groups or flags:
            return longest, None, words
        parts.append(src)
    try:
        return longest, re.compile("|".join(parts)) if parts else _NEVER, words
    except re.error:
        return longest, None, words


def boilerplate_reason(paragraph: str) -> str | None:
    """The reason ``paragraph`` is boilerplate, or None when it is article text."""
    longest, anything, words = _any_rule()
    if len(paragraph) > longest:
        return None
    lower = paragraph.lower()
    if (anything is not None and not anything.match(paragraph)
            and not any(w in lower for w in words)):
        return None
    for rule in rules():
        if len(paragraph) > rule.max_chars:
            continue
        if rule.requires and not any(w in lower for w in rule.requires):
            continue
        if rule.pattern.match(paragraph):
            return rule.reason
    return None


def paragraphs(text: str) -> list[str]:
    """Paragraphs of ``text`` with whitespace normalised conservatively (curly quotes kept).

    A line is a paragraph, except in hard-wrapped text (short lines inside blank-line separated
    blocks, mostly not ending a sentence), whose lines are joined back.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isascii():
        text = _SPACES.sub(" ", _INVISIBLE.sub("", text))
    elif "\t" in text or "\f" in text or "\v" in text:
        text = _SPACES.sub(" ", text)  # (the invisible characters are all outside ASCII)
    elif "  " in text:
        text = _ASCII_SPACES.sub(" ", text)
    blocks = [b for b in re.split(r"\n\s*\n", text) if b.strip()]
    lines_of = [[ln.strip() for ln in b.split("\n") if ln.strip()] for b in blocks]
    if _hard_wrapped(lines_of):
        return [" ".join(lines) for lines in lines_of]
    return [ln for lines in lines_of for ln in lines]


def _hard_wrapped(blocks: list[list[str]]) -> bool:
    inner = [ln for lines in blocks if len(lines) > 1 for ln in lines[:-1]]
    if len(blocks) < 2 or len(inner) < 2:
        return False
    if max(len(ln) for lines in blocks for ln in lines) > _WRAP_WIDTH:
        return False
    open_ended = sum(1 for ln in inner if not _SENTENCE_END.search(ln))
    return open_ended / len(inner) >= 0.5


def remove_boilerplate(paras: list[str]) -> tuple[list[str], list[RemovedBlock]]:
    kept: list[str] = []
    removed: list[RemovedBlock] = []
    for p in paras:
        reason = boilerplate_reason(p)
        if reason is None:
            kept.append(p)
        else:
            removed.append(RemovedBlock(p, reason))
    return kept, removed


def find_dateline(text: str) -> Mention | None:
    """The place part of a dateline opening one of the first paragraphs of ``text``."""
    pos = 0
    for para in text.split("\n")[:_DATELINE_PARAGRAPHS]:
        m = _DATELINE.match(para)
        if m and _is_dateline(m):
            return Mention(m.group("place"), pos + m.start("place"), pos + m.end("place"))
        pos += len(para) + 1
    return None


def _is_dateline(m: re.Match[str]) -> bool:
    p1 = m.group("p1")
    if p1 in _not_places() or m.group("place") in _not_places():
        return False
    if m.group("agency"):
        return True
    letters = [c for c in p1 if c.isalpha()]
    if len(letters) >= 3 and all(c.isupper() for c in letters):
        return True
    # "Kazan, Russia — ..." (a place and its country or state, then a dash).
    return m.group("p2") is not None and m.group("dash") != ":"


class Clean:
    """Makes ``doc.article``; raises EmptyInputError when the input holds no article text."""

    name = "clean"

    def __init__(self, line_model: dict[str, Any] | None = None) -> None:
        # The page-dump line classifier's parameters; None: the shipped data/line_model.json.
        # The eval passes models trained on the other pages, to score out of fold.
        self.line_model = line_model

    def __call__(self, doc: Document) -> Document:
        raw = doc.raw
        title = raw.title
        if raw.html is not None:
            body = self._html_text(raw)
            title = title or page.page_meta(raw.html).title
        else:
            body = raw.text or ""
        if not body.strip():
            raise EmptyInputError(raw.source, "no article text", "the input is empty")
        kept, removed = remove_boilerplate(paragraphs(body))
        if raw.html is None and mainblock.page_like(kept):
            # A whole page saved as text: keep the lines the classifier takes for its main
            # text (prose, headline, lists inside it), report the rest.
            inside = lineclf.keep(kept, self.line_model)
            removed += [RemovedBlock(p, "outside the page's main text")
                        for p, k in zip(kept, inside, strict=True) if not k]
            kept = [p for p, k in zip(kept, inside, strict=True) if k]
        if not kept:
            raise EmptyInputError(
                raw.source,
                "only site boilerplate, no article text",
                "check that the input is an article; removed: "
                + ", ".join(sorted({r.reason for r in removed})),
            )
        text = "\n".join(kept)
        article = Article(
            id=stable_id("art", raw.content_hash),
            source=raw.source,
            text=text,
            title=title,
            url=raw.url,
            removed=tuple(removed),
            dateline=find_dateline(text),
            feed=raw.feed,
        )
        return replace(doc, article=article, notes=doc.notes + raw.notes)

    @staticmethod
    def _html_text(raw: RawDocument) -> str:
        assert raw.html is not None
        text = page.main_text(raw.html, raw.url)
        if text is None:
            # trafilatura keeps nothing on short or unusual pages; take all visible text.
            text = page.fallback_text(raw.html)
        if not text.strip():
            raise EmptyInputError(
                raw.source, "HTML page has no text", "check that the page holds an article"
            )
        return text
