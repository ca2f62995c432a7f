"""The command line: ingest, queries in each format, export files, and clear errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from newsevents import cli
from newsevents.pipeline import Pipeline
from newsevents.runners import local

from .store_docs import SpecStage

runner = CliRunner()

ARTICLES = {
    "a.txt": "IRN CONSULT RUS 1 1.0 2024-10-22\nperson:masoud-pezeshkian AGREE CHN 1 3.0\n",
    "b.txt": "RUS AID IRN 2 7.4 2024-11-05\nISR:MIL ATTACK armed_group:hezbollah 4 -10.0\n",
}


@pytest.fixture
def inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    # The real stages are tested elsewhere; the CLI is tested with a stage whose output is known.
    monkeypatch.setattr(local, "default_pipeline", lambda: Pipeline([SpecStage()]))
    monkeypatch.delenv("NEWSEVENTS_DB", raising=False)
    return folder


@pytest.fixture
def db(inputs: Path, tmp_path: Path) -> Path:
    path = tmp_path / "s.duckdb"
    result = runner.invoke(cli.app, ["ingest", str(inputs), "--db", str(path), "--quiet"])
    assert result.exit_code == 0, result.output
    return path


def test_ingest_summary_and_idempotency(inputs: Path, tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    first = runner.invoke(cli.app, ["--db", str(path), "ingest", str(inputs)])
    assert first.exit_code == 0, first.output
    assert "2 added, 0 already present, 0 failed, 4 events" in first.stderr
    again = runner.invoke(cli.app, ["ingest", str(inputs)], env={"NEWSEVENTS_DB": str(path)})
    assert "0 added, 2 already present, 0 failed, 0 events" in again.stderr


def test_ingest_exit_code_1_when_an_article_fails(inputs: Path, tmp_path: Path) -> None:
    (inputs / "bad.txt").write_text("FAIL\n", encoding="utf-8")
    result = runner.invoke(cli.app, ["ingest", str(inputs), "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 1
    assert "bad.txt" in result.stderr and "1 failed" in result.stderr
    assert "2 added" in result.stderr


def test_events_formats(db: Path) -> None:
    table = runner.invoke(cli.app, ["events", "--db", str(db)])
    assert table.exit_code == 0, table.output
    assert "CONSULT" in table.stdout and "Russia (RUS)" in table.stdout
    js = runner.invoke(cli.app, ["events", "--db", str(db), "--actor", "IRN", "--format", "json"])
    rows = [json.loads(line) for line in js.stdout.splitlines()]
    assert {r["type"] for r in rows} == {"CONSULT", "AGREE", "AID"}
    aid = next(r for r in rows if r["type"] == "AID")
    assert (aid["source"], aid["target_countries"], aid["day"]) == (["Russia"], ["IRN"],
                                                                    "2024-11-05")
    out = runner.invoke(cli.app, ["events", "--db", str(db), "--format", "csv", "--since",
                                  "2024-11", "--type", "AID"])
    got = list(csv.DictReader(io.StringIO(out.stdout)))
    assert [(r["type"], r["source"], r["target"]) for r in got] == [("AID", "Russia", "Iran")]


def test_bad_date_is_a_clear_usage_error(db: Path) -> None:
    result = runner.invoke(cli.app, ["events", "--db", str(db), "--since", "last week"])
    assert result.exit_code == 2
    assert "not a date" in result.output


def test_actors_and_dyad(db: Path) -> None:
    actors = runner.invoke(cli.app, ["actors", "--db", str(db), "--kind", "person", "--format",
                                     "json"])
    (pez,) = [json.loads(line) for line in actors.stdout.splitlines()]
    assert (pez["id"], pez["country"], pez["events"]) == ("person:masoud-pezeshkian", "IRN", 1)
    dyad = runner.invoke(cli.app, ["--db", str(db), "dyad", "IRN", "RUS", "--format", "json"])
    periods = [json.loads(line) for line in dyad.stdout.splitlines()]
    assert [(p["period"], p["q1"], p["q2"], p["total"]) for p in periods] == [
        ("2024-10-01", 1, 0, 1), ("2024-11-01", 0, 1, 1)]
    table = runner.invoke(cli.app, ["--db", str(db), "dyad", "IRN", "RUS", "--freq", "year"])
    assert table.exit_code == 0 and "8.4" in table.stdout
    bad = runner.invoke(cli.app, ["--db", str(db), "dyad", "IRN", "RUS", "--freq", "hour"])
    assert bad.exit_code == 2


@pytest.mark.parametrize("suffix", ["parquet", "csv", "jsonl"])
def test_export_files_are_readable(db: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"events.{suffix}"
    result = runner.invoke(cli.app, ["export", "--out", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "4 events written" in result.stderr
    if suffix == "parquet":
        t = pq.read_table(out)
        rows = t.to_pylist()
        agree = next(r for r in rows if r["type"] == "AGREE")
        assert agree["source_countries"] == ["IRN"] and agree["target"] == ["China"]
    elif suffix == "csv":
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
        assert {r["type"] for r in rows} == {"CONSULT", "AGREE", "AID", "ATTACK"}
    else:
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert len(rows) == 4 and all("evidence_text" in r for r in rows)


def test_export_needs_a_known_format(db: Path, tmp_path: Path) -> None:
    result = runner.invoke(cli.app, ["export", "--out", str(tmp_path / "x.xlsx"), "--db",
                                     str(db)])
    assert result.exit_code == 2 and "format" in result.output


def test_stats(db: Path) -> None:
    result = runner.invoke(cli.app, ["stats", "--db", str(db), "--format", "json"])
    info = json.loads(result.stdout)
    assert (info["articles"], info["events"], info["events_by_type"]["ATTACK"]) == (2, 4, 1)
    table = runner.invoke(cli.app, ["stats", "--db", str(db)])
    assert "articles" in table.stdout and "events by type" in table.stdout


def test_missing_store_message(tmp_path: Path) -> None:
    missing = tmp_path / "none.duckdb"
    for cmd in (["events"], ["actors"], ["dyad", "IRN", "RUS"], ["stats"]):
        result = runner.invoke(cli.app, [*cmd, "--db", str(missing)])
        assert result.exit_code == 1
        assert f"no store at {missing}: run `newsevents ingest PATH` first" in result.stderr
    assert not missing.exists()


def test_not_a_store_message(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.duckdb"
    bogus.write_text("not a database\n" * 50)
    result = runner.invoke(cli.app, ["ingest", str(tmp_path), "--db", str(bogus)])
    assert result.exit_code == 1 and "not a newsevents store" in result.stderr


def test_extract_table_and_summary(inputs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "default_pipeline", lambda: Pipeline([SpecStage()]))
    result = runner.invoke(cli.app, ["extract", str(inputs / "a.txt"), "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "CONSULT" in result.stdout and "Masoud Pezeshkian" in result.stdout
    assert "1 articles, 2 events, 0 failed" in result.stderr
    js = runner.invoke(cli.app, ["extract", str(inputs / "b.txt")])
    assert json.loads(js.stdout)["events"][0]["type"] == "AID"


def test_python_dash_m_runs_the_same_command_line() -> None:
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "newsevents", "eval", "--help"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "python -m newsevents eval" in out.stdout
    assert "SUITE" in out.stdout.upper()
