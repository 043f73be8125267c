"""One Whoosh searcher per thread, all reading the same segments (one commit of the index).

Whoosh's posting readers seek and then read a file object shared by every matcher of a
reader, so two threads searching through one searcher read each other's blocks: with
8 threads on one searcher, 6 of 320 searches failed ("Block tag error", unpickling
errors) and `thongcao serve` answered 500 under load.  A Snapshot shares its numpy rows
between threads but gives each thread its own reader of the snapshot's segments, opened
on first use (a few milliseconds: the files are memory-mapped, not read).
"""

from __future__ import annotations

import threading

from whoosh.index import FileIndex
from whoosh.searching import Searcher


class PerThreadSearchers:
    """Searchers of one commit, one per thread; the first is the one given."""

    def __init__(self, searcher: Searcher) -> None:
        reader = searcher.reader()
        self._index = searcher._ix  # the FileIndex it came from: storage and latest generation
        self._schema = reader.schema
        self._segments = [r.segment() for r, _ in reader.leaf_readers() if r.segment() is not None]
        self._generation = reader.generation()
        self._local = threading.local()
        self._local.searcher = searcher

    def get(self) -> Searcher:
        """This thread's searcher; OSError when a later commit has merged the segments away."""
        searcher = getattr(self._local, "searcher", None)
        if searcher is None:
            storage, segments = self._index.storage, list(self._segments)
            reader = FileIndex._reader(storage, self._schema, segments, self._generation)
            searcher = self._local.searcher = Searcher(reader, fromindex=self._index)
        return searcher

    def up_to_date(self) -> bool:
        """False once the index has a newer commit (including when this one's files are gone)."""
        try:
            return self.get().up_to_date()
        except OSError:
            return False
