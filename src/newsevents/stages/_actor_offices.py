"""Office holders by date: "the Iranian president", "Iran's foreign minister", "the NATO chief"
without a name after them are the person holding that office on the article's date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from newsevents.lexicon import load_toml
from newsevents.stages._actor_lexicon import ADJ, NAME, ORG, Lexicon, Tenure
from newsevents.stages._actor_persons import Scan
from newsevents.stages._regex_first import trie_alternation

_POSSESSIVE = ("'s", "’s")
_FORMER = re.compile(r"(?:former|ex-|then-|late|outgoing|incoming|acting|deputy|vice)[ \t]*$",
                     re.IGNORECASE)
_THE = re.compile(r"(?<![\w-])(?:[Tt]he)[ \t]+$")


@dataclass(frozen=True, slots=True)
class OfficeRef:
    start: int
    end: int
    person: str  # person id
    tenure: Tenure


@cache
def _phrases() -> tuple[dict[str, frozenset[str]], re.Pattern[str]]:
    """Phrase (lower-case) -> canonical office keys, and a regex of the phrases after an
    owner ("Iranian", "Iran's", "NATO")."""
    keys: dict[str, set[str]] = {}
    for key, phrases in load_toml("titles.toml")["offices"].items():
        for p in phrases:
            keys.setdefault(p.lower(), set()).add(key)
    alt = trie_alternation(list(keys), space=" ")  # = the longest-first alternation
    rx = re.compile(rf"[ \t]+({alt})(?![\w-])", re.IGNORECASE)
    return {k: frozenset(v) for k, v in keys.items()}, rx


def _office_keys(office: str) -> frozenset[str]:
    low = office.lower()
    keys, _ = _phrases()
    out: set[str] = set()
    for p, ks in keys.items():
        if low == p or low.endswith(" " + p):
            out |= ks
    return frozenset(out)


def office_index(lex: Lexicon) -> dict[tuple[str, str], list[tuple[str, Tenure]]]:
    """(owner, office key) -> (person id, tenure) for every dated office in the lexicon; the
    owner is the country, or the organisation named at the start of the office ("UN
    Secretary-General" -> igo:UN) when the office has no country."""
    index: dict[tuple[str, str], list[tuple[str, Tenure]]] = {}
    for pid, tenures in lex.tenures.items():
        for t in tenures:
            owner = t.country
            if owner is None:
                ms = [m for m in lex.scan(t.office) if m.pattern.form == ORG]
                owner = ms[0].pattern.entry if ms else None
            if owner is None:
                continue
            for k in _office_keys(t.office):
                index.setdefault((owner, k), []).append((pid, t))
    return index


def _holder(cands: list[tuple[str, Tenure]], day: date) -> tuple[str, Tenure] | None:
    held = [(p, t) for p, t in cands
            if t.start is not None and t.start <= day and (t.end is None or day < t.end)]
    persons = {p for p, _t in held}
    return held[0] if len(persons) == 1 else None


def find_office_refs(
    sc: Scan, index: dict[tuple[str, str], list[tuple[str, Tenure]]], published: date | None,
    free: object,
) -> list[OfficeRef]:
    """'<owner> <office>' phrases with no name after them, resolved to the holder on
    ``published`` (nothing when the date is unknown or the data has no single holder)."""
    if published is None or not index:
        return []
    keys, rx = _phrases()
    text = sc.text
    out: list[OfficeRef] = []
    for m in sc.matches:
        form = m.pattern.form
        if form not in (NAME, ADJ, ORG):
            continue
        e = sc.lex.entries.get(m.pattern.entry)
        if e is None:
            continue
        owner = e.country if e.kind == "country" else e.id if e.kind == "igo" else None
        if owner is None:
            continue
        pos = m.end
        if text.startswith(_POSSESSIVE, pos) and form != ADJ:
            pos += 2
        om = rx.match(text, pos)
        if om is None:
            continue
        end = om.end()
        after = text[end : end + 40]
        # A name after the office is a titled person, found elsewhere ("President Masoud ...").
        if re.match(r"[ \t]*,?[ \t]*[A-Z][a-z]", after) or re.match(r"[ \t]+of\b", after):
            continue
        before = text[max(0, m.start - 20) : m.start]
        if _FORMER.search(before):
            continue
        hits = [h for k in keys[om.group(1).lower()]
                for h in [_holder(index.get((owner, k), []), published)] if h is not None]
        if len({p for p, _t in hits}) != 1:
            continue
        the = _THE.search(before)
        start = m.start - (len(before) - the.start()) if the else m.start
        if not free(start, end):  # type: ignore[operator]
            continue
        out.append(OfficeRef(start, end, hits[0][0], hits[0][1]))
    return out
