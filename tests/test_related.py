"""Related releases: the same subject from other dates or outlets, never the story's own copies."""

from __future__ import annotations

import json

from indexer.search.documents_view import load_document
from indexer.search.related import key_words, related
from tests.conftest import CORPUS, cli_json


def by_title(snapshot, start: str) -> int:
    from indexer.search.run import SearchRequest, search

    (hit,) = [h for h in search(snapshot, SearchRequest("", per_page=50)).hits if h.title.startswith(start)]
    return snapshot.document_number(hit.id)


def test_the_two_gyeongsangbuk_releases_rank_each_other_high(snapshot):
    """Of the five seeds, these two share a partner (Gyeongsangbuk-do) and its rare name."""
    hcmc = by_title(snapshot, "Đẩy mạnh hiệu quả hợp tác giữa TP Hồ Chí Minh")
    thai_nguyen = by_title(snapshot, "Bí thư Tỉnh ủy Thái Nguyên")
    assert related(snapshot, hcmc)[0] == thai_nguyen
    assert hcmc in related(snapshot, thai_nguyen)[:2]
    assert hcmc not in related(snapshot, hcmc)


def test_key_words_are_rare_but_shared_words_headline_first(snapshot):
    stored = snapshot.stored(by_title(snapshot, "Bí thư Tỉnh ủy Thái Nguyên"))
    words = key_words(stored["title"], stored["text"], snapshot.vocabulary(), snapshot.size)
    assert "gyeongsangbuk" in [w.lower() for w in words]
    assert not {"và", "của", "tỉnh"} & set(words)  # in every release: no subject


def test_a_storys_copies_are_listed_as_copies_not_as_related(tmp_path):
    from indexer.engines.whoosh_snapshot import Snapshots
    from indexer.index.pipeline import index_paths
    from indexer.index.store import IndexStore

    crawl = tmp_path / "crawl"
    crawl.mkdir()
    for seed in CORPUS.glob("*.txt"):
        (crawl / seed.name).write_text(seed.read_text("utf-8"), "utf-8")
    original = next(CORPUS.glob("001_*.txt")).read_text("utf-8")
    (crawl / "copy.txt").write_text(original + "\nTheo TTXVN", "utf-8")  # syndicated, with a credit
    index_paths(IndexStore(tmp_path / "index"), [crawl])
    snap = Snapshots(IndexStore(tmp_path / "index")).current()
    docs = [n for n in range(snap.size) if snap.stored(n)["title"].startswith("Bí thư Tỉnh ủy Thái Nguyên")]
    assert len(docs) == 2 and snap.copies(docs[0]) == 1  # one story, two copies
    for docnum in docs:
        near = related(snap, docnum)
        assert not set(docs) & set(near)
        assert any(snap.stored(n)["title"].startswith("Đẩy mạnh hiệu quả hợp tác") for n in near)


def test_the_api_the_page_and_the_command_line_give_them(client, seed_index, snapshot):
    doc_id = snapshot.stored(by_title(snapshot, "Bí thư Tỉnh ủy Thái Nguyên"))["id"]
    api = client.get(f"/api/doc/{doc_id}").get_json()
    assert api["related"][0]["title"].startswith("Đẩy mạnh hiệu quả hợp tác giữa TP Hồ Chí Minh")
    page = client.get(f"/doc/{doc_id}").get_data(as_text=True)
    assert '<h2 id="related-heading">Tin liên quan</h2>' in page
    assert cli_json("show", doc_id, index=seed_index)["related"] == load_document(snapshot, doc_id)["related"]
    assert json.dumps(api["related"][0], ensure_ascii=False)
