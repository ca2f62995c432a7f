"""The plain-text line classifier: features, labels, tree fitting and the shipped model."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from newsevents.eval import lines as train_lines
from newsevents.records import Document, RawDocument
from newsevents.stages import _lines
from newsevents.stages._mainblock import main_block
from newsevents.stages.clean import Clean

_PROSE = ("The two delegations met for six hours on Tuesday and agreed to resume talks on the "
          "border crossings next month, officials from both sides said.")
_MENU = ["Home", "World", "Politics", "Business", "Sport", "Login"]
_PAGE = [*_MENU, "Talks resume in Geneva", _PROSE, _PROSE, "Most read", "Storm hits coast",
         "Markets fall", "About us", "Contact", "Imprint", "Privacy"]


def _constant_model(logit: float) -> dict[str, Any]:
    """A model without splits: every line gets the same probability."""
    return {"features": list(_lines.FEATURES), "threshold": 0.5, "vocabulary": {},
            "stages": [{"base": logit, "trees": {"depth": 1, "feature": [[0]],
                                                 "split": [[1e30]], "leaf": [[0.0, 0.0]]}}]}


def test_features_one_finite_row_per_line() -> None:
    x = _lines.features(_PAGE)
    assert x.shape == (len(_PAGE), len(_lines.FEATURES))
    assert np.isfinite(x).all()
    col = {name: x[:, i] for i, name in enumerate(_lines.FEATURES)}
    assert col["prose"].tolist() == [float(ln == _PROSE) for ln in _PAGE]
    assert col["inside_span"][_PAGE.index(_PROSE)] == 1.0 and col["inside_span"][0] == 0.0
    assert _lines.features([]).shape == (0, len(_lines.FEATURES))


def test_tokens_and_lexical_scores() -> None:
    assert _lines.tokens("Read more: Storm hits!") == {
        "read", "more", "storm", "hits", "^read", "$hits", "p:", "p!"}
    lex = _lines.lexical(["Storm hits coast", "Home", "12"], {"storm": 1.0, "hits": -0.5})
    assert lex.tolist() == [[0.25, -0.5], [0.0, 0.0], [0.0, 0.0]]


def test_label_marks_lines_a_segment_covers() -> None:
    lines = ["Home", "Talks resume", "in Geneva today.", "Storm hits coast", "Other"]
    labels = train_lines.label(lines, ["resume in Geneva"], ["Storm hits", "Home Talks"])
    # A line a must-have segment covers is kept even when a must-not-have one covers it too.
    assert labels == [0, 1, 1, 0, -1]


def test_fit_is_deterministic_and_learns_a_split() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 3))
    y = (x[:, 1] > 0.2).astype(float)
    a, b = train_lines.fit(x, y), train_lines.fit(x, y)
    assert a == b
    p = _lines.predict(x, {"stages": [a]})
    assert ((p >= 0.5) == (y == 1)).mean() > 0.95
    assert set(np.asarray(a["trees"]["feature"]).ravel().tolist()) <= {0, 1, 2}


def test_train_on_page_dumps_then_clean_with_the_result() -> None:
    text = "\n".join(_PAGE)
    sample = train_lines.sample(text, ["Talks resume in Geneva " + _PROSE],
                                ["Markets fall", "Home", "World", "Privacy"])
    assert sample.page_like and sample.x.shape[0] == len(sample.lines)
    assert sample.labels.count(1) == 2 and sample.labels.count(0) == 4
    params = train_lines.train([sample] * 10)
    assert params["features"] == list(_lines.FEATURES)
    assert params["trained_on"]["lines"] == 60
    assert {"markets", "^home"} <= params["vocabulary"].keys()
    assert params["vocabulary"]["markets"] < 0
    doc = Clean(line_model=params)(Document(raw=RawDocument(source="p.txt", text=text)))
    assert doc.article is not None
    assert _PROSE in doc.article.text and "Markets fall" not in doc.article.text


def test_clean_uses_the_model_it_is_given() -> None:
    text = "\n".join(_PAGE)
    keep_all = Clean(line_model=_constant_model(5.0))(
        Document(raw=RawDocument(source="p.txt", text=text)))
    assert keep_all.article is not None and keep_all.article.text == text
    # A model that keeps nothing falls back to the densest prose block.
    none = Clean(line_model=_constant_model(-5.0))(
        Document(raw=RawDocument(source="p.txt", text=text)))
    expected = [ln for ln, k in zip(_PAGE, main_block(_PAGE), strict=True) if k]
    assert none.article is not None and none.article.text.split("\n") == expected


def test_shipped_model_matches_the_features_and_drops_menus() -> None:
    model = _lines.model()
    assert model["features"] == list(_lines.FEATURES)
    assert model["lexical"] == list(_lines.LEXICAL) and model["context"] == list(_lines.CONTEXT)
    assert model["trained_on"]["pages"] > 500 and len(model["members"]) >= 1
    flags = _lines.keep(_PAGE)
    kept = [ln for ln, k in zip(_PAGE, flags, strict=True) if k]
    assert _PROSE in kept
    assert not set(_MENU) & set(kept)


@pytest.mark.parametrize("lines", [["One line only."], [_PROSE] * 2])
def test_keep_on_tiny_pages(lines: list[str]) -> None:
    assert len(_lines.keep(lines)) == len(lines)


def test_a_bag_averages_its_chains() -> None:
    x = np.zeros((3, 1))
    low, high = _constant_model(-1.0)["stages"], _constant_model(2.0)["stages"]
    p = _lines.predict(x, {"members": [low, high]})
    expected = (1 / (1 + np.exp(1.0)) + 1 / (1 + np.exp(-2.0))) / 2
    assert np.allclose(p, expected)


def test_inner_halves_follow_each_page_not_its_position() -> None:
    pages = [train_lines.sample("\n".join(_PAGE[:k] + _PAGE[k + 1:]),
                                ["Talks resume in Geneva " + _PROSE], ["Markets fall", "Home"],
                                key=f"https://example.org/{k}")
             for k in range(8)]
    params = train_lines.train(pages, bag=2)
    assert len(params["members"]) == 2 and params["trained_on"]["bag"] == 2
    # A page that is not a page dump (one sentence) is not trained on and changes nothing.
    extra = train_lines.sample("Just one line.", [], [], key="https://example.org/x")
    assert not extra.page_like
    assert train_lines.train([extra, *pages], bag=2) == params
    # A page's inner half is a function of its key alone (not of its position among the
    # pages), different bits at different nesting levels; a page given twice counts twice.
    assert {train_lines._side("https://example.org/1", 0, level) for level in range(64)} \
        == {0, 1}
    assert train_lines._keys([pages[0], pages[1], pages[0]]) == [
        "https://example.org/0", "https://example.org/1", "https://example.org/0#1"]


def test_an_unsure_line_between_sure_article_lines_is_kept() -> None:
    p = np.array([0.95, 0.45, 0.97, 0.2, 0.99, 0.45, 0.6])
    # Raised: 0.45 between 0.95 and 0.97; not the one beside a line of 0.6, nor the 0.2.
    assert _lines._bridge(p).tolist() == [0.95, 1.0, 0.97, 0.2, 0.99, 0.45, 0.6]
    assert _lines._bridge(np.array([0.45, 0.95])).tolist() == [0.45, 0.95]


def test_context_places_each_line_against_the_largest_run_of_article_lines() -> None:
    # A teaser run (lines 0-1, 10 words), four unsure lines, the story (lines 6-11 with two
    # unsure lines inside, 100 words on its likely lines), four unsure lines, a comment.
    p = np.array([0.9, 0.8, *[0.1] * 4, 0.9, 0.95, 0.3, 0.4, 0.9, 0.99, *[0.1] * 4, 0.7])
    words = np.array([5, 5, *[2] * 4, 30, 30, 4, 4, 20, 20, *[1] * 4, 20], dtype=float)
    ctx = _lines.context(p, np.log1p(words)[:, None])
    assert ctx.shape == (p.size, len(_lines.CONTEXT))
    share, inside, above, below = (ctx[:, _lines.CONTEXT.index(f)] for f in (
        "run_share", "in_main_run", "log_above_main", "log_below_main"))
    assert np.allclose(share, [0.1, 0.1, *[0] * 4, *[1] * 6, *[0] * 4, 0.2])
    assert inside.tolist() == [0.0] * 6 + [1.0] * 6 + [0.0] * 5
    assert np.allclose(np.expm1(above[:7]), [6, 5, 4, 3, 2, 1, 0]) and not above[6:].any()
    assert np.allclose(np.expm1(below[11:]), [0, 1, 2, 3, 4, 5]) and not below[:12].any()
    # No likely article line: every line is as far from the story as the page is long.
    none = _lines.context(np.full(3, 0.1), np.zeros((3, 1)))
    assert not none[:, _lines.CONTEXT.index("in_main_run")].any()
    assert np.allclose(none[:, _lines.CONTEXT.index("log_above_main")], np.log1p(3))


def test_untrained_model_falls_back_to_the_rules() -> None:
    params = train_lines.train([train_lines.sample("Just one line.", [], [])])
    assert params["trained_on"]["lines"] == 0
    flags = _lines.keep(_PAGE, params)
    assert flags == main_block(_PAGE)



# Wire copy wrapped at a fixed width, as old wire services and archives store it (our own text).
_WIRE = [
    "A sudden fall in factory orders last month points to weaker business investment in the "
    "coming quarter, economists said on Tuesday.",
    "Orders for machinery dropped by nine percent, the steepest fall in three years, and "
    "analysts said the figures painted a gloomy picture of the economy.",
    '"It is a worrying sign," said an economist at a research firm in the capital, adding that '
    "companies may be waiting for the new tax rules before they spend.",
    "The ministry will publish revised figures at the end of the month, and the central bank "
    "meets a week later to decide on interest rates.",
    "Exports rose slightly, helped by a weaker currency and stronger demand in Asia, but imports "
    "of consumer goods fell for a second month.",
    "Retail sales were flat in the same period, the statistics office said, while unemployment "
    "held at five percent.",
    "Separately, the finance minister said the budget deficit would narrow this year as tax "
    "receipts improved.",
    "Bond prices rose after the figures were released, and the currency weakened against the "
    "dollar.",
    "Shares in engineering companies fell sharply in early trading, with two of the largest "
    "firms losing more than three percent.",
    "Economists polled last week had expected a small rise in orders, and several said they "
    "would now cut their growth forecasts.",
]


def test_hard_wrapped_wire_copy_is_not_a_page_dump() -> None:
    import textwrap

    from newsevents.stages._mainblock import hard_wrapped, main_block, page_like

    lines = ([ln for p in _WIRE[:2] for ln in textwrap.wrap(p, 80)]
             + [ln for p in _WIRE[2:] for ln in textwrap.wrap(p, 42)])
    # Long, with short last lines and most lines outside the rules' main block: without the
    # hard-wrap test this went to the page-dump classifier, which dropped story lines.
    assert len(lines) >= 30 and main_block(lines).count(False) >= 8
    assert hard_wrapped(lines) and not page_like(lines)
    assert not hard_wrapped(_PAGE)
    # Every line of the story survives cleaning, with a model that would drop them all.
    doc = Clean(line_model=_constant_model(-20.0))(
        Document(raw=RawDocument(source="wire.txt", text="\n".join(lines))))
    assert doc.article is not None and doc.article.text.splitlines() == lines
