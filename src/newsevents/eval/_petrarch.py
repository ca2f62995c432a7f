"""Readers for PETRARCH2 validation records (dictionaries: :mod:`newsevents.actor_dicts`).

Only what the petrarch suite needs: sentences with expected (source, target, event) codings,
dictionary entries as phrases with codes (date-restricted codes resolved for a given date), and
the code system each gold code is written in (WEIS or CAMEO, see :func:`read_code`): the
validation verb dictionary is KEDS-derived, "hence most of the codes are WEIS, not CAMEO".
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
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
    "NULL_CODES", "Coding", "DatedCode", "DictEntry", "PetrRecords", "PetrSentence", "Reading",
    "WeisCode", "code_root", "dictionary_entries", "read_code", "read_dictionary", "read_records",
    "split_code", "weis_table",
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
    # PETRARCH's ``new_actor_length`` option in force for the record (the last ``<Config>``
    # before it; None when none): quoted new actors longer than this many words are not coded.
    new_actor_length: int | None = None


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
    new_actor_length: int | None = None
    for parent in root.iter():
        current: PetrSentence | None = None
        for el in parent:
            if el.tag == "Config" and el.get("option") == "new_actor_length":
                value = (el.get("value") or "").strip()
                new_actor_length = int(value) if value.isdigit() else None
            elif el.tag == "Sentence":
                current = PetrSentence(
                    id=el.get("id", f"s{len(sentences)}"), date=_ymd(el.get("date", "")),
                    category=el.get("category", ""), text="",
                    new_actor_length=new_actor_length)
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


def quoted_words(side: str) -> int:
    """Words of a quoted new-actor side ('"THE MINISTRY OF MAGIC"' -> 4); 0 for a code."""
    side = side.strip()
    return len(side[1:-1].split()) if len(side) >= 2 and side[0] == side[-1] == '"' else 0


def beyond_new_actor_length(s: PetrSentence, c: Coding) -> bool:
    """Whether coding ``c`` of ``s`` names a quoted new actor longer than the record's
    ``new_actor_length``: PETRARCH cannot code it under that option."""
    n = s.new_actor_length
    return n is not None and max(quoted_words(c.source), quoted_words(c.target)) > n


def option_decided(sentences: list[PetrSentence]) -> set[str]:
    """Ids of no-event records that PETRARCH's ``new_actor_length`` option decides: the same
    text is coded in another record, and every coding of it names a quoted new actor longer
    than the length in force for the no-event record. The expectation is about the option,
    not about English, so the suite leaves them unscored (symmetric with codings that are
    themselves beyond the length in force, see ``beyond_new_actor_length``)."""
    coded: dict[str, list[Coding]] = {}
    for s in sentences:
        if s.codings:
            coded.setdefault(s.text, []).extend(s.codings)
    out: set[str] = set()
    for s in sentences:
        n = s.new_actor_length
        if not s.noevents or s.codings or n is None or s.text not in coded:
            continue
        if all(max(quoted_words(c.source), quoted_words(c.target)) > n for c in coded[s.text]):
            out.add(s.id)
    return out


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
                source=(el.get("sourcecode") or "").strip(),  # a quoted phrase keeps its quotes
                target=(el.get("targetcode") or "").strip(),
                event=el.get("eventcode") or "",
            ))


# ---------------------------------------------------------------- verb code systems
#
# The validation verb dictionary "started out as part of a KEDS dictionary -- hence most of the
# codes are WEIS, not CAMEO" (its own header). A gold coding made by such a verb carries a WEIS
# code read as CAMEO (WEIS 041 "praise" for "welcomed", CAMEO 041 "discuss by telephone"), so
# its PLOVER type says nothing about the sentence. The suite finds, for each gold coding, the
# validation verb that produced its code and asks whether the CAMEO verb dictionary gives the
# same verb a code of the same PLOVER type.

_VERB_HEADER = re.compile(r"^---\s+(\S+)\s+((?:\[[^\]]*\]\s*)+)---")
_CODES = re.compile(r"\[([^\]]*)\]")
_FORMS = re.compile(r"\{([^}]*)\}")


@dataclass(slots=True)
class VerbBlock:
    """One verb block: its word forms (upper case, '_' joins words) and every code it gives."""

    forms: set[str] = field(default_factory=set)
    default: set[str] = field(default_factory=set)
    patterns: set[str] = field(default_factory=set)


def _codes(text: str) -> set[str]:
    out: set[str] = set()
    for group in _CODES.findall(text):
        for c in group.split(":"):
            c = c.strip()
            if c and c not in NULL_CODES and c[:1].isdigit():
                out.add(c)
    return out


def _inflect(lemma: str) -> set[str]:
    """Regular English forms of a verb lemma (PETRARCH generates these the same way)."""
    w = lemma
    out = {w, w + "S", w + "ES", w + "ED", w + "D", w + "ING"}
    if w.endswith("E"):
        out.add(w[:-1] + "ING")
    if w.endswith("Y"):
        out |= {w[:-1] + "IES", w[:-1] + "IED"}
    if len(w) > 2 and w[-1] not in "AEIOUWXY" and w[-2] in "AEIOU":
        out |= {w + w[-1] + "ED", w + w[-1] + "ING"}
    return out


def read_verb_blocks(path: Path) -> dict[str, VerbBlock]:
    """Verb blocks of a PETRARCH verb dictionary, by lemma (each listed verb of a block)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    blocks: dict[str, VerbBlock] = {}
    current: VerbBlock | None = None
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].rstrip()
        head = _VERB_HEADER.match(line)
        if head:
            current = VerbBlock(default=_codes(head.group(2)))
            continue
        if current is None or not line.strip():
            continue
        if line.startswith("-"):
            current.patterns |= _codes(line)
            continue
        if line.startswith(("&", "+")) and not _FORMS.search(line):
            continue
        lemma = _CODES.sub("", _FORMS.sub("", line)).strip().replace("+", "")
        if not lemma:
            continue
        own = _codes(line)
        forms = {lemma.replace(" ", "_")} | _inflect(lemma.replace(" ", "_"))
        for extra in _FORMS.findall(line):
            forms |= {f.replace("+", "") for f in extra.split()}
        block = VerbBlock(forms=forms, default=own or current.default, patterns=current.patterns)
        blocks.setdefault(lemma, block)
    return blocks


def forms_index(blocks: dict[str, VerbBlock]) -> dict[str, list[VerbBlock]]:
    """Verb blocks by each of their word forms."""
    out: dict[str, list[VerbBlock]] = {}
    for block in blocks.values():
        for f in block.forms:
            out.setdefault(f, []).append(block)
    return out


def verb_consistency(
    sentence: PetrSentence, code: str, validation: dict[str, VerbBlock],
    cameo: dict[str, list[VerbBlock]], plover: Callable[[str], str | None],
) -> str:
    """"cameo" when a validation verb in the sentence that gives ``code`` has, in the CAMEO
    dictionary (``cameo``: blocks by word form), a code of the same PLOVER type; "other-codes"
    when it has none there; "unresolved" when no verb of the sentence gives ``code`` or the
    CAMEO dictionary lacks it."""
    words = re.findall(r"[A-Z][A-Z'-]*", sentence.text.upper())
    joined = {"_".join(words[i : i + n]) for n in (1, 2, 3) for i in range(len(words))}
    want = plover(code)
    if want is None:  # a code without a PLOVER type agrees with nothing
        return "unresolved"
    found = False
    for block in validation.values():
        if code not in block.default | block.patterns:
            continue
        seen = block.forms & joined
        if not seen:
            continue
        for form in seen:
            for theirs in cameo.get(form, ()):
                found = True
                # The CAMEO verb's own code decides; its patterns only when it has none.
                codes = theirs.default or theirs.patterns
                if want in {plover(c) for c in codes}:
                    return "cameo"
    return "other-codes" if found else "unresolved"


# ---------------------------------------------------------------- WEIS-aware reading
#
# Which code system a gold coding is written in, decided per coding by one rule:
#   1. a code that is not in the WEIS codebook (4 digits, a letter as in 174K, or 3 digits WEIS
#      lacks: 030, 043-046, 050, 070, 080, 083, 085, 100, 103, 115, 123, 161, 162, 224...) is CAMEO;
#   2. a WEIS code is CAMEO when a validation verb of the sentence that gives it has, in the CAMEO
#      verb dictionary, a code of the same (non-empty) PLOVER type as the code read as CAMEO: the
#      entry was re-coded to CAMEO (fire shells 194, contribute 070/071, break down a treaty 161);
#   3. every other code is WEIS, as the validation dictionary's header says of most of its codes.
# A WEIS code reads as the PLOVER type of data/weis.csv (02x comments have none and are unscored,
# like CAMEO 01); WEIS 033 "receive visit" is the host's side of a visit, coded host -> visitor,
# which PLOVER codes once, visitor -> host: such a coding is matched with the sides swapped.


@dataclass(frozen=True, slots=True)
class WeisCode:
    code: str
    name: str
    type: str | None
    mode: str | None
    reversed: bool


@cache
def weis_table() -> dict[str, WeisCode]:
    """The WEIS codebook of ``data/weis.csv``, by code (loaded once: load_csv caches)."""
    from newsevents.lexicon import load_csv

    return {r["code"].strip(): WeisCode(
        code=r["code"].strip(), name=r["name"].strip(), type=r["plover_type"].strip() or None,
        mode=r["plover_mode"].strip() or None, reversed=r["code"].strip() in _WEIS_HOST_SIDE)
        for r in load_csv("weis.csv")}


# Codes that stand for the other side of an event PLOVER codes once ("receive visit").
_WEIS_HOST_SIDE = frozenset({"033"})


@dataclass(frozen=True, slots=True)
class Reading:
    """A gold code read in one system: its PLOVER type (None: unscored) and whether its sides
    are the event's sides swapped."""

    system: str
    type: str | None
    reversed: bool = False


def read_code(
    sentence: PetrSentence, code: str, cameo_type: Callable[[str], str | None],
    verbs: tuple[dict[str, VerbBlock], dict[str, list[VerbBlock]]] | None,
) -> Reading:
    """The code read in the system it was written in (rule above); ``verbs``: the validation
    verb blocks and the CAMEO dictionary's blocks by word form (None: rule 2 is skipped)."""
    weis = weis_table().get(code.strip())
    if weis is None:
        return Reading("cameo", cameo_type(code))
    if verbs is not None and verb_consistency(
            sentence, code, verbs[0], verbs[1], cameo_type) == "cameo":
        return Reading("cameo", cameo_type(code))
    return Reading("weis", weis.type, weis.reversed)
