"""Model-assisted actors: the shipped NER finds persons and organisations the rules do not know.

Only sentences that may hold an event go through the model (a cheap prefilter: a trigger of the
event lexicon, or two capitalised spans), so the model costs little on long articles. The stage
``ModelActors`` runs after ``actors`` and only adds: rule actors always win a span, and without the
model the rule path is unchanged. ``argument_hints`` gives dependency-based subject/object spans
the events stage may use to choose source and target.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from newsevents.records import Actor, Document, Mention, Sentence
from newsevents.stages._actor_lexicon import slug

if TYPE_CHECKING:
    from spacy.tokens import Doc as SpacyDoc
    from spacy.tokens import Token

# A run of capitalised words ("Abdullah al-Ani", "Kazan Federal University").
_CAP_SPAN = re.compile(r"\b[A-Z][\w'’.-]*(?:\s+(?:of\s+|al-|de\s+)?[A-Z][\w'’.-]*)*")
# Model spans that are not names of persons or organisations (pronoun-like, all lower case).
_NOT_NAME = re.compile(r"^[^A-Z]*$")
_LEADING = re.compile(r"^(?:the|The|a|A|an|An)\s+")
_POSSESSIVE = re.compile(r"['’]s?$")
# Capitalised words that are never actor names: calendar words (the dates stage has them).
_CALENDAR = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday"})
_KINDS = {"PER": ("person", "person"), "ORG": ("organization", "org")}
_MAX_SENTENCE_CHARS = 2000  # longer "sentences" are tables or lists; the model would crawl
_WORD = re.compile(r"\S+")
# Words of context either side of an unknown name that the model sees (its receptive field is
# 4 tokens either side); about two thirds of the words of the prefiltered sentences.
_WINDOW_WORDS = 8


@dataclass(frozen=True, slots=True)
class Entity:
    """A model entity with character offsets into ``Article.text``."""

    label: str  # PER, ORG or LOC
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ArgumentHint:
    """Who does what to whom in one clause, from the dependency tree (offsets in the article).

    ``subject`` is the agent (the ``by`` phrase of a passive clause), ``object`` the patient (the
    passive subject); either may be ``None``.
    """

    verb: tuple[int, int]
    subject: tuple[int, int] | None
    object: tuple[int, int] | None
    passive: bool


def may_hold_event(text: str) -> bool:
    """Cheap prefilter: a trigger of the event lexicon or at least two capitalised spans."""
    if len(text) > _MAX_SENTENCE_CHARS:
        return False
    if len(_CAP_SPAN.findall(text)) >= 2:
        return True
    from newsevents.stages._triggers import matcher

    return bool(matcher().find(text.lower()))


def unknown_names(sent: Sentence, known: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Capitalised spans of the sentence (offsets in the sentence) that no known mention covers
    (a first word alone does not count: every sentence starts with a capital)."""
    out = []
    for m in _CAP_SPAN.finditer(sent.text):
        s, e = sent.start + m.start(), sent.start + m.end()
        if (m.start() == 0 and " " not in m.group()) or m.group().lower() in _CALENDAR:
            continue
        if not any(s < ke and ks < e for ks, ke in known):
            out.append((m.start(), m.end()))
    return out


def has_unknown_name(sent: Sentence, known: Sequence[tuple[int, int]]) -> bool:
    """Whether the sentence has a capitalised span that no known mention covers."""
    return bool(unknown_names(sent, known))


def windows(sent: Sentence, spans: Sequence[tuple[int, int]],
            context: int = _WINDOW_WORDS) -> list[Sentence]:
    """Parts of a sentence the model needs to see: each span with ``context`` words either side
    (the tok2vec sees 4 tokens either side, so farther words barely change its output), widened
    so that no capitalised run is cut; overlapping parts merge."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(sent.text)]
    if not words or not spans:
        return [sent]
    hit = [i for i, (a, b) in enumerate(words) if any(a < se and ss < b for ss, se in spans)]
    ranges: list[list[int]] = []
    for i in hit:
        lo, hi = max(0, i - context), min(len(words) - 1, i + context)
        if ranges and lo <= ranges[-1][1] + 1:
            ranges[-1][1] = max(ranges[-1][1], hi)
        else:
            ranges.append([lo, hi])
    out = []
    for lo, hi in ranges:
        while lo > 0 and sent.text[words[lo][0]].isupper():
            lo -= 1
        while hi < len(words) - 1 and sent.text[words[hi + 1][0]].isupper():
            hi += 1
        a, b = words[lo][0], words[hi][1]
        out.append(Sentence(sent.start + a, sent.start + b, sent.text[a:b]))
    return out


def _candidates(doc: Document, prefilter: bool, *, unknown: bool = False) -> list[Sentence]:
    if doc.article is None:
        return []
    sents = doc.sentences or (Sentence(0, len(doc.article.text), doc.article.text),)
    out = [s for s in sents if s.text.strip() and (not prefilter or may_hold_event(s.text))]
    if prefilter and unknown:
        # The model only adds actors where the rules left a name unexplained.
        known = sorted((m.start, m.end) for a in doc.actors for m in a.mentions)
        out = [s for s in out if has_unknown_name(s, known)]
    return out


def entities(doc: Document, *, prefilter: bool = True) -> list[Entity]:
    """Model entities (PER, ORG, LOC) of the document's (prefiltered) sentences: sentences that
    may hold an event and have a capitalised span the known actors do not cover; with the
    prefilter the model reads only the words around those spans (``windows``)."""
    from newsevents.nlp import load_model

    sents = _candidates(doc, prefilter, unknown=True)
    if not sents:
        return []
    if prefilter:
        known = sorted((m.start, m.end) for a in doc.actors for m in a.mentions)
        sents = [w for s in sents for w in windows(s, unknown_names(s, known))]
    nlp = load_model(parser=False)
    out: list[Entity] = []
    for sent, sdoc in zip(sents, nlp.pipe([s.text for s in sents], batch_size=64), strict=True):
        for ent in sdoc.ents:
            out.append(Entity(ent.label_, ent.text, sent.start + ent.start_char,
                              sent.start + ent.end_char))
    return out


def _clean(e: Entity) -> Entity | None:
    """Trim a leading article and a possessive; drop spans with no capital letter."""
    text, start = e.text, e.start
    m = _LEADING.match(text)
    if m:
        text, start = text[m.end():], start + m.end()
    p = _POSSESSIVE.search(text)
    if p and p.start() > 0 and e.label == "PER":
        text = text[:p.start()]
    text = text.rstrip(" ,.")
    if not text or _NOT_NAME.match(text) or len(text) < 2:
        return None
    return Entity(e.label, text, start, start + len(text))


def merge_actors(actors: Sequence[Actor], found: Sequence[Entity]) -> tuple[Actor, ...]:
    """``actors`` plus model persons and organisations on spans no rule actor covers.

    A one-word person span that is the last word of a person already known (from the rules or
    the model) becomes a mention of that person; otherwise a new actor ``person:<slug>`` or
    ``org:<slug>`` with no country or sector (the model does not know them).
    """
    taken = [(m.start, m.end) for a in actors for m in a.mentions]
    by_id: dict[str, Actor] = {a.id: a for a in actors}
    order = [a.id for a in actors]
    for raw in sorted(found, key=lambda x: x.start):
        if raw.label not in _KINDS:
            continue
        e = _clean(raw)
        if e is None or any(e.start < te and ts < e.end for ts, te in taken):
            continue
        kind, prefix = _KINDS[e.label]
        aid = f"{prefix}:{slug(e.text)}"
        if kind == "person" and " " not in e.text:
            known = [a for a in by_id.values() if a.kind == "person"
                     and a.name.split()[-1] == e.text and " " in a.name]
            if len(known) == 1:
                aid = known[0].id
        if aid.endswith(":") or (aid not in by_id and _known_place(e.text)):
            continue  # the places stage will take a known place the model mistyped
        mention = Mention(e.text, e.start, e.end)
        cur = by_id.get(aid)
        if cur is None:
            by_id[aid] = Actor(id=aid, name=e.text, kind=kind, mentions=(mention,))  # type: ignore[arg-type]
            order.append(aid)
        else:
            by_id[aid] = replace(cur, mentions=tuple(sorted(
                (*cur.mentions, mention), key=lambda m: m.start)))
        taken.append((e.start, e.end))
    return tuple(by_id[i] for i in order)


def _known_place(name: str) -> bool:
    """A country, region or sizeable city under this exact primary name (the gazetteer's)."""
    from newsevents.gazetteer import gazetteer

    return any(primary and (e.feature in ("country", "region") or e.population >= 100_000)
               for e, primary in gazetteer().lookup(name))


class ModelActors:
    """Stage after ``actors``: add persons and organisations found by the shipped model."""

    name = "model_ner"

    def __init__(self, *, prefilter: bool = True) -> None:
        self.prefilter = prefilter

    def __call__(self, doc: Document) -> Document:
        if doc.article is None or (doc.article.language or "en") != "en":
            return doc
        found = entities(doc, prefilter=self.prefilter)
        if not found:
            return doc
        return replace(doc, actors=merge_actors(doc.actors, found))


def _span(tok: Token) -> tuple[int, int]:
    """Character span of a token's subtree, without a trailing relative clause or apposition
    ("Iran, which hosts ..." → "Iran")."""
    left = tok.left_edge.i
    right = tok.i
    for child in tok.rights:
        if child.dep_ in ("acl:relcl", "appos", "punct", "parataxis", "conj", "cc"):
            break
        right = child.right_edge.i
    doc = tok.doc
    return doc[left].idx, doc[right].idx + len(doc[right])


def _is_agent(tok: Token) -> bool:
    """The "by" phrase of a passive: ``obl:agent`` in UD v2.16, or ``obl`` with case "by"."""
    return tok.dep_ == "obl:agent" or (tok.dep_ == "obl" and any(
        c.dep_ == "case" and c.lower_ == "by" for c in tok.children))


def clause_hints(sdoc: SpacyDoc, offset: int = 0) -> list[ArgumentHint]:
    """Subject/object hints for every verb (or predicate) with a subject or object."""
    out: list[ArgumentHint] = []
    for tok in sdoc:
        subj = obj = None
        passive = False
        for child in tok.children:
            dep = child.dep_
            if dep == "nsubj" and subj is None:
                subj = _span(child)
            elif dep == "nsubj:pass" and obj is None:
                obj = _span(child)
                passive = True
            elif dep in ("obj", "iobj") and obj is None:
                obj = _span(child)
            elif _is_agent(child) and not passive:
                # "was attacked by X": the agent (a candidate source when the clause is passive).
                subj = subj or _span(child)
        if subj is None and obj is None:
            continue
        if passive:
            agent = next((c for c in tok.children if _is_agent(c)), None)
            subj = _span(agent) if agent is not None else None
        out.append(ArgumentHint(
            (tok.idx + offset, tok.idx + len(tok) + offset),
            (subj[0] + offset, subj[1] + offset) if subj else None,
            (obj[0] + offset, obj[1] + offset) if obj else None,
            passive,
        ))
    return out


def argument_hints(doc: Document, *, prefilter: bool = True) -> list[ArgumentHint]:
    """Dependency-based subject/object hints for the (prefiltered) sentences of ``doc``."""
    from newsevents.nlp import load_model

    sents = _candidates(doc, prefilter)
    if not sents:
        return []
    nlp = load_model()
    out: list[ArgumentHint] = []
    for sent, sdoc in zip(sents, nlp.pipe([s.text for s in sents], batch_size=64), strict=True):
        out.extend(clause_hints(sdoc, sent.start))
    return out
