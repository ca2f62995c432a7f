"""Actor slots of a sentence and the rules that pick an event's source and target among them.

A slot is one span of the sentence that names one actor, or several (a joint mention such as
"the two leaders" appears in the mentions of each actor it stands for).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsevents.records import Actor
from newsevents.stages._timex_patterns import FULL_MONTH, WEEKDAY

# Demonyms and adjectives ("Israeli", "Russian", "Chinese", "French") versus names ("Iran").
_DEMONYM_END = ("i", "ian", "ean", "ese", "ish", "ic", "ch", "can", "an")
# Words allowed between a country adjective and the person it qualifies ("Russian President").
_TITLE_GAP = re.compile(r"^(?:\s+|\s*['’]s\s+|\s*-\s*)?(?:(?:[A-Z][\w.'’-]*|former|deputy|acting|"
                        r"then|top|chief|senior|interim|outgoing|incoming|foreign|prime|vice)\s+)"
                        r"{1,5}$")
# "Ithilen's awful and evil minister Calimehtar": lower-case words (a title and its modifiers)
# between a possessive country and a name.
_POSS_TITLE_GAP = re.compile(
    r"^['’]s\s+(?:[a-z][\w-]*\s+){0,4}(?:minister|president|premier|chancellor|leader|envoy|"
    r"ambassador|diplomat|official|spokesman|spokeswoman|spokesperson|general|commander|chief|"
    r"king|queen|prince|secretary|head|governor|mayor)\s+$")
# A parenthetical may hold two coordinated appositives ("X, leader of the party, and a former
# minister, called for").
_PAREN = re.compile(r",[^,;:()]*(?:,\s+and\s[^,;:()]*)?,|\([^()]*\)|—[^—]*—|–[^–]*–")
_CLAUSE_BREAK = re.compile(
    r"[,;:()]|\b(?:but|while|whereas|although|though|after|before|because|since|when|which|"
    r"who|whom|where|as|amid|despite|until|unless|if)\b"
)
_COORD = re.compile(r"^\s*(?:,\s*)?(?:and|&|as well as|along with|together with)?\s*$|^-$")
# A coordinator followed by a determiner and modifiers of the next name ("and the evil awful
# Gondor", ", the awful Fornost") or the head of an "of" phrase ("and the government of
# Gondor"); the words are checked against _NOT_MODIFIER.
_COORD_MOD = re.compile(
    r"^\s*(?:,\s*(?:and\s+|&\s+)?|(?:and|&|as well as|along with|together with)\s+)"
    r"(?:(?:the|a|an)\s+)?((?:[a-z][\w-]*\s+){0,2}?)(?:of\s+)?$")
# Words that are not modifiers of a name: verbs, auxiliaries, function words.
_NOT_MODIFIER = frozenset({
    "said", "says", "say", "told", "is", "are", "was", "were", "be", "been", "has", "have",
    "had", "will", "would", "can", "could", "may", "might", "must", "should", "did", "does",
    "do", "to", "not", "also", "then", "that", "which", "who", "its", "their", "his", "her",
    "in", "of", "on", "at", "by", "for", "with", "from", "against", "into", "between",
})
# An object noun phrase ending in the preposition that introduces the actor it concerns:
# "restore full diplomatic ties with", "condemned an attack by", "fired two shells at".
_NP_LINK = frozenset({"with", "between", "against", "by", "at", "of", "to", "toward",
                      "towards", "on", "over", "about", "from", "for"})
# Words inside such a gap that start a new clause or a place/time phrase instead.
_NP_BREAK = frozenset({"that", "which", "who", "whom", "whose", "and", "or", "but", "when",
                       "after", "before", "since", "while", "as", "if", "because", "in",
                       "near", "during", "despite", "amid", "until", "to", "said", "says",
                       "is", "are", "was", "were", "will", "would", "could", "can", "may"})
_DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "our", "this", "these"})
# "-" joins the parts of "Russo-Iranian" (a joint adjective).
_AND = re.compile(r"\b(?:and|&|as well as|along with|together with)\b|^-$")
_POSSESSIVE = re.compile(r"^['’]s?\b")
_AUX = ("was", "were", "been", "being", "is", "are", "be", "get", "gets", "got", "stand",
        "stands", "stood")
_AUX_ENDS = _AUX + tuple(f"{a}n{q}t" for a in _AUX for q in "'’")
# Time, degree and negation adverbs that stand between a passive's auxiliary and its
# participle ("were later detained", "was not charged", "were never tracked down", "were all
# indicted"), besides any -ly adverb; a closed list, at most two of them.
_PASSIVE_ADVERBS = (
    "later", "also", "then", "now", "still", "not", "never", "since", "already", "soon",
    "again", "just", "once", "first", "all", "both", "even", "yet", "ever",
)
_PASSIVE_AUX = re.compile(
    rf"\b(?:{'|'.join(_AUX)})(?:n['’]t)?\s+"
    rf"(?:(?:{'|'.join(_PASSIVE_ADVERBS)}|\w+ly)\s+){{0,2}}$")
_WORD = re.compile(r"[\w'’-]+")
_PUNCT = re.compile(r"[,;:()]")
# "by" of a deadline is no agent: "free 150 prisoners by the end of August", "by Monday".
_BY_TIME = (r"(?!\s+(?:the\s+(?:end|start|beginning|middle|close|time)\b|then\b|now\b|next\b|"
            r"early\b|late\b|mid\b|mid-|midnight\b|noon\b|tomorrow\b|tonight\b|"
            rf"{WEEKDAY}\b|{FULL_MONTH}\b|\d))")
_BY_NEXT = re.compile(r"\s+by\b" + _BY_TIME, re.IGNORECASE)
_BY_AFTER = re.compile(
    r"(?:\s+(?:in|at|on|last|this|earlier|overnight|yesterday|today)\b(?:\s+[\w'’-]+){0,2})"
    r"\s+by\b" + _BY_TIME, re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Slot:
    """Actor mention span(s) in sentence coordinates."""

    start: int
    end: int
    ids: tuple[str, ...]
    text: str
    adjectival: bool  # a demonym or possessive: modifies a following noun ("Israeli strikes")
    countries: bool = False  # every actor of the span is a country ("Spain", "Madrid")


def words(text: str) -> int:
    return len(_WORD.findall(text))


def build_slots(
    sent_text: str, sent_start: int, mentions: Sequence[tuple[int, int, Actor]]
) -> list[Slot]:
    """Slots of a sentence from ``(start, end, actor)`` mentions in article coordinates."""
    by_span: dict[tuple[int, int], list[Actor]] = {}
    for s, e, actor in mentions:
        key = (s - sent_start, e - sent_start)
        group = by_span.get(key)
        if group is None:
            by_span[key] = [actor]
        elif all(a.id != actor.id for a in group):
            group.append(actor)
    spans = sorted(by_span, key=lambda k: (k[0], -k[1]))
    # A span inside a longer one is part of it ("Iranian" in "Iranian Energy Minister ...").
    # In (start, -end) order every span that can hold another comes before it, so one pass
    # with the farthest end seen so far finds them (the spans are distinct dict keys).
    kept: list[tuple[int, int]] = []
    reach = -1
    for k in spans:
        if k[1] > reach:
            kept.append(k)
            reach = k[1]
    persons = [k for k in kept if any(a.kind == "person" for a in by_span[k])]
    slots: list[Slot] = []
    for k in kept:
        actors = by_span[k]
        text = sent_text[k[0] : k[1]]
        if persons and all(a.kind != "person" for a in actors) and any(
            p[0] >= k[1] and _TITLE_GAP.match(sent_text[k[1] : p[0]]) for p in persons
        ):
            # "Russian President Vladimir Putin": the country is the person's title.
            continue
        after = sent_text[k[1] : k[1] + 3]
        prev = slots[-1] if slots else None
        prev_actors = by_span.get((prev.start, prev.end), []) if prev else []
        if prev is not None and sent_text[prev.end : k[0]] == " " and prev_actors and all(
            a.kind == "organization" and a.sector == "NGO" for a in prev_actors
        ) and all(a.kind in ("country", "group") for a in actors):
            # "MSF Arnor", "Oxfam India diplomat": a country after an NGO's name is the
            # name of its national section, which the organisation stands for.
            continue
        if prev is not None and prev.adjectival and _POSS_TITLE_GAP.match(
            sent_text[prev.end : k[0]]
        ) and all(a.kind == "country" for a in actors) and all(
            a.kind == "country" for a in prev_actors
        ) and {a.id for a in actors} != set(prev.ids):
            # "Ithilen's minister Calimehtar" with the name coded as another country (imported
            # dictionaries code persons by country): the text's possessive is the name's
            # affiliation here, so the name stands for the possessive's country.
            slots[-1] = Slot(prev.start, k[1], prev.ids, sent_text[prev.start : k[1]], False)
            continue
        lowered = text.lower()
        adjectival = bool(_POSSESSIVE.match(after)) or (
            lowered.endswith(_DEMONYM_END) and text[:1].isupper()
            and all(a.name.lower() != lowered for a in actors)
        )
        slots.append(Slot(k[0], k[1], tuple(a.id for a in actors), text, adjectival,
                          all(a.kind == "country" for a in actors)))
    return slots


def reduce_gap(gap: str) -> str:
    """The gap without parentheticals (", a key ally," / "(...)"), which never hold a subject."""
    prev = None
    while prev != gap:
        prev, gap = gap, _PAREN.sub(" ", gap)
    return gap


def subject_ok(gap: str, max_words: int = 15, *, reduce: bool = True) -> bool:
    """Whether a mention followed by ``gap`` can be the subject of what comes after the gap
    (parentheticals skipped unless ``reduce`` is false)."""
    g = reduce_gap(gap) if reduce else gap
    return not _CLAUSE_BREAK.search(g) and words(g) <= max_words


# A relative pronoun right after a name opens a clause whose subject is that name ("Smith,
# who carried out the bombing", "civilians who have taken part in demonstrations", "Russia,
# which launched"). "which"/"that" need the comma: without it ("an attack in Madrid, Spain
# which killed 13") the clause more often belongs to an earlier noun than to a place.
_DASHES = re.compile(r"[—–]|\s-\s")
_RELATIVE = re.compile(r"^\s*(?:,\s*(?:who|which|that)|who)\s+", re.IGNORECASE)


def relative_rest(gap: str, countries: bool) -> str | None:
    """The part of ``gap`` after a relative pronoun that opens it (", who ", ", which "), or
    None when the gap does not open with one; ``countries``: the name before it is only of
    countries, which "who" never stands for ("troops in Iraq who ..." are the troops)."""
    m = _RELATIVE.match(gap)
    if m is None or (countries and m.group().rstrip().lower().endswith("who")):
        return None
    rest = gap[m.end() :]
    # "Chávez, who died in 2013 — strongly defends": a dash closes the clause, and what
    # follows belongs to the name before the parenthetical.
    return None if _DASHES.search(rest) else rest


# Between a name and a verb coordinated with an earlier one: an optional time or place adjunct
# of the earlier clause, then "and" ("attacked X on Monday and promised", "in south X and
# vowed"): the name ends the earlier verb's clause and is no subject of the next verb.
_ADJUNCT_AND = re.compile(
    r"(?:\s+(?:on|in|at|last|this|earlier|late|overnight|yesterday|today)\b"
    r"(?:\s+[\w'’-]+){0,3}?)?\s*,?\s*and\s+"
    r"(?:(?:also|then|later|did|does|do|has|have|had|was|were|not|never|n't)\s+)*")


def joins_verbs(gap: str) -> bool:
    """Whether ``gap`` (lower case, from a name to a verb) ends the name's clause with an
    optional adjunct and coordinates the verb with an earlier one ("on thursday and ")."""
    return _ADJUNCT_AND.fullmatch(gap) is not None


def _coordinated(gap: str, inside_trigger: bool) -> bool:
    """Whether ``gap`` joins two names as coordination ("and", ", ", "and the awful")."""
    if _COORD.match(gap):
        return True
    m = _COORD_MOD.match(gap)
    if m is None or inside_trigger:
        return False
    return not any(w in _NOT_MODIFIER or w.endswith(("ed", "ing")) for w in m.group(1).split())


Spans = Sequence[tuple[int, int]]


def _has_span(spans: Spans, a: int, b: int) -> bool:
    return any(a <= s and e <= b for s, e in spans)


# Lower-case words between two names of one noun phrase ("the US ally Israel", "the evil X
# awful Y"): the earlier name premodifies the head. No verb forms ("claims", "-ed", "-ing").
_PREMOD_GAP = re.compile(r"^\s+((?:[a-z][a-z-]*\s+){1,2})$")
_DET_CONJUNCT = re.compile(r"(?:\band|&|,)\s+(?:the|a|an)\s+(?:[a-z][\w-]*\s+){0,2}$")


def _premodifier(text: str, slots: list[Slot], j: int) -> bool:
    """Whether slot ``j - 1`` premodifies slot ``j`` inside a conjunct that opens with a
    determiner after "and" or a comma ("A and the US ally B": B is the conjunct, not "US")."""
    m = _PREMOD_GAP.match(text[slots[j - 1].end : slots[j].start])
    if m is None or j < 2 or any(
        w in _NOT_MODIFIER or w in _DETERMINERS or w.endswith(("ed", "ing", "s"))
        for w in m.group(1).split()
    ):
        return False
    return bool(_DET_CONJUNCT.search(text, slots[j - 2].end, slots[j - 1].start))


def group_left(slots: list[Slot], i: int, text: str, triggers: Spans = ()) -> list[int]:
    """Slot ``i`` with the slots coordinated before it ("Russia, Iran and China"); a gap
    holding one of the ``triggers`` spans is never coordination."""
    chain = [i]
    has_and = False
    j = i
    while j > 0:
        if j == chain[0] and _premodifier(text, slots, j):
            j -= 1  # "A and the US ally B": "US" qualifies B; the chain goes on before it
        gap = text[slots[j - 1].end : slots[j].start]
        if not _coordinated(gap, _has_span(triggers, slots[j - 1].end, slots[j].start)) or (
            not gap.strip() and slots[j - 1].adjectival
        ):
            break
        has_and = has_and or bool(_AND.search(gap))
        chain.insert(0, j - 1)
        j -= 1
    return chain if has_and else [i]


def group_right(slots: list[Slot], i: int, text: str, triggers: Spans = ()) -> list[int]:
    """Slot ``i`` with the slots coordinated after it ("met with Y and Z")."""
    chain = [i]
    has_and = False
    j = i
    while j + 1 < len(slots):
        gap = text[slots[j].end : slots[j + 1].start]
        if not gap.strip() or not _coordinated(
            gap, _has_span(triggers, slots[j].end, slots[j + 1].start)
        ):
            break
        has_and = has_and or bool(_AND.search(gap))
        chain.append(j + 1)
        j += 1
    if not has_and:
        return [i]
    return chain


def object_phrase(gap: str, max_words: int = 10) -> bool:
    """Whether ``gap`` (lower case, between a verb and a name) is the verb's object noun phrase
    ending in the preposition that links the name: "restore full diplomatic ties with",
    "welcomed a resumption of formal diplomatic ties between", "condemned an attack by"."""
    toks = _WORD.findall(gap)
    if len(toks) < 2 or len(toks) > max_words or _PUNCT.search(gap):
        return False
    if toks[-1] not in _NP_LINK or toks[0] in _NP_LINK or toks[0] in _NP_BREAK:
        return False
    return not any(w in _NP_BREAK for w in toks[:-1])


def located_object(gap: str, max_words: int = 10) -> bool:
    """Whether ``gap`` (lower case, between a verb and a name) is the verb's object noun phrase
    naming a thing located in that name: "criticized the recent closure of newspapers in",
    "condemned the killing of civilians in". The act concerns the place's country or city."""
    toks = _WORD.findall(gap)
    if len(toks) < 3 or len(toks) > max_words or _PUNCT.search(gap):
        return False
    if toks[-1] != "in" or toks[0] not in _DETERMINERS:
        return False
    return not any(w in _NP_BREAK for w in toks[1:-1])


def is_passive(text: str, t_start: int, t_end: int, trigger_text: str) -> bool:
    """"was attacked (by)", "were struck", "shelled by": the subject is the target."""
    first = trigger_text.split()[0] if trigger_text.split() else ""
    if first.endswith("ing"):
        return False
    # The auxiliary is the last or next-to-last word before the trigger: test that first, so
    # that the anchored pattern is not tried at every offset of the text before it.
    tail = text[:t_start].rsplit(None, 3)[-3:]
    if any(w.lower().endswith(_AUX_ENDS) for w in tail) and _PASSIVE_AUX.search(
        text[:t_start].lower()
    ):
        return True
    if _BY_NEXT.match(text, t_end):
        return True
    # A reduced relative with a place or time before its agent: "the treaty signed in Moscow
    # by Putin and Pezeshkian", "a town shelled overnight by Russian forces".
    last = trigger_text.split()[-1] if trigger_text.split() else ""
    return last.endswith(("ed", "en")) and bool(_BY_AFTER.match(text, t_end))


# A passive light verb after a nominal trigger names its doer: "the attack is believed to have
# been carried out by the armed group X", "the bombing on the market was claimed by X", "an
# offensive launched by X", "evidence against Y was presented by X". Between them only a short
# place phrase and auxiliaries or hedges: "an attack follows an operation conducted by X" is
# the operation's doer.
_PASSIVE_AGENT = re.compile(
    r"(\s*,?\s+(?:(?:on|in|at|against|near|outside|inside|of)\s+(?:[\w'’-]+\s+){1,4}?)?"
    r"(?:(?:is|are|was|were|has|have|had|been|being|be|to|widely|reportedly|allegedly|"
    r"apparently|probably|likely|also|believed|thought|suspected|said|understood)\s+)*"
    r"(?:carried\s+out|perpetrated|committed|claimed|launched|conducted|staged|mounted|"
    r"orchestrated|masterminded|organi[sz]ed|planned|presented|produced|submitted|provided|"
    r"unveiled|laid\s+out)\s+by)\s+(?:[\w'’-]+\s+){0,5}")


def passive_agent(low: str, slots: list[Slot], end: int) -> tuple[int, int] | None:
    """The slot after ``end`` (a nominal trigger's end in the lowercased sentence) that a
    passive light verb names as the trigger's doer, with the end of its "by"; or None."""
    for i, s in enumerate(slots):
        if s.start >= end and (m := _PASSIVE_AGENT.fullmatch(low, end, s.start)):
            return i, m.end(1)
    return None


# A name in apposition with the doer noun of a nominal trigger: "Salman Abedi, the bomber
# behind the Manchester bombing", "X, the group responsible for the attack", "X, the
# mastermind of the attacks".
_DOER_APPOSITIVE = re.compile(
    r"\s*,\s+(?:the|a|an)\s+(?:[\w'’-]+\s+){0,2}?(?:(?:bombers?|gunm[ae]n|attackers?|"
    r"assailants?|ringleader|mastermind|perpetrators?|m[ae]n|woman|women|group|militants?|cell)"
    r"\s+(?:behind|responsible\s+for)|(?:ringleader|mastermind|perpetrators?)\s+of)\s+"
    r"(?:(?:the|a|an|this|that|these|those)\s+)?(?:[\w'’-]+\s+){0,4}")


def doer_appositive(low: str, slots: list[Slot], start: int) -> int | None:
    """The slot before ``start`` (a nominal trigger's start) in apposition with the trigger's
    doer noun ("X, the bomber behind the ... bombing"), or None."""
    for i in range(len(slots) - 1, -1, -1):
        if slots[i].end <= start:
            return i if _DOER_APPOSITIVE.fullmatch(low, slots[i].end, start) else None
    return None


# The one blamed for an act, named between the blaming verb and the act: "blamed X for the
# attack", "accused X of the bombing", "accused X of the raids".
_BLAMED_FOR = re.compile(
    r"\s+(?:responsible\s+)?(?:for|of)\s+(?:(?:the|a|an|this|that|these|those|its|their|last|"
    r"recent|latest|deadly|weekend|week's|\w+day's)\s+){0,3}")
_BLAMING_VERB = re.compile(
    r"\b(?:blam(?:e|es|ed|ing)|accus(?:e|es|ed|ing))\s+$")


def blamed_doer(low: str, slots: list[Slot], start: int) -> int | None:
    """The slot right before ``start`` (a nominal trigger's start) that a blaming verb names
    as the act's doer ("blamed X for the attack"), or None."""
    for i in range(len(slots) - 1, -1, -1):
        s = slots[i]
        if s.end <= start:
            if _BLAMED_FOR.fullmatch(low, s.end, start) and _BLAMING_VERB.search(
                    low, max(0, s.start - 20), s.start):
                return i
            return None
    return None


def flatten(slots: list[Slot], idx: list[int]) -> tuple[str, ...]:
    out: list[str] = []
    for i in idx:
        for a in slots[i].ids:
            if a not in out:
                out.append(a)
    return tuple(out)


# A sentence opening with a pronoun subject right before its verb ("He met Putin on Tuesday"):
# the event spreads over two sentences, and the subject is the previous sentence's source.
_PRONOUN_SUBJECT = re.compile(
    r"^\s*(he|she|they|it)\s+(?:(?:also|later|then|again|had|has|have|will|would|\w+ly)\s+)*$",
    re.IGNORECASE)


def pronoun_subject(before: str) -> str | None:
    """The pronoun ("he", "she", "they", "it") that is the whole text before a sentence's
    first verb trigger, or None."""
    m = _PRONOUN_SUBJECT.match(before)
    return m.group(1).lower() if m else None


def pronoun_fits(pronoun: str, kinds: Sequence[str]) -> bool:
    """Whether a pronoun can stand for actors of these kinds: he/she one person, it one
    non-person, they several actors or a group."""
    if pronoun in ("he", "she"):
        return list(kinds) == ["person"]
    if pronoun == "it":
        return len(kinds) == 1 and kinds[0] != "person"
    return len(kinds) > 1 or (len(kinds) == 1 and kinds[0] in ("group", "armed_group"))
