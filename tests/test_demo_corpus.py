"""The bundled demo corpus: every file is listed in its README, decodes and parses as declared."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path

import pytest

CORPUS = Path(str(files("newsevents") / "demo" / "corpus"))
NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-([a-z]+-[a-z]+)-([a-z0-9-]+)\.(txt|html|jsonl)$")
ROW = re.compile(
    r"^\| `([^`]+)` \| (\d{4}-\d{2}-\d{2}) \| ([^|]+?) \| (txt|html|jsonl) \| (.+) \|$"
)
# Lines a plain-text article must never contain: markup means the file is HTML in disguise.
MARKUP = re.compile(r"<(html|body|p|div|script)\b", re.IGNORECASE)


def _files() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.name != "README.md")


def _readme_rows() -> dict[str, tuple[str, str, str]]:
    text = (CORPUS / "README.md").read_text(encoding="utf-8")
    rows = {}
    for line in text.splitlines():
        m = ROW.match(line)
        if m:
            rows[m.group(1)] = (m.group(2), m.group(3), m.group(4))
    return rows


class _Tags(HTMLParser):
    """Collects tag names and the text of <title> and <p> elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.title = ""
        self.paragraphs: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in ("title", "p"):
            self._in = tag
            if tag == "p":
                self.paragraphs.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        elif self._in == "p":
            self.paragraphs[-1] += data


def _articles() -> list[tuple[str, date, str]]:
    """(file name, publication date, text) for every article, JSONL lines counted one by one."""
    out = []
    for p in _files():
        m = NAME.match(p.name)
        assert m, p.name
        if m.group(4) == "jsonl":
            for line in p.read_text(encoding="utf-8").splitlines():
                rec = json.loads(line)
                out.append((p.name, datetime.fromisoformat(rec["published"]).date(), rec["text"]))
        else:
            out.append((p.name, date.fromisoformat(m.group(1)), p.read_text(encoding="utf-8")))
    return out


def test_readme_lists_exactly_the_corpus_files() -> None:
    rows = _readme_rows()
    assert set(rows) == {p.name for p in _files()}
    for name, (day, _source, fmt) in rows.items():
        m = NAME.match(name)
        assert m, f"{name} does not follow YYYY-MM-DD-<source>-<topic>.<ext>"
        assert m.group(1) == day and m.group(4) == fmt, name


def test_readme_states_it_is_illustrative_and_licensed() -> None:
    text = (CORPUS / "README.md").read_text(encoding="utf-8")
    assert "events are illustrative, not a record" in text
    assert "MIT" in text and "CC0" in text


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_file_decodes_and_parses_as_declared(path: Path) -> None:
    text = path.read_bytes().decode("utf-8")
    assert text.strip()
    suffix = path.suffix
    if suffix == ".txt":
        assert not MARKUP.search(text)
        lines = [ln for ln in text.splitlines() if ln.strip()]
        assert len(lines) >= 8, "headline, date or byline, and several paragraphs"
        assert 250 <= len(text.split()) <= 650
    elif suffix == ".html":
        parser = _Tags()
        parser.feed(text)
        parser.close()
        assert {"html", "head", "title", "body", "p", "a"} <= set(parser.tags)
        assert parser.title.strip()
        body_words = sum(len(p.split()) for p in parser.paragraphs)
        assert body_words >= 250, body_words
    else:
        records = [json.loads(line) for line in text.splitlines()]
        assert records
        for rec in records:
            assert {"text", "title", "url", "published"} <= set(rec)
            assert all(isinstance(rec[k], str) and rec[k].strip() for k in rec)
            datetime.fromisoformat(rec["published"])
            assert len(rec["text"].split()) >= 250


def test_corpus_breadth() -> None:
    files_ = _files()
    articles = _articles()
    assert len(articles) >= 40
    assert sum(p.suffix == ".html" for p in files_) >= 10
    sources = {source for (_day, source, _fmt) in _readme_rows().values()}
    assert len(sources) >= 5
    days = sorted(day for (_name, day, _text) in articles)
    months = {(d.year, d.month) for d in days}
    assert len(months) >= 4 and (days[-1] - days[0]).days >= 120


def test_no_two_outlets_share_a_paragraph() -> None:
    # Clustered reports of one event must be told in different words, not pasted. A paragraph
    # repeated within one outlet is its page template (cookie banner, donation box), which is fine.
    seen: dict[str, tuple[str, str]] = {}
    for name, _day, text in _articles():
        source = "-".join(name.split("-")[3:5])
        for para in re.split(r"\n\s*\n|</p>", text):
            para = re.sub(r"<[^>]+>", "", para).strip()
            if len(para.split()) < 20:
                continue
            first_name, first_source = seen.setdefault(para, (name, source))
            assert first_source == source, f"{name} repeats a paragraph of {first_name}"
