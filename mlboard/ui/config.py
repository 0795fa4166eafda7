"""The user's config folder and `config.toml` / `keys.toml` settings."""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

CONFIG_ENV = "MLBOARD_CONFIG_DIR"


def config_dir() -> Path:
    """`$MLBOARD_CONFIG_DIR`, else the platform's user config folder for mlboard."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("mlboard"))


@dataclass(frozen=True)
class Settings:
    """What the TUI reads from the config folder; `problems` are reported once at start."""

    theme: str | None = None
    keys: dict[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()


def _read_toml(path: Path, problems: list[str]) -> dict[str, object]:
    if not path.is_file():
        return {}
    import tomllib  # ≈ 6 ms of regular expressions, paid only when there is a file to read

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        problems.append(f"{path}: {exc}")
        return {}


def _keys_of(table: object, where: Path, problems: list[str]) -> dict[str, str]:
    if not isinstance(table, dict):
        problems.append(f"{where}: [keys] must be a table of binding-id = 'key,key'")
        return {}
    keys: dict[str, str] = {}
    for binding_id, value in table.items():
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = ",".join(value)
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{where}: keys.{binding_id} must be a key or a list of keys")
            continue
        keys[str(binding_id)] = value.replace(" ", "")
    return keys


STATE_FILE = "ui-state.json"
"""What the TUI remembers between runs (the theme last chosen in the palette). mlboard never
rewrites the user's own `config.toml`."""


def remembered_theme(folder: Path | None = None) -> str | None:
    try:
        state = json.loads((folder or config_dir()).joinpath(STATE_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    theme = state.get("theme") if isinstance(state, dict) else None
    return theme if isinstance(theme, str) else None


def remember_theme(theme: str, folder: Path | None = None) -> None:
    """Keep the theme for the next start; a folder that cannot be written is no error."""
    from mlboard.storage.atomic import write_atomically

    folder = folder or config_dir()
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        write_atomically(folder / STATE_FILE, json.dumps({"theme": theme}).encode() + b"\n")


def load_settings(folder: Path | None = None) -> Settings:
    """Read `config.toml` (`theme`, `[keys]`) and `keys.toml` (binding-id = keys)."""
    folder = folder or config_dir()
    problems: list[str] = []
    config_path, keys_path = folder / "config.toml", folder / "keys.toml"
    config = _read_toml(config_path, problems)
    keys = _keys_of(config.get("keys", {}), config_path, problems)
    keys_file = _read_toml(keys_path, problems)
    keys.update(_keys_of(keys_file.get("keys", keys_file), keys_path, problems))
    theme = config.get("theme")
    if theme is not None and not isinstance(theme, str):
        problems.append(f"{config_path}: theme must be a theme name")
        theme = None
    theme = remembered_theme(folder) or theme
    return Settings(theme=theme, keys=keys, problems=tuple(problems))
