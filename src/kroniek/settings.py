"""One settings object, loaded from the commented defaults file and overridable per key.

Example::

    >>> s = load_settings(overrides=["dedup.near_threshold=0.9"])
    >>> s["dedup"]["near_threshold"]
    0.9
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

Settings = dict[str, dict[str, Any]]


class SettingsError(ValueError):
    pass


def _defaults() -> Settings:
    text = resources.files("kroniek").joinpath("data/defaults.toml").read_text("utf-8")
    return tomllib.loads(text)


def _coerce(section: str, key: str, default: Any, value: Any) -> Any:
    """Validate ``value`` against the type of the default, converting strings from the CLI."""
    name = f"{section}.{key}"
    if isinstance(value, str) and not isinstance(default, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as exc:
            raise SettingsError(f"{name}: cannot read {value!r} as {type(default).__name__}") from exc
    if isinstance(default, bool) or isinstance(value, bool):
        ok = isinstance(value, bool) and isinstance(default, bool)
    elif isinstance(default, float):
        ok = isinstance(value, int | float)
        value = float(value) if ok else value
    else:
        ok = isinstance(value, type(default))
    if not ok:
        raise SettingsError(f"{name}: expected {type(default).__name__}, got {value!r}")
    return value


def _merge(base: Settings, extra: Mapping[str, Any]) -> None:
    for section, values in extra.items():
        if section not in base or not isinstance(values, Mapping):
            raise SettingsError(f"unknown settings section {section!r}")
        for key, value in values.items():
            if key not in base[section]:
                raise SettingsError(f"unknown setting {section}.{key}")
            base[section][key] = _coerce(section, key, base[section][key], value)


def load_settings(path: Path | None = None, overrides: Iterable[str] = ()) -> Settings:
    """Defaults, then the keys of ``path`` (TOML), then ``section.key=value`` overrides."""
    settings = _defaults()
    if path is not None:
        _merge(settings, tomllib.loads(path.read_text("utf-8")))
    for item in overrides:
        dotted, sep, value = item.partition("=")
        section, dot, key = dotted.strip().partition(".")
        if not sep or not dot:
            raise SettingsError(f"override {item!r} is not of the form section.key=value")
        _merge(settings, {section: {key: value.strip()}})
    return settings
