"""Readers for PETRARCH2 validation records (dictionaries: :mod:`newsevents.actor_dicts`).

Only what the petrarch suite needs: sentences with expected (source, target, event) codings, and
dictionary entries as phrases with codes (date-restricted codes resolved for a given date).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from newsevents.actor_dicts import (
    NULL_CODES,
    DatedCode,
    DictEntry,
    code_root,
    dictionary_entries,
    read_dictionary,
    split_code,
    ymd,
)
from newsevents.errors import EvalDataError

# The dictionary readers live in newsevents.actor_dicts (shared with `newsevents actors import`);
# they are re-exported here for the evaluation code that imports them from this module.
__all__ = [
    "NULL_CODES", "Coding", "DatedCode", "DictEntry", "PetrRecords", "PetrSentence", "code_root",
    "dictionary_entries", "read_dictionary", "read_records", "split_code",
]


@dataclass(frozen=True, slots=True)
class Coding:
    source: str
    target: str
    event: str


@dataclass(slots=True)
class PetrSentence:
    id: str
    date: date | None
    category: str
    text: str
    codings: list[Coding] = field(default_factory=list)
    noevents: bool = False
    error: str | None = None


@dataclass(slots=True)
class PetrRecords:
    sentences: list[PetrSentence]
    actor_file: str | None
    agent_file: str | None


def _ymd(s: str) -> date | None:
    return ymd(s)


def read_records(path: Path) -> PetrRecords:
    """``<Sentence>`` records (self-closing ones too: their children follow as siblings)."""
    if not path.is_file():
        raise EvalDataError(f"{path}: PETRARCH records not found (pass --data)")
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise EvalDataError(f"{path}: not well-formed XML: {exc}") from exc
    sentences: list[PetrSentence] = []
    for parent in root.iter():
        current: PetrSentence | None = None
        for el in parent:
            if el.tag == "Sentence":
                current = PetrSentence(
                    id=el.get("id", f"s{len(sentences)}"), date=_ymd(el.get("date", "")),
                    category=el.get("category", ""), text="")
                sentences.append(current)
                children = list(el)
                if not children:
                    continue  # self-closing: codings follow as siblings
                for child in children:
                    _absorb(current, child)
                current = None
            elif current is not None and el.tag in ("EventCoding", "Text"):
                _absorb(current, el)
    env = root.find("Environment")
    return PetrRecords(
        sentences=sentences,
        actor_file=(env.findtext("Actorfile") or "").strip() or None if env is not None else None,
        agent_file=(env.findtext("Agentfile") or "").strip() or None if env is not None else None,
    )


def _absorb(s: PetrSentence, el: ET.Element) -> None:
    if el.tag == "Text":
        s.text = " ".join((el.text or "").split())
    elif el.tag == "EventCoding":
        if el.get("noevents"):
            s.noevents = True
        elif el.get("error"):
            s.error = el.get("error")
        elif el.get("eventcode"):
            s.codings.append(Coding(
                source=(el.get("sourcecode") or "").strip('"'),
                target=(el.get("targetcode") or "").strip('"'),
                event=el.get("eventcode") or "",
            ))
