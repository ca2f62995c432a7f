"""Persons with roles learned from the text ("Iranian President Masoud Pezeshkian",
"Nikol Pashinyan, Armenia's prime minister") and unknown full names before a speech verb."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import chain
from typing import Any

from newsevents.stages._actor_lexicon import (
    ADJ,
    CAPITAL,
    NAME,
    ORG,
    PERSON,
    SEAT,
    STATE,
    STOP,
    Lexicon,
    Match,
)
from newsevents.stages._actor_titles import TitleConfig

# A word: letters and digits, with inner hyphens, apostrophes and periods ("al-Sisi", "U.S").
# A word, not the "s" of a possessive; the character class first lets the engine skip to
# candidates, and "\w+" takes a run at once (the same tokens as one character at a time).
_TOKEN = re.compile(r"[^\W_](?:(?<!['’]s)|(?=\w))(?:\w+|[-.](?=[^\W_])|['’](?=[^\W_])(?!s\b))*")
_POSS = ("’s", "'s")
_PARTICLE_NAME = re.compile(r"(?:al|el|ul)-[A-Z]")  # "al-Sudani" ends a name
_ROMAN = re.compile(r"[IVX]+")
_LOWER_WORDS = frozenset({"of", "and", "the", "for", "on", "in", "to"})
# Titles under which a subnational prefix ("Louisiana") is a US state, not a country.
_STATE_TITLES = frozenset({"senator", "representative", "governor", "congressman",
                           "congresswoman", "lawmaker", "legislator", "mayor", "attorney general"})
_PREFIX_FORMS = frozenset({NAME, ADJ, SEAT, CAPITAL, ORG, STATE})


@dataclass(frozen=True, slots=True)
class PersonHit:
    """A person found by title or by a speech verb."""

    start: int  # the mention span
    end: int
    name: str
    role: str | None
    sector: str | None
    country: str | None
    consumed: tuple[int, int]  # span whose other matches belong to this mention


# Match methods as plain functions, for C-level map() over all of an article's tokens.
_word_of = re.Match.group
_start_of = re.Match.start
_end_of = re.Match.end


class Scan:
    """One article's tokens and lexicon matches, with the questions the person rules ask.

    Token i is ``words[i]`` at ``starts[i]:ends[i]``: parallel lists filled by C-level map()
    calls (a tuple built per token in Python was the stage's largest cost). The rules look
    only at tokens holding their trigger words (:meth:`where`), not at every token."""

    def __init__(self, text: str, matches: list[Match], lex: Lexicon, cfg: TitleConfig,
                 probes: dict[str, list[int]] | None = None) -> None:
        self.text = text
        self.matches = matches
        self.probes = probes  # prefilter candidates by tag (Lexicon.probe)
        self.lex = lex
        self.cfg = cfg
        found = list(_TOKEN.finditer(text))
        self.words: list[str] = list(map(_word_of, found))
        self.starts: list[int] = list(map(_start_of, found))
        self.ends: list[int] = list(map(_end_of, found))
        self.n = n = len(found)
        # The match covering each token: the first match (in text order) overlapping it. Tokens
        # are found by bisection per match (a few per article), not by a walk over all tokens.
        cover: list[Match | None] = [None] * n
        for m in matches:
            lo = bisect_right(self.ends, m.start)
            for k in range(lo, bisect_left(self.starts, m.end, lo)):
                if cover[k] is None:
                    cover[k] = m
        self.cover = cover
        self.function_words = cfg.function_words
        self._index: dict[str, list[int]] | None = None

    def index_at(self, start: int) -> int | None:
        """The token starting at offset ``start``, if one does."""
        k = bisect_left(self.starts, start)  # a few calls per article: no index is built
        return k if k < self.n and self.starts[k] == start else None

    def poss(self, i: int) -> bool:
        """Whether token i is followed by "'s" / "’s"."""
        return self.text.startswith(_POSS, self.ends[i])

    def vocabulary(self) -> Collection[str]:
        """The distinct token texts of the article."""
        return self._positions().keys()

    def where(self, *keys: Collection[str]) -> list[int]:
        """Indices, in text order, of the tokens whose text is in one of ``keys``."""
        index = self._positions()
        hits: set[str] = set()
        for k in keys:
            # C-level intersections that walk the article's words, not a long word list (a
            # dict view & a frozenset walks the frozenset).
            hits |= k.intersection(index) if isinstance(k, (set, frozenset)) \
                else index.keys() & k
        if len(hits) == 1:
            return index[hits.pop()]
        return sorted(chain.from_iterable(index[w] for w in hits))

    def _positions(self) -> dict[str, list[int]]:
        index = self._index
        if index is None:
            index = {}
            for i, w in enumerate(self.words):
                index.setdefault(w, []).append(i)
            self._index = index
        return index

    def right_edge(self, i: int) -> int:
        m = self.cover[i]
        return max(self.ends[i], m.end) if m is not None else self.ends[i]

    def gap(self, i: int, j: int) -> str:
        """Text between token i (with its match) and token j."""
        edge = self.right_edge(i)
        if edge > self.starts[j]:  # both inside one match ("Masoud Pezeshkian")
            edge = self.ends[i]
        return self.text[edge : self.starts[j]]

    def is_name(self, i: int, *, known_ok: bool = True) -> bool:
        m = self.cover[i]
        if m is not None and m.pattern.form != STOP and not (known_ok and m.pattern.form == PERSON):
            return False
        w = self.words[i]
        if w in self.cfg.stopwords or "year-old" in w:
            return False
        if w[0].isupper():
            return any(c.islower() for c in w) or len(w) == 1 or bool(_ROMAN.fullmatch(w))
        return w in self.cfg.particles or w.startswith(("al-", "el-"))

    def name_right(self, k: int, limit: int = 6) -> tuple[int, int] | None:
        """The name starting at token k, as a token range, or None."""
        words = self.words
        n = self.n
        j = k
        while j < n and j - k < limit and self.is_name(j):
            if j > k:
                g = self.gap(j - 1, j)
                if not (g == " " or (g == ". " and len(words[j - 1]) == 1)):
                    break
            j += 1
            if self.poss(j - 1):
                break
        while j > k and not words[j - 1][0].isupper() \
                and not _PARTICLE_NAME.match(words[j - 1]):
            j -= 1
        if j == k or not words[k][0].isupper():
            return None
        if j - k == 1 and len(words[k]) == 1:
            return None
        return k, j

    def name_left(self, k: int, limit: int = 4) -> tuple[int, int] | None:
        """The name ending at token k (inclusive), as a token range, or None."""
        words = self.words
        i = k
        while i >= 0 and k - i < limit and self.is_name(i) and not self.poss(i):
            if i < k and self.gap(i, i + 1) != " ":
                break
            i -= 1
        i += 1
        if i > k or not words[i][0].isupper() or not words[k][0].isupper():
            return None
        if i > 0 and self.gap(i - 1, i) == " " and words[i - 1][0].isupper() \
                and words[i - 1] not in self.function_words:
            return None  # part of a longer capitalised sequence: not clearly a name
        return i, k + 1

    def span_text(self, i: int, j: int) -> str:
        return self.text[self.starts[i] : self.ends[j - 1]]


@lru_cache(maxsize=4096)  # few distinct roles; bounded all the same
def _role_text(words: tuple[str, ...]) -> str:
    out = []
    for w in words:
        low = w.lower()
        if low in _LOWER_WORDS or low in ("former", "ex"):
            out.append(low)
        elif low in ("mp", "ceo"):
            out.append(low.upper())
        elif w.isupper() and len(w) > 1:
            out.append(w)
        else:
            out.append("-".join(p[:1].upper() + p[1:] for p in low.split("-")))
    return " ".join(out)


@cache
def _title_prefixes(cfg: TitleConfig) -> frozenset[str]:
    """The titles and their first words ("prime", "prime minister")."""
    out: set[str] = set()
    for t in cfg.titles:
        words = t.split(" ")
        out.update(" ".join(words[:n]) for n in range(1, len(words) + 1))
    return frozenset(out)


def _title_at(sc: Scan, i: int) -> tuple[int, int, list[str]] | None:
    """A title phrase starting at token i: (end token, end char, words)."""
    cfg = sc.cfg
    text, toks, tend, cover = sc.text, sc.words, sc.ends, sc.cover
    prefixes = _title_prefixes(cfg)
    words: list[str] = []
    ends: list[int] = []
    j = i
    while j < sc.n and len(words) < cfg.max_words:
        if j > i:
            g = text[ends[-1] : sc.starts[j]]
            if g != " ":
                break
        if cover[j] is not None and cover[j].pattern.form != STOP:  # type: ignore[union-attr]
            break
        w, e = toks[j], tend[j]
        if w in cfg.abbreviations and text.startswith(".", e):
            words.append(cfg.abbreviations[w].lower())
            ends.append(e + 1)
        else:
            words.append(w.lower())
            ends.append(e)
        j += 1
        if sc.poss(j - 1) or " ".join(words) not in prefixes:
            break  # no longer title can start with these words
    for n in range(len(words), 0, -1):
        if " ".join(words[:n]) in cfg.titles:
            return i + n, ends[n - 1], words[:n]
    return None


def find_title_persons(sc: Scan) -> list[PersonHit]:
    cfg = sc.cfg
    # Titles start with a title's first word (any case) or an abbreviation ("Sen."): only
    # tokens holding one are looked at. The distinct words are lower-cased in one call (no
    # token holds a space).
    vocab = list(sc.vocabulary())
    lows = " ".join(vocab).lower().split(" ")
    known = cfg.first_words.intersection(lows)
    first = {w for w, low in zip(vocab, lows, strict=True) if low in known} if known else set()
    hits: list[PersonHit] = []
    nxt = 0  # tokens before it belong to a title or name already read
    for i in sc.where(first, cfg.abbreviations.keys()):
        if i < nxt:
            continue
        found = _title_at(sc, i)
        if found is None:
            continue
        tend, tend_char, words = found
        phrase = " ".join(words)
        hit = _person_for_title(sc, i, tend, tend_char, words, phrase)
        if hit is not None:
            hits.append(hit)
            nxt = max(tend, sc.index_at(hit.end) or tend, i + 1)
            while nxt < sc.n and sc.starts[nxt] < hit.end:
                nxt += 1
        else:
            nxt = tend
    return hits


def _person_for_title(
    sc: Scan, i: int, tend: int, tend_char: int, words: list[str], phrase: str
) -> PersonHit | None:
    cfg = sc.cfg
    toks, starts, ends = sc.words, sc.starts, sc.ends
    head = words[-1]
    sector = cfg.titles[phrase] or None
    # Left: modifiers ("former"), portfolio words ("Energy"), one prefix ("Iranian", "UN").
    mods: list[str] = []
    portfolio: list[str] = []
    prefix: Match | None = None
    left = i
    j = i - 1
    while j >= 0:
        wj = toks[j]
        g = sc.gap(j, j + 1)
        low = wj.lower()
        m = sc.cover[j]
        if g == " " and low in cfg.modifiers and m is None:
            mods.insert(0, wj)
        elif (g == " " and head in cfg.portfolio_heads and prefix is None and not mods
              and m is None and wj[0].isupper() and wj not in sc.function_words
              and len(portfolio) < 3):
            portfolio.insert(0, wj)
        elif (prefix is None and m is not None and m.pattern.form in _PREFIX_FORMS
              and (g == " " or (g in ("’s ", "'s ") and m.pattern.form in (NAME, ORG, SEAT,
                                                                            CAPITAL)))):
            prefix = m
            while j > 0 and sc.cover[j - 1] is m:
                j -= 1
        else:
            break
        left = j
        j -= 1
    role_words = (*mods, *portfolio, *words)
    is_cap = toks[left][0].isupper() or toks[i][0].isupper() or \
        toks[i] in cfg.abbreviations
    # Right: the name, directly or after a comma ("Iran's foreign minister, Abbas Araghchi").
    name = None
    if tend < sc.n:
        g = sc.text[tend_char : starts[tend]]
        if g == " " or (g == ", " and prefix is not None):
            name = sc.name_right(tend)
    country, org_sector = _prefix_country(sc, prefix, phrase)
    if org_sector and (sector in (None, "GOV") or _armed(sc, prefix)):
        sector = org_sector
    if mods and all(m.lower() in ("former", "ex", "late") for m in mods):
        sector = "ELI" if sector else None
    if name is not None:
        a, b = name
        if not toks[tend][0].isupper():
            return None
        if (_title_case_line(sc.text, starts[a]) and sc.cover[a] is None
                and toks[a] not in cfg.given_names):
            # "France Leader Raises Possibility of Bans": in a Title Case headline the words
            # after a title are capitalised anyway; only a known or given name is a name.
            return None
        if not is_cap and prefix is None and b - a < 2:
            return None
        start = starts[left]
        end = ends[b - 1]
        return PersonHit(start, end, sc.span_text(a, b), _role_text(role_words), sector,
                         country, (start, end))
    # Appositive: "<Name>, [the] [former] <prefix> <title> [of <Country>]".
    k = left - 1
    if k >= 0 and toks[k].lower() in ("the", "a", "an") and sc.gap(k, k + 1) == " ":
        k -= 1
    if k < 0 or sc.gap(k, k + 1) != ", ":
        return None
    nm = sc.name_left(k)
    if nm is None:
        return None
    a, b = nm
    known = sc.cover[a] is not None and sc.cover[a].pattern.form == PERSON  # type: ignore[union-attr]
    if b - a < 2 and not known:
        return None
    if any(toks[x] in sc.cfg.org_words for x in range(a, b)):
        return None
    end_char = tend_char
    if prefix is None and tend + 1 < sc.n and toks[tend] == "of":
        m = sc.cover[tend + 1]
        if m is not None and m.pattern.form in (NAME, ORG):
            prefix = m
            end_char = m.end
            country, org_sector = _prefix_country(sc, prefix, phrase)
            if org_sector and (sector in (None, "GOV") or _armed(sc, prefix)):
                sector = org_sector
    if toks[i][0].isupper() and prefix is None:
        return None  # "Smith, President Biden's ..." is not an apposition
    return PersonHit(starts[a], ends[b - 1], sc.span_text(a, b), _role_text(role_words),
                     sector, country, (starts[a], end_char))


def _title_case_line(text: str, pos: int) -> bool:
    """Whether the line holding ``pos`` is a Title Case headline: a line without a final stop,
    most words capitalised, some lowercase letters (all capitals is another style)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start : end if end >= 0 else len(text)].rstrip()
    if line[-1:] in ".!?\"”'’":  # most lines: no words to split
        return False
    ws = [w for w in line.split() if w[:1].isalpha()]
    if len(ws) < 4 or line.upper() == line:
        return False
    return sum(w[0].isupper() for w in ws) >= 0.6 * len(ws)


def _armed(sc: Scan, prefix: Match | None) -> bool:
    """An armed group's people take its sector whatever their title ("Hamas commander")."""
    e = sc.lex.entries.get(prefix.pattern.entry) if prefix is not None else None
    return e is not None and e.kind == "armed_group"


def _prefix_country(sc: Scan, prefix: Match | None, phrase: str) -> tuple[str | None, str | None]:
    """Country and organisation sector that a prefix gives a title."""
    if prefix is None:
        return None, None
    state = prefix.state
    if state is not None and (prefix.pattern.form == STATE or phrase in _STATE_TITLES):
        return state, None
    if prefix.pattern.form == STATE:
        return None, None
    e = sc.lex.entries.get(prefix.pattern.entry)
    if e is None:
        return None, None
    if prefix.pattern.form == ORG or e.kind not in ("country", "group"):
        return e.country, e.sector
    return e.country, None


def find_verb_persons(sc: Scan, taken: Any) -> list[PersonHit]:
    """Unknown full names (2-4 capitalised words) directly followed by a speech/action verb."""
    toks, starts, ends = sc.words, sc.starts, sc.ends
    out: list[PersonHit] = []
    for k in sc.where(sc.cfg.verbs):
        if k == 0 or sc.gap(k - 1, k) != " ":
            continue
        nm = sc.name_left(k - 1)
        if nm is None:
            continue
        a, b = nm
        if not 2 <= b - a <= 4:
            continue
        # Unknown two-word names before a verb are as often firms ("Goldman Sachs said"):
        # without a known given name, only longer names count.
        if toks[a] not in sc.cfg.given_names and b - a < 3:
            continue
        if any(sc.cover[x] is not None or toks[x] in sc.cfg.org_words
               or toks[x].removesuffix("s") in sc.cfg.org_words for x in range(a, b)):
            continue
        s, e = starts[a], ends[b - 1]
        if not taken.free(s, e):
            continue
        out.append(PersonHit(s, e, sc.span_text(a, b), None, None, None, (s, e)))
    return out
