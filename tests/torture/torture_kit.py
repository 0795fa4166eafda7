"""What every torture scenario shares: running the CLI, judging its output, counting failures.

A scenario runs many commands and keeps a `Tally` per column of the report table; a failure is
counted and its first reproductions kept as text, so the test can show what broke and the
bench can print the table. Nothing here imports Textual.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import signal
import subprocess
import time
import traceback
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from cli_kit import MLBOARD

COLUMNS = (
    "invalid",
    "lost",
    "tracebacks",
    "refused_changed",
    "hangs",
    "messy",
    "wrong_exit",
)
HEADINGS = {
    "tried": "tried",
    "invalid": "invalid boards",
    "lost": "lost acked writes",
    "tracebacks": "tracebacks",
    "refused_changed": "changed by refused",
    "hangs": "hangs",
    "messy": "messy output",
    "wrong_exit": "wrong exit",
}
KEEP_REPRODUCTIONS = 12

# What must never reach a terminal raw: C0 controls but newline and tab, DEL, C1 controls,
# bidi embeddings/overrides/isolates.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069]")
# In JSON output the exact strings are kept (bidi and C1 are legal there); JSON escapes C0.
RAW_CONTROL_JSON = re.compile("[\x00-\x08\x0b-\x1f]")
TRACEBACK = "Traceback (most recent call last)"


@dataclass
class Tally:
    """One scenario's row of the table."""

    scenario: str
    tried: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    reproductions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    every: list[str] = field(default_factory=list)  # every failure, uncapped
    seconds: float = 0.0

    def fail(self, column: str, text: str) -> None:
        assert column in COLUMNS, column
        self.counts[column] += 1
        line = f"[{column}] {visible(text)}"
        self.every.append(line)
        if len(self.reproductions) < KEEP_REPRODUCTIONS:
            self.reproductions.append(line)

    def unexpected(self, pending: Sequence[str]) -> list[str]:
        """The failures that mention none of the `pending` (known, fix not landed) cases."""
        return [line for line in self.every if not any(p in line for p in pending)]

    @property
    def failures(self) -> int:
        return sum(self.counts.values())

    def explain(self) -> str:
        row = ", ".join(f"{HEADINGS[c]} {self.counts[c]}" for c in COLUMNS if self.counts[c])
        lines = [f"{self.scenario}: {self.tried} tried; {row or 'no failure'}"]
        lines += [f"  {text}" for text in self.reproductions]
        return "\n".join(lines)


def visible(text: str) -> str:
    """The text with every non-printable character as an escape: safe to print anywhere."""
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def table(tallies: Sequence[Tally]) -> str:
    """The report: one row per scenario, one column per failure kind."""
    heads = ["scenario", HEADINGS["tried"], *(HEADINGS[c] for c in COLUMNS), "seconds"]
    rows = [
        [t.scenario, str(t.tried), *(str(t.counts[c]) for c in COLUMNS), f"{t.seconds:.1f}"]
        for t in tallies
    ]
    total = ["total", str(sum(t.tried for t in tallies))]
    total += [str(sum(t.counts[c] for t in tallies)) for c in COLUMNS]
    total.append(f"{sum(t.seconds for t in tallies):.1f}")
    rows.append(total)
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(heads)]

    def line(cells: Sequence[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = (c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True))
        return "| " + " | ".join([first, *rest]) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(heads), rule, *(line(r) for r in rows)])


# --- running the CLI ----------------------------------------------------------------------


@dataclass(frozen=True)
class Ran:
    argv: tuple[str, ...]
    code: int | None  # None: it did not end within its time (a hang)
    out: str
    err: str
    seconds: float = 0.0

    @property
    def acknowledged(self) -> bool:
        """Done and said so: exit 0 and something printed."""
        return self.code == 0 and bool(self.out.strip())

    def shown(self) -> str:
        """The command as a bash line, for a reproduction (control characters as escapes)."""
        return "mlboard " + " ".join(shell_quote(a) for a in self.argv)


def shell_quote(arg: str) -> str:
    """Quoted for bash; anything not printable written as an escape inside $'...'."""
    import shlex

    if arg.isprintable():
        return shlex.quote(arg)
    body = "".join(ch if ch.isprintable() and ch not in "'\\" else _escape(ch) for ch in arg)
    return f"$'{body}'"


def _escape(ch: str) -> str:
    if ch in "'\\":
        return "\\" + ch
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def run_process(
    board: Path, *args: str, timeout: float = 30.0, env: dict[str, str] | None = None
) -> Ran:
    """A real `mlboard` process; a hang is killed and reported as code None."""
    argv = ("--board", str(board), *args)
    started = time.perf_counter()
    proc = subprocess.Popen(
        [*MLBOARD, *argv],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        return Ran(argv, None, _text(out), _text(err), time.perf_counter() - started)
    return Ran(argv, proc.returncode, _text(out), _text(err), time.perf_counter() - started)


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="surrogateescape")


class Hang(BaseException):
    """Raised by the alarm inside an in-process command (not an Exception: never swallowed)."""


@contextlib.contextmanager
def alarm(seconds: float) -> Iterator[None]:
    def ring(signum: int, frame: FrameType | None) -> None:
        raise Hang()

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _reuse_the_parser() -> None:
    """Build the argparse parser once for all in-process commands: building it is ≈ 20 ms of
    gettext look-ups per command, and parsing with the same parser is the same code."""
    import functools

    import mlboard.cli.parser as parser  # `main` looks it up there on every command

    if not hasattr(parser.build_parser, "cache_info"):
        parser.build_parser = functools.cache(parser.build_parser)


def run_inprocess(board: Path, *args: str, timeout: float = 20.0) -> Ran:
    """`mlboard.cli.main` in this process (the same code as the executable, without the
    ≈ 0.15 s start-up): what escapes `main` is reported as the traceback a user would see."""
    from mlboard.cli import main

    _reuse_the_parser()
    argv = ("--board", str(board), *args)
    out, err = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    code: int | None
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            with alarm(timeout):
                code = main(list(argv))
        except Hang:
            code = None
        except BaseException:  # what the executable would print as a traceback
            err.write(traceback.format_exc())
            code = 1
    return Ran(argv, code, out.getvalue(), err.getvalue(), time.perf_counter() - started)


# --- judging what a command did -----------------------------------------------------------


def judge(tally: Tally, ran: Ran, *, json_out: bool = False) -> bool:
    """Count what is wrong with one command's output and exit; True when nothing is."""
    ok = True
    if ran.code is None:
        tally.fail("hangs", f"{ran.shown()} did not end")
        return False
    both = ran.out + ran.err
    if TRACEBACK in both or "internal error" in ran.err:
        tally.fail("tracebacks", f"{ran.shown()} → {_tail(ran.err or ran.out)}")
        ok = False
    if ran.code not in (0, 1, 2):
        tally.fail("wrong_exit", f"{ran.shown()} → exit {ran.code}")
        ok = False
    failed_check = ran.code == 1 and not ran.err and ran.out.strip()  # `plan` with errors
    if ran.code != 0 and not failed_check:
        lines = ran.err.split("\n")
        if len(lines) != 2 or lines[1] != "" or not lines[0].startswith("mlboard"):
            tally.fail("messy", f"{ran.shown()} → stderr not one line: {ran.err[:300]!r}")
            ok = False
    raw = RAW_CONTROL_JSON if json_out else RAW_CONTROL
    for name, text, pattern in (("stdout", ran.out, raw), ("stderr", ran.err, RAW_CONTROL)):
        found = pattern.search(text)
        if found:
            around = text[max(0, found.start() - 30) : found.end() + 30]
            tally.fail("messy", f"{ran.shown()} → raw {found.group()!r} in {name}: {around!r}")
            ok = False
    return ok


def _tail(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else ""


def check_loads(tally: Tally, board: Path, context: str) -> bool:
    """`mlboard check` must say the board is fine (exit 0); else an invalid board."""
    ran = run_inprocess(board, "check")
    judge(tally, ran)
    if ran.code != 0:
        tally.fail("invalid", f"{context}: mlboard check → exit {ran.code}: {_tail(ran.err)}")
        return False
    return True


def contents(board: Path) -> bytes | None:
    """The file's bytes, or None when there is no regular file there."""
    try:
        return board.read_bytes() if board.is_file() else None
    except OSError as exc:
        return f"<{exc}>".encode()


def refused_left_alone(tally: Tally, ran: Ran, before: bytes | None, board: Path) -> None:
    """A refused command (exit 1/2) leaves the file's bytes as they were (or no file)."""
    if ran.code in (1, 2) and contents(board) != before:
        tally.fail(
            "refused_changed",
            f"{ran.shown()} → exit {ran.code} ({_tail(ran.err)}) yet the file changed",
        )


def as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0
