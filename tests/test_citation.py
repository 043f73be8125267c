"""Citing a release: the document page's one-line citation, and each hit's link to the original."""

from __future__ import annotations

import html as htmllib
import re
from datetime import date

import pytest

from tests.conftest import seed_id
from webui.citation import citation

pytestmark = pytest.mark.usefixtures("engine")  # every test here runs on both engines

JEOLLANAM = seed_id("002_272dc45b6f2a0858.txt")  # dated by its dateline: Thứ hai - 17/04/2023
IMSIL = seed_id("000_eb25f7a71b7afa55.txt")  # "chiều 30-8": no year, so no date
THAI_NGUYEN = seed_id("001_5afb966c1325a250.txt")  # crawled with its address, baoxaydung.com.vn


def test_a_citation_names_outlet_date_headline_address_and_the_day_read():
    doc = {"source": "Cổng TTĐT tỉnh Yên Bái", "published": "2023-11-21", "title": "Yên Bái và Mimasaka"}
    assert citation(doc, "https://yenbai.gov.vn/t", "metadata", date(2026, 11, 29)) == (
        "Cổng TTĐT tỉnh Yên Bái (21/11/2023), “Yên Bái và Mimasaka”, https://yenbai.gov.vn/t, "
        "truy cập ngày 29/11/2026."
    )


def test_an_undated_release_is_cited_without_a_made_up_date():
    doc = {"source": "Báo Tuyên Quang", "published": None, "title": "Hợp tác với Imsil"}
    assert "(không rõ ngày)" in citation(doc, None, None, date(2026, 11, 29))


def cited(client, doc_id: str) -> str:
    page = client.get(f"/doc/{doc_id}").get_data(as_text=True)
    found = re.search(r'<p id="citation" class="citation">(.*?)</p>', page, re.S)
    assert found and 'class="copy-citation" hidden' in page  # the button appears with JavaScript
    return htmllib.unescape(found.group(1))


def test_the_document_page_offers_its_citation(client):
    assert "(17/04/2023), “Bình Phước thăm và làm việc với Chính quyền tỉnh Jeollanam, Hàn Quốc”" in cited(
        client, JEOLLANAM
    )
    assert "(không rõ ngày)" in cited(client, IMSIL)


def test_each_hit_links_to_its_original_as_well_as_its_page_here(client):
    page = client.get("/?q=Nguyễn+Thanh+Hải").get_data(as_text=True)
    (hit,) = re.findall(r'<li class="hit">.*?</li>\s*</ol>', page, re.S)
    assert f'href="/doc/{THAI_NGUYEN}' in hit
    original = '<a class="original" href="https://baoxaydung.com.vn/'
    assert original in hit and 'rel="noopener noreferrer nofollow">Bài gốc' in hit


def test_a_date_the_text_opens_with_is_cited_as_that_not_as_the_day_posted(tmp_path):
    from indexer.index.pipeline import index_paths
    from tests.conftest import new_store
    from webui.app import create_app

    crawl = tmp_path / "crawl"
    crawl.mkdir()
    (crawl / "tin.txt").write_text(
        "Hai tỉnh ký kết hợp tác\n\nSáng 14/4/2023, tại Bắc Ninh, hai tỉnh ký kết biên bản hợp tác "
        "về đầu tư, du lịch và đào tạo nghề cho thanh niên.",
        "utf-8",
    )
    index_paths(new_store(tmp_path / "index"), [crawl])
    client = create_app(tmp_path / "index", {"TESTING": True}).test_client()
    doc_id = client.get("/api/search", query_string={"q": "Bắc Ninh"}).get_json()["hits"][0]["id"]
    page = client.get(f"/doc/{doc_id}").get_data(as_text=True)
    assert "<dt>Ngày ghi đầu bài</dt>" in page and "<dt>Ngày đăng</dt>" not in page
    assert "(ngày ghi đầu bài 14/04/2023), “Hai tỉnh ký kết hợp tác”" in cited(client, doc_id)
