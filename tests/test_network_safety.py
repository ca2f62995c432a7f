"""Network safety of the one HTTP client (``newsevents.sources.fetch``): no private, loopback or
link-local targets (directly, by DNS, after redirects, or by DNS rebinding between the check
and the connection), no non-HTTP schemes, bounded size (also after decompression) and time."""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from newsevents.sources.fetch import Fetcher, FetchError, FetchPolicy, is_public

from .http_server import serve

STRICT = FetchPolicy(per_host_delay=0.0, backoff=0.0, retries=0, timeout=2.0)
OPEN = FetchPolicy(allow_private=True, per_host_delay=0.0, backoff=0.0, retries=0, timeout=2.0)
PUBLIC = "93.184.216.34"

PRIVATE = [
    "127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
    "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "198.18.0.1", "::1", "fe80::1",
    "fd00::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "2002:7f00:1::1", "::",
]


@pytest.mark.parametrize("address", PRIVATE)
def test_non_public_addresses(address: str) -> None:
    assert not is_public(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700::1111",
                                     "::ffff:8.8.8.8"])
def test_public_addresses(address: str) -> None:
    assert is_public(address)


def _mock(seen: list[str], routes: dict[str, httpx.Response]) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return routes.get(str(request.url), httpx.Response(200, content=b"<p>ok</p>"))
    return httpx.MockTransport(handler)


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/", "http://[::1]/", "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1:8080/admin", "http://[::ffff:7f00:1]/", "http://0.0.0.0/",
])
def test_private_literal_targets_refused_before_any_request(url: str) -> None:
    seen: list[str] = []
    with Fetcher(STRICT, transport=_mock(seen, {})) as f, pytest.raises(FetchError) as exc:
        f.get(url)
    assert "loopback, private or link-local" in str(exc.value) and seen == []


@pytest.mark.parametrize("answer", [["10.0.0.7"], [PUBLIC, "127.0.0.1"], ["fe80::2"], []])
def test_names_resolving_to_private_addresses_refused(answer: list[str]) -> None:
    seen: list[str] = []
    with Fetcher(STRICT, transport=_mock(seen, {}), resolver=lambda host: answer) as f, \
            pytest.raises(FetchError, match="refused"):
        f.get("http://intranet.example/")
    assert seen == []


def test_redirect_to_private_target_refused() -> None:
    routes = {
        "http://news.example/a": httpx.Response(302, headers={"Location": "http://127.0.0.1/x"}),
        "http://news.example/b": httpx.Response(301, headers={"Location":
                                                              "http://inside.example/"}),
    }
    answers = {"news.example": [PUBLIC], "inside.example": ["192.168.0.10"]}
    seen: list[str] = []
    with Fetcher(STRICT, transport=_mock(seen, routes), resolver=lambda h: answers[h]) as f:
        for path in ("a", "b"):
            with pytest.raises(FetchError, match=r"redirected to"):
                f.get(f"http://news.example/{path}")
    assert seen == ["http://news.example/a", "http://news.example/b"]  # never the private hop


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://news.example/x",
                                 "gopher://news.example/", "data:text/html,hi",
                                 "javascript:alert(1)", "//news.example/x", "news.example/x"])
def test_non_http_schemes_refused(url: str) -> None:
    seen: list[str] = []
    with Fetcher(OPEN, transport=_mock(seen, {})) as f, \
            pytest.raises(FetchError, match="not an http"):
        f.get(url)
    assert seen == []


@pytest.mark.parametrize("location", ["file:///etc/passwd", "ftp://news.example/x",
                                      "gopher://127.0.0.1:25/"])
def test_redirect_to_non_http_scheme_refused(location: str) -> None:
    routes = {"http://news.example/": httpx.Response(302, headers={"Location": location})}
    seen: list[str] = []
    with Fetcher(OPEN, transport=_mock(seen, routes)) as f, \
            pytest.raises(FetchError, match="not an http"):
        f.get("http://news.example/")
    assert seen == ["http://news.example/"]


def test_dns_rebinding_refused_at_connect_time() -> None:
    """The check's lookup says public, the connection's lookup reaches loopback: refused when
    the connection opens, before any request is sent."""
    with serve({"/secret": (200, {}, b"internal data")}) as site:
        port = site.base.rsplit(":", 1)[1]
        with Fetcher(STRICT, resolver=lambda host: [PUBLIC]) as f, \
                pytest.raises(FetchError, match="refused: connected to") as exc:
            f.get(f"http://localhost:{port}/secret")
        assert site.requests == []
    assert "allow-private" in str(exc.value)


def test_size_cap_declared_streamed_and_decompressed() -> None:
    policy = FetchPolicy(allow_private=True, per_host_delay=0.0, backoff=0.0, retries=0,
                         max_bytes=100_000)
    bomb = gzip.compress(b"\0" * 50_000_000)  # 50 MB of zeros in ~50 KB
    assert len(bomb) < 100_000
    routes = {
        "/declared": (200, {"Content-Length": "999999999"}, b"x" * 10),
        "/bomb": (200, {"Content-Encoding": "gzip", "Content-Type": "text/html"}, bomb),
    }
    with serve(routes) as site, Fetcher(policy) as f:  # type: ignore[arg-type]
        for path in ("/declared", "/bomb"):
            started = time.monotonic()
            with pytest.raises(FetchError, match="over the size limit"):
                f.get(site.url(path))
            assert time.monotonic() - started < 5


@contextmanager
def _trickle_server(delay: float) -> Iterator[int]:
    """A server that sends headers, then one byte every ``delay`` seconds, forever."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(4)
    stop = threading.Event()

    def serve_one() -> None:
        sock.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except OSError:
                continue
            with conn:
                conn.recv(4096)
                conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                             b"Transfer-Encoding: chunked\r\n\r\n")
                while not stop.is_set():
                    try:
                        conn.sendall(b"1\r\nx\r\n")
                    except OSError:
                        break
                    time.sleep(delay)

    thread = threading.Thread(target=serve_one, daemon=True)
    thread.start()
    try:
        yield int(sock.getsockname()[1])
    finally:
        stop.set()
        thread.join(5)
        sock.close()


def test_time_cap_on_a_trickling_server() -> None:
    policy = FetchPolicy(allow_private=True, per_host_delay=0.0, backoff=0.0, retries=0,
                         timeout=1.0, max_seconds=0.6)
    with _trickle_server(0.05) as port, Fetcher(policy) as f:
        started = time.monotonic()
        with pytest.raises(FetchError, match="took over"):
            f.get(f"http://127.0.0.1:{port}/")
        assert time.monotonic() - started < 3


def test_read_timeout_on_a_silent_server() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(1)  # accepts connections, never answers
    policy = FetchPolicy(allow_private=True, per_host_delay=0.0, backoff=0.0, retries=0,
                         timeout=0.3)
    try:
        with Fetcher(policy) as f:
            started = time.monotonic()
            with pytest.raises(FetchError, match="timed out"):
                f.get(f"http://127.0.0.1:{sock.getsockname()[1]}/")
            assert time.monotonic() - started < 3
    finally:
        sock.close()
