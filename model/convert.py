"""Convert UD English-EWT (CoNLL-U) and UNER English-EWT (IOB2) into spaCy DocBin files.

One Doc per sentence (the pipeline runs the model sentence by sentence), with the UD syntactic
words as tokens, XPOS tags, UPOS, heads and deprels from the treebank, and the UNER entities of the
same sentence (joined by ``sent_id``) as ``doc.ents``. UNER's draft train labels OTH and stray
B-O/I-O are mapped to O (see the data folder's SOURCE.md). Usage::

    python model/convert.py ../shared/data model/corpus
"""

from __future__ import annotations

import sys
from pathlib import Path

from spacy.tokens import Doc, DocBin, Span
from spacy.vocab import Vocab

from newsevents.eval.nlp_model import read_conllu

KEEP = {"PER", "ORG", "LOC"}
SPLITS = {
    "train": ("en_ewt-ud-train.conllu", "en_ewt-ud-train.DRAFT.iob2"),
    "dev": ("en_ewt-ud-dev.conllu", "en_ewt-ud-dev.iob2"),
}


def read_uner(path: Path) -> dict[str, tuple[list[str], list[str]]]:
    """``sent_id`` -> (tokens, IOB2 tags restricted to PER/ORG/LOC)."""
    out: dict[str, tuple[list[str], list[str]]] = {}
    sent_id = ""
    toks: list[str] = []
    tags: list[str] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# sent_id = "):
                sent_id = line.split("=", 1)[1].strip()
            elif line.startswith("#"):
                continue
            elif not line:
                if toks:
                    out[sent_id] = (toks, tags)
                toks, tags = [], []
            else:
                cols = line.split("\t")
                tag = cols[2]
                if tag[2:] not in KEEP:
                    tag = "O"
                toks.append(cols[1])
                tags.append(tag)
    return out


def iob_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Token spans (start, end, label) of an IOB2 sequence; a stray I- opens a new span."""
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        kind, _, lab = tag.partition("-")
        if label and (kind != "I" or lab != label):
            spans.append((start, i, label))
            label = ""
        if kind == "B" or (kind == "I" and not label):
            start, label = i, lab
    return spans


def convert(data: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    vocab = Vocab()
    for split, (ud_name, ner_name) in SPLITS.items():
        ner = read_uner(data / "uner-english-ewt" / ner_name)
        db = DocBin(store_user_data=False)
        n = joined = 0
        for sent in read_conllu(data / "ud-english-ewt" / ud_name):
            doc = Doc(
                vocab,
                words=sent.words,
                spaces=sent.spaces,
                tags=sent.tags,
                pos=sent.pos,
                heads=sent.heads,
                deps=sent.deps,
            )
            gold = ner.get(sent.sent_id)
            if gold is not None and gold[0] == sent.words:
                doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in iob_spans(gold[1])]
                joined += 1
            else:
                # No aligned NER layer for this sentence: leave entities missing, not "O".
                doc.set_ents([], default="missing")
            db.add(doc)
            n += 1
        db.to_disk(out / f"{split}.spacy")
        print(f"{split}: {n} sentences, {joined} with NER")


if __name__ == "__main__":
    convert(Path(sys.argv[1]), Path(sys.argv[2]))
