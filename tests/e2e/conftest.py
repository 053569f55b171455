"""End-to-end fixtures: the demo wire on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from e2e_support import small_corpus

from glimpse.demo.server import WireServer


@pytest.fixture(scope="module")
def wire() -> Iterator[WireServer]:
    with WireServer(small_corpus()) as server:
        yield server
