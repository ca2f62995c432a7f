"""Modality of an event from cue words (``data/modality.toml``): asserted, negated, denied,
expected, hypothetical or reported."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any, cast

from newsevents.lexicon import load_toml
from newsevents.records import Modality
from newsevents.stages._triggers import word_pattern


@dataclass(frozen=True, slots=True)
class ModalityResult:
    value: Modality
    cue: str | None  # the cue that decided, None when asserted by default


class ModalityRules:
    """Compiled cue lists; ``decide`` looks at the text around one trigger."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.order: tuple[Modality, ...] = tuple(cast(Modality, m) for m in data["order"])
        self.negation_window = int(data.get("negation_window", 5))
        self.after_window = int(data.get("after_window", 10))
        bounds = sorted(data.get("boundaries", [",", ";"]), key=len, reverse=True)
        self.boundary = re.compile("|".join(re.escape(b) for b in bounds))
        advs = tuple(data.get("adverbials", ()))
        self.local = {
            cast(Modality, k): word_pattern(v, advs) for k, v in data.get("local", {}).items()
        }
        self.after = {
            cast(Modality, k): word_pattern(v) for k, v in data.get("after", {}).items()
        }
        self.sentence = {
            cast(Modality, k): word_pattern(v) for k, v in data.get("sentence", {}).items()
        }
        self.denied_adjacent = word_pattern(data.get("denied_adjacent", ["\x00"]))
        threat = data.get("threat", {})
        self.threat_cues = word_pattern(threat.get("cues", ["\x00"]), advs)
        speech = word_pattern(threat.get("speech", ["\x00"])).pattern
        possible = word_pattern(threat.get("possible", ["\x00"])).pattern
        self.condition = word_pattern(threat.get("conditions", ["\x00"]))
        self.threat_speech = re.compile(rf"{speech}(?:\s+[\w'-]+){{0,4}}?\s+{possible}")
        self.reporting = word_pattern(data.get("reporting_verbs", ["said"]))
        # The one-list subsets ``decide`` looks in, built once instead of per trigger.
        self._negated = _only(self.local, "negated")
        self._expected = _only(self.local, "expected")
        self._hypothetical = _only(self.after, "hypothetical")
        # Each family's phrases as one pattern, the prefilter of ``_cues``: a list's match is
        # a match of the union at the same offset (same phrase regex, same word boundaries).
        self._any_local = word_pattern([p for v in data.get("local", {}).values() for p in v],
                                       advs)
        self._any_after = word_pattern([p for v in data.get("after", {}).values() for p in v])
        # The sentence-wide cues depend on the sentence only: the last sentence's answer is
        # kept for its other triggers (one entry, so nothing grows).
        self._last_sentence: tuple[str, ModalityResult | None] | None = None

    def clause_start(self, low: str, pos: int) -> int:
        """Where the clause holding ``pos`` begins (after the last boundary before it)."""
        start = 0
        for m in self.boundary.finditer(low, 0, pos):
            start = m.end()
        return start

    def clause_end(self, low: str, pos: int) -> int:
        m = self.boundary.search(low, pos)
        return m.start() if m else len(low)

    def _cues(
        self, pats: dict[Modality, re.Pattern[str]], low: str, orig: str, start: int, end: int,
        trigger_start: int, headline: bool = False, union: re.Pattern[str] | None = None,
    ) -> list[tuple[Modality, str]]:
        """The cues of ``pats`` in ``[start, end)``; ``union`` is a pattern matching wherever
        one of ``pats`` does: one scan with it tells the many windows without a cue."""
        found: list[tuple[Modality, str]] = []
        if union is not None and union.search(low, start, end) is None:
            return found
        spans: list[tuple[int, int, Modality]] = []
        for value, pat in pats.items():
            for m in pat.finditer(low, start, end):
                # A capitalised cue mid-sentence is a name, not a cue ("in May", "Will Smith").
                if m.start() > 0 and orig[m.start()].isupper() and not headline:
                    continue
                if value == "negated":
                    words = len(low[m.end() : trigger_start].split())
                    if words > self.negation_window:
                        continue
                found.append((value, m.group()))
                spans.append((m.start(), m.end(), value))
        if len(found) > 1:
            # A modal word that ends a longer cue of another value, opened by a verb, is part
            # of it ("announced it would free": an announced intention, expected; "would"
            # alone is hypothetical, and "would soon" stays so). Negations always count
            # ("announced it would not free").
            found = [f for f, (a, b, v) in zip(found, spans, strict=True) if v in (
                "negated", "denied") or not any(
                a2 < a and b <= b2 and v2 != v for a2, b2, v2 in spans)]
        return found

    def decide(
        self, low: str, orig: str, t_start: int, t_end: int, window_start: int,
        headline: bool = False,
    ) -> ModalityResult:
        """Modality of the trigger at ``[t_start, t_end)`` of the sentence ``low``/``orig``.

        ``window_start`` is where the local clause begins (the caller may move it past a
        previous clause with its own subject); in a Title Case ``headline`` capitals do not
        mark names, so capitalised cues ("Will Withdraw") count.
        """
        adj = self.denied_adjacent.search(low, window_start, t_start)
        if adj and not low[adj.end() : t_start].strip():
            return ModalityResult("denied", adj.group())
        any_local, any_after = self._any_local, self._any_after
        local = self._cues(self.local, low, orig, window_start, t_start, t_start, headline,
                           any_local)
        # A negation inside a verb..object trigger ("have been no discussions").
        inner = low.find(" ", t_start, t_end) + 1 or t_end
        local += self._cues(self._negated, low, orig, inner, t_end, t_end, headline, any_local)
        if not local and "expected" in self.local:
            # A promise inside the trigger span ("pledged to provide aid", "agreeing to a
            # ceasefire"): the act is promised, not done.
            local = self._cues(self._expected, low, orig, t_start, t_end, t_end, headline,
                               any_local)
        if not local:
            # "held talks ... as Tehran braces for the return of Trump next month": a time cue
            # far after the trigger belongs to another verb.
            end = min(self.clause_end(low, t_end), _word_end(low, t_end, self.after_window))
            local = self._cues(self.after, low, orig, t_end, end, t_start, headline, any_after)
        if local:
            for value in self.order:
                for v, cue in local:
                    if v == value:
                        if value == "expected" and "hypothetical" in self.after:
                            # "will detain journalists if they publish": the condition makes
                            # the promised act conditional.
                            end = min(self.clause_end(low, t_end),
                                      _word_end(low, t_end, self.after_window))
                            cond = self._cues(self._hypothetical, low, orig, t_end, end,
                                              t_start, headline)
                            if cond:
                                return ModalityResult("hypothetical", cond[0][1])
                        return ModalityResult(value, cue)
        return self._sentence_cue(low) or ModalityResult("asserted", None)

    def _sentence_cue(self, low: str) -> ModalityResult | None:
        """The first sentence-wide cue ("according to") of ``low``, or None."""
        last = self._last_sentence
        if last is not None and last[0] == low:
            return last[1]
        found = None
        for value, pat in self.sentence.items():
            m = pat.search(low)
            if m:
                found = ModalityResult(value, m.group())
                break
        self._last_sentence = (low, found)
        return found

    def threat(self, low: str, orig: str, t_start: int, headline: bool = False) -> str | None:
        """The cue that makes a hypothetical action at ``t_start`` a threat by its source: a
        condition or threat word anywhere in the sentence ("to detain journalists if", "threatened
        to"), or a speech verb putting the action forward before it ("says it could", "raises
        the possibility of"). None when the action is only speculated about."""
        for c in self.condition.finditer(low, 0, t_start):
            if not self.boundary.search(low, c.end(), t_start):
                return None  # "unless the army withdraws": the action is the condition
        for m in self.threat_cues.finditer(low):
            if m.start() > 0 and orig[m.start()].isupper() and not headline:
                continue  # a name ("If", "Unless" inside a title)
            return m.group()
        said = [m.group() for m in self.threat_speech.finditer(low, 0, t_start)]
        return said[-1] if said else None

    def denied_before(self, low: str, start: int, t_start: int) -> str | None:
        """A denial cue ("denied that", "rejected claims that") in ``[start, t_start)``."""
        pat = self.local.get("denied")
        last = None
        if pat is not None:
            for hit in pat.finditer(low, start, t_start):
                last = hit.group()
        return last

    def reporting_before(self, low: str, t_start: int) -> tuple[int, int] | None:
        """Span of the last reporting verb ("said", "told") before the trigger, if any."""
        last = None
        for m in self.reporting.finditer(low, 0, t_start):
            last = (m.start(), m.end())
        return last


def _only(
    pats: dict[Modality, re.Pattern[str]], value: Modality
) -> dict[Modality, re.Pattern[str]]:
    return {k: v for k, v in pats.items() if k == value}


def _word_end(low: str, start: int, n: int) -> int:
    """Offset after the ``n``-th word from ``start`` (the end of ``low`` when fewer)."""
    if n < 1:
        return len(low)
    m = _tokens(n).match(low, start)
    return m.end() if m else len(low)


@cache
def _tokens(n: int) -> re.Pattern[str]:
    """``n`` whitespace-separated tokens; possessive, so that a token is never split to make
    up the count."""
    return re.compile(rf"(?:\s*+\S++){{{n}}}")


@cache
def rules() -> ModalityRules:
    return ModalityRules(load_toml("modality.toml"))
