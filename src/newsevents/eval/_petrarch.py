"""Readers for PETRARCH2 validation records and its TABARI-style actor and agent dictionaries.

Only what the petrarch suite needs: sentences with expected (source, target, event) codings, and
dictionary entries as phrases with codes (date-restricted codes resolved for a given date).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from newsevents.errors import EvalDataError

# Codes that mean "recognised but not coded" in TABARI/PETRARCH dictionaries.
NULL_CODES = frozenset({"---", "+++", "###"})


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
    s = s.strip()
    try:
        if len(s) == 8:
            return date(int(s[:4]), int(s[4:6]), int(s[6:]))
        if len(s) == 6:  # TABARI's YYMMDD
            yy = int(s[:2])
            return date(1900 + yy if yy > 30 else 2000 + yy, int(s[2:4]), int(s[4:]))
    except ValueError:
        return None
    return None


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


@dataclass(frozen=True, slots=True)
class DatedCode:
    code: str
    after: date | None = None  # valid on or after
    before: date | None = None  # valid before


@dataclass(slots=True)
class DictEntry:
    """One dictionary entry: its phrases (primary and synonyms) and codes."""

    phrases: list[str]
    codes: list[DatedCode] = field(default_factory=list)

    def code_on(self, day: date | None) -> str | None:
        """The code in force on ``day``: the first date-restricted code whose range holds it,
        else the unrestricted code; ``None`` for null codes ("---")."""
        chosen = None
        if day is not None:
            for c in self.codes:
                if (c.after or c.before) and (c.after is None or day >= c.after) and (
                        c.before is None or day < c.before):
                    chosen = c.code
                    break
        if chosen is None:
            plain = [c.code for c in self.codes if not (c.after or c.before)]
            chosen = plain[0] if plain else (self.codes[-1].code if self.codes else None)
        if chosen is None or chosen in NULL_CODES:
            return None
        return chosen


_COMMENT_BLOCK = re.compile(r"<!?\s*-+.*?-->", re.S)
_BRACKET = re.compile(r"\[([^\]]*)\]")


def _phrase(raw: str) -> str:
    # TABARI: '_' joins words; a trailing '_' forbids stemming; '{...}' holds plurals.
    raw = re.sub(r"\{[^}]*\}", "", raw)
    return " ".join(raw.replace("_", " ").split())


def _parse_code(body: str) -> DatedCode | None:
    body = body.strip()
    if not body:
        return None
    m = re.fullmatch(r"(\S+)\s*<\s*(\d{6,8})", body)
    if m:
        return DatedCode(m.group(1), before=_ymd(m.group(2)))
    m = re.fullmatch(r"(\S+)\s*>\s*(\d{6,8})", body)
    if m:
        return DatedCode(m.group(1), after=_ymd(m.group(2)))
    m = re.fullmatch(r"(\S+)\s+(\d{6,8})\s*-\s*(\d{6,8})", body)
    if m:
        end = _ymd(m.group(3))
        before = date.fromordinal(end.toordinal() + 1) if end else None
        return DatedCode(m.group(1), after=_ymd(m.group(2)), before=before)
    code = body.split()[0]
    return DatedCode(code.upper() if code.islower() else code)


def read_dictionary(path: Path) -> list[DictEntry]:
    """Entries of a TABARI/PETRARCH actor or agent dictionary.

    A line starting with '+' adds a synonym to the entry above; an indented ``[CODE ...]``
    line adds a (possibly date-restricted) code to it; ``!MACRO! = A, B`` lines are skipped.
    """
    if not path.is_file():
        raise EvalDataError(f"{path}: dictionary not found")
    text = _COMMENT_BLOCK.sub("", path.read_text(encoding="utf-8", errors="replace"))
    entries: list[DictEntry] = []
    for raw_line in text.splitlines():
        line = raw_line.split("#", 1)[0].rstrip()
        if not line.strip() or re.match(r"\s*!\w+!\s*=", line):
            continue
        codes = [c for c in (_parse_code(b) for b in _BRACKET.findall(line)) if c]
        head = _BRACKET.sub("", line).strip()
        if line[0].isspace() and not head:
            if entries:
                entries[-1].codes.extend(codes)
            continue
        if head.startswith("+"):
            if entries:
                entries[-1].phrases.append(_phrase(head[1:]))
                entries[-1].codes.extend(codes)
            continue
        if "!" in head:
            continue  # macro substitutions (!PERSON!) are a TABARI pattern feature
        entries.append(DictEntry(phrases=[_phrase(head)], codes=codes))
    return [e for e in entries if e.phrases and e.phrases[0]]


def code_root(code: str) -> str:
    """The 3-letter root of a CAMEO actor code ("ARNGOV" → "ARN", "IGOEEU" → "IGO")."""
    return code.strip().strip('"').upper()[:3]


def split_code(code: str) -> tuple[str, str | None]:
    """(root, first 3-letter role after the root) of an actor code: "ISRMIL" → ("ISR", "MIL")."""
    c = code.upper()
    return c[:3], (c[3:6] if len(c) >= 6 else None)
