"""Whoosh readers that several threads can search at once.

A Snapshot's searcher serves every thread of `thongcao serve`.  Whoosh's posting matchers
seek and then read ("go to the block, read its length and header, tell where its data
starts") on one file object per segment file, shared by every matcher of the reader, so
two threads searching interleave their seeks: 6 of 320 searches from 8 threads failed
("Block tag error", unpickling errors) and the server answered 500 under load.

One reader per thread would cure it but multiplies memory: Whoosh's BufferFile copies each
memory-mapped file of a compound segment into a BytesIO, 97 MiB of postings for 8,000
articles, per reader.  Instead those files get one read position per thread.  The bytes
are copied once, as before, and each thread's BytesIO shares them (CPython shares a bytes
object with a BytesIO until it is written to).  Positional reads (`get`) were already safe.

thongcao writes compound segments only (Whoosh's default), so every file a reader keeps
open is one of these.  Written against whoosh-reloaded 2.7.5, the version pinned.
"""

from __future__ import annotations

import threading
from io import BytesIO

from whoosh.filedb import compound, structfile


class ThreadSafeBufferFile(structfile.BufferFile):
    """A BufferFile whose seek/read/tell position belongs to the calling thread."""

    def __init__(self, buf, name=None, onclose=None) -> None:
        self._buf = buf
        self._name = name
        self._bytes = bytes(buf)
        self._local = threading.local()
        self.onclose = onclose
        self.is_real = False
        self.is_closed = False

    @property
    def file(self) -> BytesIO:
        stream = getattr(self._local, "stream", None)
        if stream is None:
            stream = self._local.stream = BytesIO(self._bytes)
        return stream

    def subset(self, position, length, name=None):
        return ThreadSafeBufferFile(self.get(position, length), name=name or self._name)


def install() -> None:
    """Make the segments Whoosh opens from now on safe to search from several threads."""
    compound.BufferFile = ThreadSafeBufferFile
