"""Reading crawl files safely: regular files only, opened so that nothing can block or
flood the run, and the limits and fingerprint every reader (sources, warc) shares."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

# One press release is tens of kilobytes; pyvi segments ~100-150 KB of text a second, so a
# bigger single document (a .txt or .html file, a JSONL record, a WARC response) is a dump,
# not an article, and would hold a run for minutes: it is rejected as "too large".
MAX_DOCUMENT_BYTES = 4 * 1024 * 1024


def digest(data: bytes) -> str:
    """A content fingerprint: equal bytes mean the document needs no re-indexing."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def not_regular(mode: int) -> str:
    """Why a path of this mode is not read, for its rejection."""
    kinds = {stat.S_ISFIFO: "a FIFO", stat.S_ISCHR: "a device", stat.S_ISBLK: "a device"}
    kinds[stat.S_ISSOCK] = "a socket"
    kind = next((name for test, name in kinds.items() if test(mode)), "not a file")
    return f"not a regular file ({kind})"


@contextmanager
def opened(file: Path) -> Iterator[BinaryIO]:
    """A file opened for reading only if it is a regular file when opened (a FIFO named in
    its place does not block: O_NONBLOCK), so a swap after the walk cannot hang the run."""
    fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegular(not_regular(mode))
        os.set_blocking(fd, True)
        handle = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with handle:
        yield handle


class NotRegular(OSError):
    """A path that is not a regular file where one was expected: a FIFO, a device, a socket."""
