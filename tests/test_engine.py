import numpy as np
import pytest

from indexer import engine
from indexer.engine import Engine
from indexer.pipeline import index_paths
from indexer.query import parse, plan, whoosh_query
from indexer.snapshot import Snapshots
from indexer.store import IndexStore

QUERIES = [
    "Hàn Quốc",
    "han quoc",
    "thỏa thuận hợp tác",
    '"hợp tác"',
    '"Quốc Hàn"',
    "Hàn Quốc -Samsung",
    "Imsil OR Gyeongsangbuk",
    "title:(Hàn Quốc)",
    "NOT Lào",
    "(Lào OR Nhật Bản) -nông",
    "Lào OR -Hàn",
    "xyzzy",
]


def whoosh_matches(snap, p):
    """What Whoosh's own matchers find for the same plan: the engine must agree."""
    found = np.zeros(snap.size, dtype=bool)
    found[list(snap.searcher.docs_for_query(whoosh_query(p)))] = True
    return found & snap.live


@pytest.mark.parametrize("typed", QUERIES)
def test_the_engine_matches_exactly_what_whoosh_matches(snapshot, typed):
    p = plan(parse(typed), snapshot.searcher.reader())
    matched, scores = snapshot.engine.run(p)
    assert matched.tolist() == whoosh_matches(snapshot, p).tolist()
    assert (scores[matched] > 0).all() or typed.startswith("NOT") or "-Hàn" in typed


def write(folder, name, text):
    body = f"{text} Nội dung thông cáo còn tiếp, đủ dài để được lập chỉ mục như mọi thông cáo khác."
    (folder / f"{name}.txt").write_text(f"Thông cáo {name}\n\n{body}\n", "utf-8")


@pytest.fixture
def two_segments(tmp_path):
    """An index written in two runs, with one document replaced: several segments, a deletion."""
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    write(crawl, "a", "Hàn Quốc và Việt Nam ký thỏa thuận. Hàn Quốc đầu tư.")
    write(crawl, "b", "Quốc gia Hàn, không phải Hàn Quốc liền nhau? Có: Hàn Quốc.")
    store = IndexStore(tmp_path / "index")
    index_paths(store, [crawl])
    write(crawl, "b", "Quốc Hàn đứng ngược.")
    write(crawl, "c", "Đoàn Hàn Quốc thăm Điện Biên. Hàn Quốc, Hàn Quốc!")
    index_paths(store, [crawl])
    return Snapshots(store).current()


def file_name(snap, docnum) -> str:
    return snap.stored(int(docnum))["file"].rsplit("/", 1)[-1]


def test_segments_and_deletions_are_read_like_one_index(two_segments):
    snap = two_segments
    assert len(snap.searcher.reader().leaf_readers()) > 1
    for typed in ("Hàn Quốc", '"Quốc Hàn"', "đứng", "han quoc -dien"):
        p = plan(parse(typed), snap.searcher.reader())
        assert snap.engine.run(p)[0].tolist() == whoosh_matches(snap, p).tolist()


def test_a_phrase_is_counted_each_time_it_stands_together(two_segments):
    snap = two_segments
    docs, counts = snap.engine._occurrences("text", ("hàn", "quốc"), np.flatnonzero(snap.live))
    by_file = {file_name(snap, d): int(c) for d, c in zip(docs, counts, strict=True)}
    assert by_file == {"a.txt": 2, "c.txt": 3}


def test_positions_decode_as_whoosh_decodes_them(snapshot):
    fmt = snapshot.searcher.reader().schema["text"].format
    postings = snapshot.engine._read("text", "hàn")
    expected = [fmt.decode_positions(v) for v in postings.values]
    few = np.array([len(expected) - 1])
    assert len(expected) > 2 * few.size
    for at in (few, np.arange(len(expected)), few):  # a few alone; then all, kept; then from those kept
        counts, positions = postings.positions(at)
        assert counts.tolist() == [len(expected[i]) for i in at]
        assert positions.tolist() == [p for i in at for p in expected[i]]
    assert postings.values is None


def test_more_occurrences_rank_higher(two_segments):
    matched, scores = two_segments.engine.run(plan(parse("Hàn Quốc"), None))
    ranked = sorted(np.flatnonzero(matched), key=lambda d: -scores[d])
    assert [file_name(two_segments, d) for d in ranked] == ["c.txt", "a.txt"]


def test_postings_kept_between_queries_are_bounded(snapshot, monkeypatch):
    monkeypatch.setattr(engine, "CACHED_POSTINGS", 3)
    fresh = Engine(snapshot.searcher.reader(), snapshot.live)
    for term in ("hàn", "quốc", "lào", "hợp", "tác"):
        fresh.postings("text", term)
    assert fresh._cached <= 3 or len(fresh._cache) == 1
    assert ("text", "tác") in fresh._cache and ("text", "hàn") not in fresh._cache


def test_an_index_whose_every_input_was_rejected_answers_every_query(tmp_path):
    from indexer.search import SearchRequest, search

    crawl = tmp_path / "crawl"
    crawl.mkdir()
    (crawl / "empty.txt").write_bytes(b"")
    store = IndexStore(tmp_path / "index")
    assert index_paths(store, [crawl]).documents == 0
    snap = Snapshots(store).current()
    for typed in QUERIES + ["", "ban hang"]:
        assert search(snap, SearchRequest(typed)).total == 0, typed
