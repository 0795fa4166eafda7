"""The graph screen's keys, importable without networkx (the app checks remappings against them).

`VIEW_BINDINGS` belong to the canvas widget (they must beat its scrolling keys);
`SCREEN_BINDINGS` to the screen. Every binding has a ``graph.*`` id.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

VIEW_BINDINGS: list[BindingType] = [
    Binding("up,k", "focus_toward('up')", "Focus up", show=False, id="graph.focus-up"),
    Binding("down,j", "focus_toward('down')", "Focus down", show=False, id="graph.focus-down"),
    Binding("left,h", "focus_toward('left')", "Focus left", show=False, id="graph.focus-left"),
    Binding("right,l", "focus_toward('right')", "Focus right", show=False, id="graph.focus-right"),
    Binding(
        "left_square_bracket",
        "follow_edge('up')",
        "Dependency",
        key_display="[",
        id="graph.follow-dependency",
    ),
    Binding(
        "right_square_bracket",
        "follow_edge('down')",
        "Dependent",
        key_display="]",
        id="graph.follow-dependent",
    ),
]

SCREEN_BINDINGS: list[BindingType] = [
    Binding("enter,e", "open_focused", "Open", key_display="⏎", id="graph.open-card"),
    Binding(
        "L,shift+right",
        "step_card(1)",
        "Move →",
        show=False,
        key_display="L",
        id="graph.move-right",
    ),
    Binding(
        "H,shift+left", "step_card(-1)", "Move ←", show=False, key_display="H", id="graph.move-left"
    ),
    Binding("n", "neighbourhood", "Around", id="graph.show-neighbourhood"),
    Binding("plus,equals_sign", "depth(1)", "Deeper", show=False, id="graph.grow-depth"),
    Binding("minus", "depth(-1)", "Shallower", show=False, id="graph.shrink-depth"),
    Binding("c", "next_category", "Category", id="graph.filter-category"),
    Binding("s", "next_sprint", "Sprint", id="graph.filter-sprint"),
    Binding("z", "zoom(1)", "Zoom out", id="graph.zoom-out"),
    Binding("Z,shift+z", "zoom(-1)", "Zoom in", show=False, key_display="Z", id="graph.zoom-in"),
    Binding("backspace", "back", "Back", key_display="⌫", id="graph.go-back"),
    Binding("escape,g", "close", "Board", key_display="esc", id="graph.close"),
    Binding("question_mark", "help", "Help", key_display="?", id="graph.help"),
    Binding("q", "quit", "Quit", show=False, id="graph.quit"),
]
