"""Bytes to text for every source: UTF-8, UTF-8 with BOM, then Windows-1252 only when clean."""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsevents.errors import EmptyInputError, InputError

_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# C0 controls other than tab, newline, carriage return and form feed never occur in real text;
# their presence after a "successful" decode means the bytes were not text in that encoding.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# How much of a file is looked at for NUL bytes before deciding it is binary.
_SNIFF = 8192

CONVERT_HINT = "convert it to UTF-8, e.g. iconv -f LATIN1 -t UTF-8 FILE > FILE.utf8"


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    # A non-fatal note for Document.notes (e.g. the encoding was guessed), or None.
    note: str | None = None


def check_binary(source: str, head: bytes) -> None:
    """Raise if ``head`` (the start of an input) shows it is not a text file."""
    if head.startswith(_UTF16_BOMS):
        raise InputError(
            source, "file is UTF-16 encoded", "re-save it as UTF-8, e.g. iconv -f UTF-16 -t UTF-8"
        )
    if b"\x00" in head[:_SNIFF]:
        raise InputError(
            source,
            "binary file (contains NUL bytes), not text",
            "give .txt, .html, .json or .jsonl text files; extract text from PDFs or "
            "documents first",
        )


def decode(source: str, data: bytes) -> Decoded:
    """Decode ``data``: UTF-8, else UTF-8 with BOM, else cp1252 with a note; else fail."""
    if not data.strip():
        raise EmptyInputError(source, "empty input", "the file holds no article text")
    check_binary(source, data)
    if data.startswith(_BOM):
        try:
            return _checked(source, data[len(_BOM) :].decode("utf-8"), None)
        except UnicodeDecodeError as exc:
            raise _undecodable(source, exc) from None
    try:
        return _checked(source, data.decode("utf-8"), None)
    except UnicodeDecodeError as utf8_exc:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise _undecodable(source, utf8_exc) from None
        note = (
            f"{source}: not valid UTF-8, decoded as Windows-1252 (cp1252); "
            "if accents look wrong, convert the file to UTF-8"
        )
        return _checked(source, text, note)


def _checked(source: str, text: str, note: str | None) -> Decoded:
    if _CONTROL.search(text):
        raise InputError(
            source,
            "contains control characters, so it is binary or in an unknown encoding",
            CONVERT_HINT,
        )
    return Decoded(text, note)


def _undecodable(source: str, exc: UnicodeDecodeError) -> InputError:
    return InputError(
        source,
        f"not UTF-8 or Windows-1252 text (undecodable byte at offset {exc.start})",
        CONVERT_HINT,
    )


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)


def decode_web(source: str, data: bytes, charset: str | None = None) -> Decoded:
    """Decode a web page or feed: the HTTP charset, else a ``<meta charset>`` (or XML
    declaration), else :func:`decode`'s UTF-8 / Windows-1252 rule."""
    declared = charset
    if declared is None:
        m = _META_CHARSET.search(data[:4096]) or re.search(
            rb"""<\?xml[^>]+encoding=["']([A-Za-z0-9_.\-]+)""", data[:200])
        declared = m.group(1).decode("ascii") if m else None
    if declared:
        try:
            text = data.decode(declared.strip().lower())
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            if text.strip():
                return _checked(source, text.lstrip("\ufeff"), None)
    return decode(source, data)
