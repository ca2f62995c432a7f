"""Metadata stage: the article's title, language and publication date (with the date's basis).

The date is taken, in order, from the input ("given"), the page's metadata ("metadata"), a date
line or dated dateline in the text ("text"), a "Wednesday October 23" with the year inferred from
the weekday ("weekday"), else left empty ("none"). Every guess is said in ``Document.notes``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import cache

from newsevents.lexicon import load_toml
from newsevents.records import Article, Document, PublishedBasis
from newsevents.stages import _html as page
from newsevents.stages import _pubdate as pubdate

# Paragraphs looked at for date lines and weekday dates: a headline, a byline, a date line and
# the lede fit; dates further down are about events, not publication.
_TOP_PARAGRAPHS = 6
_WEEKDAY_PARAGRAPHS = 3
_HEADLINE_MAX_CHARS = 150
_HEADLINE_MAX_WORDS = 20
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Enough tokens to tell languages apart, few enough to stay cheap on long articles.
_LANG_TOKENS = 400
_LATIN_LETTERS = re.compile(r"[A-Za-z\u00c0-\u024f]+")
_OTHER_LETTERS = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f]+")
_LANG_MIN_TOKENS = 5
_LANG_MIN_SHARE = 0.12


@cache
def _languages_of() -> dict[str, tuple[str, ...]]:
    """Each stopword with the languages it belongs to."""
    out: dict[str, tuple[str, ...]] = {}
    for code, words in load_toml("stopwords.toml")["languages"].items():
        for w in set(words):
            out[w] = (*out.get(w, ()), code)
    return out


# Scripts that identify a language (or a default one) without stopwords, with the share of the
# non-Latin letters they need (Japanese mixes kana into mostly Chinese characters).
_SCRIPTS: tuple[tuple[str, re.Pattern[str], float], ...] = (
    ("ko", re.compile(r"[\uac00-\ud7af]+"), 0.5),
    ("ja", re.compile(r"[\u3040-\u30ff]+"), 0.1),
    ("zh", re.compile(r"[\u4e00-\u9fff]+"), 0.5),
    ("el", re.compile(r"[\u0370-\u03ff]+"), 0.5),
    ("he", re.compile(r"[\u0590-\u05ff]+"), 0.5),
    ("ar", re.compile(r"[\u0600-\u06ff]+"), 0.5),
    ("ru", re.compile(r"[\u0400-\u04ff]+"), 0.5),
)
# Letters that set a language apart from the script's default one.
_SCRIPT_VARIANTS = {"ar": ("fa", re.compile("[پچژگ]")), "ru": ("uk", re.compile("[єіїґ]"))}


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text``'s language, or "und" when it cannot be told."""
    sample = text[:3000]
    # Counted per run of letters, not per letter: findall per character is slow.
    n_other = sum(len(r) for r in _OTHER_LETTERS.findall(sample))
    if n_other and sum(len(r) for r in _LATIN_LETTERS.findall(sample)) < n_other:
        for code, rx, share in _SCRIPTS:
            if sum(len(r) for r in rx.findall(sample)) >= n_other * share:
                variant = _SCRIPT_VARIANTS.get(code)
                if variant and variant[1].search(sample):
                    return variant[0]
                return code
        return "und"
    tokens = [w.lower() for w in _WORD.findall(sample)[:_LANG_TOKENS]]
    if len(tokens) < _LANG_MIN_TOKENS:
        return "und"
    hits: dict[str, int] = {}
    languages_of = _languages_of()
    for w in tokens:
        for code in languages_of.get(w, ()):
            hits[code] = hits.get(code, 0) + 1
    if not hits:
        return "und"
    shares = {code: n / len(tokens) for code, n in hits.items()}
    code, share = max(shares.items(), key=lambda kv: kv[1])
    return code if share >= _LANG_MIN_SHARE else "und"


def headline(paragraphs: list[str]) -> str | None:
    """The first paragraph when it looks like a headline: short, no final period, followed by
    more text."""
    if len(paragraphs) < 2:
        return None
    first = paragraphs[0].strip()
    words = first.split()
    if not (2 <= len(words) <= _HEADLINE_MAX_WORDS) or len(first) > _HEADLINE_MAX_CHARS:
        return None
    if first.endswith((".", ",", ";", ":")) or not (first[0].isupper() or first[0] in "“‘\"'"):
        return None
    if first.lower().startswith("by "):
        return None
    return first


class Metadata:
    """Fills title, language, published and published_basis of ``doc.article``."""

    name = "metadata"

    def __init__(self, today: date | None = None) -> None:
        # None means "the day the article is processed"; tests pin a day.
        self._today = today

    @property
    def today(self) -> date:
        return self._today or date.today()

    def __call__(self, doc: Document) -> Document:
        art = doc.article
        if art is None:
            raise ValueError("the metadata stage needs the clean stage to run first")
        notes = list(doc.notes)
        paras = art.text.split("\n")
        title = art.title or headline(paras)
        language = detect_language(art.text)
        if language != "en":
            notes.append(f"language {language}: not coded")
        published, basis = self._published(doc, art, paras, notes)
        article = replace(
            art, title=title, language=language, published=published, published_basis=basis
        )
        return replace(doc, article=article, notes=tuple(notes))

    def _published(
        self, doc: Document, art: Article, paras: list[str], notes: list[str]
    ) -> tuple[date | None, PublishedBasis]:
        today = self.today
        given = doc.raw.published
        if given:
            d = pubdate.parse_date_string(given)
            if d is not None:
                return d, "given"
            notes.append(f"given publication date {given!r} not understood; looked elsewhere")
        if doc.raw.html is not None:
            for s in page.page_meta(doc.raw.html).published:
                d = pubdate.parse_date_string(s)
                if d is not None and pubdate.plausible(d, today):
                    return d, "metadata"
        top = paras[:_TOP_PARAGRAPHS]
        found = pubdate.date_line(top, today)
        if found is None and art.dateline is not None:
            para_start = art.text.rfind("\n", 0, art.dateline.start) + 1
            para_end = art.text.find("\n", art.dateline.start)
            para = art.text[para_start : para_end if para_end >= 0 else len(art.text)]
            found = pubdate.dateline_date(para, today)
        if found is not None:
            if found.updated:
                notes.append(f"publication date from an 'updated' line: {found.text!r}")
            return found.value, "text"
        weekday = pubdate.weekday_date(paras[:_WEEKDAY_PARAGRAPHS], today)
        if weekday is not None:
            wfound, name = weekday
            notes.append(f"year {wfound.value.year} inferred from weekday {name}")
            return wfound.value, "weekday"
        return None, "none"
