"""``newsevents eval SUITE``: run gold-set suites and print their metrics as a table or JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from newsevents.eval import DEFAULT_DATA, SUITES, Report, run_suite


def _fmt(v: float) -> str:
    return f"{v:.4f}" if abs(v) < 10 else f"{v:.1f}"


def print_table(reports: list[Report]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for rep in reports:
        if rep.skipped:
            console.print(f"[yellow]{rep.suite}: skipped[/] — {rep.skipped}")
            continue
        table = Table(title=f"{rep.suite} ({rep.elapsed_s:.1f} s)", title_justify="left")
        table.add_column("metric")
        table.add_column("value", justify="right")
        for k, v in rep.metrics.items():
            table.add_row(k, _fmt(v))
        for k, n in rep.counts.items():
            table.add_row(f"[dim]{k}[/]", f"[dim]{n}[/]")
        console.print(table)
        if rep.breakdown:
            cols = list(dict.fromkeys(c for row in rep.breakdown.values() for c in row))
            bt = Table(show_header=True)
            bt.add_column("")
            for c in cols:
                bt.add_column(c, justify="right")
            for key, row in rep.breakdown.items():
                bt.add_row(key, *(_fmt(row[c]) if c in row else "" for c in cols))
            console.print(bt)
        for note in rep.notes:
            console.print(f"[dim]note: {note}[/]")


def eval_cmd(
    suite: Annotated[str, typer.Argument(help=f"One of: {', '.join(SUITES)}, or all.")],
    data: Annotated[Path, typer.Option("--data", help="Root folder of the gold sets.")] = (
        DEFAULT_DATA
    ),
    limit: Annotated[
        int | None, typer.Option("--limit", help="Only N items, evenly strided (a fixed subset).")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="table or json")] = "table",
) -> None:
    """Measure accuracy on the gold sets (precision/recall/F1 or the suite's metric)."""
    if suite != "all" and suite not in SUITES:
        typer.echo(f"error: unknown suite {suite!r}; choose one of {', '.join(SUITES)}, all",
                   err=True)
        raise typer.Exit(2)
    if fmt not in ("table", "json"):
        typer.echo(f"error: --format must be table or json, not {fmt!r}", err=True)
        raise typer.Exit(2)
    if not data.is_dir():
        typer.echo(f"error: {data}: no such folder (pass --data with the gold sets' root, "
                   "e.g. ../shared/data)", err=True)
        raise typer.Exit(2)
    names = list(SUITES) if suite == "all" else [suite]
    reports: list[Report] = []
    for name in names:
        rep = run_suite(name, data, limit)
        reports.append(rep)
        if fmt == "table":
            print_table([rep])
    if fmt == "json":
        obj: object = ([r.to_dict() for r in reports] if suite == "all"
                       else reports[0].to_dict())
        if suite == "all":
            obj = {"suites": obj}
        sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    if suite != "all" and reports[0].skipped:
        raise typer.Exit(1)
