"""The dashboard in a real browser: from the overview to a dyad, an event and its sentence; the
map, the network and shareable pages; and hostile article text that must never run."""

from __future__ import annotations

import re
import time
from typing import Any

from tests.browser.conftest import XSS_EVENT, XSS_SENTENCE, XSS_TITLE, open_dashboard


def wait_until(page: Any, expression: str, timeout_s: float = 15.0) -> None:
    """Poll ``expression`` from outside the page: Playwright's wait_for_function evaluates its
    predicate with eval inside the page, which the dashboard's CSP (rightly) refuses."""
    deadline = time.monotonic() + timeout_s
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout_s} s: {expression}")
        time.sleep(0.05)


def test_filter_to_a_dyad_and_read_the_evidence(page: Any, base_url: str) -> None:
    open_dashboard(page, base_url)
    assert page.locator("#dyads tr").count() > 0  # the overview lists the busiest pairs
    page.fill("#filters input[name=actor]", "IRN")
    page.fill("#filters input[name=partner]", "RUS")
    page.click("#filters button[type=submit]")
    wait_until(page, "location.hash.startsWith('#/dyad/IRN/RUS')")
    page.wait_for_selector("#page-head h2 >> text=Russia")
    rows = page.locator("#events tr[data-event]")
    rows.first.wait_for()
    evidence = rows.first.locator("td.evidence").inner_text()
    rows.first.click()
    mark = page.locator("#article-panel #evidence")
    mark.wait_for()
    assert page.locator("#article-panel").is_visible()
    assert mark.inner_text().strip() == evidence.strip()
    assert mark.evaluate("m => getComputedStyle(m).backgroundColor") != "rgba(0, 0, 0, 0)"
    # The open event is in the URL: reloading it shows the same sentence.
    url = page.url
    assert "event=" in url
    page.reload()
    page.locator("#article-panel #evidence").wait_for()
    assert page.locator("#article-panel #evidence").inner_text().strip() == evidence.strip()
    assert page.errors == []


def test_who_iran_met_from_its_actor_page(page: Any, base_url: str) -> None:
    open_dashboard(page, base_url, "#/actor/IRN")
    page.wait_for_selector("#partners tr")
    partners = page.locator("#partners tr td:first-child").all_inner_texts()
    assert any("Russia" in p for p in partners)
    page.select_option("#filters select[name=type]", "CONSULT")
    page.click("#filters button[type=submit]")
    wait_until(page, "location.hash.includes('type=CONSULT')")
    wait_until(page,
        "[...document.querySelectorAll('#events td.type')].length > 0 && "
        "[...document.querySelectorAll('#events td.type')].every(td => "
        "td.textContent.startsWith('CONSULT'))")
    page.locator("#events tr[data-event]").first.click()
    page.locator("#article-panel #evidence").wait_for()
    summary = page.locator("#event-summary").inner_text()
    assert summary.startswith("CONSULT") and "Iran" in page.locator("#article-panel").inner_text()
    assert page.errors == []


def test_map_and_network_lead_to_actor_and_dyad_pages(page: Any, base_url: str) -> None:
    open_dashboard(page, base_url)
    page.wait_for_selector("#map svg path.country")
    assert page.locator("#map path.country").count() > 150  # Natural Earth outlines drawn
    assert page.locator("#map path.has-events").count() > 5
    assert page.locator("#map circle.place").count() > 5
    page.locator("#map path[data-country=IRN]").dispatch_event("click")  # dots may cover it
    wait_until(page, "location.hash.startsWith('#/actor/IRN')")
    page.wait_for_selector("#page-head h2 >> text=Iran")
    node = page.locator("#network g.node[data-id=RUS]")
    node.wait_for()
    node.click()
    wait_until(page, "location.hash.startsWith('#/actor/RUS')")
    page.wait_for_selector("#page-head h2 >> text=Russia")
    page.locator("#network line.edge").first.dispatch_event("click")  # edges may overlap
    wait_until(page, "location.hash.startsWith('#/dyad/')")
    assert page.locator("#timeseries svg").count() == 1
    assert page.errors == []


def test_hostile_article_text_never_runs(page: Any, base_url: str) -> None:
    open_dashboard(page, base_url, f"#/?text=sabotage&event={XSS_EVENT}")
    page.locator("#article-panel #evidence").wait_for()
    page.wait_for_selector("#events tr[data-event]")
    # The markup is shown as text, exactly as the article has it.
    assert page.locator("#article-title").inner_text() == XSS_TITLE
    assert page.locator("#article-panel #evidence").inner_text() == XSS_SENTENCE
    assert XSS_SENTENCE in page.locator("#events").inner_text()
    # Nothing ran and no element came from the article: no <img>, <b>, inline <script>, <svg>.
    assert page.evaluate("typeof window.__pwned") == "undefined"
    for selector in ("#article-panel img", "#article-panel b", "#article-panel script",
                     "#article-text svg", "#events img", "#events script", "img[src=x]"):
        assert page.locator(selector).count() == 0, selector
    # The javascript: URL is never made a link; the title is plain text instead.
    assert page.locator("#article-title a").count() == 0
    assert page.evaluate("window.__csp") == []
    assert page.errors == []


def test_csp_blocks_inline_script_even_if_one_were_inserted(page: Any, base_url: str) -> None:
    """The second line of defence: had an escape been missed, the policy still refuses to run
    inline script (the browser reports the violation)."""
    open_dashboard(page, base_url)
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.__pwned = 1'; document.body.append(s); }"
    )
    wait_until(page, "window.__csp.length > 0")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert any(re.match(r"script-src", v) for v in page.evaluate("window.__csp"))
