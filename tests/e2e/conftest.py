"""End-to-end fixtures: the demo wire on 127.0.0.1 and one headless Chromium."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from e2e_support import small_corpus
from playwright.sync_api import Browser, sync_playwright

from glimpse.demo.server import WireServer
from glimpse.serve.testing import CHROMIUM, CHROMIUM_ARGS


@pytest.fixture(scope="module")
def wire() -> Iterator[WireServer]:
    with WireServer(small_corpus()) as server:
        yield server


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One Chromium for every browser test: Playwright's sync API runs one event loop per
    thread, so two live ``sync_playwright()`` instances in one session cannot coexist."""
    if not os.path.exists(CHROMIUM):
        # `make test` installs it; in CI a missing browser is a broken install step, not a skip.
        message = "Debian's chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        yield browser
        browser.close()
