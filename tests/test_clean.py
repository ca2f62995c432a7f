"""Clean stage: boilerplate removal (and what must stay), whitespace, datelines, HTML extraction."""

from __future__ import annotations

import pytest

from newsevents.errors import EmptyInputError
from newsevents.lexicon import load_toml
from newsevents.records import Article, Document, RawDocument, stable_id
from newsevents.stages import _html as page
from newsevents.stages.clean import Clean, boilerplate_reason, find_dateline

from .conftest import RESOURCES, shared_path

CLEAN = Clean()


def _clean_text(text: str, source: str = "test.txt") -> Article:
    article = CLEAN(Document(raw=RawDocument(source=source, text=text))).article
    assert article is not None
    return article


def _clean_html(name: str) -> Article:
    html = (RESOURCES / name).read_text(encoding="utf-8")
    article = CLEAN(Document(raw=RawDocument(source=name, html=html))).article
    assert article is not None
    return article


def test_seed_removes_exactly_the_six_boilerplate_lines() -> None:
    text = shared_path("seed", "iran-brics-kazan.txt").read_text(encoding="utf-8")
    art = _clean_text(text)
    lines = [ln for ln in text.split("\n") if ln.strip()]
    removed_prefixes = ("READ:", "Please make a small donation", "Android Users:",
                        "Connect with us:", "Sign up:")  # fmt: skip
    expected_removed = [ln.strip() for ln in lines if ln.startswith(removed_prefixes)]
    assert len(expected_removed) == 6
    assert [r.text for r in art.removed] == expected_removed
    assert [r.reason for r in art.removed] == [
        "related_link", "related_link", "donation_appeal", "app_promotion", "social_links",
        "newsletter_signup",
    ]  # fmt: skip
    # Nothing else is touched: every other line is kept, in order, word for word.
    assert art.text.split("\n") == [ln.strip() for ln in lines if ln.strip() not in
                                    expected_removed]  # fmt: skip
    assert "Iran’s" in art.text and "“neighborhood policy”" in art.text  # curly quotes kept


def test_fixture_boilerplate_reasons_and_body_kept() -> None:
    text = (RESOURCES / "clean_boilerplate.txt").read_text(encoding="utf-8")
    art = _clean_text(text)
    assert [r.reason for r in art.removed] == [
        "advertisement", "related_link", "related_link", "photo_credit", "image_caption",
        "donation_appeal", "app_promotion", "social_links", "social_links", "social_links",
        "newsletter_signup", "click_here", "advertisement", "copyright",
    ]  # fmt: skip
    kept = art.text.split("\n")
    assert kept[0] == "Drought forces Moroccan farmers to sell livestock"
    assert len(kept) == 4
    # Body sentences that merely contain "sign up" or "click here" stay.
    assert "urged cooperatives to sign up before the end of the month" in art.text
    assert "not to click here-and-there links" in art.text


def test_every_rule_example_is_removed_with_its_reason() -> None:
    data = load_toml("boilerplate.toml")
    checked = 0
    for rule in data["rule"]:
        assert rule["examples"], f"rule {rule['pattern']!r} has no examples"
        for example in rule["examples"]:
            assert boilerplate_reason(example) == rule["reason"], example
            checked += 1
    assert checked > 40


@pytest.mark.parametrize(
    "line",
    [
        "Voters can sign up to vote until Friday, election officials said.",
        "Sign up for the conscription lottery began on Monday in three provinces.",
        "Read the statement, the minister told reporters, and you will see it is clear.",
        "Related talks in Geneva ended without agreement on Thursday.",
        "More than 200 people were evacuated from the coastal town overnight.",
        "MORE than 200 people were evacuated from the coastal town overnight.",
        "Photographs of the meeting were released by the presidency on Wednesday.",
        "The messaging app, which is available on Google Play, was banned in March.",
        "Follow-up talks are planned in Doha next month, diplomats said.",
        "Share prices in Tokyo fell 2% after the announcement.",
        "Advertisement revenue at state broadcasters fell by a third, the report said.",
        "Copyright law was the main topic at the summit in Brussels.",
        "Donate blood, health officials urged residents after the earthquake.",
        "“Don’t click here,” police warned, showing reporters a phishing email.",
        "Subscribers to the service were told on Monday that prices would rise.",
        "Connecting with voters in rural areas was the party’s main goal, she said.",
        "Sponsored by three European states, the resolution passed with 120 votes.",
        "Image rights for the footage were sold to several broadcasters.",
    ],
)
def test_body_sentences_are_kept(line: str) -> None:
    assert boilerplate_reason(line) is None


def test_whitespace_normalised_conservatively() -> None:
    text = (RESOURCES / "clean_spacing.txt").read_text(encoding="utf-8")
    art = _clean_text(text)
    assert art.text == (
        "Port talks resume\n"
        "GENOA — Dockworkers and port owners resumed talks on Monday.\n"
        "Both sides said a deal was close."
    )


def test_hard_wrapped_paragraphs_are_joined() -> None:
    art = _clean_text((RESOURCES / "clean_wrapped.txt").read_text(encoding="utf-8"))
    paras = art.text.split("\n")
    assert len(paras) == 3
    assert paras[1].startswith("MILAN — Freight trains") and paras[1].endswith("the unions said.")
    assert [r.reason for r in art.removed] == ["related_link"]


@pytest.mark.parametrize(
    ("opening", "place"),
    [
        ("KAZAN, Russia, Oct 23 (Reuters) - Leaders met on Wednesday.", "KAZAN, Russia"),
        ("KAZAN, Russia (Reuters) — Leaders met on Wednesday.", "KAZAN, Russia"),
        ("MOSCOW — The Kremlin said on Tuesday it would respond.", "MOSCOW"),
        ("Washington (AP) — The Senate voted on Tuesday.", "Washington"),
        ("UNITED NATIONS, Oct. 23, 2024 (Reuters) - The council met.", "UNITED NATIONS"),
        ("NEW DELHI: The government announced new tariffs.", "NEW DELHI"),
        ("Kazan, Russia — Leaders met on Wednesday.", "Kazan, Russia"),
        ("WASHINGTON, D.C. -- Officials said the talks would go on.", "WASHINGTON, D.C."),
    ],
)
def test_dateline_found(opening: str, place: str) -> None:
    text = "A headline about the talks\n" + opening
    mention = find_dateline(text)
    assert mention is not None
    assert mention.text == place
    assert text[mention.start : mention.end] == place


@pytest.mark.parametrize(
    "opening",
    [
        "BREAKING: Leaders met on Wednesday.",
        "Iran — the view from Kazan is different.",
        "Iranian President Masoud Pezeshkian met Putin on Wednesday.",
        "US officials said the talks would go on.",
    ],
)
def test_no_dateline(opening: str) -> None:
    assert find_dateline(opening + "\nSecond paragraph.") is None


def test_dateline_in_article_and_seed_has_none() -> None:
    art = _clean_text((RESOURCES / "clean_boilerplate.txt").read_text(encoding="utf-8"))
    assert art.dateline is not None and art.dateline.text == "RABAT, Morocco"
    seed = shared_path("seed", "iran-brics-kazan.txt").read_text(encoding="utf-8")
    assert _clean_text(seed).dateline is None


def test_html_main_text_title_and_paragraphs() -> None:
    art = _clean_html("src_article.html")
    assert art.title == "Ministers agree grain corridor extension"
    paras = art.text.split("\n")
    assert paras[1].startswith("ISTANBUL, Turkey (Harbour Courier) — Turkish and Ukrainian")
    assert paras[-1].endswith("to the scheme.")
    assert len(paras) == 6
    for chrome in ("Home", "Log in", "Related stories", "Port strike ends", "All rights",
                   "Follow us", "Advertisement"):  # fmt: skip
        assert chrome not in art.text
    assert "sign up more shipping companies" in art.text
    assert art.dateline is not None and art.dateline.text == "ISTANBUL, Turkey"


def test_html_fallback_when_trafilatura_finds_nothing() -> None:
    html = (RESOURCES / "clean_short.html").read_text(encoding="utf-8")
    assert page.main_text(html) is None  # the case the fallback is for
    art = _clean_html("clean_short.html")
    assert art.text == "Talks in Vienna resumed on Monday.\nEnvoys met for three hours."
    assert art.title == "Notice"


def test_empty_inputs_raise_naming_the_source() -> None:
    with pytest.raises(EmptyInputError, match=r"clean_empty\.html: HTML page has no text"):
        _clean_html("clean_empty.html")
    with pytest.raises(EmptyInputError, match=r"blank\.txt"):
        _clean_text(" \n\u200b\n", source="blank.txt")
    with pytest.raises(EmptyInputError, match="only site boilerplate"):
        _clean_text("Advertisement\nShare this article\n", source="ads.txt")


def test_id_url_feed_and_reading_notes_are_carried() -> None:
    raw = RawDocument(
        source="x.txt",
        text="Talks resumed in Vienna on Monday.",
        url="https://example.org/a",
        feed="world",
        title="Talks resume",
        notes=("x.txt: decoded as Windows-1252",),
    )
    doc = CLEAN(Document(raw=raw))
    assert doc.article is not None
    assert doc.article.id == stable_id("art", raw.content_hash)
    assert (doc.article.url, doc.article.feed, doc.article.title) == (
        "https://example.org/a", "world", "Talks resume",
    )  # fmt: skip
    assert doc.notes == ("x.txt: decoded as Windows-1252",)


# ---------------------------------------------------------------- whole pages saved as text

_PROSE = ("Negotiators from the two governments met for a second day of talks in Geneva, and "
          "both delegations said that progress had been made on prisoner exchanges.")


def test_page_saved_as_text_keeps_its_main_block() -> None:
    menu = ["Home", "World", "Politics", "Business", "Sport", "Login"]
    footer = ["About us", "Contact", "Imprint", "Privacy",
              "Our newsroom is funded by its readers."]
    lines = [*menu, "Talks resume in Geneva", _PROSE, "Second round", _PROSE, _PROSE,
             "Most read", "Storm hits coast", "Markets fall", "Trains cancelled",
             "Election results", *footer]
    doc = Clean()(Document(raw=RawDocument(source="page.txt", text="\n".join(lines))))
    assert doc.article is not None
    kept = doc.article.text.split("\n")
    # The story's lines stay, in order; whether the headline does is the classifier's call.
    assert [ln for ln in kept if ln != "Talks resume in Geneva"] == [
        _PROSE, "Second round", _PROSE, _PROSE]
    outside = {r.text for r in doc.article.removed if r.reason == "outside the page's main text"}
    assert {"Home", "Markets fall", footer[-1]} <= outside


def test_page_saved_as_text_ends_at_its_comments_and_drops_furniture() -> None:
    menu = ["Home", "World", "Politics", "Business", "Sport", "Login"]
    lines = [*menu, "By A. Writer, staff reporter in Geneva", "Talks resume in Geneva",
             _PROSE, "Lea también: Storm hits coast", _PROSE, "Foto: A. Writer", _PROSE,
             "This site uses cookies; by reading on you accept them.",
             "3 Comments", "Reader One", _PROSE, "Reply", "Reader Two", _PROSE, "Reply",
             "Home", "Theme by Example Themes"]
    doc = Clean()(Document(raw=RawDocument(source="page.txt", text="\n".join(lines))))
    assert doc.article is not None
    kept = doc.article.text.split("\n")
    # The readers' comments (prose too) go; headline and byline are the classifier's call.
    heads = {"By A. Writer, staff reporter in Geneva", "Talks resume in Geneva"}
    assert [ln for ln in kept if ln not in heads] == [_PROSE, _PROSE, _PROSE]


def test_ordinary_plain_article_is_not_treated_as_a_page() -> None:
    from newsevents.stages._mainblock import page_like

    text = "\n".join(["Talks resume in Geneva", "By A. Writer", _PROSE, _PROSE, _PROSE])
    assert not page_like(text.split("\n"))
    doc = Clean()(Document(raw=RawDocument(source="a.txt", text=text)))
    assert doc.article is not None and doc.article.text == text


def _paragraph(k: int) -> str:
    return (f"In the {k}th round of talks the delegations went through the draft clause by "
            "clause, and officials said the remaining gaps were narrowing.")


def test_long_ordinary_article_with_subheadings_is_left_alone() -> None:
    from newsevents.stages._mainblock import page_like

    lines = ["Talks resume in Geneva", "By A. Writer"]
    for k in range(1, 31):
        lines.append(_paragraph(k))
        if k % 5 == 0:
            lines.append(f"Round {k}")  # a subheading: short, no sentence mark
    assert len(lines) >= 30 and not page_like(lines)
    doc = Clean()(Document(raw=RawDocument(source="a.txt", text="\n".join(lines))))
    assert doc.article is not None and doc.article.text == "\n".join(lines)


def test_long_dump_with_wordy_boilerplate_is_a_page() -> None:
    """Menus and teasers of five words or more: few short lines, but many lines outside the
    main block, so the page goes to the classifier all the same."""
    from newsevents.stages._mainblock import page_like

    teasers = [f"Storm number {k} hits the northern coast overnight" for k in range(12)]
    menu = ["Home", "World", "Politics"]
    lines = [*menu, *teasers[:6], "Talks resume in Geneva",
             *(_paragraph(k) for k in range(1, 19)), *teasers[6:], "About us"]
    short = sum(1 for ln in lines if len(ln.split()) < 5) / len(lines)
    assert short < 0.35 and page_like(lines)
    doc = Clean()(Document(raw=RawDocument(source="p.txt", text="\n".join(lines))))
    assert doc.article is not None
    kept = doc.article.text.split("\n")
    assert _paragraph(1) in kept and _paragraph(18) in kept and "Home" not in kept


def test_render_text_keeps_boilerplate_blocks_on_lines() -> None:
    from newsevents.eval.clean import render_text

    html = ("<html><head><title>T</title><script>var x;</script></head><body><nav><li>Home</li>"
            "<li>World</li></nav><article><h1>Head</h1><p>Para one.</p><p>Para <b>two</b>.</p>"
            "</article><footer>© Site</footer></body></html>")
    assert render_text(html).split("\n") == ["Home", "World", "Head", "Para one.", "Para two.",
                                             "© Site"]


def test_segment_scoring_ignores_invisible_characters() -> None:
    # Gold segments keep the page's soft hyphens; the clean stage drops them (and zero-width
    # spaces). The same words must score as found, kept or dropped alike.
    from newsevents.eval.clean import SegmentCounts

    text = _clean_text("Die Versu\u00adchungen des Abso\u00adlu\u00adtismus.\nTeilen").text
    assert "\u00ad" not in text
    counts = SegmentCounts()
    counts.add_page(["Versu\u00adchungen des Abso\u00adlu\u00adtismus."],
                    ["Tei\u200blen", "Impres\u00adsum"], text)
    assert (counts.tp, counts.fn, counts.fp, counts.tn) == (1, 0, 1, 1)
