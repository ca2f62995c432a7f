"""Later mentions: surnames, "the president", "the two leaders", "the nation" (conservative)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache

from newsevents.records import Sentence
from newsevents.stages._actor_lexicon import ADJ, NAME, STOP, Match
from newsevents.stages._actor_persons import Scan
from newsevents.stages._actor_prefilter import prefiltered
from newsevents.stages._actor_titles import TitleConfig
from newsevents.stages._regex_first import guarded, trie_alternation

_ROLE_MODIFIERS = ("vice", "deputy", "acting", "interim", "former", "ex", "assistant", "late")


@dataclass
class Builder:
    """An actor being assembled from its mentions."""

    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    roles: list[str] = field(default_factory=list)
    spans: dict[tuple[int, int], str] = field(default_factory=dict)

    def first(self) -> int:
        return min(s for s, _ in self.spans) if self.spans else 1 << 62


class Mentions:
    """All actors of one article, with the spans already taken (overlaps are refused)."""

    def __init__(self, text: str, sentences: tuple[Sentence, ...]) -> None:
        self.text = text
        self.actors: dict[str, Builder] = {}
        self._mask = bytearray(len(text) + 1)  # 1 where a span is taken
        self._sent_starts = [s.start for s in sentences]

    def free(self, start: int, end: int) -> bool:
        return self._mask.find(1, start, end) < 0

    def take(self, start: int, end: int) -> None:
        self._mask[start:end] = b"\x01" * (end - start)

    def add(self, b: Builder, start: int, end: int, *, shared: bool = False) -> None:
        self.actors.setdefault(b.id, b)
        self.actors[b.id].spans[(start, end)] = self.text[start:end]
        if not shared:
            self.take(start, end)

    def sentence_of(self, offset: int) -> int:
        return bisect_right(self._sent_starts, offset) - 1

    def sentence_start(self, index: int) -> int:
        return self._sent_starts[index] if index >= 0 else 0

    def recent(self, before: int, window: int) -> list[tuple[int, Builder]]:
        """(start, actor) of mentions before ``before`` in its sentence and the ``window``
        previous ones, most recent first."""
        lo = self.sentence_of(before) - window
        out = [
            (s, b)
            for b in self.actors.values()
            for (s, _e) in b.spans
            if s < before and self.sentence_of(s) >= lo
        ]
        out.sort(key=lambda x: -x[0])
        return out


def _distinct(items: Iterable[Builder]) -> list[Builder]:
    seen: dict[str, Builder] = {}
    for b in items:
        seen.setdefault(b.id, b)
    return list(seen.values())


def add_surnames(sc: Scan, ms: Mentions) -> None:
    """Surname alone ("Pezeshkian", "Pezeshkian's") for persons named in full, when unique."""
    owners: dict[str, set[str]] = {}
    for b in ms.actors.values():
        if b.kind != "person":
            continue
        names = {b.name, *b.spans.values()}
        for n in names:
            parts = n.split()
            if not parts or parts[-1] in sc.cfg.stopwords:
                continue
            last = parts[-1]
            owners.setdefault(last, set()).add(b.id)
            if last.startswith(("al-", "el-")) and len(last) > 4:
                owners.setdefault(last[3:], set()).add(b.id)
    unique = {k: next(iter(v)) for k, v in owners.items() if len(v) == 1}
    if not unique:
        return
    toks = sc.words
    for i in sc.where(unique.keys()):
        pid = unique[toks[i]]
        m = sc.cover[i]
        if m is not None and m.pattern.form != STOP:
            continue
        start, end = sc.starts[i], sc.ends[i]
        if not ms.free(start, end):
            continue
        if i > 0 and sc.gap(i - 1, i) == " " and toks[i - 1][0].isupper() \
                and toks[i - 1] not in sc.function_words:
            continue  # "Robert Kennedy" is someone else than "Sen. Kennedy"
        if i + 1 < sc.n and not sc.poss(i) and sc.gap(i, i + 1) == " " \
                and toks[i + 1][0].isupper() and toks[i + 1] not in sc.function_words:
            continue  # "Kennedy Center"
        ms.add(ms.actors[pid], start, end)


@cache
def _role_ref_re(titles: tuple[str, ...]) -> re.Pattern[str]:
    alt = trie_alternation(list(titles), space=" ")  # = the longest-first alternation
    # "[Tt](?<![\w-].)" is "(?<![\w-])[Tt]" with the character class first, where the regex
    # engine's fast search for a match's first character applies: the same matches.
    return re.compile(
        rf"[Tt](?<![\w-].)he[ \t]+(?:(?P<mid>[\w.’'-]+?)(?:['’]s)?[ \t]+)?(?P<title>(?i:{alt}))"
        r"(?![\w-])(?![ \t]+of\b)(?![ \t]+[A-Z])"
    )


def _role_matches(role: str, title: str, former: bool) -> bool:
    low = role.lower()
    words = low.split()
    if former != (words[0] in ("former", "ex", "late")):
        return False
    if former:
        low = " ".join(words[1:])
        words = words[1:]
    if low == title:
        return True
    return low.endswith(" " + title) and not any(w in _ROLE_MODIFIERS for w in words)


def add_role_refs(
    sc: Scan, ms: Mentions, match_at: dict[int, Match], country_of: Callable[[Match], str | None]
) -> None:
    """'the president', 'the Iranian president' -> the one such person in focus."""
    cfg: TitleConfig = sc.cfg
    # Only a person with a role can be the one referred to: without one, nothing to scan for.
    persons = [b for b in ms.actors.values() if b.kind == "person" and b.roles]
    if not persons:
        return
    rx = _role_ref_re(tuple(t for t in cfg.titles if not t.startswith(("head", "chief"))))
    for m in rx.finditer(sc.text):
        if not ms.free(m.start(), m.end()):
            continue
        title = m.group("title").lower()
        mid = m.group("mid")
        former = False
        country = None
        if mid:
            lm = match_at.get(m.start("mid"))
            if lm is not None and lm.pattern.form in (ADJ, NAME):
                country = country_of(lm)
            elif mid.lower() in ("former", "ex", "late"):
                former = True
            else:
                continue
        cands = [
            b for b in persons
            if any(_role_matches(r, title, former) for r in b.roles)
            and (country is None or b.country == country)
        ]
        if not cands:
            continue
        ids = {b.id for b in cands}
        near = _distinct(b for _s, b in ms.recent(m.start(), 2) if b.id in ids)
        if len(near) != 1:
            before = [b for b in cands if b.first() < m.start()]
            if near or len(before) != 1:
                continue
            near = before
        ms.add(near[0], m.start(), m.end())


@cache
def _refs_re(cfg: TitleConfig) -> tuple[re.Pattern[str], dict[str, str]]:
    group_of: dict[str, str] = {}
    for group, phrases in (("two_person", cfg.two_person), ("all_person", cfg.all_person),
                           ("two_country", cfg.two_country), ("one_country", cfg.one_country),
                           ("two_party", cfg.two_party)):
        for p in phrases:
            group_of[p.lower()] = group
    # A prefix tree: the same matches as the longest-first alternation, found faster.
    alt = trie_alternation(list(group_of), space=" ", fold_first=True)
    return guarded(rf"(?<![\w-])(?:{alt})(?![\w-])"), group_of


def plural_ref_phrases(cfg: TitleConfig) -> tuple[str, ...]:
    """The phrases of :func:`add_plural_refs`, lower-case: the probes of its scan."""
    return tuple(sorted(_refs_re(cfg)[1]))


def add_plural_refs(sc: Scan, ms: Mentions, focus: tuple[str | None, str | None],
                    country_actor: Callable[[str], Builder]) -> None:
    """'the two leaders', 'the leaders', 'the two nations', 'the nation' (see titles.toml)."""
    rx, group_of = _refs_re(sc.cfg)
    starts = sc.probes.get("plural_refs", ()) if sc.probes is not None else None
    for m in prefiltered(rx, starts, sc.text):  # tried only where a phrase is
        start, end = m.start(), m.end()
        group = group_of[m.group().lower()]
        if not ms.free(start, end):
            continue
        targets = _targets(group, ms, start, focus, country_actor)
        for b in targets:
            ms.add(b, start, end, shared=True)
        if targets:
            ms.take(start, end)


_PRINCIPAL = re.compile(
    r"\b(?:president|prime minister|premier|minister|chancellor|king|queen|emir|amir|sultan|"
    r"crown prince|supreme leader|secretary of state|secretary[- ]general|leader|"
    r"secretary of defense)\b", re.IGNORECASE)


def _principal(b: Builder) -> bool:
    """Heads of state or government and ministers: who "the two leaders" are about."""
    return any(_PRINCIPAL.search(r) and not r.lower().startswith(("former", "ex", "late"))
               for r in b.roles)


def _two_principals(ms: Mentions, start: int) -> list[Builder]:
    """The two most salient principals of the preceding context (most mentions, then most
    recent), not an aide named after them."""
    seen: dict[str, tuple[int, int, Builder]] = {}
    for s, b in ms.recent(start, 3):
        if b.kind != "person" or not _principal(b):
            continue
        n, last, _ = seen.get(b.id, (0, s, b))
        seen[b.id] = (n + 1, max(last, s), b)
    ranked = sorted(seen.values(), key=lambda x: (-x[0], -x[1]))
    return [b for _n, _l, b in ranked[:2]] if len(ranked) >= 2 else []


def _targets(group: str, ms: Mentions, start: int, focus: tuple[str | None, str | None],
             country_actor: Callable[[str], Builder]) -> list[Builder]:
    dominant, top = focus
    if group == "two_party":
        # "met his Chinese counterpart ... and the two sides signed": the sentence's own pair.
        cur = ms.sentence_of(start)
        here = [(s, b) for s, b in ms.recent(start, 0) if ms.sentence_of(s) == cur]
        people = _distinct(b for _s, b in here if b.kind == "person")
        if len(people) == 2:
            return people
        parties = _distinct(b for _s, b in here if b.kind != "person")
        if len(parties) == 2:
            return parties
        if people or parties:
            return []
        pair = _two_principals(ms, start)
        if pair:
            return pair
        # "Israel and Hamas traded fire. Both sides ...": the previous sentence's two parties.
        parties = _distinct(b for s, b in ms.recent(start, 1)
                            if ms.sentence_of(s) == cur - 1 and b.kind != "person")
        return parties if len(parties) == 2 else []
    if group in ("two_person", "all_person"):
        persons = [b for _s, b in ms.recent(start, 1) if b.kind == "person"]
        people = _distinct(persons)
        if group == "two_person":
            principals = _two_principals(ms, start)
            if principals:
                return principals
            if len(people) < 2:
                people = _distinct(b for _s, b in ms.recent(start, 2) if b.kind == "person")
            return people[:2] if len(people) >= 2 else []
        return people if 2 <= len(people) <= 4 else []
    cur = ms.sentence_of(start)
    for sent in (cur, cur - 1):
        isos: list[str] = []
        for s, b in ms.recent(start, cur - sent):
            if ms.sentence_of(s) != sent or b.country is None or b.kind == "igo":
                continue
            if b.country not in isos:
                isos.append(b.country)
        if not isos:
            continue
        if group == "two_country":
            return [country_actor(i) for i in isos] if len(isos) == 2 else []
        if len(isos) == 1:
            return [country_actor(isos[0])]
        if dominant in isos:
            return [country_actor(dominant)]
        # The most mentioned country, when it also leads the sentence ("For Iran, ... with
        # Russia ... the nation seeks"): two weak signals that agree.
        if top is not None and isos[-1] == top:
            return [country_actor(top)]
        return []
    return []
