"""Copy a trained pipeline into the package as ``en_newsevents``: weights, config and meta with
our name, licence and data sources, plus the model card kept beside this script.

Usage::

    python model/package.py model/training/model-best src/newsevents/models/en_newsevents
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


def package(src: Path, dest: Path) -> None:
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("*.pyc", "__pycache__"))
    meta = json.loads((dest / "meta.json").read_text(encoding="utf-8"))
    meta.update(META)
    (dest / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    shutil.copy(HERE / "MODEL_CARD.md", dest / "MODEL_CARD.md")
    size = sum(p.stat().st_size for p in dest.rglob("*") if p.is_file())
    print(f"{dest}: {size / 1e6:.1f} MB")
    if size > 20 * 1024 * 1024:
        raise SystemExit(f"{dest} is over 20 MB")


if __name__ == "__main__":
    package(Path(sys.argv[1]), Path(sys.argv[2]))
