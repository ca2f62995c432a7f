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


# Invisible format characters (soft hyphen, zero-width space, word joiner, BOM): two texts that
# differ only by these read the same, so segments are compared without them (gold segments keep
# the soft hyphens of the page's markup; the clean stage drops them).
_INVISIBLE_CHARS = re.compile("[\u00ad\u200b\u2060\ufeff\u180e]")


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", _INVISIBLE_CHARS.sub("", text)).strip()


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


# Elements whose text a reader never sees; everything else (menus, footers, related links) is
# kept by the plain-text rendering, as a copy-paste or a text dump of the page would.
_INVISIBLE = ("script", "style", "noscript", "template", "svg", "head", "iframe", "select")
_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr",
           "section", "article", "pre", "figcaption", "dd", "dt", "table", "ul", "ol", "nav",
           "header", "footer", "aside", "form", "main", "td", "th", "figure")  # fmt: skip


def render_text(html: str) -> str:
    """The page as plain text with its boilerplate: every visible block on a line of its own."""
    from newsevents.stages._html import parse

    tree = parse(html)
    if tree is None:
        return ""
    body = tree.find("body")
    root = body if body is not None else tree
    whole = len(root.text_content())
    for el in list(tree.iter(*_INVISIBLE)):
        # An unclosed tag inside <noscript> makes libxml2 nest the rest of the page in it:
        # a noscript holding most of the page's text is a parse artefact, not fallback markup.
        if el.tag == "noscript" and 2 * len(el.text_content()) > whole:
            el.drop_tag()
        else:
            el.drop_tree()
    for el in tree.iter(*_BLOCKS):
        try:
            el.tail = "\n" + (el.tail or "")
            if el.tag != "br":
                el.text = "\n" + (el.text or "")
        except ValueError:  # text lxml refuses to set (control characters): left as it is
            continue
    return "\n".join(" ".join(ln.split()) for ln in root.text_content().split("\n")
                     if ln.strip())


def _trafilatura_text(html: str, url: str) -> str | None:
    import trafilatura

    try:
        out = trafilatura.extract(html, url=url)
    except Exception:  # upstream counts a crash as a full miss; so do we
        return None
    return out if isinstance(out, str) else None


def _htmldate(html: str, url: str) -> str | None:
    from htmldate import find_date

    try:
        found = find_date(html, url=url)
    except Exception:
        return None
    return found if isinstance(found, str) else None


@dataclass(slots=True)
class _Tallies:
    ours: SegmentCounts = field(default_factory=SegmentCounts)
    trafilatura: SegmentCounts = field(default_factory=SegmentCounts)
    plain: SegmentCounts = field(default_factory=SegmentCounts)
    plain_kept: SegmentCounts = field(default_factory=SegmentCounts)  # before cleaning
    dates: DateCounts = field(default_factory=DateCounts)
    htmldate: DateCounts = field(default_factory=DateCounts)
    steps: dict[str, DateCounts] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)  # per page, for the plain-text folds


def _count_date(counts: DateCounts, gold: str, got: str | None) -> None:
    counts.dated += 1
    if got:
        counts.predicted += 1
        counts.correct += got == gold


def _date_scores(c: DateCounts) -> dict[str, float]:
    return {"accuracy": c.correct / c.dated if c.dated else 0.0,
            "precision": c.correct / c.predicted if c.predicted else 0.0,
            "coverage": c.predicted / c.dated if c.dated else 0.0}


def _run_stages(stages: list[Stage], raw: RawDocument, failures: list[str]) -> Document:
    doc = Document(raw=raw)
    try:
        for stage in stages:
            doc = stage(doc)
    except Exception as exc:  # a crash counts as a full miss, as upstream does
        failures.append(f"{raw.source}: {type(exc).__name__}: {exc}")
    return doc


def _score_page(page: Page, stages: list[Stage], t: _Tallies) -> None:
    from newsevents.stages.metadata import date_steps

    html = read_html(page.file)
    doc = _run_stages(stages, RawDocument(source=page.url, html=html, url=page.url),
                      t.failures)
    art = doc.article
    t.ours.add_page(page.with_, page.without, art.text if art else None)
    t.trafilatura.add_page(page.with_, page.without, _trafilatura_text(html, page.url))
    rendered = render_text(html)
    t.plain_kept.add_page(page.with_, page.without, rendered)
    t.rendered.append(rendered)
    if not page.date:
        return
    _count_date(t.dates, page.date, art.published.isoformat() if art and art.published
                else None)
    _count_date(t.htmldate, page.date, _htmldate(html, page.url))
    if art is not None:
        for name, found in date_steps(doc):
            _count_date(t.steps.setdefault(name, DateCounts()), page.date,
                        found.isoformat() if found else None)


def _clean_plain(clean: Stage, page: Page, rendered: str, failures: list[str]) -> str | None:
    if not rendered.strip():
        return None
    doc = _run_stages([clean], RawDocument(source=page.url, text=rendered), failures)
    return doc.article.text if doc.article else None


def _score_plain(pages: list[Page], t: _Tallies) -> dict[str, dict[str, float]]:
    """Per fold (the pages scored: "odd", "even"), the plain-text segment scores."""
    # Plain-text mode out of fold: the line classifier trained on the even pages cleans the
    # odd ones and the reverse (the shipped model, trained on all pages, would score its own
    # training data).
    from newsevents.eval import lines
    from newsevents.stages.clean import Clean

    samples = [lines.sample(text, p.with_, p.without, p.url)
               for p, text in zip(pages, t.rendered, strict=True)]
    folds: dict[str, dict[str, float]] = {}
    for name, train_on, score_on in (("odd", 0, 1), ("even", 1, 0)):
        clean = Clean(line_model=lines.train(samples[train_on::2]))
        counts = SegmentCounts()
        for page, text in zip(pages[score_on::2], t.rendered[score_on::2], strict=True):
            counts.add_page(page.with_, page.without,
                            _clean_plain(clean, page, text, t.failures))
        for k in ("tp", "fp", "fn", "tn"):
            setattr(t.plain, k, getattr(t.plain, k) + getattr(counts, k))
        folds[name] = counts.scores()
    return folds


def run_trafilatura(suite: str, folder: Path, limit: int | None = None) -> Report:
    """Our HTML and plain-text cleaning and our dates, beside trafilatura's and htmldate's own
    on the same pages in the same run."""
    t0 = time.perf_counter()
    pages = subset(read_evaldata(folder), limit)
    stages = _stages()
    t = _Tallies()
    for page in pages:
        _score_page(page, stages, t)
    folds = _score_plain(pages, t)
    s, tr, pl = t.ours.scores(), t.trafilatura.scores(), t.plain.scores()
    ours_d, hd = _date_scores(t.dates), _date_scores(t.htmldate)
    rep = Report(suite=suite)
    rep.metrics = {
        "f1": s["f1"], "precision": s["precision"], "recall": s["recall"],
        "accuracy": s["accuracy"],
        "trafilatura_f1": tr["f1"],
        "plain_f1": pl["f1"], "plain_precision": pl["precision"], "plain_recall": pl["recall"],
        **{f"plain_f1_{k}": v["f1"] for k, v in folds.items()},
        "date_accuracy": ours_d["accuracy"], "date_precision": ours_d["precision"],
        "htmldate_accuracy": hd["accuracy"], "htmldate_precision": hd["precision"],
    }
    rep.breakdown = {
        "HTML: newsevents clean": s,
        f"HTML: trafilatura {_version('trafilatura')} extract()": tr,
        "text: page rendered with boilerplate, uncleaned": t.plain_kept.scores(),
        "text: newsevents clean (plain-text mode, 2-fold out of fold)": pl,
        **{f"text: plain-text mode, {k} pages (classifier trained on the others)": v
           for k, v in folds.items()},
        "date: newsevents metadata": ours_d,
        f"date: htmldate {_version('htmldate')} find_date()": hd,
    }
    for name, counts in t.steps.items():
        rep.breakdown[f"date step alone: {name}"] = _date_scores(counts)
    if limit is None:
        rep.breakdown["HTML: trafilatura 2.2.0 (published)"] = dict(PUBLISHED)
    rep.counts = {"pages": len(pages), "with_segments": t.ours.tp + t.ours.fn,
                  "without_segments": t.ours.fp + t.ours.tn, "dated_pages": t.dates.dated,
                  "dates_predicted": t.dates.predicted, "dates_correct": t.dates.correct,
                  "failures": len(t.failures)}
    rep.notes = ["date accuracy = exact day match over pages with a gold date; "
                 "date precision = the same over pages where a date was given",
                 "plain-text mode: each page rendered to text with all its visible blocks "
                 "(menus, footers, related links), then cleaned as plain text; the line "
                 "classifier is trained on the even pages to clean the odd ones and the reverse "
                 "(plain_f1 pools both folds)"]
    if t.failures:
        rep.notes.append(f"{len(t.failures)} page(s) failed, e.g. {t.failures[0]}")
    rep.elapsed_s = time.perf_counter() - t0
    return rep


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "?"
