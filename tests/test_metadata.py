"""Metadata stage: title, language, and the publication date with its basis."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsevents.records import Article, Document, RawDocument
from newsevents.stages._pubdate import infer_year, parse_date_string
from newsevents.stages.clean import Clean
from newsevents.stages.metadata import Metadata, detect_language

from .conftest import RESOURCES, shared_path

TODAY = date(2026, 11, 29)
META = Metadata(today=TODAY)


def _run(raw: RawDocument, meta: Metadata = META) -> tuple[Article, tuple[str, ...]]:
    doc = meta(Clean()(Document(raw=raw)))
    assert doc.article is not None
    return doc.article, doc.notes


def _text(
    text: str, published: str | None = None, title: str | None = None
) -> tuple[Article, tuple[str, ...]]:
    return _run(RawDocument(source="t.txt", text=text, published=published, title=title))


BODY = (
    "Negotiators from the two governments met for a second day of talks in Geneva, and both "
    "delegations said that progress had been made on the question of prisoner exchanges."
)


def test_seed_date_from_weekday() -> None:
    text = shared_path("seed", "iran-brics-kazan.txt").read_text(encoding="utf-8")
    art, notes = _text(text)
    assert art.published == date(2024, 10, 23)
    assert art.published_basis == "weekday"
    assert "year 2024 inferred from weekday Wednesday" in notes
    assert art.language == "en"
    assert art.title is None  # the first line is a long sentence, not a headline


def test_given_date_wins() -> None:
    art, notes = _text("Wednesday October 23\n" + BODY, published="2025-02-13")
    assert (art.published, art.published_basis) == (date(2025, 2, 13), "given")
    assert notes == ()


def test_given_date_in_other_formats_and_unreadable() -> None:
    art, _ = _text(BODY, published="13 February 2025")
    assert (art.published, art.published_basis) == (date(2025, 2, 13), "given")
    art, notes = _text("Published: 4 March 2025\n" + BODY, published="sometime soon")
    assert (art.published, art.published_basis) == (date(2025, 3, 4), "text")
    assert any("'sometime soon' not understood" in n for n in notes)


def test_html_metadata_date_and_title() -> None:
    html = (RESOURCES / "src_article.html").read_text(encoding="utf-8")
    art, _ = _run(RawDocument(source="a.html", html=html))
    assert (art.published, art.published_basis) == (date(2023, 7, 14), "metadata")
    assert art.title == "Ministers agree grain corridor extension"


def test_html_dates_outside_metadata_are_not_taken() -> None:
    # Only a modification time, a related link's URL date and a date in the body: none is the
    # publication date, so none may be reported as coming from metadata.
    html = (RESOURCES / "meta_nodate.html").read_text(encoding="utf-8")
    art, _ = _run(RawDocument(source="n.html", html=html))
    assert art.published is None and art.published_basis == "none"
    assert art.title == "Coastal towns brace for record tides"  # site name dropped


@pytest.mark.parametrize(
    ("top", "expected"),
    [
        ("By Marta Sousa | March 4, 2025", date(2025, 3, 4)),
        ("Published: 23 Oct 2024", date(2024, 10, 23)),
        ("Posted on Wednesday, October 23, 2024 at 10:15", date(2024, 10, 23)),
        ("2024-10-23", date(2024, 10, 23)),
        ("October 23, 2024", date(2024, 10, 23)),
        ("Updated October 24, 2024\nPublished October 23, 2024", date(2024, 10, 23)),
        ("KAZAN, Russia, Oct 23, 2024 (Reuters) - Leaders met on Wednesday.", date(2024, 10, 23)),
    ],
)
def test_date_from_text(top: str, expected: date) -> None:
    art, _ = _text("Leaders meet in Kazan\n" + top + "\n" + BODY)
    assert (art.published, art.published_basis) == (expected, "text")


def test_updated_line_used_with_a_note() -> None:
    art, notes = _text("Leaders meet in Kazan\nUpdated: 24 October 2024\n" + BODY)
    assert (art.published, art.published_basis) == (date(2024, 10, 24), "text")
    assert any("'updated'" in n for n in notes)


def test_body_sentence_with_a_date_is_not_a_date_line() -> None:
    text = (
        "The agreement was first proposed by the two foreign ministers on September 18, 2024, "
        "during a visit to Tehran that was cut short by the news from Lebanon.\n" + BODY
    )
    art, _ = _text(text)
    assert (art.published, art.published_basis) == (None, "none")


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("on Wednesday October 23", date(2024, 10, 23)),
        ("on Wednesday, Oct. 23,", date(2024, 10, 23)),
        ("on Wed 23 Oct", date(2024, 10, 23)),
        ("on Saturday, November 28", date(2026, 11, 28)),  # this year, it is not after today
        ("on Monday, November 30", date(2020, 11, 30)),  # 2026's is tomorrow: too late
    ],
)
def test_weekday_dates(phrase: str, expected: date) -> None:
    art, notes = _text(f"Leaders met in Kazan {phrase} to discuss trade.\n" + BODY)
    assert (art.published, art.published_basis) == (expected, "weekday")
    weekday = expected.strftime("%A")
    assert f"year {expected.year} inferred from weekday {weekday}" in notes


def test_today_is_injectable_and_defaults_to_today() -> None:
    text = "Leaders met in Kazan on Wednesday October 23 to discuss trade.\n" + BODY
    art, _ = _run(RawDocument(source="t", text=text), Metadata(today=date(2024, 10, 22)))
    assert art.published == date(2019, 10, 23)
    assert Metadata().today == date.today()


def test_no_date_and_the_verb_may() -> None:
    art, notes = _text("Officials may 3 times delay the vote, the spokesman said.\n" + BODY)
    assert (art.published, art.published_basis) == (None, "none")
    assert not any("inferred" in n for n in notes)


def test_infer_year_and_parse_date_string() -> None:
    assert infer_year(10, 23, 2, TODAY) == 2024
    assert infer_year(2, 29, 3, TODAY) == 2024  # Thursday 29 February 2024
    assert parse_date_string("2024-10-23T08:00:00Z") == date(2024, 10, 23)
    assert parse_date_string("Wed, 23 Oct 2024 08:00:00 GMT") == date(2024, 10, 23)
    assert parse_date_string("20241023") == date(2024, 10, 23)
    assert parse_date_string("October 23, 2024") == date(2024, 10, 23)
    assert parse_date_string("not a date") is None


def test_title_rules() -> None:
    art, _ = _text("Leaders meet in Kazan as summit opens\n" + BODY)
    assert art.title == "Leaders meet in Kazan as summit opens"
    art, _ = _text("Leaders met in Kazan.\n" + BODY)
    assert art.title is None  # a final period: a sentence, not a headline
    art, _ = _text("Leaders meet in Kazan\n" + BODY, title="Given title")
    assert art.title == "Given title"
    art, _ = _text(BODY)
    assert art.title is None  # a single paragraph has no headline


def test_language() -> None:
    art, notes = _text(BODY)
    assert art.language == "en" and not any(n.startswith("language") for n in notes)
    french = (
        "Les dirigeants des deux pays se sont rencontrés mercredi à Kazan pour discuter de la "
        "coopération économique, selon le ministère des affaires étrangères."
    )
    art, notes = _text(french)
    assert art.language == "fr"
    assert "language fr: not coded" in notes
    assert detect_language("Президент встретился с лидерами стран в Казани.") == "ru"
    assert detect_language("Kazan 2024") == "und"


# ---------------------------------------------------------------- dates beyond page metadata


def _page(body: str, head: str = "") -> str:
    return (f"<html><head><title>Story</title>{head}</head><body><nav><span class='date'>"
            f"1 January 2026</span></nav><article><h1>Talks resume in Geneva</h1>{body}"
            f"<p>{BODY}</p><p>{BODY}</p></article></body></html>")


@pytest.mark.parametrize(
    ("html", "url", "expected", "note"),
    [
        (_page('<div class="byline">By A. Writer · <time datetime="2025-01-18T09:10:00+02:00">'
               "18 January 2025</time></div>"), None, date(2025, 1, 18), "byline"),
        (_page("<p>Text</p>", '<link rel="canonical" href="https://x.example/2024/07/07/talks/">'),
         None, date(2024, 7, 7), "URL"),
        (_page("<p>Text</p>"), "https://x.example/asia/talks-resume-20241117", date(2024, 11, 17),
         "URL"),
        (_page('<div class="node__meta"><span class="field--name-created">Thursday, 24 October '
               "2024</span></div>"), None, date(2024, 10, 24), "byline"),
        (_page('<span class="post-date">23. Oktober 2024</span>'), None, date(2024, 10, 23),
         "byline"),
    ],
)
def test_html_dates_from_header_url_and_byline(html: str, url: str | None, expected: date,
                                               note: str) -> None:
    art, notes = _run(RawDocument(source="p.html", html=html, url=url))
    assert art.published == expected
    assert any(note in n for n in notes), notes


def test_updated_byline_and_chrome_dates_are_not_publication_dates() -> None:
    # The nav's date is today's (site chrome); "Updated" is not the first publication.
    html = _page('<div class="story-meta"><span class="updated">Updated 17 Nov 2024 02:10 GMT'
                 "</span></div>", '<meta property="article:modified_time" content="2024-11-17">')
    art, notes = _run(RawDocument(source="u.html", html=html))
    assert art.published != date(2026, 1, 1)
    # Neither the byline step nor htmldate (modification day) may give it; at most the text's
    # own "Updated" line, taken as a last resort and said so.
    assert not any("byline" in n or "htmldate" in n for n in notes), notes
    assert art.published is None or any("'updated' line" in n for n in notes), notes


def test_dotted_day_first_date_line() -> None:
    art, _ = _text("Prisoners exchanged in Ankara\nANKARA\n02.08.2024\n\n" + BODY)
    assert art.published == date(2024, 8, 2) and art.published_basis == "text"


def test_url_date_patterns() -> None:
    from newsevents.stages._pubdate import url_date, url_month

    assert url_date("https://a.example/2024/07/07/x/") == date(2024, 7, 7)
    assert url_date("https://a.example/news/2019-12-09-story.html") == date(2019, 12, 9)
    assert url_date("https://a.example/x-20241117") == date(2024, 11, 17)
    assert url_date("https://a.example/id/123456789") is None
    assert url_month("https://a.example/russia/2025/01/treaty") == (2025, 1)


def test_demo_corpus_pages_all_get_their_date() -> None:
    from newsevents.sources import read_inputs

    corpus = Path(__file__).resolve().parent.parent / "src/newsevents/demo/corpus"
    wrong = []
    dotted = corpus / "2024-08-02-bosphorus-post-ankara-prisoner-exchange.txt"
    for raw in read_inputs([str(p) for p in sorted(corpus.glob("*.html"))] + [str(dotted)]):
        assert isinstance(raw, RawDocument)
        art, _ = _run(raw)
        if str(art.published) != Path(raw.source).name[:10]:
            wrong.append((raw.source, art.published))
    assert not wrong


def test_date_steps_report_each_step_alone() -> None:
    from newsevents.stages.metadata import DATE_STEPS, date_steps

    doc = META(Clean()(Document(raw=RawDocument(
        source="s.html", url="https://x.example/2024/07/07/talks/",
        html=_page('<span class="post-date">8 July 2024</span>')))))
    steps = dict(date_steps(doc, TODAY))
    assert list(steps) == [s.name for s in DATE_STEPS]
    assert steps["URL"] == date(2024, 7, 7) and steps["HTML byline"] == date(2024, 7, 8)
    assert doc.article is not None and doc.article.published == date(2024, 7, 8)


def test_non_english_articles_are_not_coded(pipeline: object) -> None:
    text = ("Der russische Präsident Wladimir Putin traf am Mittwoch in Kasan den iranischen "
            "Präsidenten. Die beiden sprachen über die Zusammenarbeit und die Lage im Nahen "
            "Osten, teilte der Kreml mit.")
    doc = pipeline(RawDocument(source="de.txt", text=text))  # type: ignore[operator]
    assert doc.article.language == "de" and doc.actors == () and doc.events == ()
    assert "language de: not coded" in doc.notes
