"""The TUI's side of the one output sanitizer (mlboard.models.text).

Widgets show board text through `visible`, so a control character or a bidi override reads
as an escape (``\\x1b``) where it stands. `ControlFilter` is the net under them: every line
Textual draws passes it, and any such character still there (in an input being edited, a
notification, a widget that forgot) is dropped before it reaches the terminal. Rich and
Textual measure these characters as zero cells wide, so dropping them keeps every line's
width and layout.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter

from mlboard.models.text import UNSAFE


class ControlFilter(LineFilter):
    """Drops control characters and bidi overrides from a rendered line."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        if all(segment.text.isprintable() for segment in segments):
            return segments
        return [
            Segment(UNSAFE.sub("", text), style, control)
            if control is None and not text.isprintable()
            else Segment(text, style, control)
            for text, style, control in segments
        ]
