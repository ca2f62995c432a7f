"""The ``newsevents`` command line: extract, ingest, queries (events, actors, dyad), export, stats.

The store is chosen by ``--db`` (before or after the command) or ``$NEWSEVENTS_DB``, else
``./newsevents.duckdb``. Commands defined elsewhere (``serve``, ``demo``, ``eval``) are registered
at the bottom of this file and can use :func:`db_path` for the same rule.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newsevents.errors import NewsEventsError
from newsevents.pipeline import Failure, default_pipeline
from newsevents.records import to_json
from newsevents.store.schema import ENV_DB, default_db_path

if TYPE_CHECKING:
    from newsevents.store import Store

app = typer.Typer(
    help="Turn news articles into a queryable database of political events.",
    no_args_is_help=True,
    add_completion=False,
)

DbOption = Annotated[
    Path | None,
    typer.Option("--db", envvar=ENV_DB, help="Store file (default ./newsevents.duckdb).",
                 show_default=False),
]
FormatOption = Annotated[str, typer.Option("--format", help="table, csv or json (JSON lines)")]
ActorsOption = Annotated[
    Path | None,
    typer.Option("--actors", help="Your actor file (.toml/.csv) added to the built-in "
                                  "actors; default $NEWSEVENTS_ACTORS or "
                                  "~/.config/newsevents/actors.toml.", show_default=False),
]


def _check_format(fmt: str, allowed: tuple[str, ...]) -> str:
    if fmt not in allowed:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(allowed)}",
                                 param_hint="--format")
    return fmt


def _day(value: str | None) -> str | None:
    from newsevents.store.queries import parse_day

    if value is None:
        return None
    try:
        parse_day(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    return value


DayOption = Annotated[str | None, typer.Option(callback=_day, help="YYYY-MM-DD, YYYY-MM or YYYY")]


@app.callback()
def _options(ctx: typer.Context, db: DbOption = None) -> None:
    ctx.obj = {"db": db}


def db_path(ctx: typer.Context | None, db: Path | None = None) -> Path:
    """The store path: the command's ``--db``, else the global one, else env/default."""
    if db is not None:
        return db
    root = ctx.find_root() if ctx is not None else None
    if root is not None and isinstance(root.obj, dict) and root.obj.get("db") is not None:
        return Path(root.obj["db"])
    return default_db_path()


@contextmanager
def _errors() -> Iterator[None]:
    """User-facing errors as one line on stderr and exit status 1, not a traceback."""
    try:
        yield
    except NewsEventsError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None


def _reader(ctx: typer.Context, db: Path | None) -> Store:
    from newsevents.store import Store

    return Store(db_path(ctx, db), read_only=True)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, globs, or - for stdin.")],
    fmt: Annotated[str, typer.Option("--format", help="json (one object per article) or table")]
    = "json",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr.")] = False,
    actors_file: ActorsOption = None,
) -> None:
    """Print the events of each article (stateless; nothing is stored)."""
    from newsevents.actors_cli import use_actor_file

    use_actor_file(actors_file)
    from newsevents._render import document_table
    from newsevents.sources import read_inputs

    _check_format(fmt, ("json", "table"))
    articles = events = failed = 0
    pipe = default_pipeline()
    for item in pipe.pipe(read_inputs(paths)):
        if isinstance(item, Failure):
            failed += 1
            typer.echo(f"error: {item.message}", err=True)
            continue
        try:
            if fmt == "json":
                sys.stdout.write(json.dumps(to_json(item), ensure_ascii=False) + "\n")
            else:
                document_table(item, sys.stdout)
        except ValueError as exc:  # a document the pipeline left unprocessed
            failed += 1
            typer.echo(f"error: {exc}", err=True)
            continue
        articles += 1
        events += len(item.events)
    if not quiet:
        typer.echo(f"{articles} articles, {events} events, {failed} failed", err=True)
    if failed:
        raise typer.Exit(1)


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[str], typer.Argument(help="Files, directories, globs, or - for stdin.")],
    db: DbOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    actors_file: ActorsOption = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1,
                                         help="Processes running the pipeline (this one writes).")]
    = 1,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Run on Dask: a scheduler address (tcp://host:8786) or local:N for "
                            "N local workers; writes a Parquet dataset to --out.")] = None,
    out: Annotated[Path | None, typer.Option(
        "--out", help="Dataset directory for --scheduler (resumable; read it with --db DIR).")]
    = None,
) -> None:
    """Process articles into the store (idempotent: articles already stored are skipped)."""
    from newsevents.actors_cli import use_actor_file

    use_actor_file(actors_file)
    if scheduler is not None or out is not None:
        _ingest_dataset(paths, scheduler, out, quiet)
        return
    from newsevents.runners.local import ingest as run_ingest
    from newsevents.store import Store

    path = db_path(ctx, db)
    with _errors(), Store(path) as store:
        try:
            # Let the file go between batches, so `serve` and queries can read meanwhile (not
            # for stdin: a slow stream is stored as it comes, not 64 articles at a time).
            summary = run_ingest(paths, store, progress=not quiet, workers=workers,
                                 release="-" not in paths)
        except KeyboardInterrupt:
            typer.echo(
                f"interrupted: {path} holds every article completed so far; "
                "rerun the same command to resume", err=True)
            raise typer.Exit(130) from None
    typer.echo(f"{summary.line()} ({path})", err=True)
    if summary.failed:
        raise typer.Exit(1)


def _ingest_dataset(paths: list[str], scheduler: str | None, out: Path | None,
                    quiet: bool) -> None:
    if scheduler is None or out is None:
        raise typer.BadParameter("--scheduler and --out go together (a Dask run writes a "
                                 "Parquet dataset to --out)", param_hint="--scheduler/--out")
    from newsevents.runners.dask import ShardResult, ingest_dataset

    def shard_done(r: ShardResult) -> None:
        if not quiet:
            typer.echo(f"shard {r.shard}: {r.added} added, {r.events} events", err=True)
        for message in r.failures:
            typer.echo(f"error: {message}", err=True)

    def pass_starts(shards: int) -> None:
        plural = "" if shards == 1 else "s"
        typer.echo(f"cross-shard pass over {shards} shard{plural}: near-copies and event "
                   "clusters across shards", err=True)

    with _errors():
        try:
            summary = ingest_dataset(paths, out, scheduler, on_shard=shard_done,
                                     on_pass=None if quiet else pass_starts)
        except KeyboardInterrupt:
            typer.echo(f"interrupted: {out} holds every shard completed so far; rerun the same "
                       "command to resume", err=True)
            raise typer.Exit(130) from None
    typer.echo(f"{summary.line()} ({out})", err=True)
    if summary.failed:
        raise typer.Exit(1)


@app.command()
def events(
    ctx: typer.Context,
    actor: Annotated[str | None, typer.Option(help="Actor id or ISO3 country, either side.")]
    = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER event type.")] = None,
    since: DayOption = None,
    until: DayOption = None,
    source: Annotated[str | None, typer.Option(help="Actor id or ISO3 on the source side.")]
    = None,
    target: Annotated[str | None, typer.Option(help="Actor id or ISO3 on the target side.")]
    = None,
    modality: Annotated[str | None, typer.Option(help="Comma list, e.g. asserted,reported.")]
    = None,
    limit: Annotated[int | None, typer.Option(min=1, help="At most N events (newest first).")]
    = None,
    fmt: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """List stored events, newest first."""
    from newsevents._render import FORMATS, events_for_table, write_frame

    _check_format(fmt, FORMATS)
    with _errors(), _reader(ctx, db) as store:
        df = store.events(actor=actor, type=type, since=since, until=until, source=source,
                          target=target, modality=modality, limit=limit)
    if fmt == "table":
        write_frame(events_for_table(df), fmt, sys.stdout, title=f"{len(df)} events")
    else:
        write_frame(df, fmt, sys.stdout)


actors_app = typer.Typer(
    invoke_without_command=True,
    help="List the store's actors (no subcommand), or manage your own actor file: "
         "add, list, import (a PETRARCH/TABARI dictionary). Your actor file is used by "
         "extract and ingest: --actors FILE, $NEWSEVENTS_ACTORS or "
         "~/.config/newsevents/actors.toml.",
)


@actors_app.callback()
def actors(
    ctx: typer.Context,
    kind: Annotated[str | None, typer.Option(help="country, person, organization, igo, "
                                                  "armed_group or group")] = None,
    profile: Annotated[str | None, typer.Option(
        "--profile", help="One actor's profile: roles over time, top partners, event types.")]
    = None,
    fmt: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """List the actor registry with event and mention counts, or one actor's profile."""
    if ctx.invoked_subcommand is not None:
        return  # `actors add|list|import` (newsevents.actors_cli)
    from newsevents._render import FORMATS, write_frame

    _check_format(fmt, FORMATS)
    if profile:
        from newsevents.analysis_commands import print_profile

        with _errors(), _reader(ctx, db) as store:
            print_profile(store.profile(profile), fmt)
        return
    with _errors(), _reader(ctx, db) as store:
        df = store.actors(kind=kind)
    write_frame(df, fmt, sys.stdout, title=f"{len(df)} actors",
                columns=("id", "name", "kind", "country", "sector", "roles", "events",
                         "mentions"))


@app.command()
def dyad(
    ctx: typer.Context,
    a: Annotated[str, typer.Argument(help="Actor id or ISO3 country.")],
    b: Annotated[str, typer.Argument(help="Actor id or ISO3 country.")],
    freq: Annotated[str, typer.Option(help="day, week, month or year")] = "month",
    directed: Annotated[bool, typer.Option(help="Only events with A as source, B as target.")]
    = False,
    modality: Annotated[str, typer.Option(help="Comma list of modalities counted, or all.")]
    = "asserted,reported",
    clusters: Annotated[bool, typer.Option(
        "--clusters", help="Count each real-world event (cluster) once, not once per article.")]
    = False,
    fmt: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """Events between A and B per period: counts per quad class, total, Goldstein sum and mean."""
    from newsevents._render import FORMATS, write_frame
    from newsevents.store.queries import FREQS

    _check_format(fmt, FORMATS)
    if freq not in FREQS:
        raise typer.BadParameter(f"{freq!r} is not one of {', '.join(FREQS)}",
                                 param_hint="--freq")
    with _errors(), _reader(ctx, db) as store:
        df = store.dyad(a, b, freq, directed=directed,
                        modality=None if modality == "all" else modality, clusters=clusters)
    arrow = "→" if directed else "↔"
    unit = "clusters" if clusters else "events"
    write_frame(df, fmt, sys.stdout, title=f"{a} {arrow} {b}: {unit} per {freq}")


@app.command()
def export(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", help="File (or folder, for partitioned "
                                                   "Parquet) to write.")],
    fmt: Annotated[str | None, typer.Option(
        "--format", help="parquet, csv, jsonl, gdelt (GDELT 2.0 event TSV) or plover (PLOVER "
        "JSON lines); default: from --out's suffix")] = None,
    unit: Annotated[str, typer.Option(help="gdelt/plover: one record per cluster (clusters) "
                                           "or per event (events).")] = "clusters",
    db: DbOption = None,
) -> None:
    """Write the store's events to a file: flat tables (every event, with its cluster id),
    PLOVER JSON or a GDELT-2.0-compatible TSV (one row per real-world event)."""
    from newsevents.export import FORMATS, format_for

    if fmt is None:
        fmt = format_for(out)
        if fmt is None:
            raise typer.BadParameter(f"cannot tell the format from {out.name!r}; give one of "
                                     f"{', '.join(FORMATS)}", param_hint="--format")
    _check_format(fmt, FORMATS)
    _check_format(unit, ("clusters", "events"))
    with _errors(), _reader(ctx, db) as store:
        n = store.export(out, fmt, unit=unit)
    what = f"{unit} (gdelt rows)" if fmt == "gdelt" else (
        f"{unit} (plover records)" if fmt == "plover" else "events")
    typer.echo(f"{n} {what} written to {out}", err=True)


@app.command()
def stats(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", help="table or json")] = "table",
    db: DbOption = None,
) -> None:
    """Counts of articles, events, actors and places in the store, and its date range."""
    _check_format(fmt, ("table", "json"))
    with _errors(), _reader(ctx, db) as store:
        info = store.stats()
        by_type = store.counts_by_type()
    if fmt == "json":
        info["events_by_type"] = dict(zip(by_type["type"], map(int, by_type["events"]),
                                          strict=True))
        typer.echo(json.dumps(info))
        return
    width = max(len(k) for k in info)
    for k, v in info.items():
        typer.echo(f"{k:<{width}}  {v if v is not None else '-'}")
    if len(by_type):
        typer.echo("events by type: " + ", ".join(
            f"{t} {n}" for t, n in zip(by_type["type"], by_type["events"], strict=True)))


# Commands defined in other modules register here (serve/demo from newsevents.api, eval from
# newsevents.eval.command), e.g. ``app.command()(serve)``.
from newsevents.api.commands import demo_cmd, serve_cmd  # noqa: E402
from newsevents.eval.command import eval_cmd  # noqa: E402

app.command("serve")(serve_cmd)
app.command("demo")(demo_cmd)
app.command("eval")(eval_cmd)

from newsevents.watch import watch_cmd  # noqa: E402

app.command("watch")(watch_cmd)

from newsevents.actors_cli import register as _register_actor_commands  # noqa: E402

_register_actor_commands(actors_app)
app.add_typer(actors_app, name="actors")

from newsevents.analysis_commands import (  # noqa: E402
    changes_cmd,
    clusters_cmd,
    network_cmd,
    optimize_cmd,
)

app.command("network")(network_cmd)
app.command("changes")(changes_cmd)
app.command("clusters")(clusters_cmd)
app.command("optimize")(optimize_cmd)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
