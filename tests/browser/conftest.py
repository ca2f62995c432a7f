"""Fixtures for the browser tests: the dashboard served by uvicorn on a free loopback port over
a store of the demo corpus (plus one hostile article), driven by Playwright in Debian's Chromium.

Playwright only drives the system browser (``executable_path``); nothing is downloaded. Without
``chromium`` on PATH (``make browser`` installs it) every test here is skipped, saying so.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from newsevents.records import Actor, Article, Document, Event, Evidence, Mention, RawDocument
from newsevents.store import Store

CHROMIUM = shutil.which("chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "browser"

# Script and markup in every field an article gives the page: title, text, evidence, URL.
XSS_TITLE = '<script>window.__pwned = "title"</script><b>Bold</b> summit'
XSS_SENTENCE = ('Iran accused Israel <img src=x onerror="window.__pwned=\'evidence\'"> of '
                '<script>window.__pwned="text"</script> sabotage.')
XSS_TEXT = f"Tensions rose on Monday. {XSS_SENTENCE} <svg onload=\"window.__pwned='svg'\"></svg>"
XSS_EVENT = "ev-xss-browser"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    reason = None
    if CHROMIUM is None:
        reason = "chromium not installed: `make browser` installs Debian's chromium package"
    else:
        try:
            import playwright  # noqa: F401
        except ImportError:
            reason = "playwright not installed: pip install -e '.[dev]'"
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


def _hostile_document() -> Document:
    raw = RawDocument(source="hostile.txt", text=XSS_TEXT, title=XSS_TITLE,
                      url="javascript:window.__pwned='url'")
    art = Article(id="art-hostile", source=raw.source, text=XSS_TEXT, title=XSS_TITLE,
                  url=raw.url, published=date(2024, 10, 21), published_basis="given",
                  language="en")
    start = XSS_TEXT.index(XSS_SENTENCE)
    trigger = XSS_TEXT.index("accused")
    iran = Actor("IRN", "Iran", "country", "IRN", None)
    israel = Actor("ISR", '<img src=x onerror="window.__pwned=\'actor\'">Israel', "country",
                   "ISR", None)
    event = Event(
        id=XSS_EVENT, type="ACCUSE", mode=None, cameo="112", quad_class=3, goldstein=-2.0,
        source=("IRN",), target=("ISR",), modality="asserted",
        evidence=Evidence(XSS_SENTENCE, start, start + len(XSS_SENTENCE)),
        trigger=Mention("accused", trigger, trigger + len("accused")), confidence=0.9,
        date=date(2024, 10, 21), date_precision="day", place=None,
    )
    return Document(raw=raw, article=art, actors=(iran, israel), events=(event,))


@pytest.fixture(scope="session")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from newsevents.api.demo import ingest_demo

    path = tmp_path_factory.mktemp("browser") / "demo.duckdb"
    ingest_demo(path, progress=False)
    with Store(path) as s:
        s.add_many([_hostile_document()])
    return path


@pytest.fixture(scope="session")
def base_url(store: Path) -> Iterator[str]:
    from newsevents.api.background import serving

    with serving(store) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh page that records CSP violations and page errors, and leaves a screenshot of
    where it ended in artifacts/browser/ (kept by CI as test artifacts)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    # Injected by the browser itself, not by the page, so the page's CSP does not apply to it.
    pg.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation', "
        "(e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.errors = errors
    yield pg
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def open_dashboard(page: Any, base_url: str, fragment: str = "#/") -> None:
    page.goto(base_url + fragment)
    page.wait_for_selector("body[data-ready='1']", timeout=15_000)
