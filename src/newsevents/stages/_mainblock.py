"""Main text of plain text that is a whole page (a copy-paste or text dump with its menus,
footers and related links): the densest run of prose lines, found without markup.

Only applied to page-like text (many short lines around the prose), so an ordinary article in
plain text is left alone.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

# A prose line: enough words and a sentence mark. Menus, link lists and labels are not.
_PROSE_WORDS = 12
_SENTENCE_MARK = re.compile(r"[.!?]")
# Prose lines at most this many lines apart belong to one block (headings, captions between).
_GAP = 3
# Blocks with at least this share of the largest block's words are kept too (a story split by
# a picture or an advertisement).
_KEEP_SHARE = 0.1
# Page-like: at least this many lines, and this share of them short (under 5 words).
_PAGE_MIN_LINES = 12
_PAGE_SHORT_SHARE = 0.35
_SHORT_WORDS = 5
# Or a long text (this many lines, this share of them short) with this many lines, and this
# share of them, outside the rules' main block.
_DUMP_MIN_LINES = 30
_DUMP_SHORT_SHARE = 0.1
_DUMP_OUTSIDE_LINES = 8
_DUMP_OUTSIDE_SHARE = 0.1
# Hard-wrapped prose: at least this share of line breaks fall inside a sentence.
_WRAP_SHARE = 0.25
_WRAP_WIDTH = 80  # characters: wire copy is wrapped near 65-80; a page's paragraphs run longer
_WRAP_MAX_LINES = 200  # a wrapped story is shorter; code listings and result tables run longer
_SENTENCE_END = frozenset('.!?:;"\'”’)]')
# A short line right before the block is its headline or byline; kept when this short.
_HEADING_WORDS = 15
# Above that, the headline, standfirst and byline: lines of this many words among the few
# right above the block (menu entries and labels are shorter).
_ABOVE_LINES = 5
_ABOVE_WORDS = 5
# A heading that opens the comments or the related-posts list after the story ends the main text
# ("12 Comments", "Leave a reply", "2 Antworten zu ...", "Ähnliche Beiträge").
_END_CHARS = 80
_END = re.compile(
    r"(?i)(?:\d+\s+(?:comments?|kommentare?|antwort(?:en)?|responses?|replies|comentarios?"
    r"|commentaires?|ergänzungen)\b|(?:leave|post|add|write)\s+a\s+(?:comment|reply)"
    r"|(?:one|no)\s+(?:comments?|responses?|thoughts?)\b|comments?\s*(?:\(\d+\))?:?$"
    r"|kommentare?\s*(?:\(\d+\))?:?$|(?:ein|\d+)\s+(?:gedanke|kommentar)e?n?\s+zu\b"
    r"|kommentar\s+(?:schreiben|verfassen|hinterlassen)|(?:schreibe|hinterlasse)\s+einen\s+kommentar"
    r"|(?:ähnliche|verwandte)\s+(?:beiträge|artikel)$|related\s+(?:posts|articles)$"
    r"|you\s+might\s+also\s+like$|publier\s+un\s+commentaire|deja\s+un\s+comentario"
    r"|laisser\s+un\s+commentaire)"
)
# Anywhere in a line of at most this many words: the site's newsletter, legal, copyright and
# cookie notices.
_NOTICE_WORDS = 40
_NOTICE = re.compile(
    r"(?i)\bnewsletter|privacy\s+policy|datenschutzerklärung|nutzungsbedingungen"
    r"|terms\s+(?:and\s+conditions|of\s+(?:use|service))|política\s+de\s+privacidad"
    r"|all\s+rights\s+reserved|alle\s+rechte\s+vorbehalten|todos\s+los\s+derechos|tous\s+droits"
    r"|wszelkie\s+prawa|©"
    r"|\bcookies?\b.{0,120}\b(?:we\s+use|uses|verwende|nutz|akzeptier|accept|consent|zustimm"
    r"|einwillig|utiliza|utilise)"
    r"|\b(?:we\s+use|diese\s+(?:web)?seite\s+(?:verwendet|nutzt)|wir\s+(?:verwenden|nutzen)"
    r"|utilizamos|nous\s+utilisons)\b.{0,60}\bcookies?\b"
)
# A short line seen more than once on the page is a menu or a label ("Reply", "Home").
_REPEATED_WORDS = 6
# Lines of a page dump that are site furniture whatever their length: "see also" links in other
# languages, licence and theme credits.
_FURNITURE_CHARS = 400
_FURNITURE = re.compile(
    r"(?i)(?:(?:lea|lee|vea|ver|mira|lesen\s+sie|lies|auch\s+interessant|siehe\s+auch"
    r"|voir\s+aussi|lire\s+aussi|à\s+lire|leia\s+(?:também|mais))"
    r"(?:\s+(?:también|tambien|más|mas|aussi|auch|además))?\s*[:|»›]"
    r"|.{0,200}\b(?:licensed\s+under|lizenziert\s+unter|steht\s+unter\s+einer|creative\s+commons)\b"
    r"|(?:designed|powered|theme)\s+by\b|(?:thème|theme)\s+\w+\.?\s+(?:fourni|powered)"
    r"|(?:fotos?|bild|quelle|credit|(?:le|te)\s+puede\s+interesar)\s*:"
    r"|proudly\s+powered|unless\s+otherwise\s+(?:stated|noted)|sofern\s+nicht\s+anders)"
)


def is_prose(line: str) -> bool:
    return len(line.split()) >= _PROSE_WORDS and _SENTENCE_MARK.search(line) is not None


def page_like(lines: list[str]) -> bool:
    """Whether ``lines`` look like a whole page saved as text rather than an article."""
    if len(lines) < _PAGE_MIN_LINES or hard_wrapped(lines):
        return False
    short = sum(1 for ln in lines if len(ln.split()) < _SHORT_WORDS) / len(lines)
    if short >= _PAGE_SHORT_SHARE:
        return True
    # A long dump whose menus, teasers and footers are mostly longer lines: the rules already
    # see many lines outside its main block. A long ordinary article (subheadings between
    # its paragraphs) has next to none there, so it stays untouched.
    if len(lines) < _DUMP_MIN_LINES or short < _DUMP_SHORT_SHARE:
        return False
    outside = main_block(lines).count(False)
    return outside >= _DUMP_OUTSIDE_LINES and outside / len(lines) >= _DUMP_OUTSIDE_SHARE


def hard_wrapped(lines: list[str]) -> bool:
    """Whether ``lines`` are prose wrapped at a fixed width (wire copy such as Reuters): many
    lines stop mid-sentence and the next goes on in lower case, and no line is much longer than
    the wrapping width. Such text is an article whose short lines are sentence pieces, not a
    page's menus, so the page-dump classifier skips it."""
    wide = sum(len(ln) > _WRAP_WIDTH for ln in lines)
    if len(lines) > _WRAP_MAX_LINES or wide > 0.02 * len(lines):
        return False
    joins = sum(1 for a, b in pairwise(lines)
                if a and b and a[-1] not in _SENTENCE_END and (b[0].islower() or b[0].isdigit()))
    return joins >= _WRAP_SHARE * (len(lines) - 1)


# One of these is in every line _NOTICE matches: a cheap test first (most lines have none).
_NOTICE_KEYS = ("newsletter", "privacy", "datenschutz", "nutzungsbed", "terms", "política",
                "rights", "rechte", "derechos", "droits", "prawa", "©", "cookie")


def notice(line: str) -> bool:
    """A newsletter, legal, copyright or cookie notice (in a line of any length)."""
    lower = line.lower()
    return any(k in lower for k in _NOTICE_KEYS) and _NOTICE.search(line) is not None


def furniture(line: str) -> bool:
    """Site furniture: "see also" links in other languages, licence and theme credits."""
    return len(line) <= _FURNITURE_CHARS and _FURNITURE.match(line) is not None


def blocks(lines: list[str]) -> tuple[list[bool], list[float]]:
    """Per line, whether it lies in a kept run of prose lines, and the share of the largest
    run's words that the run around it holds (0 outside any run)."""
    prose = [i for i, ln in enumerate(lines) if is_prose(ln)]
    if not prose:
        return [True] * len(lines), [0.0] * len(lines)
    runs: list[list[int]] = [[prose[0]]]
    for i in prose[1:]:
        if i - runs[-1][-1] <= _GAP:
            runs[-1].append(i)
        else:
            runs.append([i])
    sizes = [sum(len(lines[i].split()) for i in run) for run in runs]
    largest = max(sizes)
    keep = [False] * len(lines)
    share = [0.0] * len(lines)
    for run, size in zip(runs, sizes, strict=True):
        for i in range(run[0], run[-1] + 1):
            share[i] = size / largest
            keep[i] = size >= _KEEP_SHARE * largest
    return keep, share


def end_line(lines: list[str]) -> int | None:
    """The first line after the first prose line that opens the comments or related posts."""
    first = next((i for i, ln in enumerate(lines) if is_prose(ln)), None)
    if first is None:
        return None
    for j in range(first + 1, len(lines)):
        if len(lines[j]) <= _END_CHARS and _END.match(lines[j]):
            return j
    return None


def main_block(lines: list[str]) -> list[bool]:
    """Per line, whether it is in the page's main text."""
    if not any(is_prose(ln) for ln in lines):
        return [True] * len(lines)
    keep, _ = blocks(lines)
    first = keep.index(True)
    if first > 0 and len(lines[first - 1].split()) <= _HEADING_WORDS:
        keep[first - 1] = True
    for j in range(max(0, first - _ABOVE_LINES), first):
        keep[j] = keep[j] or len(lines[j].split()) >= _ABOVE_WORDS
    for j in range(first + 1, len(lines)):
        if len(lines[j]) <= _END_CHARS and _END.match(lines[j]):
            keep[j:] = [False] * (len(lines) - j)
            break
    seen = Counter(lines)
    kept = [
        k
        and not furniture(ln)
        and not (seen[ln] > 1 and len(ln.split()) <= _REPEATED_WORDS)
        and not (len(ln.split()) <= _NOTICE_WORDS and notice(ln))
        for k, ln in zip(keep, lines, strict=True)
    ]
    return kept if any(kept) else keep
