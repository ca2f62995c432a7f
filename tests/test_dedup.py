"""Near-duplicates: MinHash/LSH matching of edited copies, and the store keeping one canonical
article with the others recorded as copies (so events are not counted twice)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.dedup import Index, Signature, containment, signature
from newsevents.eval.dedup import EDITS, paragraphs, read_stories
from newsevents.pipeline import Pipeline
from newsevents.records import RawDocument

from .conftest import shared_path

STORY = (
    "Iranian President Masoud Pezeshkian met Russian President Vladimir Putin on Wednesday on "
    "the sidelines of the BRICS summit in Kazan, where the two leaders discussed energy, trade "
    "and the war in the Middle East. Putin said relations between Moscow and Tehran were "
    "developing dynamically and that a comprehensive strategic partnership treaty was close. "
    "Pezeshkian thanked his host and said Iran wanted to expand payments in national currencies "
    "and to finish the North-South transport corridor. The meeting came days after Israel "
    "warned of a response to an Iranian missile attack, and officials on both sides said "
    "regional security had been on the agenda. Chinese President Xi Jinping also met "
    "Pezeshkian later in the day and called for restraint in the region. Analysts in Tehran "
    "said the government hoped the summit would show that Iran was not isolated despite "
    "Western sanctions over its nuclear programme and its support for armed groups. Russian "
    "officials said the treaty text was agreed and would be signed at a later visit, and that "
    "it would cover defence, energy, finance and cooperation against foreign sanctions. "
    "Western governments have accused Iran of supplying drones and missiles to Russia for "
    "its war in Ukraine, which Tehran denies."
)
OTHER = (
    "Heavy rains flooded large parts of southern Brazil for a second week, forcing tens of "
    "thousands of people from their homes as rivers burst their banks. The state governor "
    "said the damage ran into billions of dollars and asked the federal government for help "
    "rebuilding roads and bridges. Rescue teams in boats searched for residents stranded on "
    "rooftops while the weather service warned of more storms over the weekend."
)


def test_edited_copies_match_and_other_stories_do_not() -> None:
    index = Index()
    index.add("a", signature(STORY))
    index.add("b", signature(OTHER))
    paras = paragraphs(STORY, per=1)
    import random

    for name, edit in EDITS.items():
        if name == "lead third only":
            continue  # a lead of a few sentences is not reliably a copy; measured, not asserted
        found = index.match(signature(edit("A new headline", paras, random.Random(1))))
        assert found is not None and found[0] == "a", name
    assert index.match(signature(
        "Officials in Kazan said the summit would end on Thursday with a joint declaration "
        "on trade, payments and the reform of international financial institutions, and "
        "that leaders from more than thirty countries had attended the meetings.")) is None


def test_short_texts_are_never_copies() -> None:
    index = Index()
    index.add("a", signature(STORY))
    assert index.match(signature("Putin met Pezeshkian in Kazan.")) is None


def test_signature_roundtrip_and_containment() -> None:
    sig = signature(STORY)
    again = Signature.from_bytes(sig.to_bytes(), sig.size)
    assert containment(sig, again) == pytest.approx(1.0)
    half = signature(STORY[: len(STORY) // 2])
    assert containment(half, sig) > 0.7 and containment(signature(OTHER), sig) < 0.2


def test_store_keeps_one_canonical_and_records_copies(tmp_path: Path,
                                                      pipeline: Pipeline) -> None:
    from newsevents.store import Store

    original = RawDocument(source="wire.txt", text=STORY, url="https://wire.example/1",
                           published="2024-10-23")
    copy = RawDocument(source="site.txt", text="Leaders meet in Kazan\n" + STORY +
                       "\nSign up for our newsletter.", url="https://site.example/kazan",
                       published="2024-10-23", feed="https://site.example/feed")
    db = tmp_path / "d.duckdb"
    with Store(db) as store:
        first = store.add_many([pipeline(original)])
        second = store.add_many([pipeline(copy)])
        again = store.add_many([pipeline(copy)])
        assert (first.added, second.added, second.copies) == (1, 0, 1)
        assert "1 near-duplicate copies" in second.line()
        assert again.copies == 1 and again.added == 0
        events_after = store.stats()["events"]
    assert events_after == first.events
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT source, url, feed, similarity FROM article_copies").fetchall()
    con.close()
    assert rows == [("site.txt", "https://site.example/kazan", "https://site.example/feed",
                     rows[0][3])] and rows[0][3] >= 0.7
    # A new handle loads the stored signatures: the copy is still recognised.
    with Store(db) as store:
        third = store.add_many([pipeline(RawDocument(source="x.txt", text=STORY + " Reuters.",
                                                     published="2024-10-23"))])
    assert third.copies == 1


@pytest.mark.slow
def test_dedup_suite_on_voa_stories() -> None:
    from newsevents.eval.dedup import run_dedup

    folder = shared_path("data", "voa-stories")
    assert len(read_stories(folder)) > 50
    rep = run_dedup("dedup", folder)
    assert rep.metrics["precision"] >= 0.95 and rep.metrics["recall"] >= 0.9


def test_banded_index_finds_what_datasketch_lsh_finds() -> None:
    """The lean band index gives MinHashLSH's candidates (same bands and rows, same keys)."""
    from datasketch import LeanMinHash, MinHashLSH

    from newsevents.dedup import BANDS, LSH_THRESHOLD, MIN_SHINGLES, NUM_PERM, ROWS, SCHEME

    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    assert (lsh.b, lsh.r) == (BANDS, ROWS)
    import random

    paras = paragraphs(STORY, per=1)
    rng = random.Random(7)
    texts = [STORY, OTHER] + [edit(f"Headline {i}", paras, rng)
                              for i in range(3) for edit in EDITS.values()]
    index = Index()
    compared = 0
    for i, text in enumerate(texts):
        sig = signature(text)
        assert sig.size >= MIN_SHINGLES
        lean = LeanMinHash(seed=1, hashvalues=sig.hashvalues, scheme=SCHEME)
        if i:
            assert index.candidates(sig) == set(lsh.query(lean))
            compared += bool(index.candidates(sig))
        lsh.insert(str(i), lean)
        index.add(str(i), sig)
    assert compared >= 10
