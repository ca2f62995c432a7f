"""Untitled names: persons ("Maria Lopez", "Mr. Smith") from a given-name list, and
organisations from their last word ("Supreme National Security Council", "Bank of Korea")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from newsevents.stages._actor_lexicon import ADJ, NAME, STOP
from newsevents.stages._actor_persons import PersonHit, Scan

_CONNECTORS = frozenset({"&"})
_COMPASS = frozenset({"West", "East", "North", "South", "Western", "Eastern", "Northern",
                      "Southern", "Central"})
# Company suffixes end a name: "Inc of St. Louis" is not one organisation.
_SUFFIXES = frozenset({"Inc", "Corp", "Ltd", "Plc", "PLC", "LLC", "AG", "Co"})
_ACRONYM = re.compile(r" \(([A-Z][A-Z0-9&-]{1,9})\)")
# Capitalised words that begin sentences and clauses, never an organisation's name.
_LEADING = frozenset({"The", "A", "An", "But", "And", "Or", "In", "On", "At", "For", "From",
                      "With", "By", "As", "Of", "To", "When", "While", "After", "Before",
                      "If", "Its", "His", "Her", "Their", "Our", "This", "That",
                      "January", "February", "March", "April", "May", "June", "July",
                      "August", "September", "October", "November", "December", "Monday",
                      "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"})


def _org_word(w: str) -> bool:
    """A word that can be part of an organisation's name ("Louis-based" cannot)."""
    if not w[0].isupper() or w in _LEADING or "year-old" in w:
        return False
    return not any(p[:1].islower() for p in w.split("-")[1:])


@dataclass(frozen=True, slots=True)
class OrgHit:
    start: int
    end: int
    name: str
    sector: str | None
    country: str | None
    acronym: str | None


def _starts_name(sc: Scan, i: int) -> bool:
    """Token i is not the continuation of a longer capitalised sequence."""
    if i == 0 or sc.gap(i - 1, i) != " ":
        return True
    prev = sc.words[i - 1]
    return not prev[0].isupper() or prev in sc.function_words


def _followed_by_capital(sc: Scan, b: int) -> bool:
    toks = sc.words
    return (b < sc.n and not sc.poss(b - 1) and sc.gap(b - 1, b) == " "
            and toks[b][0].isupper() and toks[b] not in sc.function_words)


def find_name_persons(sc: Scan, taken: Any) -> list[PersonHit]:
    """2-4 capitalised name words starting with a given name, or 1-3 after "Mr."/"Dr."."""
    cfg = sc.cfg
    toks, starts, ends = sc.words, sc.starts, sc.ends
    text = sc.text
    out: list[PersonHit] = []
    n = sc.n
    nxt = 0  # the words before it belong to a name already read
    for i in sc.where(cfg.honorifics, cfg.given_names):
        if i < nxt:
            continue
        hon = toks[i] in cfg.honorifics
        rng = None
        if hon:
            k = i + 1
            if k < n and text[ends[i] : starts[k]] in (" ", ". "):
                rng = sc.name_right(k, limit=3)
        elif _starts_name(sc, i) and (sc.cover[i] is None or sc.cover[i].pattern.form == STOP):  # type: ignore[union-attr]
            rng = sc.name_right(i, limit=4)
            if rng is not None and rng[1] - rng[0] < 2:
                rng = None
        if rng is None:
            continue
        a, b = rng
        words = toks[a:b]
        bad = (
            any(sc.cover[x] is not None and sc.cover[x].pattern.form != STOP  # type: ignore[union-attr]
                for x in range(a, b))
            or any(t in cfg.org_words or t in cfg.org_heads for t in words)
            or _followed_by_capital(sc, b)
        )
        s, e = starts[a], ends[b - 1]
        if not bad and taken.free(s, e):
            out.append(PersonHit(s, e, sc.span_text(a, b), None, None, None, (s, e)))
        nxt = b
    return out


def find_name_orgs(sc: Scan, taken: Any) -> list[OrgHit]:
    """Capitalised sequences ending in an organisation word, with "of/for/on <Name>" after it;
    a leading country ("Iranian Red Crescent Society") gives the country. A bare sector phrase
    after a country ("Russian Foreign Ministry") is left to the sector groups."""
    cfg = sc.cfg
    toks, starts, ends = sc.words, sc.starts, sc.ends
    n = sc.n
    out: list[OrgHit] = []
    nxt = 0  # the words before it belong to a name already read
    for j in sc.where(cfg.org_heads.keys()):
        if j < nxt or sc.cover[j] is not None:
            continue
        head = toks[j]
        a = j
        while a > 0 and sc.gap(a - 1, a) == " " and not sc.poss(a - 1):
            w = toks[a - 1]
            if _org_word(w) or (w in _CONNECTORS and a >= 2 and sc.gap(a - 2, a - 1) == " "
                                and _org_word(toks[a - 2])):
                a -= 1
            else:
                break
        while a < j and toks[a] in _CONNECTORS:
            a += 1
        b = j + 1
        if (b + 1 < n and not sc.poss(j) and head not in _SUFFIXES
                and toks[b] in ("of", "for")
                and sc.gap(j, b) == " " and sc.gap(b, b + 1) == " "):
            k = b + 1
            while (k < n and k - b <= 4 and _org_word(toks[k])
                   and (k == b + 1 or sc.gap(k - 1, k) == " ")):
                k += 1
                if sc.poss(k - 1):
                    break
            if k > b + 1:
                b = k
        country = None
        m = sc.cover[a]
        if m is not None and m.pattern.form in (NAME, ADJ) and a < j:
            e = sc.lex.entries.get(m.pattern.entry)
            country = e.country if e is not None and e.kind == "country" else None
            core = a
            while core < j and sc.cover[core] is m:
                core += 1
            phrase = " ".join(toks[x] for x in range(core, b)).lower()
            if country is None or phrase in cfg.sector_of or (core == j and b == j + 1):
                continue
        # A bare head is no name, nor one after compass words only ("West Bank"); a head
        # with its "of" phrase is ("Ministry of Health", "Council of Europe").
        compass = a < j and all(toks[x] in _COMPASS for x in range(a, j))
        if (a == j and b == j + 1) or compass or any(
                sc.cover[x] is not None and sc.cover[x].pattern.form not in (NAME, ADJ, STOP)  # type: ignore[union-attr]
                for x in range(a, b)):
            continue
        phrase = " ".join(toks[x] for x in range(a, b))
        s, e_ = starts[a], ends[b - 1]
        if phrase.lower() in cfg.sector_of or not taken.free(s, e_):
            nxt = b
            continue
        am = _ACRONYM.match(sc.text, e_)
        out.append(OrgHit(s, e_, phrase, cfg.org_heads[head] or None, country,
                          am.group(1) if am else None))
        nxt = b
    return out
