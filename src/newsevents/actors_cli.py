"""``newsevents actors add|list|import``: keep your own actors in an actor file.

``newsevents actors`` alone lists the actors in the store; these subcommands manage the actor
file that the actors stage adds to its built-in lexicon (see :mod:`newsevents.actors_registry`
for its location and format).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from newsevents.actors_registry import (
    ENV_ACTORS,
    KINDS,
    actor_entry,
    add_actors,
    default_actors_path,
    load_actors,
)
from newsevents.errors import NewsEventsError

FileOption = Annotated[
    Path | None,
    typer.Option("--file", envvar=ENV_ACTORS, show_default=False,
                 help="Actor file (.toml or .csv); default $NEWSEVENTS_ACTORS or "
                      "~/.config/newsevents/actors.toml."),
]


def use_actor_file(path: Path | None) -> None:
    """Make the pipeline of this process (and its worker processes) read ``path``."""
    if path is None:
        return
    if not path.is_file():
        raise typer.BadParameter(f"{path} does not exist (create it with `newsevents actors "
                                 "add --file ...`)", param_hint="--actors")
    os.environ[ENV_ACTORS] = str(path.resolve())


def _fail(exc: NewsEventsError) -> typer.Exit:
    typer.echo(f"error: {exc}", err=True)
    return typer.Exit(1)


def add_cmd(
    name: Annotated[str, typer.Argument(help="The actor's name, e.g. \"Abbas Araghchi\".")],
    kind: Annotated[str, typer.Option(help=", ".join(KINDS))] = "person",
    country: Annotated[str | None, typer.Option(help="ISO3 code, e.g. IRN.")] = None,
    sector: Annotated[str | None, typer.Option(help="PLOVER sector, e.g. GOV, MIL, REB.")]
    = None,
    pattern: Annotated[list[str] | None, typer.Option(
        "--pattern", "-p", help="A text form that names the actor (repeatable; default: the "
                                "name).")] = None,
    actor_id: Annotated[str | None, typer.Option("--id", help="Actor id (default: from kind "
                                                               "and name).")] = None,
    office: Annotated[str | None, typer.Option(help="Office held, e.g. \"Foreign Minister\".")]
    = None,
    start: Annotated[str | None, typer.Option(help="Office start, YYYY-MM-DD.")] = None,
    end: Annotated[str | None, typer.Option(help="Office end, YYYY-MM-DD (exclusive).")] = None,
    file: FileOption = None,
) -> None:
    """Add an actor to your actor file (an actor with the same id is replaced)."""
    path = file or default_actors_path()
    offices = [{"office": office, "start": start, "end": end}] if office or start or end else []
    try:
        e = actor_entry(name, kind, country, sector, pattern or (), actor_id, offices,
                        source="newsevents actors add")
        add_actors(path, [e])
    except NewsEventsError as exc:
        raise _fail(exc) from None
    typer.echo(f"added {e.id} ({e.kind}) to {path}", err=True)


def list_cmd(
    file: FileOption = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json")] = "table",
) -> None:
    """List the actors of your actor file."""
    import pandas as pd

    from newsevents._render import write_frame

    path = file or default_actors_path()
    if fmt not in ("table", "csv", "json"):
        raise typer.BadParameter(f"{fmt!r} is not one of table, csv, json",
                                 param_hint="--format")
    try:
        entries = load_actors(path) if path.exists() else ()
    except NewsEventsError as exc:
        raise _fail(exc) from None
    df = pd.DataFrame([{
        "id": e.id, "name": e.name, "kind": e.kind, "country": e.country, "sector": e.sector,
        "patterns": "; ".join(e.patterns),
        "offices": "; ".join(f"{t.office} {t.start or '?'}..{t.end or ''}" for t in e.tenures),
    } for e in entries], columns=["id", "name", "kind", "country", "sector", "patterns",
                                  "offices"])
    write_frame(df, fmt, sys.stdout, title=f"{len(df)} actors in {path}")


def import_cmd(
    source: Annotated[Path, typer.Argument(help="Dictionary file to import.")],
    fmt: Annotated[str, typer.Option("--format", help="petrarch (TABARI/PETRARCH .actors or "
                                                      ".agents dictionary)")] = "petrarch",
    agents: Annotated[bool, typer.Option(help="The file is an agents dictionary (default: "
                                              "when its name contains 'agent').")] = False,
    file: FileOption = None,
) -> None:
    """Import a PETRARCH/TABARI actor or agent dictionary into your actor file.

    Entries with dated codes become persons with offices (the code in force on each article's
    date applies); other codes become countries, sector groups (RUSMIL -> RUS:MIL), IGOs and
    organisations; agents written [~SEC] become sector nouns after a country.
    """
    from newsevents.actor_dicts import dictionary_entries, read_dictionary

    if fmt != "petrarch":
        raise typer.BadParameter(f"{fmt!r}: only petrarch is supported", param_hint="--format")
    path = file or default_actors_path()
    try:
        entries = read_dictionary(source)
        is_agents = agents or "agent" in source.name.lower()
        made, _ = (dictionary_entries([], entries) if is_agents
                   else dictionary_entries(entries, persons=True))
        n = add_actors(path, made)
    except NewsEventsError as exc:
        raise _fail(exc) from None
    typer.echo(f"imported {n} of {len(entries)} entries from {source} into {path}", err=True)


def register(group: typer.Typer) -> None:
    group.command("add")(add_cmd)
    group.command("list")(list_cmd)
    group.command("import")(import_cmd)
