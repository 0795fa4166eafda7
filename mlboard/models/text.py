"""Board text made safe to show: one sanitizer for the terminal, the TUI and every export.

Titles, notes, handles and names come from people, scripts and hand-edited files. Written raw
to a terminal, a title such as ``x \\e]0;pwned\\a y`` retitles the window, ``\\e[2J`` blanks
the screen, an OSC 8 sequence plants a link and a right-to-left override (U+202E) makes text
read backwards. :func:`visible` shows each such character as an escape that can be read
instead (``\\x1b``, ``\\u202e``); everything else, accents, emoji and zero-width joiners
included, is kept as it is. The stored value never changes: ``--json`` keeps the exact
string, and JSON output only has the characters JSON leaves raw written as ``\\uXXXX``
(:func:`json_safe`), which parses back to the same string.

What is escaped, and why:

- C0 controls (U+0000–U+001F) except a newline and a tab where the text may span lines, and
  DEL (U+007F): the escape character starts every terminal sequence (CSI, OSC, OSC 8 links),
  BEL ends OSC, a carriage return rewrites the line, a backspace hides what came before.
- C1 controls (U+0080–U+009F): U+009B is an 8-bit CSI, U+009D an 8-bit OSC to terminals
  that take 8-bit controls.
- Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): the reordering
  characters of "Trojan Source" (CVE-2021-42574), which make text display other than it
  reads. The marks U+200E, U+200F and U+061C are kept: they cannot reorder a run of letters,
  only place neutral characters, and right-to-left writers use them in ordinary text.
- Line and paragraph separators (U+2028, U+2029): some terminals and viewers break lines at
  them, so one title could pose as two rows.
- Lone surrogates, which no terminal can be sent (the models already refuse them).

The whole escape sequence is made inert, not dropped: ``\\e[2J`` shows as ``\\x1b[2J``. A
backslash typed by a user is kept as it is, so the shown text is for reading, not for parsing
back (that is what ``--json`` is for).
"""

from __future__ import annotations

import re

_ALWAYS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_ONE_LINE = re.compile(f"[\t\n{_ALWAYS}]")
_MULTI_LINE = re.compile(f"[{_ALWAYS}]")
_JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
UNSAFE = _ONE_LINE
"""Every character :func:`visible` escapes in one-line text (tests look for them)."""


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code == 0x09:
        return "\\t"
    if code == 0x0A:
        return "\\n"
    if code == 0x0D:
        return "\\r"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, multiline: bool = False) -> str:
    """`text` with control characters and bidi overrides shown as escapes.

    One-line text (a title in a table row, a DOT label) also escapes newlines and tabs;
    `multiline` keeps them (a description, a whole report), and reads ``\\r\\n`` as ``\\n``.
    """
    if text.isprintable():  # every escaped character is non-printable: the common case is free
        return text
    if multiline:
        if "\r" in text:
            text = text.replace("\r\n", "\n")
        return _MULTI_LINE.sub(_escape, text)
    return _ONE_LINE.sub(_escape, text)


def json_safe(document: str) -> str:
    """A JSON document with DEL, C1, bidi overrides and line separators written ``\\uXXXX``.

    JSON encoders escape C0 controls but write these raw; outside strings a JSON document
    holds only ASCII, so every match is inside a string and the parsed value is unchanged.
    """
    if document.isascii() and "\x7f" not in document:  # DEL is ASCII, and escaped too
        return document
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", document)
