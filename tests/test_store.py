"""The store: one-transaction idempotent writes, schema checks, queries and dyad numbers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest

from newsevents.errors import StoreError
from newsevents.pipeline import Failure
from newsevents.records import Document, RawDocument, to_json
from newsevents.store import Store
from newsevents.store.queries import parse_day
from newsevents.store.schema import SCHEMA_VERSION

from .store_docs import Ev, make_doc

PEZ = "person:masoud-pezeshkian"


def doc_a() -> Document:
    return make_doc("a", [
        Ev("CONSULT", 1, 1.0, ("IRN",), ("RUS",)),
        Ev("AID", 2, 7.4, ("RUS",), ("IRN",), day=date(2024, 10, 5)),
        Ev("AGREE", 1, 3.0, (PEZ, "RUS"), ("CHN",)),
        Ev("THREATEN", 3, -4.0, ("IRN",), ("RUS",), modality="negated"),
    ], published=date(2024, 10, 23))


def doc_b() -> Document:
    return make_doc("b", [
        Ev("ATTACK", 4, -10.0, ("RUS",), ("IRN",)),
        Ev("COERCE", 3, -5.0, ("IRN",), ("RUS",), day=date(2024, 9, 15)),
        Ev("ATTACK", 4, -10.0, ("ISR:MIL",), ("armed_group:hezbollah",)),
    ], published=date(2024, 11, 2))


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "s.duckdb")
    assert s.add(doc_a()) and s.add(doc_b())
    return s


def counts(s: Store) -> dict[str, int]:
    tables = ("articles", "actors", "actor_mentions", "places", "place_mentions", "events",
              "event_actors")
    return {t: s._read(f"SELECT count(*) FROM {t}")[0][0] for t in tables}


def test_add_is_idempotent_by_content_hash(store: Store) -> None:
    before = counts(store)
    assert before["articles"] == 2 and before["events"] == 7
    assert store.add(doc_a()) is False
    assert counts(store) == before
    assert store.has(doc_a().raw.content_hash)
    assert not store.has("0" * 64)


def test_add_many_counts_added_duplicates_and_failures(tmp_path: Path) -> None:
    s = Store(tmp_path / "s.duckdb")
    unprocessed = Document(raw=RawDocument(source="empty.txt", text="x"))
    summary = s.add_many([doc_a(), doc_a(), Failure("bad.html", "bad.html: unreadable"),
                          unprocessed, doc_b()])
    assert (summary.added, summary.skipped_duplicates, summary.failed, summary.events) == (
        2, 1, 2, 7)
    assert [f.source for f in summary.failures] == ["bad.html", "empty.txt"]
    assert "no article" in summary.failures[1].message
    assert summary.line() == "2 added, 1 already present, 2 failed, 7 events"


@pytest.mark.parametrize("exc", [RuntimeError("disk full"), KeyboardInterrupt()])
def test_failure_mid_write_leaves_no_partial_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exc: BaseException
) -> None:
    s = Store(tmp_path / "s.duckdb")
    s.add(doc_b())
    before = counts(s)
    real = Store._insert

    def failing(con: Any, table: str, rows: Any, conflict: str = "") -> None:
        if table == "events":  # articles, actors and mentions are already written by now
            raise exc
        real(con, table, rows, conflict)

    monkeypatch.setattr(Store, "_insert", staticmethod(failing))
    with pytest.raises(type(exc)):
        s.add(doc_a())
    assert counts(s) == before
    assert not s.has(doc_a().raw.content_hash)
    monkeypatch.setattr(Store, "_insert", staticmethod(real))
    assert s.add(doc_a())  # the same article goes in cleanly afterwards
    assert counts(s)["events"] == 7


def test_database_error_becomes_store_error_and_rolls_back(store: Store) -> None:
    # Same event id as an event of another stored article: the whole article is refused.
    a = doc_a()
    clash = make_doc("c", [Ev("CONSULT", 1, 1.0, ("IRN",), ("CHN",))])
    assert clash.article is not None
    clash = replace(clash, events=(replace(clash.events[0], id=a.events[0].id),))
    before = counts(store)
    with pytest.raises(StoreError, match="cannot store"):
        store.add(clash)
    assert counts(store) == before


def test_changed_input_with_same_article_id_is_refused(store: Store) -> None:
    a = doc_a()
    changed = replace(a, raw=replace(a.raw, text="edited"))
    with pytest.raises(StoreError, match="already stored with other content"):
        store.add(changed)


def test_actor_registry_merges_roles_and_fills_gaps(tmp_path: Path) -> None:
    s = Store(tmp_path / "s.duckdb")
    s.add(make_doc("x", [Ev("CONSULT", 1, 1.0, (PEZ,), ("RUS",))], roles={PEZ: ("President",)}))
    s.add(make_doc("y", [Ev("CONSULT", 1, 1.0, (PEZ,), ("CHN",))],
                   roles={PEZ: ("Former Health Minister", "President")}))
    df = s.actors(kind="person")
    assert list(df["id"]) == [PEZ]
    row = df.iloc[0]
    assert list(row["roles"]) == ["President", "Former Health Minister"]
    assert (row["country"], row["events"], row["articles"]) == ("IRN", 2, 2)


def test_event_actor_missing_from_actor_list_gets_a_placeholder(tmp_path: Path) -> None:
    s = Store(tmp_path / "s.duckdb")
    d = make_doc("z", [Ev("CONSULT", 1, 1.0, ("IRN",), ("RUS",))])
    d = replace(d, events=(replace(d.events[0], target=("TUR:GOV",)),))
    s.add(d)
    ev = s.events(target="TUR")
    assert list(ev["target_ids"].iloc[0]) == ["TUR:GOV"]
    assert list(ev["target_countries"].iloc[0]) == ["TUR"]


def test_events_filters(store: Store) -> None:
    assert len(store.events()) == 7
    assert len(store.events(limit=2)) == 2
    # ISO3 matches a person of that country on either side, and the country itself.
    irn = store.events(actor="IRN")
    assert set(irn["type"]) == {"CONSULT", "AID", "AGREE", "THREATEN", "ATTACK", "COERCE"}
    assert set(store.events(actor=PEZ)["type"]) == {"AGREE"}
    assert set(store.events(source="IRN")["type"]) == {"CONSULT", "AGREE", "THREATEN", "COERCE"}
    assert set(store.events(source="RUS", target="irn")["type"]) == {"AID", "ATTACK"}
    assert len(store.events(type="attack")) == 2
    # Dates: an event's own date, else its article's; YYYY-MM covers the month.
    assert set(store.events(since="2024-10", until="2024-10")["type"]) == {
        "CONSULT", "AID", "AGREE", "THREATEN"}
    assert set(store.events(until="2024-09-30")["type"]) == {"COERCE"}
    assert set(store.events(modality="negated")["type"]) == {"THREATEN"}
    assert len(store.events(modality=["asserted", "negated"])) == 7


def test_events_frame_has_readable_sides(store: Store) -> None:
    row = store.events(type="AGREE").iloc[0]
    assert list(row["source"]) == ["Masoud Pezeshkian", "Russia"]
    assert list(row["source_countries"]) == ["IRN", "RUS"]
    assert list(row["target"]) == ["China"]
    assert row["place"] is None or row["place"] != row["place"]  # only the first event has one
    first = store.events(type="CONSULT").iloc[0]
    assert (first["place"], first["lat"]) == ("Kazan", 55.79)


def test_dyad_numbers(store: Store) -> None:
    df = store.dyad("IRN", "RUS")
    got = [(str(r["period"])[:10], r["q1"], r["q2"], r["q3"], r["q4"], r["total"],
            round(r["goldstein_sum"], 2), round(r["goldstein_mean"], 2))
           for r in df.to_dict(orient="records")]
    assert got == [
        ("2024-09-01", 0, 0, 1, 0, 1, -5.0, -5.0),
        ("2024-10-01", 1, 1, 0, 0, 2, 8.4, 4.2),  # the negated threat does not count
        ("2024-11-01", 0, 0, 0, 1, 1, -10.0, -10.0),
    ]
    directed = store.dyad("IRN", "RUS", directed=True)
    assert list(directed["total"]) == [1, 1] and list(directed["goldstein_sum"]) == [-5.0, 1.0]
    everything = store.dyad("IRN", "RUS", "year", modality=None)
    assert list(everything[["q1", "q2", "q3", "q4", "total"]].iloc[0]) == [1, 1, 2, 1, 5]
    assert everything["goldstein_sum"].iloc[0] == pytest.approx(-10.6)
    # A person counts for their country; the same event seen through either id.
    assert list(store.dyad("IRN", "CHN")["total"]) == [1]
    assert list(store.dyad(PEZ, "CHN")["total"]) == [1]
    assert store.dyad("CHN", "ISR").empty
    weekly = store.dyad("IRN", "RUS", "week")
    assert str(weekly["period"].iloc[0])[:10] == "2024-09-09"  # weeks start on Monday
    with pytest.raises(ValueError, match="freq must be one of"):
        store.dyad("IRN", "RUS", "fortnight")


def test_top_dyads_and_counts(store: Store) -> None:
    top = store.top_dyads(2)
    assert list(zip(top["a"], top["b"], top["events"], strict=True)) == [
        ("IRN", "RUS", 5), ("CHN", "RUS", 1)]
    by_country = store.top_dyads(by="country")
    assert ("CHN", "IRN", 1) in set(zip(by_country["a"], by_country["b"], by_country["events"],
                                        strict=True))
    types = store.counts_by_type()
    assert dict(zip(types["type"], types["events"], strict=True))["ATTACK"] == 2


def test_article_round_trip_matches_extract_contract(store: Store) -> None:
    a = doc_a()
    assert a.article is not None
    got = store.article(a.article.id)
    assert got is not None
    want = to_json(a)
    assert got["article"]["text"] == want["article"]["text"]
    assert got["article"]["published"] == "2024-10-23"
    key = ("id", "type", "source", "target", "date", "modality", "evidence", "trigger")
    assert sorted([{k: e[k] for k in key} for e in got["events"]], key=str) == sorted(
        [{k: e[k] for k in key} for e in want["events"]], key=str)
    assert {x["id"] for x in got["actors"]} == {x["id"] for x in want["actors"]}
    assert got["places"][0]["name"] == "Kazan"
    assert store.article("nope") is None


def test_stats(store: Store) -> None:
    st = store.stats()
    assert (st["articles"], st["events"], st["places"]) == (2, 7, 1)
    assert (st["first_day"], st["last_day"]) == ("2024-09-15", "2024-11-02")
    assert st["schema_version"] == SCHEMA_VERSION


def test_read_only_store_reads_and_refuses_writes(store: Store) -> None:
    reader = Store(store.path, read_only=True)
    assert len(reader.events()) == 7
    with pytest.raises(StoreError, match="read-only"):
        reader.add(make_doc("new", [Ev("CONSULT", 1, 1.0, ("IRN",), ("RUS",))]))


def test_missing_store_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"no store at .*run `newsevents ingest PATH` first"):
        Store(tmp_path / "none.duckdb", read_only=True)


def test_not_a_duckdb_file(tmp_path: Path) -> None:
    p = tmp_path / "notes.duckdb"
    p.write_text("hello, I am a text file\n" * 100)
    with pytest.raises(StoreError, match="not a newsevents store"):
        Store(p)


def test_foreign_duckdb_file(tmp_path: Path) -> None:
    p = tmp_path / "other.duckdb"
    con = duckdb.connect(str(p))
    con.execute("CREATE TABLE t (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not a newsevents store"):
        Store(p)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "s.duckdb"
    Store(p).close()
    con = duckdb.connect(str(p))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'",
                [str(SCHEMA_VERSION + 1)])
    con.close()
    with pytest.raises(StoreError, match="newer newsevents"):
        Store(p, read_only=True)


def test_events_never_join_missing_articles(store: Store) -> None:
    with pytest.raises(duckdb.ConstraintException):
        store._con.execute(
            "INSERT INTO events (id, article_id, type, modality) VALUES ('e', 'nope', 'X', 'a')")


def test_parse_day() -> None:
    assert parse_day("2024-02", end=True) == date(2024, 2, 29)
    assert parse_day("2024") == date(2024, 1, 1)
    assert parse_day("2024", end=True) == date(2024, 12, 31)
    for bad in ("yesterday", "2024-13", "2024-02-30"):
        with pytest.raises(ValueError, match="not a date"):
            parse_day(bad)


def test_add_many_isolates_a_bad_article_in_a_batch(tmp_path: Path) -> None:
    s = Store(tmp_path / "s.duckdb")
    a, b = doc_a(), doc_b()
    clash = make_doc("c", [Ev("CONSULT", 1, 1.0, ("IRN",), ("CHN",))])
    clash = replace(clash, events=(replace(clash.events[0], id=a.events[0].id),))
    summary = s.add_many([a, clash, b, a], batch_size=10)
    assert (summary.added, summary.skipped_duplicates, summary.failed) == (2, 1, 1)
    assert summary.failures[0].source == "c.txt"
    assert counts(s)["events"] == 7


def test_large_articles_round_trip_through_bulk_insert(tmp_path: Path) -> None:
    s = Store(tmp_path / "s.duckdb")
    days = [date(2024, 1, d) for d in range(1, 31)]
    docs = [make_doc(f"big{i}", [Ev("CONSULT", 1, 1.0, ("IRN",), ("RUS",), day=d) for d in days])
            for i in range(3)]
    assert s.add_many(docs).events == 90
    ev = s.events(limit=1)
    assert str(ev["date"].iloc[0])[:10] == "2024-01-30"
    assert list(ev["source"].iloc[0]) == ["Iran"]
    got = s.article(docs[0].article.id)  # type: ignore[union-attr]
    assert got is not None and len(got["events"]) == 30
    assert got["article"]["published"] == "2024-10-23"
