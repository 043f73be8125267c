"""The index folder: generations, the atomic swap, the writer lock, fresh snapshots."""

import pytest

from indexer.errors import IndexLocked, IndexMissing
from indexer.pipeline import index_paths
from indexer.search import SearchRequest, search
from indexer.snapshot import Snapshots
from indexer.store import IndexStore
from tests.conftest import CORPUS, DATA


def test_a_missing_index_says_how_to_make_one(tmp_path):
    with pytest.raises(IndexMissing, match="run `thongcao index` first"):
        IndexStore(tmp_path / "none").open()


def test_current_is_a_symlink_to_a_generation(tmp_path):
    store = IndexStore(tmp_path / "index")
    index_paths(store, [CORPUS])
    assert store.current.is_symlink() and store.generation().name == "gen-0001"


def test_a_swap_keeps_the_previous_generation_for_readers_and_drops_older_ones(tmp_path):
    store = IndexStore(tmp_path / "index")
    for _ in range(3):
        index_paths(store, [CORPUS], rebuild=True)
    assert sorted(p.name for p in store.path.glob("gen-*")) == ["gen-0002", "gen-0003"]
    assert store.generation().name == "gen-0003"


def test_the_lock_is_exclusive_and_released_after_use(tmp_path):
    store = IndexStore(tmp_path / "index")
    with store.locked():
        with pytest.raises(IndexLocked), store.locked():
            pass
    with store.locked():
        pass


def test_snapshots_see_new_documents_after_a_commit_and_after_a_rebuild(tmp_path):
    store = IndexStore(tmp_path / "index")
    index_paths(store, [CORPUS])
    snapshots = Snapshots(store)
    before = snapshots.current()
    assert snapshots.current() is before
    index_paths(store, [DATA / "crawl" / "legacy_cp1258.txt"])
    after = snapshots.current()
    assert after is not before and search(after, SearchRequest("Quảng Ninh")).total == 1
    index_paths(store, [CORPUS], rebuild=True)
    assert search(snapshots.current(), SearchRequest("Quảng Ninh")).total == 0
