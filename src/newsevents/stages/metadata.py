"""Metadata stage: the article's title, language and publication date (with the date's basis).

The date is taken from the first of these steps that gives one (``DATE_STEPS``): the input
("given"); a visible byline date near the headline ("text"); the canonical URL's date, the
page's metadata, a ``<time datetime>`` in the story's header ("metadata"); a date line or dated
dateline in the text ("text"); htmldate's original-date search, checked ("metadata"); a "Wednesday
October 23" with the year inferred from the weekday ("weekday"); else none ("none"). Every step
other than the input and the page metadata is said in ``Document.notes``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, lru_cache

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
_ASCII_WORD = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?")  # _WORD on ASCII text, found faster
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
    ascii = sample.isascii()  # most news: no letters outside A-Z to count
    # Counted per run of letters, not per letter: findall per character is slow.
    n_other = 0 if ascii else sum(len(r) for r in _OTHER_LETTERS.findall(sample))
    if n_other and sum(len(r) for r in _LATIN_LETTERS.findall(sample)) < n_other:
        for code, rx, share in _SCRIPTS:
            if sum(len(r) for r in rx.findall(sample)) >= n_other * share:
                variant = _SCRIPT_VARIANTS.get(code)
                if variant and variant[1].search(sample):
                    return variant[0]
                return code
        return "und"
    if ascii:
        # Lowercasing ASCII text changes no token boundary: one lower() of the sample
        # instead of one per token.
        tokens = _ASCII_WORD.findall(sample.lower())[:_LANG_TOKENS]
    else:
        tokens = list(map(str.lower, _WORD.findall(sample)[:_LANG_TOKENS]))
    if len(tokens) < _LANG_MIN_TOKENS:
        return "und"
    hits: dict[str, int] = {}
    languages_of = _languages_of()
    # Each distinct stopword once, in order of first use (so ties between languages break as
    # they would token by token); the other words are dropped by a C-level filter first.
    for w, n in Counter(filter(languages_of.__contains__, tokens)).items():
        for code in languages_of[w]:
            hits[code] = hits.get(code, 0) + n
    if not hits:
        return "und"
    shares = {code: n / len(tokens) for code, n in hits.items()}
    code, share = max(shares.items(), key=lambda kv: kv[1])
    return code if share >= _LANG_MIN_SHARE else "und"


# Languages the actor and event lexicons are written for; other articles are stored, not coded.
CODED_LANGUAGES = frozenset({"en"})


def codable(article: Article) -> bool:
    """Whether the actors and events stages should code ``article``: English, or a language
    not told (short texts), or not detected yet."""
    return article.language in CODED_LANGUAGES or article.language in (None, "und")


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
        given = doc.raw.published
        if given and pubdate.parse_date_string(given) is None:
            notes.append(f"given publication date {given!r} not understood; looked elsewhere")
        ctx = _Context(doc, art, paras, self.today)
        for step in DATE_STEPS:
            found = step.find(ctx)
            if found is not None:
                if found.note:
                    notes.append(found.note)
                return found.value, step.basis
        return None, "none"


@dataclass(frozen=True, slots=True)
class _Context:
    doc: Document
    art: Article
    paras: list[str]
    today: date


@dataclass(frozen=True, slots=True)
class _Dated:
    value: date
    note: str | None = None


@dataclass(frozen=True, slots=True)
class DateStep:
    name: str
    basis: PublishedBasis
    find: Callable[[_Context], _Dated | None]


def _given(ctx: _Context) -> _Dated | None:
    given = ctx.doc.raw.published
    d = pubdate.parse_date_string(given) if given else None
    return _Dated(d) if d is not None else None


def _first_plausible(values: tuple[str, ...], today: date) -> date | None:
    for s in values:
        d = pubdate.parse_date_string(s)
        if d is not None and pubdate.plausible(d, today):
            return d
    return None


def _page_metadata(ctx: _Context) -> _Dated | None:
    if ctx.doc.raw.html is None:
        return None
    d = _first_plausible(page.page_meta(ctx.doc.raw.html).published, ctx.today)
    return _Dated(d) if d is not None else None


def _header_time(ctx: _Context) -> _Dated | None:
    if ctx.doc.raw.html is None:
        return None
    d = _first_plausible(page.page_dates(ctx.doc.raw.html).header_times, ctx.today)
    return _Dated(d, "publication date from a <time datetime> in the story's header") \
        if d is not None else None


def _url(ctx: _Context) -> _Dated | None:
    canonical = page.page_dates(ctx.doc.raw.html).canonical if ctx.doc.raw.html else None
    for url in (canonical, ctx.doc.raw.url):
        d = pubdate.url_date(url) if url else None
        if d is not None and pubdate.plausible(d, ctx.today):
            return _Dated(d, f"publication date from the URL {url}")
    return None


def _byline(ctx: _Context) -> _Dated | None:
    if ctx.doc.raw.html is None:
        return None
    for text in page.page_dates(ctx.doc.raw.html).bylines:
        for _m, d in pubdate.any_dates(text):
            if pubdate.plausible(d, ctx.today):
                return _Dated(d, f"publication date from the byline {text!r}")
    return None


def _text(ctx: _Context) -> _Dated | None:
    art = ctx.art
    found = pubdate.date_line(ctx.paras[:_TOP_PARAGRAPHS], ctx.today)
    if found is None and art.dateline is not None:
        para_start = art.text.rfind("\n", 0, art.dateline.start) + 1
        para_end = art.text.find("\n", art.dateline.start)
        para = art.text[para_start : para_end if para_end >= 0 else len(art.text)]
        found = pubdate.dateline_date(para, ctx.today)
    if found is None:
        return None
    note = f"publication date from an 'updated' line: {found.text!r}" if found.updated else None
    return _Dated(found.value, note)


def _htmldate(ctx: _Context) -> _Dated | None:
    """htmldate's original-date search, kept only when it passes checks: a plausible day, not
    the page's modification day, in the month the URL names (if it names one)."""
    raw = ctx.doc.raw
    if raw.html is None:
        return None
    found = _htmldate_original(raw.html, raw.url, ctx.today)
    d = pubdate.parse_date_string(found) if found else None
    if d is None or not pubdate.plausible(d, ctx.today) or d.year < 1995:
        return None
    dates = page.page_dates(raw.html)
    # htmldate falls back on the modification time when it finds nothing better; that day is
    # when the page was last edited, not published.
    if any(pubdate.parse_date_string(m) == d for m in dates.modified):
        return None
    canonical = dates.canonical
    for url in (canonical, raw.url):
        month = pubdate.url_month(url) if url else None
        if month is not None and month != (d.year, d.month):
            return None
    return _Dated(d, "publication date from htmldate's original-date search")


@lru_cache(maxsize=4)
def _htmldate_original(html: str, url: str | None, today: date) -> str | None:
    """htmldate's answer (cached: the evaluation asks for each step again). Its first use of
    dateparser's all-language search costs some seconds, once per process."""
    from htmldate import find_date

    try:
        found = find_date(html, url=url, original_date=True, max_date=today.isoformat())
    except Exception:  # htmldate fails on some malformed pages; the date is then unknown
        return None
    return found if isinstance(found, str) else None


def _weekday(ctx: _Context) -> _Dated | None:
    weekday = pubdate.weekday_date(ctx.paras[:_WEEKDAY_PARAGRAPHS], ctx.today)
    if weekday is None:
        return None
    wfound, name = weekday
    return _Dated(wfound.value, f"year {wfound.value.year} inferred from weekday {name}")


DATE_STEPS: tuple[DateStep, ...] = (
    DateStep("given", "given", _given),
    # The date a reader sees under the headline beats page metadata, which CMSs often fill
    # with a modification or import date (measured on trafilatura-eval: see eval/clean.py).
    DateStep("HTML byline", "text", _byline),
    DateStep("URL", "metadata", _url),
    DateStep("page metadata", "metadata", _page_metadata),
    DateStep("header <time>", "metadata", _header_time),
    DateStep("text date line", "text", _text),
    DateStep("htmldate original", "metadata", _htmldate),
    DateStep("weekday", "weekday", _weekday),
)


def date_steps(doc: Document, today: date | None = None) -> list[tuple[str, date | None]]:
    """What each date step alone gives for a processed document (for measuring the steps)."""
    if doc.article is None:
        return []
    ctx = _Context(doc, doc.article, doc.article.text.split("\n"), today or date.today())
    out = []
    for step in DATE_STEPS:
        found = step.find(ctx)
        out.append((step.name, found.value if found else None))
    return out
