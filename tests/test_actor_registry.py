"""Tests for the user actor file (TOML/CSV), `newsevents actors add|list|import`, and the
PETRARCH dictionary conversion shared with the evaluation."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsevents import cli
from newsevents.actor_dicts import dictionary_entries, read_dictionary
from newsevents.actors_registry import ENV_ACTORS, actor_entry, add_actors, load_actors
from newsevents.errors import InputError
from newsevents.records import Actor, Article, Document, RawDocument
from newsevents.stages.actors import Actors
from newsevents.stages.sentences import split

RES = Path(__file__).parent / "resources"


def _run(stage: Actors, txt: str, published: date | None = None) -> dict[str, Actor]:
    doc = Document(raw=RawDocument(source="t", text=txt),
                   article=Article(id="a", source="t", text=txt, published=published),
                   sentences=tuple(split(txt)))
    return {a.id: a for a in stage(doc).actors}


def test_toml_round_trip_with_offices(tmp_path: Path) -> None:
    path = tmp_path / "actors.toml"
    e = actor_entry("Tarja Halvorsen", "person", "nor", "gov", ["Tarja Halvorsen", "Halvorsen"],
                    offices=[{"office": "Fisheries Minister", "start": "2021-03-01"}])
    add_actors(path, [e])
    (got,) = load_actors(path)
    assert got.id == "person:tarja-halvorsen" and got.country == "NOR" and got.sector == "GOV"
    assert got.patterns == ("Tarja Halvorsen", "Halvorsen")
    assert got.tenures[0].office == "Fisheries Minister"
    assert got.tenures[0].start == date(2021, 3, 1)


def test_csv_rows_of_one_actor_are_its_offices(tmp_path: Path) -> None:
    path = tmp_path / "actors.csv"
    e = actor_entry("Arnor", "country", "ARN", patterns=["Arnor", "Arnorian"])
    p = actor_entry("Elessar", "person", "ARN", "GOV", offices=[
        {"office": "King", "start": "2001-01-01"},
        {"office": "Ranger", "start": "1990-01-01", "end": "2001-01-01"}])
    add_actors(path, [e, p])
    got = {a.id: a for a in load_actors(path)}
    assert set(got) == {"ARN", "person:elessar"}
    assert [t.office for t in got["person:elessar"].tenures] == ["Ranger", "King"]


def test_bad_entries_name_the_problem(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="kind"):
        actor_entry("X", "planet")
    with pytest.raises(InputError, match="ISO3"):
        actor_entry("X", "person", "Iran")
    bad = tmp_path / "a.toml"
    bad.write_text("[[actor]]\nkind = 'person'\n", encoding="utf-8")
    with pytest.raises(InputError, match="no name"):
        load_actors(bad)


def test_stage_reads_the_file_named_by_env(tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "mine.toml"
    add_actors(path, [actor_entry("Tarja Halvorsen", "person", "NOR", "GOV",
                                  offices=[{"office": "Fisheries Minister",
                                            "start": "2021-03-01"}])])
    monkeypatch.setenv(ENV_ACTORS, str(path))
    got = _run(Actors(), "Tarja Halvorsen rejected the quota.", date(2022, 5, 1))
    a = got["person:tarja-halvorsen"]
    assert (a.country, a.sector, a.roles) == ("NOR", "GOV", ("Fisheries Minister",))
    monkeypatch.setenv(ENV_ACTORS, str(tmp_path / "missing.toml"))
    with pytest.raises(InputError, match="does not exist"):
        Actors()


def test_petrarch_dictionary_conversion() -> None:
    entries = read_dictionary(RES / "actors_petrarch.txt")
    made, roots = dictionary_entries(entries, persons=True)
    by_id = {e.id: e for e in made}
    assert by_id["ARN"].kind == "country" and "ARNORIAN" in by_id["ARN"].patterns
    assert by_id["ARN:MIL"].sector == "MIL"
    king = by_id["person:aragorn-elessar"]
    assert [(t.sector, t.start) for t in king.tenures] == [
        ("REB", date(2010, 1, 1)), ("GOV", date(2020, 1, 1))]
    # Without persons, dated entries are coded for one day (as the evaluation does).
    on_day, _ = dictionary_entries(entries, day=date(2015, 6, 1))
    assert {e.id for e in on_day} == {"ARN", "ARN:MIL", "ARN:REB"}
    assert roots["ARN:MIL"] == "ARN"


def test_imported_person_takes_the_code_of_the_article_date(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch,
                                                             ) -> None:
    made, _ = dictionary_entries(read_dictionary(RES / "actors_petrarch.txt"), persons=True)
    st = Actors(made, user=False)
    early = _run(st, "Elessar said Arnor would fight.", date(2015, 1, 1))["person:aragorn-elessar"]
    late = _run(st, "Elessar said Arnor would fight.", date(2024, 1, 1))["person:aragorn-elessar"]
    assert (early.country, early.sector) == ("ARN", "REB")
    assert (late.country, late.sector) == ("ARN", "GOV")


def test_cli_add_list_import(tmp_path: Path) -> None:
    runner = CliRunner()
    path = tmp_path / "actors.toml"
    res = runner.invoke(cli.app, ["actors", "add", "Tarja Halvorsen", "--country", "NOR",
                                  "--sector", "GOV", "--kind", "person", "--file", str(path)])
    assert res.exit_code == 0, res.output
    res = runner.invoke(cli.app, ["actors", "import", str(RES / "actors_petrarch.txt"),
                                  "--format", "petrarch", "--file", str(path)])
    assert res.exit_code == 0, res.output
    res = runner.invoke(cli.app, ["actors", "list", "--file", str(path), "--format", "json"])
    assert res.exit_code == 0, res.output
    ids = {json.loads(line)["id"] for line in res.stdout.splitlines() if line.strip()}
    assert {"person:tarja-halvorsen", "ARN", "ARN:MIL", "person:aragorn-elessar"} <= ids
    bad = runner.invoke(cli.app, ["actors", "add", "X", "--kind", "planet", "--file", str(path)])
    assert bad.exit_code == 1 and "kind" in bad.output
