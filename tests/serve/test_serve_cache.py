"""The response cache: a byte budget, least recently used out first, emptied on a new version."""

from __future__ import annotations

from glimpse.serve.cache import ITEM_OVERHEAD, ResponseCache, item_bytes


def answer(size: int) -> tuple[int, dict[str, str], bytes]:
    return (200, {"ETag": '"x"'}, b"x" * size)


def fixed_version() -> tuple[int, ...]:
    return (1,)


def test_cache_never_holds_more_bytes_than_its_budget() -> None:
    cache = ResponseCache(fixed_version, max_bytes=100_000)
    cache.get("warm")  # the first read records the version
    for i in range(500):
        cache.put(f"k{i}", answer(1000 + i * 7))
        assert cache.bytes <= cache.max_bytes
    assert cache.bytes == sum(item_bytes(k, cache.get(k) or answer(0)) for k in list(cache._items))
    biggest = item_bytes("k499", answer(1000 + 499 * 7))
    assert len(cache) >= cache.max_bytes // biggest  # full: only what did not fit went out
    assert cache.get("k499") is not None and cache.get("k0") is None


def test_the_least_recently_used_answer_goes_first() -> None:
    size = 10_000 - ITEM_OVERHEAD - 20
    cache = ResponseCache(fixed_version, max_bytes=3 * 10_000 * 8)
    cache.get("warm")
    for key in ("a", "b", "c"):
        cache.put(key, answer(size))
    while cache.bytes + item_bytes("z", answer(size)) <= cache.max_bytes:
        cache.put(f"fill{len(cache)}", answer(size))
    assert cache.get("a") is not None  # "a" is now the most recently used
    cache.put("new", answer(size))
    assert cache.get("b") is None and cache.get("a") is not None and cache.get("new") is not None


def test_an_answer_bigger_than_an_eighth_of_the_budget_is_not_kept() -> None:
    cache = ResponseCache(fixed_version, max_bytes=80_000)
    cache.get("warm")
    cache.put("small", answer(1000))
    cache.put("huge", answer(20_000))
    assert cache.get("huge") is None and cache.get("small") is not None


def test_a_new_database_version_empties_the_cache() -> None:
    version = [1]
    cache = ResponseCache(lambda: tuple(version), max_bytes=100_000)
    cache.get("warm")
    cache.put("a", answer(100))
    assert cache.get("a") is not None
    version[0] = 2
    assert cache.get("a") is None and cache.bytes == 0 and len(cache) == 0


def test_replacing_an_answer_counts_its_bytes_once() -> None:
    cache = ResponseCache(fixed_version, max_bytes=100_000)
    cache.get("warm")
    cache.put("a", answer(500))
    cache.put("a", answer(700))
    assert cache.bytes == item_bytes("a", answer(700))
