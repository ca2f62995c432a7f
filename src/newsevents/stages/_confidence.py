"""Event confidence: how likely an event is coded right (its type, with the sides it names).

One hand-written formula (documented in docs/output.md), weighed against the ngec and petrarch
dev sets (``newsevents eval ngec`` / ``petrarch`` report Brier and ECE); no fitted table.
"""

from __future__ import annotations

import math

__all__ = ["CAP", "event_confidence"]

# Never certain: the rules can always misread a sentence.
CAP = 0.95
# News puts the event in the headline; body sentences also carry background, quotes and
# reactions, and their triggers more often belong to something else (measured on ngec: 0.86
# of headline events have the story's type).
HEADLINE, BODY = 1.2, 0.85
# Sides named: both, a single source, a joint source alone ("the two leaders met"), a target
# alone (the doer unnamed, often a passive or a noun trigger).
BOTH, SOURCE, JOINT, TARGET = 1.0, 0.85, 0.75, 0.55
# An argument more than NEAR words from the trigger is more often someone else's.
NEAR, FAR = 3, 0.8
# A decided modality (a cue was needed) is less sure than a plain assertion; a negated or
# denied event is seldom coded as the speakers meant (what did not happen is rarely the news).
MODALITY = {"asserted": 1.0, "reported": 0.9, "expected": 1.0, "hypothetical": 0.9,
            "negated": 0.4, "denied": 0.4}
CUED = 0.9
# A past event recalled as background ("almost five years after crowds burned down its
# embassy"): real, but seldom the news, and dated by nothing in the sentence.
BACKGROUND = 0.3


def event_confidence(
    strength: float, *, headline: bool, sources: int, targets: int, distance: int = 0,
    modality: str = "asserted", cue: bool = False, roles: float = 1.0, background: bool = False,
) -> float:
    """``strength``: the trigger entry's reliability (the square root is used: the lexicon's
    strengths are spread wider than their trigger's measured accuracy); ``distance``: words
    between the trigger and its farthest argument; ``roles``: a factor for how the sides were
    found (0.95 a source shared with a coordinated verb, 0.9 a pronoun's antecedent, 0.95 an
    actor implied by the headline's place); ``background``: the trigger is in a clause
    recalling a past event ("years after")."""
    if sources and targets:
        sides = BOTH
    elif sources > 1:
        sides = JOINT
    elif sources:
        sides = SOURCE
    else:
        sides = TARGET
    conf = (HEADLINE if headline else BODY) * math.sqrt(max(0.0, strength)) * sides
    conf *= 1.0 if distance <= NEAR else FAR
    conf *= MODALITY.get(modality, 1.0)
    if cue and modality == "asserted":
        conf *= CUED
    if background:
        conf *= BACKGROUND
    return round(max(0.0, min(CAP, conf * roles)), 3)
