"""source: one readable publisher name per outlet, from site names, bylines and hosts."""

from __future__ import annotations

import pytest

from indexer.extract.publishers import host, publisher
from indexer.extract.webpage import extract_html
from indexer.search.run import SearchRequest, search
from tests.conftest import seed_id, shared


def test_the_seeds_publishers(snapshot):
    sources = {hit.id: hit.source for hit in search(snapshot, SearchRequest("", per_page=10)).hits}
    assert sources[seed_id("000_eb25f7a71b7afa55.txt")] == "Báo Tuyên Quang"  # "Theo Báo Tuyên Quang"
    assert sources[seed_id("003_66be082b74e51ac7.txt")] == "Cổng TTĐT tỉnh Yên Bái"  # "CTTĐT - Sáng 21/11"
    assert sources[seed_id("004_64cdec0dc2746c9a.txt")] == "TTXVN"  # "Xuân Khu (TTXVN)"
    assert sources[seed_id("001_5afb966c1325a250.txt")] == "Báo Xây Dựng"  # "Nguồn Xây Dựng: https://..."


def test_source_is_a_facet(snapshot):
    result = search(snapshot, SearchRequest("", {"source": ("Báo Tuyên Quang",)}))
    assert [hit.id for hit in result.hits] == [seed_id("000_eb25f7a71b7afa55.txt")]
    counts = {f["value"]: f["count"] for f in result.facets["source"]}
    assert counts["Báo Tuyên Quang"] == 1 and counts["TTXVN"] == 1  # disjunctive, like the others


@pytest.mark.parametrize(
    "page, name",
    [
        ("baochinhphu_article.html", "Báo Chính phủ"),  # only the host "baochinhphu.vn"
        ("baodautu_article.html", "Báo Đầu tư"),  # og:site_name "baodautu"
        ("dantri_article.html", "Báo Dân trí"),  # "Báo điện tử Dân Trí"
        ("nld_article.html", "Báo Người Lao Động"),  # "Báo Người Lao Động Online"
        ("tuoitre_article.html", "Báo Tuổi Trẻ"),  # "TUOI TRE ONLINE"
        ("vietnamnet_article.html", "VietNamNet"),  # "VietNamNet News"
        ("vnexpress_article.html", "VnExpress"),  # "vnexpress.net"
        ("cafef_article.html", "CafeF"),  # "cafef"
    ],
)
def test_real_pages_get_a_readable_name(page, name):
    found = extract_html((shared("html") / page).read_text("utf-8", errors="replace"))
    assert publisher(found.source, found.url) == name


def test_unknown_outlets_keep_their_name_or_host():
    assert publisher("Báo Điện Biên Phủ") == "Báo Điện Biên Phủ"
    assert publisher(None, "https://www.baodienbienphu.info.vn/tin/1.htm") == "baodienbienphu.info.vn"
    assert publisher(None, "corpus/a.txt") is None and host("javascript:alert(1)") is None


def test_a_bare_portal_credit_names_the_provinces_portal():
    assert publisher("Cổng thông tin điện tử", None, ["Hà Nội"]) == "Cổng TTĐT Thành phố Hà Nội"
    assert publisher("CTTĐT", None, []) == "CTTĐT"  # no province: nothing to guess from
