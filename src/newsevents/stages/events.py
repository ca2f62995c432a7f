"""Event coding: PLOVER/CAMEO events with source, target, modality and evidence, per sentence.

Lexicon driven (``data/event_lexicon.toml``, ``data/modality.toml``, ``data/cameo.csv``); the
actors come from the actors stage. Confidence (0..1) is how likely the event is coded right:
``_confidence.event_confidence`` (trigger strength, headline or body, sides named, argument
distance, modality, how the roles were found), calibrated on the dev sets (docs/output.md).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from newsevents.ontology import cameo_info
from newsevents.records import (
    Actor,
    Article,
    Document,
    Event,
    Evidence,
    Mention,
    Modality,
    RawDocument,
    Sentence,
    stable_id,
)
from newsevents.stages import sentences as _sentences
from newsevents.stages._actorless import actorless_event
from newsevents.stages._arguments import (
    Slot,
    blamed_doer,
    build_slots,
    doer_appositive,
    flatten,
    group_left,
    group_right,
    is_passive,
    joins_verbs,
    located_object,
    object_phrase,
    passive_agent,
    pronoun_fits,
    pronoun_subject,
    reduce_gap,
    relative_rest,
    subject_ok,
    words,
)
from newsevents.stages._confidence import event_confidence
from newsevents.stages._modality import ModalityRules, rules
from newsevents.stages._participial import participial_doer
from newsevents.stages._prep_objects import owned_object, partner_of, prep_object
from newsevents.stages._threats import threat_event
from newsevents.stages._triggers import TriggerEntry, TriggerMatch, TriggerMatcher, matcher
from newsevents.stages._unnamed import unnamed_events

__all__ = ["Events", "code_sentence", "find_actors", "headline_events"]

_MOD_GAP = re.compile(r"^(?:['’]s?)?\s*(?:[a-z][\w-]*\s+){0,2}$")
# Words between a verb and a mention that show the mention is not its object.
_NOT_OBJECT = re.compile(
    r"\b(?:by|that|which|who|near|during|at|from|after|before|since|until|amid|despite|"
    r"outside|inside|across|along)\b"
)
# Words after "said" that keep the speaker as the subject ("Russia said it struck").
_SELF_REFERENCE = frozenset({"it", "they", "he", "she", "we", "its", "their", "his", "her"})
_SELF_NOUNS = frozenset({"kingdom", "country", "group", "government", "ministry", "army",
                         "military", "movement", "administration", "bloc", "alliance",
                         "organisation", "organization", "militia", "company"})
# Patterns of the per-trigger rules, compiled once (not looked up in re's cache per call).
_PUNCT = re.compile(r"[,;:()]")
_BY = re.compile(r"\bby\b")
_BETWEEN_END = re.compile(r"\bbetween\s+(?:the\s+)?$")
_AND_ONLY = re.compile(r"\s*,?\s*and\s+(?:the\s+)?")
_THEN = re.compile(r"\s*,?\s*(?:and|then|and then)\s+")
_AND_END = re.compile(r"\band\s+(?:\w+ly\s+|also\s+|then\s+)?$")
_AND_VERB = re.compile(
    r"\s*,?\s*and\s+(?:(?:also|then|later|did|does|do|has|have|had|was|were|not|never|n't)\s+)*")
_BY_END = re.compile(r"\bby\s+(?:the\s+)?$")
_OF_END = re.compile(r"\bof\s+(?:the\s+)?$")
_OF_NEXT = re.compile(r"\s+of\b")
_FROM_END = re.compile(r"\bfrom\s+(?:[\w'’-]+\s+){0,2}$")
# Between an attack noun and the place it hit ("attack on a crowded concert").
_PLACE_PREPS = (" on", " at", " near", " outside", " inside")
_PLACE_NP = re.compile(r"\s+(?:(?:the|a|an)\s+)?(?:[\w'-]+\s+){0,2}")
_PLACE_OF = re.compile(rf"\s+(?:{'|'.join(p.strip() for p in _PLACE_PREPS)}){_PLACE_NP.pattern}")
# The generic noun of a place's name after a capitalised word ("the Markets area", "Derby
# Road", "Cup Street"): that word names the place, not a sports or market context.
_PLACE_NOUN_NEXT = re.compile(
    r"\s+(?:area|district|quarter|square|street|road|avenue|lane|neighbo(?:u)?rhood|estate|"
    r"bridge|station|park|village|town|township|suburb|precinct|ward)\b")
# Words after a nominal trigger ("the concert bombing in", "... bombing was"), not an object.
_NOUN_NEXT = frozenset({"on", "in", "at", "of", "near", "outside", "by", "was", "were", "is",
                        "has", "had", "that", "which", "killed", "left", "and"})
# A participle between a nominal trigger and its target ("sanctions aimed at Russia").
_AIMED = frozenset({"targeted", "aimed", "directed"})
_AIMED_PREPS = frozenset({"at", "against", "on"})
# Acts aimed at a thing whose owner they target ("fired near a naval vessel from X").
_AIMED_TYPES = frozenset({"ASSAULT", "COERCE"})
# Place prepositions that may end the gap before a name that is then no target of a verb with
# its own prepositions.
_OTHER_PREPS = frozenset({"at", "in", "near", "outside", "inside", "from", "to", "on"})
# Between a verb and its direct object: a few words, none a preposition ("released the
# jailed opposition leader", not "released details of").
_DIRECT_OBJECT = re.compile(
    r"\s+(?:(?!(?:of|to|for|from|in|on|at|with|about|by|into|over|and|or)\s)[\w'-]+\s+){0,4}")
# A pronoun object right after an attack noun ("fired at it", "fired towards them").
_AT_PRONOUN = re.compile(r"\s+(?:at|on|into|towards?)\s+(?:it|them|us)\b")
# An infinitive ("to help") between a passive's "by" and a name.
_TO_VERB = re.compile(r"\bto\s+(?!the\b|a\b|an\b)[a-z]+\s")
# Only auxiliaries between a passive's subject and its verb ("X had been released").
_AUX_ONLY = re.compile(r"\s+(?:(?:was|were|is|are|been|being|be|had|has|have|later|also|"
                       r"finally|reportedly|then)\s+)+")
# Only "to" between a name and an infinitive ("by X to free").
_TO_BEFORE = re.compile(r"\s+to\s+$")
# The head noun a demonym or group mention modifies ("Kenyan [pro-democracy] activists").
_HEAD_AFTER = re.compile(r"(?:\s+[\w'-]+){1,2}")
# A trigger a few words into "<duration> after/before/since ..." recalls a past event.
_BACKGROUND = re.compile(
    r"\b(?:years?|decades?|months?)\s+(?:after|before|since)\s+(?:[\w'-]+\s+){0,6}$")


# What follows a source mention up to its head noun ("'s national team", " football team").
_POSSESSIVE_HEAD = re.compile(r"^(?:['’]s?)?(?:\s+(?:national|football|soccer|olympic|"
                              r"basketball|rugby|cricket|hockey|women's|men's|u-?\d+))*")
# Roles of a person who acts for a state (a head of state or government, a minister).
_STATE_ROLE = re.compile(
    r"^(?:(?:vice|deputy|acting|first)\s+)?(?:president|prime minister|premier|chancellor|king|"
    r"queen|emir|sultan|crown prince|secretary of state|[\w -]*minister|[\w -]*secretary)$",
    re.IGNORECASE)
_STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})
# Verbs that report a game's result: beside a games event a country "beat", "defeated" or
# "crushed" another on the field, so a state source does not lift the sports veto for them.
_RESULT_VERB = re.compile(
    r"(?:beat|beats|beaten|beating|defeat|defeats|defeated|defeating|crush|crushes|crushed|"
    r"crushing|thrash|thrashed|thrashes|thrashing|rout|routs|routed|routing|edge|edges|edged|"
    r"edging|trounce|trounced|trounces|hammer|hammered|hammers|down|downed|downs|overcame|"
    r"overcome|overcomes|outplayed|outplay|stun|stunned|stuns|upset|upsets|eliminate|"
    r"eliminated|eliminates|knock|knocked|knocks|humiliate|humiliated|whip|whipped|"
    r"demolish|demolished|clash|clashed|clashes|battle|battled|battles|face|faced|faces)\b")


def _state_kind(actor: Actor) -> str | None:
    """"country", "sector" or "official" for an actor that acts for a state, else None."""
    if actor.kind == "country":
        return "country"
    sector = actor.sector or (actor.id[4:] if re.fullmatch(r"[A-Z]{3}:[A-Z]{3}", actor.id)
                              else None)
    if actor.country is None:
        return None  # "the military" of no named state
    if actor.kind == "group" and sector in _STATE_SECTORS:
        return "sector"
    if actor.kind == "person" and (sector in _STATE_SECTORS or any(
            _STATE_ROLE.match(r) for r in actor.roles)):
        return "official"
    return None


# A group of no named country "in"/"of" a body ("officers in the Russian military").
_MEMBER_OF = re.compile(r"\s+(?:in|of|from|with)\s+(?:the\s+)?")
# "killed in/by <the named side's> shelling": the casualty clause names the attack that
# caused it, a few modifiers (the doer's adjective among them) before its head.
_CASUALTY_TRIGGER = re.compile(r"(?:killed|wounded|injured|hurt|maimed)$")
_CAUSED_BY = re.compile(r"\s+(?:in|by|during)\s+(?:(?:a|an|the)\s+)?(?:[\w'’-]+\s+){0,4}")


def _casualties_of_named_fire(events: list[Event], low: str, offset: int) -> list[Event]:
    """One event for "ten people were killed in/by Kenyan shelling": the casualty verb (with no
    doer or the same one) is the named side's attack told again, its victims that attack's
    target when it has none."""
    named = [e for e in events if e.source]
    if not named or len(events) < 2:
        return events
    told: dict[int, Event] = {}  # id() of a named attack -> it with the victims as target
    dropped: set[int] = set()
    for e in events:
        if not _CASUALTY_TRIGGER.search(e.trigger.text.lower()):
            continue
        # "killed by Kenyan shelling" names the same doer through the agent: one event still.
        cause = next((n for n in named if n is not e and n.type == e.type and (
            not e.source or e.source == n.source) and _CAUSED_BY.fullmatch(
            low, e.trigger.end - offset, n.trigger.start - offset)), None)
        if cause is not None:
            dropped.add(id(e))
            if not cause.target and e.target:
                told[id(cause)] = replace(cause, target=e.target)
    return [told.get(id(e), e) for e in events if id(e) not in dropped]


def _lower(text: str) -> str:
    """Lowercase without changing offsets, with curly apostrophes made straight."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    # Two replace calls, not str.translate: translate maps non-ASCII text one character at a
    # time in Python objects and cost a tenth of the stage.
    return low.replace("’", "'").replace("‘", "'")


@dataclass(slots=True)
class _Coded:
    """An event being built for one trigger of a sentence."""

    match: TriggerMatch
    entry: TriggerEntry
    code: str
    src: list[int]
    tgt: list[int]
    modality: Modality
    cue: str | None
    factor: float  # how the roles were found
    dropped: bool = False
    controller: _Coded | None = None  # "accused Russia of shelling": the accusation


class Events:
    """The events stage: fills ``Document.events`` (date and place are left to later stages)."""

    name = "events"

    def __init__(
        self, trigger_matcher: TriggerMatcher | None = None, modality: ModalityRules | None = None
    ) -> None:
        self.matcher = trigger_matcher or matcher()
        self.rules = modality or rules()
        # A trigger after one of these words is a noun ("an attack", "the strikes").
        self._noun_heads = [[w] for w in self.matcher.noun_before]

    def __call__(self, doc: Document) -> Document:
        art = doc.article
        if art is None or not doc.sentences:
            return doc
        mentions = sorted(
            ((m.start, m.end, a) for a in doc.actors for m in a.mentions), key=lambda x: x[0]
        )
        starts = [m[0] for m in mentions]
        title_sent = _title_sentence(art, doc.sentences)
        events: list[Event] = []
        title_events: list[Event] = []
        prev_src: tuple[str, ...] = ()
        i = 0
        for sent in doc.sentences:
            # Most sentences hold no mention: find their range by bisection, not a walk.
            i = bisect_left(starts, sent.start, i)
            j = bisect_left(starts, sent.end, i)
            if i == j:
                continue
            inside = [m for m in mentions[i:j] if m[1] <= sent.end]
            if not inside:
                continue
            coded = [self._carry(e, sent, prev_src, doc)
                     for e in self.code(sent, inside, art.id, headline=sent is title_sent)]
            prev_src = next((e.source for e in coded if e.source), prev_src)
            (title_events if sent is title_sent else events).extend(coded)
        added: tuple[Actor, ...] = ()
        if title_sent is not None:
            implied = self.implied_headline_event(title_sent, doc, title_events, art.id)
            if implied is not None:
                title_events.insert(0, implied[0])
                added = (implied[1],) if implied[1] is not None else ()
        # Attacks and arrests whose doer the body does not name (see ``_unnamed``).
        unnamed, more = unnamed_events(doc, title_sent, title_events + events, self.matcher,
                                       self.rules, lambda m, low: self._entry(m, low, []),
                                       self._suppressed, art.id)
        events.extend(unnamed)
        added += tuple(a for a in more if a.id not in {b.id for b in added})
        body_keys = {(e.type, e.source, e.target) for e in events}
        kept_title = [e for e in title_events if (e.type, e.source, e.target) not in body_keys]
        out = sorted(kept_title + events, key=lambda e: (e.trigger.start, e.type))
        return replace(doc, events=tuple(out), actors=doc.actors + added)

    def implied_headline_event(
        self, title: Sentence, doc: Document, coded: list[Event], article_id: str
    ) -> tuple[Event, Actor | None] | None:
        """The headline's first event when it names no actor for it (see ``_actorless``)."""
        return actorless_event(title, doc, coded, self.matcher, self.rules,
                               lambda m, low: self._entry(m, low, []), self._suppressed,
                               article_id)

    def _carry(
        self, e: Event, sent: Sentence, prev_src: tuple[str, ...], doc: Document
    ) -> Event:
        """"X arrived in Moscow. He met Putin": a pronoun subject takes the previous
        sentence's source (confidence x0.9) when it fits in number and kind."""
        if e.source or not prev_src or set(prev_src) & set(e.target):
            return e
        pronoun = pronoun_subject(sent.text[: e.trigger.start - sent.start])
        if pronoun is None:
            return e
        kinds = [a.kind if (a := doc.actor(i)) else "country" for i in prev_src]
        if not pronoun_fits(pronoun, kinds):
            return e
        return replace(e, source=prev_src, confidence=round(e.confidence * 0.9, 3))

    # -- one sentence ---------------------------------------------------------------------------

    def code(
        self, sent: Sentence, mentions: Sequence[tuple[int, int, Actor]], article_id: str,
        *, headline: bool = False,
    ) -> list[Event]:
        """Events of one sentence, given the actor mentions inside it (article offsets);
        ``headline``: the sentence is the article's title (confidence, see ``_confidence``)."""
        text = sent.text
        low = _lower(text)
        # Triggers first: most sentences have none, and then their slots are not needed.
        matches = self.matcher.find(low)
        if not matches:
            return []
        slots = build_slots(text, sent.start, mentions)
        if not slots:
            return []
        coded: list[_Coded] = []
        for k in range(len(matches)):
            c = self._roles(text, low, slots, matches, k, coded)
            if c is not None:
                coded.append(c)
        # Asked only of a material-conflict event (quad class 4): most sentences have none.
        memo: list[bool] = []

        def suppress() -> bool:
            if not memo:
                memo.append(self._suppressed(low, matches, None if headline else text))
            return memo[0]

        countries = {a.id: a.country for _s, _e, a in mentions}
        states = {a.id: _state_kind(a) for _s, _e, a in mentions}
        events: list[Event] = []
        for c in coded:
            if c.dropped:
                continue
            ev = self._event(c, sent, low, slots, suppress, article_id, countries, headline,
                             states)
            if ev is not None:
                events.append(ev)
                threat = threat_event(ev, self.matcher, self.rules, low, text, sent.start,
                                      _headline(text), article_id)
                if threat is not None:
                    events.append(threat)
        return _dedup(_casualties_of_named_fire(events, low, sent.start))

    def _entry(self, m: TriggerMatch, low: str, slots: list[Slot]) -> TriggerEntry:
        """Pick the verb or noun reading of an ambiguous span from its left and right context."""
        verbs = [e for e in m.entries if e.pos == "verb"]
        nouns = [e for e in m.entries if e.pos == "noun"]
        if not verbs or not nouns:
            return m.entries[0]
        before = low[: m.start].rstrip()
        prev = before.rsplit(None, 1)[-1] if before else ""
        if prev in self.matcher.noun_before or prev.endswith("'s"):
            return nouns[0]
        left = [s for s in slots if s.end <= m.start]
        if left and not low[left[-1].end : m.start].strip(" '") and left[-1].adjectival:
            return nouns[0]
        if prev in self.matcher.verb_before or (left and not low[left[-1].end : m.start].strip()):
            return verbs[0]
        nxt = low[m.end :].split(None, 1)
        preps = nouns[0].prep or self.matcher.noun_prep
        return nouns[0] if nxt and nxt[0] in preps else verbs[0]

    def _between(self, matches: list[TriggerMatch], a: int, b: int) -> bool:
        """Whether another trigger lies inside ``[a, b)``."""
        return any(a <= m.start and m.end <= b for m in matches)

    def _subject(
        self, text: str, slots: list[Slot], pos: int, matches: list[TriggerMatch]
    ) -> int | None:
        nearest = True  # only the name right before a relative pronoun is its antecedent
        for i in range(len(slots) - 1, -1, -1):
            s = slots[i]
            if s.end > pos:
                continue
            if subject_ok(text[s.end : pos]):
                if self._speaker_only(text[s.end : pos].lower()):
                    continue  # "the ministry said three people were killed": the speaker
                if not subject_ok(text[s.end : pos], reduce=False) and any(
                    self._between(matches, o.end, pos) for o in slots[i + 1 :] if o.end <= pos
                ):
                    # ", Wang said Beijing supported Iran in ...," is a clause with its own
                    # subject and verb, not a parenthetical to skip.
                    continue
                return i
            # A country's name (not its demonym: "the British-Libyan who") is no "who".
            place = s.countries and not s.adjectival
            rest = relative_rest(text[s.end : pos], place) if nearest else None
            if rest is not None and subject_ok(rest, reduce=False) and not (
                self._speaker_only(rest.lower())
            ):
                return i  # "X, who carried out the bombing": X is the relative clause's subject
            nearest = False
        return None

    def _object(
        self, text: str, low: str, slots: list[Slot], pos: int, entry: TriggerEntry,
        matches: list[TriggerMatch], m_start: int,
    ) -> int | None:
        i = self._object_slot(text, low, slots, pos, entry, matches, m_start)
        if i is not None and i + 1 < len(slots) and all(
                a.startswith("group:") for a in slots[i].ids) and _MEMBER_OF.fullmatch(
                low, slots[i].end, slots[i + 1].start):
            # "against four senior officers in the Russian military": people of no named
            # country inside a body are that body's.
            return i + 1
        return i

    def _object_slot(
        self, text: str, low: str, slots: list[Slot], pos: int, entry: TriggerEntry,
        matches: list[TriggerMatch], m_start: int,
    ) -> int | None:
        if entry.topic_object:
            # "discussed Syria": a topic; "discussed the war with Jordan": a partner.
            first = next((i for i, s in enumerate(slots) if s.start >= pos), None)
            return None if first is None else prep_object(low, slots, first, pos, entry.prep)
        if entry.pos == "verb" and entry.objects is not None:
            # "threatened South Korea with military action": the object sits inside the span.
            inside = [i for i, s in enumerate(slots) if m_start < s.start and s.end <= pos]
            if inside:
                return inside[0]
        for i, s in enumerate(slots):
            if s.start < pos:
                continue
            gap = low[pos : s.start]
            if _PUNCT.search(gap):
                return None
            if low.endswith("travel", 0, pos) and gap.strip() == "to":
                # "bans on travel to X against Y": X is where travel is barred, not the target.
                pos = s.end
                continue
            toks = gap.split()
            if entry.pos == "noun" and toks[:1] and toks[0] in _AIMED and toks[1:2] and (
                toks[1] in _AIMED_PREPS
            ):
                # "bombings targeted at the Russian military", "sanctions aimed at Russia"
                # (the participle may be a trigger of its own: the noun's target still).
                return i if len(toks) <= 5 else None
            if self._between(matches, pos, s.start):
                # "condemned an attack by X": a noun trigger heading the object phrase.
                nouns = all(low[: m.start].rsplit(None, 1)[-1:] in self._noun_heads
                            for m in matches if pos <= m.start and m.end <= s.start)
                ok = entry.pos == "verb" and nouns and object_phrase(gap)
                return i if ok else None
            if entry.pos == "noun":
                preps = entry.prep or self.matcher.noun_prep
                if entry.place_target and "in" not in preps:
                    preps = (*preps, "in")
                if low[m_start:pos].split()[-1:] and low[m_start:pos].split()[-1] in preps:
                    ok = len(toks) <= 3  # the form ends with its preposition ("stance against")
                else:
                    ok = bool(toks) and toks[0] in preps and len(toks) <= 4
            else:
                # The entry's own prepositions may appear ("withdrew troops from Syria").
                blockers = {w.group() for w in _NOT_OBJECT.finditer(gap)} - set(entry.prep)
                ok = (len(toks) <= 4 and not blockers) or object_phrase(gap) or (
                    located_object(gap) and not any(a.startswith("person:") for a in s.ids)
                ) or partner_of(gap)
                if not ok and entry.info is not None and entry.info.type in _AIMED_TYPES:
                    ok = owned_object(gap)  # "fired shells near a vessel from X": X's vessel
                other = bool(toks) and toks[-1] in _OTHER_PREPS and toks[-1] not in entry.prep
                if entry.prep and (not ok or entry.needs_target or other):
                    # "celebrated Eid at Osgiliath with Gondor": the verb's own preposition
                    # introduces its target, past a place phrase ("at Osgiliath"). A verb
                    # coded only with a partner named by its preposition takes no other object
                    # ("celebrated its day in X", "celebrated X's victory").
                    found = prep_object(low, slots, i, pos, entry.prep)
                    return found if found is not None or not ok or entry.needs_target else i
            return i if ok else None
        return None

    def _roles(
        self, text: str, low: str, slots: list[Slot], matches: list[TriggerMatch], k: int,
        coded: list[_Coded],
    ) -> _Coded | None:
        m = matches[k]
        entry = self._entry(m, low, slots)
        before = low[: m.start].rsplit(None, 1)
        if entry.pos == "verb" and before and before[-1] in self.matcher.not_verb_after:
            return None  # "the storm", "a release": a verb form used as a noun
        if entry.pos == "verb" and entry.info is not None and entry.info.type == "ASSAULT" and (
                self.matcher.accident_after(low, m.end)):
            return None  # "killed in a plane crash": an accident, no one's attack
        if (
            entry.pos == "verb" and before and before[-1] in self.matcher.not_participle_after
            and low[m.start : m.end].split()[0].endswith(("ed", "en"))
        ):
            return None  # "from seized territory": a participle used as an adjective
        headline = _headline(text)
        if m.start > 0 and text[m.start].isupper() and not headline:
            return None  # part of a name ("the African Union Support Mission")
        factor = 1.0
        src: int | None = None
        tgt: int | None = None
        inherited: _Coded | None = None
        agent = joined = passive = False
        prev = coded[-1] if coded else None
        if entry.pos == "verb":
            subj = self._subject(text, slots, m.start, matches)
            if subj is not None:
                subj = self._outside_between(low, slots, subj, matches)
            passive = is_passive(low, m.start, m.end, low[m.start : m.end]) or (
                self.matcher.reduced_passive_at(low, m.start, m.end))  # "ten soldiers killed in"
            if entry.passive and not passive:
                return None  # "the agreement signed in May" names no signatory
            if passive:
                tgt = subj
                for i, s in enumerate(slots):
                    if s.start >= m.end and words(low[m.end : s.start]) <= 6:
                        by = _BY.search(low, m.end, s.start)
                        # "pressured by congress to help Iran": a name after an infinitive
                        # is its object, not the agent.
                        if by and not _TO_VERB.search(low, by.end(), s.start):
                            src, agent = i, True
                        break
            else:
                subj = self._controlled_by_agent(low, slots, subj, m.start, coded)
                src = subj
                tgt = self._object(text, low, slots, m.end, entry, matches, m.start)
                for c in reversed(coded):
                    if subj is None:
                        break
                    if (c.controller is not None and (subj in c.tgt or subj in c.src)
                            and _form_changes(low, c.match, m)):
                        # "accuses Iran of supplying Russia with drones and imposed
                        # sanctions": the finite verb joins the accusation, not the gerund.
                        inherited, joined = c.controller, True
                        break
                    # "met Y and signed", "met Y to discuss": Y is the earlier verb's object.
                    if subj in c.tgt and not c.entry.control:
                        inherited = c
                        break
                if subj is None and prev and _THEN.fullmatch(low, prev.match.end, m.start):
                    inherited = prev
                if subj is not None and _AND_VERB.fullmatch(low[slots[subj].end : m.start]) \
                        and _OF_END.search(low, 0, slots[subj].start):
                    # "Crowds tore down posters of Iran's leader and attacked": a name inside
                    # an "of" phrase is the complement of a noun, not the next verb's subject;
                    # the coordinated verbs share the clause's subject before it.
                    subj = next((j for j in range(subj - 1, -1, -1) if subject_ok(
                        text[slots[j].end : slots[subj].start])
                        and not _OF_END.search(low, 0, slots[j].start)), None)
                    src = subj
                if inherited is None and subj is not None and joins_verbs(
                    low[slots[subj].end : m.start]
                ):
                    # "called on BRICS to stop the wars in Gaza and Lebanon and accused Israel":
                    # a name right before "and <verb>" ends the earlier verb's object; the
                    # verbs share their subject.
                    earlier = [c for c in coded if c.entry.pos == "verb" and c.src
                               and c.match.end <= slots[subj].start]
                    if earlier:
                        inherited, joined = earlier[-1], True
        else:
            src = self._noun_source(low, slots, m, matches)
            if src is None:
                subj = self._subject(text, slots, m.start, matches)
                if subj is not None and self._light_verb(low, slots[subj].end, m.start, matches):
                    src, factor = subj, 0.9
            if src is None:
                by_agent = passive_agent(low, slots, m.end)  # "the attack was carried out by X"
                if by_agent is not None and not self._between(matches, m.end, by_agent[1]):
                    src, factor, agent = by_agent[0], 0.9, True
                elif (doer := doer_appositive(low, slots, m.start)) is not None and not (
                        self._between(matches, slots[doer].end, m.start)):
                    src, factor = doer, 0.9  # "X, the bomber behind the ... bombing"
                elif (blamed := blamed_doer(low, slots, m.start)) is not None:
                    src, factor = blamed, 0.9  # "blamed X for the attack": X did it (alleged)
            tgt = self._object(text, low, slots, m.end, entry, matches, m.start)
            if tgt is None and src is not None and not agent and _BY_END.search(
                    low[: slots[src].start]):
                # "capabilities diminished by Israeli strikes": the subject suffered them.
                tgt = self._subject(text, slots, slots[src].start, matches)
            if tgt is None and src is not None and factor == 1.0 and not slots[src].adjectival:
                return None  # a bare name compound ("the BRICS Summit") is not an event
            if tgt is None and factor == 1.0 and entry.strength < self.matcher.noun_alone and not (
                src is not None and low.startswith("'", slots[src].end)
                and entry.info is not None and entry.info.type == "ASSAULT"
            ):
                # A weak noun without target or light verb ("treaty obligations"), unless a
                # possessive names who attacked ("the IRA's bombing of the city").
                return None
        spans = [(t.start, t.end) for t in matches]
        if src is None:
            src_idx = []
        elif agent:
            src_idx = group_right(slots, src, text, spans)  # "by Putin and Pezeshkian"
        else:
            src_idx = group_left(slots, src, text, spans)
        if inherited is not None:
            src_idx, factor = list(inherited.src), 0.95
        tgt_idx = group_right(slots, tgt, text, spans) if tgt is not None else []
        if not src_idx and (tgt_idx or entry.source_from) and entry.pos == "verb" and not (
                passive) and inherited is None:
            # "X struck the town, killing twelve", "Seeking to mend ties with Y, X ...": a
            # participial clause has no subject of its own; its doer is the main clause's
            # subject (asked only of an event with a target or a giver: one with neither is none).
            doer = participial_doer(text, low, slots, m.start, m.end,
                                    self.rules.reporting_before(low, m.start) is not None)
            if doer is not None:
                doer_idx = group_right(slots, doer, text, spans)
                kind = entry.info.type if entry.info else None
                # A same-type act of the same doer in the main clause ("called for protests,
                # asking citizens to ...") is told again: it stays that event's, not a second
                # one the sentence's events would merge into.
                again = any(c.src == doer_idx and c.entry.info is not None
                            and c.entry.info.type == kind for c in coded if not c.dropped)
                if not set(doer_idx) & set(tgt_idx) and not again:
                    src_idx, factor = doer_idx, 0.95
        if entry.needs_target and not tgt_idx:
            return None  # "left for the ministry for meetings": no host, no visit coded
        if entry.needs_source and not src_idx:
            return None  # "the evidence against X is weak": no one accuses
        if entry.direct_object:
            if not is_passive(low, m.start, m.end, low[m.start : m.end]):
                if not src_idx or not tgt_idx or not _DIRECT_OBJECT.fullmatch(
                        low, m.end, slots[tgt_idx[0]].start):
                    # "released details of X's plan": X is no one released; "Freed
                    # passengers told": an adjective, no one releasing.
                    return None
            elif not src_idx or not tgt_idx or not _AUX_ONLY.fullmatch(
                    low, slots[tgt_idx[-1]].end, m.start):
                # "X was released by Y" names both sides; "passengers were freed", "a report
                # by the UN to be released" name no one releasing a person held.
                return None
        clause = self.rules.clause_start(low, m.start)
        window = clause
        earlier_targets = {i for c in coded for i in c.tgt}
        if (
            inherited is None and prev is not None and src_idx
            and slots[src_idx[0]].start >= prev.match.end
            and not earlier_targets & set(src_idx)
        ):
            window = max(window, prev.match.end)  # a new clause with its own subject
        if joined and inherited is not None:
            window = max(window, inherited.match.end)  # its cues are the earlier verb's
        res = self.rules.decide(low, text, m.start, m.end, window, headline)
        modality, cue = res.value, res.cue
        if modality != "denied" and window > clause:
            # "Iran denied that its forces attacked": the denial verb is a trigger itself and
            # moved the window, but its "that" clause is what is denied.
            denial = self.rules.denied_before(low, clause, m.start)
            if denial is not None:
                modality, cue = "denied", denial
        if modality == "denied" and prev is not None and prev.entry.info is not None and (
            prev.entry.info.type == "REJECT" and prev.match.start < m.start
            and words(low[prev.match.end : m.start]) <= 6
        ):
            prev.dropped = True  # the denial is this event's modality, not a rejection event
        if inherited is not None and cue is None:
            modality, cue = inherited.modality, inherited.cue
        if modality == "asserted":
            rv = self.rules.reporting_before(low, m.start)
            if rv is not None:
                speaker = self._subject(text, slots, rv[0], matches)
                src_ids = set(flatten(slots, src_idx))
                # An unnamed speaker ("witnesses said") reports too; a source speaking of
                # itself ("Russia said it struck") asserts.
                if speaker is None or not src_ids & set(slots[speaker].ids):
                    modality, cue = "reported", low[rv[0] : rv[1]]
        code = entry.code
        for rc in self.matcher.recode:
            if code.startswith(rc.prefix) and rc.trigger.search(low, m.start, m.end) and (
                rc.context.search(low)
            ):
                code = rc.code  # "teachers went on strike": a labour strike, not an attack
                break
        if prev is not None and not prev.dropped and words(low[prev.match.end : m.start]) <= 2:
            if prev.entry.governs:
                prev.dropped = True  # "agreed to expand ties": the action is the event
                if not src_idx:
                    src_idx = list(prev.src)
                if modality == "asserted" and prev.modality == "asserted":
                    # "expresses willingness to cooperate": the governing verb itself makes
                    # the action intended, with or without a modality cue.
                    modality, cue = "expected", low[prev.match.start : prev.match.end]
            elif prev.entry.info is not None and prev.entry.info.type == "THREATEN":
                inner = entry.info.type if entry.info else None
                if inner in self.matcher.threat_codes and prev.code.startswith("13"):
                    prev.code = self.matcher.threat_codes[inner]
                if not prev.tgt:
                    prev.tgt = list(tgt_idx)  # "threatened to strike Israel": Israel is threatened
        if entry.source_from and entry.pos == "noun":
            # "a rocket was fired at X from Y": fired from Y's side, at X; "Israel said a rocket
            # was fired at it": the speaker is the one fired at.
            if _AT_PRONOUN.match(low, m.end):
                tgt_idx = self._speaker_pronoun(text, low, slots, m, matches)
            launch = next((i for i, s in enumerate(slots) if s.start >= m.end
                           and i not in tgt_idx and words(low[m.end : s.start]) <= 10
                           and not _PUNCT.search(low, m.end, s.start)
                           and _FROM_END.search(low, m.end, s.start)), None)
            src_idx = group_right(slots, launch, text, spans) if launch is not None else []
        elif entry.source_from:
            # "Pakistan received loans from the IMF", "accepted Chinese funding": the giver is
            # the source, the subject (or the passive's subject, "was freed from X") the
            # target. Modality was decided with the subject as the actor, as written.
            if not is_passive(low, m.start, m.end, low[m.start:m.end]):
                tgt_idx = src_idx
            giver = _from_slot(low, slots, m.start, m.end)
            if giver is None:
                giver = next((i for i, s in enumerate(slots) if m.start < s.start
                              and s.end <= m.end and s.adjectival), None)
            src_idx = group_right(slots, giver, text, spans) if giver is not None else []
        controller = next((c for c in reversed(coded) if c.entry.control and src_idx
                           and src_idx[0] in c.tgt), None) if inherited is None else None
        return _Coded(m, entry, code, src_idx, tgt_idx, modality, cue, factor,
                      controller=controller)

    def _speaker_pronoun(
        self, text: str, low: str, slots: list[Slot], m: TriggerMatch,
        matches: list[TriggerMatch],
    ) -> list[int]:
        """The speaker a pronoun right after the trigger refers to ("X said a rocket was fired
        at it"): only a single actor speaking, with no other actor between it and the trigger."""
        rv = self.rules.reporting_before(low, m.start)
        if rv is None:
            return []
        speaker = self._subject(text, slots, rv[0], matches)
        if speaker is None or any(slots[speaker].end <= s.start < m.start for s in slots):
            return []
        if low.startswith("it", low.find(" ", m.end + 1) + 1):
            return [speaker] if len(slots[speaker].ids) == 1 else []
        return group_left(slots, speaker, text, [(t.start, t.end) for t in matches])

    def _controlled_by_agent(
        self, low: str, slots: list[Slot], subj: int | None, start: int, coded: list[_Coded]
    ) -> int | None:
        """The doer of an infinitive after a control verb whose demanding side follows it as
        an agent ("Y is being pressured by X to free", "Y faces pressure from X to free"):
        the controlled side Y (that verb's target), not the name X right before "to"."""
        if subj is None or not _TO_BEFORE.search(low, slots[subj].end, start):
            return subj
        for c in reversed(coded):
            if c.entry.control and subj in c.src and c.tgt and (
                    c.match.end <= slots[subj].start):
                return c.tgt[0]
        return subj

    def _outside_between(
        self, low: str, slots: list[Slot], subj: int, matches: list[TriggerMatch]
    ) -> int:
        """A name inside a "between" phrase complements a noun ("X, centre of a row between A
        and B, called on"): the subject is the name before that noun phrase, when there is
        one a few words before it in the same clause."""
        first = subj
        while first > 0 and _AND_ONLY.fullmatch(low, slots[first - 1].end, slots[first].start):
            first -= 1  # "between A and B": the phrase starts before A
        if not _BETWEEN_END.search(low, 0, slots[first].start) or first == 0:
            return subj
        at = low.rfind("between", 0, slots[first].start)
        head = slots[first - 1]
        gap = low[head.end : at]
        if words(gap) <= 8 and not _PUNCT.search(gap.strip(" ,")) and not (
                self._between(matches, head.end, at)):
            return first - 1
        return subj

    def _speaker_only(self, gap: str) -> bool:
        """Whether a reporting verb in ``gap`` separates a speaker from a clause with its own
        subject ("said three people were"), not one about the speaker ("said it had")."""
        verbs = [v for v in self.rules.reporting.finditer(gap) if not self._in_light_verb(gap, v)]
        rv = verbs[-1] if verbs else None
        if rv is None or _AND_END.search(gap):
            return False  # "said the missile was an escalation and urged": the speaker acts
        rest = gap[rv.end() :].split()
        if "that" in rest[:5]:
            rest = rest[rest.index("that") + 1 :]  # "said on Monday that it had"
        head = rest[:4]
        # "said on Tuesday it was", "said the kingdom condemned": the speaker again.
        return not (any(w in _SELF_REFERENCE for w in head) or (
            rest[:1] == ["the"] and rest[1:2] and rest[1] in _SELF_NOUNS))

    def _noun_source(
        self, low: str, slots: list[Slot], m: TriggerMatch, matches: list[TriggerMatch]
    ) -> int | None:
        """The possessive or adjective before a nominal trigger ("Iran's", "Israeli")."""
        for i in range(len(slots) - 1, -1, -1):
            s = slots[i]
            if s.end > m.start:
                continue
            gap = low[s.end : m.start]
            if self._between(matches, s.end, m.start):
                return None
            if s.adjectival and _MOD_GAP.match(gap):
                return i
            if not gap.strip():
                return i  # "the Hamas attack on" (kept only with a target, see _roles)
            return None
        return None

    def _light_verb(self, low: str, a: int, b: int, matches: list[TriggerMatch]) -> bool:
        gap = reduce_gap(low[a:b])
        if any(not self._in_light_verb(gap, v) for v in self.rules.reporting.finditer(gap)):
            return False  # "officials have said the treaty ...": the subject said, not held
        return self.matcher.light_verb_reaches(gap) and not self._between(matches, a, b)

    def _in_light_verb(self, gap: str, verb: re.Match[str]) -> bool:
        """Whether a reporting verb is a word of a longer light verb ("claimed responsibility
        for the bombing": the claimant did it, it did not only speak)."""
        return any(lv.start() <= verb.start() and verb.end() < lv.end()
                   for lv in self.matcher.light_verbs.finditer(gap))

    def _suppressed(
        self, low: str, matches: list[TriggerMatch], text: str | None = None
    ) -> bool:
        """Sports, entertainment or weather context (outside trigger spans) or a score;
        ``text``: the sentence as written, where capitals mark names (None in headlines)."""
        if self.matcher.score.search(low):
            return True
        for hit in self.matcher.suppress_context.finditer(low):
            if hit.group() in self.matcher.suppress_quantifiers and _OF_NEXT.match(low, hit.end()):
                continue  # "a series of attacks" is no TV series
            if text is not None and text[hit.start()].isupper() and _PLACE_NOUN_NEXT.match(
                    low, hit.end()):
                continue  # "in the Markets area", "on Derby Road": part of a place's name
            if any(m.start <= hit.start() < m.end for m in matches):
                continue
            if self._attacked_place(low, hit.start(), hit.end(), matches):
                continue  # "the concert bombing", "an attack on a market" is no entertainment
            return True
        return False

    def _political_protest(
        self, etype: str | None, low: str, slots: list[Slot], src: list[int]
    ) -> bool:
        """Whether a protest's source is a political actor ("activists", "Kenyan citizens"):
        its protest near a stadium or during the Olympics is no sports report."""
        if etype != "PROTEST":
            return False
        for i in src:
            s = slots[i]
            head = _HEAD_AFTER.match(low, s.end)
            end = head.end() if head else s.end
            if self.matcher.political_actors.search(low, s.start, end):
                return True
        return False

    def _state_source(
        self, low: str, slots: list[Slot], src: list[int], states: dict[str, str | None]
    ) -> bool:
        """Whether every source of an event is a state actor (a government or
        military group, a head of state or minister, or a country) when the only context words
        name a games event ("Russia sent troops into Georgia during the Olympics"); never one
        followed by a sports noun ("the French team", "England's captain")."""
        if not src:
            return False
        for i in src:
            s = slots[i]
            kinds = [states.get(a) for a in s.ids]
            if not kinds or None in kinds:
                return False
            after = low[s.end : s.end + 40]
            if self.matcher.sports_people.match(_POSSESSIVE_HEAD.sub("", after, count=1)) or \
                    self.matcher.sports_people.search(low, s.start, s.end):
                return False
            # Only the words of a games event are let through: a match's words ("Kenya beat
            # Uganda in the cup final", "in the goal area") and other contexts ("as markets
            # fell") still veto.
            if self.matcher.score.search(low) or any(
                    h.group() not in self.matcher.games_words
                    for h in self.matcher.suppress_context.finditer(low)):
                return False
        return True

    def _attacked_place(self, low: str, a: int, b: int, matches: list[TriggerMatch]) -> bool:
        """Whether the context word ``low[a:b]`` is what a nominal trigger hit: its modifier
        ("the concert bombing") or its place ("an attack on a concert")."""
        for m in matches:
            if m.start >= b and not low[b : m.start].strip():
                nxt = low[m.end :].split(None, 1)
                # "the concert bombing in the city", not "the film attacks the government".
                if any(e.pos == "noun" for e in m.entries) and (
                        not nxt or not nxt[0][0].isalnum() or nxt[0] in _NOUN_NEXT):
                    return True
            if m.end <= a and (_PLACE_OF.fullmatch(low, m.end, a) or (
                    low[: m.end].endswith(_PLACE_PREPS) and _PLACE_NP.fullmatch(low, m.end, a))):
                return True  # "an attack on a concert", "launched an attack on a concert"
        return False

    def _event(
        self, c: _Coded, sent: Sentence, low: str, slots: list[Slot], suppress: Callable[[], bool],
        article_id: str, countries: dict[str, str | None], headline: bool = False,
        states: dict[str, str | None] | None = None,
    ) -> Event | None:
        source = flatten(slots, c.src)
        # A side never holds what the other holds: not the same actor, nor a source person's
        # own country ("Putin and Pezeshkian signed ... Russia" is no act towards Russia).
        own = {countries.get(a) for a in source} - {None}
        target = tuple(t for t in flatten(slots, c.tgt)
                       if t not in source and not (t in own and t == countries.get(t)))
        if (not source and not target) or (c.entry.needs_target and not target):
            return None  # a target needed and only the source's own side named
        code = c.code
        info = cameo_info(code)
        if info is None or info.type is None:
            return None
        if c.modality == "expected" and info.quad_class in (1, 2) and info.type not in (
            "AGREE", "REQUEST"
        ) and not (info.type in self.matcher.scheduled_types
                   and (c.cue or "").lower() in self.matcher.scheduled_cues):
            # An intention (AGREE 03x), unless the act is only stated as scheduled ("will
            # meet", "is due to visit"): that is the act itself, expected ([scheduled]).
            intent = _longest_prefix(self.matcher.intent, code)
            if intent is not None:
                code = intent
                info = cameo_info(code) or info
        if info.quad_class == 4 and suppress() and not self._political_protest(
                info.type, low, slots, c.src) and not (
                not _RESULT_VERB.match(low, c.match.start)
                and self._state_source(low, slots, c.src, states or {})):
            return None
        etype = info.type
        if etype is None:
            return None
        mode = c.entry.mode if c.entry.mode and code == c.entry.code else info.mode
        for rule in self.matcher.mode_rules:
            if rule.type == etype and (mode is None or mode in rule.replaces) and (
                rule.words.search(low)
            ):
                mode = rule.mode
                if rule.code and code == c.entry.code and code.startswith("04"):
                    code = rule.code
                break
        dist = 0
        for i in (*c.src, *c.tgt):
            s = slots[i]
            gap = low[s.end : c.match.start] if s.end <= c.match.start else low[
                c.match.end : s.start
            ]
            dist = max(dist, words(gap))
        # A source shared with a coordinated verb (factor 0.95) costs; a nominal trigger's
        # subject through a light verb ("held talks", 0.9) measured as reliable as any other.
        conf = event_confidence(
            c.entry.strength, headline=headline, sources=len(source), targets=len(target),
            distance=dist, modality=c.modality, cue=c.cue is not None,
            roles=0.95 if c.factor == 0.95 else 1.0,
            background=_BACKGROUND.search(low, max(0, c.match.start - 80), c.match.start)
            is not None)
        start = sent.start + c.match.start
        return Event(
            id=stable_id("ev", article_id, start, etype),
            type=etype,
            mode=mode,
            cameo=code,
            quad_class=info.quad_class,
            goldstein=(cameo_info(code) or info).goldstein,
            source=source,
            target=target,
            modality=c.modality,
            evidence=Evidence(sent.text, sent.start, sent.end),
            trigger=Mention(
                sent.text[c.match.start : c.match.end], start, sent.start + c.match.end
            ),
            confidence=max(0.0, min(1.0, conf)),
        )


def _from_slot(low: str, slots: list[Slot], start: int, end: int) -> int | None:
    """The first actor after a trigger whose phrase is introduced by "from" within six words
    ("received by courier money from X", "was freed from an Iranian prison")."""
    for i, s in enumerate(slots):
        if s.start < end:
            continue
        gap = low[end : s.start]
        if words(gap) > 6 or _PUNCT.search(gap):
            return None
        return i if _FROM_END.search(low[start : s.start]) else None
    return None


@lru_cache(maxsize=64)
def _headline(text: str) -> bool:
    """Title Case text ("Israel Strikes Hezbollah"), where capitals do not mark names (asked
    once per trigger of a sentence: cached)."""
    # Counted with C-level filter/map over the words' first letters: a generator per word
    # cost half a percent of the pipeline.
    firsts = list(filter(str.isalpha, [w[0] for w in text.split()]))
    return bool(firsts) and sum(map(str.isupper, firsts)) >= 0.6 * len(firsts)


def _form_changes(low: str, a: TriggerMatch, b: TriggerMatch) -> bool:
    """Whether one trigger's verb is a gerund and the other's is not ("supplying" / "imposed")."""
    va, vb = low[a.start : a.end].split()[0], low[b.start : b.end].split()[0]
    return va.endswith("ing") != vb.endswith("ing")


def _longest_prefix(table: dict[str, str], code: str) -> str | None:
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None


def _dedup(events: list[Event]) -> list[Event]:
    """One event per (type, source) in a sentence unless their targets differ."""
    out: list[Event] = []
    for e in sorted(events, key=lambda e: (-len(e.target), -e.confidence, e.trigger.start)):
        if any(
            o.type == e.type and o.source == e.source and set(e.target) <= set(o.target)
            for o in out
        ):
            continue
        out.append(e)
    return sorted(out, key=lambda e: e.trigger.start)


def headline_events(doc: Document, stage: Events | None = None) -> list[Event]:
    """The events coded from the article's headline alone. The stage drops a headline event
    that the body repeats (same type and sides) and keeps the body's copy, so this is how a
    reader finds the event the headline announces ("the lead event")."""
    art = doc.article
    if art is None or not doc.sentences:
        return []
    title = _title_sentence(art, doc.sentences)
    if title is None:
        return []
    inside = sorted(((m.start, m.end, a) for a in doc.actors for m in a.mentions
                     if title.start <= m.start and m.end <= title.end), key=lambda x: x[0])
    st = stage or _default_stage()
    coded = st.code(title, inside, art.id, headline=True) if inside else []
    implied = st.implied_headline_event(title, doc, coded, art.id)
    return ([implied[0]] if implied is not None else []) + coded


@cache
def _default_stage() -> Events:
    return Events()


def _title_sentence(art: Article, sents: tuple[Sentence, ...]) -> Sentence | None:
    """The headline, when the text starts with it (the title or a first line without a stop)."""
    first = sents[0]
    if art.title and first.text.strip() == art.title.strip():
        return first
    line_end = art.text.find("\n", first.start)
    if line_end == first.end and first.text.rstrip()[-1:] not in ".!?\"”'’" and len(sents) > 1:
        return first
    return None


# -- conveniences for tests, evaluation and notebooks -------------------------------------------


def find_actors(text: str, spec: dict[str, Iterable[str]], kinds: dict[str, str] | None = None
                ) -> tuple[Actor, ...]:
    """Actors whose mentions are every whole-word occurrence of the given strings.

    ``spec`` maps an actor id to its surface strings (``{"IRN": ["Iran", "Iranian"]}``); a string
    listed under several ids is a joint mention. Kinds default from the id convention
    (``person:``, ``igo:``, ``org:``, ``armed_group:``, ISO3 country, ``ISR:MIL`` group).
    """
    out: list[Actor] = []
    for actor_id, strings in spec.items():
        ms: list[Mention] = []
        for s in strings:
            for m in re.finditer(rf"(?<!\w){re.escape(s)}(?!\w)", text):
                ms.append(Mention(m.group(), m.start(), m.end()))
        kind = (kinds or {}).get(actor_id) or _kind_of(actor_id)
        country = actor_id[:3] if re.fullmatch(r"[A-Z]{3}(?::\w+)?", actor_id) else None
        name = next(iter(strings), actor_id)
        out.append(Actor(actor_id, name, kind, country, None, (),  # type: ignore[arg-type]
                         tuple(sorted(ms, key=lambda x: x.start))))
    return tuple(out)


def _kind_of(actor_id: str) -> str:
    prefix = actor_id.split(":", 1)[0]
    return {"person": "person", "igo": "igo", "org": "organization",
            "armed_group": "armed_group"}.get(prefix, "group" if ":" in actor_id else "country")


def code_sentence(
    text: str, actors: Iterable[Actor] | dict[str, Iterable[str]]
) -> tuple[Event, ...]:
    """Events of a short text given its actors (records, or a ``find_actors`` spec)."""
    acts = find_actors(text, actors) if isinstance(actors, dict) else tuple(actors)
    art = Article(id="adhoc", source="adhoc", text=text)
    doc = Document(
        raw=RawDocument(source="adhoc", text=text), article=art,
        sentences=tuple(_sentences.split(text)), actors=acts,
    )
    return Events()(doc).events
