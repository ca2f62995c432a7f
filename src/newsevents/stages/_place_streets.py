"""Streets, roads and highways named in a text ("Main Street", "E. Walnut St.", "Highway 19",
"Interstate 75", "Lakeview and Harrison streets"), and rivers, lakes, forests and other natural
features ("Neches River", "Lake Lanier"): no gazetteer holds most of them, but they are where
local news happens. Found by the generic word in their names (used by the places stage)."""

from __future__ import annotations

import re
from collections import Counter

from newsevents.gazetteer import Entry
from newsevents.records import Document, Mention, Place, PlaceFeature
from newsevents.stages._regex_first import first_chars

__all__ = ["find_features", "find_streets", "street_places"]

# The word that ends a street's name. "Court" and "Place" are left out (a court, "Trafalgar
# Place"); "St." and "Dr." only where no capitalised name follows ("St. Louis", "Dr. Smith").
_STREET_WORD = (r"(?:Street|Road|Avenue|Drive|Boulevard|Parkway|Lane|Highway|Pike|Trail|"
                r"Turnpike|Expressway|Freeway|Terrace|Circle|(?:St|Rd|Ave|Dr|Blvd|Pkwy|Ln|Hwy)"
                r"\.(?! [A-Z]))")
# Up to four words of the name before it: capitalised words, ordinals ("40th"), a direction's
# initial ("E."); a direction may follow it ("40th Avenue South", "Seventh Street N.W.").
_NAME_WORD = r"(?:[A-Z][\w'’]*(?:-[A-Z][\w'’]*)*|\d{1,3}(?:st|nd|rd|th)|[NSEW]\.)"
# Found from the street word back (the words before it are matched in a short window only):
# a pattern that tried the name words at every position of the text cost five times as much.
# The space before the word is matched (group "word" starts after it), not looked behind: a
# pattern that starts with a literal is scanned for it in C, the rest tried only there (the
# same matches, a third of the time). No match ends in a space, so none takes the next's.
# A lookahead on the words' first letters rejects most spaces before the alternation is tried.


def _first_letter(words: str) -> str:
    """A lookahead on the characters a match of ``words`` can start with (none if unknown)."""
    fc = first_chars(words)
    return f"(?={fc})" if fc else ""


_STREET_END = re.compile(
    rf" {_first_letter(_STREET_WORD)}(?P<word>{_STREET_WORD}"
    r"(?: (?:North|South|East|West|Northwest|Northeast|Southwest|Southeast|"
    r"N\.W\.|N\.E\.|S\.W\.|S\.E\.)(?![\w]))?(?![\w-]))")
_NAME_BEFORE = re.compile(rf"(?<![\w.-])(?:{_NAME_WORD} ){{1,4}}\Z")


def _named(text: str, end_pattern: re.Pattern[str]) -> list[tuple[int, int, str]]:
    """(start, end, name words) of each generic word's match (its group "word") with the names
    before it."""
    out = []
    for m in end_pattern.finditer(text):
        word = m.start("word")
        b = _NAME_BEFORE.search(text, max(0, word - 80), word)
        if b is not None:
            out.append((b.start(), m.end(), b.group()))
    return out
# Numbered roads: "Highway 19", "Route 1", "Interstate 75", "I-75", "County Road 43", "State
# Highway 360", "Illinois Route 159", "US-24".
# Anchored on the road's word; the word before it ("State", "Illinois") is looked for after.
_NUMBERED = re.compile(
    r"(?<![\w.-])(?:Highway|Route|Interstate|Road|Hwy\.|Rte\.) \d{1,4}[A-Z]?(?![\d,.]\d)\b"
    r"|(?<![\w.-])(?:I|US)-\d{1,3}\b")
_NUMBERED_BEFORE = re.compile(r"(?<![\w.-])(?:State|County|U\.S\.|US|[A-Z][a-z]+) \Z")
# Names joined before a plural street word: "the corner of Lakeview and Harrison streets".
# (The space is matched, as in _STREET_END.)
_PLURAL_END = re.compile(r" (?P<word>streets|roads|avenues|drives|boulevards|lanes)\b")
_PLURAL_NAMES = re.compile(r"(?<![\w.-])[A-Z][\w'’]*(?:, [A-Z][\w'’]*)*,? and [A-Z][\w'’]* \Z")
# Literal words without which no numbered road is named.
_NUMBERED_CUES = ("Highway ", "Route ", "Interstate ", "Road ", "Hwy. ", "Rte. ", "I-", "US-")
_WORD = re.compile(r"[A-Z][\w'’]*")
# Words that start a sentence or a phrase, never a street's name ("On Main Street", "The
# Street"): dropped from the front of a name.
_NOT_NAME = frozenset({
    "The", "A", "An", "On", "At", "In", "Of", "And", "Or", "To", "From", "Near", "Off", "Along",
    "Across", "Into", "Onto", "Past", "Via", "By", "For", "With", "Down", "Up", "Over", "Under",
    "Between", "Behind", "This", "That", "His", "Her", "Its", "Their", "Our", "My", "Your",
    "When", "While", "After", "Before", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "I", "He", "She", "We", "They", "It", "Long", "New", "Open", "Rough",
    "Hard", "Bumpy", "Rocky", "Winding", "Same", "Wrong", "Right", "Next", "Last", "First"})


def _name_start(start: int, words_before: str) -> int | None:
    """Where the name begins among ``words_before`` (found from ``start``), past the words that
    start a phrase ("On Main Street"); None when no name word is left ("The Street")."""
    words = words_before.split()
    skip = 0
    while skip < len(words) and words[skip] in _NOT_NAME:
        skip += 1
    if skip == len(words):
        return None
    return start + len(" ".join(words[:skip])) + (1 if skip else 0)


def _headline_like(text: str, start: int, end: int) -> bool:
    """A run of title-case words around the name ("Long Road Ahead For Talks"): a headline's
    capitals say nothing about names."""
    # The line, or 150 characters either side where a text has no line breaks.
    a = max(text.rfind("\n", max(0, start - 150), start) + 1, start - 150, 0)
    b = text.find("\n", end, end + 150)
    line = text[a:b if b >= 0 else end + 150]
    words = [w for w in line.split() if w[:1].isalpha()]
    if len(words) < 5:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps / len(words) >= 0.75 and not any(c.isdigit() for c in text[max(0, start - 8):start])


# Natural features and parks by the generic word that ends their name ("Neches River", "Dolly
# Sods Wilderness", "Monongahela National Forest") or starts it ("Lake Lanier", "River Lune");
# not when another capitalised word follows ("Salt Lake City": a town).
_FEATURE_WORD = (r"(?:River|Creek|Lake|Reservoir|Wilderness|National Forest|National Park|"
                 r"State Park|National Wildlife Refuge|Wildlife Refuge|Valley|Island|Islands|"
                 r"Mountains|Bay|Canyon|Swamp|Marsh)")
_FEATURE_END = re.compile(  # as _STREET_END
    rf" {_first_letter(_FEATURE_WORD)}(?P<word>{_FEATURE_WORD}(?! [A-Z])(?![\w-]))")
_FEATURE_FIRST = re.compile(
    r"(?<![\w.-])(?:Lake|River) [A-Z][\w'’]+(?: [A-Z][\w'’]+)?(?! [A-Z])(?![\w-])")
_CAPITAL_BEFORE = re.compile(r"[A-Z][\w'’]* $")


def find_features(text: str) -> list[tuple[int, int]]:
    """Spans of natural features' names in ``text`` ("Neches River", "Lake Lanier")."""
    out: list[tuple[int, int]] = []
    found: list[tuple[int, int, str | None]] = []
    for a, b, run in _named(text, _FEATURE_END):
        words = run.split()
        if len(words) > 3:  # the last three words name it
            a += len(" ".join(words[:-3])) + 1
            run = " ".join(words[-3:]) + " "
        found.append((a, b, run))
    if "Lake " in text or "River " in text:
        found += [(m.start(), m.end(), None) for m in _FEATURE_FIRST.finditer(text)]
    found.sort(key=lambda t: (t[0], -t[1]))
    for m_start, m_end, name in found:
        if out and m_start < out[-1][1]:
            continue
        if name is None:
            cap = _CAPITAL_BEFORE.search(text, max(0, m_start - 30), m_start)
            if cap is not None and cap.group().strip() not in _NOT_NAME:
                continue  # "Salt Lake City": inside a longer name; not "On Lake Lanier"
            start: int | None = m_start
        else:
            start = _name_start(m_start, name)
        if start is None:
            continue  # "The River", "On Lake"
        if not _headline_like(text, start, m_end):
            out.append((start, m_end))
    return out


def find_streets(text: str) -> list[tuple[int, int]]:
    """Spans of street, road and highway names in ``text``, left to right, not overlapping."""
    spans: list[tuple[int, int]] = []
    for m_start, m_end, name in _named(text, _STREET_END):
        start = _name_start(m_start, name)
        if start is None:
            continue  # "The Street", "On Road"
        if _headline_like(text, start, m_end):
            continue
        spans.append((start, m_end))
    numbered = any(c in text for c in _NUMBERED_CUES)
    for m in _NUMBERED.finditer(text) if numbered else ():
        b = _NUMBERED_BEFORE.search(text, max(0, m.start() - 12), m.start())
        spans.append((b.start() if b is not None else m.start(), m.end()))
    for m in _PLURAL_END.finditer(text):
        word = m.start("word")
        names = _PLURAL_NAMES.search(text, max(0, word - 120), word)
        if names is None:
            continue
        for w in _WORD.finditer(names.group()):
            if w.group() not in _NOT_NAME:
                spans.append((names.start() + w.start(), names.start() + w.end()))
    spans.sort(key=lambda s: (s[0], -s[1]))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s < out[-1][1]:
            continue
        out.append((s, e))
    return out


def street_places(doc: Document, streets: list[tuple[int, int]],
                  places: dict[str, tuple[Entry, list[Mention]]], dateline: Entry | None,
                  natural: frozenset[tuple[int, int]] = frozenset(),
                  ) -> list[tuple[Mention, Place]]:
    """Each street as a place of feature ``street`` (each span in ``natural``, a natural
    feature, as one of feature ``other``) in the town it lies in or by: the town named nearest
    to it in its sentence, else the dateline's, else the article's most mentioned town. The
    coordinates are the town's (a street is no more precise than its town here); with no town
    known it has none."""
    if not streets:
        return []
    assert doc.article is not None
    text = doc.article.text
    towns = sorted(((m.start, e) for e, ms in places.values() if e.kind == "city" for m in ms),
                   key=lambda t: t[0])
    counts = Counter({e.id: len(ms) for e, ms in places.values() if e.kind == "city"})
    main = next((e for e, _ in places.values() if counts and e.id == counts.most_common(1)[0][0]),
                None)
    out: list[tuple[Mention, Place]] = []
    for s_, e_ in streets:
        sent = doc.sentence_at(s_)
        a, b = (sent.start, sent.end) if sent else (s_, e_)
        near = [(abs(st - s_), e) for st, e in towns if a <= st < b]
        # A river or a forest may lie far from the article's town: only one in its sentence.
        far = dateline or main if (s_, e_) not in natural else None
        town = min(near, key=lambda t: t[0])[1] if near else far
        name = " ".join(text[s_:e_].split())
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        kind = "feature" if (s_, e_) in natural else "street"
        feature: PlaceFeature = "other" if (s_, e_) in natural else "street"
        if town is not None:
            place = Place(f"{kind}:{slug}@{town.id}", name, town.country, town.lat, town.lon,
                          None, feature)
        else:
            place = Place(f"{kind}:{slug}", name, None, None, None, None, feature)
        out.append((Mention(text[s_:e_], s_, e_), place))
    return out
