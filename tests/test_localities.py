"""locality: foreign provinces and cities, one spelling however the press writes them."""

from __future__ import annotations

import pytest

from indexer.data.localities import LOCALITIES
from indexer.facets.localities import VARIANTS, allowed_edits, fuzzy, key, localities, mentions
from indexer.search.run import SearchRequest, search
from tests.conftest import CORPUS, seed_id

SEEDS = {  # what each seed release is about, its spellings as they come
    "000": ("Imsil", "Jeollabuk-do"),  # "huyện Imsil", "Im-sin", "tỉnh Jeollabuk"
    "001": ("Gyeongsangbuk-do",),  # "Gyeongsangbuk-do" and the typo "Gyeosangbuk-do"
    "002": ("Jeollanam-do",),  # "tỉnh Jeollanam"
    "003": ("Mimasaka", "Okayama"),  # "Thành phố Mimasaka", a city of Okayama prefecture
    "004": ("Gyeongsangbuk-do", "Gyeongju"),  # "tỉnh Gyeongsangbuk"; "Hồ Chí Minh–Gyeongju 2017", twice
}


def numbered(number: str) -> str:
    """The id of the seed whose file name starts with `number`."""
    (path,) = CORPUS.glob(f"{number}_*.txt")
    return seed_id(path.name)


@pytest.mark.parametrize("number", sorted(SEEDS))
def test_each_seed_gives_its_localities(snapshot, number):
    hits = search(snapshot, SearchRequest("", per_page=10)).hits
    hit = next(h for h in hits if h.id == numbered(number))
    assert tuple(hit.locality) == SEEDS[number]


def test_both_gyeongsangbuk_releases_are_found_however_spelt(snapshot):
    found = search(snapshot, SearchRequest("", {"locality": ("Gyeongsangbuk-do",)}))
    assert sorted(hit.id for hit in found.hits) == sorted([numbered("001"), numbered("004")])


@pytest.mark.parametrize(
    "written, value",
    [
        ("Gyeongsangbuk-do", "Gyeongsangbuk-do"), ("Gyeongsangbuk", "Gyeongsangbuk-do"),
        ("Gyeosangbuk-do", "Gyeongsangbuk-do"), ("Bắc Gyeongsang", "Gyeongsangbuk-do"),
        ("Kyongsangbuk-do", "Gyeongsangbuk-do"), ("Kyŏngsang-bukto", "Gyeongsangbuk-do"),
        ("GYEONGSANGBUK-DO", "Gyeongsangbuk-do"), ("Gyeongbuk", "Gyeongsangbuk-do"),
        ("Chollanam-do", "Jeollanam-do"), ("Jeonnam", "Jeollanam-do"), ("Jeollanam", "Jeollanam-do"),
        ("Jeonbuk", "Jeollabuk-do"), ("Jeonbuk State", "Jeollabuk-do"), ("Chŏlla-pukto", "Jeollabuk-do"),
        ("Imsil", "Imsil"), ("Im-sin", "Imsil"), ("Imsil-gun", "Imsil"),
        ("Mimasaka", "Mimasaka"), ("Daegu", "Daegu"), ("Gyeongju", "Gyeongju"),
        ("Vân Nam", "Vân Nam"), ("Yunnan", "Vân Nam"), ("Luang Prabang", "Luông Pha Băng"),
    ],
)
def test_variants_and_typos_give_one_spelling(written, value):
    assert list(mentions(f"Đoàn công tác tỉnh {written} sang thăm.")) == [value]


def test_the_fuzzy_rule_forgives_one_edit_from_10_letters_and_two_from_13():
    assert fuzzy(key("Jeolanam-do")) == "Jeollanam-do"  # 10 letters, one deleted
    assert fuzzy(key("Jeolanam-dp")) is None  # 10 letters, two edits
    assert fuzzy(key("Gyeosangbuk-do")) == "Gyeongsangbuk-do"  # 13 letters, "ng" dropped: two edits
    assert fuzzy(key("Gyeosangbuk-dp")) is None  # three edits
    assert fuzzy(key("Xiengkhuang")) == "Xiêng Khoảng"
    assert [allowed_edits(n) for n in (9, 10, 12, 13)] == [0, 1, 1, 2]


@pytest.mark.parametrize("other_place", ["Kanazawa", "Jinjiang", "Takayama", "Chongming", "Imsim"])
def test_real_places_one_letter_apart_are_not_guessed(other_place):
    assert fuzzy(key(other_place)) is None  # Kanagawa, Xinjiang, Wakayama, Chongqing, Imsil


def test_a_one_letter_slip_in_any_long_variant_never_gives_another_value():
    for variant, value in VARIANTS.items():
        if allowed_edits(len(variant) - 1):
            for i in (0, len(variant) // 2, len(variant) - 1):  # a letter dropped at the start, middle, end
                assert fuzzy(variant[:i] + variant[i + 1 :]) in (value, None), variant


def test_every_parent_is_a_value_of_the_same_country():
    for value, (country, parent, _) in LOCALITIES.items():
        assert parent is None or LOCALITIES[parent][0] == country, value


def test_names_that_are_also_vietnamese_need_their_context():
    body = "Ông Nguyễn Thanh Hải, Phó Chủ tịch tỉnh, dự lễ ký với đối tác Trung Quốc."
    assert localities("Hợp tác với Trung Quốc", body, ["Trung Quốc"]) == ()
    body = "Đoàn công tác tỉnh Thanh Hải (Trung Quốc) thăm tỉnh Lào Cai. Tỉnh Thanh Hải mong muốn hợp tác."
    assert localities("Hợp tác với Trung Quốc", body, ["Trung Quốc"]) == ("Thanh Hải",)


def test_a_locality_needs_its_country_among_the_releases_countries():
    title = "Tỉnh Yên Bái và Thành phố Mimasaka triển khai thoả thuận"
    assert localities(title, "", ["Nhật Bản"]) == ("Mimasaka", "Okayama")
    assert localities(title, "", ["Hàn Quốc"]) == ()


def test_a_passing_mention_does_not_count():
    body = "Tỉnh Gyeongsangbuk-do hợp tác với tỉnh. Gyeongsangbuk-do gửi đoàn. Đoàn từng qua Seoul."
    assert localities("", body, ["Hàn Quốc"]) == ("Gyeongsangbuk-do",)


# --- names in context (issue 17): sentences written for these tests ---------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Bắc Kinh tuyên bố sẽ đáp trả; phản ứng của Seoul chưa rõ.",  # capitals for their governments
        "Món dăm bông Hồ Nam và trà Vân Nam được bày bán; chó ngao Tây Tạng giá cao.",  # food, breeds
        "Tiền đạo Kyoto Ohata ghi bàn thắng duy nhất.",  # a person
        "Gangwon FC hòa 1-1 trên sân khách.",  # a club
    ],
)
def test_names_that_are_not_the_locality(text):
    assert mentions(text) == {}


def test_a_capital_is_the_city_where_something_happens_in_it():
    assert mentions("Hội nghị diễn ra tại Bắc Kinh; đoàn sau đó thăm Seoul.") == {"Bắc Kinh": 1, "Seoul": 1}


def test_a_locality_shows_its_country_on_the_page_and_in_the_terminal(client, seed_index):
    from tests.conftest import run_cli

    page = client.get("/?q=Imsil").get_data(as_text=True)
    assert '<span class="value">Imsil (Hàn Quốc)</span>' in page  # the facet panel
    document = client.get(f"/doc/{numbered('000')}").get_data(as_text=True)
    assert "Imsil (Hàn Quốc), Jeollabuk-do (Hàn Quốc)" in document
    shown = run_cli("search", "Imsil", index=seed_index)
    assert "Imsil (Hàn Quốc)" in shown.stdout
    assert client.get("/api/search?q=Imsil").get_json()["facets"]["locality"][0]["value"] == "Imsil"


@pytest.mark.parametrize(
    "text",
    [
        "Tàu sân bay Liêu Ninh rời cảng sáng nay.",  # a ship named after a province
        "Chiến hạm Sơn Đông tham gia diễn tập.",
        "Người đẹp Tân Cương gây chú ý trên thảm đỏ.",  # an actress's epithet
        "Anh chuyển sang khoác áo Shanghai SIPG mùa tới.",  # a club: the sponsor's acronym after the city
    ],
)
def test_a_ship_an_epithet_or_a_club_is_not_the_locality(text):
    assert not mentions(text)


def test_a_locality_beside_its_province_still_counts():
    assert set(mentions("Vụ cháy xảy ra ở thành phố Sapporo, Hokkaido.")) == {"Sapporo", "Hokkaido"}


def test_in_a_match_report_a_city_is_a_club_unless_something_places_it():
    from indexer.facets.localities import localities

    report = (
        "Cầu thủ Việt Nam ghi bàn phút cuối. HLV cho biết các cầu thủ đã chơi tốt trong hiệp hai. "
        "Ulsan thắng Pohang 2-1 ở vòng trước; Ulsan giữ ngôi đầu và HLV hài lòng với hàng thủ. "
        "Trận tới, đội bóng làm khách tại Jeonju, nơi các cầu thủ sẽ ghi bàn nếu giữ vững thể lực."
    )
    headline = "Tuyển Việt Nam thắng trận giao hữu"
    assert localities(headline, report, ["Hàn Quốc"]) == ("Jeonju", "Jeollabuk-do")
    plain = "Đoàn công tác thăm Ulsan, làm việc với chính quyền Ulsan về hợp tác đóng tàu. Ulsan hứa hỗ trợ."
    assert "Ulsan" in localities("Hợp tác với Hàn Quốc", plain, ["Hàn Quốc"])
