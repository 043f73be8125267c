import math
import random

import numpy as np
import pytest
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.scoring import BM25F
from whoosh.searching import Searcher

from indexer.engines import whoosh_engine
from indexer.engines.whoosh_engine import Engine
from indexer.engines.whoosh_snapshot import Snapshots
from indexer.index.pipeline import index_paths
from indexer.index.store import IndexStore
from indexer.search.query import parse, plan, whoosh_query

# Whoosh's own engine, read below the seam: these tests are about Whoosh alone.
pytestmark = [pytest.mark.usefixtures("engine"), pytest.mark.parametrize("engine", ["whoosh"], indirect=True)]

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


def test_postings_kept_between_queries_are_bounded_in_bytes(snapshot, monkeypatch):
    """The bound counts what a list holds, its positions decoded or not, not how many lists."""
    fresh = Engine(snapshot.searcher.reader(), snapshot.live)
    sizes = {term: fresh._read("text", term).nbytes() for term in ("hàn", "quốc", "tỉnh", "hợp", "tác")}
    monkeypatch.setattr(whoosh_engine, "CACHED_BYTES", sizes["hợp"] + sizes["tác"])
    for term in sizes:
        fresh.postings("text", term)
    assert list(fresh._cache) == [("text", "hợp"), ("text", "tác")]
    assert fresh._cached == sum(p.nbytes() for p in fresh._cache.values()) <= whoosh_engine.CACHED_BYTES


def test_a_list_is_weighed_again_once_its_positions_are_decoded(snapshot):
    fresh = Engine(snapshot.searcher.reader(), snapshot.live)
    postings = fresh.postings("text", "hợp")
    raw = fresh._cached
    postings.positions(np.arange(postings.docs.size))  # all of it: decoded and kept, raw values dropped
    fresh.postings("text", "hợp")
    assert postings.values is None and fresh._cached == postings.nbytes() != raw


def test_an_index_whose_every_input_was_rejected_answers_every_query(tmp_path):
    from indexer.search.run import SearchRequest, search

    crawl = tmp_path / "crawl"
    crawl.mkdir()
    (crawl / "empty.txt").write_bytes(b"")
    store = IndexStore(tmp_path / "index")
    assert index_paths(store, [crawl]).documents == 0
    snap = Snapshots(store).current()
    for typed in QUERIES + ["", "ban hang"]:
        assert search(snap, SearchRequest(typed)).total == 0, typed


# --- Long posting lists: several of Whoosh's 128-posting blocks, two segments, deletions --------

COUNTRIES = ("Hàn Quốc", "Lào", "Nhật Bản", "Hoa Kỳ")
NAMES = (
    "an bình cao đức giang hà khánh lâm minh nam phúc quang sơn thanh uyên vân xuân yên bắc trung "
    "đông tây hải long tân phú thịnh hưng lợi thuận hòa mỹ lộc điền gia kim ngọc"
).split()
RELEASES = 400  # a word in each release spans four blocks of one segment
BLOCK = 128  # postings in a block of Whoosh's W3 codec


def release(crawl, n: int, rng: random.Random, extra: str = "") -> None:
    """Release n: shared words (hợp tác more or less often), a country, and a dozen names
    drawn at random, so that no two releases are taken for copies of one story."""
    country = COUNTRIES[n % len(COUNTRIES)]
    people = ", ".join(f"{rng.choice(NAMES).capitalize()} {rng.choice(NAMES)}" for _ in range(12))
    text = f"Tỉnh ký thỏa thuận hợp tác với {country}. {'Hai bên hợp tác. ' * (n % 3)}Đại biểu: {people}."
    title = f"Thông cáo số {n} về hợp tác với {country}"
    (crawl / f"r{n:03d}.txt").write_text(f"{title}\n\n{text}{extra}\n", "utf-8")


@pytest.fixture(scope="module")
def many_blocks(tmp_path_factory):
    """400 releases indexed; then every tenth file removed and every seventh rewritten, and the
    crawl indexed again with prune: a first segment whose long lists hold deleted documents."""
    crawl = tmp_path_factory.mktemp("blocks") / "crawl"
    crawl.mkdir()
    rng = random.Random(7)
    for n in range(RELEASES):
        release(crawl, n, rng)
    store = IndexStore(crawl.parent / "index")
    index_paths(store, [crawl])
    for n in range(RELEASES):
        if n % 10 == 0:
            (crawl / f"r{n:03d}.txt").unlink()
        elif n % 7 == 3:
            release(crawl, n, rng, " Hàn Quốc và Lào cùng hợp tác.")
    report = index_paths(store, [crawl], prune=True)
    assert (report.deleted, report.updated) == (40, 51)
    return Snapshots(store).current()


def whoosh_postings(reader, field: str, term: str) -> list[tuple[int, float, list[int]]]:
    """(document, weight, positions) of each live posting, walked by Whoosh's own matcher."""
    matcher, fmt = reader.postings(field, term), reader.schema[field].format
    found = []
    while matcher.is_active():
        found.append((matcher.id(), matcher.weight(), fmt.decode_positions(matcher.value())))
        matcher.next()
    return found


LONG_LISTS = [
    ("text", "hợp"),
    ("text_fold", "hop"),
    ("title", "cáo"),
    ("title_fold", "hop"),
    ("text_word", "hợp_tác"),
]


@pytest.mark.parametrize("field, term", LONG_LISTS)
def test_long_posting_lists_are_read_block_by_block_as_whoosh_reads_them(many_blocks, field, term):
    """The engine decodes Whoosh's blocks itself: across blocks and segments its documents,
    weights and positions must be Whoosh's own, and deleted documents only left to `live`."""
    reader = many_blocks.searcher.reader()
    (first, _), (second, offset) = reader.leaf_readers()
    assert first.has_deletions() and offset == first.doc_count_all()
    postings = many_blocks.engine._read(field, term)
    live = np.flatnonzero(many_blocks.live[postings.docs])
    assert first.doc_frequency(field, term) > 2 * BLOCK and second.doc_frequency(field, term) > 0
    assert 0 < live.size < postings.docs.size  # deleted documents read too
    expected = whoosh_postings(reader, field, term)
    assert postings.docs[live].tolist() == [doc for doc, _, _ in expected]
    assert postings.weights[live].tolist() == [weight for _, weight, _ in expected]
    counts, positions = postings.positions(live)
    assert counts.tolist() == [len(at) for _, _, at in expected]
    assert positions.tolist() == [p for _, _, at in expected for p in at]


@pytest.mark.parametrize(
    "typed",
    [
        "hợp tác",
        "hop tac",
        '"hợp tác"',
        "Hàn Quốc",
        "han quoc",
        "lao",
        "thỏa thuận -Lào",
        "Nhật Bản OR Hoa Kỳ",
        "title:(hợp tác) -han",
        "Minh Thanh",
        "Minh -thanh",
    ],
)
def test_long_lists_match_exactly_what_whoosh_matches(many_blocks, typed):
    p = plan(parse(typed), many_blocks.searcher.reader())
    matched, _ = many_blocks.engine.run(p)
    assert matched.any()
    assert matched.tolist() == whoosh_matches(many_blocks, p).tolist()


def whoosh_bm25(snap) -> Searcher:
    """A searcher over the snapshot's reader scoring with Whoosh's BM25F at its defaults."""
    return Searcher(snap.searcher.reader(), weighting=BM25F(B=0.75, K1=1.2), closereader=False)


@pytest.mark.parametrize("typed", ["lao", "hop", "minh", "ky"])
def test_a_bare_syllable_scores_what_whoosh_bm25f_scores(many_blocks, typed):
    """A bare syllable is, in title and text, its folded term or else its commonest reading: the
    engine's score is the sum of Whoosh's BM25F scores of those four terms (the title's boost in)."""
    p = plan(parse(typed), many_blocks.searcher.reader())
    assert p.exact and len(p.folded) == 1
    matched, scores = many_blocks.engine.run(p)
    with whoosh_bm25(many_blocks) as searcher:
        expected = {hit.docnum: hit.score for hit in searcher.search(whoosh_query(p), limit=None)}
    docs = np.flatnonzero(matched).tolist()
    assert docs == sorted(expected)
    assert scores[docs].tolist() == pytest.approx([expected[d] for d in docs], rel=1e-4)


def runs(reader, field: str, parts: tuple[str, ...]) -> dict[int, int]:
    """{document: how often `parts` stand side by side in `field`}, from Whoosh's own positions."""
    if any((field, part) not in reader for part in parts):
        return {}
    at = [{doc: set(p) for doc, _, p in whoosh_postings(reader, field, part)} for part in parts]
    found = {}
    for doc, starts in at[0].items():
        count = sum(all(s + k in at[k].get(doc, ()) for k in range(len(parts))) for s in starts)
        if count:
            found[doc] = count
    return found


def bm25(searcher, field: str, df: int, tf: float, doc: int) -> float:
    b, k1 = 0.75, 1.2
    idf = math.log(searcher.doc_count_all() / (df + 1)) + 1
    ratio = searcher.doc_field_length(doc, field) / searcher.avg_field_length(field)
    return idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * ratio))


def hand_scores(searcher, p) -> dict[int, float]:
    """A sequence typed with its diacritics, scored by hand from the index's statistics.

    In each field f (title, text) where the syllables stand together, tf = how often × f's boost:
        score += bm25(f_fold, tf, df of its rarest folded syllable)
               + weight × bm25(f, tf, df of its rarest syllable as typed)
               + weight × bm25(f_word, pyvi's joined word's weight, its df)   (two syllables or more)
    bm25(field, tf, df) = (ln(N / (df + 1)) + 1) × tf (k1 + 1) / (tf + k1 (1 - b + b dl / avgdl)),
    b = 0.75, k1 = 1.2, N every document (deleted ones too, as Whoosh counts it), dl the document's
    length in that field as Whoosh stores it (one byte), avgdl the field's total length / N.
    """
    reader, scores = searcher.reader(), {}
    word = "_".join(p.exact)
    for f in p.fields:
        boost = searcher.schema[f].format.field_boost
        fold_df = min(searcher.doc_frequency(f + "_fold", s) for s in p.folded)
        exact_df = min(searcher.doc_frequency(f, s) for s in p.exact)
        word_df = searcher.doc_frequency(f + "_word", word)
        words = {d: w for d, w, _ in whoosh_postings(reader, f + "_word", word)} if word_df else {}
        for d, n in runs(reader, f, p.exact).items():
            tf = n * boost
            score = bm25(searcher, f + "_fold", fold_df, tf, d) + p.weight * bm25(
                searcher, f, exact_df, tf, d
            )
            if len(p.exact) > 1 and d in words:
                score += p.weight * bm25(searcher, f + "_word", word_df, words[d], d)
            scores[d] = scores.get(d, 0.0) + score
    return scores


@pytest.mark.parametrize("typed", ['"hợp tác"', "Lào", '"Hàn Quốc"', '"hợp tác với Lào"'])
def test_a_typed_sequence_scores_its_bm25_by_hand(many_blocks, typed):
    """The engine departs from Whoosh's own scoring here (folded, exact and joined-word fields summed,
    a phrase counted as a unit), so each part is computed by hand: see `hand_scores`."""
    p = plan(parse(typed), many_blocks.searcher.reader())
    assert p.exact == p.required
    matched, scores = many_blocks.engine.run(p)
    with whoosh_bm25(many_blocks) as searcher:
        expected = hand_scores(searcher, p)
    docs = np.flatnonzero(matched).tolist()
    assert docs == sorted(expected)
    assert scores[docs].tolist() == pytest.approx([expected[d] for d in docs], rel=1e-4)


def test_every_posting_list_the_pipeline_writes_is_read_in_blocks(many_blocks, snapshot):
    """The engine reads only W3 posting blocks (whoosh_engine._blocks): the pipeline writes with Whoosh's
    default W3 codec, which inlines no list in the term index (inlinelimit=1; above, Whoosh fails)."""
    for snap in (many_blocks, snapshot):
        for leaf, _ in snap.searcher.reader().leaf_readers():
            for field, text in leaf.all_terms():
                matcher = leaf._terms.matcher(field, text, leaf.schema[field].format)
                assert isinstance(matcher, W3LeafMatcher), (field, text)
