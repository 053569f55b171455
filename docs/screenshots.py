"""Screenshots of the front page and a story page at desktop and phone widths, into docs/.

Usage (from the repository root):  .venv/bin/python docs/screenshots.py --db glimpse.db
Without --db it builds a small sample database. Drives Debian's /usr/bin/chromium headless
through Playwright; never downloads a browser.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Literal

from playwright.sync_api import sync_playwright

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


def shoot(db: Path, out: Path, scheme: Literal["light", "dark"] = "light") -> list[Path]:
    story = first_story(db)
    written = []
    with running(create_app(db)) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
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
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="glimpse database (default: a sample one)")
    parser.add_argument("--out", type=Path, default=DOCS)
    parser.add_argument("--dark", action="store_true", help="also shoot the dark color scheme")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "sample.db"
            with Store(db) as store:
                fill_store(store, 24)
        shots = shoot(db, args.out)
        if args.dark:
            shots += shoot(db, args.out, "dark")
    for shot in shots:
        print(shot)


if __name__ == "__main__":
    main()
