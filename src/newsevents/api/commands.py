"""The ``serve`` and ``demo`` commands (registered on the CLI app in ``newsevents.cli``)."""

from __future__ import annotations

import errno
import ipaddress
import socket
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from newsevents.errors import NewsEventsError
from newsevents.store.schema import ENV_DB

HostOption = Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this machine "
                                         "only).")]
PortOption = Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")]


LOOPBACK_NAMES = ["127.0.0.1", "localhost", "::1", "[::1]"]


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(1)


def _check_port(host: str, port: int) -> None:
    """Say which port is taken, and what to do, before uvicorn fails with a bare OSError."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise _fail(f"port {port} on {host} is in use: choose another with "
                            f"--port {port + 1}") from None
            raise _fail(f"cannot listen on {host}:{port}: {exc.strerror}") from None


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run_server(db: Path, host: str, port: int, *, console: Console | None = None) -> None:
    """Serve the API and dashboard over ``db`` until Ctrl+C."""
    import uvicorn

    from newsevents.api import create_app

    out = console or Console()
    loopback = _is_loopback(host)
    try:
        app = create_app(db, allowed_hosts=LOOPBACK_NAMES if loopback else None)
    except NewsEventsError as exc:
        raise _fail(str(exc)) from None
    _check_port(host, port)
    shown = f"[{host}]" if ":" in host else host
    if not loopback:
        out.print(f"[yellow]note:[/yellow] listening on {host}: other machines can read this "
                  "store (the API is read-only and has no login).")
    out.print(f"Dashboard: http://{shown}:{port}/ — Ctrl+C to stop", highlight=False)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def serve_cmd(
    ctx: typer.Context,
    db: Annotated[Path | None, typer.Option("--db", envvar=ENV_DB, show_default=False,
                                            help="Store file (default ./newsevents.duckdb).")]
    = None,
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
) -> None:
    """Serve the read-only API and the dashboard over a store."""
    from newsevents.cli import db_path

    run_server(db_path(ctx, db), host, port)


def demo_cmd(
    db: Annotated[Path, typer.Option("--db", help="Demo store file (kept apart from your own "
                                     "store; ingesting again is a no-op).")]
    = Path("newsevents-demo.duckdb"),
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Ingest and print the summary "
                                           "only.")] = False,
) -> None:
    """Ingest the bundled sample corpus, print its top dyads and event counts, and serve it."""
    from newsevents.api.demo import corpus_files, ingest_demo, summary_tables

    console = Console()
    try:
        n = len(corpus_files())
        console.print(f"Ingesting the demo corpus ({n} articles) into {db} ...", highlight=False)
        summary = ingest_demo(db)
        console.print(summary.line(), highlight=False)
        for table in summary_tables(db):
            console.print(table)
    except NewsEventsError as exc:
        raise _fail(str(exc)) from None
    if no_serve:
        console.print(f"Serve it with: newsevents serve --db {db}", highlight=False)
        return
    run_server(db, host, port, console=console)
