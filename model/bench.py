"""Speed of the shipped model as the pipeline uses it, in CPU seconds of one thread (so a busy
machine does not distort it): the model_ner stage on the demo corpus, with and without the
prefilter, and the bare model on every sentence.

Usage: ``OMP_NUM_THREADS=1 python model/bench.py [repeat]``
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from importlib import resources

from newsevents.nlp import load_model
from newsevents.pipeline import Pipeline, default_pipeline
from newsevents.records import Document, RawDocument
from newsevents.stages import model_ner


def _docs() -> list[Document]:
    folder = resources.files("newsevents") / "demo" / "corpus"
    pipe = Pipeline([s for s in default_pipeline().stages if s.name not in ("events", "dates",
                                                                           "places")])
    out = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        body = entry.read_text(encoding="utf-8")
        html = entry.name.endswith(".html")
        raw = RawDocument(source=entry.name, text=None if html else body,
                          html=body if html else None)
        doc = pipe(raw)
        if doc.article is not None:
            out.append(doc)
    return out


def main(repeat: int = 3) -> None:
    docs = _docs()
    words = sum(len(d.article.text.split()) for d in docs if d.article)
    n_sent = sum(len(d.sentences) for d in docs)
    load_model(parser=False)
    stage = model_ner.ModelActors()
    stage(docs[0])  # warm up
    cands = sum(len(model_ner._candidates(d, True, unknown=True)) for d in docs)
    t0 = time.process_time()
    for _ in range(repeat):
        for d in docs:
            stage(replace(d))
    with_pf = time.process_time() - t0
    nlp = load_model(parser=False)
    texts = [s.text for d in docs for s in d.sentences]
    t0 = time.process_time()
    for _ in range(repeat):
        list(nlp.pipe(texts, batch_size=64))
    bare = time.process_time() - t0
    print(f"{len(docs)} articles, {words:,} words, {n_sent} sentences, {cands} through the model")
    print(f"model_ner stage (prefilter on): {repeat * words / with_pf:,.0f} words/s (CPU)")
    print(f"NER model on every sentence:    {repeat * words / bare:,.0f} words/s (CPU)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
