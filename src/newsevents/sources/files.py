"""Files, directories, globs, URLs and stdin to RawDocuments; every bad input becomes a Failure.

JSONL (also gzipped) and WARC files are streamed (``max_bytes`` then limits each line or page,
not the file), so a dump of any size runs in bounded memory. Other files are read whole and must
fit in ``max_bytes``. ``.gz`` files are read through gzip; feeds (.rss/.atom/.xml; an .xml of
PETRARCH ``<Sentence>`` records goes to ``petrarch_xml``), URL lists
(.urls, or a .txt holding only URLs) and http(s) arguments go to the feed and URL readers.
"""

from __future__ import annotations

import glob
import gzip
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import IO, Any, Protocol

from newsevents.errors import EmptyInputError, InputError
from newsevents.pipeline import Failure
from newsevents.records import RawDocument
from newsevents.sources import feeds, petrarch_xml, urls, warc
from newsevents.sources.decode import check_binary, decode
from newsevents.sources.fetch import Fetcher
from newsevents.sources.objects import HTML_KEYS, TEXT_KEYS, from_object, looks_like_html

KINDS = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    **{suffix: "feed" for suffix in feeds.SUFFIXES},
    **{suffix: "urls" for suffix in urls.SUFFIXES},
    **{suffix: "warc" for suffix in warc.SUFFIXES},
}
SUPPORTED = ", ".join(sorted(KINDS)) + ", and .gz of any of them"
STDIN = "<stdin>"
# Top-level keys under which API dumps wrap their list of articles.
_WRAPPER_KEYS = ("articles", "items", "documents", "results", "data", "records")
_SNIFF = 8192
_HTMLISH = re.compile(rb"<(?:!doctype|html|head|body|p|div|article|title)\b", re.IGNORECASE)

Item = RawDocument | Failure


def kind_of(path: Path) -> str | None:
    """What a file holds, from its name: text, html, json, jsonl, feed, urls, warc, or None."""
    name = path.name.lower()
    for suffix in warc.SUFFIXES:
        if name.endswith(suffix):
            return "warc"
    if name.endswith(".gz"):
        name = name[:-3]
    return KINDS.get(Path(name).suffix) if Path(name).suffix else None


class _Fetchers:
    """One Fetcher for all URLs of a call, made on first use (no client for plain files)."""

    def __init__(self, given: Fetcher | None) -> None:
        self._fetcher = given
        self._own = given is None

    def get(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = urls.default_fetcher()
        return self._fetcher

    def close(self) -> None:
        if self._own and self._fetcher is not None:
            self._fetcher.close()


def read_inputs(
    paths: Iterable[str],
    *,
    max_bytes: int = 20_000_000,
    stdin: IO[bytes] | None = None,
    fetcher: Fetcher | None = None,
) -> Iterator[Item]:
    """Yield one RawDocument per article found in ``paths`` (files, directories, globs, ``-``,
    http(s) URLs of pages or feeds), or a Failure naming each input that cannot be read and
    saying what to do.

    ``stdin`` replaces ``sys.stdin.buffer`` for ``-`` (tests pass a BytesIO); ``fetcher``
    replaces the default HTTP client (tests point it at a local server).
    """
    seen: set[Path] = set()  # a file named twice (by a glob and a directory, say) is read once
    fetchers = _Fetchers(fetcher)
    try:
        for arg in paths:
            if arg == "-":
                yield from _guard(STDIN, _read_stream(stdin or sys.stdin.buffer, STDIN,
                                                      max_bytes))
                continue
            if urls.is_url(arg):
                yield from urls.read_urls([arg.strip()], fetchers.get())
                continue
            for item in _expand(arg):
                if isinstance(item, Failure):
                    yield item
                elif item not in seen:
                    seen.add(item)
                    yield from _guard(str(item), _read_file(item, max_bytes, fetchers))
    finally:
        fetchers.close()


def _guard(source: str, items: Iterator[Item]) -> Iterator[Item]:
    """Turn an InputError (or an OS error) raised while reading into a Failure for that input."""
    try:
        yield from items
    except InputError as exc:
        yield Failure(exc.source, str(exc))
    except OSError as exc:
        yield _fail(source, f"cannot be read: {exc.strerror or exc}", "check its permissions")


def _fail(source: str, problem: str, hint: str = "") -> Failure:
    return Failure(source, str(InputError(source, problem, hint)))


def _expand(arg: str) -> Iterator[Path | Failure]:
    path = Path(arg).expanduser()
    if path.is_dir():
        found = list(_walk(path))
        if not found:
            yield _fail(arg, f"directory holds no supported files ({SUPPORTED})")
        yield from found
    elif path.exists():
        if kind_of(path) is None:
            yield _fail(
                arg,
                f"unsupported file type '{path.suffix or '(none)'}'",
                f"supported: {SUPPORTED}; directories, globs and - (stdin)",
            )
        else:
            yield path
    elif glob.has_magic(arg):
        matches = sorted(glob.glob(str(path), recursive=True))
        found = []
        for m in matches:
            p = Path(m)
            if p.is_dir():
                found.extend(_walk(p))
            elif kind_of(p) is not None:
                found.append(p)
        if not found:
            what = "no files" if not matches else f"no supported files ({SUPPORTED})"
            yield _fail(arg, f"pattern matches {what}", "check the pattern and quote it")
        yield from found
    else:
        yield _fail(arg, "no such file or directory", "check the path")


def _walk(root: Path) -> Iterator[Path]:
    """Supported files under ``root``, recursively, in sorted order; hidden ones skipped."""
    files = (
        p
        for p in root.rglob("*")
        if kind_of(p) is not None
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
        and p.is_file()
    )
    return iter(sorted(files))


def _too_big(source: str, size: int, max_bytes: int) -> InputError:
    return InputError(
        source,
        f"input is {size:,} bytes, over the limit of {max_bytes:,}",
        "raise max_bytes or split the input; JSONL files are streamed and have no size limit",
    )


def _open(path: Path) -> IO[bytes]:
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def _read_file(path: Path, max_bytes: int, fetchers: _Fetchers) -> Iterator[Item]:
    source = str(path)
    kind = kind_of(path)
    if kind == "warc":
        yield from warc.read_warc(path, max_bytes)
        return
    if kind == "urls":
        yield from urls.read_urls(urls.read_url_list(path), fetchers.get())
        return
    if kind == "jsonl":
        try:
            with _open(path) as f:
                yield from _read_jsonl(_lines(f, max_bytes), source, max_bytes)
        except (gzip.BadGzipFile, EOFError) as exc:
            raise InputError(source, f"not a readable gzip file: {exc}",
                             "check the download; gunzip -t FILE tells") from None
        return
    size = path.stat().st_size
    if size == 0:
        raise EmptyInputError(source, "empty file", "the file holds no article text")
    compressed = path.name.lower().endswith(".gz")
    if compressed:
        try:
            with gzip.open(path, "rb") as f:
                data = f.read(max_bytes + 1)
        except (gzip.BadGzipFile, EOFError) as exc:
            raise InputError(source, f"not a readable gzip file: {exc}",
                             "check the download; gunzip -t FILE tells") from None
        size = len(data)
    if size > max_bytes:
        raise _too_big(source, size, max_bytes)
    if not compressed:
        data = path.read_bytes()
    if kind == "feed" and petrarch_xml.looks_like_petrarch(data):
        yield from petrarch_xml.read_petrarch(source, data)
        return
    if kind == "feed":
        yield from feeds.feed_documents(source, feeds.parse_feed(source, data))
        return
    if kind == "text" and urls.is_url_list(data.decode("utf-8", "replace")):
        found = [ln.strip() for ln in data.decode("utf-8", "replace").splitlines()
                 if ln.strip() and not ln.startswith("#")]
        yield from urls.read_urls(found, fetchers.get())
        return
    assert kind is not None
    yield from _read_whole(source, kind, data)


def _read_whole(source: str, kind: str, data: bytes) -> Iterator[Item]:
    decoded = decode(source, data)
    notes = (decoded.note,) if decoded.note else ()
    if kind == "json":
        yield from _read_json(source, decoded.text, notes)
    elif kind == "html":
        yield RawDocument(source=source, html=decoded.text, notes=notes)
    else:
        yield RawDocument(source=source, text=decoded.text, notes=notes)


def _read_json(source: str, text: str, notes: tuple[str, ...]) -> Iterator[Item]:
    try:
        value: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and exc.lineno > 1:
            # One object per line saved as .json: read it as the JSONL it is.
            lines = ((ln + "\n").encode("utf-8") for ln in text.splitlines())
            yield from _read_jsonl(((ln, False) for ln in lines), source, 0)
            return
        raise InputError(
            source,
            f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
            "fix the file (a JSON object, or a list of objects; or use .jsonl, one per line)",
        ) from None
    except RecursionError:
        raise _too_deep(source) from None
    if isinstance(value, dict) and not _has_text(value):
        for key in _WRAPPER_KEYS:
            if isinstance(value.get(key), list):
                value = value[key]
                break
    if isinstance(value, list):
        if not value:
            raise EmptyInputError(source, "JSON list is empty", "the file holds no articles")
        for i, obj in enumerate(value, start=1):
            yield _object(f"{source}#{i}", obj, notes)
    else:
        yield _object(source, value, notes)


def _too_deep(source: str) -> InputError:
    # json.loads recurses once per level: [[[[...]]]] a few thousand deep exhausts the stack.
    return InputError(source, "JSON nested too deeply to be an article",
                      "give one object per article, e.g. {\"text\": \"...\"}")


def _has_text(obj: dict[str, Any]) -> bool:
    return any(isinstance(obj.get(k), str) for k in (*TEXT_KEYS, *HTML_KEYS))


def _object(source: str, obj: Any, notes: tuple[str, ...]) -> Item:
    try:
        raw = from_object(source, obj)
    except InputError as exc:
        return Failure(source, str(exc))
    return _with_notes(raw, notes)


def _with_notes(raw: RawDocument, notes: tuple[str, ...]) -> RawDocument:
    if not notes:
        return raw
    return replace(raw, notes=raw.notes + notes)


class _ReadLine(Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


class _Prefixed:
    """A stream whose first bytes were already read (to sniff them); readline sees them again."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        self._head = head
        self._stream = stream

    def readline(self, size: int = -1, /) -> bytes:
        if not self._head:
            return self._stream.readline(size)
        end = self._head.find(b"\n") + 1 or len(self._head)
        if size >= 0:
            end = min(end, size)
        line, self._head = self._head[:end], self._head[end:]
        if self._head or line.endswith(b"\n") or (size >= 0 and len(line) >= size):
            return line
        return line + self._stream.readline(-1 if size < 0 else size - len(line))


def _lines(f: _ReadLine, max_bytes: int) -> Iterator[tuple[bytes, bool]]:
    """Lines of ``f`` as (bytes, too_long); an over-long line is cut and the rest skipped, so
    memory stays bounded by ``max_bytes`` whatever the input."""
    while True:
        line = f.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:  # drain the rest of the over-long line
                rest = f.readline(65536)
                if not rest or rest.endswith(b"\n"):
                    break
            yield line, True
        else:
            yield line, False


def _read_jsonl(lines: Iterable[tuple[bytes, bool]], source: str, max_bytes: int) -> Iterator[Item]:
    seen = False
    for n, (line, too_long) in enumerate(lines, start=1):
        where = f"{source}:{n}"
        if n == 1:
            check_binary(source, line)
        if too_long:
            seen = True
            yield _fail(
                where,
                f"line is longer than the limit of {max_bytes:,} bytes",
                "raise max_bytes, or drop that article",
            )
            continue
        if not line.strip():
            continue
        seen = True
        try:
            decoded = decode(where, line)
            value = json.loads(decoded.text)
        except InputError as exc:
            yield Failure(where, str(exc))
            continue
        except RecursionError:
            yield Failure(where, str(_too_deep(where)))
            continue
        except json.JSONDecodeError as exc:
            yield _fail(
                where,
                f"malformed JSON on line {n}, column {exc.colno}: {exc.msg.removesuffix(' at')}",
                "fix or remove that line; each line must be one JSON object",
            )
            continue
        yield _object(where, value, (decoded.note,) if decoded.note else ())
    if not seen:
        raise EmptyInputError(source, "empty file", "the file holds no article text")


def _read_stream(stream: IO[bytes], source: str, max_bytes: int) -> Iterator[Item]:
    """Read stdin, sniffing what it holds: JSONL (streamed), JSON, HTML or plain text."""
    head = stream.read(_SNIFF)
    if not head.strip():
        raise EmptyInputError(source, "empty input", "pipe an article into newsevents")
    check_binary(source, head)
    start = head.lstrip(b" \t\r\n\xef\xbb\xbf")
    first_line = start.split(b"\n", 1)[0].strip() if b"\n" in start else b"}"
    if start.startswith(b"{") and first_line.endswith(b"}"):
        # One object per line (a long first line counts too): stream it as JSONL.
        yield from _read_jsonl(_lines(_Prefixed(head, stream), max_bytes), source, max_bytes)
        return
    data = head + stream.read(max(0, max_bytes + 1 - len(head)))
    if len(data) > max_bytes:
        raise _too_big(source, len(data), max_bytes)
    if start.startswith((b"{", b"[")):
        kind = "json"
    elif _HTMLISH.search(data[:_SNIFF]) and looks_like_html(
        data[:_SNIFF].decode("utf-8", "replace").lstrip("\ufeff")
    ):
        kind = "html"
    else:
        kind = "text"
    yield from _read_whole(source, kind, data)
