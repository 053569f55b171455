"""docs/screenshots.py, which regenerates the README's screenshots, writes every one of them (phone
and desktop, light and dark) at its viewport's size; here into a temporary folder."""

from __future__ import annotations

import importlib.util
import struct
from pathlib import Path
from types import ModuleType

import pytest
from playwright.sync_api import Browser

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

SCRIPT = Path(__file__).resolve().parents[2] / "docs" / "screenshots.py"
README = Path(__file__).resolve().parents[2] / "README.md"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("docs_screenshots", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def test_the_screenshot_script_writes_phone_and_desktop_light_and_dark(
    browser: Browser, tmp_path: Path
) -> None:
    script = _script()
    shots = script.shoot_all(None, tmp_path, browser=browser)
    names = sorted(p.name for p in shots)
    expected = sorted(
        f"screenshot-{kind}-{width}{scheme}.png"
        for kind in ("front", "story")
        for width in ("desktop", "phone")
        for scheme in ("", "-dark")
    )
    assert names == expected
    for shot in shots:
        width, height = script.WIDTHS["phone" if "-phone" in shot.name else "desktop"]
        assert _png_size(shot) == (width, height), shot.name
    # the dark color scheme is a different picture
    assert (tmp_path / "screenshot-front-phone.png").read_bytes() != (
        tmp_path / "screenshot-front-phone-dark.png"
    ).read_bytes()


def test_the_readme_shows_every_screenshot_the_script_makes() -> None:
    readme = README.read_text("utf-8")
    for kind in ("front", "story"):
        for width in ("desktop", "phone"):
            for scheme in ("", "-dark"):
                name = f"docs/screenshot-{kind}-{width}{scheme}.png"
                assert f"]({name})" in readme, name
                assert (README.parent / name).is_file(), name
