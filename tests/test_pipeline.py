import pytest

from indexer.engines.choice import snapshots_of
from indexer.errors import IndexLocked, PruneRefused
from indexer.index.pipeline import index_paths
from indexer.search.run import SearchRequest, search
from tests.conftest import DATA

pytestmark = pytest.mark.usefixtures("engine")  # every test here runs on both engines


def test_first_run_adds_every_seed_and_a_second_leaves_them_alone(crawl, store):
    first = index_paths(store, [crawl])
    assert (first.added, first.updated, first.unchanged, first.documents) == (5, 0, 0, 5)
    second = index_paths(store, [crawl])
    assert (second.added, second.updated, second.unchanged, second.deleted, second.documents) == (
        0,
        0,
        5,
        0,
        5,
    )


def test_an_edited_file_is_updated_in_place_not_duplicated(crawl, store):
    index_paths(store, [crawl])
    seed = crawl / "003_66be082b74e51ac7.txt"
    seed.write_text(
        seed.read_text(encoding="utf-8") + "\nĐoàn cũng thăm đồi chè Suối Giàng.\n", encoding="utf-8"
    )
    report = index_paths(store, [crawl])
    assert (report.added, report.updated, report.unchanged, report.documents) == (0, 1, 4, 5)


def test_prune_removes_documents_whose_file_vanished(crawl, store):
    index_paths(store, [crawl])
    (crawl / "004_64cdec0dc2746c9a.txt").unlink()
    kept = index_paths(store, [crawl])
    assert (kept.deleted, kept.documents) == (0, 5)
    pruned = index_paths(store, [crawl], prune=True)
    assert (pruned.deleted, pruned.documents) == (1, 4)


def test_prune_keeps_the_documents_of_a_file_that_is_broken_this_time(crawl, store):
    index_paths(store, [crawl])
    (crawl / "004_64cdec0dc2746c9a.txt").write_bytes(b"")
    report = index_paths(store, [crawl], prune=True)
    assert (report.deleted, report.documents) == (0, 5)
    assert [r.reason for r in report.rejected] == ["empty file"]


def test_a_dirty_crawl_completes_and_lists_what_it_rejected(store):
    report = index_paths(store, [DATA / "crawl", DATA / "warc" / "truncated.warc.gz", DATA / "nowhere"])
    reasons = {r.path.rsplit("/", 1)[-1]: r.reason for r in report.rejected}
    assert set(reasons) == {
        "empty.txt",
        "binary.txt",
        "records.jsonl:2",
        "records.jsonl:3",
        "nowhere",
        "truncated.warc.gz",
    }
    assert report.added == report.documents == 6


def test_a_jsonl_record_is_repaired_when_extracted_and_unchanged_ones_never_are(store, tmp_path, monkeypatch):
    import json
    import re

    from indexer.crawl import legacy

    good = "Tỉnh Quảng Trị và tỉnh Savannakhet của Lào ký kết biên bản hợp tác về giáo dục và y tế."
    mangled = good.encode("utf-8").decode("cp1252", "replace")  # UTF-8 read as Windows-1252
    lost = re.sub("(á[º»]).", r"\1", mangled)  # a byte lost after each lead: no repair reads it
    lines = [{"id": n, "title": "Hợp tác", "text": text} for n, text in enumerate((good, mangled, lost))]
    crawl = tmp_path / "crawl.jsonl"
    crawl.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", "utf-8")
    first = index_paths(store, [crawl])
    assert (first.added, first.documents) == (2, 2)
    assert [(r.path.rsplit("/", 1)[-1], r.reason.split(":")[:2]) for r in first.rejected] == [
        ("crawl.jsonl:3", ["line 3", " mojibake"])
    ]
    hits = search(snapshots_of(store).current(), SearchRequest("Savannakhet")).hits
    assert len(hits) == 1 and hits[0].copies == 1  # the repaired copy reads as the good one: one story

    def refuse(text):
        raise AssertionError("an unchanged record was repaired")

    monkeypatch.setattr(legacy, "repaired", refuse)
    second = index_paths(store, [crawl], workers=1)
    assert (second.unchanged, second.added, second.updated) == (2, 0, 0)


def test_rebuild_builds_a_new_generation_and_swaps_it_in(crawl, store):
    index_paths(store, [crawl])
    before = store.generation()
    report = index_paths(store, [crawl], rebuild=True)
    assert (report.added, report.documents) == (5, 5)
    assert store.generation() != before and store.generation().name.startswith("gen-")


def test_a_second_writer_is_refused_while_the_first_holds_the_lock(crawl, store):
    with store.locked(), pytest.raises(IndexLocked, match="another `thongcao index`"):
        index_paths(store, [crawl])


def test_every_good_input_of_a_dirty_crawl_is_searchable_by_its_words(store):
    index_paths(store, [DATA / "crawl", DATA / "warc" / "portal.warc.gz"])
    snap = snapshots_of(store).current()
    for words in ["khu kinh tế ven biển", "Thượng Hải", "đường bay thẳng", "Đà Lạt", "bang Victoria",
                  "doanh nghiệp điện tử", "bảo tồn di tích"]:  # fmt: skip
        assert search(snap, SearchRequest(words)).total == 1, words


# --- --prune deletes only what it read --------------------------------------------------


def test_prune_beside_a_mistyped_path_deletes_nothing(crawl, store, tmp_path):
    index_paths(store, [crawl])
    report = index_paths(store, [tmp_path / "no" / "such" / "dir"], prune=True)
    assert (report.deleted, report.documents) == (0, 5)
    assert [r.reason for r in report.rejected] == ["no such file or directory"]


def test_prune_of_one_folder_leaves_the_documents_of_other_folders(crawl, store, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    body = "Ngày 12/5, tỉnh Cà Mau và đoàn doanh nghiệp Nhật Bản ký biên bản hợp tác về nuôi tôm sạch."
    (other / "001.txt").write_text(f"Cà Mau hợp tác với Nhật Bản\n\n{body}\n", "utf-8")
    index_paths(store, [crawl, other])
    (crawl / "004_64cdec0dc2746c9a.txt").unlink()
    assert (index_paths(store, [other], prune=True).deleted, store.doc_count()) == (0, 6)
    pruned = index_paths(store, [crawl], prune=True)
    assert (pruned.deleted, pruned.documents) == (1, 5)
    assert search(snapshots_of(store).current(), SearchRequest("Cà Mau")).total == 1


def test_a_prune_of_more_than_half_the_index_waits_for_a_yes(crawl, store):
    index_paths(store, [crawl])
    for path in sorted(crawl.glob("*.txt"))[:3]:
        path.unlink()
    with pytest.raises(PruneRefused, match="delete 3 of the 5 documents"):
        index_paths(store, [crawl], prune=True)
    with pytest.raises(PruneRefused):
        index_paths(store, [crawl], prune=True, confirm_prune=lambda deleting, indexed: False)
    assert store.doc_count() == 5
    asked = []
    report = index_paths(store, [crawl], prune=True, confirm_prune=lambda *n: asked.append(n) or True)
    assert asked == [(3, 5)] and (report.deleted, report.documents) == (3, 2)


def test_a_prune_of_half_or_less_asks_nobody(crawl, store):
    index_paths(store, [crawl])
    for path in sorted(crawl.glob("*.txt"))[:2]:
        path.unlink()
    report = index_paths(store, [crawl], prune=True, confirm_prune=lambda *counts: pytest.fail("asked"))
    assert (report.deleted, report.documents) == (2, 3)
