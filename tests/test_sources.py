"""Reading inputs: file kinds, directories, globs, stdin, and a Failure for every bad input."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from newsevents.pipeline import Failure
from newsevents.records import RawDocument
from newsevents.sources import read_inputs

from .conftest import RESOURCES


def _read(*names: str, **kw: object) -> list[RawDocument | Failure]:
    return list(read_inputs([str(RESOURCES / n) for n in names], **kw))  # type: ignore[arg-type]


def _one_failure(name: str, **kw: object) -> Failure:
    items = _read(name, **kw)
    assert len(items) == 1 and isinstance(items[0], Failure), items
    return items[0]


def test_plain_text_file() -> None:
    [doc] = _read("src_plain.txt")
    assert isinstance(doc, RawDocument)
    assert doc.source.endswith("src_plain.txt")
    assert doc.text is not None and doc.text.startswith("Fishermen and coast guard")
    assert doc.html is None and doc.notes == ()


def test_html_file_is_kept_as_html() -> None:
    [doc] = _read("src_article.html")
    assert isinstance(doc, RawDocument)
    assert doc.html is not None and doc.text is None
    assert "<article>" in doc.html


def test_jsonl_lines_aliases_and_failures_by_line() -> None:
    items = _read("src_dump.jsonl")
    by_line = {i.source.rsplit(":", 1)[1]: i for i in items}
    assert sorted(by_line, key=int) == ["1", "2", "4", "5", "6", "7", "8"]  # line 3 is blank
    first = by_line["1"]
    assert isinstance(first, RawDocument)
    assert first.url == "https://example.org/gdansk-strike"
    assert first.title == "Gdansk strike ends"
    assert first.published == "2025-02-13"  # ISO timestamp reduced to its date
    second = by_line["2"]  # "content", "link" and an RFC 2822 "date"
    assert isinstance(second, RawDocument)
    assert second.text is not None and second.text.startswith("Farmers blocked")
    assert second.url == "https://example.org/lyon-farmers"
    assert second.published == "2025-02-14"
    fourth = by_line["4"]  # "html" field and "headline" alias
    assert isinstance(fourth, RawDocument) and fourth.html and fourth.title == "Vote delayed"
    eighth = by_line["8"]  # HTML inside a "body" field is read as HTML
    assert isinstance(eighth, RawDocument) and eighth.html and eighth.feed == "regional-news"

    malformed = by_line["5"]
    assert isinstance(malformed, Failure)
    assert "src_dump.jsonl:5" in malformed.message
    assert "malformed JSON on line 5" in malformed.message
    assert "fix or remove that line" in malformed.message
    no_text = by_line["6"]
    assert isinstance(no_text, Failure)
    assert "no article text" in no_text.message and "'text'" in no_text.message
    not_object = by_line["7"]
    assert isinstance(not_object, Failure) and "expected a JSON object" in not_object.message


def test_jsonl_is_streamed_not_loaded(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for i in range(2000):
            f.write(f'{{"text": "Article number {i} about a port strike."}}\n')
    items = read_inputs([str(path)], max_bytes=100)  # limit applies per line, not per file
    first = next(items)
    assert isinstance(first, RawDocument) and first.source == f"{path}:1"
    assert sum(1 for _ in items) == 1999


def test_jsonl_line_over_limit_is_skipped_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    long_text = "word " * 500
    path.write_text(f'{{"text": "{long_text}"}}\n{{"text": "short one"}}\n', encoding="utf-8")
    first, second = read_inputs([str(path)], max_bytes=200)
    assert isinstance(first, Failure) and "longer than the limit" in first.message
    assert isinstance(second, RawDocument) and second.text == "short one"
    assert second.source.endswith(":2")


def test_json_list_and_single_object() -> None:
    items = _read("src_articles.json")
    assert [i.source.rsplit("#", 1)[1] for i in items] == ["1", "2", "3"]
    ghent, oslo, empty = items
    assert isinstance(ghent, RawDocument) and ghent.title == "Ghent closes ring road to lorries"
    assert isinstance(oslo, RawDocument) and oslo.published == "2025-01-08"
    assert isinstance(empty, Failure) and "no article text" in empty.message
    [single] = _read("src_single.json")
    assert isinstance(single, RawDocument)
    assert single.title == "Ferry service restored" and single.published == "2025-03-02"


def test_json_lines_saved_as_json_are_read_as_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "lines.json"
    path.write_text('{"text": "one"}\n{"text": "two"}\n', encoding="utf-8")
    assert [i.source for i in read_inputs([str(path)])] == [f"{path}:1", f"{path}:2"]


def test_malformed_json_names_line() -> None:
    fail = _one_failure("src_bad.json")
    assert "src_bad.json" in fail.message
    assert "malformed JSON at line 4" in fail.message


def test_empty_binary_and_missing_files() -> None:
    assert "empty file" in _one_failure("src_empty.txt").message
    binary = _one_failure("src_binary.txt")
    assert "binary file" in binary.message and "src_binary.txt" in binary.message
    missing = _one_failure("no_such_file.txt")
    assert "no such file or directory" in missing.message


def test_unknown_extension_lists_supported() -> None:
    fail = _one_failure("src_notes.pdf")
    assert "'.pdf'" in fail.message
    for ext in (".txt", ".html", ".htm", ".json", ".jsonl"):
        assert ext in fail.message


def test_encodings() -> None:
    [bom] = _read("src_bom.txt")
    assert isinstance(bom, RawDocument) and bom.text is not None
    assert bom.text.startswith("The port") and bom.notes == ()
    [latin] = _read("src_latin1.txt")
    assert isinstance(latin, RawDocument) and latin.text is not None
    assert "café" in latin.text and "Genève" in latin.text
    assert len(latin.notes) == 1 and "Windows-1252" in latin.notes[0]
    bad = _one_failure("src_undecodable.txt")
    assert "not UTF-8 or Windows-1252" in bad.message and "iconv" in bad.message


def test_file_over_max_bytes() -> None:
    fail = _one_failure("src_plain.txt", max_bytes=100)
    assert "over the limit of 100" in fail.message


def test_directory_is_walked_sorted_with_known_extensions_only() -> None:
    items = _read("src_dir")
    assert [Path(i.source).relative_to(RESOURCES / "src_dir").as_posix() for i in items] == [
        "b.txt",
        "sub/a.html",
    ]
    assert all(isinstance(i, RawDocument) for i in items)


def test_glob_and_no_duplicates() -> None:
    items = list(read_inputs([str(RESOURCES / "src_d*" / "**" / "*")]))
    assert sorted(Path(i.source).name for i in items) == ["a.html", "b.txt"]
    fail = _one_failure("zz_nothing_*.txt")
    assert "pattern matches no files" in fail.message


@pytest.mark.parametrize(
    ("data", "expect"),
    [
        (b"Plain words from a pipe.\n", ("<stdin>", "text")),
        (b"<!doctype html><html><body><p>Hello there</p></body></html>", ("<stdin>", "html")),
        (b'[{"text": "from a list"}]', ("<stdin>#1", "text")),
        (b'{\n  "text": "pretty printed"\n}\n', ("<stdin>", "text")),
    ],
)
def test_stdin_is_sniffed(data: bytes, expect: tuple[str, str]) -> None:
    [doc] = read_inputs(["-"], stdin=io.BytesIO(data))
    assert isinstance(doc, RawDocument)
    assert doc.source == expect[0]
    assert getattr(doc, expect[1])


def test_stdin_jsonl_is_streamed_by_line() -> None:
    data = b'{"text": "first"}\n{"text": "second"}\nnot json\n'
    items = list(read_inputs(["-"], stdin=io.BytesIO(data)))
    assert [i.source for i in items] == ["<stdin>:1", "<stdin>:2", "<stdin>:3"]
    assert isinstance(items[2], Failure) and "malformed JSON on line 3" in items[2].message


def test_stdin_empty_and_binary() -> None:
    [empty] = read_inputs(["-"], stdin=io.BytesIO(b"  \n"))
    assert isinstance(empty, Failure) and "empty input" in empty.message
    [binary] = read_inputs(["-"], stdin=io.BytesIO(b"abc\x00\x01def"))
    assert isinstance(binary, Failure) and "binary" in binary.message


# ---------------------------------------------------------------- gzip, WARC, URL lists

def _warc(path: Path, records: list[tuple[str, str, bytes, str]]) -> None:
    """Write a WARC.gz of (url, content type, body, record type) response records."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        for url, ctype, body, rec_type in records:
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(
                url, rec_type, payload=io.BytesIO(body), length=len(body),
                http_headers=http if rec_type == "response" else None)
            writer.write_record(rec)


def test_warc_gz_yields_html_responses_only(tmp_path: Path) -> None:
    page = "<html><body><p>Pezeshkian met Putin in Kazan.</p></body></html>"
    path = tmp_path / "crawl.warc.gz"
    _warc(path, [
        ("https://a.example/news/1", "text/html; charset=utf-8", page.encode(), "response"),
        ("https://a.example/logo.png", "image/png", b"\x89PNG", "response"),
        ("https://b.example/news/2", "text/html; charset=iso-8859-1",
         "<p>Caf\xe9 talks</p>".encode("latin-1"), "response"),
        ("https://a.example/news/1", "text/html", b"", "resource"),
    ])
    docs = list(read_inputs([str(path)]))
    assert [d.url for d in docs if isinstance(d, RawDocument)] == [
        "https://a.example/news/1", "https://b.example/news/2"]
    first, second = docs
    assert isinstance(first, RawDocument) and first.html == page and first.published is None
    assert isinstance(second, RawDocument) and second.html is not None
    assert "Café" in second.html and second.source.endswith("#https://b.example/news/2")


def test_warc_without_pages_and_broken_warc_fail(tmp_path: Path) -> None:
    empty = tmp_path / "empty.warc.gz"
    _warc(empty, [("https://a.example/x.png", "image/png", b"x", "response")])
    [fail] = read_inputs([str(empty)])
    assert isinstance(fail, Failure) and "no HTML response records" in fail.message
    broken = tmp_path / "broken.warc"
    broken.write_text("this is not a warc file\n")
    [fail] = read_inputs([str(broken)])
    assert isinstance(fail, Failure) and "WARC" in fail.message


def test_jsonl_gz_is_streamed_and_html_gz_read(tmp_path: Path) -> None:
    import gzip

    dump = tmp_path / "dump.jsonl.gz"
    with gzip.open(dump, "wt", encoding="utf-8") as f:
        for i in range(3):
            f.write(json.dumps({"text": f"Article {i} text.", "url": f"https://x/{i}"}) + "\n")
    page = tmp_path / "page.html.gz"
    page.write_bytes(gzip.compress(b"<html><body><p>Hi there</p></body></html>"))
    bad = tmp_path / "bad.txt.gz"
    bad.write_bytes(b"not gzip at all")
    docs = list(read_inputs([str(dump), str(page), str(bad)]))
    assert [d.text for d in docs[:3] if isinstance(d, RawDocument)] == [
        "Article 0 text.", "Article 1 text.", "Article 2 text."]
    assert docs[1].source == f"{dump}:2"
    assert isinstance(docs[3], RawDocument) and docs[3].html is not None
    assert isinstance(docs[4], Failure) and "gzip" in docs[4].message


def test_directory_walk_finds_new_kinds(tmp_path: Path) -> None:
    import gzip

    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(b'{"text": "One."}\n'))
    (tmp_path / "b.rss").write_text("<rss version='2.0'><channel><title>t</title><item>"
                                    "<title>x</title><description>Body text.</description>"
                                    "</item></channel></rss>")
    (tmp_path / "c.bin").write_bytes(b"\x00")
    docs = list(read_inputs([str(tmp_path)]))
    assert [d.text for d in docs if isinstance(d, RawDocument)] == ["One.", "Body text."]


def test_url_list_file_fetches_each_url(tmp_path: Path) -> None:
    from newsevents.sources.fetch import Fetcher, FetchPolicy

    from .http_server import serve

    page = b"<html><body><p>Story text here.</p></body></html>"
    with serve({"/1": (200, {"Content-Type": "text/html"}, page),
                "/2": (200, {"Content-Type": "text/plain"}, b"Plain story.")}) as site:
        lst = tmp_path / "list.urls"
        lst.write_text(f"# morning\n{site.url('/1')}\n\n{site.url('/2')}\n")
        txt = tmp_path / "list.txt"
        txt.write_text(f"{site.url('/2')}\n")
        fetcher = Fetcher(FetchPolicy(allow_private=True, per_host_delay=0))
        docs = list(read_inputs([str(lst), str(txt)], fetcher=fetcher))
    assert [(d.url, d.html is not None) for d in docs if isinstance(d, RawDocument)] == [
        (site.url("/1"), True), (site.url("/2"), False), (site.url("/2"), False)]


@pytest.mark.slow
def test_cli_ingest_warc_gz(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsevents.cli import app
    from newsevents.store import Store

    page = ("<html><head><title>Leaders meet</title></head><body><article><h1>Leaders meet"
            "</h1><p>KAZAN, Russia (Reuters) - Iranian President Masoud Pezeshkian met Russian "
            "President Vladimir Putin on Wednesday at the BRICS summit in Kazan.</p>"
            "</article></body></html>")
    path = tmp_path / "news.warc.gz"
    _warc(path, [("https://a.example/2024/10/23/kazan", "text/html", page.encode(),
                  "response")])
    db = tmp_path / "n.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(path), "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    assert "1 added" in result.output
    with Store(db, read_only=True) as store:
        assert store.stats()["articles"] == 1


def test_an_empty_text_field_is_named_as_empty() -> None:
    from newsevents.errors import InputError
    from newsevents.sources.objects import from_object

    with pytest.raises(InputError) as empty:
        from_object("dump.jsonl:30", {"body": "  ", "date": "1987-03-02"})
    assert "dump.jsonl:30" in str(empty.value) and "'body' field is empty" in str(empty.value)
    with pytest.raises(InputError) as missing:
        from_object("dump.jsonl:31", {"date": "1987-03-02"})
    assert "keys: date" in str(missing.value)
