"""Actors stage: countries, metonyms, sector groups, organisations and persons, with their mentions.

Lexicons are our data files (countries.csv, organizations.csv, titles.toml, leaders.csv) compiled
once into Aho-Corasick automata; persons and their roles are learned from the text itself.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from functools import cache
from itertools import pairwise

from newsevents.lexicon import load_toml
from newsevents.records import Actor, Document, Mention
from newsevents.stages._actor_context import context_country, country_reading
from newsevents.stages._actor_generic import (
    add_generic_groups,
    generic_config,
    generic_id,
    generic_name,
)
from newsevents.stages._actor_lexicon import (
    ADJ,
    CAPITAL,
    NAME,
    ORG,
    PERSON,
    PREFIX,
    SEAT,
    ActorEntry,
    Lexicon,
    Match,
    Tenure,
    make_lexicon,
    slug,
)
from newsevents.stages._actor_names import OrgHit, find_name_orgs, find_name_persons
from newsevents.stages._actor_offices import find_office_refs, office_index
from newsevents.stages._actor_persons import (
    PersonHit,
    Scan,
    find_title_persons,
    find_verb_persons,
)
from newsevents.stages._actor_refs import (
    Builder,
    Mentions,
    add_plural_refs,
    add_role_refs,
    add_surnames,
    plural_ref_phrases,
)
from newsevents.stages._actor_titles import TitleConfig, chain_sector, title_config
from newsevents.stages._regex_first import trie_alternation
from newsevents.stages.metadata import codable

__all__ = ["ActorEntry", "Actors"]

_POSSESSIVE = ("'s", "’s")
# Sectors of national office holders: only they take a country from context.
_NATIONAL_SECTORS = frozenset({None, "GOV", "MIL", "LEG", "JUD", "COP", "SPY", "ELI"})
_LOWER_WORD = re.compile(r"[ \t]+([a-z][a-z-]*)(?![\w-])")


class Actors:
    """Fill ``Document.actors`` from ``doc.article.text`` and ``doc.sentences``.

    ``extra_entries`` adds actors to the built-in lexicon (they win over built-in entries with
    the same pattern), e.g. PETRARCH actor dictionaries converted by the evaluation::

        Actors([ActorEntry(("ARNOR", "ARNORIAN"), "ARN", "Arnor", "country", "ARN")])

    Entries of kind "country" take possessives and sector nouns ("Arnor's police" ->
    ``ARN:COP``); an entry of kind "group" with a sector and no country is an agent noun
    ("police") that only makes groups after a country. See :class:`ActorEntry`.

    Ids: a country is its ISO3 code, a sector group ``ISO3:SECTOR``, organisations ``igo:CODE``,
    ``org:slug`` or ``armed_group:slug``, persons ``person:slug-of-full-name``.
    """

    name = "actors"

    def __init__(self, extra_entries: Iterable[ActorEntry] = (), *, user: bool = True) -> None:
        extra = tuple(extra_entries)
        if user:
            # The user's own actor file (see newsevents.actors_registry); the caller's
            # entries come after it and so win over it.
            from newsevents.actors_registry import user_actors

            extra = user_actors() + extra
        self._cfg: TitleConfig = title_config()
        # Words found in the lexicon's pass over the lower-case text that start the generic
        # group nouns and plural references: those scans are tried only there.
        probes = (("generic", generic_config().first_words),
                  ("plural_refs", plural_ref_phrases(self._cfg)))
        self._lex: Lexicon = make_lexicon(extra, probes)
        self._offices = office_index(self._lex)
        agents = sorted(self._lex.agents)
        self._agent_re = (  # a prefix tree: the same matches as the longest-first alternation
            re.compile(rf"[ \t]+({trie_alternation(agents, space=' ')})(?![\w-])",
                       re.IGNORECASE)
            if agents else None
        )

    def __call__(self, doc: Document) -> Document:
        # Non-English articles are stored but not coded (the metadata stage notes it): the
        # lexicons are English, so coding them would only make wrong events.
        if doc.article is None or not codable(doc.article):
            return doc
        return replace(doc, actors=self.extract(doc))

    def extract(self, doc: Document) -> tuple[Actor, ...]:
        assert doc.article is not None
        text = doc.article.text
        lex, cfg = self._lex, self._cfg
        matches, probes = lex.probe(text)
        sc = Scan(text, matches, lex, cfg, probes)
        ms = Mentions(text, doc.sentences)
        published = doc.article.published

        for h in find_title_persons(sc):
            self._add_person(ms, h)
            ms.take(*h.consumed)
        for m in matches:
            if m.pattern.form == PERSON and ms.free(m.start, m.end) and _alone(sc, m):
                e = lex.entries[m.pattern.entry]
                ms.add(self._builder(ms, e.id), m.start, m.end)
        for h in find_verb_persons(sc, ms):
            self._add_person(ms, h)
        for h in find_name_persons(sc, ms):
            self._add_person(ms, h)
        _merge_surname_persons(ms)
        for b in ms.actors.values():
            if b.kind == "person":
                self._apply_tenure(b, published)
        add_surnames(sc, ms)
        match_at = {m.start: m for m in matches}
        add_role_refs(sc, ms, match_at, self._country_of)
        for r in find_office_refs(sc, self._offices, published, ms.free):
            b = self._builder(ms, r.person)
            if r.tenure.office and r.tenure.office not in b.roles:
                b.roles.append(r.tenure.office)
            b.country = b.country or r.tenure.country
            b.sector = r.tenure.sector or b.sector
            ms.add(b, r.start, r.end)
        orgs = find_name_orgs(sc, ms)
        for o in orgs:
            self._add_org(ms, o)
        self._entities(sc, ms, matches)
        _add_blocs(text, ms, lambda aid: self._builder(ms, aid))
        _add_acronyms(sc, ms, orgs)
        dominant, top = _dominant(ms)
        add_plural_refs(sc, ms, (dominant, top), lambda iso: self._builder(ms, iso))
        add_generic_groups(ms, dominant, lambda iso, sector: self._group(ms, iso, sector),
                           probes.get("generic", ()) if probes is not None else None,
                           self._name_country(ms))
        for b in ms.actors.values():
            if b.kind == "person" and b.country is None and b.roles \
                    and b.sector in _NATIONAL_SECTORS:
                b.country = context_country(ms, b, dominant)
        return _finish(ms)

    # -- persons ---------------------------------------------------------------------------

    def _add_person(self, ms: Mentions, h: PersonHit) -> None:
        pid = self._lex.person_names.get(h.name)
        if pid is None:
            known = [b for b in ms.actors.values() if b.kind == "person" and (
                h.name in b.spans.values() or h.name == b.name)]
            pid = known[0].id if known else "person:" + slug(h.name)
        b = ms.actors.get(pid) or self._builder(ms, pid, h.name)
        if len(h.name) > len(b.name) and pid not in self._lex.entries:
            b.name = h.name
        role, sector = h.role, h.sector
        if role and role.split()[-1] == "Counterpart":
            role, sector = _counterpart_role(ms, h.start, pid)
        if role and role not in b.roles:
            b.roles.append(role)
        b.country = b.country or h.country
        if sector and (b.sector in (None, "ELI") or sector == "ELI"):
            b.sector = sector
        ms.add(b, h.start, h.end)

    def _apply_tenure(self, b: Builder, published: date | None) -> None:
        tenures = self._lex.tenures.get(b.id)
        if not tenures:
            return
        held = _held(tenures, published)
        if held is not None:
            if not b.roles:
                b.roles.append(held.office)
            b.country = b.country or held.country
            b.sector = held.sector or b.sector
        else:
            countries = {t.country for t in tenures}
            if len(countries) == 1:
                b.country = b.country or next(iter(countries))

    def _add_org(self, ms: Mentions, o: OrgHit) -> None:
        oid = "org:" + slug(o.name)
        b = ms.actors.get(oid)
        if b is None:
            b = Builder(oid, o.name, "organization", o.country, o.sector)
            ms.actors[oid] = b
        ms.add(b, o.start, o.end)

    def _builder(self, ms: Mentions, aid: str, name: str | None = None) -> Builder:
        b = ms.actors.get(aid)
        if b is not None:
            return b
        e = self._lex.entries.get(aid)
        if e is None:
            b = Builder(aid, name or aid, "person", None, None)
        else:
            b = Builder(aid, e.name, e.kind, e.country, e.sector)
        ms.actors[aid] = b
        return b

    def _group(self, ms: Mentions, country: str | None, sector: str) -> Builder:
        """A country's sector group ("KEN:COP"), or the country-less group ("group:COP")."""
        if country is not None and country in self._lex.entries:
            return self._builder(ms, self._lex.group(country, sector).id)
        gid = generic_id(None, sector)
        if gid not in ms.actors:
            ms.actors[gid] = Builder(gid, generic_name(None, sector), "group", None, sector)
        return ms.actors[gid]

    # -- countries, groups, organisations --------------------------------------------------

    def _country_of(self, m: Match) -> str | None:
        e = self._lex.entries.get(m.pattern.entry)
        return e.country if e else None

    def _name_country(self, ms: Mentions) -> str | None:
        """The one country named inside the article's organisation names ("the Syrian
        Observatory for Human Rights"), None when none or several."""
        words = self._lex.country_words
        found: set[str] = set()
        for b in ms.actors.values():
            if b.kind not in ("organization", "armed_group"):
                continue
            for name in set(b.spans.values()):
                ws = name.split()
                found.update(words[w] for w in ws if w in words)
                pairs = (f"{a} {c}" for a, c in pairwise(ws))
                found.update(words[p] for p in pairs if p in words)
        return found.pop() if len(found) == 1 else None

    def _entities(self, sc: Scan, ms: Mentions, matches: list[Match]) -> None:
        text = sc.text
        support = {self._country_of(m) for m in matches
                   if m.pattern.requires is None and m.pattern.form in (NAME, ADJ, CAPITAL, SEAT)}
        support |= {b.country for b in ms.actors.values()}
        names_at = {m.start: m for m in matches if m.pattern.form == NAME
                    and m.pattern.requires is None}
        for m in matches:
            form = m.pattern.form
            if form not in (NAME, ADJ, PREFIX, CAPITAL, SEAT, ORG):
                continue
            if not ms.free(m.start, m.end):
                continue
            if m.pattern.requires is not None and m.pattern.requires not in support \
                    and not country_reading(text, m, matches, support):
                continue
            e = self._lex.entries.get(m.pattern.entry)
            if e is None:
                continue
            if form == CAPITAL and not _acts(sc, m):
                # "the Kabul authorities", "the Beijing government": a capital before its
                # state's body names that body's country; the capital itself stays a
                # toponym (the places stage), so the mention is the body's noun.
                group = self._sector_group(text, m, e) if e.kind == "country" else None
                if group is not None and group[0].split(":")[-1] in _CAPITAL_BODIES:
                    noun = m.end + len(text[m.end:group[1]]) - len(text[m.end:group[1]].lstrip())
                    ms.add(self._builder(ms, group[0]), noun, group[1])
                continue
            if form == ADJ and text[m.start].islower() and not self._group_noun_after(text, m.end):
                continue  # a lower-case demonym only before a group ("tunisian rioters")
            if form == SEAT and _LOCATIVE_SEAT.search(text, 0, m.start):
                continue  # "signed in the Kremlin": a place (the places stage), not an actor
            end = m.end
            aid = e.id
            if form in (NAME, ADJ) and e.kind == "country":
                group = self._sector_group(text, m, e)
                if group is not None:
                    aid, end = group
                    end = self._post_country(text, end, e, names_at, ms)
            ms.add(self._builder(ms, aid), m.start, end)

    def _post_country(self, text: str, end: int, e: ActorEntry, names_at: dict[int, Match],
                      ms: Mentions) -> int:
        """The end of a country's group phrase with its post-modifier naming another country
        ("Russian troops in Arnor", "the US ambassador to Arnor"): that country is where the
        group serves, not the group's side, so the phrase is one mention of the group."""
        pm = _POST_PREP.match(text, end)
        if pm is None:
            return end
        n = names_at.get(pm.end())
        if n is None or self._country_of(n) in (None, e.country) or not ms.free(n.start, n.end):
            return end
        if text.startswith(("'s", "’s"), n.end):
            return end  # "US troops in Arnor's north": a place phrase goes on
        return n.end

    def _group_noun_after(self, text: str, end: int) -> bool:
        """Whether a sector or group noun follows ``end`` ("... police", "... rioters")."""
        if self._cfg.sector_re.match(text, end) or (
                self._agent_re is not None and self._agent_re.match(text, end)):
            return True
        nxt = re.match(r"[ \t]+", text[end:end + 4])
        return nxt is not None and generic_config().noun_re.match(text, end + nxt.end()) is not None

    def _sector_group(self, text: str, m: Match, e: ActorEntry) -> tuple[str, int] | None:
        """'Israeli forces', "Israel's military" -> ('ISR:MIL', end); None when the noun is
        used as an adjective ("Iran's military support") or absent."""
        cfg = self._cfg
        pos = m.end
        if m.pattern.form == NAME and text.startswith(_POSSESSIVE, pos):
            pos += 2
        nouns: list[str] = []
        sectors: dict[str, str] = {}
        while len(nouns) < 3:
            nm = cfg.sector_re.match(text, pos)
            if nm is not None:
                nouns.append(nm.group(1))
            elif self._agent_re is not None and (nm := self._agent_re.match(text, pos)):
                nouns.append(nm.group(1))
                sectors[nm.group(1).lower()] = self._lex.agents[nm.group(1).lower()]
            else:
                tn = self._title_noun(text, pos)
                if tn is None:
                    break
                nouns.append(tn[0])
                sectors[tn[0].lower()] = tn[1]
                pos = tn[2]
                continue
            pos = nm.end()
        if not nouns or cfg.event_re.match(text, pos):
            return None
        # A capitalised noun after a name is usually a proper name ("Israel Police" is fine,
        # "Russia Today" is not), so only lower-case or known-capitalised forms count.
        sector = next((sectors[n.lower()] for n in reversed(nouns) if n.lower() in sectors),
                      None) or chain_sector(nouns, cfg)
        if sector is None or e.country is None:
            return None
        return self._lex.group(e.country, sector).id, pos

    def _title_noun(self, text: str, pos: int) -> tuple[str, str, int] | None:
        """A lower-case title word with a sector after a country ("Iranian president")."""
        mt = _LOWER_WORD.match(text, pos)
        if mt is None:
            return None
        sector = self._cfg.titles.get(mt.group(1))
        if not sector:
            return None
        return mt.group(1), sector, mt.end()


@cache
def title_config_blocs() -> dict[str, str]:
    return dict(load_toml("titles.toml").get("bloc_adjectives", {}))


@cache
def _bloc_re() -> re.Pattern[str] | None:
    blocs = title_config_blocs()
    if not blocs:
        return None
    nouns = load_toml("titles.toml")["bloc_adjectives_nouns"]["words"]
    return re.compile(rf"(?<![\w-])({'|'.join(map(re.escape, blocs))})[ \t]+"
                      rf"(?:{'|'.join(map(re.escape, nouns))})(?![\w-])")


def _held(tenures: list[Tenure], published: date | None) -> Tenure | None:
    if published is None:
        current = [t for t in tenures if t.end is None]
        return current[0] if len(current) == 1 and len(tenures) == 1 else None
    for t in tenures:
        if (t.start is None or t.start <= published) and (t.end is None or published < t.end):
            return t
    return None


def _alone(sc: Scan, m: Match) -> bool:
    """A known name is that person unless it is part of a longer capitalised name."""
    i = sc.index_at(m.start)
    if i is None:
        return False
    toks = sc.words
    if i > 0 and sc.gap(i - 1, i) == " " and toks[i - 1][0].isupper() \
            and toks[i - 1] not in sc.function_words and sc.cover[i - 1] is None:
        return False
    j = i
    while j + 1 < sc.n and sc.starts[j + 1] < m.end:
        j += 1
    followed = j + 1 < sc.n and not sc.poss(j) and sc.gap(j, j + 1) == " "
    return not (followed and toks[j + 1][0].isupper()
                and toks[j + 1] not in sc.function_words)


def _acts(sc: Scan, m: Match) -> bool:
    """A capital is an actor when possessive or followed by a speech/action verb."""
    text = sc.text
    if text.startswith(_POSSESSIVE, m.end):
        return True
    i = sc.index_at(m.start)
    if i is None:
        return False
    toks = sc.words
    n = sc.n
    if i > 0 and sc.gap(i - 1, i) == " " and toks[i - 1][0].isupper() \
            and toks[i - 1] not in sc.function_words:
        return False
    if _object_of_verb(sc, i):
        return True
    j = i
    while j < n and sc.starts[j] < m.end:
        j += 1
    skipped = 0
    while j < n and skipped < 4:
        w = toks[j]
        if sc.gap(j - 1, j) not in (" ", ", "):
            return False
        if w in sc.cfg.verbs:
            return True
        if w in sc.cfg.auxiliaries:
            skipped += 1
            j += 1
            continue
        if w == "and" and j + 1 < n and sc.cover[j + 1] is not None:
            j += 1
            nxt = sc.cover[j]
            while j < n and sc.cover[j] is nxt:
                j += 1
            skipped += 1
            continue
        return False
    return False


def _add_acronyms(sc: Scan, ms: Mentions, orgs: list[OrgHit]) -> None:
    """'Islamic Revolutionary Guard Corps (IRGC)': later 'IRGC' is the same organisation."""
    owner = {o.acronym: "org:" + slug(o.name) for o in orgs if o.acronym}
    if not owner:
        return
    for i in sc.where(owner.keys()):
        oid = owner[sc.words[i]]
        start, end = sc.starts[i], sc.ends[i]
        if sc.cover[i] is None and ms.free(start, end) and oid in ms.actors:
            ms.add(ms.actors[oid], start, end)


# Sectors of a state's bodies that a capital may name by standing before them.
_CAPITAL_BODIES = frozenset({"GOV", "MIL", "LEG", "JUD", "SPY"})
# A group's locative or posting post-modifier before a country's name ("... in", "... to").
_POST_PREP = re.compile(r"[ \t]+(?:in|to|for)[ \t]+(?:the[ \t]+)?")
_OBJECT_PREPS = frozenset({"with", "against", "on"})
# A seat of government after a locative preposition is where something happens.
_LOCATIVE_SEAT = re.compile(r"\b(?:[Ii]n|[Aa]t|[Ii]nside|[Oo]utside|[Nn]ear)\s+(?:the\s+)?$")
_RELATION_NOUNS = frozenset({"talks", "ties", "relations", "tensions", "dispute", "deal",
                             "agreement", "negotiations", "war", "sanctions"})


def _object_of_verb(sc: Scan, i: int) -> bool:
    """A capital right after an action verb or "talks with" is a metonym in object position
    ("warned Beijing", "called on Moscow", "sanctions against Tehran")."""
    toks = sc.words
    if i == 0 or sc.gap(i - 1, i) != " ":
        return False
    prev = toks[i - 1]
    if prev in sc.cfg.verbs:
        return True
    if prev in _OBJECT_PREPS and i > 1 and sc.gap(i - 2, i - 1) == " ":
        before = toks[i - 2]
        return before in sc.cfg.verbs or (prev != "on" and before in _RELATION_NOUNS)
    return False


def _counterpart_role(ms: Mentions, start: int, pid: str) -> tuple[str | None, str | None]:
    """The role and sector of the titled person named last before ``start`` ("Russian Foreign
    Minister Sergei Lavrov met his Chinese counterpart Wang Yi": Wang Yi is foreign minister)."""
    best: tuple[int, Builder] | None = None
    for s, b in ms.recent(start, 1):
        if b.kind == "person" and b.id != pid and b.roles and (best is None or s > best[0]):
            best = (s, b)
    if best is None:
        return None, None
    return best[1].roles[0], best[1].sector


def _add_blocs(text: str, ms: Mentions, builder: Callable[[str], Builder]) -> None:
    """'European diplomats' and similar bloc adjectives before a sector noun (titles.toml
    [bloc_adjectives]) are mentions of the bloc's organisation."""
    rx = _bloc_re()
    if rx is None:
        return
    blocs = title_config_blocs()
    if not any(adj in text for adj in blocs):  # a substring test is far cheaper than the scan
        return
    for m in rx.finditer(text):
        if ms.free(m.start(), m.end()):
            ms.add(builder(blocs[m.group(1)]), m.start(), m.end())


def _merge_surname_persons(ms: Mentions) -> None:
    """'Sen. Kennedy' and 'John Kennedy' in one article are one person when unambiguous."""
    persons = [b for b in ms.actors.values() if b.kind == "person"]
    for b in persons:
        if " " in b.name:
            continue
        full = [o for o in persons if o is not b and o.name.split()[-1] == b.name]
        if len(full) != 1:
            continue
        o = full[0]
        o.spans.update(b.spans)
        o.roles.extend(r for r in b.roles if r not in o.roles)
        o.country = o.country or b.country
        o.sector = o.sector or b.sector
        del ms.actors[b.id]


def _dominant(ms: Mentions) -> tuple[str | None, str | None]:
    """(dominant, top): the country an article is about, most mentioned by a clear margin
    (1.5x), and the most mentioned country without a margin."""
    counts: Counter[str] = Counter()
    for b in ms.actors.values():
        if b.kind == "country" and b.country:
            counts[b.country] += len(b.spans)
    top = counts.most_common(2)
    if not top or top[0][1] < 2:
        return None, None
    if len(top) > 1 and top[0][1] == top[1][1]:
        return None, None
    if len(top) > 1 and top[0][1] < 1.5 * top[1][1]:
        return None, top[0][0]
    return top[0][0], top[0][0]


def _finish(ms: Mentions) -> tuple[Actor, ...]:
    out = []
    for b in sorted(ms.actors.values(), key=lambda x: (x.first(), x.id)):
        if not b.spans:
            continue
        mentions = tuple(Mention(t, s, e) for (s, e), t in sorted(b.spans.items()))
        kind = b.kind if b.kind in ("country", "person", "organization", "igo", "armed_group",
                                    "group") else "organization"
        out.append(Actor(id=b.id, name=b.name, kind=kind,  # type: ignore[arg-type]
                         country=b.country, sector=b.sector, roles=tuple(b.roles),
                         mentions=mentions))
    return tuple(out)
