"""Event-coding suites: PETRARCH2 validation records, NGEC synthetic stories, PLOVER GSR records.

Expected CAMEO codes are mapped to PLOVER types (:func:`plover_type`); actors are compared by
their 3-letter root code (our country, or "IGO" for IGOs) against the gold code's first three
letters ("ARNGOV" → "ARN").
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from newsevents.errors import EvalDataError
from newsevents.eval import _petrarch as petr
from newsevents.eval._run import StageRunner, text_stages
from newsevents.eval.metrics import Report, classification, subset
from newsevents.pipeline import Failure, Stage, default_pipeline
from newsevents.records import Actor, Document, Event, RawDocument

# CAMEO root → PLOVER type, after the published CAMEO→PLOVER table (PLOVER draft 0.8, 2021).
# 01 (public statements) has no PLOVER event; 02 (appeals) and 10 (demands) are REQUEST.
_ROOT_TO_PLOVER = {
    "02": "REQUEST", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE",
    "07": "AID", "08": "CONCEDE", "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE",
    "12": "REJECT", "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION",
    "17": "COERCE", "18": "ASSAULT", "19": "ASSAULT", "20": "ASSAULT",
}
# Within root 08, returning/releasing, easing sanctions, allowing access and de-escalating
# (084-087) and easing curfews or emergencies (0813, 0814) are RETREAT in PLOVER.
_RETREAT_08 = ("084", "085", "086", "087", "0813", "0814")
# Older PLOVER names (GSR v0.5) → current ones.
PLOVER_RENAMES = {"DEMAND": "REQUEST", "FIGHT": "ASSAULT", "DISAPPROVE": "ACCUSE"}


def plover_type(cameo: str) -> str | None:
    """The PLOVER event type of a CAMEO code, or None when PLOVER has none (01, test codes)."""
    code = cameo.strip()
    try:  # the events engineer's ontology, when present, is the authority
        from newsevents.ontology import cameo_info  # type: ignore[attr-defined,unused-ignore]

        info = cameo_info(code)
        if info is None or info.code != code:
            # Not in the CAMEO codebook (cameo_info answers with a parent code then): one of
            # PETRARCH's test codes ("BREAK [1717]", "ASYLUM [174L]", "* FOR [096]"), which
            # has no PLOVER reading, like the 9xx test codes whose prefixes are no code at all.
            return None
        t = getattr(info, "plover", None) or getattr(info, "type", None)
        if isinstance(t, str) or t is None:
            return t
    except (ImportError, KeyError, ValueError, LookupError):
        pass
    if len(code) < 2 or not code[:2].isdigit():
        return None
    if code[:2] == "08" and code.startswith(_RETREAT_08):
        return "RETREAT"
    return _ROOT_TO_PLOVER.get(code[:2])


def actor_root(actor: Actor | None, actor_id: str) -> str | None:
    """Our side's 3-letter root: the id's country prefix ("ISR", "ISR:MIL"), "IGO" for IGOs,
    "NGO" for non-governmental organisations (CAMEO's root for them, also for a national
    section: "MSF Arnor" is NGOARN), else the actor's country."""
    head = actor_id.split(":", 1)[0]
    if len(head) == 3 and head.isupper():
        return head
    if actor_id.startswith("igo:"):
        return "IGO"
    if actor is not None and actor.kind == "organization" and actor.sector == "NGO":
        return "NGO"
    return actor.country if actor is not None else None


def roots(doc: Document, ids: Iterable[str], known: dict[str, str] | None = None) -> set[str]:
    """The roots of actor ids; ``known`` gives roots of ids made from dictionary codes."""
    out = set()
    for i in ids:
        r = known.get(i) if known else None
        r = r or actor_root(doc.actor(i), i)
        if r:
            out.add(r)
    return out


# Marks a side's noun-phrase heads among its roots (no actor code starts with it).
_NP = "np:"


def np_head(phrase: str) -> str:
    """The head word of an English noun phrase, lower case: the last word before an "of"
    phrase, else the last word ("GRYFFINDOR HEAD MINERVA MCGONAGALL" -> "mcgonagall",
    "THE MINISTRY OF MAGIC" -> "ministry", "the Bree envoy's" -> "envoy")."""
    words = [w.removesuffix("'s").removesuffix("’s")
             for w in phrase.strip().strip('"').lower().split()]
    if "of" in words[1:]:
        words = words[: words.index("of", 1)]
    return words[-1] if words else ""


def _heads(doc: Document, ids: Iterable[str]) -> set[str]:
    return {_NP + np_head(m.text) for i in ids if (a := doc.actor(i)) for m in a.mentions}


def _side_matches(expected: str, ours: set[str]) -> bool:
    if expected.strip().startswith('"'):
        # PETRARCH's new-actor option codes an actor missing from its dictionaries as the
        # quoted noun phrase that names it: that side matches when one of our side's actors
        # is named by a phrase with the same head ("head Minerva McGonagall").
        return _NP + np_head(expected) in ours
    root = petr.code_root(expected)
    if not root or root in petr.NULL_CODES:
        # A null-coded side matches only when we leave it without a root.
        return not any(not r.startswith(_NP) for r in ours)
    return root in ours


def top_event(events: Iterable[Event]) -> Event | None:
    """The highest-confidence event (the first among equals)."""
    best: Event | None = None
    for e in events:
        if best is None or e.confidence > best.confidence:
            best = e
    return best


def calibration(
    pairs: list[tuple[float, bool]], bins: int = 5
) -> tuple[dict[str, float], dict[str, dict[str, float]]]:
    """Brier score and expected calibration error of (confidence, correct) pairs, with the
    reliability table (events, mean confidence and accuracy per equal-width confidence bin)."""
    if not pairs:
        return {"brier": 0.0, "ece": 0.0}, {}
    brier = sum((c - ok) ** 2 for c, ok in pairs) / len(pairs)
    rows: dict[str, dict[str, float]] = {}
    ece = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [(c, ok) for c, ok in pairs if lo <= c < hi or (b == bins - 1 and c == 1.0)]
        if not inside:
            continue
        mean_c = sum(c for c, _ in inside) / len(inside)
        acc = sum(ok for _, ok in inside) / len(inside)
        ece += len(inside) / len(pairs) * abs(mean_c - acc)
        rows[f"confidence {lo:.1f}-{hi:.1f}"] = {"events": len(inside), "mean_confidence": mean_c,
                                                 "accuracy": acc}
    return {"brier": brier, "ece": ece}, rows


def lead_event(events: Iterable[Event]) -> Event | None:
    """The article's main event: the earliest one (headline, then lead), the more confident
    among those with the same trigger. News is written as an inverted pyramid, so later
    events are mostly background and reactions; measured on NGEC this beats the
    highest-confidence event (see run_ngec's metrics). At one trigger an asserted event comes
    before a hypothetical one: "to detain journalists if ..." is a threat that was made, the
    detention only one that may follow."""
    best: Event | None = None
    for e in events:
        if best is None or _lead_key(e) < _lead_key(best):
            best = e
    return best


def _lead_key(e: Event) -> tuple[int, bool, float]:
    return (e.trigger.start, e.modality != "asserted", -e.confidence)


# ---------------------------------------------------------------- petrarch


def _find_dictionary(folder: Path, name: str | None) -> Path | None:
    if not name:
        return None
    for cand in (folder / "dictionaries" / name, folder / name,
                 folder.parent / "petrarch2-dictionaries" / name):
        if cand.is_file():
            return cand
    return None


# CAMEO roots that are not countries, and the kind of actor they become.
def extra_entries(
    actors: list[petr.DictEntry], agents: list[petr.DictEntry], day: date | None
) -> tuple[tuple[Any, ...], dict[str, str]]:
    """Dictionary actors and agents as ``ActorEntry`` records for the actors stage, coded for
    ``day``, and the CAMEO root of every entry id made (the same conversion as
    ``newsevents actors import``)."""
    from newsevents.actor_dicts import dictionary_entries

    return dictionary_entries(actors, agents, day)


@dataclass(slots=True)
class _PetrPipelines:
    """One actors stage per distinct set of date-resolved dictionary codes (dates matter in
    the DATE records), built lazily and reused."""

    actors: list[petr.DictEntry]
    agents: list[petr.DictEntry]
    cache: dict[tuple[str | None, ...], StageRunner] = field(default_factory=dict)
    root_of: dict[str, str] = field(default_factory=dict)
    compounds: dict[str, set[str]] = field(default_factory=dict)
    note: str | None = None

    def runner(self, day: date | None) -> StageRunner:
        key = tuple(e.code_on(day) for e in self.actors)
        if key not in self.cache:
            self.cache[key] = StageRunner(self._stages(day))
        return self.cache[key]

    def _stages(self, day: date | None) -> list[Stage]:
        stages = text_stages()
        try:
            from newsevents.stages.actors import Actors

            extras, root_of = extra_entries(self.actors, self.agents, day)
            custom: Stage = Actors(extra_entries=extras)  # type: ignore[call-arg,unused-ignore]
        except (ImportError, TypeError) as exc:
            self.note = f"dictionary actors not loaded ({type(exc).__name__}: {exc})"
            return stages
        self.root_of.update(root_of)
        for e in self.actors:
            code = e.code_on(day) or ""
            if "/" in code:
                # "LORIEN [ELR/GAL]": a compound actor, one entry (id of its first member)
                # standing for every member; _event_sides expands it.
                members = [petr.code_root(c) for c in code.split("/")]
                self.compounds[members[0]] = {m for m in members if m}
        return [custom if s.name == "actors" else s for s in stages]


# Visiting and hosting: the only meetings with a direction.
_VISITS = frozenset({"042", "043"})


def _event_sides(
    doc: Document, known: dict[str, str], compounds: dict[str, set[str]] | None = None,
) -> list[tuple[Event, set[str], set[str]]]:
    """(event, source roots, target roots) of each event; a joint source without a target
    ("Gondor and Osgiliath renewed ties") also stands for each directed pair of its members,
    which is how PETRARCH writes such a mutual event (one coding each way). So does a meeting
    that is no visit (CONSULT other than CAMEO 042/043): the PLOVER codebook codes the parties
    of a meeting alike ("if two parties ... have a meeting, code both as ACTOR"), so our
    A->B meeting also stands for B->A; a visit keeps its direction (the visitor is the actor).
    A compound dictionary actor ("THE_SHIRE [FRO/BIL/SAM]") stands for each of its members."""
    out = []
    comp = compounds or {}

    def expand(rs: set[str]) -> set[str]:
        return set().union(*(comp.get(r, {r}) for r in rs)) if rs else rs

    for e in doc.events:
        src = expand(roots(doc, e.source, known))
        tgt = expand(roots(doc, e.target, known))
        out.append((e, src | _heads(doc, e.source), tgt | _heads(doc, e.target)))
        if not tgt and len(src) > 1:
            out += [(e, {a}, {b}) for a in sorted(src) for b in sorted(src) if a != b]
        elif e.type == "CONSULT" and e.cameo not in _VISITS and src and tgt:
            out.append((e, tgt | _heads(doc, e.target), src | _heads(doc, e.source)))
    return out


def _confidence_pairs(
    out: Document, sides: list[tuple[Event, set[str], set[str]]],
    readings: list[petr.Reading], s: petr.PetrSentence,
) -> list[tuple[float, bool]]:
    """(confidence, correct) of each event: correct when its type and both sides match a gold
    coding read in its own system (WEIS-aware); sentences whose codings are all unscored
    (comments, test codes) are left out, a no-event sentence makes every event wrong."""
    golds = []
    for c, r in zip(s.codings, readings, strict=True):
        if r.type is not None:
            golds.append((r.type, *((c.target, c.source) if r.reversed else (c.source, c.target))))
    if not golds and not s.noevents:
        return []
    return [(e.confidence, any(
        t == e.type and _side_matches(gs, src) and _side_matches(gt, tgt)
        for t, gs, gt in golds for ee, src, tgt in sides if ee is e)) for e in out.events]


def _verb_tables(
    folder: Path,
) -> tuple[dict[str, petr.VerbBlock], dict[str, list[petr.VerbBlock]]] | None:
    """The validation and CAMEO verb dictionaries, when both are there."""
    val = _find_dictionary(folder, "PETR.Validate.verbs.txt")
    cam = _find_dictionary(folder, "CAMEO.2.0.txt")
    if val is None or cam is None:
        return None
    return petr.read_verb_blocks(val), petr.forms_index(petr.read_verb_blocks(cam))


@dataclass(slots=True)
class _Tally:
    """Counts of one reading of the gold codes: scored codings, type / full / source / target /
    both-sides hits, unscored codings, and rows per category."""

    scored: int = 0
    typed: int = 0
    full: int = 0
    src: int = 0
    tgt: int = 0
    sides: int = 0
    unmapped: int = 0
    rows: dict[str, list[int]] = field(default_factory=dict)

    def add(self, want: str | None, c: petr.Coding, swap: bool, out: Document,
            sides: list[tuple[Event, set[str], set[str]]], row: str | None = None) -> bool:
        """Score one gold coding read as type ``want`` (``swap``: its sides reversed)."""
        if want is None:
            self.unmapped += 1
            return False
        source, target = (c.target, c.source) if swap else (c.source, c.target)
        s_ok = [_side_matches(source, src) for _e, src, _t in sides]
        t_ok = [_side_matches(target, tgt) for _e, _s, tgt in sides]
        both = [e.type for (e, _s, _t), a, b in zip(sides, s_ok, t_ok, strict=True) if a and b]
        ok_type = any(e.type == want for e in out.events)
        ok_full = want in both
        self.scored += 1
        self.typed += ok_type
        self.full += ok_full
        self.src += any(s_ok)
        self.tgt += any(t_ok)
        self.sides += bool(both)
        if row is not None:
            r = self.rows.setdefault(row, [0, 0, 0])
            r[0] += 1
            r[1] += ok_type
            r[2] += ok_full
        return ok_full

    def rate(self, n: int) -> float:
        return round(n / self.scored, 4) if self.scored else 0.0


def run_petrarch(suite: str, folder: Path, limit: int | None = None) -> Report:
    t0 = time.perf_counter()
    recs = petr.read_records(folder / "PETR.UnitTest.records.xml")
    actor_path = _find_dictionary(folder, recs.actor_file)
    agent_path = _find_dictionary(folder, recs.agent_file)
    actors = petr.read_dictionary(actor_path) if actor_path else []
    agents = petr.read_dictionary(agent_path) if agent_path else []
    verbs = _verb_tables(folder)
    pipes = _PetrPipelines(actors, agents)
    sentences = subset(recs.sentences, limit)
    cam, weis = _Tally(), _Tally()  # the gold read as CAMEO; read in its own system
    systems: dict[str, int] = {}
    noevent_sents = noevent_ok = 0
    by_verbs: dict[str, list[int]] = {}
    conf_pairs: list[tuple[float, bool]] = []
    runners: list[StageRunner] = []
    # Records PETRARCH's new_actor_length option decides (not English): left unscored.
    decided = petr.option_decided(recs.sentences)
    unscored_noevents = unscored_codings = 0
    for s in sentences:
        if s.id in decided:
            unscored_noevents += 1
            continue
        kept = [c for c in s.codings if not petr.beyond_new_actor_length(s, c)]
        if len(kept) < len(s.codings):
            unscored_codings += len(s.codings) - len(kept)
            if not kept:
                continue
            s = replace(s, codings=kept)  # the record as scored
        runner = pipes.runner(s.date)
        if runner not in runners:
            runners.append(runner)
        out = runner.on_text(s.text, f"{suite}:{s.id}", published=s.date)
        if s.noevents and not s.codings:
            noevent_sents += 1
            noevent_ok += not out.events
        sides = _event_sides(out, pipes.root_of, pipes.compounds)
        golds = [(plover_type(c.event), c) for c in s.codings]
        readings = [petr.read_code(s, c.event, plover_type, verbs) for c in s.codings]
        conf_pairs += _confidence_pairs(out, sides, readings, s)
        for (want, c), reading in zip(golds, readings, strict=True):
            systems[reading.system] = systems.get(reading.system, 0) + 1
            weis.add(reading.type, c, reading.reversed, out, sides, f"{reading.system} codes")
            if want is None:
                cam.unmapped += 1
                continue
            cam.add(want, c, False, out, sides, s.category)
            if verbs is not None:
                kind = petr.verb_consistency(s, c.event, verbs[0], verbs[1], plover_type)
                vrow = by_verbs.setdefault(kind, [0, 0, 0])
                vrow[0] += 1
                vrow[1] += any(e.type == want for e in out.events)
                vrow[2] += want in [e.type for e, src, tgt in sides
                                    if _side_matches(c.source, src)
                                    and _side_matches(c.target, tgt)]
    scored, full, typed, unmapped = cam.scored, cam.full, cam.typed, cam.unmapped
    src_ok, tgt_ok, sides_ok, by_cat = cam.src, cam.tgt, cam.sides, cam.rows
    rep = Report(suite=suite)
    rep.metrics = {"coding_accuracy": full / scored if scored else 0.0,
                   "type_accuracy": typed / scored if scored else 0.0,
                   "source_accuracy": src_ok / scored if scored else 0.0,
                   "target_accuracy": tgt_ok / scored if scored else 0.0,
                   "sides_accuracy": sides_ok / scored if scored else 0.0,
                   "noevents_accuracy": noevent_ok / noevent_sents if noevent_sents else 0.0}
    rep.metrics.update({
        "coding_accuracy_weis": weis.rate(weis.full), "type_accuracy_weis": weis.rate(weis.typed),
        "source_accuracy_weis": weis.rate(weis.src), "target_accuracy_weis": weis.rate(weis.tgt),
        "sides_accuracy_weis": weis.rate(weis.sides)})
    if "cameo" in by_verbs:
        n, t, f = by_verbs["cameo"]
        rep.metrics["coding_accuracy_cameo_verbs"] = f / n
        rep.metrics["type_accuracy_cameo_verbs"] = t / n
    rep.breakdown = {cat: {"codings": n, "type_accuracy": t / n, "coding_accuracy": f / n}
                     for cat, (n, t, f) in sorted(by_cat.items())}
    rep.breakdown.update({f"weis-aware reading, {k}": {
        "codings": n, "type_accuracy": t / n, "coding_accuracy": f / n}
        for k, (n, t, f) in sorted(weis.rows.items())})
    rep.breakdown.update({f"verb codes: {k}": {"codings": n, "type_accuracy": t / n,
                                              "coding_accuracy": f / n}
                          for k, (n, t, f) in sorted(by_verbs.items())})
    cal, table = calibration(conf_pairs)
    rep.metrics.update(cal)
    rep.breakdown.update(table)
    rep.counts = {"sentences": len(sentences), "codings_scored": scored,
                  "codings_without_plover_type": unmapped, "noevents_sentences": noevent_sents,
                  "dictionary_actors": len(actors), "dictionary_agents": len(agents),
                  "actor_pipelines": len(pipes.cache),
                  "noevents_unscored_new_actor_length": unscored_noevents,
                  "codings_unscored_new_actor_length": unscored_codings}
    rep.counts.update({"codings_scored_weis": weis.scored,
                       "codings_without_plover_type_weis": weis.unmapped,
                       **{f"codings_read_{k}": v for k, v in sorted(systems.items())}})
    rep.counts.update({f"codings_verb_codes_{k.replace('-', '_')}": v[0]
                       for k, v in sorted(by_verbs.items())})
    rep.notes = [
        "a coding is correct when one of our events in the sentence has its PLOVER type and "
        "source and target roots (our country id, or IGO) equal the first 3 letters of the "
        "expected codes; '---' sides must be empty; CAMEO 01 and test codes (9xx...) unscored",
        "a joint source without a target (X and Y met) matches the codings X->Y and Y->X",
        "source/target/sides accuracy: some event of the sentence has the expected source "
        "root / target root / both, whatever its type (argument structure alone)",
        "verb codes: the validation verb dictionary is mostly WEIS-coded (its header says so); "
        "'cameo' codings come from a verb whose code in the CAMEO verb dictionary has the same "
        "PLOVER type, 'other-codes' from one whose CAMEO code differs (WEIS 041 praise read as "
        "CAMEO 041 telephone), 'unresolved' when the verb was not found in both",
        "*_weis: the gold read in the system it was written in (eval/_petrarch.py read_code): "
        "codes WEIS lacks (4 digits, 174K, 030, 043...) and WEIS codes whose verb has a code "
        "of the same PLOVER type in the CAMEO verb dictionary are CAMEO, every other code is "
        "WEIS (data/weis.csv; 02x comments unscored; 033 receive visit = the visit reversed)",
        "calibration (brier, ece, confidence rows): every event we code in a sentence with "
        "scored codings (or none expected), correct when its type and both sides match one "
        "of them in the WEIS-aware reading",
        "PETRARCH's <Config new_actor_length> is read per record: a coding naming a quoted "
        "new actor longer than the length in force, and a no-event record whose text is "
        "coded elsewhere only with such actors, are decided by that option, not by English, "
        "and left unscored (counts *_unscored_new_actor_length)",
    ]
    if pipes.note:
        rep.notes.append(pipes.note)
    for r in runners:
        rep.notes += r.notes()
    rep.elapsed_s = time.perf_counter() - t0
    return rep


# ---------------------------------------------------------------- ngec


@dataclass(frozen=True, slots=True)
class Story:
    title: str
    text: str
    label: str
    mode: str | None


def read_ngec(path: Path) -> list[Story]:
    """NGEC synthetic stories. The ``title`` column is a template ("{country_1}"); the first
    line of ``prompt`` is the filled-in headline, so that is the title used."""
    if not path.is_file():
        raise EvalDataError(f"{path}: NGEC stories not found (pass --data)")
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    stories = []
    for row in csv.DictReader(io.StringIO(raw.decode("utf-8"))):
        prompt_title = (row.get("prompt") or "").strip().split("\n", 1)[0].strip()
        title = prompt_title or (row.get("title") or "")
        stories.append(Story(title=title, text=(row.get("text") or "").strip(),
                             label=(row.get("label") or "").strip().upper(),
                             mode=(row.get("mode") or "").strip() or None))
    return stories


def _pipe_texts(items: list[RawDocument]) -> tuple[list[Document | None], list[str]]:
    out: list[Document | None] = []
    failed: list[str] = []
    for r in default_pipeline().pipe(items):
        if isinstance(r, Failure):
            failed.append(r.message)
            out.append(None)
        else:
            out.append(r)
    return out, failed


def run_ngec(suite: str, folder: Path, limit: int | None = None) -> Report:
    from newsevents.stages.events import headline_events

    t0 = time.perf_counter()
    stories = read_ngec(folder / "gpt_synthetic_events_2023-10-19_19.csv.gz")
    labels = sorted({s.label for s in stories if s.label})
    chosen = subset(stories, limit)
    raws = [RawDocument(source=f"{suite}:{i}", text=f"{s.title}\n\n{s.text}")
            for i, s in enumerate(chosen)]
    docs, failed = _pipe_texts(raws)
    pairs = []
    top_pairs = []
    conf_pairs: list[tuple[float, bool]] = []
    for s, d in zip(chosen, docs, strict=True):
        ev = lead_event(headline_events(d) or d.events) if d else None
        pairs.append((s.label, ev.type if ev else "none"))
        if ev is not None:
            conf_pairs.append((ev.confidence, ev.type == s.label))
        top = top_event(d.events) if d else None
        top_pairs.append((s.label, top.type if top else "none"))
    per, macro, acc = classification(pairs, labels)
    _, top_macro, _ = classification(top_pairs, labels)
    rep = Report(suite=suite)
    rep.metrics = {"macro_f1": macro, "accuracy": acc,
                   "macro_f1_top_confidence": top_macro,
                   "none_rate": sum(1 for _, p in pairs if p == "none") / len(pairs)
                   if pairs else 0.0}
    rep.breakdown = {lab: {**c.scores(), "gold": c.tp + c.fn} for lab, c in per.items()}
    cal, table = calibration(conf_pairs)
    rep.metrics.update(cal)  # of the lead events' confidence against their type being right
    rep.breakdown.update(table)
    rep.counts = {"stories": len(chosen), "of": len(stories), "failures": len(failed)}
    rep.notes = ["predicted type = the lead event's type (the headline's event, which the "
                 "stage keeps as its body copy when the body repeats it; else the earliest "
                 "event of the lead; macro_f1_top_confidence: the highest-confidence event "
                 "instead); brier/ece: the lead event's confidence against its type; no event "
                 "= 'none' (always wrong); labels are the generator's intended events "
                 "(pseudo-gold)"]
    if failed:
        rep.notes.append(f"{len(failed)} stor(ies) failed (counted as 'none'), e.g. {failed[0]}")
    rep.elapsed_s = time.perf_counter() - t0
    return rep


# ---------------------------------------------------------------- plover-gsr


@dataclass(frozen=True, slots=True)
class GsrRecord:
    id: str
    text: str
    event: str
    mode: str | None
    sources: tuple[str, ...]
    targets: tuple[str, ...]


def read_gsr(path: Path) -> list[GsrRecord]:
    """PLOVER gold-standard records: a JSON array of ``{text, event, mode, source, target}``
    with actor lists of ``{actorText, code, sector}``; the DOCUMENT header (no text) is skipped."""
    if not path.is_file():
        raise EvalDataError(f"{path}: PLOVER GSR records not found")
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise EvalDataError(f"{path}: expected a JSON array of records")
    out = []
    for i, r in enumerate(data):
        if not isinstance(r, dict) or not r.get("text") or not r.get("event"):
            continue
        ev = str(r["event"]).strip().upper()
        out.append(GsrRecord(
            id=str(r.get("id", i)), text=str(r["text"]),
            event=PLOVER_RENAMES.get(ev, ev), mode=r.get("mode") or None,
            sources=tuple(str(a.get("code", "")) for a in r.get("source") or []
                          if isinstance(a, dict) and a.get("code")),
            targets=tuple(str(a.get("code", "")) for a in r.get("target") or []
                          if isinstance(a, dict) and a.get("code")),
        ))
    return out


GSR_FILE = "PLOVER_GSR_CAMEO.json"


def run_plover_gsr(suite: str, folder: Path, limit: int | None = None) -> Report:
    t0 = time.perf_counter()
    path = folder / GSR_FILE
    if not path.is_file():
        rep = Report(suite=suite, skipped=f"{path} is absent (the GSR records are held out; "
                     f"{folder} holds only the CAMEO→PLOVER table)")
        return rep
    records = read_gsr(path)
    records = subset(records, limit)
    runner = StageRunner(text_stages())
    typed = src_ok = src_n = tgt_ok = tgt_n = 0
    for r in records:
        out = runner.on_text(r.text, f"{suite}:{r.id}", published=date(2000, 1, 1))
        same = [e for e in out.events if e.type == r.event]
        typed += bool(same)
        best = same[0] if same else top_event(out.events)
        if r.sources:
            src_n += 1
            ours = roots(out, best.source) if best else set()
            src_ok += any(petr.code_root(c) in ours for c in r.sources)
        if r.targets:
            tgt_n += 1
            ours = roots(out, best.target) if best else set()
            tgt_ok += any(petr.code_root(c) in ours for c in r.targets)
    rep = Report(suite=suite)
    rep.metrics = {"type_recall": typed / len(records) if records else 0.0,
                   "source_accuracy": src_ok / src_n if src_n else 0.0,
                   "target_accuracy": tgt_ok / tgt_n if tgt_n else 0.0}
    rep.counts = {"records": len(records), "with_source": src_n, "with_target": tgt_n}
    rep.notes = ["type recall: some event of the gold type; source/target: the gold code's "
                 "root among the roots of that event (or our top event)", *runner.notes()]
    rep.elapsed_s = time.perf_counter() - t0
    return rep
