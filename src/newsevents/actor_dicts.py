"""TABARI/PETRARCH actor and agent dictionaries: reading them, and turning their entries into
the actors stage's :class:`~newsevents.stages._actor_lexicon.ActorEntry` records.

Shared by the ``petrarch`` evaluation and ``newsevents actors import``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from newsevents.errors import InputError
from newsevents.records import ActorKind
from newsevents.stages._actor_lexicon import SECTOR_NAMES, ActorEntry, Tenure, slug

__all__ = [
    "NULL_CODES", "DatedCode", "DictEntry", "code_root", "dictionary_entries", "read_dictionary",
    "split_code", "ymd",
]

# Codes that mean "recognised but not coded" in TABARI/PETRARCH dictionaries.
NULL_CODES = frozenset({"---", "+++", "###"})
# CAMEO roots that are not countries, and the kind of actor they become.
NON_STATE_KINDS: dict[str, ActorKind] = {
    "IGO": "igo", "NGO": "organization", "NGM": "organization", "MNC": "organization",
    "IMG": "armed_group",
}


def ymd(s: str) -> date | None:
    """YYYYMMDD or TABARI's YYMMDD (years after 30 are 19xx), None when not a date."""
    s = s.strip()
    try:
        if len(s) == 8:
            return date(int(s[:4]), int(s[4:6]), int(s[6:]))
        if len(s) == 6:
            yy = int(s[:2])
            return date(1900 + yy if yy > 30 else 2000 + yy, int(s[2:4]), int(s[4:]))
    except ValueError:
        return None
    return None


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
        return DatedCode(m.group(1), before=ymd(m.group(2)))
    m = re.fullmatch(r"(\S+)\s*>\s*(\d{6,8})", body)
    if m:
        return DatedCode(m.group(1), after=ymd(m.group(2)))
    m = re.fullmatch(r"(\S+)\s+(\d{6,8})\s*-\s*(\d{6,8})", body)
    if m:
        end = ymd(m.group(3))
        before = date.fromordinal(end.toordinal() + 1) if end else None
        return DatedCode(m.group(1), after=ymd(m.group(2)), before=before)
    code = body.split()[0]
    return DatedCode(code.upper() if code.islower() else code)


def read_dictionary(path: Path) -> list[DictEntry]:
    """Entries of a TABARI/PETRARCH actor or agent dictionary.

    A line starting with '+' adds a synonym to the entry above; an indented ``[CODE ...]``
    line adds a (possibly date-restricted) code to it; ``!MACRO! = A, B`` lines are skipped.
    """
    if not path.is_file():
        raise InputError(str(path), "dictionary not found", "check the path")
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


def _clean_code(code: str | None) -> str | None:
    if not code or code.startswith("~") or code.endswith("~"):
        return None
    return code.split("/")[0].upper()


def _entry_for_code(pats: tuple[str, ...], name: str, code: str) -> ActorEntry:
    root, role = split_code(code)
    kind = NON_STATE_KINDS.get(root)
    if kind is not None:
        eid = f"igo:{code[3:] or code}" if kind == "igo" else f"org:{code.lower()}"
        return ActorEntry(pats, eid, name, kind)
    if role:
        return ActorEntry(pats, f"{root}:{role}", name, "group", root, role)
    return ActorEntry(pats, root, name, "country", root)


def _tenures(e: DictEntry) -> tuple[Tenure, ...]:
    out = []
    for c in e.codes:
        code = _clean_code(c.code)
        if code is None or code in NULL_CODES or not (c.after or c.before):
            continue
        root, role = split_code(code)
        if root in NON_STATE_KINDS:
            continue
        sector = role if role in SECTOR_NAMES else None
        office = SECTOR_NAMES.get(role or "", "") if role else ""
        out.append(Tenure(office, sector, root, c.after, c.before))
    return tuple(sorted(out, key=lambda t: t.start or date.min))


def dictionary_entries(
    actors: list[DictEntry], agents: list[DictEntry] = (),  # type: ignore[assignment]
    day: date | None = None, *, persons: bool = False,
) -> tuple[tuple[ActorEntry, ...], dict[str, str]]:
    """Dictionary actors and agents as ``ActorEntry`` records, and the CAMEO root of every
    entry id made (ids need not carry the code).

    Each entry is coded as on ``day`` (its unrestricted code when ``day`` is None). With
    ``persons``, an actor entry whose codes carry dates (TABARI's way of writing office holders,
    "VLADIMIR_PUTIN [RUSGOV 000507-080507]") becomes a person with those dates as tenures, so
    the actors stage picks the code in force on each article's date. Agents written ``~SEC``
    ("POLICE [~COP]") become sector nouns that compose with a preceding country.
    """
    out: list[ActorEntry] = []
    root_of: dict[str, str] = {}
    for e in actors:
        pats = tuple(p for p in e.phrases if p)
        name = e.phrases[0].title()
        tenures = _tenures(e) if persons else ()
        if tenures:
            pid = "person:" + slug(name)
            last = tenures[-1]
            out.append(ActorEntry(pats, pid, name, "person", last.country, last.sector,
                                  tenures=tenures))
            root_of[pid] = last.country or ""
            continue
        code = _clean_code(e.code_on(day))
        if code is None:
            continue
        entry = _entry_for_code(pats, name, code)
        out.append(entry)
        root_of[entry.id] = split_code(code)[0]
    for e in agents:
        code = e.code_on(None) or ""
        if not code.startswith("~") or len(code) < 4:
            continue  # "NGO~" style agents make organisations of a country; not needed here
        sector = code[1:4].upper()
        out.append(ActorEntry(tuple(e.phrases), f"agent:{sector.lower()}:{e.phrases[0].lower()}",
                              e.phrases[0].lower(), "group", None, sector))
    return tuple(out), root_of
