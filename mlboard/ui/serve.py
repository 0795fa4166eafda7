"""The board in a browser: textual-serve runs one mlboard TUI process per browser tab.

textual-serve has no authentication. This module adds one aiohttp middleware in front of
every route (page, static files, downloads, websocket):

- a request that names another site as its `Origin` is refused, token or not: a page of
  another site (or of another port of this host, which counts as the same site for cookies)
  must not drive a tab's TUI through its websocket, nor reach a `--no-token` server;
- with a token, a request needs it, as the `token` query parameter (the URL `mlboard serve`
  prints) or as the cookie set on the first valid visit (HttpOnly, SameSite=Strict).

Anything else gets 403. The middleware joins through `Server.on_startup`, textual-serve's
public hook that receives the aiohttp application before aiohttp freezes it.
"""

from __future__ import annotations

import asyncio
import gc
import hmac
import logging
import sys
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from aiohttp import web
from aiohttp.typedefs import Handler, Middleware
from textual_serve.server import Server

TOKEN_PARAMETER = "token"
LISTEN_SECONDS = 10.0
SHUTDOWN_SECONDS = 5.0
_LOCAL_END = {"0.0.0.0": "127.0.0.1", "": "127.0.0.1", "::": "::1"}  # a wildcard's loopback
_DEFAULT_PORTS = {"http": 80, "https": 443}
# The token is in the page's URL: never send it on in a Referer header, never cache the page.
_PRIVATE_HEADERS = {"Referrer-Policy": "no-referrer", "Cache-Control": "no-store"}
REFUSAL = "mlboard: a valid access token is needed (open the URL that mlboard serve printed)\n"
FOREIGN = "mlboard: requests from another site's page are refused\n"


@dataclass(frozen=True)
class Access:
    """Who may connect: pages of `origin` only, and, unless `token` is None (a loopback
    server without one), only with the token."""

    origin: str
    token: str | None
    cookie_name: str
    secure_cookie: bool = False


def origin_of(url: str) -> str:
    """`scheme://host[:port]` as browsers send it in `Origin` (no default port), lowercased."""
    parts = urlsplit(url.strip())
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"  # an IPv6 literal
    try:
        port = parts.port
    except ValueError:  # a port that is no number: matches nothing
        return ""
    shown = "" if port is None or port == _DEFAULT_PORTS.get(scheme) else f":{port}"
    return f"{scheme}://{host}{shown}"


def same_token(given: str, expected: str) -> bool:
    """Compare in constant time (for tokens of one length)."""
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def page_policy(origin: str) -> str:
    """The Content-Security-Policy of every response. textual-serve's page asks Google for a
    font: from a private network that request can hold the page up, and it tells Google who
    opens the board. Under this policy the page loads nothing from elsewhere, talks only to
    this server, and cannot be framed; inline script and style stay (the page is made of them).
    """
    sockets = origin.replace("https://", "wss://", 1).replace("http://", "ws://", 1)
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self' 'unsafe-inline'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            f"connect-src 'self' {sockets}",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )


def access_guard(access: Access) -> Middleware:
    """The middleware that refuses (403) another site's requests, and any without the token."""
    expected = access.token
    policy = page_policy(access.origin)

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        origin = request.headers.get("Origin")
        if origin is not None and origin_of(origin) != access.origin:
            return web.Response(status=403, text=FOREIGN, headers=_PRIVATE_HEADERS)
        given = request.query.get(TOKEN_PARAMETER)
        if expected is not None:
            if given is not None:
                allowed = same_token(given, expected)  # a wrong token in the URL is refused
            else:
                cookie = request.cookies.get(access.cookie_name)
                allowed = cookie is not None and same_token(cookie, expected)
            if not allowed:
                return web.Response(status=403, text=REFUSAL, headers=_PRIVATE_HEADERS)
        response = await handler(request)
        if response.prepared:  # a websocket or a download has sent its headers already
            return response
        response.headers["Content-Security-Policy"] = policy
        if given is not None and expected is not None:
            # The page whose URL holds the token is not cached; static files may be.
            response.headers.update(_PRIVATE_HEADERS)
            response.set_cookie(
                access.cookie_name,
                expected,
                path="/",
                httponly=True,
                samesite="Strict",
                secure=access.secure_cookie,
            )
        return response

    return guard


def tracking(sessions: set[asyncio.Task[object]]) -> Middleware:
    """The middleware that keeps the running requests (each tab's websocket) in `sessions`."""

    @web.middleware
    async def track(request: web.Request, handler: Handler) -> web.StreamResponse:
        task = asyncio.current_task()
        if task is not None:
            sessions.add(task)
        try:
            return await handler(request)
        finally:
            sessions.discard(task)

    return track


class BoardServer(Server):
    """textual-serve's server with the access guard, a prompt stop and mlboard's start-up
    lines."""

    def __init__(
        self,
        command: str,
        *,
        host: str,
        port: int,
        public_url: str,
        access: Access,
        announce: str,
    ) -> None:
        super().__init__(command, host=host, port=port, title="mlboard", public_url=public_url)
        self.access = access
        self.announce = announce
        self._announcing: asyncio.Task[None] | None = None
        self._sessions: set[asyncio.Task[object]] = set()

    def initialize_logging(self) -> None:
        """textual-serve's log, without aiohttp's access log (its lines carry the token)."""
        super().initialize_logging()
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

    async def on_startup(self, app: web.Application) -> None:
        """Guard the app (aiohttp freezes its middlewares after start-up), then announce the
        URL once the port accepts connections: aiohttp binds it after this hook."""
        app.middlewares.append(access_guard(self.access))
        app.middlewares.append(tracking(self._sessions))
        self._announcing = asyncio.create_task(self._announce_when_listening())

    async def on_shutdown(self, app: web.Application) -> None:
        """Ctrl+C ends every tab at once: textual-serve closes a cancelled tab's websocket
        and quits its TUI (else aiohttp waits for the browsers to hang up)."""
        sessions = list(self._sessions)
        for task in sessions:
            task.cancel()
        if sessions:
            await asyncio.wait(sessions, timeout=SHUTDOWN_SECONDS)

    async def _announce_when_listening(self) -> None:
        host = _LOCAL_END.get(self.host, self.host)
        deadline = time.monotonic() + LISTEN_SECONDS
        while time.monotonic() < deadline:
            try:
                _, writer = await asyncio.open_connection(host, self.port)
            except OSError:
                await asyncio.sleep(0.02)
                continue
            writer.close()
            break
        sys.stdout.write(self.announce)
        sys.stdout.flush()


def serve(
    command: str, *, host: str, port: int, public_url: str, access: Access, announce: str
) -> None:
    """Serve until Ctrl+C or SIGTERM; OSError when the address cannot be bound."""
    gc.enable()  # the executable turns it off for short commands; a server runs for days
    BoardServer(
        command, host=host, port=port, public_url=public_url, access=access, announce=announce
    ).serve()
