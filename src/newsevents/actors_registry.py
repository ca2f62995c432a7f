"""Your own actors: a TOML or CSV file that the actors stage adds to its built-in lexicon.

The file is ``--actors FILE`` (extract, ingest), else ``$NEWSEVENTS_ACTORS``, else
``$XDG_CONFIG_HOME/newsevents/actors.toml`` (``~/.config/newsevents/actors.toml``) when it
exists. ``newsevents actors add`` and ``newsevents actors import`` write to it. TOML form::

    [[actor]]
    name = "Abbas Araghchi"
    kind = "person"            # country, person, organization, igo, armed_group, group
    country = "IRN"            # ISO 3166-1 alpha-3 (any 3 capitals for fictional states)
    sector = "GOV"             # PLOVER sector, optional
    patterns = ["Abbas Araghchi", "Araghchi"]   # default: [name]
    id = "person:abbas-araghchi"                 # default: made from kind and name
    offices = [{office = "Foreign Minister", start = 2024-08-21}]   # persons, optional

CSV form: a header ``name,kind,country,sector,patterns,id,office,start,end`` (patterns
';'-separated; one row per office, rows with the same id are one actor). Later entries with
the same id replace earlier ones, so appending corrects an actor.
"""

from __future__ import annotations

import csv
import json
import os
import re
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from newsevents.errors import InputError
from newsevents.records import ActorKind
from newsevents.stages._actor_lexicon import SECTOR_NAMES, ActorEntry, Tenure, slug

__all__ = [
    "ENV_ACTORS", "KINDS", "actor_entry", "add_actors", "default_actors_path", "load_actors",
    "user_actors",
]

ENV_ACTORS = "NEWSEVENTS_ACTORS"
KINDS: tuple[ActorKind, ...] = ("country", "person", "organization", "igo", "armed_group",
                                "group")
_ISO3 = re.compile(r"[A-Z]{3}")
_CSV_FIELDS = ("name", "kind", "country", "sector", "patterns", "id", "office", "start", "end")
_CACHE: dict[tuple[str, float], tuple[ActorEntry, ...]] = {}


def default_actors_path() -> Path:
    """``$NEWSEVENTS_ACTORS``, else ``$XDG_CONFIG_HOME/newsevents/actors.toml``."""
    env = os.environ.get(ENV_ACTORS)
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "newsevents" / "actors.toml"


def user_actors() -> tuple[ActorEntry, ...]:
    """The entries of the user's actor file; none when no file is configured or present
    (a file named by ``$NEWSEVENTS_ACTORS`` must exist)."""
    path = default_actors_path()
    if not path.exists():
        if os.environ.get(ENV_ACTORS):
            raise InputError(str(path), f"actor file named by ${ENV_ACTORS} does not exist",
                             "create it with `newsevents actors add` or unset the variable")
        return ()
    return load_actors(path)


def _date(value: Any, path: Path, what: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise InputError(str(path), f"{what}: {value!r} is not a date",
                         "write YYYY-MM-DD") from None


def actor_entry(
    name: str, kind: str = "person", country: str | None = None, sector: str | None = None,
    patterns: list[str] | tuple[str, ...] = (), id: str | None = None,
    offices: list[dict[str, Any]] | tuple[dict[str, Any], ...] = (), *, source: str = "actor",
) -> ActorEntry:
    """A checked :class:`ActorEntry` from user-facing fields; ``InputError`` names ``source``."""
    name = " ".join(name.split())
    if not name:
        raise InputError(source, "an actor needs a name")
    if kind not in KINDS:
        raise InputError(source, f"{name}: kind {kind!r} is not one of {', '.join(KINDS)}")
    country = (country or "").strip().upper() or None
    if country is not None and not _ISO3.fullmatch(country):
        raise InputError(source, f"{name}: country {country!r} is not an ISO3 code",
                         "e.g. IRN, USA")
    sector = (sector or "").strip().upper() or None
    if sector is not None and sector not in SECTOR_NAMES and not _ISO3.fullmatch(sector):
        raise InputError(source, f"{name}: sector {sector!r} is not a PLOVER sector code",
                         "one of " + ", ".join(SECTOR_NAMES))
    if kind == "country" and country is None:
        raise InputError(source, f"{name}: a country needs --country (its ISO3 code)")
    if kind == "group" and sector is None:
        raise InputError(source, f"{name}: a group needs a sector")
    if id is None:
        id = {
            "country": country or "",
            "group": f"{country}:{sector}" if country else f"agent:{(sector or '').lower()}:"
                     f"{slug(name)}",
            "igo": "igo:" + re.sub(r"[^A-Za-z0-9]+", "", name).upper(),
        }.get(kind) or f"{'org' if kind == 'organization' else kind}:{slug(name)}"
    path = Path(source)
    tenures = tuple(sorted(
        (Tenure(str(o.get("office") or ""), (o.get("sector") or sector),
                (o.get("country") or country),
                _date(o.get("start"), path, f"{name}: start"),
                _date(o.get("end"), path, f"{name}: end"))
         for o in offices if o.get("office") or o.get("start") or o.get("end")),
        key=lambda t: t.start or date.min))
    pats = tuple(p.strip() for p in patterns if p.strip()) or (name,)
    return ActorEntry(pats, id, name, kind, country, sector, tenures=tenures)


def load_actors(path: Path) -> tuple[ActorEntry, ...]:
    """The entries of an actor file (``.toml`` or ``.csv``), read once per modification."""
    path = Path(path)
    try:
        key = (str(path.resolve()), path.stat().st_mtime)
    except OSError as exc:
        raise InputError(str(path), f"cannot read actor file: {exc.strerror}") from None
    if key not in _CACHE:
        rows = _read_toml(path) if path.suffix.lower() == ".toml" else _read_csv(path)
        by_id: dict[str, ActorEntry] = {}
        for e in rows:
            by_id.pop(e.id, None)  # a later entry replaces (and moves after) an earlier one
            by_id[e.id] = e
        _CACHE[key] = tuple(by_id.values())
    return _CACHE[key]


def _read_toml(path: Path) -> list[ActorEntry]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"not valid TOML: {exc}") from None
    out = []
    for i, a in enumerate(data.get("actor", []), 1):
        if not isinstance(a, dict) or not isinstance(a.get("name"), str):
            raise InputError(str(path), f"[[actor]] number {i} has no name")
        out.append(actor_entry(a["name"], a.get("kind", "person"), a.get("country"),
                               a.get("sector"), list(a.get("patterns", [])), a.get("id"),
                               list(a.get("offices", [])), source=str(path)))
    return out


def _read_csv(path: Path) -> list[ActorEntry]:
    try:
        with path.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not UTF-8 text: {exc}") from None
    if rows and "name" not in rows[0]:
        raise InputError(str(path), "CSV actor file has no 'name' column",
                         "header: " + ",".join(_CSV_FIELDS))
    grouped: dict[str, list[dict[str, str]]] = {}
    for r in rows:
        e = actor_entry(r["name"] or "", r.get("kind") or "person", r.get("country"),
                        r.get("sector"), (r.get("patterns") or "").split(";"),
                        r.get("id") or None, source=str(path))
        grouped.setdefault(e.id, []).append(r)
    out = []
    for rs in grouped.values():
        r = rs[-1]
        offices = [{"office": x.get("office"), "start": x.get("start"), "end": x.get("end")}
                   for x in rs]
        out.append(actor_entry(r["name"], r.get("kind") or "person", r.get("country"),
                               r.get("sector"), (r.get("patterns") or "").split(";"),
                               r.get("id") or None, offices, source=str(path)))
    return out


def _toml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def _toml_block(e: ActorEntry) -> str:
    lines = ["[[actor]]", f"name = {_toml_str(e.name)}", f"kind = {_toml_str(e.kind)}",
             f"id = {_toml_str(e.id)}"]
    if e.country:
        lines.append(f"country = {_toml_str(e.country)}")
    if e.sector:
        lines.append(f"sector = {_toml_str(e.sector)}")
    lines.append("patterns = [" + ", ".join(map(_toml_str, e.patterns)) + "]")
    if e.tenures:
        offs = []
        for t in e.tenures:
            parts = [f"office = {_toml_str(t.office)}"]
            if t.country and t.country != e.country:
                parts.append(f"country = {_toml_str(t.country)}")
            if t.sector and t.sector != e.sector:
                parts.append(f"sector = {_toml_str(t.sector)}")
            parts += [f"{k} = {v.isoformat()}" for k, v in (("start", t.start), ("end", t.end))
                      if v is not None]
            offs.append("{" + ", ".join(parts) + "}")
        lines.append("offices = [" + ", ".join(offs) + "]")
    return "\n".join(lines) + "\n"


def add_actors(path: Path, entries: list[ActorEntry] | tuple[ActorEntry, ...]) -> int:
    """Append entries to an actor file (created with its parent folder when missing); an
    entry whose id is already there replaces it when the file is read. Returns the count."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    is_toml = path.suffix.lower() == ".toml"
    new = not path.exists() or path.stat().st_size == 0
    with path.open("a", encoding="utf-8", newline="") as f:
        if is_toml:
            if new:
                f.write("# newsevents actors (see `newsevents actors --help`)\n")
            for e in entries:
                f.write("\n" + _toml_block(e))
            return len(entries)
        w = csv.writer(f, lineterminator="\n")
        if new:
            w.writerow(_CSV_FIELDS)
        for e in entries:
            base = [e.name, e.kind, e.country or "", e.sector or "", ";".join(e.patterns), e.id]
            for t in e.tenures or (None,):
                w.writerow(base + ([t.office, t.start.isoformat() if t.start else "",
                                    t.end.isoformat() if t.end else ""] if t else ["", "", ""]))
    return len(entries)
