"""Every command and every error code is documented in the README (datasette-style)."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from glimpse import errors
from glimpse.cli import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_cli_command_is_documented_with_an_example() -> None:
    group = typer.main.get_group(app)
    for name, command in group.commands.items():
        assert f"`glimpse {name}" in README, f"command {name} missing from README"
        assert "Example:" in (command.help or ""), f"command {name} has no example in --help"


def test_every_error_code_is_documented() -> None:
    codes = {
        cls.code for cls in vars(errors).values() if isinstance(cls, type) and hasattr(cls, "code")
    }
    codes.discard("G000")
    for code in codes:
        assert re.search(rf"\| {code} \|", README), f"{code} missing from README"


def test_every_config_section_is_documented() -> None:
    from glimpse.config import STAGES

    for section in STAGES:
        assert f"[{section}]" in README
