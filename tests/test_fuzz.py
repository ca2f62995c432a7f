"""Hostile input: property tests (hypothesis) over every reader, a seeded fuzzing run of
read + extract for a fixed time budget, and the classic attacks (decompression bombs, gigantic
lines, deep nesting, broken encodings, wrong JSON shapes, zero-width and bidi characters).

Each input must give a clear error (a Failure naming it) or a correct result (a Document whose
offsets index into its text), in bounded time and memory. ``NEWSEVENTS_FUZZ_SECONDS`` sets the
fuzzing budget (default 15 s).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsevents.errors import NewsEventsError
from newsevents.pipeline import Failure, Pipeline
from newsevents.records import Document, RawDocument, to_json
from newsevents.sources import read_inputs
from newsevents.stages.sentences import MAX_SENTENCE

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "src" / "newsevents" / "demo" / "corpus"
PROPERTY = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
# Invisible and direction-changing characters that real pages contain (and attackers use).
SPECIALS = "\u200b\u200c\u200d\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068" \
           "\u2069\u200e\u200f\u00ad\u0301\ufffd\u2028\u2029\x85\x0b\x0c"
WORDS = ["Iranian", "President", "Masoud", "Pezeshkian", "met", "Russian", "Vladimir", "Putin",
         "in", "Kazan", "on", "Wednesday", ".", ",", "the", "Israeli", "strikes", "on",
         "Hezbollah", "BRICS", "summit", "said", "\n\n", "Moscow", "signed", "agreement"]


def _check_items(items: list[RawDocument | Failure]) -> None:
    for item in items:
        if isinstance(item, Failure):
            assert item.source and item.message
            continue
        assert isinstance(item, RawDocument)
        content = item.html if item.html is not None else item.text
        assert isinstance(content, str)
        content.encode("utf-8")  # no lone surrogates reach the pipeline
        for value in (item.title, item.url, item.published):
            assert value is None or isinstance(value, str)


def _read_bytes(suffix: str, data: bytes, max_bytes: int = 2_000_000) -> list[Any]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        return list(read_inputs([str(path)], max_bytes=max_bytes))


def _read_stdin(data: bytes) -> list[Any]:
    return list(read_inputs(["-"], stdin=io.BytesIO(data)))


def _check_document(doc: Document) -> None:
    out = to_json(doc)
    text = out["article"]["text"]
    for actor in out["actors"]:
        for m in actor["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    for place in out["places"]:
        for m in place["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    for ev in out["events"]:
        e = ev["evidence"]
        assert text[e["start"]:e["end"]] == e["text"]
    json.dumps(out, ensure_ascii=False).encode("utf-8")
    assert all(s.end - s.start <= MAX_SENTENCE for s in doc.sentences)


# ------------------------------------------------------------------ strategies

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["text", "html", "title", "url", "published", "content", "body",
                         "articles", "items", "date", "language"]) | st.text(max_size=8),
        inner, max_size=5),
    max_leaves=12,
)
news_text = st.lists(st.sampled_from(WORDS) | st.sampled_from(list(SPECIALS))
                     | st.text(max_size=6), min_size=0, max_size=80).map(" ".join)
encodings = st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "utf-32"])


@st.composite
def encoded_text(draw: st.DrawFn) -> bytes:
    data = draw(news_text).encode(draw(encodings), errors="replace")
    if draw(st.booleans()):  # splice in raw bytes: invalid UTF-8, NULs, stray BOMs
        pos = draw(st.integers(0, len(data)))
        data = data[:pos] + draw(st.binary(max_size=12)) + data[pos:]
    return data


# ------------------------------------------------------------------ properties of readers

@PROPERTY
@given(data=st.binary(max_size=3000) | encoded_text(),
       suffix=st.sampled_from([".txt", ".html", ".json", ".jsonl", ".xml", ".rss"]))
def test_any_bytes_in_any_reader(data: bytes, suffix: str) -> None:
    _check_items(_read_bytes(suffix, data))


@PROPERTY
@given(data=st.binary(max_size=3000) | encoded_text(),
       suffix=st.sampled_from([".txt.gz", ".jsonl.gz", ".warc", ".warc.gz"]),
       compress=st.booleans())
def test_any_bytes_in_compressed_and_warc_readers(data: bytes, suffix: str,
                                                  compress: bool) -> None:
    _check_items(_read_bytes(suffix, gzip.compress(data) if compress else data))


@PROPERTY
@given(data=st.binary(max_size=3000) | encoded_text())
def test_any_bytes_on_stdin(data: bytes) -> None:
    _check_items(_read_stdin(data))


@PROPERTY
@given(value=json_values, lines=st.booleans())
def test_json_of_any_shape(value: object, lines: bool) -> None:
    text = json.dumps(value, ensure_ascii=False)
    if lines:
        items = _read_bytes(".jsonl", (text + "\n" + text + "\n").encode())
    else:
        items = _read_bytes(".json", text.encode())
    _check_items(items)
    if isinstance(value, dict) and isinstance(value.get("text"), str) and value["text"].strip():
        assert any(isinstance(i, RawDocument) for i in items)


@settings(max_examples=25, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=news_text, html=st.booleans())
def test_pipeline_on_hostile_text(pipeline: Pipeline, text: str, html: bool) -> None:
    raw = (RawDocument(source="h.html", html=f"<html><body><p>{text}</p></body></html>")
           if html else RawDocument(source="h.txt", text=text))
    for item in pipeline.pipe([raw]):
        if isinstance(item, Document):
            _check_document(item)
        else:
            assert item.message


# ------------------------------------------------------------------ a budgeted fuzzing run

def _mutate(rng: random.Random, data: bytes) -> bytes:
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(8)
        pos = rng.randrange(len(data) + 1)
        if op == 0 and data:  # flip bytes
            data = data[:pos] + bytes([rng.randrange(256)]) + data[pos + 1:]
        elif op == 1:  # invisible and bidi characters
            data = data[:pos] + rng.choice(SPECIALS).encode() + data[pos:]
        elif op == 2:  # truncate (mid-character, mid-tag)
            data = data[:pos]
        elif op == 3:  # repeat a slice
            end = min(len(data), pos + rng.randint(1, 400))
            data = data[:end] + data[pos:end] * rng.randint(2, 20) + data[end:]
        elif op == 4:  # nesting
            depth = rng.randint(10, 600)
            data = b"<div><b>" * depth + data + b"</b></div>" * rng.randint(0, depth)
        elif op == 5:  # re-encode
            data = data.decode("utf-8", "replace").encode(
                rng.choice(["utf-16", "cp1252", "latin-1", "utf-8-sig"]), "replace")
        elif op == 6:  # wrap as JSON of some shape
            body = data.decode("utf-8", "replace")
            data = json.dumps(rng.choice([{"text": body}, [{"html": body}], {"items": [body]},
                                          {"text": [body]}, body])).encode()
        else:  # splice random bytes
            data = data[:pos] + rng.randbytes(rng.randint(1, 40)) + data[pos:]
    return data[:60_000]


def _seeds() -> list[bytes]:
    return [p.read_bytes() for p in sorted(DEMO.iterdir())
            if p.suffix in (".txt", ".html", ".jsonl")][:20]


def test_fuzz_read_and_extract_for_a_fixed_budget(pipeline: Pipeline, tmp_path: Path) -> None:
    budget = float(os.environ.get("NEWSEVENTS_FUZZ_SECONDS", "15"))
    rng = random.Random(20241023)
    seeds = _seeds()
    read_only = extracted = documents = 0
    crashes: list[str] = []

    def run(data: bytes, extract: bool) -> None:
        nonlocal documents
        try:
            items = _read_stdin(data)
            _check_items(items)
            if not extract:
                return
            for item in pipeline.pipe(items):
                if isinstance(item, Document):
                    documents += 1
                    _check_document(item)
        except NewsEventsError:
            pass  # a clear error is a correct answer to a broken input
        except Exception as exc:  # a crash: keep the input to reproduce it
            name = tmp_path / f"crash-{len(crashes)}.bin"
            name.write_bytes(data)
            crashes.append(f"{type(exc).__name__}: {exc} ({name})")

    deadline = time.monotonic() + budget
    # A third of the budget on the readers alone (thousands of inputs), the rest end to end.
    while time.monotonic() < deadline - budget * 2 / 3:
        run(_mutate(rng, rng.choice(seeds)), extract=False)
        read_only += 1
    while time.monotonic() < deadline:
        run(_mutate(rng, rng.choice(seeds)), extract=True)
        extracted += 1
    print(f"\nfuzz: {read_only} inputs read, {extracted} read and extracted "
          f"({documents} documents), {len(crashes)} crashes in {budget:g} s")
    assert not crashes, crashes[:5]
    assert extracted >= 10 and read_only >= 100


# ------------------------------------------------------------------ known attacks

def _bounded(fn: Any, *, seconds: float, megabytes: float) -> Any:
    """Run ``fn`` and check its time and its peak Python allocation."""
    tracemalloc.start()
    started = time.monotonic()
    try:
        result = fn()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    took = time.monotonic() - started
    assert took < seconds, f"took {took:.1f} s"
    assert peak < megabytes * 1e6, f"peak {peak / 1e6:.0f} MB"
    return result


LIMIT = 1_000_000  # max_bytes of these tests: a bomb must stop near it, not at its full size


def _gz_bomb(size: int, line: bool = False) -> bytes:
    return gzip.compress(b"a" * size if line else b"war and peace\n" * (size // 14), 9)


@pytest.mark.parametrize("suffix", [".txt.gz", ".jsonl.gz"])
def test_gzip_bomb_stops_at_the_limit(suffix: str) -> None:
    bomb = _gz_bomb(40_000_000, line=True)  # 40 MB in ~40 KB, one endless line
    assert len(bomb) < 100_000
    items = _bounded(lambda: _read_bytes(suffix, bomb, LIMIT), seconds=10, megabytes=8)
    assert [type(i) for i in items] == [Failure]
    assert "limit" in items[0].message


def _warc(payload: bytes, encoding: str | None) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    headers = [("Content-Type", "text/html; charset=utf-8")]
    if encoding:
        headers.append(("Content-Encoding", encoding))
    http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
    record = writer.create_warc_record("https://news.example/bomb", "response",
                                       payload=io.BytesIO(payload), http_headers=http)
    writer.write_record(record)
    record.raw_stream.close()  # warcio spooled the payload to a temporary file
    return out.getvalue()


@pytest.mark.parametrize("encoding", [None, "gzip"])
def test_warc_bomb_stops_at_the_limit(encoding: str | None) -> None:
    page = b"<html><body>" + b"<p>war and peace</p>" * 2_000_000 + b"</body></html>"  # 40 MB
    payload = gzip.compress(page, 9) if encoding else page
    data = _warc(payload, encoding)
    assert len(data) < 1_000_000
    # warcio inflates the file 16 KB at a time and deflate expands at most ~1000 times, so the
    # peak stays near 30 MB whatever the page's size (measured the same for 10, 40 and 200 MB).
    items = _bounded(lambda: _read_bytes(".warc.gz", data, LIMIT), seconds=15, megabytes=64)
    assert [type(i) for i in items] == [Failure] and "over the limit" in items[0].message


def test_gigantic_line_is_processed_in_linear_time(pipeline: Pipeline) -> None:
    line = "Iranian President Masoud Pezeshkian met Russian President Vladimir Putin in Kazan " \
           "and "
    text = line * 700  # 60 KB, one line, no sentence end
    items = _read_bytes(".txt", text.encode())
    started = time.monotonic()
    (doc,) = pipeline.pipe(items)
    took = time.monotonic() - started
    assert isinstance(doc, Document)
    _check_document(doc)  # every sentence cut to MAX_SENTENCE
    assert doc.events and took < 30, took  # was 24 s for 60 KB (quadratic) before the cut


def test_gigantic_file_is_refused_not_loaded() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.txt"
        with path.open("wb") as f:
            f.truncate(50_000_000)  # sparse: 50 MB of NULs without writing them
        items = _bounded(lambda: list(read_inputs([str(path)], max_bytes=LIMIT)),
                         seconds=5, megabytes=4)
    assert len(items) == 1 and isinstance(items[0], Failure) and "limit" in items[0].message


def test_jsonl_gigantic_line_is_cut_and_the_rest_read() -> None:
    good = json.dumps({"text": "Putin met Xi in Beijing on Thursday."}).encode()
    data = good + b"\n" + b'{"text": "' + b"x" * 3_000_000 + b'"}\n' + good + b"\n"
    items = _bounded(lambda: _read_bytes(".jsonl", data, LIMIT), seconds=5, megabytes=12)
    assert [type(i).__name__ for i in items] == ["RawDocument", "Failure", "RawDocument"]


@pytest.mark.parametrize("depth", [300, 5000, 100_000])
def test_deeply_nested_html(pipeline: Pipeline, depth: int) -> None:
    html = ("<html><body>" + "<div><span>" * depth + "<p>Iranian President Masoud Pezeshkian "
            "met Russian President Vladimir Putin in Kazan on Wednesday.</p>"
            + "</span></div>" * depth + "</body></html>")
    started = time.monotonic()
    (item,) = pipeline.pipe([RawDocument(source="deep.html", html=html)])
    assert time.monotonic() - started < 20
    if isinstance(item, Document):
        _check_document(item)
    else:
        assert "deep.html" in item.message


@pytest.mark.parametrize("data", [
    b"[" * 100_000 + b"]" * 100_000,
    b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
])
@pytest.mark.parametrize("suffix", [".json", ".jsonl", "-"])
def test_deeply_nested_json_is_a_clear_error(data: bytes, suffix: str) -> None:
    items = _read_stdin(data) if suffix == "-" else _read_bytes(suffix, data)
    assert [type(i) for i in items] == [Failure]
    assert "nested too deeply" in items[0].message


@pytest.mark.parametrize(("data", "expect"), [
    ("café au lait à Paris".encode("cp1252"), "café au lait"),  # read as Windows-1252
    ("\ufeffPutin met Xi.".encode(), "Putin met Xi."),  # UTF-8 with BOM
    ("Putin met Xi.".encode("utf-16"), None),  # a clear error: re-save as UTF-8
    (b"Putin \xc3\x28 met \xa0\x81 Xi", None),  # invalid UTF-8 and not Windows-1252 either
    (b"Putin\x00met", None),  # binary
])
def test_encodings_give_text_or_a_clear_error(data: bytes, expect: str | None) -> None:
    (item,) = _read_bytes(".txt", data)
    if expect is None:
        assert isinstance(item, Failure) and "input.txt" in item.message
    else:
        assert isinstance(item, RawDocument) and item.text is not None
        assert expect in item.text


@pytest.mark.parametrize("value", [[1, 2], {"text": 5}, {"text": ["a"]}, {"html": {}},
                                   {"articles": "no"}, [], {"text": "ok", "published": 2024,
                                                            "title": ["t"], "url": 7}])
def test_json_of_the_wrong_shape(value: object) -> None:
    items = _read_bytes(".json", json.dumps(value).encode())
    _check_items(items)
    if value == []:
        assert isinstance(items[0], Failure)


def test_zero_width_and_bidi_characters(pipeline: Pipeline) -> None:
    text = ("Iranian\u200b President Masoud\u00ad Pezeshkian met Russian President\u202e "
            "Vladimir Putin\u202c in Kazan\u2066 on Wednesday\u2069, October 23, 2024.\n\n"
            "\u200fThe two leaders signed a strategic partnership agreement.\u200e")
    (doc,) = pipeline.pipe(_read_bytes(".txt", text.encode()))
    assert isinstance(doc, Document)
    _check_document(doc)
    assert doc.events
