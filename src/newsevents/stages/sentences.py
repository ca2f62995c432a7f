"""Sentence splitting: rule based, fast, offset preserving (paragraphs always end a sentence)."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from newsevents.lexicon import data_path
from newsevents.records import Document, Sentence

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then whitespace.
_BOUNDARY = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_PARAGRAPH = re.compile(r"\n\s*")
_LAST_WORD = re.compile(r"(\S+)$")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")  # "U.S" of "U.S.": no sentence end
# Longer "sentences" (a page with no punctuation, a run-on list) are cut at a space: later
# stages look around each trigger within its sentence, so their cost grows with its square.
MAX_SENTENCE = 2000


@cache
def _abbreviations() -> frozenset[str]:
    text = data_path("abbreviations.txt").read_text(encoding="utf-8")
    return frozenset(
        ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")
    )


def split(text: str) -> list[Sentence]:
    """Split ``text`` into sentences whose offsets index into ``text``."""
    abbrev = _abbreviations()
    out: list[Sentence] = []
    pos = 0
    for para in _PARAGRAPH.split(text):
        start = text.find(para, pos) if para else pos
        if not para.strip():
            pos = start + len(para)
            continue
        pos = start + len(para)
        seg_start = start
        for m in _BOUNDARY.finditer(para):
            if m.group().startswith(".") and len(m.group()) == 1:
                # "Sen." / "U.S." / single initials "J." are not sentence ends.
                # A bounded look back: slicing the paragraph up to each boundary is quadratic.
                word = _LAST_WORD.search(para, max(0, m.start() - 64), m.start())
                w = word.group(1) if word else ""
                if (w in abbrev or (len(w) == 1 and w.isupper())
                        or _INITIALS.fullmatch(w)):
                    continue
            end = start + m.end()
            _add(out, text, seg_start, end)
            seg_start = end
        _add(out, text, seg_start, start + len(para))
    return out


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        _add(out, text, start, cut)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append(Sentence(start=start, end=end, text=text[start:end]))


class Sentences:
    name = "sentences"

    def __call__(self, doc: Document) -> Document:
        assert doc.article is not None
        return replace(doc, sentences=tuple(split(doc.article.text)))
