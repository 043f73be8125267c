"""Extraction as the pipeline runs it: a crawled item in, a Document with its facets out."""

import pytest

from indexer.crawl.decode import declared_html_charset, decode
from indexer.crawl.identity import doc_id
from indexer.documents import Rejected, SourceItem
from indexer.extract.build import build_document
from tests.conftest import CORPUS, SHARED, shared

SEEDS = {
    "000_eb25f7a71b7afa55.txt": (("Hàn Quốc",), ("Tuyên Quang",), None),  # "chiều 30-8": no year
    "001_5afb966c1325a250.txt": (("Hàn Quốc",), ("Thái Nguyên",), None),  # "Ngày 10/8"
    "002_272dc45b6f2a0858.txt": (("Hàn Quốc",), ("Bình Phước",), 2023),
    "003_66be082b74e51ac7.txt": (("Nhật Bản",), ("Yên Bái",), 2023),
    "004_64cdec0dc2746c9a.txt": (("Hàn Quốc",), ("Hồ Chí Minh",), None),  # "Chiều 7/3"
}
CHROME = ["sct", "Welcome", "Đường dây nóng", "Tin cùng chuyên mục", "Thống kê truy cập", "lượt xem",
          "Frankfurt", "Nguyễn Đức Chung", "Chia sẻ", "Thấp nhất", "Những tin"]  # fmt: skip
# The real pages' names, or one placeholder whose test then skips (or, in CI, fails) by `shared`.
ARTICLES = sorted(p.name for p in (SHARED / "html").glob("*_article*.html")) or ["absent.html"]


def seed(name: str):
    data = (CORPUS / name).read_bytes()
    return build_document(SourceItem(origin=name, kind="text", content=decode(data)), "v")


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_each_seed_has_its_country_province_and_year(name):
    doc = seed(name)
    assert (doc.countries, doc.provinces, doc.year) == SEEDS[name]


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_no_chrome_or_teaser_reaches_the_title_or_the_text(name):
    doc = seed(name)
    assert not [word for word in CHROME if word in doc.title or word in doc.text.split("\n", 1)[-1]]


def test_a_url_in_the_text_is_the_link_and_the_id_is_where_the_file_lies():
    doc = seed("001_5afb966c1325a250.txt")
    assert doc.url.startswith("https://baoxaydung.com.vn/")
    assert doc.id == doc_id("001_5afb966c1325a250.txt") and doc.id.isalnum() and len(doc.id) == 16


def test_the_years_source_is_kept():
    assert seed("002_272dc45b6f2a0858.txt").year_source == "posted"
    assert seed("004_64cdec0dc2746c9a.txt").year_source is None  # unknown, not guessed


def test_the_nine_real_article_pages_are_beside_the_project():
    assert len(list(shared("html").glob("*_article*.html"))) == 9


@pytest.mark.parametrize("name", ARTICLES)
def test_real_article_pages_give_headline_year_and_lead(name):
    data = (shared("html") / name).read_bytes()
    item = SourceItem(origin=name, kind="html", content=decode(data, declared_html_charset(data)))
    doc = build_document(item, "v")
    assert doc.year == 2026 and doc.year_source == "metadata"
    assert len(doc.title) > 20 and doc.url.startswith("http")
    assert len(doc.text.split("\n\n")[0]) > 60


def test_crawl_metadata_overrides_what_extraction_guessed():
    content = "Tiêu đề trong văn bản\n\nNội dung đủ dài ở đây."
    url = "https://example.vn/a"
    item = SourceItem("a.jsonl#1", "text", content, url=url, title="Tiêu đề từ JSONL", published="2024-04-02")
    doc = build_document(item, "v")
    assert (doc.title, doc.published.isoformat(), doc.id) == ("Tiêu đề từ JSONL", "2024-04-02", doc_id(url))


def test_an_item_without_article_text_is_rejected():
    empty_page = SourceItem(origin="x.html", kind="html", content="<html><body></body></html>")
    result = build_document(empty_page, "v")
    assert isinstance(result, Rejected) and result.reason == "no article text found"
