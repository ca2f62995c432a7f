"""The analysis commands ``network``, ``changes``, ``clusters`` and ``optimize``, and the
actor profile printed by ``actors --profile`` (registered on the CLI app in ``newsevents.cli``)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newsevents.store.schema import ENV_DB

if TYPE_CHECKING:
    from newsevents.aggregates import ActorProfile

DbOption = Annotated[
    Path | None,
    typer.Option("--db", envvar=ENV_DB, help="Store file (default ./newsevents.duckdb).",
                 show_default=False),
]
FormatOption = Annotated[str, typer.Option("--format", help="table, csv or json (JSON lines)")]
DayOption = Annotated[str | None, typer.Option(help="YYYY-MM-DD, YYYY-MM or YYYY")]
ClustersOption = Annotated[bool, typer.Option(
    "--clusters", help="Count each real-world event (cluster) once, not once per article.")]


def _check_day(value: str | None, name: str) -> None:
    from newsevents.store.queries import parse_day

    if value is not None:
        try:
            parse_day(value)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint=name) from exc


def _check_format(fmt: str) -> None:
    from newsevents._render import FORMATS

    if fmt not in FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(FORMATS)}",
                                 param_hint="--format")


def network_cmd(
    ctx: typer.Context,
    since: DayOption = None,
    until: DayOption = None,
    actor: Annotated[str | None, typer.Option(help="Only edges touching this actor (ISO3).")]
    = None,
    directed: Annotated[bool, typer.Option(help="Edges from source to target.")] = False,
    min_weight: Annotated[int, typer.Option(min=1, help="Leave out lighter edges.")] = 1,
    limit: Annotated[int | None, typer.Option(min=1, help="At most N edges, heaviest first.")]
    = None,
    clusters: ClustersOption = False,
    fmt: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """Actor network for a time window: weighted, signed edges (cooperation vs conflict)."""
    from newsevents._render import write_frame
    from newsevents.cli import _errors, _reader

    _check_format(fmt)
    _check_day(since, "--since")
    _check_day(until, "--until")
    with _errors(), _reader(ctx, db) as store:
        df = store.network(since=since, until=until, actor=actor, directed=directed,
                           min_weight=min_weight, limit=limit,
                           unit="clusters" if clusters else "events")
    window = f"{since or 'start'} – {until or 'end'}"
    write_frame(df, fmt, sys.stdout, title=f"{len(df)} edges, {window}",
                columns=("a", "a_name", "b", "b_name", "weight", "cooperation", "conflict",
                         "goldstein_sum", "sign"))


def changes_cmd(
    ctx: typer.Context,
    actor: Annotated[str, typer.Argument(help="Actor id or ISO3 country.")],
    partner: Annotated[str | None, typer.Argument(help="Second actor: changes in the dyad.")]
    = None,
    before: Annotated[str, typer.Option(help="First period: YYYY-MM, YYYY, or A..B.")] = "",
    after: Annotated[str, typer.Option(help="Second period: YYYY-MM, YYYY, or A..B.")] = "",
    clusters: ClustersOption = False,
    fmt: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """What changed for an actor (or a dyad) between two periods: event types, quad classes,
    partners gained and lost."""
    from newsevents._render import write_frame
    from newsevents.aggregates import period_bounds
    from newsevents.cli import _errors, _reader

    _check_format(fmt)
    for name, value in (("--before", before), ("--after", after)):
        if not value:
            raise typer.BadParameter("give a period, e.g. 2024-09 or 2024-09-01..2024-09-30",
                                     param_hint=name)
        try:
            period_bounds(value)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint=name) from exc
    with _errors(), _reader(ctx, db) as store:
        df = store.changes(actor, partner, before=before, after=after,
                           unit="clusters" if clusters else "events")
    who = f"{actor} ↔ {partner}" if partner else actor
    write_frame(df, fmt, sys.stdout, title=f"{who}: {before} → {after}")


def clusters_cmd(
    ctx: typer.Context,
    actor: Annotated[str | None, typer.Option(help="Actor id or ISO3 on either side.")] = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER event type.")] = None,
    since: DayOption = None,
    until: DayOption = None,
    min_articles: Annotated[int, typer.Option(min=1, help="Only clusters reported by at "
                                              "least N articles.")] = 1,
    limit: Annotated[int | None, typer.Option(min=1, help="At most N clusters.")] = 50,
    show: Annotated[str | None, typer.Option(help="A cluster id: list its member events.")]
    = None,
    evaluate: Annotated[Path | None, typer.Option(
        help="Measure pairwise precision/recall on a labelled folder (gold.toml + articles).")]
    = None,
    fmt: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """Event clusters: one row per real-world event with its articles and sources."""
    from newsevents._render import write_frame
    from newsevents.cli import _errors, _reader

    _check_format(fmt)
    _check_day(since, "--since")
    _check_day(until, "--until")
    if evaluate is not None:
        from newsevents.cluster_eval import evaluate as run_eval

        with _errors():
            result = run_eval(evaluate)
        typer.echo(json.dumps(result.summary()) if fmt == "json" else result.report())
        return
    with _errors(), _reader(ctx, db) as store:
        if show:
            df = store.cluster_events(show)
            write_frame(df, fmt, sys.stdout, title=f"cluster {show}: {len(df)} events",
                        columns=("day", "type", "source", "target", "modality", "outlet",
                                 "title", "evidence_text"))
            return
        df = store.clusters(actor=actor, type=type, since=since, until=until,
                            min_articles=min_articles, limit=limit)
    write_frame(df, fmt, sys.stdout, title=f"{len(df)} clusters",
                columns=("cluster_id", "first_day", "type", "source", "target", "events",
                         "articles", "sources", "evidence"))


def optimize_cmd(ctx: typer.Context, db: DbOption = None) -> None:
    """Sort the store's dyad table for fast queries (after a large ingest)."""
    from newsevents.cli import _errors, db_path
    from newsevents.store import Store

    with _errors(), Store(db_path(ctx, db)) as store:
        store.optimize()
    typer.echo("optimized", err=True)


def print_profile(p: ActorProfile, fmt: str) -> None:
    """An actor profile as sections of tables, or one JSON object."""
    from newsevents._render import records, write_frame

    if fmt == "json":
        typer.echo(json.dumps({
            "id": p.id, "name": p.name, "kind": p.kind, "country": p.country,
            "sector": p.sector, "roles": records(p.roles), "partners": records(p.partners),
            "types": records(p.types), "activity": records(p.activity)}, ensure_ascii=False))
        return
    head = ", ".join(x for x in (p.kind, p.country, p.sector) if x)
    typer.echo(f"{p.name} ({p.id}){': ' + head if head else ''}")
    write_frame(p.roles.head(15), fmt, sys.stdout, title="roles over time",
                columns=("name", "role", "first_seen", "last_seen", "articles"))
    write_frame(p.partners, fmt, sys.stdout, title="top partners",
                columns=("partner", "name", "events", "cooperation", "conflict",
                         "goldstein_mean"))
    write_frame(p.types.head(10), fmt, sys.stdout, title="top event types",
                columns=("type", "events", "as_source", "as_target", "goldstein_mean"))
    write_frame(p.activity.tail(12), fmt, sys.stdout, title="activity per month (last 12)")
