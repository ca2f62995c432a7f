"""Event clusters: the link rule, order independence, incremental merges, five outlets, P/R."""

from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import duckdb
import pytest

from newsevents.cluster_eval import evaluate
from newsevents.clusters import (
    ClusterKey,
    dyad_rows,
    linked,
    mutual_act,
    place_for_clustering,
)
from newsevents.pipeline import Pipeline
from newsevents.runners.local import ingest
from newsevents.store import Store

from .conftest import RESOURCES
from .store_docs import Ev, make_doc

CLUSTERS = RESOURCES / "clusters"
D = date(2024, 10, 23)


def key(eid: str, type: str = "CONSULT", day: date | None = D, src: tuple[str, ...] = ("IRN",),
        tgt: tuple[str, ...] = ("RUS",), place: str | None = None, grp: str = "factual",
        mutual: bool = False) -> ClusterKey:
    return ClusterKey(eid, type, grp, day, src, tgt, place, mutual=mutual)


def test_link_rule() -> None:
    a = key("a")
    assert linked(a, key("b", src=("RUS",), tgt=("IRN",)))  # mutual type: sides swap
    assert linked(a, key("b", src=("IRN", "RUS"), tgt=()))  # "the two leaders met"
    assert linked(a, key("b", day=date(2024, 10, 24)))  # reported the next day
    assert not linked(a, key("b", day=date(2024, 10, 25)))
    assert not linked(a, key("b", type="AGREE"))
    assert not linked(a, key("b", grp="expected"))
    assert not linked(a, key("b", day=None))
    assert not linked(key("a", place="RUS"), key("b", place="TKM"))
    assert linked(key("a", place="RUS"), key("b"))  # an unknown place does not split
    assert not linked(a, key("b", src=("IRN",), tgt=("CHN",)))  # shares only one of two
    # Directed types keep their direction; an empty side matches anything.
    s = key("s", type="SANCTION", src=("USA",), tgt=("IRN",))
    assert linked(s, key("t", type="SANCTION", src=(), tgt=("IRN",)))
    assert not linked(s, key("t", type="SANCTION", src=("IRN",), tgt=("USA",)))
    assert not linked(s, key("t", type="SANCTION", src=("igo:EU",), tgt=("IRN",)))


def test_signing_is_mutual_and_a_side_never_holds_the_other() -> None:
    sign = key("a", type="SUPPORT", src=("RUS",), tgt=("IRN",), mutual=True)
    assert linked(sign, key("b", type="SUPPORT", src=("IRN",), tgt=("RUS",), mutual=True))
    assert linked(sign, key("b", type="SUPPORT", src=("IRN", "RUS"), tgt=(), mutual=True))
    # Praise keeps its direction (CAMEO 051 is no joint act).
    praise = key("p", type="SUPPORT", src=("RUS",), tgt=("IRN",))
    assert not linked(praise, key("q", type="SUPPORT", src=("IRN",), tgt=("RUS",)))
    assert mutual_act("SUPPORT", "057") and not mutual_act("SUPPORT", "051")
    assert mutual_act("CONSULT", None)
    # "Putin and Pezeshkian signed ... in the Kremlin" (Russia taken as a target): Russia is a
    # source only, and the event still matches a report without the stray target.
    stray = key("s", type="SUPPORT", src=("IRN", "RUS"), tgt=("RUS",), mutual=True)
    assert stray.target == ()
    assert linked(stray, key("t", type="SUPPORT", src=("IRN", "RUS"), tgt=(), mutual=True))
    rows = dyad_rows("e", D, "SUPPORT", 1, 8.0, "asserted", ("IRN", "RUS"), ("RUS",))
    assert {(r[3], r[4]) for r in rows} == {("IRN", None), ("RUS", None)}


def test_only_a_sentence_place_splits() -> None:
    assert place_for_clustering("RUS", "sentence") == "RUS"
    assert place_for_clustering("RUS", "article") is None  # the article's main place: a guess
    assert place_for_clustering("TKM", "dateline") is None


def test_dyad_rows_both_ways_and_lone_units() -> None:
    rows = dyad_rows("e1", D, "AID", 2, 7.4, "asserted", ("RUS",), ("IRN", "SYR"))
    pairs = {(r[3], r[4], r[5]) for r in rows}
    assert pairs == {("RUS", "IRN", True), ("IRN", "RUS", False), ("RUS", "SYR", True),
                     ("SYR", "RUS", False)}
    lone = dyad_rows("e2", D, "ACCUSE", 3, -2.0, "negated", ("UKR",), ())
    assert [(r[3], r[4], r[5], r[9]) for r in lone] == [("UKR", None, True, False)]


def _docs() -> list:
    # Three reports of one meeting over two days, with the middle one arriving last it bridges
    # nothing on its own; plus a distinct meeting a week later and an unrelated attack.
    return [
        make_doc("a", [Ev("CONSULT", 1, 1.0, ("IRN",), ("RUS",), day=D)]),
        make_doc("b", [Ev("CONSULT", 1, 1.0, ("RUS",), ("IRN",), day=date(2024, 10, 25))],
                 published=date(2024, 10, 25)),
        make_doc("c", [Ev("CONSULT", 1, 1.0, ("IRN", "RUS"), (), day=date(2024, 10, 24))],
                 published=date(2024, 10, 24)),
        make_doc("d", [Ev("CONSULT", 1, 1.0, ("IRN",), ("RUS",), day=date(2024, 11, 2))],
                 published=date(2024, 11, 2)),
        make_doc("e", [Ev("ASSAULT", 4, -10.0, ("ISR:MIL",), ("armed_group:hezbollah",))]),
    ]


def _clusters(path: Path) -> set[frozenset[str]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        rows = con.execute("""SELECT cluster_id, list(a.source ORDER BY a.source)
            FROM event_clusters c JOIN events e ON e.id = c.event_id
            JOIN articles a ON a.id = e.article_id GROUP BY cluster_id""").fetchall()
    finally:
        con.close()
    return {frozenset([cid, *srcs]) for cid, srcs in rows}


def test_clusters_do_not_depend_on_ingest_order_or_batches(tmp_path: Path) -> None:
    results = []
    for i, order in enumerate(itertools.permutations(range(5))):
        if i % 17:  # a spread of the 120 orders is enough
            continue
        s = Store(tmp_path / f"s{i}.duckdb")
        docs = _docs()
        if i % 2:
            s.add_many([docs[j] for j in order], batch_size=2)
        else:
            for j in order:
                s.add(docs[j])
        s.close()
        results.append(_clusters(tmp_path / f"s{i}.duckdb"))
    assert all(r == results[0] for r in results)
    sizes = sorted(len(c) - 1 for c in results[0])  # minus the cluster id
    assert sizes == [1, 1, 3]  # a+b+c bridged by c; d a week later; the attack alone


def test_merged_cluster_renames_dyad_rows_too(tmp_path: Path) -> None:
    s = Store(tmp_path / "s.duckdb")
    docs = _docs()
    s.add(docs[1])
    s.add(docs[0])  # two days apart: two clusters so far
    assert len(s.clusters()) == 2
    s.add(docs[2])  # the day between joins them
    top = s.clusters()
    assert top["articles"].iloc[0] == 3
    n = s._read("SELECT count(DISTINCT cluster_id) FROM event_dyads WHERE unit = 'IRN'")[0][0]
    assert n == 1
    # Two reports with IRN and RUS on opposite sides, one real-world event.
    assert list(s.dyad("IRN", "RUS")["total"]) == [2]
    assert list(s.dyad("IRN", "RUS", clusters=True)["total"]) == [1]
    s.close()


def test_five_outlets_one_cluster(tmp_path: Path, pipeline: Pipeline) -> None:
    with Store(tmp_path / "s.duckdb") as s:
        summary = ingest([str(CLUSTERS / "five-outlets.jsonl")], s, pipeline, progress=False)
        assert summary.added == 5
        meetings = s.clusters(actor="JPN", type="CONSULT")
        top = meetings.iloc[0]
        assert (top["articles"], top["sources"]) == (5, 5)
        assert {"JPN", "KOR"} <= set(top["source"]) | set(top["target"])
        assert str(top["first_day"])[:10] == "2024-11-15"
        members = s.cluster_events(top["cluster_id"])
        assert members["outlet"].nunique() == 5
        assert "Ishiba" in top["evidence"] or "Yoon" in top["evidence"]


def test_old_store_is_migrated_with_clusters(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        for d in _docs():
            s.add(d)
    con = duckdb.connect(str(path))
    con.execute("DROP TABLE event_clusters; DROP TABLE event_dyads; DROP TABLE actor_roles")
    con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    con.close()
    with Store(path) as s:
        assert sorted(s.clusters()["articles"]) == [1, 1, 3]
        assert s.rebuild_clusters() == 5
        assert sorted(s.clusters()["articles"]) == [1, 1, 3]


@pytest.mark.slow
def test_clustering_precision_recall_on_labelled_set() -> None:
    scores = evaluate(CLUSTERS)
    assert len(scores.items) >= 15
    # Measured 1.000 / 0.939 (was 0.776 before locative seats, sentence-only places and
    # mutual signings); the remaining split is a reported "supporting each other" event.
    assert scores.precision >= 0.95 and scores.recall >= 0.9
    articles, clusters = scores.per_event["xi-lula-brasilia-meeting"]
    assert articles == 4 and clusters == 1
    # One report of one meeting dated by two sentences, placed by the dateline: one cluster.
    assert scores.per_event["ashgabat-iran-russia-meeting"] == (1, 1)
    assert scores.per_event["moscow-iran-russia-treaty-signing"][0] == 3
