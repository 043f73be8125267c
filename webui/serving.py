"""How the app meets the network: its public address, and waitress with bounds on slow clients.

Absolute links (the Atom feed, the OpenSearch description, redirects) are built from a
configured base URL, never from the request's Host header, which any client can set:
`PublicURL` rewrites each request's host, scheme and script root to it before Flask sees
them, so `url_for(..., _external=True)` and `request.url` can only name that address.

Waitress hands a request to one of its `threads` only once the request has fully arrived,
so a slow client costs a connection, not a thread.  But connections are few (waitress's
default is 100), an idle one was kept for 120 s and one trickling its headers a byte at a
time was never dropped: 110 clients that never finished their headers locked everyone
out.  Each bound is a Setting below, overridable by its environment variable and listed in
README.md (a test checks); behind a reverse proxy the proxy meets the clients instead.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from waitress.adjustments import Adjustments
from waitress.channel import HTTPChannel
from waitress.server import MultiSocketServer, TcpWSGIServer
from waitress.task import ThreadedTaskDispatcher

from indexer.errors import BadSetting

WILDCARD_HOSTS = ("", "0.0.0.0", "::")


@dataclass(frozen=True)
class Setting:
    """One bound on the server: its default, and the environment variable that changes it."""

    name: str
    default: int
    help: str

    @property
    def variable(self) -> str:
        return "THONGCAO_" + self.name.upper()


SETTINGS = (
    Setting("threads", 8, "requests worked on at once; the others wait their turn"),
    Setting("connection_limit", 500, "open connections; past it, new ones wait in the listen backlog"),
    Setting("channel_timeout", 30, "seconds an idle connection stays open (before a request or between two)"),
    Setting("request_timeout", 20, "seconds a request's headers and body may take to arrive, however slowly"),
)


def limits(environ: Mapping[str, str] = os.environ) -> dict[str, int]:
    """Every Setting's value: its variable when set (a whole number, at least 1), else its default."""
    values = {}
    for setting in SETTINGS:
        raw = environ.get(setting.variable, "").strip()
        if not raw:
            values[setting.name] = setting.default
        elif raw.isdigit() and int(raw) >= 1:
            values[setting.name] = int(raw)
        else:
            raise BadSetting(f"{setting.variable} must be a whole number of at least 1, not {raw[:40]!r}")
    return values


def base_url(url: str | None, host: str, port: int) -> str:
    """The address absolute links start with: `url` checked, or http://HOST:PORT of the bind
    (the machine's name for a wildcard address, which no browser can reach).

    >>> base_url(None, "127.0.0.1", 5000), base_url("https://tim.example.vn/thongcao/", "::", 80)
    ('http://127.0.0.1:5000', 'https://tim.example.vn/thongcao')
    >>> base_url(None, "::1", 8080)
    'http://[::1]:8080'
    """
    if not url:
        name = socket.gethostname() if host in WILDCARD_HOSTS else host
        return f"http://{f'[{name}]' if ':' in name else name}:{port}"
    parts = urlsplit(url.strip())
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        parts = parts._replace(netloc="")
    extra = parts.username or parts.password or parts.query or parts.fragment
    if parts.scheme not in ("http", "https") or not parts.hostname or extra:
        raise BadSetting(f"--base-url must be an address like https://thongcao.example.vn, not {url!r}")
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


class PublicURL:
    """WSGI middleware: every request arrives at the base URL, whatever Host it named.

    The base URL's path is where a proxy mounts the app: it becomes the script root, and is
    taken off the path when the proxy passes it on.
    """

    def __init__(self, app: Callable, url: str) -> None:
        self.app = app
        parts = urlsplit(url)
        self.scheme, self.netloc, self.prefix = parts.scheme, parts.netloc, parts.path.rstrip("/")
        self.server = (parts.hostname or "", str(parts.port or (443 if parts.scheme == "https" else 80)))

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        environ["wsgi.url_scheme"] = self.scheme
        environ["HTTP_HOST"] = self.netloc
        environ["SERVER_NAME"], environ["SERVER_PORT"] = self.server
        path = environ.get("PATH_INFO", "")
        if self.prefix and (path == self.prefix or path.startswith(self.prefix + "/")):
            environ["PATH_INFO"] = path[len(self.prefix) :]
        environ["SCRIPT_NAME"] = self.prefix
        return self.app(environ, start_response)


class _Channel(HTTPChannel):
    """A waitress connection that remembers when the request it is receiving began."""

    request_began = 0.0

    def received(self, data: bytes) -> bool:
        if self.request is None and data:
            self.request_began = time.time()
        return super().received(data)


class _Listener(TcpWSGIServer):
    """A waitress listening socket whose clean-up also drops requests that arrive too slowly.

    Waitress's own clean-up closes connections idle for `channel_timeout`; a client that
    sends a byte now and then is never idle, so a request still incomplete `request_timeout`
    seconds after its first byte is dropped too.
    """

    channel_class = _Channel
    request_timeout = 20  # seconds; serve() sets the configured one

    def maintenance(self, now: float) -> None:
        super().maintenance(now)
        late = now - self.request_timeout
        for channel in list(self.active_channels.values()):
            if channel.request is not None and not channel.requests and channel.request_began < late:
                channel.will_close = True


def serve(app: Callable, host: str, port: int, values: Mapping[str, int]) -> None:
    """Serve `app` on every address `host` names until interrupted, within `values` (limits())."""
    adjustments = Adjustments(
        host=host,
        port=port,
        threads=values["threads"],
        connection_limit=values["connection_limit"],
        channel_timeout=values["channel_timeout"],
        cleanup_interval=1,  # how often the timeouts are checked
        asyncore_use_poll=True,  # select() stops at descriptor 1024
        ident="thongcao",
    )
    dispatcher = ThreadedTaskDispatcher()
    dispatcher.set_thread_count(adjustments.threads)
    sockets: dict = {}
    listeners = [
        _Listener(app, sockets, dispatcher=dispatcher, adj=adjustments, sockinfo=info)
        for info in adjustments.listen
    ]
    for listener in listeners:
        listener.request_timeout = values["request_timeout"]
    bound = [(listener.effective_host, listener.effective_port) for listener in listeners]
    MultiSocketServer(sockets, adjustments, bound, dispatcher, listeners[0].log_info).run()
