"""Helpers for tests that run, watch and `kill -9` real `thongcao index` processes.

A run's phase is read from the files Whoosh leaves in the index folder, so a test can
kill at a named moment ("while adding", "while the commit writes segment files") instead
of at a time that depends on how fast this machine happens to be today.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

THONGCAO = Path(sys.executable).parent / "thongcao"
QUERIES = ("Hàn Quốc", "nông nghiệp công nghệ cao", "da nang", '"du lịch biển" Lào', "")

# Phases in the order a run goes through them, and the file that announces each.
PHASES = ("starting", "adding", "flushing", "assembling", "committed")
_MARKS = (
    ("committed", re.compile(r"_MAIN_[1-9][0-9]*\.toc$")),  # the TOC rename (0 is a new, empty index)
    ("assembling", re.compile(r"MAIN_\w+\.seg$")),  # the compound segment file
    ("flushing", re.compile(r"MAIN_\w+\.\w+\.col$|_MAIN_\d+\.toc\.")),  # columns, then the TOC's temp file
    ("adding", re.compile(r"MAIN_\w+\.(trm|pst)$")),  # a new segment's postings: the writer is open
)


def files(index: Path) -> set[str]:
    """Every file and folder under the index, as relative paths (racing deletions ignored)."""
    found = set()
    for folder, dirnames, filenames in os.walk(index):
        for name in dirnames + filenames:
            found.add(os.path.relpath(os.path.join(folder, name), index))
    return found


def phase(index: Path, before: set[str]) -> str:
    """How far a run has got, from the files it created since `before`."""
    new = files(index) - before
    for name, pattern in _MARKS:
        if any(pattern.search(path) for path in new):
            return name
    return "starting"


def start(index: Path, *args: str, output: int | None = subprocess.PIPE) -> subprocess.Popen:
    """`thongcao index --json ARGS` as a user starts it."""
    command = [str(THONGCAO), "index", "--index", str(index), "--json", *args]
    return subprocess.Popen(command, stdout=output, stderr=output, text=True)


@dataclass
class Kill:
    """How a killed run ended: the phase it had reached, whether the kill landed, when each phase began."""

    reached: str
    killed: bool
    seen: dict[str, float] = field(default_factory=dict)


def kill_at(index: Path, args: tuple[str, ...], target: str, delay: float = 0.0) -> Kill:
    """Start a run and kill -9 it `delay` seconds after it reaches phase `target`.

    `killed` is False when the run had finished by itself before the kill.
    """
    before, started = files(index), time.monotonic()
    # No pipes: waiting for their end would also wait for the run's forked workers, and
    # the point is to look at the index the moment the run itself is dead.
    process = start(index, *args, output=subprocess.DEVNULL)
    seen: dict[str, float] = {}
    try:
        while process.poll() is None:
            now = phase(index, before)
            seen.setdefault(now, time.monotonic() - started)
            if PHASES.index(now) >= PHASES.index(target):
                seen.setdefault(target, time.monotonic() - started)
                if time.monotonic() - started - seen[target] >= delay:
                    os.kill(process.pid, signal.SIGKILL)
                    break
            time.sleep(0.002)
        process.wait(timeout=60)
        return Kill(phase(index, before), process.returncode == -signal.SIGKILL, seen)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def timed_run(index: Path, *args: str) -> dict[str, float]:
    """A complete run, with the time each phase was first seen (seconds from the start)."""
    before, started = files(index), time.monotonic()
    process = start(index, *args)
    seen: dict[str, float] = {}
    while process.poll() is None:
        seen.setdefault(phase(index, before), time.monotonic() - started)
        time.sleep(0.002)
    out, err = process.communicate()
    assert process.returncode == 0, err
    seen["done"] = time.monotonic() - started
    return seen
