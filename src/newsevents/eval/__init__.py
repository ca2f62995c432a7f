"""Accuracy on public gold sets: one suite per set, each returning a :class:`Report`.

``run_suite(name, data)`` looks for the suite's folder under the data root (the folder layout
of ``../shared/data``, see its INDEX.md) and measures the default pipeline on it. Nothing is
trained or tuned here; the pinned floors live in ``newsevents/data/eval_floors.toml``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from newsevents.eval.metrics import Report

__all__ = ["DEFAULT_DATA", "SUITES", "Report", "Suite", "locate", "run_all", "run_suite"]

DEFAULT_DATA = Path("../shared/data")

Runner = Callable[[str, Path, int | None], Report]


@dataclass(frozen=True, slots=True)
class Suite:
    name: str
    folder: str  # under the data root
    probe: str  # a file inside the folder that must exist
    run: Runner
    unit: str  # what --limit counts
    description: str


def _ner(file: str) -> Runner:
    def run(suite: str, folder: Path, limit: int | None) -> Report:
        from newsevents.eval.ner import run_ner

        return run_ner(suite, folder / file, limit)

    return run


def _geo(file: str) -> Runner:
    def run(suite: str, folder: Path, limit: int | None) -> Report:
        from newsevents.eval.geo import run_geo

        return run_geo(suite, folder / file, limit)

    return run


def _lazy(module: str, func: str) -> Runner:
    def run(suite: str, folder: Path, limit: int | None) -> Report:
        import importlib

        fn: Runner = getattr(importlib.import_module(f"newsevents.eval.{module}"), func)
        return fn(suite, folder, limit)

    return run


SUITES: dict[str, Suite] = {
    s.name: s
    for s in [
        Suite("conll", "conll2003-en", "valid.txt", _ner("valid.txt"), "documents",
              "CoNLL-2003 dev (eng.testa): entity F1 on PER/ORG/LOC"),
        Suite("wikigold", "wikigold-en", "wikigold.conll.txt", _ner("wikigold.conll.txt"),
              "documents", "WikiGold: entity F1 on PER/ORG/LOC"),
        Suite("uner", "uner-english-ewt", "en_ewt-ud-dev.iob2", _ner("en_ewt-ud-dev.iob2"),
              "documents", "UNER English-EWT dev: entity F1 on PER/ORG/LOC"),
        # The shipped NLP model (needs the `model` extra): NER beside the rules, and parsing.
        Suite("uner-model", "uner-english-ewt", "en_ewt-ud-dev.iob2",
              _lazy("nlp_model", "run_uner_model"), "documents",
              "UNER English-EWT dev: NER F1 of the shipped model beside the rule-only figure"),
        Suite("ud", "ud-english-ewt", "en_ewt-ud-dev.conllu", _lazy("nlp_model", "run_ud"),
              "sentences", "UD English-EWT dev: UAS/LAS and tag accuracy of the shipped model"),
        Suite("lgl", "geoparse-lgl", "lgl.xml", _geo("lgl.xml"), "articles",
              "LGL local news: toponym recall, accuracy@161 km, AUC"),
        Suite("geovirus", "geoparse-geovirus", "GeoVirus.xml", _geo("GeoVirus.xml"), "articles",
              "GeoVirus Wikinews: toponym recall, accuracy@161 km, AUC"),
        Suite("trafilatura", "trafilatura-eval", "evaldata.json",
              _lazy("clean", "run_trafilatura"), "pages",
              "trafilatura-eval: main-text segment F1, publication-date accuracy"),
        Suite("dedup", "voa-stories", "voa_stories.jsonl", _lazy("dedup", "run_dedup"),
              "stories", "Near-duplicates: MinHash/LSH precision and recall on edited copies "
              "of VOA stories"),
        Suite("tempeval", "tempeval3-timeml", "TBAQ-cleaned", _lazy("timex", "run_tempeval"),
              "documents", "TempEval-3 TBAQ: TIMEX3 value F1"),
        Suite("meantime", "meantime-newsreader-en", "intra-doc_annotation",
              _lazy("timex", "run_meantime"), "documents",
              "MEANTIME (NewsReader Wikinews): TIMEX3 value F1"),
        Suite("petrarch", "petrarch2-validation", "PETR.UnitTest.records.xml",
              _lazy("coding", "run_petrarch"), "sentences",
              "PETRARCH2 unit-test records: PLOVER type + source/target root accuracy"),
        Suite("ngec", "ngec-synthetic-plover", "gpt_synthetic_events_2023-10-19_19.csv.gz",
              _lazy("coding", "run_ngec"), "stories",
              "NGEC synthetic stories: event-type macro F1 over the 16 PLOVER types"),
        Suite("plover-gsr", "plover-gsr-cameo", "PLOVER_GSR_CAMEO.json",
              _lazy("coding", "run_plover_gsr"), "records",
              "PLOVER GSR records: type recall, source/target country accuracy"),
        # Probed by the folder's unit tests: the suite itself says when the GSR file (held
        # out) is absent.
        Suite("petrarch-gsr", "petrarch2-validation", "PETR.UnitTest.records.xml",
              _lazy("petrarch_gsr", "run_petrarch_gsr"), "sentences",
              "PETRARCH2 GSR records of real news (held out): PLOVER type recall, "
              "source-country accuracy"),
        Suite("wikievents", "wikievents-kairos", "dev.jsonl",
              _lazy("wikievents", "run_wikievents"), "documents",
              "WikiEvents real news (KAIROS, dev + test): PLOVER event-type recall of mapped "
              "gold triggers"),
        # Our own cases, shipped in the package (an empty folder means: no --data needed).
        Suite("modality", "", "", _lazy("modality", "run_modality"), "cases",
              "Modality cases (ours): P/R per modality value, type/source/target, calibration"),
    ]
}


def locate(suite: Suite, data: Path) -> Path | None:
    """The suite's folder: ``data/<folder>``, or ``data`` itself when it is that folder."""
    if not suite.folder:
        from newsevents.lexicon import data_path

        return Path(str(data_path("eval")))
    for cand in (data / suite.folder, data):
        if (cand / suite.probe).exists():
            return cand
    return None


def run_suite(name: str, data: Path, limit: int | None = None) -> Report:
    """Measure one suite on the gold sets under ``data``; a report with ``skipped`` set when
    its data is absent. ``limit`` takes a fixed subset: ``limit`` items at an even stride."""
    if name not in SUITES:
        raise KeyError(f"unknown suite {name!r}; choose one of {', '.join(SUITES)} or all")
    suite = SUITES[name]
    folder = locate(suite, data)
    if folder is None:
        return Report(suite=name, skipped=f"{data / suite.folder / suite.probe} is absent")
    t0 = time.perf_counter()
    rep = suite.run(name, folder, limit)
    if not rep.elapsed_s:
        rep.elapsed_s = time.perf_counter() - t0
    if limit is not None:
        rep.notes.append(f"subset: --limit {limit} {suite.unit} (evenly strided, fixed)")
    return rep


def run_all(data: Path, limit: int | None = None) -> list[Report]:
    return [run_suite(name, data, limit) for name in SUITES]
