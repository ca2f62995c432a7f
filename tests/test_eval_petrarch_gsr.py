"""The petrarch-gsr suite on invented records in the held-out file's format."""

from __future__ import annotations

import shutil
from pathlib import Path

from newsevents.eval import run_suite

FIXTURE = Path(__file__).parent / "resources" / "eval_petrarch_gsr"


def test_scores_type_source_country_and_quiet_sentences(tmp_path: Path) -> None:
    folder = tmp_path / "petrarch2-validation"
    shutil.copytree(FIXTURE, folder)
    (folder / "PETR.UnitTest.records.xml").write_text("<Validation/>", encoding="utf-8")
    rep = run_suite("petrarch-gsr", tmp_path)
    assert rep.skipped is None
    # 3 codings with a PLOVER type (010 is a comment, unscored); the meeting and the shelling
    # are found with their sides, the accusation in a sentence about the weather is not.
    assert rep.counts["codings_scored"] == 3 and rep.counts["codings_without_plover_type"] == 1
    assert rep.metrics["type_recall"] == 2 / 3
    assert rep.metrics["coding_accuracy"] == 2 / 3
    assert rep.counts["source_country_scored"] == 2
    assert rep.metrics["source_country_accuracy"] == 1.0
    assert rep.metrics["noevents_accuracy"] == 1.0
    assert rep.breakdown["ACCUSE"] == {"codings": 1, "type_recall": 0.0}


def test_skips_saying_the_records_are_held_out(tmp_path: Path) -> None:
    folder = tmp_path / "petrarch2-validation"
    folder.mkdir()
    (folder / "PETR.UnitTest.records.xml").write_text("<Validation/>", encoding="utf-8")
    rep = run_suite("petrarch-gsr", tmp_path)
    assert rep.skipped is not None and "held out" in rep.skipped
