"""`thongcao serve` meeting the network: its public base URL, and clients that are slow on purpose.

Every test here talks to a real `thongcao serve` process over sockets, as a browser, a
proxy or an attacker would.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
import urllib.parse
import xml.etree.ElementTree as ET

import pytest

from indexer.errors import BadSetting
from tests.conftest import ROOT, _serving, run_cli
from webui.serving import SETTINGS, base_url, limits

PUBLIC = "https://tim.example.vn/thongcao"
HEADERS_NEVER_FINISHED = b"GET /api/search?q=h%E1%BB%A3p+t%C3%A1c HTTP/1.1\r\nHost: x\r\nUser-Agent: slow"


def get(base: str, path: str, host: str | None = None, timeout: float = 10) -> http.client.HTTPResponse:
    """GET `path` from the server at `base`, naming `host` (default: the server's own) in Host."""
    address = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=timeout)
    connection.request("GET", path, headers={"Host": host} if host else {})
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def links(body: bytes) -> list[str]:
    """Every absolute link of an Atom feed or an OpenSearch description."""
    root = ET.fromstring(body)
    return [e.get("href") or e.get("template") for e in root.iter() if e.get("href") or e.get("template")]


def open_connections(base: str, count: int, first_bytes: bytes = b"") -> list[socket.socket]:
    address = urllib.parse.urlsplit(base)
    sockets = []
    for _ in range(count):
        sock = socket.create_connection((address.hostname, address.port), timeout=5)
        if first_bytes:
            sock.sendall(first_bytes)
        sockets.append(sock)
    return sockets


def closed_by_the_server(sock: socket.socket, deadline: float) -> bool:
    """Whether the server closes this connection before `deadline` (sending nothing first)."""
    sock.settimeout(max(0.01, deadline - time.monotonic()))
    try:
        return sock.recv(1) == b""
    except (ConnectionResetError, BrokenPipeError):
        return True
    except TimeoutError:
        return False


# --- The base URL -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def public_server(web_index, tmp_path_factory):
    """`thongcao serve --base-url PUBLIC`, as behind a proxy that mounts it at /thongcao."""
    yield from _serving(web_index, tmp_path_factory.mktemp("serve") / "stderr.log", "--base-url", PUBLIC)


def test_links_start_with_the_address_served_whatever_the_host_header(live_server):
    for path in ("/feed.atom?q=L%C3%A0o", "/opensearch.xml"):
        response = get(live_server, path, host="evil.example")
        assert response.status == 200 and b"evil.example" not in response.body
        assert links(response.body) and all(
            link.startswith(live_server + "/") for link in links(response.body)
        )
    moved = get(live_server, "/api//search?q=x", host="evil.example")  # a slash too many: a redirect
    assert moved.status == 308 and moved.headers["Location"] == f"{live_server}/api/search?q=x"


def test_links_start_with_the_base_url_given(public_server):
    response = get(public_server, "/feed.atom?q=L%C3%A0o", host="evil.example")
    assert response.status == 200 and links(response.body)
    assert all(link.startswith(PUBLIC + "/") for link in links(response.body) if "javascript" not in link)
    assert all(link.startswith(PUBLIC + "/") for link in links(get(public_server, "/opensearch.xml").body))
    page = get(public_server, "/thongcao/?q=L%C3%A0o").body.decode()  # the path the proxy passes on
    assert 'href="/thongcao/doc/' in page


def test_the_base_url_is_checked():
    assert base_url(" https://tim.example.vn:8443/ ", "127.0.0.1", 5000) == "https://tim.example.vn:8443"
    for bad in ("tim.example.vn", "ftp://tim.example.vn", "https://", "http://a:b@x.vn", "http://x.vn/?q=1"):
        with pytest.raises(BadSetting, match="--base-url"):
            base_url(bad, "127.0.0.1", 5000)


def test_serve_refuses_an_unusable_base_url_or_limit(seed_index, monkeypatch):
    done = run_cli("serve", "--base-url", "javascript:alert(1)", index=seed_index)
    assert done.returncode == 1 and "--base-url must be an address like" in done.stderr
    monkeypatch.setenv("THONGCAO_REQUEST_TIMEOUT", "soon")
    done = run_cli("serve", index=seed_index)
    assert done.returncode == 1 and "THONGCAO_REQUEST_TIMEOUT must be a whole number" in done.stderr


# --- Slow and idle clients --------------------------------------------------------------------


@pytest.fixture(scope="module")
def impatient_server(web_index, tmp_path_factory):
    """`thongcao serve` with one-second timeouts and room for only 40 connections."""
    env = {
        "THONGCAO_CHANNEL_TIMEOUT": "1",
        "THONGCAO_REQUEST_TIMEOUT": "1",
        "THONGCAO_CONNECTION_LIMIT": "40",
    }
    yield from _serving(web_index, tmp_path_factory.mktemp("serve") / "stderr.log", env=env)


def test_clients_that_never_finish_their_headers_do_not_lock_others_out(live_server):
    hostile = open_connections(live_server, 150, HEADERS_NEVER_FINISHED)  # waitress's default allowed 100
    try:
        response = get(live_server, "/api/search?q=L%C3%A0o", timeout=10)
        assert response.status == 200 and b'"total"' in response.body
    finally:
        for sock in hostile:
            sock.close()


def test_idle_and_trickling_connections_are_dropped(impatient_server):
    silent = open_connections(impatient_server, 20)
    stalled = open_connections(impatient_server, 20, HEADERS_NEVER_FINISHED)
    trickling = open_connections(impatient_server, 20, HEADERS_NEVER_FINISHED)
    stop = threading.Event()

    def trickle() -> None:
        """A byte of header every 0.2 s on each connection: never idle, never done."""
        while not stop.wait(0.2):
            for sock in trickling:
                try:
                    sock.send(b"a")
                except OSError:
                    pass

    sender = threading.Thread(target=trickle)
    sender.start()
    try:
        response = get(impatient_server, "/api/search?q=L%C3%A0o", timeout=15)  # past the 40: waits for room
        assert response.status == 200
        deadline = time.monotonic() + 8
        assert all(closed_by_the_server(sock, deadline) for sock in silent + stalled + trickling)
    finally:
        stop.set()
        sender.join()
        for sock in silent + stalled + trickling:
            sock.close()


def test_limits_come_from_the_environment_and_are_documented():
    assert limits({}) == {setting.name: setting.default for setting in SETTINGS}
    assert limits({"THONGCAO_REQUEST_TIMEOUT": "5"})["request_timeout"] == 5
    with pytest.raises(BadSetting, match="THONGCAO_THREADS"):
        limits({"THONGCAO_THREADS": "0"})
    readme = (ROOT / "README.md").read_text()
    for setting in SETTINGS:
        assert f"`{setting.variable}` ({setting.default}" in readme
