"""Suites for the shipped NLP model: ``uner-model`` (NER F1 beside the rule-only figure) and
``ud`` (tagging and dependency attachment on UD English-EWT dev), both on the gold tokens.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from newsevents.errors import EvalDataError
from newsevents.eval._run import StageRunner, text_stages
from newsevents.eval.metrics import Counts, Report, Span, iob_spans, score_spans_by_type, subset
from newsevents.eval.ner import TYPES, doc_text, read_iob, token_spans

_NO_MODEL = "needs the shipped model and spaCy: .venv/bin/pip install -e '.[model]'"


@dataclass(slots=True)
class UdSentence:
    """One CoNLL-U sentence as syntactic words (heads 0-based; a root is its own head)."""

    sent_id: str
    words: list[str]
    spaces: list[bool]
    tags: list[str]
    pos: list[str]
    heads: list[int]
    deps: list[str]


def read_conllu(path: Path) -> Iterator[UdSentence]:
    """Sentences of a CoNLL-U file; ``SpaceAfter=No`` on a multiword token applies to its last
    word, and the words inside a multiword token are not separated by spaces."""
    if not path.is_file():
        raise EvalDataError(f"{path}: CoNLL-U file not found (pass --data with the gold sets)")
    sent_id = ""
    rows: list[list[str]] = []
    spaces: list[bool] = []
    mwt_end, mwt_space = 0, True
    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# sent_id = "):
                sent_id = line.split("=", 1)[1].strip()
            elif line.startswith("#"):
                continue
            elif not line:
                if rows:
                    yield UdSentence(
                        sent_id, [r[1] for r in rows], spaces, [r[4] for r in rows],
                        [r[3] for r in rows],
                        [int(r[6]) - 1 if r[6] != "0" else i for i, r in enumerate(rows)],
                        ["ROOT" if r[7] == "root" else r[7] for r in rows])
                rows, spaces, mwt_end = [], [], 0
            else:
                cols = line.split("\t")
                if "-" in cols[0]:
                    mwt_end = int(cols[0].split("-")[1])
                    mwt_space = "SpaceAfter=No" not in cols[9]
                    continue
                if "." in cols[0]:
                    continue  # empty nodes of the enhanced graph
                idx = int(cols[0])
                rows.append(cols)
                if idx < mwt_end:
                    spaces.append(False)
                elif idx == mwt_end:
                    spaces.append(mwt_space)
                else:
                    spaces.append("SpaceAfter=No" not in cols[9])


def run_ud(suite: str, folder: Path, limit: int | None = None) -> Report:
    """UAS/LAS (punctuation excluded, as spaCy scores) and XPOS accuracy on EWT dev, gold tokens
    and gold sentence boundaries."""
    from newsevents.nlp import available, load_model

    if not available():
        return Report(suite=suite, skipped=_NO_MODEL)
    from spacy.tokens import Doc
    from spacy.training import Example

    t0 = time.perf_counter()
    nlp = load_model()
    sents = subset(list(read_conllu(folder / "en_ewt-ud-dev.conllu")), limit)
    examples = []
    for s in sents:
        gold = Doc(nlp.vocab, words=s.words, spaces=s.spaces, tags=s.tags, pos=s.pos,
                   heads=s.heads, deps=s.deps)
        examples.append(Example(Doc(nlp.vocab, words=s.words, spaces=s.spaces), gold))
    t1 = time.perf_counter()
    scores = nlp.evaluate(examples, batch_size=256)
    run_s = time.perf_counter() - t1
    n_words = sum(len(s.words) for s in sents)
    rep = Report(suite=suite)
    rep.metrics = {"uas": float(scores["dep_uas"]), "las": float(scores["dep_las"]),
                   "tag_acc": float(scores["tag_acc"]),
                   "words_per_s": n_words / run_s if run_s else 0.0}
    rep.counts = {"sentences": len(sents), "words": n_words}
    rep.notes = ["en_ewt-ud-dev.conllu: gold tokens and sentences; attachment scores exclude "
                 "punctuation (spaCy's scorer); words_per_s for the full pipeline"]
    rep.elapsed_s = time.perf_counter() - t0
    return rep


def _micro(totals: dict[str, Counts]) -> Counts:
    out = Counts()
    for c in totals.values():
        out.add(c)
    return out


def run_uner_model(suite: str, folder: Path, limit: int | None = None) -> Report:
    """NER on UNER English-EWT dev three ways: the model alone on the gold tokens (``f1``), the
    rule pipeline (``rules_f1``, as the ``uner`` suite) and rules plus the model stage as the
    pipeline uses it, with the prefilter (``combined_f1``)."""
    from newsevents.nlp import available, load_model
    from newsevents.stages.model_ner import ModelActors

    if not available():
        return Report(suite=suite, skipped=_NO_MODEL)
    from spacy.tokens import Doc

    t0 = time.perf_counter()
    docs = subset(read_iob(folder / "en_ewt-ud-dev.iob2"), limit)
    nlp = load_model(parser=False)
    model = {t: Counts() for t in TYPES}
    n_tok = 0
    t1 = time.perf_counter()
    for nd in docs:
        for sent in nd.sentences:
            n_tok += len(sent.tokens)
            pred_doc = nlp(Doc(nlp.vocab, words=sent.tokens))
            pred: set[Span] = {(e.start, e.end, e.label_) for e in pred_doc.ents}
            for t, c in score_spans_by_type(set(iob_spans(sent.tags)), pred, TYPES).items():
                model[t].add(c)
    model_s = time.perf_counter() - t1

    rules_runner = StageRunner(text_stages(["sentences", "actors", "places"]))
    stages = text_stages(["sentences", "actors", "places"])
    at = next(i for i, s in enumerate(stages) if s.name == "actors") + 1
    both_runner = StageRunner([*stages[:at], ModelActors(), *stages[at:]])
    rules = {t: Counts() for t in TYPES}
    both = {t: Counts() for t in TYPES}
    for nd in docs:
        dt = doc_text(nd)
        for runner, totals in ((rules_runner, rules), (both_runner, both)):
            out = runner.on_text(dt.text, f"{suite}:{nd.id}")
            for t, c in score_spans_by_type(dt.gold, token_spans(dt, out), TYPES).items():
                totals[t].add(c)

    m, r, b = _micro(model), _micro(rules), _micro(both)
    rep = Report(suite=suite)
    rep.metrics = {"f1": m.f1, "precision": m.precision, "recall": m.recall,
                   **{f"{t}_f1": model[t].f1 for t in TYPES},
                   "rules_f1": r.f1, "combined_f1": b.f1,
                   "model_words_per_s": n_tok / model_s if model_s else 0.0}
    for t in TYPES:
        rep.breakdown[f"model {t}"] = model[t].scores()
        rep.breakdown[f"rules {t}"] = rules[t].scores()
        rep.breakdown[f"combined {t}"] = both[t].scores()
    rep.counts = {"documents": len(docs), "tokens": n_tok, "gold_entities": m.tp + m.fn}
    rep.notes = ["en_ewt-ud-dev.iob2: exact-match entity F1 over PER/ORG/LOC; f1 = the model on "
                 "gold tokens; rules_f1 = actors+places; combined_f1 = rules + model actors "
                 "(PER/ORG only, prefiltered sentences)", *both_runner.notes()]
    rep.elapsed_s = time.perf_counter() - t0
    return rep
