"""Screenshots of the front page and a story page at desktop and phone widths, light and dark,
into docs/ (the README shows them).

Usage (from the repository root):  .venv/bin/python docs/screenshots.py --db glimpse-demo.db
Without --db it builds a small sample database; --light-only skips the dark color scheme. Drives
Debian's /usr/bin/chromium headless through Playwright (``executable_path``); never downloads a
browser. tests/e2e/test_screenshots.py runs it into a temporary folder.
"""

from __future__ import annotations

import argparse
import contextlib
import tempfile
from pathlib import Path
from typing import Literal

from playwright.sync_api import Browser, sync_playwright

from glimpse.publish.sample import fill_store
from glimpse.serve import create_app
from glimpse.serve.testing import CHROMIUM, CHROMIUM_ARGS, running
from glimpse.store import Store

DOCS = Path(__file__).resolve().parent
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


def first_story(db: Path) -> str:
    with Store(db) as store:
        rows = store.list_stories(limit=5)
        # the story with the most outlets shows the most of the page
        return max(rows, key=lambda r: (r.outlets, r.articles)).story


def shoot(
    db: Path, out: Path, browser: Browser, scheme: Literal["light", "dark"] = "light"
) -> list[Path]:
    """The front page and a story page of ``db`` at each width of :data:`WIDTHS`."""
    story = first_story(db)
    written = []
    with running(create_app(db)) as base:
        for name, (width, height) in WIDTHS.items():
            page = browser.new_page(
                viewport={"width": width, "height": height}, color_scheme=scheme
            )
            suffix = "" if scheme == "light" else f"-{scheme}"
            for kind, path in (("front", "/"), ("story", f"/stories/{story}")):
                page.goto(base + path)
                if kind == "story":
                    marker = page.locator("details.ev summary").first
                    if marker.count():
                        marker.click()
                target = out / f"screenshot-{kind}-{name}{suffix}.png"
                page.screenshot(path=str(target), full_page=False)
                written.append(target)
            page.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="glimpse database (default: a sample one)")
    parser.add_argument("--out", type=Path, default=DOCS)
    parser.add_argument("--dark", action="store_true", help="(the default) also shoot dark mode")
    parser.add_argument("--light-only", action="store_true", help="skip the dark color scheme")
    args = parser.parse_args()
    for shot in shoot_all(args.db, args.out, dark=not args.light_only):
        print(shot)


def shoot_all(
    db: Path | None, out: Path, *, dark: bool = True, browser: Browser | None = None
) -> list[Path]:
    """Every screenshot (light, and dark unless ``dark=False``) of ``db`` (default: a sample)
    into ``out``, in ``browser`` or a Chromium of its own; returns the files written."""
    with tempfile.TemporaryDirectory() as tmp, contextlib.ExitStack() as stack:
        if db is None:
            db = Path(tmp) / "sample.db"
            with Store(db) as store:
                fill_store(store, 24)
        if browser is None:
            pw = stack.enter_context(sync_playwright())
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
            stack.callback(browser.close)
        shots = shoot(db, out, browser)
        if dark:
            shots += shoot(db, out, browser, "dark")
    return shots


if __name__ == "__main__":
    main()
