"""A titled person's country from the words attached to their name ('Kenya's minister X',
'X, a spokesman for Ukraine's army,', 'President Lai of Taiwan'), not from any country nearby;
and the reading of a name that is both a country and a US state ('Georgia') from its story."""

from __future__ import annotations

import re

from newsevents.stages._actor_lexicon import STATE, Match
from newsevents.stages._actor_refs import Builder, Mentions

_HEAD_TITLES = frozenset({"president", "prime minister", "premier", "chancellor", "king",
                          "queen", "emir", "supreme leader", "crown prince", "vice president"})
# Words that end a noun phrase: a country separated from the name by one of them is in
# another phrase ("met Arnor and Minister X", "X met Arnor").
_BREAK_WORDS = frozenset({
    "and", "or", "but", "with", "to", "by", "from", "in", "at", "for", "on", "into", "against",
    "the", "a", "an", "that", "which", "who", "as", "than", "after", "before", "said", "says",
    "told", "met", "visited", "while", "when", "where", "is", "was", "are", "were", "has",
    "have", "had", "will", "would", "not",
})
# First words of a comma-set segment that is a clause, not an apposition naming the person.
_CLAUSE_WORDS = frozenset({
    "who", "whom", "whose", "which", "that", "where", "when", "while", "and", "but", "or",
    "said", "says", "told", "added", "according", "after", "before", "as", "in", "on", "at",
    "if", "because", "although", "though", "since", "until", "with",
})
_DETERMINERS = frozenset({"the", "a", "an"})
_GAP_WORD = re.compile(r"[A-Za-z][\w.’'-]*")
_POSSESSIVE = re.compile(r"^['’]s\b")
_SEGMENT_END = re.compile(r"[,;:()\"“”—–]|\s-\s|(?<![A-Z])\.(?:\s|$)")
_OF_BEFORE = re.compile(r"\s+(?:of|for)\s+(?:the\s+)?$")


def context_country(ms: Mentions, b: Builder, dominant: str | None) -> str | None:
    """The country attached to a titled person's first mention, else the article's dominant
    country where the sentence names no other: heads of state and government always, lesser
    offices (which too often belong to a visitor) only where the sentence names it too.

    A country elsewhere in the sentence is not the person's: "The head X met Arnor" says
    nothing of X's nationality, and neither does "X said Tehran offered".
    """
    text = ms.text
    ps = b.first()
    pe = next(e for s, e in b.spans if s == ps)
    sent = ms.sentence_of(ps)
    others = [(s, e, o.country) for o in ms.actors.values()
              if o is not b and o.country and o.kind != "igo"
              for (s, e) in o.spans if ms.sentence_of(s) == sent]
    lo = ms.sentence_start(sent)
    attached = {c for s, e, c in others if _attached(text, s, e, ps, pe, lo)}
    if len(attached) == 1:
        return attached.pop()
    if attached or dominant is None:
        return None
    isos = {c for _s, _e, c in others}
    if not isos <= {dominant}:
        return None
    top = any(r.lower().removeprefix("former ") in _HEAD_TITLES for r in b.roles)
    return dominant if top or isos else None


def _attached(text: str, cs: int, ce: int, ps: int, pe: int, lo: int) -> bool:
    """Whether the country mention [cs, ce) modifies or names the person at [ps, pe)."""
    if text.startswith("-based", ce):  # "the Berlin-based institute": the institute's seat
        return False
    if cs < ps < ce:
        # The country's group phrase runs into the name's title ("Afghan foreign ministry
        # spokesperson X": the group "Afghan ... spokesperson" and the person "spokesperson X").
        return True
    if ce <= ps:
        gap = text[ce:ps]
        if _premodifier(gap):
            return True
        return _apposition_before(text, cs, ce, ps, lo)
    if cs >= pe:
        between = text[pe:cs]
        if between.startswith(" of ") and len(between) <= len(" of the "):
            return between.strip() in ("of", "of the")  # "President Lai of Taiwan"
        return _apposition_after(text, pe, cs)
    return False


def _premodifier(gap: str) -> bool:
    """'Kenya's Interior Minister ', 'Cameroon Livestock Ministry official ': no comma, at
    most five words, none of which ends a noun phrase."""
    m = _POSSESSIVE.match(gap)
    rest = gap[m.end():] if m else gap
    if not rest or not rest[-1].isspace() or any(ch in rest for ch in ",;:()\"“”"):
        return False
    words = rest.split()
    return len(words) <= 5 and all(_GAP_WORD.fullmatch(w) and w.lower() not in _BREAK_WORDS
                                   for w in words)


def _apposition_after(text: str, pe: int, cs: int) -> bool:
    """'X, minister of Y's foreign affairs,': the country inside one comma-set segment right
    after the name that is not a clause ('X, who met Y,')."""
    if not text.startswith(",", pe):
        return False
    seg = text[pe + 1:cs]
    if _SEGMENT_END.search(seg):
        return False
    words = _words(seg)
    return bool(words) and words[0].lower() not in _CLAUSE_WORDS and len(words) <= 12


def _apposition_before(text: str, cs: int, ce: int, ps: int, lo: int) -> bool:
    """'the spokesperson for Pakistan's ministry, Ambassador X': a noun phrase set off by a
    comma right before the name, starting with a determiner or with the country's possessive
    ('Pakistan's army spokesman, General X'), and not a locative ('in Arnor's capital, X')."""
    head = text[:ps].rstrip()
    if not head.endswith(","):
        return False
    start = max([lo] + [head.rfind(ch, 0, len(head) - 1) + 1 for ch in ",;:(\"“—"])
    seg = text[start:len(head) - 1]
    words = _words(seg)
    if not (start <= cs and words) or len(words) > 12 or _SEGMENT_END.search(seg.strip()):
        return False
    lead = text[start:cs].split()
    if not lead:  # "Pakistan's army spokesman, X", "U.S. Air Force Chief of Staff, General X"
        return not any(w.lower() in _BREAK_WORDS for w in words[1:])
    return lead[0].lower() in _DETERMINERS and not any(w.lower() in _CLAUSE_WORDS for w in lead)


def _words(seg: str) -> list[str]:
    return seg.split()


# Words of a story about a US state: its own government and places ("Georgia": the state).
_US_STATE_CUES = re.compile(
    r"\b(?:[Gg]overnor|Gov\.|[Ll]ieutenant [Gg]overnor|[Cc]ounty|[Cc]ounties|Atlanta|Savannah|"
    r"[Ss]tate (?:[Ss]enate|[Ss]enator|[Ll]egislature|[Hh]ouse)|Peach State|U\.?S\.? state|"
    r"Republicans?|Democrats?|GOP)\b")
# Breakaway regions that only the country reading has.
_COUNTRY_CUES = re.compile(r"\b(?:Abkhaz(?:ia|ian)?|South Ossetia(?:n)?|Ossetian)\b")


def country_reading(
    text: str, m: Match, matches: list[Match], support: set[str | None],
) -> bool:
    """Whether a name that is both a country and a US state ("Georgia") reads as the country:
    the story names foreign affairs (another country than the US, a breakaway region of the
    country) and nothing of a US state (another state, a governor, a county, Atlanta)."""
    if m.state is None:
        return False
    if any(o.pattern.form == STATE and o.pattern.requires is None for o in matches) \
            or _US_STATE_CUES.search(text):
        return False
    others = support - {None, m.state, m.pattern.requires}
    return bool(others) or _COUNTRY_CUES.search(text) is not None
