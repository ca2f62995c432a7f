"""The trafilatura-eval suite: main-text segment F1 of our clean stage, date accuracy of metadata.

Scoring follows trafilatura's own benchmark: a whitespace-normalised "with" segment found in
our text is a true positive (missing: false negative); a "without" segment found is a false
positive (absent: true negative).
"""

from __future__ import annotations

import gzip
import json
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from newsevents.errors import EvalDataError
from newsevents.eval.metrics import Report, subset
from newsevents.pipeline import Stage, default_pipeline
from newsevents.records import Document, RawDocument

# trafilatura 2.2.0 (standard) on the same 990 pages, from the set's SOURCE.md.
PUBLISHED = {"precision": 0.906, "recall": 0.943, "accuracy": 0.923, "f1": 0.924}


@dataclass(slots=True)
class Page:
    url: str
    file: Path
    with_: list[str]
    without: list[str]
    date: str | None


def read_evaldata(folder: Path) -> list[Page]:
    """Pages of ``evaldata.json`` whose HTML is under ``html/<file>.gz`` (or ``html/<file>``)."""
    index = folder / "evaldata.json"
    if not index.is_file():
        raise EvalDataError(f"{index}: not found (pass --data pointing at the gold sets)")
    data = json.loads(index.read_text(encoding="utf-8"))
    pages: list[Page] = []
    for url, item in sorted(data.items()):
        name = item.get("file")
        if not name:
            raise EvalDataError(f"{index}: entry {url!r} has no 'file'")
        path = folder / "html" / f"{name}.gz"
        if not path.is_file():
            path = folder / "html" / name
        pages.append(Page(url=url, file=path, with_=list(item.get("with", [])),
                          without=list(item.get("without", [])), date=item.get("date") or None))
    return pages


def read_html(path: Path) -> str:
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    from trafilatura.utils import decode_file

    text = decode_file(raw)
    return text if isinstance(text, str) else raw.decode("utf-8", errors="replace")


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@dataclass(slots=True)
class SegmentCounts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add_page(self, with_: list[str], without: list[str], text: str | None) -> None:
        t = norm(text) if text else ""
        found_with = sum(1 for w in with_ if t and norm(w) in t)
        found_without = sum(1 for w in without if t and norm(w) in t)
        self.tp += found_with
        self.fn += len(with_) - found_with
        self.fp += found_without
        self.tn += len(without) - found_without

    def scores(self) -> dict[str, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        total = self.tp + self.fp + self.fn + self.tn
        denom = 2 * self.tp + self.fp + self.fn
        return {"precision": p, "recall": r,
                "accuracy": (self.tp + self.tn) / total if total else 0.0,
                "f1": 2 * self.tp / denom if denom else 0.0}


@dataclass(slots=True)
class DateCounts:
    dated: int = 0
    predicted: int = 0
    correct: int = 0
    wrong: list[str] = field(default_factory=list)


def _stages() -> list[Stage]:
    return [s for s in default_pipeline().stages if s.name in ("clean", "metadata")]


def run_trafilatura(suite: str, folder: Path, limit: int | None = None) -> Report:
    t0 = time.perf_counter()
    pages = read_evaldata(folder)
    pages = subset(pages, limit)
    stages = _stages()
    seg = SegmentCounts()
    dates = DateCounts()
    failures: list[str] = []
    for page in pages:
        doc = Document(raw=RawDocument(source=page.url, html=read_html(page.file), url=page.url))
        try:
            for stage in stages:
                doc = stage(doc)
        except Exception as exc:  # a crash counts as a full miss, as upstream does
            failures.append(f"{page.url}: {type(exc).__name__}: {exc}")
        art = doc.article
        seg.add_page(page.with_, page.without, art.text if art else None)
        if page.date:
            dates.dated += 1
            got = art.published.isoformat() if art and art.published else None
            if got:
                dates.predicted += 1
                if got == page.date:
                    dates.correct += 1
    rep = Report(suite=suite)
    s = seg.scores()
    rep.metrics = {
        "f1": s["f1"], "precision": s["precision"], "recall": s["recall"],
        "accuracy": s["accuracy"],
        "date_accuracy": dates.correct / dates.dated if dates.dated else 0.0,
        "date_precision": dates.correct / dates.predicted if dates.predicted else 0.0,
    }
    rep.breakdown = {"newsevents clean": s}
    if limit is None:
        rep.breakdown["trafilatura 2.2.0 (published)"] = dict(PUBLISHED)
    rep.counts = {"pages": len(pages), "with_segments": seg.tp + seg.fn,
                  "without_segments": seg.fp + seg.tn, "dated_pages": dates.dated,
                  "dates_predicted": dates.predicted, "dates_correct": dates.correct,
                  "failures": len(failures)}
    rep.notes = ["date accuracy = exact day match over pages with a gold date; "
                 "date precision = the same over pages where we gave a date"]
    if failures:
        rep.notes.append(f"{len(failures)} page(s) failed, e.g. {failures[0]}")
    rep.elapsed_s = time.perf_counter() - t0
    return rep
