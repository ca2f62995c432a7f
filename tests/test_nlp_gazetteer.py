"""Tests for the NER's gazetteer feature (name table and token ids)."""

from __future__ import annotations

import pytest

pytest.importorskip("spacy")

from newsevents import nlp_gazetteer as gz


def _ids(words: list[str], table: dict[str, int]) -> list[str]:
    firsts = frozenset(k.split("\x1f", 1)[0] for k in table)
    return gz.describe(gz.token_ids(words, table, firsts))


def test_multiword_name_marks_begin_and_inside() -> None:
    table = {"United\x1fNations": 1 << gz.CLASSES.index("org"),
             "Maria": 1 << gz.CLASSES.index("given")}
    got = _ids(["the", "United", "Nations", "and", "Maria", "Lopez"], table)
    assert got == ["", "org^", "org", "", "given^", ""]


def test_overlapping_names_combine_classes() -> None:
    table = {"New\x1fYork": 1 << gz.CLASSES.index("city"),
             "New\x1fYork\x1fTimes": 1 << gz.CLASSES.index("org")}
    got = _ids(["New", "York", "Times"], table)
    assert got == ["city+org^", "city+org", "org"]


def test_ids_fit_the_embedding_table() -> None:
    table = {"A": (1 << len(gz.CLASSES)) - 1}
    assert max(gz.token_ids(["A", "A"], table, frozenset({"A"}))) < gz.N_IDS


def test_table_from_our_data_has_each_class() -> None:
    table = gz.build_table(lambda s: s.split())
    classes = {c for bits in table.values() for c in gz.describe([bits])[0].split("+")}
    assert set(gz.CLASSES) <= classes
    assert table["Russia"] & (1 << gz.CLASSES.index("country"))
    assert table["Iranian"] & (1 << gz.CLASSES.index("demonym"))
