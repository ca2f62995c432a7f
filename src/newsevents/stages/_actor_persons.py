"""Persons with roles learned from the text ("Iranian President Masoud Pezeshkian",
"Nikol Pashinyan, Armenia's prime minister") and unknown full names before a speech verb."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, NamedTuple

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


class Token(NamedTuple):
    start: int
    end: int
    text: str
    poss: bool  # followed by "'s" / "’s"


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


def tokenize(text: str) -> list[Token]:
    # tuple.__new__ skips NamedTuple's Python-level constructor: this loop is the stage's
    # hottest.
    new, poss = tuple.__new__, text.startswith
    return [
        new(Token, (m.start(), e, m.group(), poss(_POSS, e)))
        for m in _TOKEN.finditer(text)
        for e in (m.end(),)
    ]


class Scan:
    """One article's tokens and lexicon matches, with the questions the person rules ask."""

    def __init__(self, text: str, matches: list[Match], lex: Lexicon, cfg: TitleConfig) -> None:
        self.text = text
        self.matches = matches
        self.tokens = tokenize(text)
        self.lex = lex
        self.cfg = cfg
        # The match covering each token (matches and tokens both in text order); locals and
        # tuple indexing, not attributes: this runs once per token of every article.
        cover: list[Match | None] = []
        add = cover.append
        mi = 0
        nm = len(matches)
        m = matches[0] if nm else None
        for t_start, t_end, _w, _p in self.tokens:
            while m is not None and m.end <= t_start:
                mi += 1
                m = matches[mi] if mi < nm else None
            add(m if m is not None and m.start < t_end else None)
        self.cover = cover
        self._starts = {t[0]: i for i, t in enumerate(self.tokens)}
        self.function_words = cfg.function_words

    def index_at(self, start: int) -> int | None:
        return self._starts.get(start)

    def right_edge(self, i: int) -> int:
        m = self.cover[i]
        return max(self.tokens[i].end, m.end) if m is not None else self.tokens[i].end

    def gap(self, i: int, j: int) -> str:
        """Text between token i (with its match) and token j."""
        edge = self.right_edge(i)
        if edge > self.tokens[j].start:  # both inside one match ("Masoud Pezeshkian")
            edge = self.tokens[i].end
        return self.text[edge : self.tokens[j].start]

    def is_name(self, i: int, *, known_ok: bool = True) -> bool:
        t = self.tokens[i]
        m = self.cover[i]
        if m is not None and m.pattern.form != STOP and not (known_ok and m.pattern.form == PERSON):
            return False
        w = t.text
        if w in self.cfg.stopwords or "year-old" in w:
            return False
        if w[0].isupper():
            return any(c.islower() for c in w) or len(w) == 1 or bool(_ROMAN.fullmatch(w))
        return w in self.cfg.particles or w.startswith(("al-", "el-"))

    def name_right(self, k: int, limit: int = 6) -> tuple[int, int] | None:
        """The name starting at token k, as a token range, or None."""
        n = len(self.tokens)
        j = k
        while j < n and j - k < limit and self.is_name(j):
            if j > k:
                g = self.gap(j - 1, j)
                if not (g == " " or (g == ". " and len(self.tokens[j - 1].text) == 1)):
                    break
            j += 1
            if self.tokens[j - 1].poss:
                break
        while j > k and not self.tokens[j - 1].text[0].isupper() \
                and not _PARTICLE_NAME.match(self.tokens[j - 1].text):
            j -= 1
        if j == k or not self.tokens[k].text[0].isupper():
            return None
        if j - k == 1 and len(self.tokens[k].text) == 1:
            return None
        return k, j

    def name_left(self, k: int, limit: int = 4) -> tuple[int, int] | None:
        """The name ending at token k (inclusive), as a token range, or None."""
        i = k
        while i >= 0 and k - i < limit and self.is_name(i) and not self.tokens[i].poss:
            if i < k and self.gap(i, i + 1) != " ":
                break
            i -= 1
        i += 1
        if i > k or not self.tokens[i].text[0].isupper() or not self.tokens[k].text[0].isupper():
            return None
        if i > 0 and self.gap(i - 1, i) == " " and self.tokens[i - 1].text[0].isupper() \
                and self.tokens[i - 1].text not in self.function_words:
            return None  # part of a longer capitalised sequence: not clearly a name
        return i, k + 1

    def span_text(self, i: int, j: int) -> str:
        return self.text[self.tokens[i].start : self.tokens[j - 1].end]


def _role_text(words: list[str]) -> str:
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


def _title_at(sc: Scan, i: int) -> tuple[int, int, list[str]] | None:
    """A title phrase starting at token i: (end token, end char, words)."""
    cfg = sc.cfg
    tokens = sc.tokens
    words: list[str] = []
    ends: list[int] = []
    j = i
    while j < len(tokens) and len(words) < cfg.max_words:
        t = tokens[j]
        if j > i:
            g = sc.text[ends[-1] : t.start]
            if g != " ":
                break
        if sc.cover[j] is not None and sc.cover[j].pattern.form != STOP:  # type: ignore[union-attr]
            break
        if t.text in cfg.abbreviations and sc.text.startswith(".", t.end):
            words.append(cfg.abbreviations[t.text].lower())
            ends.append(t.end + 1)
        else:
            words.append(t.text.lower())
            ends.append(t.end)
        j += 1
        if t.poss:
            break
    for n in range(len(words), 0, -1):
        if " ".join(words[:n]) in cfg.titles:
            return i + n, ends[n - 1], words[:n]
    return None


def find_title_persons(sc: Scan) -> list[PersonHit]:
    cfg = sc.cfg
    tokens = sc.tokens
    hits: list[PersonHit] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        first = t.text.lower()
        if first not in cfg.first_words and t.text not in cfg.abbreviations:
            i += 1
            continue
        found = _title_at(sc, i)
        if found is None:
            i += 1
            continue
        tend, tend_char, words = found
        phrase = " ".join(words)
        hit = _person_for_title(sc, i, tend, tend_char, words, phrase)
        if hit is not None:
            hits.append(hit)
            i = max(tend, sc.index_at(hit.end) or tend, i + 1)
            while i < len(tokens) and tokens[i].start < hit.end:
                i += 1
        else:
            i = tend
    return hits


def _person_for_title(
    sc: Scan, i: int, tend: int, tend_char: int, words: list[str], phrase: str
) -> PersonHit | None:
    cfg = sc.cfg
    tokens = sc.tokens
    head = words[-1]
    sector = cfg.titles[phrase] or None
    # Left: modifiers ("former"), portfolio words ("Energy"), one prefix ("Iranian", "UN").
    mods: list[str] = []
    portfolio: list[str] = []
    prefix: Match | None = None
    left = i
    j = i - 1
    while j >= 0:
        tj = tokens[j]
        g = sc.gap(j, j + 1)
        low = tj.text.lower()
        m = sc.cover[j]
        if g == " " and low in cfg.modifiers and m is None:
            mods.insert(0, tj.text)
        elif (g == " " and head in cfg.portfolio_heads and prefix is None and not mods
              and m is None and tj.text[0].isupper() and tj.text not in sc.function_words
              and len(portfolio) < 3):
            portfolio.insert(0, tj.text)
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
    role_words = [*mods, *portfolio, *words]
    is_cap = tokens[left].text[0].isupper() or tokens[i].text[0].isupper() or \
        tokens[i].text in cfg.abbreviations
    # Right: the name, directly or after a comma ("Iran's foreign minister, Abbas Araghchi").
    name = None
    if tend < len(tokens):
        g = sc.text[tend_char : tokens[tend].start]
        if g == " " or (g == ", " and prefix is not None):
            name = sc.name_right(tend)
    country, org_sector = _prefix_country(sc, prefix, phrase)
    if org_sector and (sector in (None, "GOV") or _armed(sc, prefix)):
        sector = org_sector
    if mods and all(m.lower() in ("former", "ex", "late") for m in mods):
        sector = "ELI" if sector else None
    role = _role_text(role_words)
    if name is not None:
        a, b = name
        if not tokens[tend].text[0].isupper():
            return None
        if (_title_case_line(sc.text, tokens[a].start) and sc.cover[a] is None
                and tokens[a].text not in cfg.given_names):
            # "France Leader Raises Possibility of Bans": in a Title Case headline the words
            # after a title are capitalised anyway; only a known or given name is a name.
            return None
        if not is_cap and prefix is None and b - a < 2:
            return None
        start = tokens[left].start
        end = tokens[b - 1].end
        return PersonHit(start, end, sc.span_text(a, b), role, sector, country, (start, end))
    # Appositive: "<Name>, [the] [former] <prefix> <title> [of <Country>]".
    k = left - 1
    if k >= 0 and tokens[k].text.lower() in ("the", "a", "an") and sc.gap(k, k + 1) == " ":
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
    if any(tokens[x].text in sc.cfg.org_words for x in range(a, b)):
        return None
    end_char = tend_char
    if prefix is None and tend + 1 < len(tokens) and tokens[tend].text == "of":
        m = sc.cover[tend + 1]
        if m is not None and m.pattern.form in (NAME, ORG):
            prefix = m
            end_char = m.end
            country, org_sector = _prefix_country(sc, prefix, phrase)
            if org_sector and (sector in (None, "GOV") or _armed(sc, prefix)):
                sector = org_sector
    if tokens[i].text[0].isupper() and prefix is None:
        return None  # "Smith, President Biden's ..." is not an apposition
    return PersonHit(tokens[a].start, tokens[b - 1].end, sc.span_text(a, b), role, sector,
                     country, (tokens[a].start, end_char))


def _title_case_line(text: str, pos: int) -> bool:
    """Whether the line holding ``pos`` is a Title Case headline: a line without a final stop,
    most words capitalised, some lowercase letters (all capitals is another style)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start : end if end >= 0 else len(text)].rstrip()
    ws = [w for w in line.split() if w[:1].isalpha()]
    if len(ws) < 4 or line.upper() == line or line[-1:] in ".!?\"”'’":
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
    tokens = sc.tokens
    out: list[PersonHit] = []
    for k in range(1, len(tokens)):
        if tokens[k].text not in sc.cfg.verbs or sc.gap(k - 1, k) != " ":
            continue
        nm = sc.name_left(k - 1)
        if nm is None:
            continue
        a, b = nm
        if not 2 <= b - a <= 4:
            continue
        # Unknown two-word names before a verb are as often firms ("Goldman Sachs said"):
        # without a known given name, only longer names count.
        if tokens[a].text not in sc.cfg.given_names and b - a < 3:
            continue
        if any(sc.cover[x] is not None or tokens[x].text in sc.cfg.org_words
               or tokens[x].text.removesuffix("s") in sc.cfg.org_words for x in range(a, b)):
            continue
        s, e = tokens[a].start, tokens[b - 1].end
        if not taken.free(s, e):
            continue
        out.append(PersonHit(s, e, sc.span_text(a, b), None, None, None, (s, e)))
    return out
