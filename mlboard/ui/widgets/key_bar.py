"""The footer: one line of the focused screen's main keys (bindings with `show=True`).

One widget for all keys, not one per key, so the board opens fast; each key is clickable.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static


class KeyBar(Static):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"key-bar--key", "key-bar--description"}

    DEFAULT_CSS = """
    KeyBar { height: 1; width: 1fr; background: $panel; color: $foreground; }
    KeyBar > .key-bar--key { color: $accent; text-style: bold; }
    KeyBar > .key-bar--description { color: $foreground; }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        # The signal comes after the new theme's CSS is applied; a watch on `theme` ran
        # before, and painted the new theme's key bar in the old theme's colours.
        self.app.theme_changed_signal.subscribe(self, lambda _: self._bindings_changed(self.screen))
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)
        self.app.theme_changed_signal.unsubscribe(self)

    def on_resize(self) -> None:
        self._bindings_changed(self.screen)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        key_style = self.get_component_rich_style("key-bar--key")
        text_style = self.get_component_rich_style("key-bar--description")
        keys: list[tuple[bool, Text]] = []  # (kept when narrow, " key Description ")
        seen: set[str] = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            click = Style(meta={"@click": f"screen.{binding.action}"})
            display = binding.key_display or self.app.get_key_display(binding.with_key(key))
            part = Text()
            part.append(f" {display} ", key_style + click)
            part.append(f"{binding.description} ", text_style + click)
            keys.append((binding.action in KEPT_ACTIONS or key == "escape", part))
        tail = Text()
        views = [
            (key, active.binding.action)
            for key, active in screen.active_bindings.items()
            if active.binding.action.startswith("open_view(") and not active.binding.show
        ]
        if views:  # the other screens, compactly: " g p s r R f screens"
            tail.append(" ")
            for key, action in views:
                click = Style(meta={"@click": f"screen.{action}"})
                tail.append(self.app.get_key_display(Binding(key, action)), key_style + click)
                tail.append(" ")
            tail.append("screens ", text_style)
        tail.append(" ^p ", key_style + Style(meta={"@click": "app.command_palette"}))
        tail.append("palette ", text_style)
        text = Text(no_wrap=True, overflow="ellipsis")
        for part in fitting(keys, self.size.width - tail.cell_len):
            text.append_text(part)
        text.append_text(tail)
        self.update(text, layout=False)


KEPT_ACTIONS = ("help", "quit")
"""What the bar keeps when the line is too narrow for every key: the way to learn the others
(help) and the ways out (quit, and whatever `esc` does: close the screen)."""


def fitting(keys: list[tuple[bool, Text]], width: int) -> list[Text]:
    """The keys' parts that fit in `width` cells (all when `width` is unknown): the later
    ones go first, help and the ways out never, so the screens and the palette stay in view."""
    kept = list(keys)
    while width > 0 and sum(part.cell_len for _, part in kept) > width:
        dropped = next((k for k in reversed(kept) if not k[0]), None)
        if dropped is None:
            break
        kept.remove(dropped)
    return [part for _, part in kept]
