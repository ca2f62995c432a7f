"""Aggregates: dyad series over events and clusters, networks, partners, profiles, changes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsevents.aggregates import period_bounds
from newsevents.bench.queries import run as bench_run
from newsevents.store import Store

from .store_docs import Ev, make_doc

PEZ = "person:masoud-pezeshkian"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "s.duckdb")
    s.add(make_doc("a", [
        Ev("CONSULT", 1, 1.0, (PEZ,), ("RUS",)),
        Ev("AID", 2, 7.4, ("RUS",), ("IRN",), day=date(2024, 10, 5)),
        Ev("SANCTION", 4, -8.0, ("igo:BRICS",), ("IRN",), modality="hypothetical"),
    ], roles={PEZ: ("President",)}))
    s.add(make_doc("b", [Ev("CONSULT", 1, 1.0, ("RUS",), ("IRN",))],
                   published=date(2024, 10, 24)))
    s.add(make_doc("c", [
        Ev("ASSAULT", 4, -10.0, ("RUS",), ("IRN",), day=date(2024, 9, 15)),
        Ev("CONSULT", 1, 1.0, (PEZ,), ("CHN",), day=date(2024, 9, 20)),
    ], published=date(2024, 9, 21), roles={PEZ: ("Former candidate",)}))
    return s


def test_dyad_series_events_and_clusters(store: Store) -> None:
    ev = store.dyad("IRN", "RUS")
    assert [(str(p)[:7], t) for p, t in zip(ev["period"], ev["total"], strict=True)] == [
        ("2024-09", 1), ("2024-10", 3)]
    # The two reports of the Oct 23/24 meeting are one cluster.
    cl = store.dyad("IRN", "RUS", clusters=True)
    assert list(cl["total"]) == [1, 2]
    assert list(cl["q1"]) == [0, 1] and list(cl["q2"]) == [0, 1]
    directed = store.dyad("RUS", "IRN", directed=True)
    assert list(directed["total"]) == [1, 2]  # the meeting Pezeshkian → Russia is not RUS→IRN
    assert store.dyad("IRN", "RUS", "year", modality=None)["total"].iloc[0] == 4
    # A person id takes the exact path and agrees with the country figures where they match.
    assert list(store.dyad(PEZ, "RUS")["total"]) == [1]


def test_network_edges_are_weighted_and_signed(store: Store) -> None:
    net = store.network(since="2024-09-01")
    edges = {(a, b): (w, s) for a, b, w, s in zip(net["a"], net["b"], net["weight"],
                                                   net["sign"], strict=True)}
    assert edges[("IRN", "RUS")] == (4, -1)  # 1 + 7.4 + 1 - 10 < 0: conflict outweighs
    assert edges[("CHN", "IRN")] == (1, 1)
    october = store.network(since="2024-10", until="2024-10")
    assert set(zip(october["a"], october["b"], strict=True)) == {("IRN", "RUS")}
    conflict = store.network(since="2024-09", until="2024-09", actor="RUS")
    assert list(conflict["sign"]) == [-1] and list(conflict["conflict"]) == [1]
    directed = store.network(directed=True)
    assert ("RUS", "IRN") in set(zip(directed["a"], directed["b"], strict=True))
    assert store.network(min_weight=5).empty


def test_partners_profile_and_changes(store: Store) -> None:
    top = store.top_partners("IRN")
    assert list(top["partner"]) == ["RUS", "CHN"] and list(top["events"]) == [4, 1]
    assert list(top["name"]) == ["Russia", "China"]
    p = store.profile("IRN")
    assert p.name == "Iran" and p.kind == "country"
    roles = set(zip(p.roles["actor_id"], p.roles["role"], strict=True))
    assert roles == {(PEZ, "President"), (PEZ, "Former candidate")}
    assert p.types.set_index("type").loc["CONSULT", "events"] == 3
    assert p.activity["total"].sum() == 5
    ch = store.changes("IRN", before="2024-09", after="2024-10")
    rows = {(a, k): (b, af, st) for a, k, b, af, st in
            zip(ch["aspect"], ch["key"], ch["before"], ch["after"], ch["status"], strict=True)}
    assert rows[("type", "ASSAULT")] == (1, 0, "gone")
    assert rows[("type", "AID")] == (0, 1, "new")
    assert rows[("partner", "CHN")] == (1, 0, "gone")
    assert rows[("quad", "total")] == (2, 3, "up")
    dyad = store.changes("IRN", "RUS", before="2024-09", after="2024-10-01..2024-10-31")
    assert "partner" not in set(dyad["aspect"])
    with pytest.raises(ValueError, match="ends before"):
        period_bounds("2024-10..2024-09")


def test_event_page_and_optimize_keep_answers(store: Store) -> None:
    page = store.event_page(actor="IRN", limit=2)
    assert len(page) == 2 and list(page["day"]) == sorted(page["day"], reverse=True)
    consult = store.event_page(actor="IRN", type="consult", since="2024-10")
    assert set(consult["type"]) == {"CONSULT"} and len(consult) == 2
    assert store.event_page(actor="XXX").empty
    before = store.dyad("IRN", "RUS", clusters=True)
    store.optimize()
    assert store.dyad("IRN", "RUS", clusters=True).equals(before)


def test_query_benchmark_smoke(tmp_path: Path) -> None:
    result = bench_run(3000, tmp_path / "b.duckdb", repeats=1)
    assert result["events"] == 3000 and set(result["median_ms"]) == {
        "dyad_series_month", "dyad_series_clusters", "top_partners", "event_page"}
    with Store(tmp_path / "b.duckdb", read_only=True) as s:
        assert s.stats()["events"] == 3000
        sizes = s.clusters(limit=None)["events"]
        assert sizes.max() == 3 and sizes.sum() == 3000
