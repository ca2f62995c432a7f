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
    prev = sc.tokens[i - 1].text
    return not prev[0].isupper() or prev in sc.function_words


def _followed_by_capital(sc: Scan, b: int) -> bool:
    toks = sc.tokens
    return (b < len(toks) and not toks[b - 1].poss and sc.gap(b - 1, b) == " "
            and toks[b].text[0].isupper() and toks[b].text not in sc.function_words)


def find_name_persons(sc: Scan, taken: Any) -> list[PersonHit]:
    """2-4 capitalised name words starting with a given name, or 1-3 after "Mr."/"Dr."."""
    cfg = sc.cfg
    toks = sc.tokens
    text = sc.text
    out: list[PersonHit] = []
    i = 0
    n = len(toks)
    while i < n:
        w = toks[i].text
        hon = w in cfg.honorifics
        if not hon and w not in cfg.given_names:
            i += 1
            continue
        rng = None
        if hon:
            k = i + 1
            if k < n and text[toks[i].end : toks[k].start] in (" ", ". "):
                rng = sc.name_right(k, limit=3)
        elif _starts_name(sc, i) and (sc.cover[i] is None or sc.cover[i].pattern.form == STOP):  # type: ignore[union-attr]
            rng = sc.name_right(i, limit=4)
            if rng is not None and rng[1] - rng[0] < 2:
                rng = None
        if rng is None:
            i += 1
            continue
        a, b = rng
        words = [toks[x].text for x in range(a, b)]
        bad = (
            any(sc.cover[x] is not None and sc.cover[x].pattern.form != STOP  # type: ignore[union-attr]
                for x in range(a, b))
            or any(t in cfg.org_words or t in cfg.org_heads for t in words)
            or _followed_by_capital(sc, b)
        )
        s, e = toks[a].start, toks[b - 1].end
        if not bad and taken.free(s, e):
            out.append(PersonHit(s, e, sc.span_text(a, b), None, None, None, (s, e)))
        i = b
    return out


def find_name_orgs(sc: Scan, taken: Any) -> list[OrgHit]:
    """Capitalised sequences ending in an organisation word, with "of/for/on <Name>" after it;
    a leading country ("Iranian Red Crescent Society") gives the country. A bare sector phrase
    after a country ("Russian Foreign Ministry") is left to the sector groups."""
    cfg = sc.cfg
    toks = sc.tokens
    n = len(toks)
    out: list[OrgHit] = []
    j = 0
    while j < n:
        head = toks[j].text
        if head not in cfg.org_heads or sc.cover[j] is not None:
            j += 1
            continue
        a = j
        while a > 0 and sc.gap(a - 1, a) == " " and not toks[a - 1].poss:
            w = toks[a - 1].text
            if _org_word(w) or (w in _CONNECTORS and a >= 2 and sc.gap(a - 2, a - 1) == " "
                                and _org_word(toks[a - 2].text)):
                a -= 1
            else:
                break
        while a < j and toks[a].text in _CONNECTORS:
            a += 1
        b = j + 1
        if (b + 1 < n and not toks[j].poss and head not in _SUFFIXES
                and toks[b].text in ("of", "for")
                and sc.gap(j, b) == " " and sc.gap(b, b + 1) == " "):
            k = b + 1
            while (k < n and k - b <= 4 and _org_word(toks[k].text)
                   and (k == b + 1 or sc.gap(k - 1, k) == " ")):
                k += 1
                if toks[k - 1].poss:
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
            phrase = " ".join(toks[x].text for x in range(core, b)).lower()
            if country is None or phrase in cfg.sector_of or (core == j and b == j + 1):
                j += 1
                continue
        if (a == j and b == j + 1) or all(toks[x].text in _COMPASS for x in range(a, j)) or any(
                sc.cover[x] is not None and sc.cover[x].pattern.form not in (NAME, ADJ, STOP)  # type: ignore[union-attr]
                for x in range(a, b)):
            j += 1
            continue
        phrase = " ".join(toks[x].text for x in range(a, b))
        s, e_ = toks[a].start, toks[b - 1].end
        if phrase.lower() in cfg.sector_of or not taken.free(s, e_):
            j = b
            continue
        am = _ACRONYM.match(sc.text, e_)
        out.append(OrgHit(s, e_, phrase, cfg.org_heads[head] or None, country,
                          am.group(1) if am else None))
        j = b
    return out
