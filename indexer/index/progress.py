"""A one-line progress display for `thongcao index` on a terminal."""

from __future__ import annotations

import time
from typing import TextIO


class ProgressBar:
    """Counts inputs as they go by; the crawl is streamed, so there is no known total."""

    def __init__(self, stream: TextIO, every: float = 0.2) -> None:
        self.stream = stream
        self.every = every
        self.started = self.shown = time.monotonic()
        self.count = 0

    def __call__(self, count: int, origin: str) -> None:
        self.count = count
        now = time.monotonic()
        if now - self.shown >= self.every:
            self.shown = now
            rate = count / max(now - self.started, 1e-9)
            name = origin if len(origin) <= 50 else "…" + origin[-49:]
            self.stream.write(f"\r\x1b[K[{count:>7} inputs · {rate:6.1f}/s] {name}")
            self.stream.flush()

    def close(self) -> None:
        self.stream.write("\r\x1b[K")
        self.stream.flush()


class ProgressLines:
    """A line every `every` seconds, for a run whose stderr is a log or a pipe (cron, CI):
    a bar's carriage returns would pile up there, and silence for minutes looks like a hang."""

    def __init__(self, stream: TextIO, every: float = 5.0) -> None:
        self.stream = stream
        self.every = every
        self.started = self.shown = time.monotonic()

    def __call__(self, count: int, origin: str) -> None:
        now = time.monotonic()
        if now - self.shown >= self.every:
            self.shown = now
            rate = count / max(now - self.started, 1e-9)
            self.stream.write(f"thongcao: {count} inputs read, {rate:.1f}/s, {now - self.started:.0f} s\n")
            self.stream.flush()

    def close(self) -> None:
        pass
