"""The one HTTP client of newsevents: timeouts, a size cap, a redirect limit, a clear user agent,
per-host politeness, retries with backoff, conditional requests, and no private addresses.

Redirects are followed here, one hop at a time, so every hop's host is resolved and checked:
a public URL that redirects (or resolves) to loopback, private or link-local space is refused
unless the policy allows private addresses. The address actually connected to is checked
again when the connection opens, before the request is sent, so a name that resolves to a
public address for the check and to a private one for the connection (DNS rebinding) is
refused too. I/O goes through an httpx transport that tests replace (``httpx.MockTransport``)
or point at a local server.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from newsevents.errors import InputError


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("newsevents")
    except PackageNotFoundError:
        return "dev"


USER_AGENT = f"newsevents/{_version()} (news event coding; offline research tool)"
ENV_ALLOW_PRIVATE = "NEWSEVENTS_ALLOW_PRIVATE_URLS"
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})
# The longest Retry-After we honour; a server asking for more is retried at this pace.
_MAX_RETRY_AFTER = 60.0

Resolver = Callable[[str], list[str]]


class FetchError(InputError):
    """A URL could not be fetched (names the URL, says what to do)."""


def resolve(host: str) -> list[str]:
    """Every address ``host`` resolves to (IPv4 and IPv6)."""
    infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    return sorted({str(info[4][0]) for info in infos})


def is_public(address: str) -> bool:
    """False for loopback, private, link-local, multicast, reserved, unspecified and other
    non-global addresses such as carrier-grade NAT space (100.64.0.0/10); IPv6 addresses that
    embed an IPv4 one (IPv4-mapped, 6to4, Teredo) are judged by that address too."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = [ip.ipv4_mapped, ip.sixtofour, *(ip.teredo or ())]
        if any(v4 is not None and not is_public(str(v4)) for v4 in embedded):
            return False
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
    return not (ip.is_loopback or ip.is_private or ip.is_link_local or ip.is_multicast
                or ip.is_reserved or ip.is_unspecified or not ip.is_global)


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    timeout: float = 20.0  # seconds, connect and each read
    max_seconds: float = 60.0  # whole response, so a server trickling bytes cannot hold us
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    per_host_delay: float = 1.0  # seconds between two requests to the same host
    retries: int = 2  # further attempts after a timeout, a dropped connection, 429 or 5xx
    backoff: float = 1.0  # first wait; doubled after each retry
    allow_private: bool = False


@dataclass(frozen=True, slots=True)
class Response:
    url: str  # the final URL, after redirects
    status: int
    content: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    retry_after: float = 0.0  # seconds a 429 or 503 asked us to wait

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def charset(self) -> str | None:
        for part in self.content_type.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                return value.strip("\"' ")
        return None


@dataclass
class Fetcher:
    """GET URLs under a :class:`FetchPolicy`. Safe to share between threads."""

    policy: FetchPolicy = field(default_factory=FetchPolicy)
    transport: httpx.BaseTransport | None = None
    resolver: Resolver = resolve
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic

    def __post_init__(self) -> None:
        transport = self.transport
        if transport is None and not self.policy.allow_private:
            transport = public_only_transport()
        self._client = httpx.Client(
            transport=transport,
            timeout=self.policy.timeout,
            follow_redirects=False,  # followed by hand: each hop is checked
            headers={"User-Agent": self.policy.user_agent, "Accept-Encoding": "gzip, deflate"},
        )
        self._last: dict[str, float] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
            accept: str | None = None) -> Response:
        """Fetch ``url``; a 304 (when ``etag``/``last_modified`` are given) comes back as a
        Response whose ``not_modified`` is True. Raises FetchError."""
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = accept
        current = url
        for _hop in range(self.policy.max_redirects + 1):
            self._check(url, current)
            resp = self._attempts(url, current, headers)
            if resp.status in _REDIRECT_STATUS and resp.url:
                current = resp.url
                continue
            if resp.status == 304 or 200 <= resp.status < 300:
                return resp
            raise FetchError(url, f"HTTP {resp.status} from {current}",
                             "check the URL; the server refused or does not have it")
        raise FetchError(url, f"more than {self.policy.max_redirects} redirects",
                         "the URL redirects in a loop or too often")

    def _check(self, url: str, current: str) -> None:
        parts = urlsplit(current)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(url, f"not an http(s) URL: {current!r}",
                             "give a URL starting with http:// or https://")
        if self.policy.allow_private:
            return
        host = parts.hostname
        try:
            addresses = [str(ipaddress.ip_address(host))]
        except ValueError:
            try:
                addresses = self.resolver(host)
            except OSError as exc:
                raise FetchError(url, f"cannot resolve host {host!r}: {exc}",
                                 "check the URL and the network") from None
        private = [a for a in addresses if not is_public(a)]
        if private or not addresses:
            via = "" if current == url else f" (redirected to {current})"
            raise FetchError(
                url,
                f"refused: {host} is a loopback, private or link-local address "
                f"({', '.join(private) or 'none'}){via}",
                f"set {ENV_ALLOW_PRIVATE}=1 (or --allow-private) to fetch from private networks",
            )

    def _polite(self, host: str) -> None:
        """Wait until ``per_host_delay`` has passed since the last request to ``host``."""
        with self._lock:
            now = self.clock()
            due = self._last.get(host, float("-inf")) + self.policy.per_host_delay
            start = max(now, due)
            self._last[host] = start
        if start > now:
            self.sleep(start - now)

    def _attempts(self, url: str, current: str, headers: dict[str, str]) -> Response:
        host = urlsplit(current).hostname or ""
        wait = self.policy.backoff
        for attempt in range(self.policy.retries + 1):
            last = attempt == self.policy.retries
            self._polite(host)
            try:
                resp = self._once(url, current, headers)
            except httpx.ConnectError as exc:
                if str(exc).startswith(_REFUSED):  # DNS rebinding: never retried
                    raise FetchError(url, str(exc), f"set {ENV_ALLOW_PRIVATE}=1 (or "
                                     "--allow-private) to fetch from private networks") from None
                if last:
                    raise FetchError(url, f"request failed after {attempt + 1} attempt(s): "
                                     f"{type(exc).__name__}", "try again later") from None
                self.sleep(wait)
                wait *= 2
                continue
            except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as exc:
                if last:
                    what = "timed out" if isinstance(exc, httpx.TimeoutException) else "failed"
                    raise FetchError(url, f"request {what} after {attempt + 1} attempt(s): "
                                     f"{type(exc).__name__}", "try again later") from None
                self.sleep(wait)
                wait *= 2
                continue
            if resp.status in _RETRY_STATUS and not last:
                self.sleep(max(wait, resp.retry_after))
                wait *= 2
                continue
            return resp
        raise AssertionError("unreachable")

    def _once(self, url: str, current: str, headers: dict[str, str]) -> Response:
        cap = self.policy.max_bytes
        with self._client.stream("GET", current, headers=headers) as r:
            location = r.headers.get("location")
            if r.status_code in _REDIRECT_STATUS:
                return Response(urljoin(current, location) if location else "", r.status_code)
            declared = r.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > cap:
                raise _too_big(url, int(declared), cap)
            chunks: list[bytes] = []
            size = 0
            deadline = time.monotonic() + self.policy.max_seconds
            for chunk in r.iter_bytes():
                size += len(chunk)
                if size > cap:
                    raise _too_big(url, size, cap)
                if time.monotonic() > deadline:
                    raise FetchError(url, f"response took over {self.policy.max_seconds:g} s "
                                     f"({size:,} bytes read)", "try again later or skip it")
                chunks.append(chunk)
            return Response(
                url=current,
                status=r.status_code,
                content=b"".join(chunks),
                content_type=r.headers.get("content-type", ""),
                etag=r.headers.get("etag"),
                last_modified=r.headers.get("last-modified"),
                retry_after=retry_after(r.headers.get("retry-after", "")),
            )


_REFUSED = "refused: connected to"


class _PublicOnlyBackend(httpcore.SyncBackend):
    """Checks the address each connection actually reached before anything is sent on it."""

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Any = None) -> httpcore.NetworkStream:
        stream = super().connect_tcp(host, port, timeout, local_address, socket_options)
        peer = stream.get_extra_info("socket").getpeername()[0]
        if not is_public(peer):
            stream.close()
            raise httpcore.ConnectError(
                f"{_REFUSED} {peer}, a loopback, private or link-local address, for {host} "
                "(its DNS answer changed after the check)")
        return stream


def public_only_transport() -> httpx.HTTPTransport:
    """An httpx transport whose connections may only reach public addresses."""
    transport = httpx.HTTPTransport()
    # httpx takes no network backend argument; its pool does (httpcore's public API).
    transport._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(),
                                              network_backend=_PublicOnlyBackend())
    return transport


def retry_after(value: str) -> float:
    """Seconds a Retry-After header asks for (delta seconds or an HTTP date), capped."""
    value = value.strip()
    if not value:
        return 0.0
    if value.isdigit():
        return min(float(value), _MAX_RETRY_AFTER)
    try:
        delta = parsedate_to_datetime(value).timestamp() - time.time()
    except (TypeError, ValueError, IndexError):
        return 0.0
    return max(0.0, min(delta, _MAX_RETRY_AFTER))


def _too_big(url: str, size: int, cap: int) -> FetchError:
    return FetchError(url, f"response is over the size limit of {cap:,} bytes ({size:,}+)",
                      "raise the limit or skip this URL")
