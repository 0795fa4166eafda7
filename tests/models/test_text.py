"""The one output sanitizer: what it escapes, what it keeps, and that JSON stays exact."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from mlboard.models.text import json_safe, visible

RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def test_escape_sequences_become_readable_text() -> None:
    assert visible("x \x1b]0;pwned\x07 y") == "x \\x1b]0;pwned\\x07 y"
    assert visible("\x1b[2J") == "\\x1b[2J"
    assert visible("\x1b]8;;http://e.example/\x1b\\a\x1b]8;;\x1b\\") == (
        "\\x1b]8;;http://e.example/\\x1b\\a\\x1b]8;;\\x1b\\"
    )
    assert visible("\x9b31m \x7f \x00 \x08 \r") == "\\x9b31m \\x7f \\x00 \\x08 \\r"
    assert visible("abc\u202edef \u2066x\u2069 \u2028") == "abc\\u202edef \\u2066x\\u2069 \\u2028"


def test_ordinary_text_is_kept_as_it_is() -> None:
    for text in (
        "Route 91% of tickets",
        "naïve Bayes 🚀",
        "a\u200db",
        "שלום\u200f",
        "[red]x[/red]",
    ):
        assert visible(text) == text


def test_lines_and_tabs_are_kept_only_where_text_may_span_lines() -> None:
    assert visible("a\nb\tc") == "a\\nb\\tc"
    assert visible("a\r\nb\tc\x1b", multiline=True) == "a\nb\tc\\x1b"


@given(st.text())
def test_nothing_raw_is_left_and_a_second_pass_changes_nothing(text: str) -> None:
    once = visible(text)
    assert not RAW.search(once) and "\n" not in once and "\t" not in once
    assert visible(once) == once
    many = visible(text, multiline=True)
    assert not RAW.search(many)


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"])))
def test_json_output_parses_back_to_the_exact_string(text: str) -> None:
    import orjson

    document = json_safe(orjson.dumps({"t": text}).decode())
    assert json.loads(document) == {"t": text}
    assert not RAW.search(document)


def test_the_command_line_writes_only_through_its_context() -> None:
    """Every line to stdout or stderr passes the sanitizer: no handler writes around it."""
    cli = Path(__file__).parents[2] / "mlboard" / "cli"
    # the writers themselves, each through `visible` (or Context.export, for a document its
    # own format escaped); tui.py says which board it created
    allowed = {"context.py", "__init__.py", "top.py", "tui.py"}
    for source in cli.glob("*.py"):
        if source.name in allowed:
            continue
        text = source.read_text()
        for raw in (
            r"\.out\.write\(",
            r"\.err\.write\(",
            r"sys\.std(out|err)\.write",
            r"file=sys\.",
            r"(?<![\w.])print\(",
        ):
            assert not re.search(raw, text), f"{source.name} writes around the context: {raw}"


def test_json_output_escapes_del_too() -> None:
    """DEL (0x7f) is ASCII; JSON encoders leave it raw (found by the property above)."""
    assert json_safe('{"t":"\x7f"}') == '{"t":"\\u007f"}'
