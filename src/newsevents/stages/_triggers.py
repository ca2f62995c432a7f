"""Event trigger lexicon (``data/event_lexicon.toml``) compiled into one Aho-Corasick matcher.

``TriggerMatcher.find(low)`` returns the non-overlapping trigger spans of a lowercased sentence,
longest first; a span that several entries share keeps them all so the caller can choose
between a verb and a noun reading from context.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import ahocorasick

from newsevents.lexicon import load_toml
from newsevents.ontology import CameoInfo, cameo_info

Pos = Literal["verb", "noun", "idiom"]


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    """One ``[[trigger]]`` of the lexicon (idioms are entries with ``pos="idiom"``)."""

    index: int
    code: str
    pos: Pos
    info: CameoInfo | None
    strength: float
    prep: tuple[str, ...]
    mode: str | None
    place_target: bool
    control: bool
    governs: bool
    objects: re.Pattern[str] | None
    passive: bool = False  # a reduced passive ("treaty signed by"): codes only with its agent
    needs_target: bool = False  # codes only with a target ("left for X for talks": X hosts)
    needs_source: bool = False  # codes only with a source ("the evidence against X is weak")
    # The subject receives ("received weapons from X", "was freed from X"): it is the target,
    # and the actor after "from" is the source.
    source_from: bool = False
    # The object is a topic, not a partner ("discussed Syria"): only ``prep`` names a target
    # ("discussed the crisis with Jordan").
    topic_object: bool = False
    # The target is the verb's direct object, a few words after it with no preposition or
    # punctuation between ("released Ama Mensah", not "released details of Uganda's plan").
    direct_object: bool = False


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    """A trigger span of the sentence with the entries that produce it (same span)."""

    start: int
    end: int
    entries: tuple[TriggerEntry, ...]


@dataclass(frozen=True, slots=True)
class ModeRule:
    type: str
    mode: str
    code: str | None
    words: re.Pattern[str]
    replaces: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Recode:
    """A code chosen by sentence context: a trigger coded ``prefix...`` whose text matches
    ``trigger`` becomes ``code`` when ``context`` occurs in the sentence (labour "strike")."""

    prefix: str
    code: str
    trigger: re.Pattern[str]
    context: re.Pattern[str]


def expand(form: str) -> list[str]:
    """``"hold/holds/held talks"`` → ``["hold talks", "holds talks", "held talks"]``."""
    words = [w.split("/") for w in form.lower().split()]
    return [" ".join(p) for p in itertools.product(*words)]


def word_pattern(
    phrases: list[str] | tuple[str, ...], adverbials: tuple[str, ...] = ()
) -> re.Pattern[str]:
    """One regex matching any of ``phrases`` on word boundaries (longest alternative first).
    With ``adverbials``, a phrase ending in "to" also matches with one of them before its
    "to" ("vowed on Thursday to", "pledged again to")."""
    alts = sorted({p.lower() for p in phrases}, key=len, reverse=True)
    gap = ""
    if adverbials:
        advs = sorted({a.lower() for a in adverbials}, key=len, reverse=True)
        gap = "(?:\\s+(?:" + "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in advs) + "))?"
    # Alternatives grouped by their first letter ("w(?:ill|ould)|s(?:hall|hould)"): at each
    # word start the regex engine then tries one group instead of every phrase (the lists
    # have dozens). Two phrases with different first letters never match at the same offset
    # and each group keeps the longest-first order, so the matches are those of the flat list.
    groups: dict[str, list[str]] = {}
    for a in alts:
        rx = _phrase_re(a, gap)
        first = a[:1] if a[:1].isalnum() else ""  # re.escape leaves letters and digits as is
        groups.setdefault(first, []).append(rx[len(first) :])
    body = "|".join(
        f"{first}(?:{'|'.join(rests)})" if first else "|".join(rests)
        for first, rests in groups.items()
    )
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])")


def _phrase_re(phrase: str, gap: str) -> str:
    """The regex of one phrase; ``gap`` (an optional adverbial) goes between a one-word verb
    and its "to" ("vowed to"), not into longer phrases ("is expected to")."""
    if gap and phrase.endswith(" to") and " " not in phrase[:-3].strip():
        return re.escape(phrase[:-3]) + gap + r"\s+to"
    return re.escape(phrase).replace(r"\ ", r"\s+")


# Words before a participle that make it an active past or perfect ("they killed", "had
# jailed", "who arrested") rather than a noun's reduced passive.
_NOT_NOUN_BEFORE = frozenset({
    "has", "have", "had", "having", "he", "she", "it", "they", "we", "i", "you", "who", "which",
    "that", "and", "or", "but", "then", "also", "reportedly", "allegedly", "not", "never",
})
# What may follow a reduced passive instead of an object: a place, time or reason phrase ("in
# the raid", "on Monday", "for protesting", "last week", "a year ago", "over a year ago"), or
# the end of the sentence. "at least" and "over <number>" start a counted object.
_NO_OBJECT_NEXT = re.compile(
    r"\s*(?:[.!?]?\s*$|\s(?:in|on|for|during|near|outside|inside|after|since|while|when|amid|"
    r"under|across|along|last|this|earlier|yesterday|today|overnight|at(?!\s+(?:least|most)\b))"
    r"\b|\s(?:over\s+)?(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d+|several|"
    r"many)\s+(?:years?|months?|weeks?|days?|decades?)\s+ago\b)")


# A topic preposition between a light verb and a nominal trigger makes the trigger the topic
# of the light verb's own object ("expressed sorrow for the attack", "voiced concern over the
# strikes"); "of" keeps a quantity ("a series of strikes"). Locative and directional ones
# ("on", "against", "to") stay out: measured on WikiEvents they lost more than they fixed.
_TOPIC_PREP = re.compile(r"\b(?:for|over|about|after|following|regarding|concerning)\b")


# An accident or disaster as the cause phrase of a death or injury: no one's attack.
_ACCIDENT_CAUSE = re.compile(
    r"(?:\s+(?:and|or|were|was|when|instantly|outright|on\s+\w+|\w+ly)){0,2}\s+(?:in|by|during|after)"
    r"\s+(?:(?:a|an|the|its|their)\s+)?(?:[\w'’-]+\s+){0,6}?(?:crash(?:es)?|accidents?|"
    r"collisions?|derailments?|stampedes?|avalanches?|landslides?|mudslides?|earthquakes?|"
    r"quakes?|floods?|flooding|storms?|hurricanes?|typhoons?|cyclones?|tornado(?:e?s)?|"
    r"collapses?|blazes?|fire(?!\s*fights?)|explosions?\s+at\s+(?:a|the)\s+(?:factory|plant|"
    r"mine|warehouse))\b")


class TriggerMatcher:
    """The compiled lexicon. Build once (``matcher()`` caches one per process)."""

    def __init__(self, data: dict[str, Any], adverbials: tuple[str, ...] = ()) -> None:
        defaults = data.get("defaults", {})
        default_strength = float(defaults.get("strength", 0.85))
        default_gap = int(defaults.get("gap", 5))
        self.noun_prep: tuple[str, ...] = tuple(defaults.get("noun_prep", ()))
        self.light_verbs = word_pattern(defaults.get("light_verbs", ["held"]))
        dis = data.get("disambiguation", {})
        self.noun_before = frozenset(dis.get("noun_before", ()))
        self.verb_before = frozenset(dis.get("verb_before", ()))
        self.not_verb_after = frozenset(dis.get("not_verb_after", ()))
        self.not_participle_after = frozenset(dis.get("not_participle_after", ()))
        self.reduced_passive = frozenset(dis.get("reduced_passive", ()))
        self.recode = tuple(
            Recode(
                prefix=str(r["prefix"]),
                code=str(r["code"]),
                trigger=word_pattern(r["trigger"]),
                context=word_pattern(r["context"]),
            )
            for r in data.get("recode", ())
        )
        self.noun_alone = float(data.get("nominal", {}).get("min_strength_alone", 0.0))
        self.intent: dict[str, str] = dict(data.get("intent", {}))
        sched = data.get("scheduled", {})
        self.scheduled_types = frozenset(str(t) for t in sched.get("types", ()))
        self.scheduled_cues = frozenset(str(c).lower() for c in sched.get("cues", ()))
        self.threat_codes: dict[str, str] = dict(data.get("threat_codes", {}))
        self.threat_by_code: dict[str, str] = dict(data.get("threat_by_code", {}))
        self.mode_rules = tuple(
            ModeRule(
                type=r["type"],
                mode=r["mode"],
                code=r.get("code"),
                words=word_pattern(r["words"]),
                replaces=tuple(r.get("replaces", ())),
            )
            for r in data.get("mode_context", ())
        )
        sup = data.get("suppress", {})
        self.suppress_context = word_pattern(sup.get("context", ["\x00"]))
        self.suppress_quantifiers = frozenset(sup.get("quantifiers", ()))
        self.political_actors = word_pattern(sup.get("political_actors", ["\x00"]))
        self.sports_people = re.compile(
            r"\s*(?:" + "|".join(map(re.escape, sup.get("sports_people", ["\x00"]))) + r")\b")
        self.games_words = frozenset(sup.get("games_words", ()))
        self.score = re.compile(sup.get("score_pattern", r"(?!x)x"))
        self.entries: list[TriggerEntry] = []
        self._automaton = ahocorasick.Automaton()
        forms: dict[str, list[int]] = {}
        for i, t in enumerate(data.get("trigger", ())):
            objs = t.get("objects")
            gap = int(t.get("gap", default_gap))
            obj_re = None
            if objs:
                alts = sorted({o.lower() for o in objs}, key=len, reverse=True)
                body = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alts)
                # Up to `gap` plain words between the verb and its object, after an optional
                # parenthetical set off by two commas and an optional first adjective of a
                # list ("restore, it seems, complete, full ties"); other commas end the phrase.
                # A noun right after the object makes it that noun's modifier ("sent into
                # the military court system" sends no military).
                nouns = t.get("object_not_before", ())
                not_before = rf"(?!\s+(?:{'|'.join(map(re.escape, nouns))})\b)" if nouns else ""
                # A second object coordinated with the first belongs to the span ("banned
                # gatherings and protests": the protests are banned, not held).
                more = rf"(?:,?\s+(?:and|or)\s+(?:[\w'-]+\s+){{0,2}}?(?:{body})(?![\w-]))*"
                obj_re = re.compile(
                    r"(?:,\s+[\w'-]+(?:\s+[\w'-]+){0,3},)?(?:\s+[\w'-]+,)?"
                    rf"(?:\s+[\w'$-]+){{0,{gap}}}?\s+(?P<obj>{body})(?![\w-]){not_before}{more}")
            entry = TriggerEntry(
                index=i,
                code=str(t["code"]),
                pos=t.get("pos", "verb"),
                info=cameo_info(str(t["code"])),
                strength=float(t.get("strength", default_strength)),
                prep=tuple(t.get("prep", ())),
                mode=t.get("mode"),
                place_target=bool(t.get("place_target", False)),
                control=bool(t.get("control", False)),
                governs=bool(t.get("governs", False)),
                objects=obj_re,
                passive=bool(t.get("passive", False)),
                needs_target=bool(t.get("needs_target", False)),
                needs_source=bool(t.get("needs_source", False)),
                source_from=bool(t.get("source_from", False)),
                topic_object=bool(t.get("topic_object", False)),
                direct_object=bool(t.get("direct_object", False)),
            )
            if entry.info is None or entry.info.type is None:
                raise ValueError(f"event_lexicon.toml: trigger {i} has unknown code {entry.code}")
            self.entries.append(entry)
            for f in t["forms"]:
                for e in expand(f):
                    forms.setdefault(e, []).append(i)
                    verb, _, particle = e.partition(" ")
                    if entry.pos == "verb" and particle in ("to", "for"):
                        # "vowed on Thursday to", "left yesterday for": a time or manner
                        # adverbial between a verb and its particle.
                        for adv in adverbials:
                            forms.setdefault(f"{verb} {adv} {particle}", []).append(i)
        idiom_index = len(self.entries)
        self.entries.append(
            TriggerEntry(idiom_index, "", "idiom", None, 0.0, (), None, False, False, False, None)
        )
        for f in sup.get("idioms", ()):
            for e in expand(f):
                forms.setdefault(e, []).append(idiom_index)
        for form, idx in forms.items():
            self._automaton.add_word(form, (form, tuple(idx)))
        self._automaton.make_automaton()
        self.n_forms = len(forms)

    def light_verb_reaches(self, gap: str) -> bool:
        """Whether a light verb in ``gap`` (the text between a subject and a nominal trigger)
        has the trigger as its own object: no preposition after the last light verb ("held
        talks", "launched a wave of strikes"). After one, the trigger is a topic ("expressed
        sorrow for the shootings", "offered condolences over the bombing")."""
        found = list(self.light_verbs.finditer(gap))
        return bool(found) and not _TOPIC_PREP.search(gap, found[-1].end())

    def accident_after(self, low: str, end: int) -> bool:
        """Whether the killing or wounding ending at ``end`` is caused by an accident or a
        disaster named right after it ("killed in a plane crash", "injured by the collapse")."""
        return bool(_ACCIDENT_CAUSE.match(low, end))

    def reduced_passive_at(self, low: str, start: int, end: int) -> bool:
        """Whether the trigger ``low[start:end]`` is a reduced passive after its noun ("ten
        soldiers killed in the raid"): a one-word participle of an always-transitive verb,
        after a noun (no auxiliary, pronoun or relative word) and before no object."""
        if low[start:end] not in self.reduced_passive:
            return False
        prev = low[:start].rsplit(None, 1)[-1:]
        if not prev or not prev[0][-1:].isalpha() or prev[0] in _NOT_NOUN_BEFORE:
            return False
        return bool(_NO_OBJECT_NEXT.match(low, end))

    def find(self, low: str) -> list[TriggerMatch]:
        """Non-overlapping trigger spans of ``low`` (lowercased text), in text order."""
        cands: list[tuple[int, int, int, TriggerEntry]] = []  # (start, end, object len, entry)
        n = len(low)
        has_idiom = False
        for end_i, (form, idx) in self._automaton.iter(low):
            start = end_i - len(form) + 1
            end = end_i + 1
            # Half the automaton's hits sit inside a longer word ("aid" in "said"). The
            # boundary test is [\w-] written with str methods (the same characters: isalnum
            # or "_"), which costs a tenth of a regex match per hit.
            if start > 0:
                c = low[start - 1]
                if c.isalnum() or c == "_" or c == "-":
                    continue
            if end < n:
                c = low[end]
                if c.isalnum() or c == "_" or c == "-":
                    continue
            for i in idx:
                entry = self.entries[i]
                if entry.objects is None:
                    cands.append((start, end, 0, entry))
                    has_idiom = has_idiom or entry.pos == "idiom"
                    continue
                m = entry.objects.match(low, end)
                if m:
                    # The object's own length breaks ties ("humanitarian aid" over "aid").
                    cands.append((start, m.end(), len(m.group("obj")), entry))
        if not cands:
            return []
        if len(cands) == 1:
            start, end, _olen, entry = cands[0]
            return [] if has_idiom else [TriggerMatch(start, end, (entry,))]
        if has_idiom:
            # An idiom blocks triggers starting where it starts ("give up" is no "give ...
            # weapons").
            idiom_starts = {c[0] for c in cands if c[3].pos == "idiom"}
            cands = [c for c in cands if c[3].pos == "idiom" or c[0] not in idiom_starts]
        # Longest span wins; at equal length the earlier one, then the more specific object.
        cands.sort(key=lambda c: (-(c[1] - c[0]), c[0], -c[2]))
        taken: list[tuple[int, int]] = []
        chosen: dict[tuple[int, int], list[tuple[int, TriggerEntry]]] = {}
        for start, end, olen, entry in cands:
            key = (start, end)
            if key in chosen:
                best = chosen[key][0][0]
                if olen == best and all(e.index != entry.index for _, e in chosen[key]):
                    chosen[key].append((olen, entry))
                continue
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append(key)
            chosen[key] = [(olen, entry)]
        out = [
            TriggerMatch(s, e, tuple(en for _, en in chosen[(s, e)]))
            for s, e in sorted(chosen)
        ]
        if not has_idiom:
            return out
        return [m for m in out if all(e.pos != "idiom" for e in m.entries)]


@cache
def matcher() -> TriggerMatcher:
    """The default lexicon, compiled once per process."""
    adverbials = tuple(str(a).lower() for a in load_toml("modality.toml").get("adverbials", ()))
    return TriggerMatcher(load_toml("event_lexicon.toml"), adverbials)
