"""Whoosh readers that several threads can search at once.

A Snapshot's searcher serves every thread of `thongcao serve`.  Whoosh's posting matchers
seek and then read ("go to the block, read its length and header, tell where its data
starts") on one file object per segment file, shared by every matcher of the reader, so
two threads searching interleave their seeks: 6 of 320 searches from 8 threads failed
("Block tag error", unpickling errors) and the server answered 500 under load.

One reader per thread would cure it but multiplies memory.  Instead each thread gets its
own read position in the segment file.  Whoosh's BufferFile also copied every memory-mapped
file of a compound segment into a BytesIO when a reader opened it: 585 MiB of postings and
0.6 s for 40,000 articles, before the first query.  Here a thread's position is a small
cursor over the memory map itself, so nothing is copied and the pages stay the OS's cache,
shared by every process that reads the index.

thongcao writes compound segments only (Whoosh's default), so every file a reader keeps
open is one of these.  Only the readers that need it get it: `SharedStorage` opens a segment
as one of these files and tells Whoosh not to map it itself, so Whoosh's compound storage
cuts each inner file out of it (`subset`); nothing of Whoosh is patched, and other readers
in the process (the benchmark's baseline, a writer) are Whoosh's own.  Written against
whoosh-reloaded 2.7.5, the version pinned.
"""

from __future__ import annotations

import mmap
import threading

from whoosh.codec.base import Segment
from whoosh.filedb import structfile
from whoosh.filedb.filestore import FileStorage


class Cursor:
    """A read position in a shared, read-only buffer: the file API Whoosh's readers use."""

    def __init__(self, view: memoryview) -> None:
        self.view = view
        self.position = 0

    def read(self, size: int = -1) -> bytes:
        end = len(self.view) if size is None or size < 0 else min(len(self.view), self.position + size)
        data = bytes(self.view[self.position : end])
        self.position = max(self.position, end)
        return data

    def readinto(self, target) -> int:
        data = self.read(len(target))
        target[: len(data)] = data
        return len(data)

    def readline(self, size: int = -1) -> bytes:
        limit = len(self.view) if size is None or size < 0 else min(len(self.view), self.position + size)
        start, step = self.position, 256
        while start < limit:
            chunk = bytes(self.view[start : min(limit, start + step)])
            newline = chunk.find(b"\n")
            if newline >= 0:
                return self.read(start + newline + 1 - self.position)
            start, step = start + len(chunk), step * 2
        return self.read(limit - self.position)

    def seek(self, position: int, whence: int = 0) -> int:
        base = (0, self.position, len(self.view))[whence]
        self.position = max(0, base + position)
        return self.position

    def tell(self) -> int:
        return self.position

    def close(self) -> None:
        pass


class ThreadSafeBufferFile(structfile.BufferFile):
    """A BufferFile whose seek/read/tell position belongs to the calling thread."""

    def __init__(self, buf, name=None, onclose=None) -> None:
        self._buf = memoryview(buf).cast("B") if not isinstance(buf, bytes) else buf
        self._name = name
        self._local = threading.local()
        self.onclose = onclose
        self.is_real = False
        self.is_closed = False

    @property
    def file(self) -> Cursor:
        cursor = getattr(self._local, "cursor", None)
        if cursor is None:
            cursor = self._local.cursor = Cursor(memoryview(self._buf))
        return cursor

    def subset(self, position, length, name=None):
        return ThreadSafeBufferFile(self.get(position, length), name=name or self._name)


class SharedStorage(FileStorage):
    """A read-only index folder whose segments several threads can search at once."""

    supports_mmap = False  # Whoosh's CompoundStorage then reads through our file's `subset`

    def __init__(self, path: str) -> None:
        super().__init__(path, readonly=True)

    def open_file(self, name: str, **kwargs):
        if not name.endswith(Segment.COMPOUND_EXT):
            return super().open_file(name, **kwargs)
        with open(self._fpath(name), "rb") as handle:
            mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        return ThreadSafeBufferFile(mapped, name=name)
