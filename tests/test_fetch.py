"""The HTTP client: limits, redirects, retries, politeness, conditional requests, and refusal of
private addresses (also after redirects and DNS resolution). Local server or mock transport."""

from __future__ import annotations

import httpx
import pytest

from newsevents.sources.fetch import Fetcher, FetchError, FetchPolicy, is_public, retry_after

from .http_server import serve

OPEN = FetchPolicy(allow_private=True, per_host_delay=0.0, backoff=0.0, timeout=5.0)
HTML = b"<html><body><p>Hello</p></body></html>"


def _fetcher(policy: FetchPolicy = OPEN, **kw: object) -> Fetcher:
    return Fetcher(policy, **kw)  # type: ignore[arg-type]


def test_get_sends_user_agent_and_returns_content() -> None:
    with serve({"/a": (200, {"Content-Type": "text/html; charset=utf-8"}, HTML)}) as site, \
            _fetcher() as f:
        resp = f.get(site.url("/a"))
    assert resp.status == 200 and resp.content == HTML and resp.charset == "utf-8"
    assert site.requests[0][1]["user-agent"].startswith("newsevents/")


def test_loopback_refused_by_default() -> None:
    with serve({"/a": (200, {}, HTML)}) as site, \
            _fetcher(FetchPolicy(per_host_delay=0)) as f, pytest.raises(FetchError) as exc:
        f.get(site.url("/a"))
    assert "loopback, private or link-local" in str(exc.value)
    assert site.requests == []  # refused before any connection


def test_redirects_followed_and_limited() -> None:
    routes = {
        "/r1": (302, {"Location": "/r2"}, b""),
        "/r2": (301, {"Location": "/final"}, b""),
        "/final": (200, {"Content-Type": "text/html"}, HTML),
        "/loop": (302, {"Location": "/loop"}, b""),
    }
    with serve(routes) as site, _fetcher() as f:  # type: ignore[arg-type]
        resp = f.get(site.url("/r1"))
        assert resp.url == site.url("/final") and resp.content == HTML
        with pytest.raises(FetchError, match="more than 5 redirects"):
            f.get(site.url("/loop"))


def test_size_cap() -> None:
    big = b"x" * 5000
    with serve({"/big": (200, {}, big)}) as site, \
            _fetcher(FetchPolicy(allow_private=True, max_bytes=1000, per_host_delay=0)) as f, \
            pytest.raises(FetchError, match="size limit"):
        f.get(site.url("/big"))


def test_retries_with_backoff_then_succeeds() -> None:
    calls = {"n": 0}

    def flaky(_headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        calls["n"] += 1
        return (503, {}, b"busy") if calls["n"] < 3 else (200, {}, HTML)

    waits: list[float] = []
    policy = FetchPolicy(allow_private=True, per_host_delay=0, backoff=0.5, retries=2)
    with serve({"/f": flaky}) as site, _fetcher(policy, sleep=waits.append) as f:
        assert f.get(site.url("/f")).content == HTML
    assert calls["n"] == 3 and waits == [0.5, 1.0]


def test_gives_up_after_retries() -> None:
    policy = FetchPolicy(allow_private=True, per_host_delay=0, backoff=0, retries=1)
    with serve({"/down": (500, {}, b"")}) as site, _fetcher(policy) as f, \
            pytest.raises(FetchError, match="HTTP 500"):
        f.get(site.url("/down"))
    assert site.hits("/down") == 2


def test_conditional_request_gets_304() -> None:
    def feed(headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        if headers.get("if-none-match") == '"v1"':
            return 304, {}, b""
        return 200, {"ETag": '"v1"', "Last-Modified": "Wed, 23 Oct 2024 10:00:00 GMT"}, b"<rss/>"

    with serve({"/feed": feed}) as site, _fetcher() as f:
        first = f.get(site.url("/feed"))
        assert first.etag == '"v1"' and first.last_modified and not first.not_modified
        again = f.get(site.url("/feed"), etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.content == b""
    assert site.requests[1][1]["if-modified-since"] == first.last_modified


def test_per_host_politeness_waits_between_requests() -> None:
    now = {"t": 100.0}
    waits: list[float] = []

    def sleep(s: float) -> None:
        waits.append(s)
        now["t"] += s

    policy = FetchPolicy(allow_private=True, per_host_delay=2.0)
    with serve({"/a": (200, {}, HTML)}) as site, \
            _fetcher(policy, sleep=sleep, clock=lambda: now["t"]) as f:
        f.get(site.url("/a"))
        f.get(site.url("/a"))
    assert waits == [2.0]


def _mock(handler: object, resolver: dict[str, str]) -> Fetcher:
    return Fetcher(FetchPolicy(per_host_delay=0, backoff=0),
                   transport=httpx.MockTransport(handler),  # type: ignore[arg-type]
                   resolver=lambda host: [resolver[host]])


def test_redirect_to_private_address_refused() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "news.example":
            return httpx.Response(302, headers={"Location": "http://intranet.example/admin"})
        return httpx.Response(200, text="secret")

    f = _mock(handler, {"news.example": "93.184.216.34", "intranet.example": "10.1.2.3"})
    with pytest.raises(FetchError) as exc:
        f.get("http://news.example/story")
    message = str(exc.value)
    assert "10.1.2.3" in message and "redirected to http://intranet.example" in message


@pytest.mark.parametrize("host,address", [
    ("rebind.example", "127.0.0.1"), ("meta.example", "169.254.169.254"),
    ("v6.example", "::1"), ("mapped.example", "::ffff:192.168.0.1"),
])
def test_names_resolving_to_private_space_refused(host: str, address: str) -> None:
    f = _mock(lambda r: httpx.Response(200), {host: address})
    with pytest.raises(FetchError, match="refused"):
        f.get(f"http://{host}/")


def test_literal_private_ips_refused_and_public_allowed() -> None:
    assert not is_public("192.168.1.1") and not is_public("fe80::1") and not is_public("0.0.0.0")
    assert is_public("93.184.216.34") and is_public("2606:4700::1111")


def test_non_http_scheme_refused() -> None:
    with _fetcher() as f, pytest.raises(FetchError, match="not an http"):
        f.get("file:///etc/passwd")


def test_retry_after_header() -> None:
    assert retry_after("5") == 5.0 and retry_after("") == 0.0 and retry_after("9999") == 60.0
