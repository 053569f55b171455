"""The package's public API resolves every name it promises."""

from __future__ import annotations

import pytest

import glimpse


@pytest.mark.parametrize("name", [n for n in glimpse.__all__ if n != "__version__"])
def test_every_public_name_resolves(name: str) -> None:
    assert getattr(glimpse, name) is not None


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        _ = glimpse.no_such_thing
