"""WARC and WARC.gz files (warcio) to RawDocuments: the HTTP responses that hold HTML pages.

Records are streamed one at a time (a Common Crawl News file of a gigabyte runs in bounded
memory); each page keeps its target URL. The WARC date is the crawl date, not the publication
date, so it is not given as ``published``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO

from newsevents.errors import InputError
from newsevents.pipeline import Failure
from newsevents.records import RawDocument
from newsevents.sources.decode import decode_web

SUFFIXES = (".warc", ".warc.gz", ".arc.gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml")

Item = RawDocument | Failure


def read_warc(path: Path, max_bytes: int = 20_000_000) -> Iterator[Item]:
    with path.open("rb") as f:
        yield from read_warc_stream(f, str(path), max_bytes)


def read_warc_stream(stream: IO[bytes], source: str, max_bytes: int = 20_000_000
                     ) -> Iterator[Item]:
    """HTML pages of the ``response`` records of a WARC stream (gzipped or not)."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    pages = 0
    try:
        for n, record in enumerate(ArchiveIterator(stream), start=1):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            if record.http_headers.get_statuscode() != "200":
                continue
            ctype = (record.http_headers.get_header("Content-Type") or "").lower()
            if not any(t in ctype for t in _HTML_TYPES):
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{source}#{url or n}"
            body = record.content_stream().read(max_bytes + 1)
            pages += 1  # an oversized page is reported as such, not as "no HTML records"
            if len(body) > max_bytes:
                yield Failure(where, str(InputError(
                    where, f"page is over the limit of {max_bytes:,} bytes", "skipped")))
                continue
            charset = None
            if "charset=" in ctype:
                charset = ctype.split("charset=", 1)[1].split(";")[0].strip("\"' ")
            try:
                text = decode_web(where, body, charset).text
            except InputError as exc:
                yield Failure(where, str(exc))
                continue
            yield RawDocument(source=where, html=text, url=url)
    except ArchiveLoadFailed as exc:
        raise InputError(source, f"not a readable WARC file: {exc}",
                         "give a .warc or .warc.gz file (e.g. from Common Crawl News)") from None
    if pages == 0:
        raise InputError(source, "WARC file holds no HTML response records",
                         "only 'response' records of HTML pages with status 200 are read")
