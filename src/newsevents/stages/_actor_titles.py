"""Titles, sector nouns and reference words for the actors stage, loaded once from titles.toml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from newsevents.lexicon import data_path, load_toml
from newsevents.stages._regex_first import trie_alternation

# Person nouns that name who speaks for a sector rather than the sector itself: in a chain
# ("military officials") the other noun decides the sector.
GENERIC_NOUNS = frozenset({
    "officials", "official", "leaders", "spokesman", "spokeswoman", "spokesperson",
    "officers", "commanders", "ministers", "envoys", "diplomats", "diplomat", "delegation",
})


@dataclass(frozen=True, eq=False)  # hashed by identity: one per process, cached
class TitleConfig:
    titles: dict[str, str]  # lower-case title phrase -> sector ("" when none)
    max_words: int
    first_words: frozenset[str]  # first words of title phrases, lower-case
    abbreviations: dict[str, str]
    portfolio_heads: frozenset[str]
    modifiers: frozenset[str]
    sector_of: dict[str, str]  # lower-case sector noun -> sector
    sector_re: re.Pattern[str]  # a sector noun right after a position
    event_re: re.Pattern[str]  # an event noun right after a position
    verbs: frozenset[str]
    auxiliaries: frozenset[str]
    two_person: tuple[str, ...]
    all_person: tuple[str, ...]
    two_country: tuple[str, ...]
    one_country: tuple[str, ...]
    two_party: tuple[str, ...]
    stopwords: frozenset[str]
    org_words: frozenset[str]
    particles: frozenset[str]
    function_words: frozenset[str]  # stopwords that cannot be portfolio words ("The", "May")
    given_names: frozenset[str]  # given_names.txt: first words of untitled persons' names
    org_heads: dict[str, str]  # last word of an organisation's name -> sector ("" when none)
    honorifics: frozenset[str]  # "Mr", "Dr": the capitalised words after them are a name

    def title_sector(self, phrase: str) -> str | None:
        return self.titles.get(phrase.lower()) or None


def _alternation(words: list[str]) -> str:
    # A prefix tree: the same matches as the longest-first alternation, found faster.
    return trie_alternation(sorted(set(words)), space=" ")


@cache
def title_config() -> TitleConfig:
    cfg = load_toml("titles.toml")
    titles = {k.lower(): v for k, v in cfg["titles"].items()}
    sector_of: dict[str, str] = {}
    for sector, nouns in cfg["sector_nouns"].items():
        for n in nouns:
            sector_of.setdefault(n.lower(), sector)
    nouns = list(sector_of)
    refs = cfg["references"]
    return TitleConfig(
        titles=titles,
        max_words=max(len(t.split()) for t in titles),
        first_words=frozenset(t.split()[0] for t in titles),
        abbreviations=dict(cfg["abbreviations"]),
        portfolio_heads=frozenset(cfg["portfolio"]["heads"]),
        modifiers=frozenset(cfg["modifiers"]["words"]),
        sector_of=sector_of,
        sector_re=re.compile(rf"[ \t]+({_alternation(nouns)})(?![\w-])", re.IGNORECASE),
        event_re=re.compile(rf"[ \t]+(?:{_alternation(cfg['event_nouns']['words'])})(?![\w-])"),
        verbs=frozenset(cfg["verbs"]["words"]),
        auxiliaries=frozenset(cfg["auxiliaries"]["words"]),
        two_person=tuple(refs["two_person"]),
        all_person=tuple(refs["all_person"]),
        two_country=tuple(refs["two_country"]),
        one_country=tuple(refs["one_country"]),
        two_party=tuple(refs.get("two_party", ())),
        stopwords=frozenset(cfg["name_stopwords"]["words"]),
        org_words=frozenset(cfg["org_words"]["words"]),
        particles=frozenset(cfg["particles"]["words"]),
        function_words=frozenset(cfg["name_stopwords"]["words"])
        - frozenset(cfg["org_words"]["words"]),
        given_names=_lines("given_names.txt"),
        org_heads=dict(cfg["org_heads"]),
        honorifics=frozenset(cfg["honorifics"]["words"]),
    )


def _lines(name: str) -> frozenset[str]:
    with data_path(name).open("r", encoding="utf-8") as f:
        return frozenset(ln.strip() for ln in f if ln.strip() and not ln.startswith("#"))


def chain_sector(nouns: list[str], cfg: TitleConfig) -> str | None:
    """The sector of a chain of sector nouns ("government forces" -> MIL)."""
    specific = [n for n in nouns if n.lower() not in GENERIC_NOUNS]
    pick = specific[-1] if specific else nouns[0]
    return cfg.sector_of.get(pick.lower())
