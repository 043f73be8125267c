"""province_2025: the 1 July 2025 merger (Resolution 202/2025/QH15) applied to the province facet."""

from __future__ import annotations

from indexer.data.places import PROVINCES
from indexer.data.provinces_2025 import PROVINCE_2025, UNCHANGED
from indexer.facets.merger import label, labels, provinces_2025
from indexer.search.run import SearchRequest, search
from tests.conftest import seed_id


def test_all_63_provinces_go_to_one_of_34_units():
    assert set(PROVINCE_2025) == set(PROVINCES) and len(PROVINCES) == 63
    assert len(set(PROVINCE_2025.values())) == 34


def test_eleven_units_were_left_as_they_were_and_hue_is_a_city():
    assert len(UNCHANGED) + 1 == 11  # the eleventh, Thừa Thiên Huế, is now called Huế
    assert all(PROVINCE_2025[name] == name for name in UNCHANGED)
    assert PROVINCE_2025["Thừa Thiên Huế"] == "Huế"


def test_what_a_journalist_asking_today_gets():
    assert {old for old, new in PROVINCE_2025.items() if new == "Tuyên Quang"} == {"Tuyên Quang", "Hà Giang"}
    assert {old for old, new in PROVINCE_2025.items() if new == "Đồng Nai"} == {"Đồng Nai", "Bình Phước"}
    assert {old for old, new in PROVINCE_2025.items() if new == "Lào Cai"} == {"Lào Cai", "Yên Bái"}
    assert provinces_2025(["Bà Rịa - Vũng Tàu", "Bình Dương"]) == ("Hồ Chí Minh",)


def test_a_page_says_which_old_province_a_release_named():
    assert label("Yên Bái") == "Lào Cai (Yên Bái cũ)"
    assert label("Lào Cai") == "Lào Cai"
    assert labels(["Hà Giang", "Tuyên Quang"]) == ["Tuyên Quang (Hà Giang cũ)", "Tuyên Quang"]


def test_searching_the_2025_units_finds_the_old_provinces_releases(snapshot):
    def ids(unit):
        return [hit.id for hit in search(snapshot, SearchRequest("", {"province_2025": (unit,)})).hits]

    assert ids("Lào Cai") == [seed_id("003_66be082b74e51ac7.txt")]  # named Yên Bái
    assert ids("Đồng Nai") == [seed_id("002_272dc45b6f2a0858.txt")]  # named Bình Phước
    assert ids("Yên Bái") == []  # no longer a unit
    counts = {f["value"]: f["count"] for f in search(snapshot, SearchRequest("")).facets["province_2025"]}
    assert counts == {"Tuyên Quang": 1, "Thái Nguyên": 1, "Đồng Nai": 1, "Lào Cai": 1, "Hồ Chí Minh": 1}


def test_hit_labels_and_the_document_page_name_the_old_province(client):
    page = client.get("/?q=Mimasaka").get_data(as_text=True)
    assert "Lào Cai (Yên Bái cũ)" in page
    document = client.get("/doc/" + seed_id("003_66be082b74e51ac7.txt")).get_data(as_text=True)
    assert "Tỉnh, thành phố (từ 1/7/2025)</dt><dd>Lào Cai (Yên Bái cũ)</dd>" in document
