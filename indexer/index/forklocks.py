"""Writer locks that forked workers must not keep, so a killed run frees its index at once.

flock() locks belong to an open file, and a fork shares its parent's open files.  The
process pool of `indexer.index.workers` is forked while the run holds `writer.lock` and Whoosh's
`MAIN_WRITELOCK`, so after a `kill -9` of the run its workers kept both until each had
finished its batch (measured: up to 1.1 s; a long document holds them longer), and the
next `thongcao index` was told the index was locked.  Right after a fork, the child now
points those descriptors at /dev/null: the parent's locks are untouched and die with it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_LOCK_NAMES = ("writer.lock", "_WRITELOCK")
_held: set[str] = set()  # index folders whose writer lock this process holds


def _drop_in_child() -> None:
    if not _held:
        return
    try:
        descriptors = os.listdir("/proc/self/fd")
    except OSError:  # no /proc: nothing to do but wait for the workers, as before
        return
    devnull = os.open(os.devnull, os.O_RDWR)
    try:
        for fd in descriptors:
            try:
                target = os.readlink(f"/proc/self/fd/{fd}")
            except OSError:
                continue
            if target.endswith(_LOCK_NAMES) and any(target.startswith(f + os.sep) for f in _held):
                os.dup2(devnull, int(fd))  # not close(): the number stays valid for its owner
    finally:
        os.close(devnull)


os.register_at_fork(after_in_child=_drop_in_child)


@contextmanager
def not_inherited(folder: Path) -> Iterator[None]:
    """While inside, processes forked from this one do not hold `folder`'s writer locks."""
    key = str(Path(folder).resolve())
    _held.add(key)
    try:
        yield
    finally:
        _held.discard(key)
