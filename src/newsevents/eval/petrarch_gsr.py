"""PETRARCH2 GSR validation records (real AFP/Gigaword sentences coded with the Phoenix CAMEO
dictionaries): PLOVER type recall, source-country accuracy and whole codings, with our own
actors and lexicons. The file is held out of ../shared/data; the suite skips until it is there.

Each gold ``<EventCoding sourcecode targetcode eventcode>`` is read as CAMEO (the Phoenix
dictionaries are CAMEO-coded) and scored against the events we code in its sentence:
- type recall: one of our events has the code's PLOVER type;
- source-country accuracy: of the codings whose type we found and whose gold source has a
  country (or IGO) root, those where a same-type event's source has that root;
- coding accuracy: one event has the type and both sides' roots (as the ``petrarch`` suite).
"""

from __future__ import annotations

import time
from pathlib import Path

from newsevents.eval import _petrarch as petr
from newsevents.eval._run import StageRunner, text_stages
from newsevents.eval.coding import _event_sides, _side_matches, plover_type
from newsevents.eval.metrics import Report, subset

GSR_XML = Path("universal_petrarch_ud") / "PETR2_GSR_validation.xml"


def run_petrarch_gsr(suite: str, folder: Path, limit: int | None = None) -> Report:
    t0 = time.perf_counter()
    path = folder / GSR_XML
    if not path.is_file():
        return Report(suite=suite, skipped=f"{path} is absent (the PETRARCH2 GSR records of "
                      "real news are held out for independent scoring)")
    sentences = subset(petr.read_records(path).sentences, limit)
    runner = StageRunner(text_stages())
    scored = typed = coded = 0
    src_n = src_ok = 0
    quiet_n = quiet_ok = unscored = 0
    by_type: dict[str, list[int]] = {}
    for s in sentences:
        if not s.text:
            continue
        out = runner.on_text(s.text, f"{suite}:{s.id}", published=s.date)
        if s.noevents and not s.codings:
            quiet_n += 1
            quiet_ok += not out.events
            continue
        sides = _event_sides(out, {})
        for c in s.codings:
            want = plover_type(c.event)
            if want is None:
                unscored += 1
                continue
            scored += 1
            same = [(e, src, tgt) for e, src, tgt in sides if e.type == want]
            hit = bool(same)
            typed += hit
            coded += any(_side_matches(c.source, src) and _side_matches(c.target, tgt)
                         for _e, src, tgt in same)
            row = by_type.setdefault(want, [0, 0])
            row[0] += 1
            row[1] += hit
            root = petr.code_root(c.source)
            if hit and root and root not in petr.NULL_CODES and not c.source.startswith('"'):
                src_n += 1
                src_ok += any(root in src for _e, src, _t in same)
    rep = Report(suite=suite)
    rep.metrics = {"type_recall": typed / scored if scored else 0.0,
                   "coding_accuracy": coded / scored if scored else 0.0}
    if src_n:
        rep.metrics["source_country_accuracy"] = src_ok / src_n
    if quiet_n:
        rep.metrics["noevents_accuracy"] = quiet_ok / quiet_n
    rep.breakdown = {t: {"codings": n, "type_recall": h / n}
                     for t, (n, h) in sorted(by_type.items())}
    rep.counts = {"sentences": len(sentences), "codings_scored": scored,
                  "codings_without_plover_type": unscored, "source_country_scored": src_n,
                  "noevents_sentences": quiet_n}
    rep.notes = [
        "gold codes read as CAMEO (Phoenix dictionaries) and mapped to PLOVER types; our own "
        "actors, lexicons and default pipeline, each sentence dated by its record",
        "source_country_accuracy: among codings whose type we found and whose gold source "
        "has a root (country, IGO...), a same-type event of ours has that root in its source",
        *runner.notes(),
    ]
    rep.elapsed_s = time.perf_counter() - t0
    return rep
