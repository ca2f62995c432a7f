"""The ``modality`` suite: our own hand-written sentences (``data/eval/modality_cases.toml``) with
the expected event type, source, target and modality, scored on the events stage alone."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from newsevents.errors import EvalDataError
from newsevents.eval.coding import calibration
from newsevents.eval.metrics import Counts, Report, subset
from newsevents.lexicon import load_toml
from newsevents.records import Event

MODALITIES = ("asserted", "negated", "denied", "expected", "hypothetical", "reported")
CASES_FILE = "eval/modality_cases.toml"


@dataclass(frozen=True, slots=True)
class Case:
    text: str
    actors: dict[str, Iterable[str]]
    type: str
    modality: str
    source: tuple[str, ...]
    target: tuple[str, ...]


def read_cases(name: str = CASES_FILE) -> list[Case]:
    """The cases of a TOML file under the package data folder."""
    data = load_toml(name)
    out = []
    for i, c in enumerate(data.get("case", ())):
        if c.get("modality") not in MODALITIES:
            raise EvalDataError(f"{name}: case {i} has modality {c.get('modality')!r}")
        out.append(Case(text=c["text"], actors={k: list(v) for k, v in c["actors"].items()},
                        type=c["type"], modality=c["modality"],
                        source=tuple(c.get("source", ())), target=tuple(c.get("target", ()))))
    return out


def pick(events: tuple[Event, ...], case: Case) -> Event | None:
    """The event a case is about: of the expected type (its source first), else the top one."""
    same = [e for e in events if e.type == case.type]
    if same:
        return max(same, key=lambda e: (bool(set(e.source) & set(case.source)), e.confidence))
    return max(events, key=lambda e: e.confidence, default=None)


def run_modality(suite: str, folder: Path, limit: int | None = None) -> Report:
    from newsevents.stages.events import code_sentence

    t0 = time.perf_counter()
    cases = subset(read_cases(), limit)
    per = {m: Counts() for m in MODALITIES}
    typed = src_ok = tgt_ok = full = 0
    conf_pairs: list[tuple[float, bool]] = []
    for c in cases:
        events = code_sentence(c.text, c.actors)
        ev = pick(events, c)
        got = ev.modality if ev is not None else "none"
        for m in MODALITIES:
            per[m].tp += got == m == c.modality
            per[m].fp += got == m != c.modality
            per[m].fn += c.modality == m != got
        ok_type = ev is not None and ev.type == c.type
        ok_src = ev is not None and set(ev.source) == set(c.source)
        ok_tgt = ev is not None and set(ev.target) == set(c.target)
        typed += ok_type
        src_ok += ok_type and ok_src
        tgt_ok += ok_type and ok_tgt
        full += ok_type and ok_src and ok_tgt and got == c.modality
        for e in events:
            conf_pairs.append((e.confidence, e is ev and ok_type and got == c.modality))
    n = len(cases) or 1
    rep = Report(suite=suite)
    rep.metrics = {
        "modality_accuracy": sum(p.tp for p in per.values()) / n,
        **{f"{m}_precision": per[m].precision for m in MODALITIES},
        **{f"{m}_recall": per[m].recall for m in MODALITIES},
        "type_accuracy": typed / n, "source_accuracy": src_ok / n,
        "target_accuracy": tgt_ok / n, "full_accuracy": full / n,
    }
    cal, table = calibration(conf_pairs)
    rep.metrics.update(cal)
    rep.breakdown = {m: {**per[m].scores(), "gold": per[m].tp + per[m].fn} for m in MODALITIES}
    rep.breakdown.update(table)
    rep.counts = {"cases": len(cases), "events": len(conf_pairs)}
    rep.notes = ["one expected event per sentence; modality P/R over the event of the expected "
                 "type (else the top event; none = a miss); source/target: exact id sets, "
                 "counted only with the right type; calibration: every event produced, correct "
                 "when it is the expected event with its type and modality"]
    rep.elapsed_s = time.perf_counter() - t0
    return rep
