"""Configuration layering: packaged defaults < glimpse.toml < GLIMPSE_* env < flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from glimpse.config import Config
from glimpse.errors import ConfigError


def test_file_then_env_then_flags_override_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "glimpse.toml"
    path.write_text("[fetch]\ntimeout = 5.0\nretries = 4\n")
    monkeypatch.setenv("GLIMPSE_FETCH_RETRIES", "1")
    options = Config.load(path).options("fetch", min_interval=0.5, user_agent=None)
    assert (options.timeout, options.retries, options.min_interval) == (5.0, 1, 0.5)
    assert options.user_agent.startswith("glimpse/")


def test_unknown_key_is_an_error_naming_file_and_key(tmp_path: Path) -> None:
    path = tmp_path / "glimpse.toml"
    path.write_text("[fetch]\ntimeoutt = 5\n")
    with pytest.raises(ConfigError) as info:
        Config.load(path)
    assert "fetch.timeoutt" in info.value.reason and info.value.subject == str(path)


def test_unknown_section_and_bad_toml_are_errors(tmp_path: Path) -> None:
    path = tmp_path / "glimpse.toml"
    path.write_text("[fetchh]\n")
    with pytest.raises(ConfigError, match="unknown section"):
        Config.load(path)
    path.write_text("[fetch\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        Config.load(path)


def test_bad_environment_value_names_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GLIMPSE_FETCH_TIMEOUT", "soon")
    with pytest.raises(ConfigError, match=r"fetch\.timeout"):
        Config().options("fetch")
