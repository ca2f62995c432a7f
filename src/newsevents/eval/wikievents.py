"""WikiEvents (KAIROS) suite: event-type recall of our coder on real news, dev and test.

Gold event mentions are KAIROS-typed triggers; their types map to PLOVER through our own table
(``data/kairos_plover.toml``), and a mapped mention is found when one of our events of that
PLOVER type has an evidence sentence holding the trigger's characters.

The files' ``text`` is the sentences glued together with nothing between them ("in SyriaThe
desert"), while the token offsets count the original gaps (1, 2 or 4 characters). The suite
runs on the text laid out as the offsets say, each gap a space (1 character) or newlines (a
paragraph break), and reports the glued ``text`` as given beside it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from newsevents.errors import EvalDataError
from newsevents.eval._run import StageRunner, text_stages
from newsevents.eval.metrics import Report, subset
from newsevents.lexicon import load_toml
from newsevents.records import Document, Event

SPLITS = ("dev", "test")
# Source-country agreement is reported from this many scorable mentions on (WikiEvents agents
# are mostly persons and organisations: 8 of its 375 mapped mentions have a GPE agent).
MIN_COUNTRY_SCORED = 20


@dataclass(frozen=True, slots=True)
class TypeMap:
    """KAIROS type (or prefix) → PLOVER type, and the prefixes left unscored."""

    mapped: dict[str, str]
    unmapped: dict[str, str]

    def plover(self, kairos: str) -> str | None:
        """The PLOVER type of a KAIROS type by its longest listed prefix (whole dotted parts),
        None when it is unmapped or not listed."""
        best: tuple[int, str | None] = (-1, None)
        for table, is_mapped in ((self.mapped, True), (self.unmapped, False)):
            for key in table:
                if (kairos == key or kairos.startswith(key + ".")) and len(key) > best[0]:
                    best = (len(key), table[key] if is_mapped else None)
        return best[1]


def type_map(name: str = "kairos_plover.toml") -> TypeMap:
    data = load_toml(name)
    return TypeMap(mapped={k: v["plover"] for k, v in data["mapped"].items()},
                   unmapped=dict(data["unmapped"]))


@dataclass(frozen=True, slots=True)
class GoldEvent:
    id: str
    kairos: str
    plover: str | None
    start: int  # trigger characters in the laid-out text
    end: int
    given_start: int  # and in the glued text as given
    given_end: int
    agents: tuple[str, ...] = ()  # texts of GPE entities in the first (agent) role


@dataclass(frozen=True, slots=True)
class WikiDoc:
    id: str
    split: str
    text: str  # laid out by the token offsets
    given: str  # the file's glued text
    events: tuple[GoldEvent, ...]
    bad_offsets: int  # tokens whose characters do not match their text in either layout


def lay_out(sentences: Sequence[Any]) -> tuple[str, str, list[tuple[int, int]], list[int]]:
    """The text laid out by the tokens' offsets, the sentences glued (the files' ``text``),
    each token's start in the glued text, and per token 1 when its characters disagree.

    ``sentences`` is the files' ``[[[token, start, end], ...], sentence_text]`` list; a gap of
    one character becomes a space, a longer one newlines (the paragraph breaks it stood for).
    """
    parts: list[str] = []
    glued: list[str] = []
    pos = gpos = 0
    given_spans: list[tuple[int, int]] = []
    bad: list[int] = []
    for toks, sent in sentences:
        if not toks:
            continue
        first = toks[0][1]
        gap = first - pos
        if gap > 0:
            parts.append(" " if gap == 1 else "\n" * gap)
            pos = first
        # A sentence's text may end in a space the tokens leave out (a trailing NBSP).
        own = sent[: toks[-1][2] - first] if len(sent) > toks[-1][2] - first else sent
        parts.append(own)
        pos += len(own)
        for _w, a, b in toks:
            given_spans.append((gpos + a - first, gpos + b - first))
        glued.append(sent)
        gpos += len(sent)
    text, given = "".join(parts), "".join(glued)
    i = 0
    for toks, _sent in sentences:
        for w, a, b in toks:
            ga, gb = given_spans[i]
            bad.append(int(text[a:b] != w or given[ga:gb] != w))
            i += 1
    return text, given, given_spans, bad


def _agent_role(roles: dict[str, Any], kairos: str) -> str | None:
    spec = roles.get(kairos)
    if isinstance(spec, dict) and spec.get("roles"):
        return str(spec["roles"][0])
    return None


def read_wikievents(path: Path, split: str, tmap: TypeMap,
                    roles: dict[str, Any] | None = None) -> list[WikiDoc]:
    """The documents of one split file, gold triggers as character spans in both layouts."""
    if not path.is_file():
        raise EvalDataError(f"{path}: WikiEvents split not found")
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        d = json.loads(line)
        text, given, gspans, bad = lay_out(d["sentences"])
        toks = [t for s in d["sentences"] for t in s[0]]
        ents = {e["id"]: e for e in d.get("entity_mentions", [])}
        events = []
        for m in d.get("event_mentions", []):
            tr = m["trigger"]
            a, b = tr["start"], tr["end"]  # document-level token indices, end exclusive
            if not 0 <= a < b <= len(toks):
                continue
            agent = _agent_role(roles or {}, m["event_type"])
            agents = tuple(ents[x["entity_id"]]["text"] for x in m.get("arguments", [])
                           if agent and x.get("role") == agent and x["entity_id"] in ents
                           and ents[x["entity_id"]].get("entity_type") == "GPE")
            events.append(GoldEvent(
                id=m["id"], kairos=m["event_type"], plover=tmap.plover(m["event_type"]),
                start=toks[a][1], end=toks[b - 1][2],
                given_start=gspans[a][0], given_end=gspans[b - 1][1], agents=agents))
        docs.append(WikiDoc(id=d["doc_id"], split=split, text=text, given=given,
                            events=tuple(events), bad_offsets=sum(bad)))
    return docs


def _holds(e: Event, start: int, end: int) -> bool:
    return e.evidence.start <= start and end <= e.evidence.end


@dataclass(slots=True)
class Tally:
    """Counts for one split: mapped gold mentions found by type / by any event, per PLOVER
    type, and our events in annotated sentences with the right type (the precision proxy)."""

    gold: int = 0
    typed: int = 0
    detected: int = 0
    unmapped: int = 0
    ours_in_annotated: int = 0
    ours_right: int = 0
    ours_total: int = 0
    by_type: dict[str, list[int]] = field(default_factory=dict)
    by_kairos: dict[str, list[int]] = field(default_factory=dict)
    country_n: int = 0
    country_ok: int = 0
    # Story level: each document's set of mapped gold PLOVER types, and our event types there
    # among the types the mapping can judge.
    doc_gold: int = 0
    doc_found: int = 0
    doc_ours: int = 0
    doc_ours_right: int = 0

    def add(self, other: Tally) -> None:
        for f in fields(self):
            if f.type == "int":  # every count; the tables are merged below
                setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        for mine, theirs in ((self.by_type, other.by_type), (self.by_kairos, other.by_kairos)):
            for k, (n, h) in theirs.items():
                row = mine.setdefault(k, [0, 0])
                row[0] += n
                row[1] += h

    def recall(self) -> float:
        return self.typed / self.gold if self.gold else 0.0

    def detect(self) -> float:
        return self.detected / self.gold if self.gold else 0.0

    def precision(self) -> float:
        return self.ours_right / self.ours_in_annotated if self.ours_in_annotated else 0.0

    def doc_recall(self) -> float:
        return self.doc_found / self.doc_gold if self.doc_gold else 0.0

    def doc_precision(self) -> float:
        return self.doc_ours_right / self.doc_ours if self.doc_ours else 0.0


def score_events(gold: Iterable[tuple[str, str | None, int, int]],
                 events: Sequence[Event]) -> Tally:
    """Score our events against gold mentions ``(kairos, plover, start, end)`` of one text."""
    t = Tally(ours_total=len(events))
    golds = list(gold)
    for kairos, plover, a, b in golds:
        if plover is None:
            t.unmapped += 1
            continue
        holding = [e for e in events if _holds(e, a, b)]
        hit = any(e.type == plover for e in holding)
        t.gold += 1
        t.typed += hit
        t.detected += bool(holding)
        for table, key in ((t.by_type, plover), (t.by_kairos, kairos)):
            row = table.setdefault(key, [0, 0])
            row[0] += 1
            row[1] += hit
    for e in events:
        inside = [p for _k, p, a, b in golds if _holds(e, a, b)]
        if inside:
            t.ours_in_annotated += 1
            t.ours_right += e.type in inside
    return t


def score_story(gold: Iterable[str | None], events: Sequence[Event], judged: set[str],
                t: Tally) -> None:
    """Story level, as a record of one article is scored: each mapped PLOVER type of the
    document's gold mentions is found when we code that type anywhere in it; each of our types
    the mapping can judge (``judged``) is right when the document's gold has it."""
    want = {p for p in gold if p is not None}
    ours = {e.type for e in events} & judged
    t.doc_gold += len(want)
    t.doc_found += len(want & {e.type for e in events})
    t.doc_ours += len(ours)
    t.doc_ours_right += len(ours & want)


def _country_agreement(doc: Document, gold: Sequence[GoldEvent], t: Tally) -> None:
    """Source country: for a found gold mention whose agent is a GPE naming a country, whether
    one of our same-type events holding it has a source actor of that country."""
    from newsevents.gazetteer import gazetteer

    gz = gazetteer()
    for g in gold:
        if g.plover is None:
            continue
        want = {c.id for name in g.agents if (c := gz.country_named(name)) is not None}
        if not want:
            continue
        ours = [e for e in doc.events if e.type == g.plover and _holds(e, g.start, g.end)]
        if not ours:
            continue
        t.country_n += 1
        got = {a.country for e in ours for i in e.source if (a := doc.actor(i)) is not None}
        got |= {i for e in ours for i in e.source if len(i) == 3 and i.isupper()}
        t.country_ok += bool(want & got)


def run_wikievents(suite: str, folder: Path, limit: int | None = None) -> Report:
    t0 = time.perf_counter()
    tmap = type_map()
    judged = set(tmap.mapped.values())
    roles_path = folder / "event_role_KAIROS.json"
    roles = json.loads(roles_path.read_text(encoding="utf-8")) if roles_path.is_file() else {}
    docs = [d for split in SPLITS
            for d in read_wikievents(folder / f"{split}.jsonl", split, tmap, roles)]
    chosen = subset(docs, limit)
    runner = StageRunner(text_stages())
    tallies = {s: Tally() for s in SPLITS}
    glued = {s: Tally() for s in SPLITS}
    for d in chosen:
        out = runner.on_text(d.text, f"{suite}:{d.id}")
        t = score_events([(g.kairos, g.plover, g.start, g.end) for g in d.events], out.events)
        _country_agreement(out, d.events, t)
        score_story((g.plover for g in d.events), out.events, judged, t)
        tallies[d.split].add(t)
        out_g = runner.on_text(d.given, f"{suite}:{d.id}:given")
        glued[d.split].add(score_events(
            [(g.kairos, g.plover, g.given_start, g.given_end) for g in d.events], out_g.events))
    pooled, pooled_g = Tally(), Tally()
    for s in SPLITS:
        pooled.add(tallies[s])
        pooled_g.add(glued[s])
    rep = Report(suite=suite)
    rep.metrics = {"type_recall": pooled.recall(), "detect_recall": pooled.detect(),
                   "precision_proxy": pooled.precision()}
    for s in SPLITS:
        t = tallies[s]
        if t.gold:
            rep.metrics.update({f"type_recall_{s}": t.recall(), f"detect_recall_{s}": t.detect(),
                                f"precision_proxy_{s}": t.precision()})
    rep.metrics["doc_type_recall"] = pooled.doc_recall()
    rep.metrics["doc_type_precision"] = pooled.doc_precision()
    for s in SPLITS:
        if tallies[s].doc_gold:
            rep.metrics[f"doc_type_recall_{s}"] = tallies[s].doc_recall()
    rep.metrics["type_recall_given_text"] = pooled_g.recall()
    rep.metrics["detect_recall_given_text"] = pooled_g.detect()
    if pooled.country_n >= MIN_COUNTRY_SCORED:
        rep.metrics["source_country_accuracy"] = pooled.country_ok / pooled.country_n
    rep.breakdown = {k: {"gold": n, "recall": h / n}
                     for k, (n, h) in sorted(pooled.by_type.items())}
    rep.breakdown.update({f"KAIROS {k}": {"gold": n, "recall": h / n}
                          for k, (n, h) in sorted(pooled.by_kairos.items())})
    rep.counts = {"documents": len(chosen), "of": len(docs),
                  **{f"gold_scored_{s}": tallies[s].gold for s in SPLITS},
                  "gold_unmapped": pooled.unmapped, "our_events": pooled.ours_total,
                  "our_events_in_annotated_sentences": pooled.ours_in_annotated,
                  "source_country_scored": pooled.country_n,
                  "doc_types_gold": pooled.doc_gold, "doc_types_ours_judged": pooled.doc_ours,
                  "token_offset_mismatches": sum(d.bad_offsets for d in chosen)}
    model = any(s.name == "model_ner"
                for s in runner.stages)
    rep.notes = [
        "type_recall: a gold trigger with a mapped KAIROS type (data/kairos_plover.toml) is "
        "found when one of our events of that PLOVER type has an evidence sentence holding "
        "its characters; detect_recall: any event there; precision_proxy: our events whose "
        "evidence holds some gold trigger, right when one of them has the event's type",
        "doc_type_recall (story level, as held-out records of whole articles are scored): "
        "each document's distinct mapped gold PLOVER types, found when we code that type "
        "anywhere in the document; doc_type_precision: our distinct types per document among "
        "the mapped ones, right when the document's gold has that type (a proxy: WikiEvents "
        "annotates the events of its scenario, not every event an article reports)",
        "run on the article text alone (no title, no date), laid out by the token offsets; "
        "stages after metadata, as the other suites. *_given_text: the files' glued text, "
        "whose run-together sentences ('insurgentsRussia's') the splitter cannot separate: "
        "its evidence sentences are 3-6 times longer and hold more triggers, so its recall "
        "is looser, not better",
        "source_country_accuracy (from 20 scorable mentions on; source_country_scored "
        "counts them): found mentions whose agent-role argument is a GPE naming a country; "
        "right when one of our events there has a source of that country",
        f"model stage: {'on' if model else 'off'} (NEWSEVENTS_MODEL=1 turns it on)",
        *runner.notes(),
    ]
    rep.elapsed_s = time.perf_counter() - t0
    return rep
