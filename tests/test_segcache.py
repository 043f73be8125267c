"""The segment cache: what it returns, what a second run segments, and how it fails safely."""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing
from dataclasses import replace

import pytest

from indexer.analysis import segcache
from indexer.analysis.analyzers import pieces, segment
from indexer.analysis.segcache import SegmentCache
from indexer.analysis.segmenter import tokenize
from indexer.index.pipeline import index_paths
from tests.conftest import CORPUS, new_store, run_cli
from tests.crashkit import kill_at
from tests.synthetic import write_crawl

pytestmark = pytest.mark.usefixtures("engine")  # every test here runs on both engines

NEW_PARAGRAPH = "Đoàn cũng thăm đồi chè Suối Giàng và làng nghề dệt thổ cẩm."


@pytest.fixture
def segmented(monkeypatch):
    """Every piece the cache had to segment, in order."""
    calls: list[str] = []

    def counting(piece: str) -> str:
        calls.append(piece)
        return tokenize(piece)

    monkeypatch.setattr(segcache, "tokenize", counting)
    return calls


def add_paragraph(seed) -> None:
    """One new paragraph in the middle of the article (one added after the page's footer is
    chrome, and extraction drops it)."""
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace("Phát biểu tại", f"{NEW_PARAGRAPH}\n\nPhát biểu tại", 1), encoding="utf-8")


def rows(path) -> int:
    with closing(sqlite3.connect(path)) as db:
        return db.execute("SELECT count(*) FROM segments").fetchone()[0]


def test_a_hit_returns_exactly_what_segmenting_returns(tmp_path, segmented):
    text = (CORPUS / "003_66be082b74e51ac7.txt").read_text(encoding="utf-8")
    paragraphs = pieces(text)
    cache = SegmentCache.begin(tmp_path / "segments.sqlite")
    first = cache.tokenize(paragraphs)
    segmented.clear()
    again = SegmentCache.begin(tmp_path / "segments.sqlite").tokenize(paragraphs)
    assert again == first == [tokenize(p) for p in paragraphs]
    assert segmented == [p for p in paragraphs if len(p) < segcache.MIN_CHARS]  # only the short ones
    assert segment(text, cache.tokenize) == segment(text)


def test_a_second_run_segments_only_the_new_paragraph(crawl, store, segmented):
    index_paths(store, [crawl])
    assert rows(store.segments) > 50
    add_paragraph(crawl / "003_66be082b74e51ac7.txt")
    segmented.clear()
    report = index_paths(store, [crawl])
    assert (report.updated, report.unchanged) == (1, 4)
    assert [p for p in segmented if len(p) >= segcache.MIN_CHARS] == [NEW_PARAGRAPH]


def test_a_rebuild_reuses_the_cache(crawl, store, segmented):
    index_paths(store, [crawl])
    segmented.clear()
    report = index_paths(store, [crawl], rebuild=True)
    assert report.documents == 5
    assert [p for p in segmented if len(p) >= segcache.MIN_CHARS] == []


def test_the_cli_fills_the_cache_and_a_changed_document_adds_only_its_new_paragraph(crawl, tmp_path):
    index = tmp_path / "index"
    first = run_cli("index", str(crawl), "--index", str(index), "--json")
    assert first.returncode == 0, first.stderr
    filled = rows(index / "segments.sqlite")
    add_paragraph(crawl / "003_66be082b74e51ac7.txt")
    second = run_cli("index", str(crawl), "--index", str(index), "--json")
    assert second.returncode == 0, second.stderr
    assert '"updated": 1' in second.stdout
    assert rows(index / "segments.sqlite") == filled + 1


def test_a_corrupt_cache_file_is_recreated_and_the_run_succeeds(crawl, tmp_path):
    index = tmp_path / "index"
    index.mkdir()
    (index / "segments.sqlite").write_bytes(b"not a database, just bytes " * 100)
    done = run_cli("index", str(crawl), "--index", str(index), "--json")
    assert done.returncode == 0, done.stderr
    assert '"added": 5' in done.stdout
    assert rows(index / "segments.sqlite") > 50


def test_a_file_from_another_segmenter_is_discarded(tmp_path):
    path = tmp_path / "segments.sqlite"
    SegmentCache.begin(path).tokenize(["Hợp tác với Hàn Quốc về nông nghiệp."])
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("UPDATE meta SET value = 'another' WHERE name = 'version'")
    cache = SegmentCache.begin(path)
    assert (cache.run, rows(path)) == (1, 0)


def test_forked_workers_fill_the_cache_together(tmp_path):
    crawl = write_crawl(tmp_path / "crawl.jsonl", 150)  # more than a batch: the pool is used
    store = new_store(tmp_path / "index")
    first = index_paths(store, [crawl], workers=2)
    assert (first.added, first.rejected) == (150, [])
    with closing(sqlite3.connect(store.segments)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        filled = db.execute("SELECT count(*) FROM segments").fetchone()[0]
    assert filled > 150
    segcache.stats.clear()
    again = index_paths(store, [crawl], rebuild=True, workers=1)
    assert (again.documents, segcache.stats["miss"]) == (150, 0)


def test_an_unusable_location_means_no_cache_not_a_failed_run(crawl, store):
    store.segments.mkdir(parents=True)  # a folder where the file should be
    assert SegmentCache.begin(store.segments) is None
    assert index_paths(store, [crawl]).added == 5


def test_a_cache_locked_by_someone_else_falls_back_to_segmenting_quickly(tmp_path):
    path = tmp_path / "segments.sqlite"
    cache = replace(SegmentCache.begin(path), busy_seconds=0.05)
    paragraphs = pieces((CORPUS / "001_5afb966c1325a250.txt").read_text(encoding="utf-8"))
    with closing(sqlite3.connect(path, isolation_level=None)) as other:
        other.execute("BEGIN EXCLUSIVE")
        started = time.monotonic()
        assert cache.tokenize(paragraphs) == [tokenize(p) for p in paragraphs]
        assert time.monotonic() - started < 1.0
        other.execute("ROLLBACK")


def test_the_least_recently_used_rows_go_when_the_cache_outgrows_its_bound(tmp_path):
    path = tmp_path / "segments.sqlite"
    old = [f"Đoạn văn cũ số {n} về hợp tác nông nghiệp." for n in range(30)]
    recent = [f"Đoạn văn mới số {n} về du lịch biển đảo." for n in range(30)]
    SegmentCache.begin(path, max_rows=40).tokenize(old + recent)  # run 1 uses both
    second = SegmentCache.begin(path, max_rows=40)
    second.tokenize(recent)  # run 2 uses only the recent ones
    second.finish()
    with closing(sqlite3.connect(path)) as db:
        kept = {words for (words,) in db.execute("SELECT words FROM segments")}
    assert len(kept) == 30  # three quarters of the bound
    assert {tokenize(p) for p in recent} <= kept


def test_a_run_killed_while_workers_write_leaves_a_usable_cache_and_the_last_commit(tmp_path):
    base = write_crawl(tmp_path / "base.jsonl", 12)
    more = write_crawl(tmp_path / "more.jsonl", 100, start=1000)
    store = new_store(tmp_path / "index")
    index_paths(store, [base])
    killed = kill_at(store.path, (str(more),), "adding", delay=0.1)  # tantivy adds 100 in ~0.3 s
    assert killed.killed
    assert store.doc_count() == 12
    with closing(sqlite3.connect(store.segments)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert index_paths(store, [more]).documents == 112


def test_a_cache_deleted_between_runs_of_one_process_starts_empty(tmp_path):
    path = tmp_path / "segments.sqlite"
    SegmentCache.begin(path).tokenize(["Hợp tác với Hàn Quốc về nông nghiệp."])
    for suffix in ("", "-wal", "-shm"):
        (tmp_path / f"segments.sqlite{suffix}").unlink(missing_ok=True)
    segcache.stats.clear()
    SegmentCache.begin(path).tokenize(["Hợp tác với Hàn Quốc về nông nghiệp."])
    assert (segcache.stats["miss"], rows(path)) == (1, 1)
