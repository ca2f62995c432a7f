"""Body sentences that report an attack or an arrest without naming who did it ("Five people
were killed in an attack on a market in Mombasa", "Two men were arrested in Lagos on Monday"):
one event per occurrence, with an empty source and the victims or the place's country as target.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsevents.ontology import cameo_info
from newsevents.records import Actor, Document, Event, Evidence, Mention, Sentence, stable_id
from newsevents.stages._actorless import IMPLIED_FACTOR, _countries
from newsevents.stages._arguments import is_passive
from newsevents.stages._confidence import event_confidence
from newsevents.stages._modality import ModalityRules
from newsevents.stages._timex_patterns import FULL_MONTH, WEEKDAY
from newsevents.stages._triggers import TriggerEntry, TriggerMatch, TriggerMatcher

__all__ = ["unnamed_events"]

# Trigger heads that name a discrete violent incident or an arrest even when nobody is named
# as its doer. Heads such as "war", "fighting", "hit", "strike", "capture" or "target" need a
# named side to be an event ("prices hit", "the war"), so they are left to the actor path.
_HEADS = (
    r"kill(?:s|ed|ing)?|attack(?:s|ed)?|bomb(?:s|ed|ing|ings)?|blew|blown|blast|explosions?|"
    r"suicide|car|truck|vehicle|roadside|ieds?|improvised|landmines?|assassinat\w*|"
    r"shoot(?:s|ing|ings)?|shot|gunfire|gunned|opened|open|massacres?|shell(?:ed|ing)|"
    r"airstrikes?|ambush(?:ed)?|stabb?(?:ed|ing)|behead\w*|lynch\w*|abduct\w*|kidnap\w*|"
    r"arrest(?:s|ed)?|detain(?:ed)?|rounded|taken|apprehended"
)
_HEAD = re.compile(rf"(?:{_HEADS})")
# A cheap test before the trigger matcher runs on a sentence without actors.
_PREFILTER = re.compile(rf"\b(?:{_HEADS})\b")
_ARREST_CODE = "173"
_ARREST_HEADS = frozenset({"arrest", "arrests", "arrested", "detain", "detained", "rounded",
                           "taken", "apprehended"})

_NUMBER = (r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
           r"\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|dozens?|"
           r"scores|several|many|twin)")
_NUMBER_RE = re.compile(rf"\b{_NUMBER}\b")
_CASUALTY = re.compile(r"\b(?:killed|killing|kills|wounded|wounding|injured|injuring|dead|died|"
                       r"lives|casualties|bodies|death toll|hurt)\b")
# A time of the reported day ("on Tuesday", "last night", "at 2.45pm", "on 11 December").
_MONTH = FULL_MONTH.lower()
# (The month and weekday names are the temporal tagger's, lower-cased as this text is; after a
# day number "may" is left out: "12 may die".)
_DATE = re.compile(
    rf"\b(?:{WEEKDAY.lower()[3:-1]}|yesterday|today|tonight|"
    r"overnight|last night|this morning|this afternoon|this evening|earlier this week|"
    r"\d{1,2}(?:[.:]\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)|"
    rf"{_MONTH}\s+\d{{1,2}}\b|\bin\s+{_MONTH}\b|\d{{1,2}}\s+{_MONTH.replace('may|', '')})")
# Words of a finished occurrence: a general statement has none ("assassinations are common").
_PAST = re.compile(r"\b(?:was|were|had|has been|have been|\w+ed|blew|blown|shot|struck|hit|"
                   r"tore|went off|left|took place|broke out|died|dead)\b")
# Statements about attacks in general, their history, or fears of them.
_GENERIC = re.compile(
    r"\b(?:regular(?:ly)?|often|frequent(?:ly)?|usually|common(?:ly)?|routine(?:ly)?|"
    r"spate|string of|series of|wave of attacks|in recent years|in the past|years ago|"
    r"decades?|history|historic|anniversary|remember(?:ed|s)?|memorial|commemorat\w+|"
    r"such as|fears?|feared|afraid|worr(?:y|ied|ies)|risk|threat of|danger of|"
    r"possible|potential|would|could|might|if|since \d{4}|by the end of|so far|in total|"
    r"altogether|since the start|almost|nearly|plot\w*|foiled|thwarted|"
    r"(?:in|since|during|by) \d{4}|since|plan\w*|court heard|told the court|testif\w+|"
    r"called|calling|described|describing|branded|termed|denounced|still|such|last year)\b"
    # A date with its year ("on September 5, 2004"): news tells recent days without one.
    r"|\b\d{1,2},? \d{4}\b")
# Courts and charges before the trigger: the act is a charge, not a report ("charged with
# kidnapping", "convicted of the bombing").
_JUDICIAL = re.compile(r"\b(?:charged|charges|convicted|accused|sentenced|trial|guilty|"
                       r"suspected|indicted|alleged(?:ly)?|responsib\w+)\b")
# Who did an active verb's act, when not named: only such words make "X killed" an attack.
_UNKNOWN_DOER = re.compile(
    r"\b(?:gunm[ae]n|attackers?|assailants?|bombers?|hitm[ae]n|shooters?|kidnappers?|"
    r"abductors?|unknown|unidentified|masked|armed m[ae]n)\s+(?:[\w-]+\s+){0,2}$")
# A relative clause or a gerund about someone ("somebody who has been arrested", "from being
# detained"): background of a noun, not a report.
_RELATIVE = re.compile(r"\b(?:who|whom|which|that|being)\s+(?:[\w-]+\s+){0,3}$")
# An occurrence told by a reference: "after the explosion", "a probe into the blast", "the
# bomber behind the bombing", "responsibility for the attack", "the scale of the attack". After
# these, even "an attack" is a reference or a generality ("in retaliation for an attack").
_BACKREF = re.compile(
    r"(?<!wave )(?<!burst )(?<!volley )(?<!hail )"
    r"\b(?:after|following|since|before|during|amid|behind|into|about|for|of|like|than|until|as|"
    r"reacting to|response to|"
    r"wake of|aftermath of|connection with)\s+"
    r"(?:(?:the|this|that|these|those|its|their|his|her|a|an|such|last|[\w-]+'s)\s+)?"
    r"(?:[\w.,-]+\s+){0,4}$"
    # "This was a cowardly attack": a characterisation of something told, not a report.
    r"|\b(?:was|is|were|are|be|been)\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}$")
# "the 12 killed", "the six wounded": a participle after a definite count is a reference.
_COUNTED = re.compile(rf"\bthe\s+{_NUMBER}\s+(?:\w+ly\s+)?$")
# After these, a definite one is a reference ("damaged by the blast"), an indefinite one is
# told for the first time ("killed by a roadside bomb").
_BACKREF_DEFINITE = re.compile(
    r"\b(?:by|from|with|to|over|against|on|at)\s+"
    r"(?:the|this|that|these|those|its|their|his|her|[\w-]+'s)\s+(?:[\w-]+\s+){0,2}$")
_DEFINITE = re.compile(r"\b(?:the|this|that|these|those|its|their|his|her|[\w-]+'s)\s+"
                       r"(?:[\w-]+\s+){0,2}$")
_INDEFINITE = re.compile(rf"\b(?:a|an|another|{_NUMBER})\s+(?:[\w-]+\s+){{0,2}}$")
# What may follow a noun trigger that reports an incident; another noun makes it a modifier
# ("the explosion area", "attack helicopters").
_NOUN_NEXT = frozenset({
    "on", "in", "at", "near", "outside", "inside", "against", "targeting", "that", "which",
    "killed", "killing", "kills", "left", "leaves", "leaving", "was", "were", "has", "had",
    "ripped", "tore", "hit", "struck", "wounded", "wounding", "injured", "injuring", "claimed",
    "destroyed", "damaged", "occurred", "happened", "took", "went", "rocked", "shook", "by",
    "early", "late", "last", "this", "yesterday", "overnight", "across", "along", "close",
    "blew", "exploded", "detonated", "and"})
# Deaths and injuries that no one inflicted.
_ACCIDENT = re.compile(
    r"\b(?:crash(?:es|ed)?|accidents?|collisions?|derail\w*|quakes?|landslides?|mudslides?|"
    r"avalanche|stampede|collaps\w*|(?:a|an|the)\s+(?:\w+\s+)?(?:fire|blaze)|fires|"
    r"collid\w*|fell|falling|mudflows?|tsunami|volcan\w*|erupt\w*|asphyxia|"
    r"chickens|poultry|birds|animals|cattle|livestock|pigs|culled|gas|boiler|colliery|"
    r"coal mine|miners|aircraft|airplane|plane|pilot|on board|disease|outbreak|overdose|"
    r"drown\w*|lightning|capsiz\w*|traffic|heat|(?:detained|kept|held) in hospital)\b")
# A place after a locative preposition, written with capitals ("in Mombasa", "near Bagram").
_PLACE_CUE = re.compile(r"\b(?:in|at|near|outside|inside|across|on)\s+(?:(?:the|a|an)\s+)?"
                        r"(?:[a-z-]+\s+){0,2}"
                        r"((?:[A-Z][\w'-]+)(?:\s+[A-Z][\w'-]+){0,2})")
_NOT_PLACE = re.compile(
    r"^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|May|June|July|August|September|October|November|December)\b")
# Victims after the trigger ("killing six NATO service members", "arresting two journalists").
_VICTIM_GAP = re.compile(
    r"^\s*,?\s*(?:killing|killed|wounding|injuring|kidnapping|abducting|arresting|detaining|"
    r"on|against|targeting|of)\s+(?:at least\s+)?(?:[\w-]+\s+){0,3}$")
# A passive's subject before its auxiliary ("Two journalists were arrested").
_VICTIM_BEFORE = re.compile(
    r"^\s*(?:[\w-]+\s+){0,2}(?:was|were|had been|have been|has been|being|are|is)\s+"
    r"(?:\w+ly\s+)?$")
_PUNCT = re.compile(r"[,;:()]")
_LOCATIVE_END = re.compile(r"\b(?:in|at|near|outside|inside|across|of|from|on)\s+(?:the\s+)?"
                           r"(?:(?:downtown|central|northern|southern|eastern|western|north|"
                           r"south|east|west)\s+)?$")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


@dataclass(frozen=True, slots=True)
class _Candidate:
    match: TriggerMatch
    entry: TriggerEntry
    type: str
    places: frozenset[str]
    fresh: bool  # "a second bomb", "another attack": may be a new occurrence after another


def unnamed_events(
    doc: Document, title: Sentence | None, coded: Sequence[Event], matcher: TriggerMatcher,
    rules: ModalityRules, entry_of: Callable[[TriggerMatch, str], TriggerEntry],
    suppressed: Callable[[str, list[TriggerMatch], str | None], bool], article_id: str,
) -> tuple[list[Event], list[Actor]]:
    """Events of body sentences whose attack or arrest has no named doer (``coded``: the
    events found with actors, headline included), and the actor records their targets add.
    ``entry_of`` picks a trigger span's verb or noun reading; ``suppressed`` tells sports,
    weather and entertainment contexts."""
    art = doc.article
    if art is None:
        return [], []
    c = _countries()
    fallback = _main_country(doc)
    # Occurrences already told, by type: the places each named (a set per occurrence). Those
    # told with named actors count in the next two sentences ("Rebels attacked X. Ten people
    # were killed in the attack"); farther on, an unnamed one is another occurrence.
    seen: dict[str, list[frozenset[str]]] = {}
    by_sentence: dict[int, list[Event]] = {}
    for e in coded:
        by_sentence.setdefault(e.evidence.start, []).append(e)
    recent: list[int] = []  # starts of the last sentences
    mine: set[str] = set()  # types this function coded already
    mentions = sorted(((m.start, m.end, a) for a in doc.actors for m in a.mentions),
                      key=lambda x: x[0])
    out: list[Event] = []
    actors: dict[str, Actor] = {}
    for sent in doc.sentences:
        if sent is title:
            for e in by_sentence.get(sent.start, []):
                seen.setdefault(e.type, []).append(_places(e.evidence.text))
            continue
        recent = [*recent[-2:], sent.start]
        low = _lower(sent.text)
        if not _PREFILTER.search(low):
            continue
        inside = [x for x in mentions if sent.start <= x[0] and x[1] <= sent.end]
        cand = _candidate(sent, low, by_sentence.get(sent.start, []), matcher, entry_of,
                          suppressed, art.published.year if art.published else None, inside)
        if cand is None:
            continue
        prior = seen.get(cand.type, []) + [
            _places(e.evidence.text) for st in recent[:-1] for e in by_sentence.get(st, [])
            if e.type == cand.type]
        told = frozenset().union(*prior) if prior else frozenset()
        if prior and not (cand.places - told):
            continue  # the same occurrence again: no new place
        if cand.type in mine and not cand.fresh:
            continue  # "the girls, who were kidnapped in X": told again with more detail
        m = cand.match
        res = rules.decide(low, sent.text, m.start, m.end, rules.clause_start(low, m.start))
        modality, cue = res.value, res.cue
        if modality not in ("asserted", "reported"):
            continue
        if modality == "asserted" and rules.reporting_before(low, m.start) is not None:
            modality, cue = "reported", None
        target = _victims(sent, low, m, inside)
        if not target:
            iso = _target_country(sent.text, low, m, rules) or fallback
            if iso is None:
                continue
            target = (iso,)
            if doc.actor(iso) is None and iso not in actors:
                actors[iso] = Actor(iso, c.name.get(iso, iso), "country", iso)
        seen.setdefault(cand.type, []).append(cand.places)
        mine.add(cand.type)
        info = cameo_info(cand.entry.code)
        assert info is not None  # _candidate checked it
        conf = event_confidence(cand.entry.strength, headline=False, sources=0,
                                targets=len(target), modality=modality, cue=cue is not None,
                                roles=IMPLIED_FACTOR)
        start = sent.start + m.start
        out.append(Event(
            id=stable_id("ev", article_id, start, cand.type), type=cand.type,
            mode=cand.entry.mode or info.mode, cameo=cand.entry.code,
            quad_class=info.quad_class, goldstein=info.goldstein, source=(), target=target,
            modality=modality, evidence=Evidence(sent.text, sent.start, sent.end),
            trigger=Mention(sent.text[m.start : m.end], start, sent.start + m.end),
            confidence=conf))
    return out, list(actors.values())


def _candidate(
    sent: Sentence, low: str, coded: list[Event], matcher: TriggerMatcher,
    entry_of: Callable[[TriggerMatch, str], TriggerEntry],
    suppressed: Callable[[str, list[TriggerMatch], str | None], bool], year: int | None,
    inside: list[tuple[int, int, Actor]],
) -> _Candidate | None:
    """The sentence's first attack or arrest trigger that reports a concrete occurrence with
    no doer coded, or None."""
    text = sent.text
    if "?" in low or _GENERIC.search(low) or _ACCIDENT.search(low):
        return None
    if year is not None and any(int(y) < year - 1 for y in _YEAR.findall(low)):
        return None  # a history retrospective
    matches = matcher.find(low)
    for m in matches:
        head = low[m.start : m.end].split()[0]
        if not _HEAD.fullmatch(head):
            continue
        entry = entry_of(m, low)
        info = cameo_info(entry.code)
        if info is None or info.type not in ("ASSAULT", "COERCE"):
            continue
        if info.type == "COERCE" and not (entry.code.startswith(_ARREST_CODE)
                                          and head in _ARREST_HEADS):
            continue
        if any(e.type == info.type for e in coded):
            return None  # coded with its named actors
        if m.start > 0 and text[m.start].isupper():
            return None  # part of a name ("the Boston Marathon bombing")
        before = low[: m.start]
        prev = before.rsplit(None, 1)[-1:] or [""]
        words = text[: m.start].split()
        if len(words) > 1 and words[-1][:1].isupper() and words[-1].isalpha():
            return None  # a named incident ("the Manchester bombing", "a Boston Marathon attack")
        if _doer_named(low, m, inside, sent.start):
            return None
        indefinite = bool(_INDEFINITE.search(before)) or not before.strip()
        definite = bool(_DEFINITE.search(before)) and not indefinite
        count = bool(_NUMBER_RE.search(low) and _CASUALTY.search(low))
        if entry.pos == "noun":
            nxt = low[m.end :].split(None, 1)
            word = nxt[0].strip(".,;:'\"”’") if nxt else ""
            if nxt and nxt[0][0].isalpha() and word not in _NOUN_NEXT and not (
                    word.endswith(("ed", "ing"))):
                return None  # a modifier ("the explosion area", "attack helicopters")
            if _BACKREF.search(before) or _BACKREF_DEFINITE.search(before):
                return None
            if head.endswith("s") and not _NUMBER_RE.search(before[-30:]) and head not in (
                    "arrests", "gunfire") and not (_places(text) or _DATE.search(low)):
                return None  # a bare plural with no place or day is attacks in general
            if definite and not count:
                return None  # "the attack", "the blast": an occurrence told before
            anchored = indefinite or count
        else:
            if prev[0] in matcher.not_verb_after or prev[0] in matcher.not_participle_after:
                return None  # a verb form used as a noun or an adjective
            if head.endswith("ing") and _BACKREF.search(before):
                return None  # "during an hour of bombing"
            passive = is_passive(low, m.start, m.end, low[m.start : m.end])
            # ", killing three": a participle clause of an act the sentence reports.
            past = head.endswith(("ed", "en")) or head in ("blew", "shot") or (
                head.endswith("ing") and before.rstrip().endswith(","))
            if not past or _COUNTED.search(before) or _RELATIVE.search(before):
                return None  # "attack", "kill": a general or future act
            participle = head.endswith("ing")
            if not (passive or participle or _UNKNOWN_DOER.search(before)):
                return None  # "the war killed", "snipers killed": a doer we cannot judge
            anchored = passive or count
        places = _places(text)
        if not (anchored or places or _DATE.search(low)):
            return None
        if not _PAST.search(low):
            return None
        if _JUDICIAL.search(before):
            return None
        if info.quad_class == 4 and suppressed(low, matches, text):
            return None
        return _Candidate(m, entry, info.type, places, entry.pos == "noun" and indefinite)
    return None


def _doer_named(
    low: str, m: TriggerMatch, inside: list[tuple[int, int, Actor]], offset: int
) -> bool:
    """Whether a recognised actor right before the trigger is its doer ("the IRA's bombing",
    "Kenyan police arrested"), which the actor path codes or rejected for a reason."""
    if is_passive(low, m.start, m.end, low[m.start : m.end]):
        return False  # the name before a passive is the one it befell
    for _s, e, _a in inside:
        end = e - offset
        if end <= m.start and len(low[end : m.start].split()) <= 3 and not _PUNCT.search(
                low, end, m.start):
            return True
    return False


def _victims(
    sent: Sentence, low: str, m: TriggerMatch, inside: list[tuple[int, int, Actor]]
) -> tuple[str, ...]:
    """The recognised actors the act befell: named right after the trigger ("killing six
    NATO service members") or as the passive's subject ("Two journalists were arrested")."""
    out: list[str] = []
    for s, e, a in inside:
        a_start, a_end = s - sent.start, e - sent.start
        after = a_start >= m.end and _VICTIM_GAP.match(low[m.end : a_start])
        if after or (a_end <= m.start and _VICTIM_BEFORE.match(low[a_end : m.start])):
            out.append(a.id)
        if out:
            break
    return tuple(out)


def _target_country(text: str, low: str, m: TriggerMatch, rules: ModalityRules) -> str | None:
    """The country named where the act happened: after the trigger ("in Kabul"), else after
    the last reporting verb (not the speaker's: "U.S. officials said ..."), else anywhere."""
    c = _countries()
    rv = rules.reporting_before(low, m.start)
    for a, b in ((m.start, len(low)), (rv[1] if rv else 0, m.start)):
        for h in c.pattern.finditer(low, a, b):
            # "in Kabul", "in Pakistan's tribal region", not "bordering Malaysia".
            if text[h.start()].isupper() and _LOCATIVE_END.search(low, 0, h.start()):
                return c.iso[h.group()]
    return None


def _places(text: str) -> frozenset[str]:
    """Countries and capitalised places a sentence names after a locative preposition."""
    c = _countries()
    low = text.lower()
    found = {c.iso[h.group()] for h in c.pattern.finditer(low) if text[h.start()].isupper()}
    for p in _PLACE_CUE.finditer(text):
        if not _NOT_PLACE.match(p.group(1)):
            found.add(p.group(1).lower())
    return frozenset(found)


def _main_country(doc: Document) -> str | None:
    # Not a news agency's or outlet's country (Xinhua, VOA): the story may be elsewhere.
    counts = Counter(a.country for a in doc.actors if a.country and a.sector != "MED"
                     and a.kind != "organization" for _ in a.mentions)
    return counts.most_common(1)[0][0] if counts else None


def _lower(text: str) -> str:
    """Lowercase without changing offsets (as the events stage does)."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    return low.replace("’", "'").replace("‘", "'")
