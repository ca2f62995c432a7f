"""Which gazetteer names in a text are toponyms: the names found (hyphen-joined ones and
capitalised datelines too), the lexicon of words around names (``data/place_stopwords.txt``),
longer names a toponym is part of, toponyms inside organisations' names and countries'
adjectives (shared by the places stage)."""

from __future__ import annotations

import re
from functools import cache

from newsevents.gazetteer import Gazetteer, Hit
from newsevents.lexicon import data_path, load_csv

# Capitalised words that may stand next to a place name without making it part of a larger
# name ("Eastern Ukraine", "Kazan Wednesday", sentence-initial "In Kazan").
_NEIGHBOUR_OK = frozenset({
    "In", "At", "Near", "From", "To", "Across", "Inside", "Throughout", "Into", "Outside",
    "Around", "Within", "Toward", "Towards", "Via", "The", "A", "An", "And", "Or", "But", "On",
    "For", "Of", "By", "With", "As", "While", "When", "After", "Before", "During", "Since",
    "Until", "Northern", "Southern", "Eastern", "Western", "Central", "North", "South", "East",
    "West", "Northeast", "Northwest", "Southeast", "Southwest", "Northeastern", "Northwestern",
    "Southeastern", "Southwestern", "Occupied", "Monday", "Tuesday", "Wednesday", "Thursday",
    "Friday", "Saturday",
    "Sunday", "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul",
    "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "I",
    # Counting and other words that start sentences or qualify a place without naming it
    # ("Three Eastland County residents", "Metro Nashville", "Historic Dublin").
    "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Another", "Only",
    "Both", "All", "Many", "Most", "Some", "Several", "Every", "Each", "Metro", "Metropolitan",
    "Greater", "Historic", "Downtown", "Rural", "Suburban",
})


_NAME_PARTICLES = frozenset({"de", "da", "del", "della", "di", "du", "van", "von", "bin", "ibn"})


_PARTICLE_AFTER = re.compile(r" (?:de|des|du|la|le|del|da|di|al|el)[ -][A-Z]")


def _word_before(text: str, lo: int, end: int) -> tuple[int, str] | None:
    """(start, word) of the run of non-space characters before the white space that ends
    ``text[lo:end]``: what ``re.search(r"(\\S+)\\s$")`` finds there (``$`` also before a final
    line break), read back from ``end`` instead of tried at every position of the window."""
    k = end - 1  # the white space after the word
    if k - 1 < lo or not text[k].isspace():
        return None
    if text[k - 1].isspace():
        if text[k] != "\n":
            return None
        k -= 1  # "$" before the final line break: the white space is the one before it
        if k - 1 < lo or text[k - 1].isspace():
            return None
    i = k - 1
    while i > lo and not text[i - 1].isspace():
        i -= 1
    return i, text[i:k]


_WORD_AFTER = re.compile(r" ([A-Z][\w'’.-]*)")


@cache
def _word_lists() -> dict[str, frozenset[str]]:
    """data/place_stopwords.txt read once, its lines by their mark: "!" never places, "^" words
    that name an institution, "@" places' names that are common first names too, "+" words that
    may follow a place, and unmarked ("") places only in a locative context."""
    lists: dict[str, set[str]] = {mark: set() for mark in ("!", "^", "@", "+", "")}
    for ln in data_path("place_stopwords.txt").read_text(encoding="utf-8").splitlines():
        ln = ln.strip()
        if not ln or ln.startswith("#"):
            continue
        mark = ln[0] if ln[0] in "!^@+" else ""
        lists[mark].add(ln[len(mark):].strip())
    return {mark: frozenset(words) for mark, words in lists.items()}


def _stopwords() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(never places, places only in locative context, words that may follow a place)."""
    lists = _word_lists()
    return lists["!"], lists[""], lists["+"]


@cache
def _institutions() -> frozenset[str]:
    """Words that name an institution ("Court", "Ministry"), and the words that may follow a
    place but are no newspaper."""
    return _word_lists()["^"] | (_word_lists()["+"] - _PAPER)


def _capitalised_neighbour(text: str, hit: Hit, sentence_start: int,
                           after_ok: frozenset[str] = frozenset()) -> bool:
    """A capitalised word right next to the name makes it part of a longer name ("Vladimir
    Putin", "Tampa Free Press", "Sen. Kennedy"); an institution after it does not ("Gainesville
    Police", "Laurel County Sheriff")."""
    m = _WORD_AFTER.match(text, hit.end) if hit.end < len(text) else None
    if m:
        w = m.group(1).rstrip(".,’'")
        if w not in _NEIGHBOUR_OK and w not in after_ok:
            return True
    if _PARTICLE_AFTER.match(text, hit.end):  # "Croix des Bouquets"
        return True
    if hit.start <= sentence_start:
        return False
    b = _word_before(text, max(sentence_start, hit.start - 40), hit.start)
    if b is None:
        return False
    w = b[1]
    if w in _NAME_PARTICLES:  # "Lionel Bethune de Moro"
        b2 = _word_before(text, max(sentence_start, b[0] - 40), b[0])
        return b2 is not None and b2[1][:1].isupper()
    if w.endswith("."):  # a title: "Sen.", "Gen."
        return w[:-1].isalpha() and w[0].isupper()
    w = w.strip("\"“‘'(")
    return bool(w) and w[0].isupper() and w not in _NEIGHBOUR_OK and w.isalpha()


@cache
def _adjectives() -> dict[str, re.Pattern[str]]:
    """Each country's adjectives and demonyms (data/countries.csv) as one pattern."""
    out: dict[str, re.Pattern[str]] = {}
    for row in load_csv("countries.csv"):
        words = sorted(filter(None, (w.strip() for w in row["adjectives"].split(";"))),
                       key=len, reverse=True)
        if words:
            out[row["iso3"]] = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, words))
                                          + r")(?![\w-])")
    return out


def _adjective_in(text: str, start: int, end: int, country: str,
                  any_noun: bool = False) -> tuple[int, int] | None:
    """The span of ``country``'s adjective in ``text[start:end]`` when an institution's
    capitalised name follows it ("the Georgian Interior Ministry"), or, with ``any_noun``, any
    word ("Georgian troops")."""
    pat = _adjectives().get(country)
    m = pat.search(text, start, end) if pat is not None else None
    if m is None or not re.match(r" [A-Z]" if not any_noun else r" \w",
                                 text[m.end():m.end() + 2]):
        return None
    return m.start(), m.end()


def _area_name(hit: Hit) -> bool:
    """The name of a country, a state or one of our curated regions ("Ohio", "Georgia")."""
    return any(e.kind in ("country", "adm1") or (e.curated and e.kind == "region")
               for e, _ in hit.entries)


# Words that end a newspaper's name ("New York Times"): the paper, not its city, is meant.
_PAPER = frozenset({"Times", "Herald", "Post", "Tribune", "Journal", "Gazette", "Daily", "News",
                    "Star", "Register", "Observer", "Democrat", "Record", "Courier", "Citizen",
                    "Press", "Chronicle", "Sun", "Telegraph", "Bulletin", "Globe", "Examiner"})


# Words that start a town's or county's own institution after its name.
_MUNICIPAL = frozenset({"Police", "Sheriff", "Sheriff's", "Fire", "City", "Town", "Township",
                        "Village", "Borough", "Council", "Mayor", "Board", "Municipal",
                        "Superior", "District", "Circuit", "County", "Public", "Schools",
                        "School", "Volunteer", "Rescue", "Parks", "Planning", "Zoning",
                        "Selectmen", "Aldermen", "Commissioners", "Chamber"})


# The capitalised words after a toponym, up to the end of the name ("of", "and", "for" inside).
_NAME_TAIL = re.compile(r"(?:['’]s)?(?:[\s-]+(?:(?:of|and|for|&|the)\s+)*[A-Z][\w'’.&-]*)+")


def _embedded(text: str, hit: Hit, sentence_start: int, accepted: set[str],
              persons: list[tuple[int, int]], needs_locative: frozenset[str],
              institutions: frozenset[str], in_state: bool = False) -> bool:
    """A toponym inside an organisation's or a title's name that still names its place: a
    country, state, large city, a town the article names as a place elsewhere or a town of the
    article's state, that starts the name ("Ohio Supreme Court", "Dublin City Council",
    "Tennessee Senior Olympics", "Flemington Elks Lodge"), or that follows an institution's
    "of" ("University of Georgia"). Not a person's name ("Chad Walker"), a newspaper ("New
    York Times") or a word inside a longer name."""
    if any(ps < hit.end and hit.start < pe and ps != hit.start for ps, pe in persons):
        return False  # inside a person's name; one that starts with it may be a title's
    if hit.name in needs_locative or hit.name in _NEIGHBOUR_OK:
        return False
    if _is_abbreviation(hit.name) and not (_area_name(hit) and _DIRECT_TAIL.match(text, hit.end)):
        return False  # "the S.C. Highway Patrol" names the state; "Ind." alone a party
    tail = _NAME_TAIL.match(text, hit.end)
    words = re.findall(r"[A-Z][\w'’&-]*", tail.group()) if tail else []
    if words and words[-1] in _PAPER:
        return False
    # A town's own institution ("Oakdale Fire Department", "Canaan Board of Finance",
    # "Litchfield Superior Court") names the town, however small.
    town = any(e.kind in ("city", "adm2") for e, _ in hit.entries)
    local = town and bool(words) and words[0] in _MUNICIPAL and not text.startswith(
        ("'s", "’s"), hit.end)
    known = _area_name(hit) or hit.name in accepted or _prominent(hit)
    if not (local or known or (town and in_state)):
        return False
    b = _word_before(text, max(sentence_start, hit.start - 40), hit.start)
    before = b[1].strip("\"“‘'(") if b and hit.start > sentence_start else ""
    if before.endswith((",", ";", ":")):
        before = ""  # "On Thursday, Alaska Gov. Sarah Palin": the comma ends the name before
    if before == "of":
        # "University of Georgia", "City of Richmond": an institution's word before "of".
        b2 = _word_before(text, max(sentence_start, b[0] - 40), b[0]) if b else None
        return b2 is not None and b2[1].strip("\"“‘'(") in institutions
    if before and before[0].isupper() and before not in _NEIGHBOUR_OK:
        return False  # "Hilton Paris", "Northeast Georgia": inside another name
    if text.startswith(("'s", "’s"), hit.end) and _area_name(hit):
        return True  # "Russia’s President, Dmitry Medvedev": the country's, a possessive
    if any(w.rstrip(".") in institutions for w in words[:6]):
        return True
    # Any other name that a place's name starts ("Dallas Cowboys", "Rodeo Gainesville" aside,
    # "Grapeland Senior Citizens Center") holds the toponym too, unless the place's name is a
    # person's first name as well ("Jordan Dyer", "Douglas Hurd") or a single word follows
    # it that may be a surname ("Paris Hilton").
    # Only the words right after it count ("Chad Walker and Investigator Bill Carlow": one),
    # and two at least: one may be a surname ("Paris Hilton"), an initial a person's ("Virginia
    # L. Lane").
    # A county's, state's or country's name may take one plural word ("Walker County
    # Fairgrounds", "Minnesota Twins") unless it is a first name too.
    direct = _DIRECT_TAIL.match(text, hit.end)
    one = _ONE_PLURAL.match(text, hit.end) if direct is None and _area_name(hit) else None
    first = direct.group(1) if direct else ""
    tail_words = (direct.group() if direct else one.group() if one else "").split()
    if any(w in _PAPER for w in tail_words):
        return False  # "The New York Times and Chad Walker": the paper, not the city
    # A place that is a first name too ("Georgia") may start a longer name ("Georgia Modular
    # Systems"), not one word ("Georgia Roberts").
    given = hit.name in _given_names() or (direct is None and hit.name in _personal_places())
    return ((direct is not None or one is not None) and not given
            and first not in _given_names() and not _INITIAL.fullmatch(first)
            and not any(ps == hit.start for ps, _ in persons))


# Two or more capitalised words right after a name, separated by single spaces.
# A period only ends an abbreviation ("Co.", "St."), not the sentence ("by Virginia Chapin.").
_DIRECT_TAIL = re.compile(r" ([A-Z][\w'’&]*|[A-Z][a-z]{0,3}\.)"
                          r"(?: (?:[A-Z][\w'’&-]*|[A-Z][a-z]{0,3}\.)(?![\w'’&-]))+")
_INITIAL = re.compile(r"[A-Z]\.?")
_ONE_PLURAL = re.compile(r" [A-Z][a-z]+[a-rt-z]s(?![\w'’-])")


def _personal_places() -> frozenset[str]:
    """Places' names that are common first names too."""
    return _word_lists()["@"]


# A demonym or adjective of a country ("American", "Sri Lankan", "Israelis", "French").
_DEMONYM = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?(?:an|ans|ese|i|is|ish|ch|ic)")


# Words after a name that make it a person's ("Roberts said", "Baker's").
_PERSONAL = re.compile(r"(?:'s|’s|\s+(?:said|says|told|added|wrote|asked|noted))\b")


def _is_abbreviation(name: str) -> bool:
    """"Ga.", "W. Va.": a state's abbreviation is a place only after a town or a preposition."""
    return name.endswith(".") and len(name) <= 6


def _prominent(hit: Hit) -> bool:
    """Without locative context, accept our own curated names, cities of 100,000 people or
    more (by any name: "Kiev", "Khan Younis") and named counties ("Laurel County"); small
    towns' names are mostly other words."""
    return any(((e.curated or e.population >= 100_000) and e.kind != "adm2")
               or (e.kind == "adm2" and hit.name.endswith((" County", " Parish")))
               for e, _ in hit.entries)


# At a line's start, or after a headline or a date run into the text ("... acreage. CHARLESTON,
# W.Va. --", "March 29, 2009 PATASKALA --", "BEIRUT: Unknown assailants", "FALLS VILLAGE—The").
# (The first capital is matched first and the anchors looked behind it, the text's start
# being where no character precedes it: a pattern that starts with a character class is
# scanned for it in C, the anchors tried at capitals only. Same matches.)
_CAPS_DATELINE = re.compile(r"[A-Z](?:(?<=\n[A-Z])|(?<![\s\S][A-Z])|(?<=[.!?] [A-Z])"
                            r"|(?<=\d{4} [A-Z]))[A-Z.' -]{2,}?(?=,|:\s| ?[—–]| -| \()")
# Words kept in lower case when a capitalised name is title-cased ("Isle of Palms").
_LOWER_IN_NAME = re.compile(r"(?<=\w )(?:Of|The|And|De|Du|La|Le|Upon|On)(?= )")


def _caps_datelines(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text with capitalised datelines title-cased in place ("CHARLESTON, W.Va." →
    "Charleston, W.Va."), so that names are found (offsets do not move), and the spans of those
    that start a story's text: the rest of the line is written in lower case too ("BEIRUT:
    Unknown assailants"); a headline's topic ("CRICKET - ENGLAND BEAT PAKISTAN", "RUGBY UNION -
    ...") is followed by more capitals and names no place. One scan for both."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _CAPS_DATELINE.finditer(text):
        parts += [text[pos:m.start()],
                  _LOWER_IN_NAME.sub(lambda w: w.group().lower(), m.group().title())]
        pos = m.end()
        end = text.find("\n", pos)
        rest = text[pos:end if end >= 0 else len(text)]
        if _LOWER.search(rest) or not rest.strip(" ,:-—–"):
            spans.append(m.span())
    if not parts:
        return text, spans
    parts.append(text[pos:])
    return "".join(parts), spans


_LOWER = re.compile(r"[a-z]")


# A hyphen between two capitalised words ("Egyptian-US relations", "Paris-Henry County",
# "University of Nebraska-Lincoln") or after a party's letter ("Rep. Nick Rahall, D-W. Va.",
# "DFL-Minneapolis"): each side may be a name.
# (The hyphen first, the letter before it looked behind: scanned for in C.)
_JOINING_HYPHEN = re.compile(r"-(?<=[A-Za-z.]-)(?=[A-Z])")
# Particles that start Arabic and other names with a hyphen ("Al-Aqsa", "Abu-Dhabi").
_HYPHEN_PARTICLE = re.compile(r"(?:^|\W)(?:Al|El|Ad|As|Ar|Ash|At|Az|Abu|Bin|Ibn|Ben|Beni|Ould|"
                              r"Ait|Sidi|Umm|Um)$")


def _hits(g: Gazetteer, text: str) -> list[Hit]:
    """The gazetteer's names in ``text``, and those that a hyphen joins to another capitalised
    word, where no longer name ("Winston-Salem") covers them."""
    hits = list(g.find(text))
    if "-" not in text:
        return hits
    # The joining hyphens read as spaces (not a particle's: "Al-Aqsa").
    cuts = [m.start() for m in _JOINING_HYPHEN.finditer(text)
            if not _HYPHEN_PARTICLE.search(text, max(0, m.start() - 6), m.start())]
    if not cuts:
        return hits
    taken = [(h.start, h.end) for h in hits]
    found = _find_split_lines(g, text, cuts)
    bounds = {h.start for h in found} | {h.end for h in found}
    extra = []
    covered: set[tuple[int, int]] = set()
    for h in found:
        inside = [(s, e) for s, e in taken if s < h.end and h.start < e]
        if inside and not all(h.start <= s and e <= h.end and e - s < h.end - h.start
                              for s, e in inside):
            continue  # "D-W. Va.": the longer name across the hyphen's gap replaces "Va."
        # The word across the hyphen must be a name too, a country's adjective or a party's
        # letter: "Ebola-Reston virus" and "Caroline-Anne" name no place.
        if _DEMONYM.fullmatch(h.name) is not None:
            continue  # "Arab-Israeli talks": a people's adjective, not the town of Arab
        if not any(primary for _, primary in h.entries):
            continue  # "Wal-Mart": a transliteration of a town's name, no name news writes
        if text[h.start - 1:h.start] == "-":
            other = _WORD_END.search(text, max(0, h.start - 30), h.start - 1)
            ok = h.start - 1 in bounds or (other is not None and (
                _PARTY.fullmatch(other.group()) is not None
                or _DEMONYM.fullmatch(other.group()) is not None))
        elif text[h.end:h.end + 1] == "-":
            other = _WORD_START.match(text, h.end + 1)
            ok = h.end + 1 in bounds or (
                other is not None and _DEMONYM.fullmatch(other.group()) is not None)
        else:
            continue
        if ok:
            extra.append(h)
            covered.update(inside)
    if covered:
        hits = [h for h in hits if (h.start, h.end) not in covered]
    return sorted(hits + extra, key=lambda h: h.start)


def _find_split_lines(g: Gazetteer, text: str, cuts: list[int]) -> list[Hit]:
    """The names found on the lines of ``text`` that hold a hyphen at ``cuts`` (ascending), with
    those hyphens read as spaces. No name holds a line break, so each line's names are found
    apart, and an unchanged line's are the text's own, which ``_hits`` never adds (speed: most
    of a text has no joining hyphen)."""
    found: list[Hit] = []
    i = 0
    while i < len(cuts):
        start = text.rfind("\n", 0, cuts[i]) + 1
        end = text.find("\n", cuts[i])
        if end < 0:
            end = len(text)
        chars = list(text[start:end])
        while i < len(cuts) and cuts[i] < end:
            chars[cuts[i] - start] = " "
            i += 1
        found.extend(Hit(h.name, h.start + start, h.end + start, h.entries)
                     for h in g.find("".join(chars)))
    return found


_WORD_END = re.compile(r"[A-Za-z.]+$")
_WORD_START = re.compile(r"[A-Za-z]+")
# A party's letters before a legislator's home ("Rep. Barbara Lee, D-Oakland", "DFL-Cook").
_PARTY = re.compile(r"[DRI]|DFL|Ind|Dem|Rep|Lab|Con|Lib")


@cache
def _given_names() -> frozenset[str]:
    """Persons' first names (data/given_names.txt): a small town called "Douglas" needs a cue."""
    return frozenset(ln.strip() for ln in data_path("given_names.txt").read_text(
        encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#"))


# A side in a result ("Leicestershire beat Somerset", "Hull 0 Barnet 0", "v Derbyshire",
# "Hampshire 232 and 205"): teams take their towns' and counties' names.
# Found by what follows the side's name (a score or a verb, after a space: a pattern that
# starts with a literal, scanned for in C), its one or two capitalised words read back by
# _capitalised_before: the same sides as "\b([A-Z][a-z]+(?: [A-Z][a-z]+)?)(?= <what follows>)"
# in a third of the time. (The lookahead on their first characters rejects most spaces at once.)
_RESULT_NEXT = re.compile(r" (?=[\dbdv])(?:\d{1,3}\b(?!,\d| (?:percent|per|%))"
                          r"|(?:beat|beats|drew|v|vs)\b)")
# ("vs?" and "beats?" match what "v|vs" and "beat|beats" do before the space.)
_RESULT_AFTER = re.compile(r"(?:v(?<!\wv)s?|b(?<!\wb)eats?) (?:[A-Z][a-z]+ )?([A-Z][a-z]+)\b")


def _result_sides(text: str) -> set[str]:
    """The names that stand as sides of a sports result in ``text``."""
    sides = {m.group(1) for m in _RESULT_AFTER.finditer(text)}
    for m in _RESULT_NEXT.finditer(text):
        first = _capitalised_before(text, m.start())
        if first is not None:
            sides.add(text[first:m.start()])
    return sides


def _lower_run(text: str, end: int) -> int:
    """Where the run of ASCII lower-case letters that ends at ``end`` starts."""
    i = end
    while i > 0 and "a" <= text[i - 1] <= "z":
        i -= 1
    return i


def _capitalised_before(text: str, end: int) -> int | None:
    """The start of the one or two capitalised words (``[A-Z][a-z]+``, a single space between,
    the first at a word boundary) that end at ``end``, the leftmost reading first; None if
    none does."""
    i = _lower_run(text, end)
    if i == end or i == 0 or not "A" <= text[i - 1] <= "Z":
        return None
    last = i - 1
    if last >= 2 and text[last - 1] == " ":
        j = _lower_run(text, last - 1)
        if 0 < j < last - 1 and "A" <= text[j - 1] <= "Z" and (
                j == 1 or not (text[j - 2].isalnum() or text[j - 2] == "_")):
            return j - 1
    if last == 0 or not (text[last - 1].isalnum() or text[last - 1] == "_"):
        return last
    return None
