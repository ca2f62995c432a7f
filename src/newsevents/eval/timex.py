"""The TempEval-3 suite: TIMEX3 value F1 of our dates stage on TimeML documents.

The document creation time is given as the publication date. A predicted time expression that
overlaps a gold TIMEX3 (one-to-one) is an extent match; with the same normalised value it is a
true positive for value F1 (a relaxed-match value F1, as in the TempEval-3 scorer's spirit).
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from newsevents.errors import EvalDataError
from newsevents.eval._run import StageRunner, text_stages
from newsevents.eval.metrics import Counts, Report, overlaps, subset


@dataclass(frozen=True, slots=True)
class Timex:
    start: int
    end: int
    text: str
    value: str | None
    type: str


@dataclass(slots=True)
class TimeMLDoc:
    id: str
    text: str
    dct: date | None
    timexes: list[Timex] = field(default_factory=list)


def _parse_dct(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def read_timeml(path: Path) -> TimeMLDoc:
    """A TimeML file: the plain text of ``<TEXT>`` with its TIMEX3 spans, and the DCT."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise EvalDataError(f"{path}: not well-formed TimeML: {exc}") from exc
    dct_el = root.find("DCT/TIMEX3")
    text_el = root.find("TEXT")
    if text_el is None:
        raise EvalDataError(f"{path}: no <TEXT> element")
    parts: list[str] = []
    timexes: list[Timex] = []
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            start = pos
            walk(child)
            if child.tag == "TIMEX3":
                txt = "".join(parts)[start:pos]
                timexes.append(Timex(start, pos, txt, child.get("value"), child.get("type", "")))
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)

    walk(text_el)
    return TimeMLDoc(
        id=root.findtext("DOCID") or path.stem,
        text="".join(parts),
        dct=_parse_dct(dct_el.get("value") if dct_el is not None else None),
        timexes=timexes,
    )


def find_timeml(folder: Path) -> list[Path]:
    files = sorted(folder.rglob("*.tml"))
    if not files:
        raise EvalDataError(f"{folder}: no .tml files (pass --data pointing at the gold sets)")
    return files


def norm_value(v: str | None) -> str | None:
    return v.strip().upper() if v else None


@dataclass(slots=True)
class TimexTally:
    extent: Counts = field(default_factory=Counts)
    value: Counts = field(default_factory=Counts)
    by_type: dict[str, list[int]] = field(default_factory=dict)  # type → [gold, value-correct]


def score_doc(
    gold: list[Timex], pred: list[tuple[int, int, str | None]], tally: TimexTally
) -> None:
    """One-to-one greedy matching by overlap (largest first); value TP needs equal values."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, (s, e, _) in enumerate(pred):
            if overlaps(s, e, g.start, g.end):
                pairs.append((min(e, g.end) - max(s, g.start), gi, pi))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    value_tp = 0
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        ok = norm_value(gold[gi].value) is not None and (
            norm_value(gold[gi].value) == norm_value(pred[pi][2]))
        value_tp += ok
        row = tally.by_type.setdefault(gold[gi].type, [0, 0])
        row[1] += ok
    for g in gold:
        tally.by_type.setdefault(g.type, [0, 0])[0] += 1
    matched = len(used_g)
    tally.extent.add(Counts(tp=matched, fp=len(pred) - matched, fn=len(gold) - matched))
    tally.value.add(Counts(tp=value_tp, fp=len(pred) - value_tp, fn=len(gold) - value_tp))


def run_tempeval(suite: str, folder: Path, limit: int | None = None) -> Report:
    t0 = time.perf_counter()
    files = find_timeml(folder)
    files = subset(files, limit)
    runner = StageRunner(text_stages(["sentences", "dates"]))
    tally = TimexTally()
    # Per collection (TimeBank, AQUAINT): a rule tuned on one is confirmed on the other.
    parts: dict[str, TimexTally] = {}
    n_gold = 0
    for path in files:
        doc = read_timeml(path)
        n_gold += len(doc.timexes)
        out = runner.on_text(doc.text, f"{suite}:{doc.id}", published=doc.dct)
        pred = [(t.start, t.end, t.value) for t in out.dates]
        score_doc(doc.timexes, pred, tally)
        score_doc(doc.timexes, pred, parts.setdefault(path.parent.name, TimexTally()))
    rep = Report(suite=suite)
    rep.metrics = {
        "value_f1": tally.value.f1, "value_precision": tally.value.precision,
        "value_recall": tally.value.recall,
        "extent_f1": tally.extent.f1, "extent_precision": tally.extent.precision,
        "extent_recall": tally.extent.recall,
    }
    rep.breakdown = {
        t: {"gold": g, "value_recall": ok / g if g else 0.0}
        for t, (g, ok) in sorted(tally.by_type.items())
    }
    if len(parts) > 1:
        for name, part in sorted(parts.items()):
            rep.breakdown[name] = {"gold": part.value.tp + part.value.fn,
                                   "value_f1": part.value.f1}
    rep.counts = {"documents": len(files), "gold_timexes": n_gold,
                  "predicted": tally.extent.tp + tally.extent.fp}
    rep.notes = ["relaxed (overlap) one-to-one matching; value compared after upper-casing; "
                 "DCT given as the publication date", *runner.notes()]
    rep.elapsed_s = time.perf_counter() - t0
    return rep
