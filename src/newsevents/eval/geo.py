"""Geoparsing suites (LGL, GeoVirus; TR-News uses the LGL schema): toponym recall and error.

Our place mentions are matched to gold toponyms by span overlap; for matched toponyms with
coordinates on both sides the great-circle error gives accuracy@161 km, mean and median error
and the AUC of Gritta et al. (2018) (see :func:`newsevents.eval.metrics.geo_auc`).
"""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsevents.errors import EvalDataError
from newsevents.eval._run import StageRunner, text_stages
from newsevents.eval.metrics import Report, geo_auc, haversine_km, median, overlaps, subset

ACC_KM = 161.0


@dataclass(frozen=True, slots=True)
class Toponym:
    start: int
    end: int
    name: str
    lat: float | None
    lon: float | None


@dataclass(slots=True)
class GeoDoc:
    id: str
    text: str
    toponyms: list[Toponym] = field(default_factory=list)


def _float(el: ET.Element | None) -> float | None:
    if el is None or el.text is None or not el.text.strip():
        return None
    return float(el.text)


def read_geo_xml(path: Path) -> list[GeoDoc]:
    """Articles of an LGL-schema (``<toponym><start><end><phrase><gaztag><lat><lon>``, also
    TR-News) or GeoVirus-schema (``<location><name><start><end><lat><lon>``) file."""
    if not path.is_file():
        raise EvalDataError(f"{path}: geoparsing XML not found (pass --data)")
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise EvalDataError(f"{path}: not well-formed XML: {exc}") from exc
    docs: list[GeoDoc] = []
    for i, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        doc_id = art.get("docid") or art.findtext("source") or f"{path.stem}-{i}"
        doc = GeoDoc(id=doc_id, text=text)
        for top in art.iter("toponym"):
            gaz = top.find("gaztag")
            doc.toponyms.append(Toponym(
                start=int(top.findtext("start") or 0),
                end=int(top.findtext("end") or 0),
                name=top.findtext("phrase") or "",
                lat=_float(gaz.find("lat")) if gaz is not None else None,
                lon=_float(gaz.find("lon")) if gaz is not None else None,
            ))
        for loc in art.iter("location"):
            doc.toponyms.append(Toponym(
                start=int(loc.findtext("start") or 0),
                end=int(loc.findtext("end") or 0),
                name=loc.findtext("name") or "",
                lat=_float(loc.find("lat")),
                lon=_float(loc.find("lon")),
            ))
        _align(doc)
        docs.append(doc)
    return docs


def _align(doc: GeoDoc) -> None:
    """Repair offsets that are shifted by a few characters (GeoVirus's are one too high), so
    that ``text[start:end]`` is the toponym's name; offsets that cannot be repaired stay."""
    fixed = []
    for t in doc.toponyms:
        if doc.text[t.start:t.end] == t.name or not t.name:
            fixed.append(t)
            continue
        for k in (-1, 1, -2, 2, -3, 3):
            if doc.text[t.start + k:t.end + k] == t.name:
                t = Toponym(t.start + k, t.end + k, t.name, t.lat, t.lon)
                break
        fixed.append(t)
    doc.toponyms = fixed


@dataclass(slots=True)
class GeoTally:
    gold: int = 0
    gold_located: int = 0  # gold toponyms with coordinates
    matched: int = 0  # gold toponyms overlapped by one of our place mentions
    predicted: int = 0  # our place mentions
    predicted_matched: int = 0  # our place mentions overlapping a gold toponym
    errors_km: list[float] = field(default_factory=list)


def score_doc(doc: GeoDoc, places: Sequence[tuple[int, int, float | None, float | None]],
              tally: GeoTally) -> None:
    """Add one document: ``places`` are our mentions as (start, end, lat, lon)."""
    tally.predicted += len(places)
    tally.predicted_matched += sum(
        1 for s, e, _, _ in places if any(overlaps(s, e, t.start, t.end) for t in doc.toponyms)
    )
    for t in doc.toponyms:
        tally.gold += 1
        if t.lat is not None:
            tally.gold_located += 1
        best = None
        best_overlap = 0
        for s, e, lat, lon in places:
            ov = min(e, t.end) - max(s, t.start)
            if ov > best_overlap:
                best, best_overlap = (lat, lon), ov
        if best is None:
            continue
        tally.matched += 1
        lat, lon = best
        if t.lat is not None and t.lon is not None and lat is not None and lon is not None:
            tally.errors_km.append(haversine_km(t.lat, t.lon, lat, lon))


def geo_report(suite: str, tally: GeoTally) -> Report:
    errs = tally.errors_km
    within = sum(1 for e in errs if e <= ACC_KM)
    rep = Report(suite=suite)
    rep.metrics = {
        "acc161": within / len(errs) if errs else 0.0,
        "acc161_all": within / tally.gold_located if tally.gold_located else 0.0,
        "recall": tally.matched / tally.gold if tally.gold else 0.0,
        "precision": tally.predicted_matched / tally.predicted if tally.predicted else 0.0,
        "auc": geo_auc(errs),
        "mean_error_km": sum(errs) / len(errs) if errs else 0.0,
        "median_error_km": median(errs),
    }
    rep.counts = {"gold_toponyms": tally.gold, "gold_located": tally.gold_located,
                  "matched": tally.matched, "resolved": len(errs),
                  "predicted_mentions": tally.predicted}
    rep.notes = [
        "acc161/auc/mean error are over gold toponyms we found and resolved (end to end, not "
        "given gold spans); acc161_all counts every located gold toponym, missed ones as wrong",
        "auc: trapezoid area under sorted ln(1+km)/ln(1+20039), divided by its width "
        "(Gritta et al. 2018); lower is better",
    ]
    return rep


def run_geo(suite: str, path: Path, limit: int | None = None) -> Report:
    from newsevents.stages.places import find_places

    t0 = time.perf_counter()
    docs = read_geo_xml(path)
    docs = subset(docs, limit)
    runner = StageRunner(text_stages())
    tally = GeoTally()
    strict = GeoTally()
    for d in docs:
        out = runner.on_text(d.text, f"{suite}:{d.id}")
        places = [(m.start, m.end, p.lat, p.lon) for p in out.places for m in p.mentions]
        score_doc(d, places, strict)
        # Toponyms the actors stage took ("Moscow said", "American officials") are recognised
        # and resolved by the places stage too, though not listed among the article's places.
        metonyms = [(m.start, m.end, e.lat, e.lon) for m, e in find_places(out).metonyms]
        score_doc(d, places + metonyms, tally)
    rep = geo_report(suite, tally)
    only = geo_report(suite, strict)
    for k in ("acc161", "acc161_all", "recall", "precision", "auc", "mean_error_km"):
        rep.metrics[f"places_{k}"] = only.metrics[k]
    rep.notes.append("places_*: the same scores over place mentions only (metonyms and "
                     "demonyms that are actor mentions left out)")
    rep.counts = {"articles": len(docs), **rep.counts}
    rep.notes += runner.notes()
    rep.elapsed_s = time.perf_counter() - t0
    return rep
