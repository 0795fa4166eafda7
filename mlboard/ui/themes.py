"""Themes are TOML files: Textual's colours plus mlboard's own variables.

```toml
dark = true
[colors]            # primary is required; the others are Theme fields
primary = "#4ea8de"
[variables]         # mlboard's variables (see MLBOARD_VARIABLES) and any Textual variable
card-blocked = "#e5484d"
```
A file's stem is the theme's name. Built-ins come from `themes/`, the user's from
`<config>/themes/`; a user theme with a built-in's name replaces it. What a user theme leaves
unset comes from the built-in theme of the same darkness (`dark`, or `light` when
`dark = false`), so a theme that only sets `primary` is still readable.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from textual.color import Color, ColorParseError
from textual.theme import Theme

DEFAULT_THEME = "dark"

MLBOARD_VARIABLES: dict[str, str] = {
    "card-background": "#1e2430",
    "card-muted": "#8a93a6",
    "card-focus": "#2f4a6b",
    "card-blocked": "#e5484d",
    "card-dependency": "#f5a524",
    "over-wip": "#e5484d",
    "critical": "#c084fc",
    "criteria-met": "#46a758",
    "criteria-unmet": "#e5484d",
    "aging": "#f5a524",
    "lane-data": "#3e9bd6",
    "lane-experiment": "#a675e0",
    "lane-engineering": "#46a758",
    "lane-tech-debt": "#d6903e",
}
"""Every mlboard variable with its fallback, for Textual themes that do not set them."""

_COLOR_FIELDS = (
    "primary",
    "secondary",
    "warning",
    "error",
    "success",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
)


@dataclass(frozen=True)
class ThemeSet:
    themes: dict[str, Theme]
    problems: tuple[str, ...]


def _color(value: object, where: str, problems: list[str]) -> str | None:
    if not isinstance(value, str):
        problems.append(f"{where}: expected a colour string")
        return None
    try:
        Color.parse(value)
    except ColorParseError:
        problems.append(f"{where}: {value!r} is not a colour")
        return None
    return value


def parse_theme(
    name: str, text: str, source: str, bases: Mapping[bool, Theme] | None = None
) -> tuple[Theme | None, list[str]]:
    """A Theme from TOML text, or None and every problem found (each naming `source`).

    `bases` by darkness fill in the colours and variables the text leaves unset."""
    import tomllib  # only when there is a theme file to read (see config._read_toml)

    problems: list[str] = []
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, [f"{source}: {exc}"]
    colors = data.get("colors", {})
    variables = data.get("variables", {})
    if not isinstance(colors, dict) or not isinstance(variables, dict):
        return None, [f"{source}: [colors] and [variables] must be tables"]
    unknown = sorted(set(colors) - set(_COLOR_FIELDS))
    if unknown:
        problems.append(f"{source}: unknown colours {', '.join(unknown)}")
    fields = {
        key: _color(colors[key], f"{source}: colors.{key}", problems)
        for key in _COLOR_FIELDS
        if key in colors
    }
    checked = {
        str(key): _color(value, f"{source}: variables.{key}", problems)
        for key, value in variables.items()
    }
    dark = data.get("dark", True)
    if not isinstance(dark, bool):
        problems.append(f"{source}: dark must be true or false")
    if fields.get("primary") is None and "primary" not in colors:
        problems.append(f"{source}: colors.primary is required")
    if problems:
        return None, problems
    primary = fields.pop("primary")
    assert primary is not None
    base = (bases or {}).get(bool(dark))
    if base is not None:
        for key in _COLOR_FIELDS[1:]:
            if fields.get(key) is None:
                fields[key] = getattr(base, key)
        checked = {**base.variables, **checked}
    theme = Theme(
        name=name,
        primary=primary,
        secondary=fields.get("secondary"),
        warning=fields.get("warning"),
        error=fields.get("error"),
        success=fields.get("success"),
        accent=fields.get("accent"),
        foreground=fields.get("foreground"),
        background=fields.get("background"),
        surface=fields.get("surface"),
        panel=fields.get("panel"),
        boost=fields.get("boost"),
        dark=bool(dark),
        variables={k: v for k, v in checked.items() if v is not None},
    )
    return theme, []


def load_themes(*folders: Path) -> ThemeSet:
    """Every `*.toml` theme of the folders, later folders overriding earlier ones; the first
    folder's `dark` and `light` fill in what later themes leave unset."""
    themes: dict[str, Theme] = {}
    problems: list[str] = []
    bases: dict[bool, Theme] = {}
    for index, folder in enumerate(folders):
        if index == 1:
            bases = {
                dark: themes[name]
                for dark, name in ((True, "dark"), (False, "light"))
                if name in themes
            }
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                problems.append(f"{path}: {exc}")
                continue
            theme, found = parse_theme(path.stem, text, str(path), bases)
            problems.extend(found)
            if theme is not None:
                themes[theme.name] = theme
    return ThemeSet(themes, tuple(problems))
