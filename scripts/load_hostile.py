"""Hostile clients for scripts/load: what issue 11 saw stall every other search.

- slow headers: connections that send the start of a request and then a byte every few
  seconds, never finishing it; when the server drops one, another takes its place;
- huge facet lists: pages, API calls and feeds naming 2,000 `country=` values (the index's
  own and made-up ones), several at once;
- deep nesting: a query of 330 parentheses, on the page, the API and the document page.

All of it goes to the loopback address scripts/load serves on, within its time bound.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
import urllib.parse

SLOW_START = b"GET /?q=h%E1%BB%A3p+t%C3%A1c HTTP/1.1\r\nHost: localhost\r\nX-Slow: "
DEEP = "(" * 330 + "hợp tác"


def facet_flood(values: list[str], count: int = 2000) -> str:
    """A query string of `count` country values: the index's own, then made-up ones."""
    chosen = (values + [f"Xứ {n}" for n in range(count)])[:count]
    return urllib.parse.urlencode([("country", v) for v in chosen])


class Hostile:
    """Slow-header connections and heavy-request threads, from start() until stop()."""

    def __init__(self, host: str, port: int, countries: list[str], doc_id: str, slow: int, heavy: int):
        self.host, self.port = host, port
        self.slow, self.heavy = slow, heavy
        flood = facet_flood(countries)
        doc = "/doc/" + urllib.parse.quote(doc_id, safe="")
        deep = urllib.parse.urlencode({"q": DEEP})
        self.urls = [f"/?{flood}", f"/api/search?{flood}", f"/feed.atom?{flood}", f"/?{deep}"]
        self.urls.append(f"{doc}?{deep}")
        self.stop_event = threading.Event()
        self.threads: list[threading.Thread] = []
        self.lock = threading.Lock()
        self.stats: dict = {"slow_dropped_by_server": 0, "heavy_requests": 0, "heavy_errors": 0}
        self.stats["heavy_statuses"] = {}
        self.heavy_bytes: list[int] = []
        self.heavy_seconds: list[float] = []

    def start(self) -> None:
        self.threads = [threading.Thread(target=self._slow_headers)]
        self.threads += [threading.Thread(target=self._heavy, args=(n,)) for n in range(self.heavy)]
        for thread in self.threads:
            thread.start()
        time.sleep(1)  # let the slow connections take their places first

    def stop(self) -> dict:
        self.stop_event.set()
        for thread in self.threads:
            thread.join()
        stats = dict(self.stats)
        if self.heavy_bytes:
            stats["heavy_max_bytes"] = max(self.heavy_bytes)
            stats["heavy_max_ms"] = round(1000 * max(self.heavy_seconds), 1)
        return stats

    def _connect(self) -> socket.socket | None:
        try:
            sock = socket.create_connection((self.host, self.port), timeout=5)
            sock.sendall(SLOW_START)
            sock.setblocking(False)
            return sock
        except OSError:
            return None

    def _slow_headers(self) -> None:
        """`slow` connections, each sent one more header byte every 2 s; a dropped one is replaced."""
        sockets = [self._connect() for _ in range(self.slow)]
        while not self.stop_event.wait(2):
            for i, sock in enumerate(sockets):
                if sock is not None and self._still_open(sock):
                    continue
                if sock is not None:
                    sock.close()
                    with self.lock:
                        self.stats["slow_dropped_by_server"] += 1
                sockets[i] = self._connect()
        for sock in sockets:
            if sock is not None:
                sock.close()

    @staticmethod
    def _still_open(sock: socket.socket) -> bool:
        """Whether the server still waits for this request's headers (then one more byte is sent)."""
        try:
            sock.recv(1024)  # b"" once the server closed it, or an answer: this request is over
            return False
        except BlockingIOError:
            pass  # nothing to read: the server is still waiting
        except OSError:
            return False
        try:
            sock.send(b"a")
            return True
        except OSError:
            return False

    def _heavy(self, number: int) -> None:
        """Requests with huge facet lists or deep nesting, one after another."""
        count = 0
        while not self.stop_event.is_set():
            url = self.urls[(number + count) % len(self.urls)]
            count += 1
            connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
            started = time.perf_counter()
            try:
                connection.request("GET", url)
                response = connection.getresponse()
                size = len(response.read())
                status = str(response.status)
            except (OSError, http.client.HTTPException) as exc:
                size, status = 0, type(exc).__name__
            finally:
                connection.close()
            with self.lock:
                self.stats["heavy_requests"] += 1
                self.stats["heavy_statuses"][status] = self.stats["heavy_statuses"].get(status, 0) + 1
                self.stats["heavy_errors"] += status not in ("200", "400")
                self.heavy_bytes.append(size)
                self.heavy_seconds.append(time.perf_counter() - started)
