"""The TempEval-3 and MEANTIME suites: TIMEX3 value F1 of our dates stage on TimeML documents
(TempEval-3 TBAQ) and on NewsReader MEANTIME's tokenised Wikinews articles (CAT XML).

The document creation time is given as the publication date. A predicted time expression that
overlaps a gold TIMEX3 (one-to-one) is an extent match; with the same normalised value it is a
true positive for value F1 (a relaxed-match value F1, as in the TempEval-3 scorer's spirit).
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
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
    unscored: list[tuple[int, int]] = field(default_factory=list)  # spans left out of scoring


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


# No space before these tokens, none after the opening ones, when CAT tokens are joined.
_NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "!", "?", ")", "]", "%", "'s", "n't", "'",
                              "''", "'re", "'ve", "'ll", "'d", "'m"})
_NO_SPACE_AFTER = frozenset({"(", "[", "$", "``"})


def read_meantime(path: Path) -> TimeMLDoc:
    """A MEANTIME CAT file: its annotated sentences' tokens joined into text (a blank line
    between sentences) with the TIMEX3 spans. The creation-time TIMEX3 (the article's date
    line) is the DCT, not a scored expression: it is given to the stage as the publication
    date."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise EvalDataError(f"{path}: not well-formed CAT XML: {exc}") from exc
    # Only the first sentences of each article are annotated (title, date line and four
    # more): the text stops after the last sentence holding any markable.
    sent_of = {t.get("t_id", ""): int(t.get("sentence") or 0) for t in root.iter("token")}
    marks = root.find("Markables")
    last = max((sent_of.get(a.get("t_id", ""), 0) for a in marks.iter("token_anchor")),
               default=-1) if marks is not None else -1
    parts: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    pos, last_sent, prev = 0, None, ""
    for tok in root.iter("token"):
        word = tok.text or ""
        sent = tok.get("sentence")
        if int(sent or 0) > last:
            break
        if parts:
            sep = ("\n\n" if sent != last_sent else
                   "" if word in _NO_SPACE_BEFORE or prev in _NO_SPACE_AFTER else " ")
            parts.append(sep)
            pos += len(sep)
        spans[tok.get("t_id", "")] = (pos, pos + len(word))
        parts.append(word)
        pos += len(word)
        last_sent, prev = sent, word
    text = "".join(parts)
    dct: date | None = None
    timexes: list[Timex] = []
    unscored: list[tuple[int, int]] = []
    for tx in root.iter("TIMEX3"):
        anchors = [spans[a.get("t_id", "")] for a in tx.iter("token_anchor")
                   if a.get("t_id", "") in spans]
        if not anchors and tx.get("functionInDocument") != "CREATION_TIME":
            continue  # an implicit time, not in the text
        start, end = (min(a[0] for a in anchors), max(a[1] for a in anchors)) if anchors else (0, 0)
        if tx.get("functionInDocument") == "CREATION_TIME":
            dct = _parse_dct(tx.get("value"))
            if anchors:
                unscored.append((start, end))
            continue
        timexes.append(Timex(start, end, text[start:end], tx.get("value"), tx.get("type", "")))
    if dct is None:
        # A few files do not mark the creation time: the date line ("February 03, 2009") is
        # the article's second sentence.
        line = " ".join(t.text or "" for t in root.iter("token") if t.get("sentence") == "1")
        try:
            dct = datetime.strptime(line.replace(" ,", ","), "%B %d, %Y").date()
        except ValueError:
            dct = None
    timexes.sort(key=lambda t: t.start)
    return TimeMLDoc(id=root.get("doc_id") or path.stem, text=text, dct=dct, timexes=timexes,
                     unscored=unscored)


def find_meantime(folder: Path) -> list[Path]:
    files = sorted((folder / "intra-doc_annotation").glob("*/*.xml"))
    if not files:
        raise EvalDataError(f"{folder}: no intra-doc_annotation/*/*.xml (MEANTIME CAT files)")
    return files


def run_tempeval(suite: str, folder: Path, limit: int | None = None) -> Report:
    files = subset(find_timeml(folder), limit)
    return _run(suite, files, read_timeml)


def run_meantime(suite: str, folder: Path, limit: int | None = None) -> Report:
    files = subset(find_meantime(folder), limit)
    return _run(suite, files, read_meantime)


def _run(suite: str, files: list[Path], read: Callable[[Path], TimeMLDoc]) -> Report:
    t0 = time.perf_counter()
    runner = StageRunner(text_stages(["sentences", "dates"]))
    tally = TimexTally()
    # Per collection (TimeBank/AQUAINT; MEANTIME's four topics): a rule tuned on one is
    # confirmed on the others.
    parts: dict[str, TimexTally] = {}
    n_gold = 0
    for path in files:
        doc = read(path)
        n_gold += len(doc.timexes)
        out = runner.on_text(doc.text, f"{suite}:{doc.id}", published=doc.dct)
        pred = [(t.start, t.end, t.value) for t in out.dates
                if not any(overlaps(t.start, t.end, s, e) for s, e in doc.unscored)]
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
