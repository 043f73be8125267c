"""One release, one id: the same URL twice is one document, the same file name in two folders
is two, and an id works in a link whatever the file is called."""

from __future__ import annotations

import json
import os
import re

import pytest

from indexer.crawl.identity import doc_id
from indexer.engines.choice import snapshots_of
from indexer.index.pipeline import index_paths
from indexer.search.run import SearchRequest, search
from tests import warcfile
from tests.conftest import CORPUS, release_id

pytestmark = pytest.mark.usefixtures("engine")  # every test here runs on both engines

BODY = "Đoàn công tác tỉnh Tuyên Quang làm việc với huyện Imsil, Hàn Quốc, về hợp tác lao động thời vụ. "
URL = "https://baotuyenquang.com.vn/imsil.html"


def found(store, words: str) -> int:
    return search(snapshots_of(store).current(), SearchRequest(words)).total


def counts(report) -> tuple[int, int, int, int, int]:
    return report.added, report.updated, report.unchanged, report.deleted, report.documents


def jsonl(path, *records: dict) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")


def test_a_jsonl_holding_one_url_twice_stores_the_last_copy_and_is_unchanged_next_time(tmp_path, store):
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    jsonl(
        crawl / "feed.jsonl",
        {"url": URL, "title": "Bản đầu", "text": BODY + "Bản nháp có chữ phácthảo."},
        {"url": URL, "title": "Bản sửa", "text": BODY + "Bản cuối có chữ hoànchỉnh."},
    )
    assert counts(index_paths(store, [crawl])) == (1, 0, 0, 0, 1)
    assert found(store, "hoànchỉnh") == 1 and found(store, "phácthảo") == 0
    assert counts(index_paths(store, [crawl])) == (0, 0, 1, 0, 1)
    index_paths(store, [crawl], rebuild=True)
    assert counts(index_paths(store, [crawl])) == (0, 0, 1, 0, 1)
    assert found(store, "hoànchỉnh") == 1


def test_a_warc_refetch_is_one_release_and_a_new_fetch_in_a_later_crawl_replaces_it(tmp_path, store):
    day1, day2 = tmp_path / "day1", tmp_path / "day2"
    day1.mkdir(), day2.mkdir()
    morning, noon = warcfile.page("Tin sáng", BODY + "sángsớm"), warcfile.page("Tin trưa", BODY + "giữatrưa")
    warcfile.write(day1 / "crawl.warc.gz", [warcfile.response(URL, morning), warcfile.response(URL, noon)])
    assert counts(index_paths(store, [day1])) == (1, 0, 0, 0, 1)
    assert found(store, "giữatrưa") == 1 and found(store, "sángsớm") == 0
    evening = warcfile.page("Tin tối", BODY + "buổitối")
    warcfile.write(day2 / "crawl.warc.gz", [warcfile.response(URL, evening)])
    assert counts(index_paths(store, [day1, day2])) == (0, 1, 0, 0, 1)
    assert found(store, "buổitối") == 1 and found(store, "giữatrưa") == 0
    assert counts(index_paths(store, [day1, day2])) == (0, 0, 1, 0, 1)  # an older copy never comes back
    hit = search(snapshots_of(store).current(), SearchRequest("buổitối")).hits[0]
    assert hit.id == release_id(URL) and hit.url == URL


def test_files_named_alike_in_two_crawl_folders_are_two_releases(tmp_path, store):
    for folder, word in (("crawlA", "Quảng Ninh"), ("crawlB", "Cà Mau")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "001.txt").write_text(f"Tin {word}\n\n{BODY} Tại {word}.", "utf-8")
    assert counts(index_paths(store, [tmp_path / "crawlA"])) == (1, 0, 0, 0, 1)
    assert counts(index_paths(store, [tmp_path / "crawlB"])) == (1, 0, 0, 0, 2)
    assert found(store, "Quảng Ninh") == 1 and found(store, "Cà Mau") == 1
    both = index_paths(store, [tmp_path / "crawlA", tmp_path / "crawlB"])
    assert counts(both) == (0, 0, 2, 0, 2)


def test_both_folders_in_one_run_are_both_searchable(tmp_path, store):
    for folder in ("crawlA", "crawlB"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "001.txt").write_text(f"Tin {folder}\n\n{BODY} Thư mục {folder}.", "utf-8")
    assert counts(index_paths(store, [tmp_path / "crawlA", tmp_path / "crawlB"])) == (2, 0, 0, 0, 2)
    assert found(store, "crawlA") == 1 and found(store, "crawlB") == 1
    assert counts(index_paths(store, [tmp_path / "crawlA", tmp_path / "crawlB"])) == (0, 0, 2, 0, 2)


def test_ids_are_short_url_safe_and_survive_a_rebuild(crawl, store):
    index_paths(store, [crawl])
    before = {hit.id: hit.title for hit in search(snapshots_of(store).current(), SearchRequest("")).hits}
    index_paths(store, [crawl], rebuild=True)
    after = {hit.id: hit.title for hit in search(snapshots_of(store).current(), SearchRequest("")).hits}
    assert before == after and all(re.fullmatch("[a-z2-7]{16}", doc) for doc in before)
    assert set(before) == {release_id(path) for path in crawl.glob("*.txt")}


def test_the_same_folder_named_two_ways_is_the_same_releases(store, tmp_path, monkeypatch):
    index_paths(store, [CORPUS])
    monkeypatch.chdir(CORPUS.parent)
    assert counts(index_paths(store, ["./corpus/../corpus"])) == (0, 0, 5, 0, 5)


def test_a_file_name_that_is_not_utf8_or_holds_a_newline_is_indexed_and_opens(tmp_path, store):
    from webui.app import create_app

    crawl = tmp_path / "crawl"
    crawl.mkdir()
    odd = [os.fsdecode(b"bad\xff\xfe.txt"), "new\nline.txt"]
    for name, word in zip(odd, ("Bạc Liêu", "Hậu Giang"), strict=True):
        (crawl / name).write_text(f"Tin {word}\n\n{BODY} Tại {word}.", "utf-8")
    report = index_paths(store, [crawl])
    assert (report.added, report.rejected) == (2, [])
    client = create_app(store.path, {"TESTING": True}).test_client()
    for word in ("Bạc Liêu", "Hậu Giang"):
        (hit,) = client.get("/api/search", query_string={"q": word}).get_json()["hits"]
        assert client.get(f"/doc/{hit['id']}").status_code == 200
        assert word in client.get(f"/api/doc/{hit['id']}").get_json()["text"]
    assert counts(index_paths(store, [crawl])) == (0, 0, 2, 0, 2)


def test_an_id_is_the_hash_of_the_key_not_of_the_copy():
    assert doc_id("https://example.vn/a") == doc_id("https://example.vn/a")
    assert release_id("HTTPS://Example.VN/a#top") == release_id("https://example.vn/a")
    assert release_id("https://example.vn/a") != release_id("https://example.vn/A")
