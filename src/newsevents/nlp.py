"""The shipped English NLP model (tagger, dependency parser, PER/ORG/LOC NER), loaded once.

The model lives in ``newsevents/models/en_newsevents`` (trained by ``make model`` on UD English-EWT
and UNER English-EWT, CC BY-SA 4.0; see its MODEL_CARD.md). It needs the ``model`` extra (spaCy).
"""

from __future__ import annotations

import threading
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from newsevents.errors import MissingExtraError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_NAME = "en_newsevents"
_LOCK = threading.Lock()


def model_path() -> Path:
    """Folder of the shipped pipeline inside the installed package."""
    return Path(str(resources.files("newsevents") / "models" / MODEL_NAME))


def available() -> bool:
    """Whether spaCy is installed and the shipped model is present (no loading)."""
    try:
        import spacy  # noqa: F401
    except ImportError:
        return False
    return (model_path() / "meta.json").is_file()


def load_model(*, parser: bool = True) -> Language:
    """The shipped pipeline, loaded once per process (thread-safe).

    ``parser=False`` gives the NER-only view (tagger and parser disabled), which is what the
    actor hook needs and runs about twice as fast.
    """
    with _LOCK:
        return _load() if parser else _ner_only()


@cache
def _load() -> Language:
    try:
        import spacy
    except ImportError as exc:
        raise MissingExtraError("The newsevents NLP model", "model") from exc
    import newsevents.nlp_gazetteer  # noqa: F401  (registers the NER's gazetteer layer)

    path = model_path()
    if not (path / "meta.json").is_file():
        raise FileNotFoundError(f"{path}: the shipped model is missing (run `make model`)")
    return spacy.load(path)


@cache
def _ner_only() -> Language:
    # The NER component has its own tok2vec, so it runs without the shared one and the parser.
    full = _load()  # raises MissingExtraError without spaCy
    import spacy

    return spacy.load(model_path(), vocab=full.vocab, exclude=["tok2vec", "tagger", "parser"])
