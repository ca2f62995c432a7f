"""RSS/Atom feeds: entries to documents (linked page or feed content), feed and source kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsevents.pipeline import Failure
from newsevents.records import RawDocument
from newsevents.sources import read_inputs
from newsevents.sources.feeds import looks_like_feed, parse_feed
from newsevents.sources.fetch import ENV_ALLOW_PRIVATE, Fetcher, FetchPolicy

from .http_server import serve

ARTICLE = """<html><head><title>Leaders meet in Kazan</title>
<meta property="article:published_time" content="2024-10-23T09:00:00Z"></head><body>
<nav>Home | World | Sport</nav><article><h1>Leaders meet in Kazan</h1>
<p>KAZAN, Russia (Reuters) - Iranian President Masoud Pezeshkian met Russian President
Vladimir Putin on Wednesday on the sidelines of the BRICS summit in Kazan.</p>
<p>The two leaders discussed energy cooperation and regional security, officials said.</p>
</article></body></html>"""


def rss(base: str, n: int = 2) -> bytes:
    items = "".join(
        f"<item><title>Story {i}</title><link>{base}/story/{i}</link><guid>{base}/story/{i}</guid>"
        f"<pubDate>Wed, 23 Oct 2024 0{i}:00:00 GMT</pubDate><description>Teaser {i}</description>"
        "</item>" for i in range(1, n + 1))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire'
            f"</title><link>{base}</link>{items}</channel></rss>").encode()


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Ledger</title><id>urn:ledger</id>
<updated>2024-11-17T00:00:00Z</updated>
<entry><title>Biden meets Xi in Lima</title><id>urn:ledger:1</id>
<link href="https://ledger.example/2024/11/17/biden-xi-lima"/>
<published>2024-11-17T12:00:00Z</published>
<content type="html">&lt;p&gt;LIMA, Peru (AP) - US President Joe Biden met Chinese President
Xi Jinping on Saturday at the APEC summit, their last meeting before the change of administration in
Washington. The two leaders discussed trade, Taiwan and the war in Ukraine.&lt;/p&gt;&lt;p&gt;Xi
said China was ready to work with the new administration, according to state media, while
Biden urged restraint in the South China Sea and raised the detention of Americans.&lt;/p&gt;
</content></entry>
<entry><title>No content</title><id>urn:ledger:2</id></entry></feed>"""


def _site(base_routes: dict[str, object] | None = None) -> dict[str, object]:
    page = (200, {"Content-Type": "text/html; charset=utf-8"}, ARTICLE.encode())
    return {"/story/1": page, "/story/2": page, **(base_routes or {})}


def _fetcher() -> Fetcher:
    return Fetcher(FetchPolicy(allow_private=True, per_host_delay=0, backoff=0, retries=0))


def test_looks_like_feed() -> None:
    assert looks_like_feed(rss("http://x"), "application/rss+xml")
    assert looks_like_feed(ATOM)
    assert not looks_like_feed(ARTICLE.encode(), "text/html")


def test_parse_atom_entries() -> None:
    entries = parse_feed("ledger.atom", ATOM)
    assert [e.key for e in entries] == ["urn:ledger:1", "urn:ledger:2"]
    assert entries[0].published == "2024-11-17" and entries[0].link is not None
    assert entries[0].content is not None and "Xi Jinping" in entries[0].content


def test_feed_file_uses_entry_content(tmp_path: Path) -> None:
    path = tmp_path / "ledger.atom"
    path.write_bytes(ATOM)
    docs = list(read_inputs([str(path)]))
    first, second = docs
    assert isinstance(first, RawDocument) and first.feed == str(path)
    assert first.url == "https://ledger.example/2024/11/17/biden-xi-lima"
    assert first.published == "2024-11-17" and first.html is not None
    assert isinstance(second, Failure) and "no content" in second.message


def test_not_a_feed_file_fails_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "notes.xml"
    path.write_text("<config><a>1</a></config>")
    [item] = read_inputs([str(path)])
    assert isinstance(item, Failure) and "RSS/Atom" in item.message


def test_feed_url_fetches_linked_pages() -> None:
    with serve(_site()) as site:
        site.routes["/feed.xml"] = (200, {"Content-Type": "application/rss+xml"},
                                    rss(site.base))
        docs = list(read_inputs([site.url("/feed.xml")], fetcher=_fetcher()))
    assert len(docs) == 2 and all(isinstance(d, RawDocument) for d in docs)
    doc = docs[0]
    assert isinstance(doc, RawDocument)
    assert doc.feed == site.url("/feed.xml") and doc.url == site.url("/story/1")
    assert doc.html is not None and "Pezeshkian" in doc.html
    assert doc.title == "Story 1" and doc.published == "2024-10-23"


def test_broken_link_is_a_failure_others_continue() -> None:
    with serve(_site()) as site:
        site.routes["/feed.xml"] = (200, {}, rss(site.base, n=3))  # /story/3 is a 404
        docs = list(read_inputs([site.url("/feed.xml")], fetcher=_fetcher()))
    assert [type(d).__name__ for d in docs] == ["RawDocument", "RawDocument", "Failure"]
    assert "HTTP 404" in docs[2].message  # type: ignore[union-attr]


@pytest.mark.slow
def test_cli_ingest_feed_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsevents.cli import app
    from newsevents.store import Store

    monkeypatch.setenv(ENV_ALLOW_PRIVATE, "1")
    db = tmp_path / "n.duckdb"
    with serve(_site()) as site:
        site.routes["/feed.xml"] = (200, {"Content-Type": "application/rss+xml"},
                                    rss(site.base))
        result = CliRunner().invoke(app, ["ingest", site.url("/feed.xml"), "--db", str(db),
                                          "-q"])
    assert result.exit_code == 0, result.output
    # Both entries link to the same page under two URLs: one article, one recorded copy.
    assert "1 added" in result.output and "1 near-duplicate copies" in result.output, \
        result.output
    with Store(db, read_only=True) as store:
        assert store.stats()["articles"] == 1


def test_cli_ingest_refuses_loopback_without_permission(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from newsevents.cli import app

    monkeypatch.delenv(ENV_ALLOW_PRIVATE, raising=False)
    with serve(_site()) as site:
        result = CliRunner().invoke(app, ["ingest", site.url("/story/1"), "--db",
                                          str(tmp_path / "n.duckdb"), "-q"])
    assert result.exit_code == 1 and ENV_ALLOW_PRIVATE in result.output


# ---------------------------------------------------------------- watch


def test_parse_every() -> None:
    from newsevents.watch import parse_every

    assert parse_every("15m") == 900 and parse_every("1h") == 3600 and parse_every("90") == 90
    with pytest.raises(ValueError, match="not an interval"):
        parse_every("soon")


@pytest.mark.slow
def test_watch_polls_conditionally_and_resumes_after_restart(tmp_path: Path,
                                                            pipeline: object) -> None:
    import duckdb

    from newsevents.store import Store
    from newsevents.watch import WatchState, poll

    db = tmp_path / "w.duckdb"
    state_feed = {"n": 2, "etag": '"v2"'}

    def feed(headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        if headers.get("if-none-match") == state_feed["etag"]:
            return 304, {}, b""
        return 200, {"ETag": state_feed["etag"], "Content-Type": "application/rss+xml"}, \
            rss(site.base, n=state_feed["n"])

    with serve(_site({"/feed.xml": feed, "/story/3": (200, {"Content-Type": "text/html"},
                                                      ARTICLE.replace("Kazan", "Minsk")
                                                      .encode())})) as site:
        url = site.url("/feed.xml")
        for round_, expect in enumerate([(2, 2), None, (3, 1)]):
            if round_ == 2:
                state_feed.update(n=3, etag='"v3"')
            # A new store handle and state each round: what a restarted watch sees.
            with Store(db) as store:
                con = duckdb.connect(str(db))
                result = poll(url, store, WatchState(con), _fetcher(), pipeline)  # type: ignore[arg-type]
                con.close()
            if expect is None:
                assert result.not_modified and "not modified" in result.line()
            else:
                assert (result.entries, result.new) == expect, result
                assert result.failed == 0 and result.error is None
        assert site.hits("/story/1") == 1 and site.hits("/story/3") == 1
    with Store(db, read_only=True) as store:
        # Story 2 is the same page as story 1 under another URL: stored once, kept as a copy.
        assert store.stats()["articles"] == 2


@pytest.mark.slow
def test_cli_watch_once(tmp_path: Path) -> None:
    from newsevents.cli import app

    db = tmp_path / "w.duckdb"
    with serve(_site()) as site:
        site.routes["/feed.xml"] = (200, {"Content-Type": "application/rss+xml"},
                                    rss(site.base, n=1))
        args = ["watch", site.url("/feed.xml"), "--every", "1s", "--once", "--allow-private",
                "--db", str(db)]
        first = CliRunner().invoke(app, args)
        second = CliRunner().invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "1 entries, 1 new, 1 added" in first.output
    assert "1 entries, 0 new, 0 added" in second.output  # remembered across restarts
    bad = CliRunner().invoke(app, ["watch", "http://x.example/feed", "--every", "soon"])
    assert bad.exit_code == 2 and "not an interval" in bad.output
