"""Typed per-stage options: packaged defaults < glimpse.toml < GLIMPSE_* environment < flags.

A config file has one table per stage (``[fetch]``, ``[cluster]``, ``[compose]``, ...) whose
keys are the fields of that stage's Options dataclass. An unknown table or key is an error
naming the file and the key. Environment overrides read ``GLIMPSE_<STAGE>_<KEY>``, e.g.
``GLIMPSE_CLUSTER_WINDOW_HOURS=72``.
"""

from __future__ import annotations

import dataclasses
import importlib
import keyword
import os
import tomllib
from pathlib import Path
from typing import Any, TypeVar

from glimpse.errors import ConfigError

T = TypeVar("T")

#: stage name -> "module:OptionsClass"
STAGES = {
    "fetch": "glimpse.ingest.fetch:FetchOptions",
    "extract": "glimpse.extract:ExtractOptions",
    "enrich": "glimpse.enrich:TagOptions",
    "cluster": "glimpse.cluster:ClusterOptions",
    "compose": "glimpse.compose:ComposeOptions",
    "desk": "glimpse.sections:DeskOptions",
    "mail": "glimpse.mail:MailOptions",
    "notify": "glimpse.notify:NotifyOptions",
    "llm": "glimpse.compose.llm_client:LLMOptions",
}
CONFIG_NAME = "glimpse.toml"


def options_class(stage: str) -> type[Any]:
    module, _, name = STAGES[stage].partition(":")
    cls: type[Any] = getattr(importlib.import_module(module), name)
    return cls


def field_name(key: str) -> str:
    """The Options field of a config key: a Python keyword gets a trailing ``_``
    (``mail.from`` is ``MailOptions.from_``)."""
    return f"{key}_" if keyword.iskeyword(key) else key


def _coerce(raw: str, default: Any) -> Any:
    if isinstance(default, bool):
        return raw.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, float):
        return float(raw)
    return raw


class Config:
    """Resolved configuration; ``options("cluster")`` gives a ClusterOptions instance."""

    def __init__(self, table: dict[str, dict[str, Any]] | None = None, source: str = "") -> None:
        self.table = table or {}
        self.source = source

    @classmethod
    def load(cls, path: str | Path | None = None) -> Config:
        """Read ``path``, else ./glimpse.toml when it exists, and validate every key."""
        chosen = Path(path) if path else Path(CONFIG_NAME)
        if path and not chosen.exists():
            raise ConfigError("config file not found", str(chosen))
        table: dict[str, dict[str, Any]] = {}
        if chosen.exists():
            try:
                table = tomllib.loads(chosen.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ConfigError(f"not valid TOML ({exc})", str(chosen)) from exc
        config = cls(table, str(chosen))
        config.validate()
        return config

    def validate(self) -> None:
        for stage, values in self.table.items():
            if stage not in STAGES:
                raise ConfigError(f"unknown section [{stage}]", self.source)
            if not isinstance(values, dict):
                raise ConfigError(f"[{stage}] must be a table", self.source)
            fields = {f.name for f in dataclasses.fields(options_class(stage))}
            for key in values:
                if field_name(key) not in fields:
                    raise ConfigError(f"unknown key {stage}.{key}", self.source)

    def options(self, stage: str, **flags: Any) -> Any:
        """Defaults < file < environment < flags (flags that are None are ignored)."""
        cls = options_class(stage)
        values = {field_name(k): v for k, v in self.table.get(stage, {}).items()}
        for f in dataclasses.fields(cls):
            env = os.environ.get(f"GLIMPSE_{stage}_{f.name.rstrip('_')}".upper())
            if env is not None:
                default = f.default if f.default is not dataclasses.MISSING else ""
                try:
                    values[f.name] = _coerce(env, default)
                except ValueError as exc:
                    raise ConfigError(
                        f"bad value for {stage}.{f.name}: {env!r}", "environment"
                    ) from exc
        values.update({k: v for k, v in flags.items() if v is not None})
        try:
            return cls(**values)
        except (TypeError, ValueError) as exc:
            raise ConfigError(str(exc), self.source or "config") from exc
