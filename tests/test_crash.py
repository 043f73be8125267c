"""`kill -9` real `thongcao index` runs at random points: the last commit always survives.

Each killed run leaves the index exactly as the previous commit left it (or, killed after
Whoosh renamed its new TOC, exactly as the finished run would), with the writer lock free,
and the next run completes.  A killed `--rebuild` leaves `current` on the old generation;
a finished one swaps under a reader that never sees an error.
"""

from __future__ import annotations

import random
import shutil
import threading
import time

import pytest

from indexer.engines.choice import snapshots_for, snapshots_of
from indexer.search.run import SearchRequest, search
from tests.conftest import new_store
from tests.crashkit import QUERIES, kill_at, timed_run
from tests.synthetic import write_crawl

pytestmark = pytest.mark.usefixtures("engine")  # every test here runs on both engines

SEED = 6


def state(index) -> tuple[int, dict[str, tuple[int, list[str]]]]:
    """What a reader sees: the document count and the first hits of a few queries."""
    snap = snapshots_for(index).current()
    try:
        results = {q: search(snap, SearchRequest(q, per_page=20)) for q in QUERIES}
        return int(snap.live.sum()), {q: (r.total, [h.id for h in r.hits]) for q, r in results.items()}
    finally:
        snap.close()


def assert_writable(index) -> None:
    """Both locks are free: ours (writer.lock) and the engine's (Whoosh's MAIN_WRITELOCK,
    tantivy's .tantivy-writer.lock)."""
    store = new_store(index)
    with store.locked():
        store.writer(store.open()).cancel()


@pytest.fixture(scope="module")
def crawl(tmp_path_factory, engine):
    """A small indexed crawl, and one big enough for the worker pool (indexer.index.workers) to start."""
    from indexer.index.pipeline import index_paths

    folder = tmp_path_factory.mktemp("crash")
    base = write_crawl(folder / "base.jsonl", 12, seed=SEED)
    more = write_crawl(folder / "more.jsonl", 100, seed=SEED, start=1000)
    index = folder / "index"
    index_paths(new_store(index, engine), [base])
    return {"index": index, "base": str(base), "more": str(more), "before": state(index)}


@pytest.fixture
def index(crawl, tmp_path):
    """A private copy of the small index, so each test kills runs on its own."""
    copy = tmp_path / "index"
    shutil.copytree(crawl["index"], copy, symlinks=True)
    return copy


def test_runs_killed_while_adding_or_committing_leave_the_last_commit(crawl, index):
    args, before, rng = (crawl["base"], crawl["more"]), crawl["before"], random.Random(SEED)
    # The first kill lands as the commit starts writing columns; its run also tells how
    # long adding takes on this machine, so the next kills can be spread across that window.
    first = kill_at(index, args, "flushing")
    assert (first.reached, first.killed) == ("flushing", True) and state(index) == before
    assert_writable(index)
    window = first.seen["flushing"] - first.seen["adding"]
    points = [("adding", round(rng.uniform(0.02, 0.3) * window, 2)) for _ in range(2)]  # early: loaded
    points += [("assembling", 0.0)]  # the compound segment is written; the TOC rename is next
    outcomes = []
    for target, delay in points:
        kill = kill_at(index, args, target, delay)
        outcomes.append((target, delay, kill, state(index)))
        assert_writable(index)  # at once: not even the run's forked workers hold the locks
        if kill.reached == "committed" or not kill.killed:  # its documents are in: start again
            shutil.rmtree(index)
            shutil.copytree(crawl["index"], index, symlinks=True)
    timed_run(index, *args)
    after = state(index)
    assert after[0] == before[0] + 100
    for target, delay, kill, seen in outcomes:
        # Killed before Whoosh renamed its new TOC: the old commit; after that: the new one, whole.
        expected = before if kill.killed and kill.reached != "committed" else after
        assert seen == expected, (target, delay, kill)
    assert "adding" in {kill.reached for _, _, kill, _ in outcomes}


def test_a_killed_rebuild_changes_nothing_and_a_finished_one_swaps_under_a_reader(crawl, index):
    store, args = new_store(index), ("--rebuild", crawl["base"])
    kill = kill_at(index, (*args, crawl["more"]), "adding", 0.05)  # adding takes well under 0.5 s now
    assert kill.killed and kill.reached in ("adding", "flushing")  # tantivy adds 112 in a blink
    assert store.generation().name == "gen-0001" and state(index) == crawl["before"]
    assert (index / "gen-0002").is_dir()  # half-built
    assert_writable(index)

    seen, errors, stop = set(), [], threading.Event()

    def reader() -> None:
        snapshots = snapshots_of(store)
        while not stop.is_set():
            try:
                snap = snapshots.current()
                result = search(snap, SearchRequest(QUERIES[0], per_page=20))
                seen.add((snap.generation.name, result.total, tuple(h.id for h in result.hits)))
            except Exception as exc:  # noqa: BLE001 - the point is to catch anything at all
                errors.append(repr(exc))
            stop.wait(0.005)  # a busy reader, yet one that leaves the CPU to the rebuild

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        timed_run(index, *args)
        deadline = time.monotonic() + 60
        while not any(name == "gen-0003" for name, *_ in seen) and not errors and time.monotonic() < deadline:
            stop.wait(0.05)
    finally:
        stop.set()
        thread.join()
    assert errors == []
    assert {name for name, *_ in seen} == {"gen-0001", "gen-0003"}
    assert len({(total, ids) for _, total, ids in seen}) == 1  # the same data, before and after
    assert store.generation().name == "gen-0003" and state(index) == crawl["before"]
    # The half-built gen-0002 is gone; gen-0001 stays one more swap for readers still on it.
    assert sorted(p.name for p in index.glob("gen-*")) == ["gen-0001", "gen-0003"]
    assert not (index / "current.new").exists()


def test_leftovers_of_killed_runs_do_not_trip_the_next_runs(crawl, index):
    from indexer.index.pipeline import index_paths

    store = new_store(index)
    (index / "current.new").symlink_to("gen-0099")  # killed between symlink and rename
    (index / "gen-0002").mkdir()  # killed right after mkdir
    (index / "gen-0003").mkdir()
    (index / "gen-0003" / "_MAIN_0.toc").write_bytes(b"half a table of contents")
    (index / "gen-0001" / "MAIN.tmp").mkdir()  # a writer's temp folder
    (index / "gen-0001" / "_MAIN_2.toc.1700000000.5").write_bytes(b"")  # a TOC never renamed
    (index / "gen-0001" / ("0" * 32 + ".store")).write_bytes(b"half a segment")  # tantivy's, killed
    assert index_paths(store, [crawl["base"]]).unchanged == 12 and state(index) == crawl["before"]
    assert sorted(p.name for p in index.glob("gen-*")) == ["gen-0001"]  # the next run, not the next rebuild
    assert index_paths(store, [crawl["base"]], rebuild=True).documents == 12
    assert sorted(p.name for p in index.glob("gen-*")) == ["gen-0001", "gen-0002"]
    assert store.generation().name == "gen-0002" and state(index) == crawl["before"]
    assert not (index / "current.new").is_symlink()
