"""Assemble the trained pipelines into the package as ``en_newsevents``: the tagger/parser pipeline
plus the NER trained on its own (with its own tok2vec and gazetteer feature), with our name,
licence and data sources in the meta, plus the model card kept beside this script.

Usage::

    python model/package.py model/training/model-best model/training-ner/model-best \
        src/newsevents/models/en_newsevents
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

META = {
    "lang": "en",
    "name": "newsevents",
    "version": "0.1.0",
    "description": "Small CPU pipeline for newsevents: tagger (PTB tags), dependency parser (UD "
                   "relations) and NER (PER, ORG, LOC), trained on UD English-EWT and UNER "
                   "English-EWT.",
    "author": "newsevents",
    "license": "CC BY-SA 4.0",
    "sources": [
        {"name": "UD English-EWT (Universal Dependencies v2.16)", "license": "CC BY-SA 4.0",
         "author": "Silveira et al. 2014; UD contributors"},
        {"name": "UNER English-EWT (Universal NER v1; draft train labels, OTH mapped to O)",
         "license": "CC BY-SA 4.0", "author": "Mayhew et al., NAACL 2024"},
    ],
}


MAX_MB = 40


def package(parser_dir: Path, ner_dir: Path, dest: Path) -> None:
    import spacy

    import newsevents.nlp_gazetteer  # noqa: F401  (the NER's layer must be registered)

    # The tagger/parser pipeline holds an NER trained jointly (model/config.cfg): ours replaces it.
    nlp = spacy.load(parser_dir, exclude=["ner"])
    ner = spacy.load(ner_dir)
    nlp.add_pipe("ner", source=ner)
    if dest.exists():
        shutil.rmtree(dest)
    nlp.to_disk(dest)
    meta = json.loads((dest / "meta.json").read_text(encoding="utf-8"))
    meta.update(META)
    meta.pop("performance", None)  # the scores are in the model card (the parts were trained apart)
    (dest / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    shutil.copy(HERE / "MODEL_CARD.md", dest / "MODEL_CARD.md")
    size = sum(p.stat().st_size for p in dest.rglob("*") if p.is_file())
    print(f"{dest}: {size / 1e6:.1f} MB")
    if size > MAX_MB * 1e6:
        raise SystemExit(f"{dest} is over {MAX_MB} MB")


if __name__ == "__main__":
    package(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
