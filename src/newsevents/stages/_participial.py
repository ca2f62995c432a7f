"""The doer of a participial clause: the subject of the main clause it hangs from ("X struck the
town, killing twelve", "Seeking to calm tensions, X called Y")."""

from __future__ import annotations

import re

from newsevents.stages._arguments import Slot, subject_ok

# Words ending in "-ing" after a comma or at the start of a sentence that head no participial
# clause of a doer: prepositions ("according to", "including", "following talks"), nouns and
# other words.
_NOT_PARTICIPLE = frozenset({
    "according", "including", "regarding", "concerning", "excluding", "following", "during",
    "pending", "notwithstanding", "considering", "barring", "beginning", "starting", "judging",
    "assuming", "nothing", "something", "anything", "everything", "morning", "evening",
    "thing", "king", "ring", "wing", "spring", "string", "bring", "sing", "ceiling", "meeting",
    "building", "spending", "funding", "training", "timing", "housing", "shipping", "fishing",
    "mining", "banking", "clothing", "earnings", "being",
})
# A trailing clause: ", <verb>ing ..." up to the trigger, with no punctuation inside.
_TRAILING = re.compile(r",\s+(?:[a-z]+ly\s+)?([a-z]+ing)\b[^,;:()\"“”]*$")
# A leading clause: "<Verb>ing ..." from the sentence start up to the trigger.
_LEADING = re.compile(r"^\W*(?:[A-Za-z]+ly\s+)?([A-Za-z]+ing)\b[^,;:()\"“”]*$")
# What may stand before the main clause's subject: a determiner and up to three modifiers
# ("the", "the Ghanaian", "a senior"); no preposition, conjunction or verb.
_SUBJECT_PREFIX = re.compile(r"^\s*(?:(?:the|a|an)\s+)?(?:[A-Za-z][\w'’-]*\s+){0,2}$")
_NOT_IN_PREFIX = frozenset({
    "of", "in", "on", "at", "for", "with", "to", "from", "by", "after", "before", "while",
    "despite", "although", "though", "as", "when", "since", "because", "if", "unless",
    "amid", "until", "whereas", "and", "or", "but", "that", "which", "who", "said", "says",
    "according", "against", "between", "under", "over", "into", "than",
})
# From the participle to the trigger: nothing (the participle is the trigger, "killing") or
# an infinitive it governs ("seeking to mend ties", "vowing not to attack"). Anything else may
# open a clause with its own subject ("saying the group attacked", "accusing it of arming").
_HEAD_TO_TRIGGER = re.compile(r"(?:[a-z]+ing\s+(?:not\s+)?to\s+)?")
_QUOTES = re.compile(r"[\"“”]")
# The main clause's verb must come within this many words of its subject.
_MAX_MAIN_WORDS = 20


def _prefix_ok(prefix: str) -> bool:
    return _SUBJECT_PREFIX.fullmatch(prefix) is not None and not any(
        w.lower() in _NOT_IN_PREFIX for w in prefix.split())


def _on_slot(slots: list[Slot], a: int, b: int) -> bool:
    return any(s.start < b and a < s.end for s in slots)


def participial_doer(
    text: str, low: str, slots: list[Slot], t_start: int, t_end: int, reported: bool,
) -> int | None:
    """The slot of the main clause's subject when the trigger ``[t_start, t_end)`` lies in a
    participial clause with no subject of its own, trailing the main clause (", killing
    twelve") or leading it ("Seeking to mend ties, X ..."); None otherwise. ``reported``: a
    reporting verb stands before the clause ("X said Y struck, killing"), whose subject the
    clause need not share. A participle modifying a noun ("the men carrying weapons"), quoted
    speech and clauses after a subordinator ("while X ...") give None."""
    if _QUOTES.search(text) or any(s.start < t_start and s.end > t_start for s in slots):
        return None
    m = _TRAILING.search(low, 0, t_end)
    if m is not None:
        head = m.start(1)
        if m.group(1) in _NOT_PARTICIPLE or not text[head].islower() or reported:
            return None
        if _on_slot(slots, m.start(), t_start) or not _HEAD_TO_TRIGGER.fullmatch(
                low, head, t_start):
            return None  # the clause names an actor or a subject before the trigger
        first = next((i for i, s in enumerate(slots) if s.start < m.start()), None)
        if first is None or not _prefix_ok(text[: slots[first].start]):
            return None
        gap = text[slots[first].end : m.start()]
        # The gap holds the main verb and its complements, but no clause break ("as X
        # said", "while", a relative clause), which could own the participle instead.
        # "The officials, speaking on ...": a participle right after a name modifies it.
        return first if gap.strip() and subject_ok(gap, _MAX_MAIN_WORDS, reduce=False) else None
    m = _LEADING.match(low, 0, t_end)
    if m is None or m.group(1) in _NOT_PARTICIPLE or _on_slot(slots, 0, t_start) or not (
            _HEAD_TO_TRIGGER.fullmatch(low, m.start(1), t_start)):
        return None
    comma = low.find(",", t_start)
    if comma < 0:
        return None
    if not _PARTICIPLE_TAIL.fullmatch(low, t_start, comma):
        return None
    first = next((i for i, s in enumerate(slots) if s.start > comma), None)
    if first is None or not _prefix_ok(text[comma + 1 : slots[first].start]):
        return None
    return first


# From the trigger to the comma that closes a leading clause: its complements, no other
# clause ("Accusing X of Y, Z said": no "said", no subordinator).
_PARTICIPLE_TAIL = re.compile(
    r"(?:(?!\b(?:said|says|while|after|before|because|when|as|which|who|that|if)\b)"
    r"[^,;:()\"“”])*")
