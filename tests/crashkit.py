"""Helpers for tests that run, watch and `kill -9` real `thongcao index` processes.

A run's phase is read from the files the engine leaves in the index folder, so a test can
kill at a named moment ("while adding", "while the commit writes segment files") instead
of at a time that depends on how fast this machine happens to be today.  Whoosh's files
and tantivy's have distinct names, so one table reads both.
"""

from __future__ import annotations

import json
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

# Phases in the order a run goes through them, and the file that announces each.  tantivy
# has no compound file ("assembling"): its runs go from flushing to committed.
PHASES = ("starting", "adding", "flushing", "assembling", "committed")
_SEGMENT = r"[0-9a-f]{32}"  # a tantivy segment's files: its id, then what each holds
_MARKS = (
    ("committed", re.compile(r"_MAIN_[1-9][0-9]*\.toc$")),  # the TOC rename (0 is a new, empty index)
    ("committed", re.compile(r"meta\.json@[1-9][0-9]*$")),  # tantivy's meta.json, swapped with a new opstamp
    ("assembling", re.compile(r"MAIN_\w+\.seg$")),  # the compound segment file
    ("flushing", re.compile(r"MAIN_\w+\.\w+\.col$|_MAIN_\d+\.toc\.")),  # columns, then the TOC's temp file
    ("flushing", re.compile(_SEGMENT + r"\.(term|idx|pos|fieldnorm)$")),  # a segment serialised
    ("adding", re.compile(r"MAIN_\w+\.(trm|pst)$")),  # a new segment's postings: the writer is open
    ("adding", re.compile(_SEGMENT + r"\.(store|fast)$")),  # documents streamed to a new segment's store
)


def files(index: Path) -> set[str]:
    """Every file and folder under the index, as relative paths (racing deletions ignored);
    a tantivy meta.json also as "meta.json@OPSTAMP", since a commit rewrites it in place."""
    found = set()
    for folder, dirnames, filenames in os.walk(index):
        for name in dirnames + filenames:
            path = os.path.relpath(os.path.join(folder, name), index)
            found.add(path)
            if name == "meta.json":
                try:
                    stamp = json.loads(Path(folder, name).read_text("utf-8")).get("opstamp")
                except (OSError, ValueError):  # swapped away under us: the next look sees it
                    continue
                found.add(f"{path}@{stamp}")
    return found


def phase(index: Path, before: set[str], pid: int | None = None) -> str:
    """How far a run has got, from the files it created since `before`; and, as tantivy
    writes no file until it flushes, from whether run `pid` holds tantivy's writer lock open."""
    new = files(index) - before
    for name, pattern in _MARKS:
        if any(pattern.search(path) for path in new):
            return name
    return "adding" if pid is not None and _holds_tantivy_writer(pid) else "starting"


def _holds_tantivy_writer(pid: int) -> bool:
    try:
        with os.scandir(f"/proc/{pid}/fd") as fds:
            return any(_target(fd.path).endswith(".tantivy-writer.lock") for fd in fds)
    except OSError:  # the run ended while we looked
        return False


def _target(link: str) -> str:
    try:
        return os.readlink(link)
    except OSError:  # that fd was closed while we looked
        return ""


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
            now = phase(index, before, process.pid)
            seen.setdefault(now, time.monotonic() - started)
            if PHASES.index(now) >= PHASES.index(target):
                seen.setdefault(target, time.monotonic() - started)
                if time.monotonic() - started - seen[target] >= delay:
                    os.kill(process.pid, signal.SIGKILL)
                    break
            time.sleep(0.002)
        process.wait(timeout=60)
        seen.setdefault(phase(index, before), time.monotonic() - started)
        reached = max(seen, key=PHASES.index)  # a dead run holds no lock: the furthest phase seen
        return Kill(reached, process.returncode == -signal.SIGKILL, seen)
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
        seen.setdefault(phase(index, before, process.pid), time.monotonic() - started)
        time.sleep(0.002)
    out, err = process.communicate()
    assert process.returncode == 0, err
    seen["done"] = time.monotonic() - started
    return seen
