"""Threats: a coercive action that its source puts forward as conditional or possible is also an
asserted THREATEN event by that source (PLOVER codes the threat, not the action)."""

from __future__ import annotations

from dataclasses import replace

from newsevents.ontology import cameo_info
from newsevents.records import Event, stable_id
from newsevents.stages._modality import ModalityRules
from newsevents.stages._triggers import TriggerMatcher

__all__ = ["threat_code", "threat_event"]


def threat_code(m: TriggerMatcher, cameo: str, etype: str) -> str | None:
    """The CAMEO 13x code for threatening the action ``cameo`` (None: not a coercive action)."""
    for n in range(len(cameo), 1, -1):
        if cameo[:n] in m.threat_by_code:
            return m.threat_by_code[cameo[:n]]
    return m.threat_codes.get(etype)


def threat_event(
    ev: Event, m: TriggerMatcher, rules: ModalityRules, low: str, orig: str, offset: int,
    headline: bool, article_id: str,
) -> Event | None:
    """The THREATEN event a hypothetical or intended coercive action ``ev`` stands for, or None.

    ``low``/``orig`` are the sentence (lowercased / as written) and ``offset`` its start in the
    article. The action event itself stays as it was (never asserted); the threat takes its
    sides and trigger, is asserted, and is coded 13x by the action (``threat_by_code``).
    """
    if ev.modality not in ("hypothetical", "expected") or not ev.source or ev.type == "THREATEN":
        return None
    if ev.quad_class not in (3, 4):
        return None  # "could withdraw if a deal is reached" is an offer, not a threat
    code = threat_code(m, ev.cameo, ev.type)
    info = cameo_info(code) if code else None
    if code is None or info is None or info.type != "THREATEN":
        return None
    cue = rules.threat(low, orig, ev.trigger.start - offset, headline)
    if cue is None:
        return None
    return replace(
        ev, id=stable_id("ev", article_id, ev.trigger.start, "THREATEN"), type="THREATEN",
        mode=info.mode, cameo=code, quad_class=info.quad_class, goldstein=info.goldstein,
        modality="asserted",
        # The action's modality discount (x0.9 for a cue) is no doubt about the threat itself.
        confidence=round(min(1.0, ev.confidence / 0.9), 3),
    )
