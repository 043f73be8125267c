"""One Snapshot's searcher, many threads: each reads Whoosh's files at its own position."""

from __future__ import annotations

import sys
import threading

import pytest

from indexer.engines.whoosh_snapshot import Snapshots
from indexer.engines.whoosh_threads import ThreadSafeBufferFile
from indexer.index.store import IndexStore
from indexer.search.run import SearchRequest, search

# Whoosh's own engine, read below the seam: these tests are about Whoosh alone.
pytestmark = [pytest.mark.usefixtures("engine"), pytest.mark.parametrize("engine", ["whoosh"], indirect=True)]


def in_threads(count: int, work) -> list[str]:
    """Run work(number) in `count` threads at once, switching between them as often as the
    interpreter can (as a busy server does); the exceptions they met, as text."""
    errors: list[str] = []
    start = threading.Barrier(count)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)

    def run(number: int) -> None:
        start.wait()
        try:
            work(number)
        except Exception as exc:  # noqa: BLE001 - any failure at all is the finding
            errors.append(repr(exc))

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    return errors


def test_each_thread_has_its_own_position_in_one_file():
    shared = ThreadSafeBufferFile(memoryview(bytes(range(100))))
    seen = {}

    def work(number: int) -> None:
        shared.seek(10 * number)
        for _ in range(1000):
            position = shared.tell()
            assert shared.read(1)[0] == position
            shared.seek(position)
        seen[number] = shared.read(1)[0]

    assert in_threads(8, work) == []
    assert seen == {n: 10 * n for n in range(8)}
    assert shared.get(42, 2) == bytes([42, 43])


def test_a_snapshot_reads_its_segments_through_thread_safe_files(seed_index):
    snap = Snapshots(IndexStore(seed_index)).current()
    (segment, _), *_ = snap.searcher.reader().leaf_readers()
    assert isinstance(segment._terms._postfile, ThreadSafeBufferFile)


def test_threads_sharing_a_snapshot_all_get_the_answers_one_thread_gets(seed_index):
    queries = ["hợp tác", "Hàn Quốc", "han quoc", '"Nhật Bản"', "Lào -Điện", "title:Imsil", ""]
    alone = Snapshots(IndexStore(seed_index)).current()  # the answers, from a snapshot of its own
    expected = {q: [h.id for h in search(alone, SearchRequest(q, per_page=3)).hits] for q in queries}
    snap = Snapshots(IndexStore(seed_index)).current()
    assert not snap.engine._cache  # cold: the threads read the posting lists from the files, at once

    def work(number: int) -> None:
        for i in range(40):
            q = queries[(number + i) % len(queries)]
            assert [h.id for h in search(snap, SearchRequest(q, per_page=3)).hits] == expected[q]
            assert snap.stored(0)["id"]

    assert in_threads(8, work) == []


def test_a_cursor_reads_a_shared_buffer_as_a_file_would():
    import io
    import pickle

    from indexer.engines.whoosh_threads import Cursor

    data = b"first line\nsecond\n" + pickle.dumps({"a": (1, 2.5, "x")}, 2) + pickle.dumps([1, 2], 5)
    cursor, plain = Cursor(memoryview(data)), io.BytesIO(data)
    for method, *args in [("readline",), ("read", 3), ("readline",), ("tell",)]:
        assert getattr(cursor, method)(*args) == getattr(plain, method)(*args)
    assert pickle.load(cursor) == pickle.load(plain) and pickle.load(cursor) == [1, 2]
    assert cursor.read() == b"" and cursor.tell() == len(data)
    cursor.seek(-4, 2)
    plain.seek(-4, 2)
    assert cursor.read(10) == plain.read(10)


def test_only_snapshots_read_through_them_whoosh_itself_is_untouched(seed_index):
    """Importing the snapshot patches nothing: a plain Whoosh reader in the same process (the
    benchmark's baseline) reads Whoosh's own files."""
    from whoosh import index as whoosh_index
    from whoosh.filedb import compound, structfile

    Snapshots(IndexStore(seed_index)).current()
    assert compound.BufferFile is structfile.BufferFile
    plain = whoosh_index.open_dir(str(IndexStore(seed_index).current.resolve())).reader()
    (segment, _), *_ = plain.leaf_readers()
    assert not isinstance(segment._terms._postfile, ThreadSafeBufferFile)
