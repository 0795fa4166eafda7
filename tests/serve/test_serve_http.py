"""`mlboard serve` as a real process, asked by a plain HTTP client: nothing without the token."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp
import pytest
from serve_kit import free_port, mlboard, served

pytestmark = pytest.mark.slow

STOP_SECONDS = 8.0


@pytest.fixture
def board(tmp_path: Path) -> Path:
    path = tmp_path / "team" / "mlboard.json"
    path.parent.mkdir()
    mlboard(path, "init", "--name", "Team")
    mlboard(path, "add", "Clean labels", "--category", "data")
    return path


def token_of(url: str) -> str:
    return urlsplit(url).query.removeprefix("token=")


def jar() -> aiohttp.CookieJar:
    """A client cookie jar that keeps cookies of an IP address (127.0.0.1)."""
    return aiohttp.CookieJar(unsafe=True)


async def status(session: aiohttp.ClientSession, url: str, **kwargs: object) -> int:
    async with session.get(url, allow_redirects=False, **kwargs) as response:  # type: ignore[arg-type]
        await response.read()
        return response.status


async def ws_refused(
    url: str, cookies: dict[str, str] | None = None, origin: str | None = None
) -> int:
    """The status of a websocket handshake that is expected to fail."""
    async with aiohttp.ClientSession(cookies=cookies, cookie_jar=jar()) as session:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            async with session.ws_connect(url, origin=origin):
                pass
        return refused.value.status


def test_every_request_without_the_token_is_refused(board: Path) -> None:
    with served(board) as server:
        root = server.root
        assert server.url.startswith(f"{root}/?token=")
        assert len(token_of(server.url)) >= 32

        async def check() -> None:
            async with aiohttp.ClientSession(cookie_jar=jar()) as session:
                for path in ("/", "/static/js/textual.js", "/ws", "/download/x", "/nothing"):
                    assert await status(session, root + path) == 403, path
                for path in ("/?token=wrong", "/static/js/textual.js?token=", "/ws?token=x"):
                    assert await status(session, root + path) == 403, path
                assert session.cookie_jar.filter_cookies(root) == {}  # type: ignore[arg-type]
            assert await ws_refused(f"{root}/ws") == 403
            assert await ws_refused(f"{root}/ws?token=wrong") == 403
            name = f"mlboard_token_{server.port}"
            assert await ws_refused(f"{root}/ws", cookies={name: "wrong" * 8}) == 403

        asyncio.run(check())


def test_the_token_url_sets_a_strict_cookie_that_opens_the_rest(board: Path) -> None:
    with served(board) as server:
        root, name = server.root, f"mlboard_token_{server.port}"

        async def check() -> None:
            async with aiohttp.ClientSession(cookie_jar=jar()) as session:
                async with session.get(server.url) as response:
                    assert response.status == 200
                    assert "textual" in await response.text()
                    header = response.headers["Set-Cookie"]
                    assert response.headers["Referrer-Policy"] == "no-referrer"
                    policy = response.headers["Content-Security-Policy"]
                # The page loads nothing from elsewhere (textual-serve's page asks Google for
                # a font), talks to this server only, and cannot be framed.
                assert (
                    "default-src 'self'" in policy and "style-src 'self' 'unsafe-inline'" in policy
                )
                assert f"connect-src 'self' ws://127.0.0.1:{server.port}" in policy
                assert "frame-ancestors 'none'" in policy and "google" not in policy
                assert f"{name}={token_of(server.url)}" in header
                for attribute in ("HttpOnly", "SameSite=Strict", "Path=/"):
                    assert attribute in header
                # The cookie alone now opens the static files and the websocket.
                assert await status(session, f"{root}/static/js/textual.js") == 200
                async with session.ws_connect(f"{root}/ws?width=80&height=24") as ws:
                    first = await ws.receive(timeout=30)
                    assert first.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT)
                # A wrong token in the URL is refused even with a good cookie.
                assert await status(session, f"{root}/?token=wrong") == 403

        asyncio.run(check())


def test_a_token_from_the_environment_is_used(board: Path) -> None:
    token = "team-token-0123456789abcdef"
    with served(board, env={"MLBOARD_SERVE_TOKEN": token}) as server:
        assert token_of(server.url) == token

        async def check() -> None:
            async with aiohttp.ClientSession() as session:
                assert await status(session, f"{server.root}/?token={token}") == 200

        asyncio.run(check())


def test_another_sites_page_is_refused_even_with_the_cookie(board: Path) -> None:
    """A page of another site, or of another port of this host (the same site for cookies,
    so the SameSite=Strict cookie goes with it), cannot open a tab's websocket."""
    with served(board) as server:
        cookies = {f"mlboard_token_{server.port}": token_of(server.url)}

        async def check() -> None:
            for foreign in ("http://127.0.0.1:9999", "http://evil.example", "null"):
                url = f"{server.root}/ws"
                assert await ws_refused(url, cookies, origin=foreign) == 403, foreign
            async with aiohttp.ClientSession(cookies=cookies, cookie_jar=jar()) as session:
                own = {"Origin": server.root}
                assert await status(session, server.url, headers=own) == 200
                other = {"Origin": "http://127.0.0.1:9999"}
                assert await status(session, server.url, headers=other) == 403

        asyncio.run(check())


def test_no_token_serves_loopback_pages_of_its_own_origin_only(board: Path) -> None:
    with served(board, "--no-token") as server:
        assert server.url == f"{server.root}/"

        async def check() -> None:
            async with aiohttp.ClientSession() as session:
                assert await status(session, f"{server.root}/static/js/textual.js") == 200
                async with session.ws_connect(f"{server.root}/ws", origin=server.root) as ws:
                    assert (await ws.receive(timeout=30)).type is aiohttp.WSMsgType.BINARY
            # Any web page the user opens could otherwise drive the board through it.
            assert await ws_refused(f"{server.root}/ws", origin="http://evil.example") == 403

        asyncio.run(check())


def test_json_announces_the_url_in_one_line(board: Path) -> None:
    with served(board, "--json") as server:
        assert server.url.startswith(f"{server.root}/?token=")

        async def check() -> None:
            async with aiohttp.ClientSession() as session:
                assert await status(session, server.url) == 200

        asyncio.run(check())


def test_the_board_path_is_printed_inert(tmp_path: Path) -> None:
    board = tmp_path / "team\x1b[2J.json"
    mlboard(board, "init")
    with served(board) as server:
        assert "team\\x1b[2J.json" in server.printed
        assert "\x1b" not in server.printed


def test_a_port_in_use_is_one_line_exit_2(board: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "mlboard", "--board", str(board), "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith(f"mlboard: cannot listen on 127.0.0.1:{port}:")


def test_a_network_host_warns_that_http_is_clear_text(board: Path) -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mlboard", "--board", str(board), "serve", "--host", "0.0.0.0",
         "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        assert process.stderr is not None
        warning = process.stderr.readline()
        assert warning.startswith("mlboard: warning: serving 0.0.0.0 over plain HTTP")
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_stopping_the_server_ends_every_tab_at_once(board: Path) -> None:
    """SIGTERM (as Ctrl+C) closes the open tabs and quits their TUIs; aiohttp alone would wait
    ≈ 20 s for the browsers to hang up."""
    with served(board) as server:

        async def check() -> None:
            async with aiohttp.ClientSession(cookie_jar=jar()) as session:
                assert await status(session, server.url) == 200
                tabs = [await session.ws_connect(f"{server.root}/ws") for _ in range(2)]
                for tab in tabs:  # both TUIs are up and drawing
                    assert (await tab.receive(timeout=30)).type is aiohttp.WSMsgType.BINARY

                async def browser(tab: aiohttp.ClientWebSocketResponse) -> None:
                    async for _ in tab:  # answers the server's close, as a browser does
                        pass

                reading = [asyncio.create_task(browser(tab)) for tab in tabs]
                server.process.send_signal(signal.SIGTERM)  # the server only, not its group
                await asyncio.to_thread(server.process.wait, STOP_SECONDS)
                await asyncio.wait_for(asyncio.gather(*reading), STOP_SECONDS)
                assert all(tab.closed for tab in tabs)
            deadline = time.monotonic() + STOP_SECONDS
            while group_alive(server.process.pid):  # the tabs' TUIs quit too
                assert time.monotonic() < deadline, "a tab's TUI outlived the server"
                await asyncio.sleep(0.05)

        asyncio.run(check())
        assert server.process.returncode == 0


def group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True
