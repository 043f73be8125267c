"""The tantivy engine (indexer/engines/tantivy_engine.py) against the Whoosh one.

Both engines index the same crawls through the same pipeline; every search must find the
same documents, count the same facets and draw the same timeline.  Scores differ (tantivy's
BM25 per field, summed, against Whoosh's BM25F), so orders are not compared, only what the
ranking must keep: a title match above a body-only one.
"""

from __future__ import annotations

import errno
import json
import shutil

import numpy as np
import pytest

from indexer.engines import tantivy_engine
from indexer.engines.base import Scope
from indexer.engines.tantivy_engine import (
    TantivySnapshot,
    TantivySnapshots,
    TantivyStore,
    TantivyWriter,
)
from indexer.engines.whoosh_snapshot import Snapshots
from indexer.index.pipeline import index_paths
from indexer.index.store import IndexStore, texts
from indexer.search import timeline
from indexer.search.query import parse, plan
from indexer.search.run import SearchRequest, iter_matches, search
from tests.conftest import CORPUS, release_id
from tests.synthetic import write_crawl

SEED_QUERIES = [
    "Hàn Quốc",
    "han quoc",
    "Hàn Quoc",  # one syllable typed with marks, one bare
    "han Quốc",
    "thỏa thuận hợp tác",
    "thoa thuan hop tac",
    '"hợp tác"',
    '"hop tac giua"',
    '"Quốc Hàn"',
    "Hàn Quốc -Samsung",
    "Hàn Quốc -Imsil",
    "Imsil OR Gyeongsangbuk",
    "Imsil OR Mimasaka OR xyzzy",
    "title:(Hàn Quốc)",
    "title:Imsil",
    "title:hop tac",
    "NOT Lào",
    "-Imsil",
    "(Lào OR Nhật Bản) -nông",
    "Lào OR -Hàn",
    "xyzzy",
    "Hàn_Quốc",  # a pyvi word typed as pyvi writes it
    "hợp_tác",
    "Bí thư Tỉnh ủy",
    "bi thu tinh uy",
    "Tuyên Quang Imsil",
    "ho chi minh Gyeongsangbuk",
    '"Thành phố Hồ Chí Minh"',
    "Nhật Bản AND thỏa thuận",
    "(Hàn Quốc OR Nhật Bản) title:hợp tác",
    "doan cong tac -Imsil",
    "Imsil Mimasaka Gyeongju Jeollanam Samsung",  # "gần đúng": no release holds all
    "Hàn Quốc Tuyên Quang Imsil Samsung",
    "Hàn Quốc hợp tác -(Imsil OR Mimasaka)",
    '"Tuyên Quang Imsil"~10',  # proximity: any order, with or without marks, nested
    '"Imsil Tuyên Quang"~10',
    '"tuyen quang imsil"~4',
    '"Tuyên Quang Imsil"~2',
    '("Tuyên Quang Imsil"~10 OR Mimasaka) -Samsung',
    "Gyeong*",  # prefixes, bare and accented
    "gyeong* hợp tác",
    "Tuyê*",
    "Jeolla* OR Mimas*",
]

SEED_REQUESTS = [
    SearchRequest("hợp tác", filters={"country": ("Hàn Quốc",)}),
    SearchRequest("hợp tác", filters={"year": ("unknown",), "country": ("Hàn Quốc", "Nhật Bản")}),
    SearchRequest("", filters={"province": ("Yên Bái", "Bình Phước")}),
    SearchRequest("han quoc", date_from="2023-01", date_to="2023-06"),
    SearchRequest("", sort="newest"),
    SearchRequest("Hàn Quốc", sort="oldest", per_page=2, page=2),
]


def built(store, crawls, **options):
    report = index_paths(store, crawls, **options)
    assert not report.rejected
    return report


def both(tmp_path, crawls):
    """A Whoosh and a tantivy snapshot of the same crawls."""
    whoosh, tantivy = IndexStore(tmp_path / "whoosh"), TantivyStore(tmp_path / "tantivy")
    built(whoosh, crawls)
    built(tantivy, crawls)
    return Snapshots(whoosh).current(), TantivySnapshots(tantivy).current()


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    return both(tmp_path_factory.mktemp("seed"), [CORPUS])


def ids(snap, numbers) -> set[str]:
    return {snap.stored(int(n))["id"] for n in np.flatnonzero(numbers)}


def every_match(snap, request) -> set[str]:
    return {hit.id for hit in iter_matches(snap, request, copies=True)}


def same_search(whoosh, tantivy, request: SearchRequest) -> None:
    """What a person sees of a search, but the order of equally good hits, is engine-free."""
    a, b = search(whoosh, request), search(tantivy, request)
    assert b.total == a.total, request
    assert every_match(tantivy, request) == every_match(whoosh, request), request
    assert {h.story for h in iter_matches(tantivy, request)} == {
        h.story for h in iter_matches(whoosh, request)
    }
    assert b.facets == a.facets, request
    assert b.timeline == a.timeline, request
    assert (b.suggestion, b.widened) == (a.suggestion, a.widened), request
    assert len(b.hits) == len(a.hits) and len(b.near) == len(a.near), request
    if a.total <= request.per_page and request.page == 1:
        # a story's copy on the page is its best-scored one: the stories agree, the copy may not
        assert {h.story for h in b.hits} == {h.story for h in a.hits}, request


def same_plan_matches(whoosh, tantivy, typed: str) -> None:
    """The evaluators' own answers (not through search): matches and "gần đúng"."""
    node = parse(typed)
    pw, pt = plan(node, whoosh.vocabulary()), plan(node, tantivy.vocabulary())
    assert pt == pw, typed  # the vocabularies plan alike
    (wm, ws), (tm, ts) = whoosh.engine.run(pw), tantivy.engine.run(pt)
    assert ids(tantivy, tm) == ids(whoosh, wm), typed
    assert ids(tantivy, ts > 0) == ids(whoosh, ws > 0), typed  # only exclusions score nothing
    wn, tn = whoosh.engine.near(pw), tantivy.engine.near(pt)
    assert (wn is None) == (tn is None), typed
    if wn is not None:
        assert ids(tantivy, tn[0]) == ids(whoosh, wn[0]), typed


@pytest.mark.parametrize("typed", SEED_QUERIES)
def test_a_query_finds_the_same_releases_with_both_engines(seed, typed):
    whoosh, tantivy = seed
    same_plan_matches(whoosh, tantivy, typed)
    same_search(whoosh, tantivy, SearchRequest(typed, per_page=100))


@pytest.mark.parametrize("request_", SEED_REQUESTS, ids=lambda r: f"{r.q!r}:{dict(r.filters)}")
def test_filters_dates_and_sorts_give_the_same_pages(seed, request_):
    same_search(*seed, request_)


def test_the_snapshots_hold_the_same_documents(seed):
    whoosh, tantivy = seed
    assert tantivy.size == whoosh.size == 5 and tantivy.live.all()
    for n in range(whoosh.size):
        expected = whoosh.stored(n)
        number = tantivy.document_number(expected["id"])
        stored = tantivy.stored(number)
        assert {k: v for k, v in stored.items() if k != "indexed"} == {
            k: v for k, v in expected.items() if k != "indexed"
        }
        assert tantivy.dates[number] == whoosh.dates[n]
        assert tantivy.copies(number) == whoosh.copies(n) == 0
        assert tantivy.story_numbers(expected["story"]) == [number]
    assert tantivy.document_number("no-such-id") is None and tantivy.document_number("") is None
    assert tantivy.grouped is None and whoosh.grouped is None
    for name, facet in whoosh.facets.items():
        mine = tantivy.facets[name]
        assert mine.values == facet.values, name
        pairs = {
            (whoosh.stored(int(d))["id"], facet.values[c])
            for d, c in zip(facet.docs, facet.codes, strict=True)
        }
        assert {
            (tantivy.stored(int(d))["id"], mine.values[c]) for d, c in zip(mine.docs, mine.codes, strict=True)
        } == pairs


def test_every_field_whoosh_keeps_tantivy_keeps_too():
    """A field added to store.schema (as `category` was) is stored by both engines."""
    from indexer.engines.tantivy_engine import FIELD_NAMES
    from indexer.index.store import schema as whoosh_schema

    assert sorted(FIELD_NAMES) == sorted(whoosh_schema().names())


def test_the_vocabularies_answer_alike(seed):
    whoosh, tantivy = seed
    w, t = whoosh.vocabulary(), tantivy.vocabulary()
    for field, term in [("text", "hàn"), ("text", "quốc"), ("text_word", "hàn_quốc"), ("text_fold", "han"),
                        ("title", "imsil"), ("word_fold", "hop_tac"), ("text", "xyzzy")]:  # fmt: skip
        assert t.doc_frequency(field, term) == w.doc_frequency(field, term), (field, term)
        assert ((field, term) in t) == ((field, term) in w)
    for prefix in ("hop_", "han_", "thanh_pho_", "zz"):
        expected = [term.decode() for term in w.expand_prefix("word_fold", prefix)]  # Whoosh's are bytes
        assert list(t.expand_prefix("word_fold", prefix)) == expected
    for pair in [("hàn", "quốc"), ("quốc", "hàn"), ("hợp", "tác"), ("thành", "phố"), ("han", "quoc")]:
        assert tantivy.engine.beside(*pair) == whoosh.engine.beside(*pair), pair


# Edges: sentence breaks, mixed accents, titles, copies of one story

EDGES = {
    "a": ("Hà Nội hợp tác với Đà Nẵng", "Hà Nội và Đà Nẵng ký thỏa thuận hợp tác về du lịch biển đảo."),
    "b": ("Hội thảo về giáo dục", "Hội thảo diễn ra ở Hà. Nội dung bàn về Đà Nẵng và giáo dục nghề nghiệp."),
    "c": ("Làng Hạ ở ngoại thành", "Người dân làng Hạ Nội bàn về nông nghiệp sạch và du lịch sinh thái."),
    "d": ("Imsil ký kết với Tuyên Quang", "Hai bên bàn về lao động thời vụ và trồng chè."),
    "e": ("Lao động thời vụ", "Tuyên Quang đưa lao động sang Imsil. Imsil cảm ơn. Imsil, Imsil."),
    "f": (
        "Hà Nội hợp tác với Đà Nẵng",
        "Hà Nội và Đà Nẵng ký thỏa thuận hợp tác về du lịch biển đảo.",
    ),  # a's copy
}
EDGE_QUERIES = [
    '"Hà Nội"',
    "Hà Nội",
    "ha noi",
    "Ha Nội",  # Hà Nội and Hạ Nội, not "Hà. Nội"
    "Hạ Nội",
    '"Hà Nội dung"',
    "nội dung",
    "Imsil",
    "title:Imsil",
    "Đà Nẵng -giáo",
    "du lịch OR giáo dục",
    "lao động thời vụ Imsil Tuyên Quang",
    '"Hà Nội Đà Nẵng"~2',  # proximity at its edges: three syllables apart, then within three
    '"Hà Nội Đà Nẵng"~3',
    '"Đà Nẵng Hà Nội"~3',
    '"ha noi hop tac"~4',
    '"Hà Nội Nội dung"~3',  # parts sharing a syllable
    '"Imsil Imsil"~1',
    '"thời vụ lao động Imsil"~6',
    '"Imsil cảm ơn Tuyên Quang"~9',  # across a sentence break
    '"Imsil lao"~3',  # two syllables: tantivy's phrase with slop is the whole answer
    '"Imsil lao"~2',
    '"ha da"~3',
]


def write_release(folder, name: str, title: str, body: str) -> None:
    """A release long enough to index, whose text is its own (copies of it are its story)."""
    (folder / f"{name}.txt").write_text(f"{title}\n\n{body}\n\n{body}\n\n{title}: {body}\n", "utf-8")


@pytest.fixture(scope="module")
def edges(tmp_path_factory):
    folder = tmp_path_factory.mktemp("edges")
    crawl = folder / "crawl"
    crawl.mkdir()
    for name, (title, body) in EDGES.items():
        write_release(crawl, name, title, body)
    return both(folder, [crawl])


@pytest.mark.parametrize("typed", EDGE_QUERIES)
def test_edges_match_alike(edges, typed):
    same_plan_matches(*edges, typed)
    same_search(*edges, SearchRequest(typed, per_page=100))


def by_file(snap, numbers) -> set[str]:
    return {snap.stored(int(n))["file"].rsplit("/", 1)[-1][:-4] for n in np.flatnonzero(numbers)}


def test_a_sentence_break_stops_a_phrase_and_mixed_accents_match_as_typed(edges):
    _, tantivy = edges
    run = tantivy.engine.run
    assert by_file(tantivy, run(plan(parse('"Hà Nội"'), tantivy.vocabulary()))[0]) == {"a", "f"}
    assert by_file(tantivy, run(plan(parse("Ha Nội"), tantivy.vocabulary()))[0]) == {"a", "c", "f"}
    assert by_file(tantivy, run(plan(parse("Hà Noi"), tantivy.vocabulary()))[0]) == {"a", "f"}


def test_a_title_match_ranks_above_body_only_ones(edges):
    _, tantivy = edges
    hits = search(tantivy, SearchRequest("Imsil")).hits
    assert [h.title for h in hits][0] == EDGES["d"][0] and len(hits) == 2


def test_a_release_dated_by_its_year_alone_dates_as_yyyy0000(tmp_path):
    """Written straight through each engine's writer: extraction seldom gives a year alone."""
    from datetime import date

    from indexer.documents import Document

    documents = [
        Document("y", "y", "y", "y", "y", "Hai tỉnh kết nghĩa", "Trao đổi đoàn văn hóa.", year=2023),
        Document(
            "d",
            "d",
            "d",
            "d",
            "d",
            "Hai tỉnh ký kết",
            "Trao đổi đoàn thể thao.",
            published=date(2023, 5, 2),
            year=2023,
        ),  # fmt: skip
        Document("u", "u", "u", "u", "u", "Hai tỉnh gặp nhau", "Trao đổi đoàn nghệ thuật."),
    ]
    snaps = []
    for store, snapshots in (
        (IndexStore(tmp_path / "w"), Snapshots),
        (TantivyStore(tmp_path / "t"), TantivySnapshots),
    ):
        ix = store.create_generation()
        writer = store.writer(ix)
        for document in documents:
            writer.put(store.analyse(document))
        writer.commit()
        store.swap(store.folder(ix))
        snaps.append(snapshots(store).current())
    whoosh, tantivy = snaps
    dated = {tantivy.stored(n)["id"]: int(tantivy.dates[n]) for n in range(tantivy.size)}
    assert dated == {whoosh.stored(n)["id"]: int(whoosh.dates[n]) for n in range(whoosh.size)}
    assert dated == {"y": 20230000, "d": 20230502, "u": 0}
    for request in (SearchRequest("", date_from="2023", date_to="2023"), SearchRequest("", sort="oldest")):
        same_search(whoosh, tantivy, request)
    # a query's range goes down into tantivy's query, where "y" has no date: its year lets it through
    in_2023 = SearchRequest("trao đổi đoàn", date_from="2023", date_to="2023")
    assert {h.id for h in search(tantivy, in_2023).hits} == {"y", "d"}
    same_search(whoosh, tantivy, in_2023)
    # "gần đúng" runs within the filters, and the year "unknown" (no term) is not one tantivy can run
    undated = SearchRequest("trao đổi đoàn nghệ thuật xyzzy", filters={"year": ("unknown",)})
    assert [h.id for h in search(tantivy, undated).near] == ["u"]
    same_search(whoosh, tantivy, undated)


def test_copies_of_one_story_group_alike(edges):
    whoosh, tantivy = edges
    assert tantivy.grouped is not None and whoosh.grouped is not None
    copy = {n: tantivy.stored(n)["file"].rsplit("/", 1)[-1] for n in range(tantivy.size)}
    first = next(n for n, name in copy.items() if name == "a.txt")
    story = tantivy.stored(first)["story"]
    numbers = tantivy.story_numbers(story)
    assert sorted(copy[n] for n in numbers) == ["a.txt", "f.txt"]
    assert tantivy.copies(first) == 1
    assert {tantivy.stored(n)["id"] for n in numbers} == {
        whoosh.stored(n)["id"] for n in whoosh.story_numbers(story)
    }
    assert (
        search(tantivy, SearchRequest("Đà Nẵng")).total == search(whoosh, SearchRequest("Đà Nẵng")).total == 2
    )


# A larger generated index

SYNTHETIC_QUERIES = [
    "Quảng Ninh",
    "quang ninh",
    "Hàn Quốc -Nhật",
    "du lịch biển",
    '"năng lượng tái tạo"',
    "title:Đà Nẵng",
    "hop tac Singapore",
    "chuyển đổi số OR logistics",
    "Đoàn công tác Đức",
    "ký biên bản ghi nhớ",
    "Thái Lan -Lào",
    "Nghe An",
    "thuy san Kiên Giang",
    "số 17",
    "nhà đầu tư Hoa Kỳ -(Đà Nẵng OR Cần Thơ)",
    "title:(hội nghị xúc tiến) y tế",
    "Lâm Đồng Úc nông nghiệp công nghệ cao xyzzy",
    "Hai Phong OR -Hải Phòng",
    '"du lịch biển"~6',
    '"Quảng Ninh năng lượng"~20 OR "Đà Nẵng logistics"~15',
    "ngh* OR quan*",
]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synthetic")
    return both(folder, [write_crawl(folder / "crawl.jsonl", 300)])


@pytest.mark.parametrize("typed", SYNTHETIC_QUERIES)
def test_a_generated_index_matches_alike(synthetic, typed):
    whoosh, tantivy = synthetic
    assert tantivy.size == whoosh.size == 300
    same_plan_matches(whoosh, tantivy, typed)
    same_search(whoosh, tantivy, SearchRequest(typed, per_page=20))
    same_search(
        whoosh, tantivy, SearchRequest(typed, filters={"country": ("Hàn Quốc", "Đức")}, date_from="2021")
    )


SCOPES = [  # date range, facet filters, how many of them a document may fail
    ("2021", "2022-06", {}, 0),
    ("2020-03-05", "", {"country": ("Hàn Quốc", "Đức")}, 0),
    ("", "2020", {"province": ("Đà Nẵng",), "year": ("2020",)}, 0),
    ("", "2022", {"province": ("Đà Nẵng", "Cần Thơ"), "country": ("Lào",), "year": ("2020",)}, 1),
    ("", "", {"year": ("2021", "unknown")}, 0),  # "unknown" is no term: tantivy leaves that filter out
    ("", "", {"year": ("unknown",), "country": ("Lào",)}, 1),
]


@pytest.mark.parametrize(("start", "end", "filters", "spare"), SCOPES)
@pytest.mark.parametrize("typed", ["hop tac Singapore", "Đoàn công tác Đức", "Lâm Đồng Úc nông nghiệp xyzzy"])
def test_within_a_scope_an_evaluator_finds_and_scores_what_it_does_without_one(synthetic, typed, start, end,
                                                                                filters, spare):  # fmt: skip
    for snap in synthetic:
        low, high = timeline.bound(start, end=False), timeline.bound(end, end=True)
        mask = timeline.in_range(snap.dates, low, high) if start or end else np.ones(snap.size, dtype=bool)
        held = sum(snap.facets[name].mask(values, snap.size).astype(int) for name, values in filters.items())
        mask &= held >= len(filters) - spare
        scope = Scope(mask, low, high, filters, spare)
        p = plan(parse(typed), snap.vocabulary())
        pairs = [(snap.engine.run(p), snap.engine.run(p, scope))]
        if snap.engine.near(p) is not None:
            pairs.append((snap.engine.near(p), snap.engine.near(p, scope)))
        for (everywhere, scores), (scoped, scoped_scores) in pairs:
            assert (scoped & mask == everywhere & mask).all(), (typed, scope)
            assert np.allclose(scoped_scores[mask & everywhere], scores[mask & everywhere])


def test_a_generated_index_has_the_same_arrays(synthetic):
    whoosh, tantivy = synthetic
    order = [tantivy.document_number(whoosh.stored(n)["id"]) for n in range(whoosh.size)]
    assert order == list(range(tantivy.size))  # both number in indexing order
    assert (tantivy.dates[order] == whoosh.dates).all() and (tantivy.dates > 0).all()
    same_stories = tantivy.stories[order][:, None] == tantivy.stories[order][None, :]
    assert (same_stories == (whoosh.stories[:, None] == whoosh.stories[None, :])).all()


# Writing: updates and deletes across commits, one document an id, cancel, generations


def test_updates_and_deletes_across_two_commits(tmp_path, crawl):
    stores = IndexStore(tmp_path / "whoosh"), TantivyStore(tmp_path / "tantivy")
    for store in stores:
        built(store, [crawl])
    changed = crawl / "001_5afb966c1325a250.txt"
    changed.write_text(changed.read_text("utf-8").replace("hiệu quả", "hiệu quả Zanzibar", 1), "utf-8")
    (crawl / "004_64cdec0dc2746c9a.txt").unlink()
    reports = [built(store, [crawl], prune=True) for store in stores]
    assert [(r.added, r.updated, r.deleted, r.documents) for r in reports] == [(0, 1, 1, 4)] * 2
    whoosh, tantivy = Snapshots(stores[0]).current(), TantivySnapshots(stores[1]).current()
    assert tantivy.size == 4
    gone, updated = release_id(crawl / "004_64cdec0dc2746c9a.txt"), release_id(changed)
    assert tantivy.document_number(gone) is None
    stored = tantivy.stored(tantivy.document_number(updated))
    assert (
        len(stored["versions"]) == 2
        and stored["versions"] == whoosh.stored(whoosh.document_number(updated))["versions"]
    )
    assert [h.id for h in search(tantivy, SearchRequest("Zanzibar")).hits] == [updated]
    for typed in ("Hàn Quốc", "Gyeongsangbuk", "han quoc -zanzibar", "Gyeongju"):
        same_search(whoosh, tantivy, SearchRequest(typed, per_page=100))


def same_arrays(a, b) -> None:
    assert (a.dates == b.dates).all() and (a.stories == b.stories).all()
    for name, facet in a.facets.items():
        other = b.facets[name]
        assert facet.values == other.values and facet.index == other.index, name
        assert (facet.docs == other.docs).all() and (facet.codes == other.codes).all(), name


def test_a_snapshot_loads_the_arrays_its_commit_saved_and_reads_the_index_when_they_do_not_fit(
    tmp_path, crawl, monkeypatch
):
    store = TantivyStore(tmp_path / "tantivy")
    built(store, [crawl])
    (crawl / "004_64cdec0dc2746c9a.txt").unlink()
    built(store, [crawl], prune=True)
    folder = store.current.resolve()
    stamp = store.opstamp(folder)
    assert [p.name for p in folder.glob("arrays-*")] == [f"arrays-{stamp}.npz"]  # the first run's is gone
    read = TantivySnapshot(store.open(), folder, stamp, cached=False)

    def unread(*_):
        raise AssertionError("read from the index")

    with monkeypatch.context() as patched:
        patched.setattr(TantivySnapshot, "_facet", unread)
        same_arrays(TantivySnapshots(store).current(), read)
        loaded = search(TantivySnapshot(store.open(), folder, stamp), SearchRequest("Hàn Quốc"))
        assert loaded == search(read, SearchRequest("Hàn Quốc")) and loaded.total > 1
        patched.setattr(tantivy_engine, "LOOKUPS", 2)  # two found by their seq, then every address read
        snap = TantivySnapshot(store.open(), folder, stamp)
        assert [snap.stored(n)["id"] for n in range(snap.size)] == [read.stored(n)["id"] for n in range(4)]

    saved = folder / f"arrays-{stamp}.npz"
    with monkeypatch.context() as patched:
        patched.setattr(TantivySnapshot, "_facet", unread)
        with pytest.raises(AssertionError, match="read from the index"):
            TantivySnapshot(store.open(), folder, stamp - 1)  # another commit's
    forged = dict(np.load(saved))
    forged["seqs"] = forged["seqs"] + 1
    np.savez(saved, **forged)
    same_arrays(TantivySnapshot(store.open(), folder, stamp), read)  # not this index's documents
    saved.write_bytes(saved.read_bytes()[:100])
    same_arrays(TantivySnapshot(store.open(), folder, stamp), read)  # broken

    saved.unlink()  # as an index written before the arrays were saved: the next run adds them
    writer = store.writer(store.open())
    try:
        raise RuntimeError("a run that fails")
    except RuntimeError:
        writer.cancel()  # only drops the run's changes
    assert not saved.exists()
    assert built(store, [crawl]).unchanged == 4 and saved.exists()
    with monkeypatch.context() as patched:
        patched.setattr(TantivySnapshot, "_facet", unread)
        same_arrays(TantivySnapshot(store.open(), folder, stamp), read)


def test_arrays_the_disk_refuses_fail_no_run_and_the_report_says_so(tmp_path, crawl, monkeypatch):
    def full(*_, **__):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(np, "savez", full)
    store = TantivyStore(tmp_path / "tantivy")
    report = built(store, [crawl])
    assert report.documents == 5 and not list(store.current.resolve().glob("arrays-*"))
    assert any("could not save" in p and "No space left" in p for p in report.problems), report.problems
    assert search(TantivySnapshots(store).current(), SearchRequest("Hàn Quốc")).total > 1


def raw_document(doc_id: str, title: str, body: str) -> dict:
    """A document as store.texts gives its analysed fields, the rest as the pipeline does."""
    from indexer.documents import Document

    document = Document(doc_id, doc_id, doc_id, "x", "x", title, body)
    return {
        **texts(document),
        "id": doc_id,
        "key": doc_id,
        "file": "x",
        "versions": ("1:x",),
        "story": doc_id,
    }


def test_the_writer_keeps_one_document_an_id_and_cancel_writes_nothing(tmp_path):
    store = TantivyStore(tmp_path / "index")
    ix = store.create_generation()
    writer = TantivyWriter(ix)
    writer.put(raw_document("one", "Hà Nội", "Bản đầu tiên."))
    writer.put(raw_document("one", "Hà Nội", "Bản thứ hai."))
    writer.put(raw_document("two", "Đà Nẵng", "Sẽ bị xoá."))
    writer.delete("two")
    writer.commit()
    store.swap(ix.folder)
    snap = TantivySnapshots(store).current()
    assert snap.size == 1 and snap.stored(0)["text"] == "Bản thứ hai."
    writer = TantivyWriter(store.open())
    writer.put(raw_document("three", "Huế", "Không bao giờ thấy."))
    writer.delete("one")
    writer.cancel()
    snap = TantivySnapshots(store).current()
    assert [snap.stored(n)["id"] for n in range(snap.size)] == ["one"]


def test_a_story_keeps_its_number_across_runs_after_its_first_copy_goes(tmp_path):
    """story_seq is the first copy's seq, found again from any live copy; a changed document
    moves last, as in Whoosh, and a new story never takes an old one's number."""
    store = TantivyStore(tmp_path / "index")

    def run(*changes):
        ix = store.open() if store.exists() else store.create_generation()
        writer = TantivyWriter(ix)
        for change in changes:
            writer.delete(change) if isinstance(change, str) else writer.put(change)
        writer.commit()
        if not store.exists():
            store.swap(ix.folder)
        return TantivySnapshots(store).current()

    def copy(doc_id, story):
        return {**raw_document(doc_id, "Hà Nội", f"Bản {doc_id}."), "story": story}

    run(copy("a", "a"), copy("b", "a"), copy("x", "x"))
    run("a", copy("c", "a"), copy("x", "x"))
    snap = run(copy("d", "d"))
    ids = [snap.stored(n)["id"] for n in range(snap.size)]
    assert ids == ["b", "c", "x", "d"]
    number = dict(zip(ids, snap.stories.tolist(), strict=True))
    assert number["b"] == number["c"] and len({number["b"], number["x"], number["d"]}) == 3
    assert snap.copies(ids.index("b")) == 1 and snap.copies(ids.index("d")) == 0
    assert snap.story_numbers("a") == [0, 1]


def test_a_document_from_raw_texts_is_indexed_as_one_from_the_pipeline(tmp_path):
    """store.texts' raw inputs and what the pipeline's workers give (tantivy_fields) index the
    same tokens at the same positions."""
    from indexer.documents import Document
    from indexer.engines.tantivy_engine import tantivy_fields

    document = Document("x", "x", "x", "x", "x", "Hà. Nội dung", "Hợp tác với Hàn Quốc.\nMới")
    ways = {"p": tantivy_fields(document), "t": document}
    a, b = (json.dumps(search_tokens(tmp_path / n, d)) for n, d in ways.items())
    assert a == b


def search_tokens(folder, document) -> dict:
    """Which phrases an index of one document holds, for comparing two ways of writing it."""
    from indexer.documents import Document

    store = TantivyStore(folder)
    ix = store.create_generation()
    writer = TantivyWriter(ix)
    if isinstance(document, Document):
        document = {**texts(document), "id": "x", "story": "x"}
    writer.put(document)
    writer.commit()
    store.swap(ix.folder)
    snap = TantivySnapshots(store).current()
    assert snap.stored(0)["title"] == "Hà. Nội dung"
    asked = [
        '"hà nội"',
        '"nội dung"',
        '"ha noi"',
        "Ha Nội",
        '"hàn quốc"',
        "hợp_tác",
        '"quốc mới"',
        "han quoc moi",
    ]
    return {q: int(search(snap, SearchRequest(q)).total) for q in asked}


def test_a_rebuild_swaps_generations_under_a_reader(tmp_path, crawl):
    store = TantivyStore(tmp_path / "index")
    built(store, [crawl])
    snapshots = TantivySnapshots(store)
    first = snapshots.current()
    assert snapshots.current() is first and first.generation.name == "gen-0001"
    built(store, [crawl], rebuild=True)
    second = snapshots.current()
    assert second is not first and second.generation.name == "gen-0002" and second.size == 5
    assert search(first, SearchRequest("Hàn Quốc")).total == 4  # the old generation still reads
    built(store, [crawl], rebuild=True)
    assert sorted(p.name for p in store.path.glob("gen-*")) == ["gen-0002", "gen-0003"]
    second = snapshots.current()
    assert second.generation.name == "gen-0003" and snapshots.current() is second
    write_release(crawl, "new", "Thông cáo mới về Zanzibar", "Zanzibar hợp tác.")
    built(store, [crawl])  # an increment: the same generation, a new commit
    third = snapshots.current()
    assert third is not second and third.generation.name == "gen-0003"
    assert third.size == 6 and search(third, SearchRequest("Zanzibar")).total == 1


def test_an_empty_index_answers_nothing(tmp_path):
    store = TantivyStore(tmp_path / "index")
    empty = tmp_path / "empty"
    empty.mkdir()
    index_paths(store, [empty])
    snap = TantivySnapshots(store).current()
    assert isinstance(snap, TantivySnapshot) and snap.size == 0
    result = search(snap, SearchRequest("Hàn Quốc"))
    assert result.total == 0 and result.hits == []
    assert search(snap, SearchRequest("")).total == 0


def test_an_index_without_a_field_this_version_writes_is_outdated(tmp_path, crawl):
    store = TantivyStore(tmp_path / "index")
    built(store, [crawl])
    assert not store.outdated()
    meta = store.current / "meta.json"
    data = json.loads(meta.read_text("utf-8"))
    data["schema"] = [f for f in data["schema"] if f["name"] != "province_2025"]
    shutil.copy(meta, tmp_path / "meta.json")
    meta.write_text(json.dumps(data), "utf-8")
    assert store.outdated()


def test_pyvis_word_ranks_above_the_same_syllables_across_words(tmp_path):
    """ "hợp tác" as pyvi's word (hợp_tác) above "phù hợp tác động", though that text is shorter."""
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    write_release(crawl, "across", "Bản tin sáng", "Sự phù hợp tác động lớn.")
    write_release(crawl, "word", "Bản tin chiều", "Hai bên bàn hợp tác về kết quả đạt được năm nay.")
    for snap in both(tmp_path, [crawl]):
        hits = search(snap, SearchRequest("hợp tác")).hits
        expected = [release_id(crawl / "word.txt"), release_id(crawl / "across.txt")]
        assert [h.id for h in hits] == expected, type(snap).__name__


def test_equal_scores_rank_alike_however_the_segments_fell(tmp_path):
    """Ties are broken by document number; tantivy numbers in indexing order (seq), so an index
    written in one commit and one written in three (more segments, in another order) list the
    same pages."""
    crawl = write_crawl(tmp_path / "crawl.jsonl", 60, seed=11)
    lines = crawl.read_text("utf-8").splitlines(keepends=True)
    parts = [tmp_path / f"part{n}.jsonl" for n in range(3)]
    for n, part in enumerate(parts):
        part.write_text("".join(lines[n * 20 : (n + 1) * 20]), "utf-8")
    one, three = TantivyStore(tmp_path / "one"), TantivyStore(tmp_path / "three")
    index_paths(one, [crawl])
    for n in range(3):
        index_paths(three, parts[: n + 1])
    first, second = TantivySnapshots(one).current(), TantivySnapshots(three).current()
    assert len(json.loads((three.current / "meta.json").read_text())["segments"]) > 1
    for typed in ("", "Hàn Quốc", "hop tac", "nông nghiệp"):
        pages = [[h.id for h in search(s, SearchRequest(typed, per_page=50)).hits] for s in (first, second)]
        assert pages[0] == pages[1], typed
