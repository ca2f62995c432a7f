"""The ``newsevents`` command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from newsevents.pipeline import Failure, default_pipeline
from newsevents.records import to_json

app = typer.Typer(
    help="Turn news articles into a queryable database of political events.",
    no_args_is_help=True,
    add_completion=False,
)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, globs, or - for stdin.")],
    fmt: Annotated[str, typer.Option("--format", help="json or table")] = "json",
) -> None:
    """Print the events of each article (stateless; nothing is stored)."""
    from newsevents.sources import read_inputs

    failed = 0
    pipe = default_pipeline()
    for item in pipe.pipe(read_inputs(paths)):
        if isinstance(item, Failure):
            failed += 1
            typer.echo(f"error: {item.message}", err=True)
            continue
        sys.stdout.write(json.dumps(to_json(item), ensure_ascii=False) + "\n")
    if failed:
        raise typer.Exit(1)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
