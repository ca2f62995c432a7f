"""Hand-made processed Documents for store, runner and CLI tests (no pipeline stage needed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from newsevents.records import (
    Actor,
    Article,
    Document,
    Event,
    Evidence,
    Mention,
    Place,
    RawDocument,
    stable_id,
)

ACTORS = {
    "IRN": Actor("IRN", "Iran", "country", "IRN"),
    "RUS": Actor("RUS", "Russia", "country", "RUS"),
    "CHN": Actor("CHN", "China", "country", "CHN"),
    "ISR:MIL": Actor("ISR:MIL", "Israeli military", "group", "ISR", "MIL"),
    "armed_group:hezbollah": Actor("armed_group:hezbollah", "Hezbollah", "armed_group", "LBN",
                                   "REB"),
    "person:masoud-pezeshkian": Actor("person:masoud-pezeshkian", "Masoud Pezeshkian", "person",
                                      "IRN", "GOV", ("President",)),
    "igo:BRICS": Actor("igo:BRICS", "BRICS", "igo"),
}

KAZAN = Place("pl:kazan", "Kazan", "RUS", 55.79, 49.12, 551487, "city")


@dataclass(frozen=True)
class Ev:
    """A compact spec of one event for :func:`make_doc`."""

    type: str
    quad: int
    goldstein: float
    source: tuple[str, ...]
    target: tuple[str, ...]
    modality: str = "asserted"
    day: date | None = None


def make_doc(
    key: str,
    events: list[Ev],
    published: date | None = date(2024, 10, 23),
    roles: dict[str, tuple[str, ...]] | None = None,
    raw: RawDocument | None = None,
) -> Document:
    """A processed Document whose text mentions each actor once per event."""
    if raw is None:
        raw = RawDocument(source=f"{key}.txt", text=f"Article {key}.", title=f"Title {key}",
                          published=published.isoformat() if published else None)
    parts: list[str] = []
    mentions: dict[str, list[Mention]] = {}
    evs: list[Event] = []
    pos = 0
    for i, e in enumerate(events):
        sentence = f"{' and '.join(e.source)} {e.type.lower()} {' and '.join(e.target)}. "
        for actor_id in (*e.source, *e.target):
            at = sentence.index(actor_id)
            mentions.setdefault(actor_id, []).append(
                Mention(actor_id, pos + at, pos + at + len(actor_id)))
        trig = sentence.index(e.type.lower())
        evs.append(Event(
            id=stable_id("ev", key, i), type=e.type, mode=None, cameo="040", quad_class=e.quad,
            goldstein=e.goldstein, source=e.source, target=e.target,
            modality=e.modality,  # type: ignore[arg-type]
            evidence=Evidence(sentence.strip(), pos, pos + len(sentence) - 1),
            trigger=Mention(e.type.lower(), pos + trig, pos + trig + len(e.type)),
            confidence=0.9, date=e.day, date_precision="day" if e.day else None,
            date_basis="sentence" if e.day else "none",
            place=KAZAN.id if i == 0 else None,
        ))
        parts.append(sentence)
        pos += len(sentence)
    text = "".join(parts)
    roles = roles or {}
    actors = tuple(
        Actor(a.id, a.name, a.kind, a.country, a.sector, roles.get(a.id, a.roles),
              tuple(mentions[a.id]))
        for a in ACTORS.values() if a.id in mentions
    )
    kazan = Place(KAZAN.id, KAZAN.name, KAZAN.country, KAZAN.lat, KAZAN.lon, KAZAN.geonameid,
                  KAZAN.feature, (Mention("Kazan", 0, 5),))
    article = Article(id=stable_id("art", raw.content_hash), source=raw.source, text=text,
                      title=raw.title, published=published,
                      published_basis="given" if published else "none", language="en")
    return Document(raw=raw, article=article, actors=actors, places=(kazan,),
                    events=tuple(evs))


class SpecStage:
    """A one-stage stand-in for the pipeline: the input text lists the events, one per line,
    as ``SOURCE TYPE TARGET QUAD GOLDSTEIN [YYYY-MM-DD] [MODALITY]`` (``+`` joins actors).
    A text starting with ``FAIL`` makes the stage raise; ``calls`` counts processed inputs."""

    name = "spec"

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, doc: Document) -> Document:
        text = doc.raw.text or ""
        self.calls.append(doc.raw.source)
        if text.startswith("FAIL"):
            raise RuntimeError("injected stage failure")
        evs = []
        for line in text.splitlines():
            f = line.split()
            if not f:
                continue
            evs.append(Ev(f[1], int(f[3]), float(f[4]), tuple(f[0].split("+")),
                          tuple(f[2].split("+")),
                          f[6] if len(f) > 6 else "asserted",
                          date.fromisoformat(f[5]) if len(f) > 5 and f[5] != "-" else None))
        return make_doc(doc.raw.source, evs, raw=doc.raw)
