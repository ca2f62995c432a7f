"""Main text of plain text that is a whole page (a copy-paste or text dump with its menus,
footers and related links): the densest run of prose lines, found without markup.

Only applied to page-like text (many short lines around the prose), so an ordinary article in
plain text is left alone.
"""

from __future__ import annotations

import re

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
# A short line right before the block is its headline or byline; kept when this short.
_HEADING_WORDS = 15


def is_prose(line: str) -> bool:
    return len(line.split()) >= _PROSE_WORDS and _SENTENCE_MARK.search(line) is not None


def page_like(lines: list[str]) -> bool:
    if len(lines) < _PAGE_MIN_LINES:
        return False
    short = sum(1 for ln in lines if len(ln.split()) < _SHORT_WORDS)
    return short / len(lines) >= _PAGE_SHORT_SHARE


def main_block(lines: list[str]) -> list[bool]:
    """Per line, whether it is in the page's main text."""
    prose = [i for i, ln in enumerate(lines) if is_prose(ln)]
    if not prose:
        return [True] * len(lines)
    blocks: list[list[int]] = [[prose[0]]]
    for i in prose[1:]:
        if i - blocks[-1][-1] <= _GAP:
            blocks[-1].append(i)
        else:
            blocks.append([i])

    def words(block: list[int]) -> int:
        return sum(len(lines[i].split()) for i in block)

    largest = max(words(b) for b in blocks)
    keep = [False] * len(lines)
    for b in blocks:
        if words(b) >= _KEEP_SHARE * largest:
            for i in range(b[0], b[-1] + 1):
                keep[i] = True
    first = keep.index(True)
    if first > 0 and len(lines[first - 1].split()) <= _HEADING_WORDS:
        keep[first - 1] = True
    return keep
