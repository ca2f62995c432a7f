"""Registers newsevents' own spaCy layers for ``spacy train --code model/register.py``."""

import newsevents.nlp_gazetteer  # noqa: F401
