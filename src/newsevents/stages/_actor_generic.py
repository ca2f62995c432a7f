"""Unnamed groups ("Police fire tear gas at protesters"): bare sector nouns as group actors.

A bare plural such as "farmers" or "rebels" names a sector group of the country its sentence
(or else the article) is about, ``KEN:AGR``; without such a country it is the country-less group
``group:AGR``. The nouns are ``titles.toml`` ``[generic_groups]``; kind is "group", which the NER
scorer leaves out (these are references, not names).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from newsevents.lexicon import load_toml
from newsevents.stages._actor_lexicon import SECTOR_NAMES
from newsevents.stages._actor_prefilter import prefiltered
from newsevents.stages._actor_refs import Builder, Mentions
from newsevents.stages._regex_first import trie_alternation

__all__ = ["GENERIC_PREFIX", "GenericConfig", "add_generic_groups", "generic_config"]

GENERIC_PREFIX = "group:"
# A state body's modified group noun is its country's ("White House security officials").
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG", "ELI"})
_LAST_WORD = re.compile(r"(?:^|\s)([\w-]+)\s+$")
_FROM = re.compile(r"\s+from\s+(?:the\s+)?", re.IGNORECASE)
_LIST_GOES_ON = re.compile(r",? (?:and )?[A-Z]")
# A lower-case word that can be a noun inside a compound ("palace", "guard"): not an -ed, -ing,
# -ly or plural -s form (verbs, participles and adverbs end so; "press" and "status" may stand).
_COMPOUND_NOUN = re.compile(r"[a-z]{3,}(?<!ed)(?<!ing)(?<!ly)(?:(?<=ss)|(?<=us)|(?<!s))")
_NOT_NOUNS = frozenset({
    "the", "and", "but", "for", "nor", "yet", "not", "its", "his", "her", "our", "their", "who",
    "whom", "which", "that", "this", "these", "those", "with", "from", "into", "onto", "over",
    "under", "after", "before", "about", "against", "between", "during", "while", "when",
    "where", "then", "than", "also", "will", "would", "could", "should", "must", "may", "might",
    "can", "say", "told", "tell", "saw", "see", "took", "take", "gave", "give", "made", "make",
    "sent", "send", "left", "came", "come", "went", "met", "meet", "held", "hold", "led",
    "lead", "won", "win", "ran", "run", "put", "set", "let", "got", "get", "new", "other",
    "all", "some", "any", "many", "more", "most", "own", "one", "two", "three", "now",
})


@dataclass(frozen=True, slots=True)
class GenericConfig:
    sector_of: dict[str, str]  # lower-case noun phrase -> sector
    noun_re: re.Pattern[str]
    not_before: frozenset[str]
    modifiers: frozenset[str]  # words between an actor and its group noun ("security officials")
    first_words: tuple[str, ...]  # the nouns' first words: the probes of the noun scan


@cache
def generic_config() -> GenericConfig:
    data = load_toml("titles.toml")
    sector_of = {w.lower(): sector
                 for sector, words in data.get("generic_groups", {}).items() for w in words}
    # A prefix tree of the nouns, not a longest-first alternation: the same matches, several
    # times faster (this scan was the actors stage's main cost).
    alts = trie_alternation(list(sector_of), space=" ")
    noun_re = re.compile(rf"(?<![\w'’-])(?:{alts})(?![\w-])", re.IGNORECASE)
    # The sector nouns' own modifier test ("Iran's military support") applies here too.
    nb = [*data.get("generic_groups_not_before", {}).get("words", []),
          *data.get("event_nouns", {}).get("words", [])]
    mods = [*data.get("modifiers", {}).get("words", []),
            *data.get("generic_groups_modifiers", {}).get("words", [])]
    return GenericConfig(sector_of, noun_re, frozenset(w.lower() for w in nb),
                         frozenset(w.lower() for w in mods),
                         tuple(sorted({p.split()[0] for p in sector_of})))


def generic_id(country: str | None, sector: str) -> str:
    """``KEN:AGR`` for a country's group, ``group:AGR`` without a country."""
    return f"{country}:{sector}" if country else GENERIC_PREFIX + sector


def add_generic_groups(
    ms: Mentions, dominant: str | None, group: Callable[[str | None, str], Builder],
    starts: Iterable[int] | None = None, name_country: str | None = None,
) -> None:
    """Add a group actor for every free bare sector noun of the text (see module doc).

    ``group(country, sector)`` returns the builder of that group (made on first use);
    ``starts`` are the places of the nouns' first words in the lower-case text (the probe
    "generic" of the stage's lexicon; None: not known); ``name_country`` is the one country
    the article's organisation names contain, if any."""
    cfg = generic_config()
    text = ms.text
    if dominant is None:
        # An article naming one country only is about it; "the UK-based monitor" names the
        # monitor's seat, not the country of the story. Naming none, it is about the one
        # country its organisations are named after ("the Syrian Observatory ..."), if any.
        named = {b.country for b in ms.actors.values() if b.kind == "country" and b.country
                 and any(not _based(text, e) for _s, e in b.spans)}
        dominant = named.pop() if len(named) == 1 else None if named else name_country
    by_sentence: dict[int, set[str]] | None = None  # made when first needed
    # Tried only where a noun's first word is (the scan at every character was the stage's
    # largest regex cost).
    for m in prefiltered(cfg.noun_re, starts, text):
        start, end = m.start(), m.end()
        if not ms.free(start, end):
            continue
        nxt = text[end:end + 24].split(None, 1)
        if text.startswith(("'s", "’s"), end) or (nxt and nxt[0].lower() in cfg.not_before):
            continue  # "police station", "army base", "children's hospital": a modifier
        if _after_actor(ms, text, start):
            continue  # "Hamas fighters": the named actor's own members
        owner = _owner_before(ms, text, start, cfg.modifiers)
        if owner is not None and not (owner.country and (
                owner.kind == "country" or owner.sector in _STATE_SECTORS)):
            continue  # "Hamas senior officials": still the named actor's members
        sector = cfg.sector_of[m.group().lower()]
        country = (owner.country if owner is not None else None) or _country_after(ms, text, end)
        if not country:
            if by_sentence is None:
                by_sentence = _sentence_countries(ms)
            # The one country named in the noun's sentence (countries and their groups).
            isos = by_sentence.get(ms.sentence_of(start), ())
            country = next(iter(isos)) if len(isos) == 1 else None
        if owner is not None and owner.kind == "group" and owner.sector == sector:
            b = owner  # "West German world government": the owner group itself
        else:
            b = group(country or dominant, sector)
        ms.add(b, start, end)
        if by_sentence is not None and b.country and _names_country(b):
            by_sentence.setdefault(ms.sentence_of(start), set()).add(b.country)


def _after_actor(ms: Mentions, text: str, start: int) -> bool:
    """Whether an actor mention ends right before ``start`` (spaces or a possessive apart)."""
    j = start
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    if text[max(0, j - 2):j] in ("'s", "’s"):
        j -= 2
    return j < start and j > 0 and not ms.free(j - 1, j)


def _owner_before(ms: Mentions, text: str, start: int, modifiers: frozenset[str]) -> Builder | None:
    """The actor whose compound modifier the noun is: a mention followed by one or two
    modifier words ("White House security officials", "Gondor's senior officials")."""
    j, n, plain = start, 0, 0
    while n < 2:
        m = _LAST_WORD.search(text[max(0, j - 40):j])
        if m is None:
            break
        w = m.group(1)
        at = j - len(m.group()) + (1 if m.group()[0].isspace() else 0)  # the word's start
        if w in ("and", "or") and n == 1 and _modifier_before(text, at, modifiers):
            j = at  # coordinated modifiers: "Gondor's political and military officials"
            continue
        if w.lower() not in modifiers:
            # A possessive owns the whole noun compound after it ("Gondor's palace guard
            # militia"): plain lower-case nouns may stand there, never a verb, adverb or
            # function word (no -ed/-ing/-ly/-s forms), and no actor's words.
            if not _COMPOUND_NOUN.fullmatch(w) or w in _NOT_NOUNS:
                break
            plain += 1
        j -= len(m.group()) - (1 if m.group()[0].isspace() else 0)
        n += 1
    if n == 0:
        return None
    while j > 0 and text[j - 1] == " ":
        j -= 1
    adjective = False
    if text[max(0, j - 2):j] in ("'s", "’s"):
        j -= 2
    elif plain:
        # Only a possessive or a country adjective reaches over plain nouns: "German world
        # government activists" are German, "Gondor guard militia" is no one's.
        adjective = True
    for b in ms.actors.values():
        if not b.id.startswith(GENERIC_PREFIX) and any(
            e == j and (not adjective or _adjective(text[s:e], b)) for s, e in b.spans
        ):
            return b
    return None


def _modifier_before(text: str, end: int, modifiers: frozenset[str]) -> bool:
    """Whether the word ending right before ``end`` (spaces apart) is a group modifier."""
    m = _LAST_WORD.search(text[max(0, end - 40):end].rstrip() + " ")
    return m is not None and m.group(1).lower() in modifiers


# A country adjective ("German", "West German", "Kenyan", "Somali", "Danish", "French").
_ADJECTIVE = re.compile(r"(?:[A-Z][a-z]+ )?[A-Z][a-z]+(?:an|ese|i|ish|ch|ic)")


def _adjective(mention: str, b: Builder) -> bool:
    """Whether ``mention`` of ``b`` is a country adjective, not a country's name ("Iran")."""
    return b.kind in ("country", "group") and bool(b.country) and (
        _ADJECTIVE.fullmatch(mention) is not None
        and (b.kind == "group" or mention.lower() != b.name.lower()))


def _country_after(ms: Mentions, text: str, end: int) -> str | None:
    """The country of "troops from Chad": a country named right after "from"."""
    m = _FROM.match(text[end:end + 16])
    if m is None:
        return None
    at = end + m.end()
    for b in ms.actors.values():
        for s, e in b.spans:
            if s == at and b.kind == "country" and b.country:
                # "ministers from Britain, Canada and France" are no one country's
                return None if _LIST_GOES_ON.match(text[e:e + 6]) else b.country
    return None


def _names_country(b: Builder) -> bool:
    """Whether ``b``'s mentions name its country in their sentences (countries and groups)."""
    return bool(b.country) and b.kind in ("country", "group") \
        and not b.id.startswith(GENERIC_PREFIX)


def _sentence_countries(ms: Mentions) -> dict[int, set[str]]:
    """Sentence index -> the countries named in it: built once per article and kept up to date
    as groups are added, not recomputed over every mention for every noun."""
    out: dict[int, set[str]] = {}
    for b in ms.actors.values():
        if b.country and _names_country(b):
            for s, e in b.spans:
                if _based(ms.text, e):
                    continue  # "a UK-based group": a seat, not the sentence's country
                out.setdefault(ms.sentence_of(s), set()).add(b.country)
    return out


def _based(text: str, end: int) -> bool:
    """Whether the mention ending at ``end`` is a seat ("UK-based", "London-based")."""
    return text.startswith("-based", end)


def generic_name(country_adj: str | None, sector: str) -> str:
    """"Kenyan police"; "police" without a country."""
    noun = SECTOR_NAMES.get(sector, sector)
    return f"{country_adj} {noun}" if country_adj else noun
