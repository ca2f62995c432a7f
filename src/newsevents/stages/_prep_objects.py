"""A verb's target found past a place or object phrase: its own preposition ("celebrated Eid at
Osgiliath with Gondor"), or the owner of a vessel or unit it hit ("fired near a ship from X")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsevents.stages._arguments import Slot

# Words that end the verb's phrase before a later name: a new clause or a time phrase.
_CLAUSE_BREAK = frozenset({"that", "which", "who", "whom", "whose", "and", "or", "but", "when",
                           "after", "before", "since", "while", "as", "if", "because", "said",
                           "says", "is", "are", "was", "were", "will", "would", "to", "from",
                           "by", "during", "until", "amid", "despite"})
_WORD = re.compile(r"[\w'’-]+")
_PUNCT = re.compile(r"[,;:()\"]")
# The noun phrase between the preposition and the name: "the leaders of", "the parliament of".
_NP_TAIL = re.compile(r"^(?:(?:the|a|an|its|their|his|her)\s+)?(?:[\w-]+\s+){0,2}(?:of\s+)?"
                      r"(?:the\s+)?$")

# A mobile thing or a unit is "from" (or "of", "belonging to") the country that owns it: "a
# naval vessel from South Korea", "a patrol boat of the Philippine coast guard". A town or a
# border is not, so "fired at a town from Lebanon" keeps Lebanon as the place fired from.
_OWNED = re.compile(
    r"^(?:at|near|on|toward|towards|against|into|around|close\s+to)\s+"
    r"(?:(?:a|an|the|two|three|several|some)\s+)?(?:[\w-]+\s+){0,2}"
    r"(?:vessel|ship|warship|boat|destroyer|frigate|submarine|aircraft|plane|jet|helicopter|"
    r"drone|convoy|patrol|troops|soldiers|sailors|fishermen|crew|unit|tanker|trawler)s?\s+"
    r"(?:from|of|belonging\s+to)\s+(?:the\s+)?$")


def prep_object(low: str, slots: Sequence[Slot], first: int, pos: int, preps: Sequence[str],
                max_words: int = 8) -> int | None:
    """The first slot from ``first`` on, within ``max_words`` of ``pos`` and in the same
    clause, that one of ``preps`` introduces (possibly through a short noun phrase: "with the
    leaders of Gondor"); a place phrase may come between ("celebrated Eid at Osgiliath with")."""
    for j in range(first, len(slots)):
        gap = low[pos : slots[j].start]
        toks = _WORD.findall(gap)
        if len(toks) > max_words or _PUNCT.search(gap):
            return None
        if any(t in _CLAUSE_BREAK and t not in preps for t in toks):
            return None
        for k in range(len(toks) - 1, -1, -1):
            if toks[k] in preps:
                rest = " ".join(toks[k + 1 :])
                if _NP_TAIL.match(f"{rest} " if rest else ""):
                    return j
                break
    return None


def owned_object(gap: str) -> bool:
    """Whether ``gap`` (lower case, from a verb to a name) is "near a naval vessel from": the
    name owns the thing the act was aimed at."""
    return len(_WORD.findall(gap)) <= 8 and _OWNED.match(gap.lstrip()) is not None


# A partner named through the noun phrase of its people or office after the verb's
# preposition: "restored ties with human rights activists of X", "met with the foreign
# minister of X", "sent aid to the displaced people of X".
_PARTNER_OF = re.compile(
    r"^\s*(?:with|to|against)\s+(?:(?:the|a|an|its|their|his|her)\s+)?"
    r"((?:[a-z][\w-]*\s+){1,3})of\s+(?:the\s+)?$")


# Office holders "in" a body are its people: "sanctions against four senior officers in the
# Russian military", "bans on officials in the X government".
_MEMBERS_IN = re.compile(
    r"^\s*(?:with|to|against|on)\s+(?:(?:the|a|an|its|their|his|her)\s+)?"
    r"((?:[a-z][\w-]*\s+){0,3})(?:officers|officials|commanders|generals|members|leaders|"
    r"figures|personnel|executives|ministers|lawmakers|judges|diplomats)\s+in\s+(?:the\s+)?$")


def partner_of(gap: str) -> bool:
    """Whether ``gap`` (lower case, from a verb's object to a name) is "with <people> of" or
    "against <officers> in": the name is the country or body of the verb's partner."""
    m = _PARTNER_OF.match(gap) or _MEMBERS_IN.match(gap)
    return m is not None and not any(w in _CLAUSE_BREAK for w in m.group(1).split())
