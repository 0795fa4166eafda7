"""`mlboard serve`: the board in a browser, one TUI process per tab, behind an access token.

Everything here is checked before the server starts (address, token, board), so a refusal is
one line and exit 2. The web server itself lives in `mlboard.ui.serve`, imported only here;
the network modules are imported when `serve` runs (every other command starts without them).
"""

from __future__ import annotations

import json
import os
import re
import sys
from argparse import Namespace
from collections.abc import Mapping
from pathlib import Path

from mlboard.cli.context import Context
from mlboard.models import BadInput
from mlboard.models.text import visible
from mlboard.storage import BoardRepository

TOKEN_ENV = "MLBOARD_SERVE_TOKEN"
TOKEN_BYTES = 24  # secrets.token_urlsafe: 32 characters
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9_\-]{16,256}")
WILDCARDS = ("0.0.0.0", "::", "")


def cmd_serve(args: Namespace, ctx: Context) -> int:
    host, port = args.host, args.port
    if not 1 <= port <= 65535:
        raise BadInput(f"--port must be 1-65535, not {port}")
    loopback = is_loopback(host)
    token = chosen_token(args.token, args.no_token, os.environ)
    if token is None and not loopback:
        raise BadInput(
            f"--no-token serves only a loopback --host (127.0.0.1, ::1, localhost), not {host!r}"
        )
    public_url = checked_public_url(args.public_url) or default_url(host, port)
    board = Path(os.path.abspath(ctx.board_path))
    # A missing board is not created (nobody is at a terminal to be asked); a missing or
    # unreadable one is refused here, in one line, not in every tab.
    BoardRepository(board).load()
    command = served_command(board, getattr(args, "theme", None))
    url = f"{public_url}/?token={token}" if token else f"{public_url}/"
    if not loopback:  # even behind a TLS proxy: the proxy's side of it is plain HTTP
        ctx.warn(
            f"serving {host} over plain HTTP: the token crosses the network in clear text;"
            " prefer loopback behind an SSH tunnel or a TLS proxy (README: Working as a team)"
        )
    if ctx.as_json:  # one line a supervisor or a script can read
        fields = {"board": str(board), "url": url, "host": host, "port": port}
        announce = json.dumps(fields) + "\n"
    else:
        shown = visible(str(board))  # a path's escape characters shown, not obeyed
        announce = f"mlboard: serving {shown}\nmlboard: open {url}\nmlboard: Ctrl+C stops\n"
    from mlboard.ui.serve import Access, origin_of, serve

    secure = public_url.startswith("https://")
    access = Access(origin_of(public_url), token, cookie_name(port), secure_cookie=secure)
    try:
        check_free(host, port)  # before the server says where it listens
        serve(
            command, host=host, port=port, public_url=public_url, access=access, announce=announce
        )
    except OSError as exc:
        raise BadInput(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    return 0


def check_free(host: str, port: int) -> None:
    """OSError when another program listens on `host:port` (bound as aiohttp binds)."""
    import socket

    for family, kind, proto, _, address in socket.getaddrinfo(
        host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    ):
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)


def chosen_token(given: str | None, no_token: bool, environ: Mapping[str, str]) -> str | None:
    """`--no-token`, else `--token`, else `$MLBOARD_SERVE_TOKEN`, else a new random one."""
    import secrets

    if no_token:
        return None
    token = given if given is not None else environ.get(TOKEN_ENV) or None
    if token is None:
        return secrets.token_urlsafe(TOKEN_BYTES)
    if not TOKEN_PATTERN.fullmatch(token):
        where = "--token" if given is not None else f"${TOKEN_ENV}"
        raise BadInput(f"{where} must be 16-256 characters of A-Z a-z 0-9 - _")
    return token


def is_loopback(host: str) -> bool:
    """Whether every address `host` names is a loopback one (a name is looked up)."""
    import ipaddress
    import socket

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None)
    except (OSError, UnicodeError):
        raise BadInput(f"--host {host!r}: no such address") from None
    addresses = {str(info[4][0]).split("%", 1)[0] for info in infos}
    return bool(addresses) and all(ipaddress.ip_address(a).is_loopback for a in addresses)


def default_url(host: str, port: int) -> str:
    """The address a browser uses: the machine's name for a wildcard host."""
    import socket

    if host in WILDCARDS:
        host = socket.gethostname()
    elif ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 literal
    return f"http://{host}:{port}"


def checked_public_url(url: str | None) -> str | None:
    """`--public-url`: where browsers reach the server (a proxy, a tunnel's local end)."""
    from urllib.parse import urlsplit

    if url is None:
        return None
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise BadInput(f"--public-url must be http(s)://HOST[:PORT], not {url!r}")
    if parts.query or parts.fragment or parts.path.strip("/"):
        raise BadInput(f"--public-url must be the server's root, not {url!r}")
    return f"{parts.scheme}://{parts.netloc}"


def cookie_name(port: int) -> str:
    """Cookies ignore ports: one name per port keeps two boards on one host apart."""
    return f"mlboard_token_{port}"


def served_command(board: Path, theme: str | None) -> str:
    """The shell command textual-serve runs for each tab: this Python, this board, quoted."""
    import shlex

    parts = [sys.executable, "-m", "mlboard", f"--board={board}"]
    if theme:
        parts.append(f"--theme={theme}")
    return shlex.join(parts)
