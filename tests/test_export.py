"""Exports: GDELT 2.0 TSV columns, PLOVER records, date-partitioned Parquet, CSV and JSONL."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from typer.testing import CliRunner

from newsevents import cli
from newsevents.errors import StoreError
from newsevents.export import GDELT_COLUMNS
from newsevents.store import Store

from .store_docs import Ev, make_doc

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        s.add(make_doc("a", [Ev("CONSULT", 1, 1.0, ("person:masoud-pezeshkian",), ("RUS",)),
                             Ev("ATTACK", 4, -10.0, ("ISR:MIL",), ("armed_group:hezbollah",),
                                day=date(2024, 9, 30))]))
        s.add(make_doc("b", [Ev("CONSULT", 1, 1.0, ("RUS",), ("IRN",))],
                       published=date(2024, 10, 24)))
    return path


def _tsv(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]


def test_gdelt_tsv_has_the_61_columns_one_row_per_cluster(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    result = runner.invoke(cli.app, ["--db", str(db), "export", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "2 clusters (gdelt rows)" in result.stderr
    rows = [dict(zip(GDELT_COLUMNS, r, strict=True)) for r in _tsv(out)]
    assert len(GDELT_COLUMNS) == 61 and len(rows) == 2
    meeting = next(r for r in rows if r["Actor1Code"] != "ISRMIL")
    assert (meeting["SQLDATE"], meeting["MonthYear"], meeting["Year"]) == (
        "20241023", "202410", "2024")
    assert meeting["NumArticles"] == "2" and meeting["NumMentions"] == "2"
    assert meeting["NumSources"] == "2" and meeting["QuadClass"] == "1"
    assert meeting["EventCode"] == "040" and meeting["EventBaseCode"] == "040"
    assert meeting["ActionGeo_FullName"] == "Kazan" and meeting["ActionGeo_CountryCode"] == "RUS"
    assert meeting["ActionGeo_Type"] == "4" and meeting["ActionGeo_FeatureID"] == "551487"
    assert int(meeting["GLOBALEVENTID"]) > 0 and len(meeting["DATEADDED"]) == 14
    attack = next(r for r in rows if r is not meeting)
    assert (attack["Actor1Code"], attack["Actor1Name"], attack["Actor1Type1Code"]) == (
        "ISRMIL", "ISRAELI MILITARY", "MIL")
    assert (attack["Actor2Code"], attack["Actor2KnownGroupCode"]) == ("LBNREB", "HEZBOLLAH")
    per_event = tmp_path / "raw.tsv"
    runner.invoke(cli.app, ["--db", str(db), "export", "--out", str(per_event), "--format",
                            "gdelt", "--unit", "events"])
    assert len(_tsv(per_event)) == 3


def test_plover_records(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "plover.jsonl"
    with Store(db, read_only=True) as s:
        assert s.export(out, "plover") == 2
        assert s.export(tmp_path / "all.jsonl", "plover", unit="events") == 3
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    meeting = next(r for r in recs if r["event"] == "CONSULT")
    assert meeting["date"] == "2024-10-23" and meeting["numArticles"] == 2
    assert meeting["eventLoc"]["placeName"] == "Kazan"
    assert {a["code"] for a in meeting["source"] + meeting["target"]} == {"IRN", "RUS"}
    attack = next(r for r in recs if r["event"] == "ATTACK")
    assert attack["source"][0] == {"actorText": "Israeli military", "code": "ISR",
                                   "sector": "MIL", "id": "ISR:MIL"}


def test_parquet_folder_is_partitioned_by_date(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    result = runner.invoke(cli.app, ["--db", str(db), "export", "--out", str(out), "--format",
                                     "parquet"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out / "year=2024").iterdir()) == ["month=10", "month=9"]
    t = ds.dataset(out, partitioning="hive").to_table()
    assert t.num_rows == 3 and "cluster_id" in t.column_names


def test_flat_files_carry_cluster_ids(db: Path, tmp_path: Path) -> None:
    with Store(db, read_only=True) as s:
        assert s.export(tmp_path / "e.csv", "csv") == 3
        assert s.export(tmp_path / "e.jsonl", "jsonl") == 3
        with pytest.raises(StoreError, match="unknown export format"):
            s.export(tmp_path / "e.xlsx", "xlsx")
    with (tmp_path / "e.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    consult = [r for r in rows if r["type"] == "CONSULT"]
    assert len({r["cluster_id"] for r in consult}) == 1
    lines = (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()
    assert all(json.loads(line)["cluster_id"].startswith("cl:") for line in lines)
