"""`mlboard serve`'s checks before it listens: address, token, public URL, board, command."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from mlboard.cli import main
from mlboard.cli.serve import (
    TOKEN_ENV,
    checked_public_url,
    chosen_token,
    cookie_name,
    default_url,
    is_loopback,
    served_command,
)
from mlboard.models import BadInput
from mlboard.ui.serve import origin_of, same_token


@pytest.mark.parametrize("host", ["127.0.0.1", "127.8.9.1", "::1", "[::1]", "localhost"])
def test_loopback_hosts(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "10.1.2.3", "192.168.0.7", "2001:db8::1"])
def test_network_hosts(host: str) -> None:
    assert not is_loopback(host)


def test_an_unknown_host_is_bad_input() -> None:
    with pytest.raises(BadInput, match="no such address"):
        is_loopback("no-such-host.invalid")


def test_the_token_is_random_unless_given() -> None:
    first, second = chosen_token(None, False, {}), chosen_token(None, False, {})
    assert first and second and first != second and len(first) >= 32
    given = "a" * 16
    assert chosen_token(given, False, {TOKEN_ENV: "b" * 16}) == given
    assert chosen_token(None, False, {TOKEN_ENV: "b" * 16}) == "b" * 16
    assert chosen_token(None, True, {TOKEN_ENV: "b" * 16}) is None


@pytest.mark.parametrize(
    "token", ["short", "x" * 15, "has space in it ok", "semi;colon;0123456789"]
)
def test_weak_or_unsafe_tokens_are_refused(token: str) -> None:
    with pytest.raises(BadInput, match="16-256 characters"):
        chosen_token(token, False, {})
    with pytest.raises(BadInput, match=TOKEN_ENV):
        chosen_token(None, False, {TOKEN_ENV: token})


def test_urls() -> None:
    assert default_url("127.0.0.1", 8000) == "http://127.0.0.1:8000"
    assert default_url("::1", 8001) == "http://[::1]:8001"
    assert not default_url("0.0.0.0", 8000).startswith("http://0.0.0.0")
    assert checked_public_url("https://board.example.com/") == "https://board.example.com"
    assert checked_public_url(None) is None
    for bad in ("board.example.com", "ftp://x", "https://x/sub/path", "https://x/?a=1"):
        with pytest.raises(BadInput, match="--public-url"):
            checked_public_url(bad)
    assert cookie_name(8000) != cookie_name(8001)


def test_tokens_compare_whole() -> None:
    assert same_token("abc" * 8, "abc" * 8)
    assert not same_token("abc" * 8, "abc" * 7)
    assert not same_token("", "abc")
    assert not same_token("é" * 3, "abc")


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("HTTP://LocalHost:8000/", "http://localhost:8000"),
        ("http://board.example.com:80", "http://board.example.com"),
        ("https://board.example.com:443", "https://board.example.com"),
        ("https://board.example.com:8443", "https://board.example.com:8443"),
        ("http://[::1]:8000", "http://[::1]:8000"),
        ("http://host:notaport", ""),
        ("null", "://"),  # a sandboxed page: matches no server
    ],
)
def test_origins_compare_as_browsers_send_them(url: str, origin: str) -> None:
    assert origin_of(url) == origin


def test_the_served_command_quotes_any_path(tmp_path: Path) -> None:
    """The command runs through a shell: a hostile path stays one argument, runs nothing."""
    board = tmp_path / "a b 'c' \"d\" $(touch injected) `touch ticks`; touch semi.json"
    command = served_command(board, "dark; touch theme")
    assert shlex.split(command) == [
        sys.executable, "-m", "mlboard", f"--board={board}", "--theme=dark; touch theme"
    ]  # fmt: skip
    done = subprocess.run(
        ["sh", "-c", command + " --version"], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []
    assert "--theme" not in served_command(board, None)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["serve", "--no-token", "--host", "0.0.0.0"], "--no-token serves only a loopback"),
        (["serve", "--no-token", "--host", "10.1.2.3"], "--no-token serves only a loopback"),
        (["serve", "--token", "short"], "--token must be"),
        (["serve", "--port", "0"], "--port must be 1-65535"),
        (["serve", "--port", "70000"], "--port must be 1-65535"),
        (["serve", "--public-url", "example.com"], "--public-url must be"),
    ],
)
def test_refusals_are_one_line_exit_2(
    argv: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    board = tmp_path / "mlboard.json"
    assert main(["--board", str(board), *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"mlboard: {message}") and err.count("\n") == 1
    assert not board.exists()  # refused before anything was created


def test_token_and_no_token_exclude_each_other(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--token", "a" * 16, "--no-token"]) == 2
    assert "not allowed with" in capsys.readouterr().err


def test_an_unreadable_board_is_refused_before_serving(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    board = tmp_path / "mlboard.json"
    board.write_text("{not json")
    assert main(["--board", str(board), "serve"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mlboard: ") and "mlboard.json" in err and err.count("\n") == 1
    assert board.read_text() == "{not json"


def test_a_missing_board_is_refused_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    board = tmp_path / "mlboard.json"
    assert main(["--board", str(board), "serve"]) == 2
    assert "no board file here" in capsys.readouterr().err
    assert not board.exists()
