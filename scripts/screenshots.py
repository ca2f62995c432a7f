"""Take the README's screenshots of each dashboard page from the real app over the demo corpus.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--db PATH]

Needs Debian's Chromium (`make browser`) and the map outlines (`make assets`). The demo store is
built first when it is missing (the same ingest as `make demo`).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from newsevents.api.background import serving
from newsevents.api.demo import ingest_demo

# (file name, URL fragment, row to open or None, full page)
PAGES = (
    ("overview.png", "#/", None, True),
    ("actor.png", "#/actor/IRN", None, False),
    ("dyad.png", "#/dyad/IRN/RUS", None, False),
    ("event.png", "#/dyad/IRN/RUS?type=CONSULT", 0, False),
    ("api-docs.png", None, None, False),
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--db", type=Path, default=Path("newsevents-demo.duckdb"))
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if chromium is None:
        print("chromium not found: run `make browser` (Debian's chromium package)", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    if not args.db.exists():
        ingest_demo(args.db, progress=False)
    args.out.mkdir(parents=True, exist_ok=True)
    with serving(args.db) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium)
        for name, fragment, row, full in PAGES:
            page = browser.new_page(viewport={"width": 1400, "height": 1200})
            if fragment is None:
                page.goto(base + "docs")
            else:
                page.goto(base + fragment)
                page.wait_for_selector("body[data-ready='1']")
                page.wait_for_selector("#map svg")
                if row is not None:
                    page.locator("#events tr").nth(row).click()
                    page.wait_for_selector("#article-panel:not([hidden]) mark")
            page.screenshot(path=str(args.out / name), full_page=full)
            page.close()
            print(f"wrote {args.out / name}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
