"""The shared store connection and slug → name lookups for the web app."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence

from glimpse.publish.links import slugify
from glimpse.store import Store

NAMES_TTL = 10.0  # seconds a tag/outlet slug index is reused before it is read again


class StorePool:
    """One store, opened on first use and shared by every request (the Store is thread-safe)."""

    def __init__(self, opener: Callable[[], Store]) -> None:
        self._opener = opener
        self._store: Store | None = None
        self._lock = threading.Lock()

    def get(self) -> Store:
        store = self._store
        if store is None:
            with self._lock:
                if self._store is None:
                    self._store = self._opener()
                store = self._store
        return store

    def close(self) -> None:
        with self._lock:
            store, self._store = self._store, None
        close = getattr(store, "close", None)
        if callable(close):
            close()


class NameIndex:
    """Slug → tag (or outlet) name; when two names share a slug, the one with more stories wins."""

    def __init__(self, read: Callable[[Store], Sequence[tuple[str, int]]]) -> None:
        self._read = read
        self._cache: tuple[float, dict[str, str], list[tuple[str, int]]] | None = None
        self._lock = threading.Lock()

    def names(self, store: Store) -> list[tuple[str, int]]:
        return self._load(store)[2]

    def find(self, store: Store, slug_or_name: str) -> str | None:
        """The name for a slug; an exact name is accepted too."""
        _, by_slug, _ = self._load(store)
        if slug_or_name in by_slug:
            return by_slug[slug_or_name]
        found = by_slug.get(slugify(slug_or_name))
        if found is None:
            self._cache = None  # maybe new since the last read: look once more
            found = self._load(store)[1].get(slugify(slug_or_name))
        return found

    def _load(self, store: Store) -> tuple[float, dict[str, str], list[tuple[str, int]]]:
        cache = self._cache
        if cache is not None and time.monotonic() - cache[0] < NAMES_TTL:
            return cache
        names = sorted(self._read(store), key=lambda item: (-item[1], item[0]))
        by_slug: dict[str, str] = {}
        for name, _ in names:
            by_slug.setdefault(slugify(name), name)
        with self._lock:
            self._cache = (time.monotonic(), by_slug, names)
        return self._cache
