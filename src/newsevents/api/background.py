"""Serve the app on a free loopback port in a background thread (browser tests, screenshots)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsevents.api.app import create_app
from newsevents.api.commands import LOOPBACK_NAMES


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(db: Path, *, host: str = "127.0.0.1", timeout_s: float = 15.0) -> Iterator[str]:
    """Yields the base URL (``http://127.0.0.1:PORT/``) of the dashboard over ``db``."""
    import uvicorn

    port = free_port(host)
    app = create_app(db, allowed_hosts=LOOPBACK_NAMES)
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="newsevents-serve", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout_s
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError(f"the server on {host}:{port} did not start in {timeout_s} s")
        time.sleep(0.02)
    try:
        yield f"http://{host}:{port}/"
    finally:
        server.should_exit = True
        thread.join(timeout_s)
