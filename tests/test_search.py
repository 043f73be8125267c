import unicodedata

import pytest

from indexer.errors import BadRequest
from indexer.search import SearchRequest, search
from tests.conftest import release_id, seed_id


def ids(snapshot, q, **kwargs):
    return {hit.id for hit in search(snapshot, SearchRequest(q, per_page=100, **kwargs)).hits}


@pytest.mark.parametrize(
    "typed", ["Hàn Quốc", "han quoc", "HÀN QUỐC", unicodedata.normalize("NFD", "Hàn Quốc"), "hàn quốc"]
)
def test_korea_is_found_however_it_is_typed(snapshot, typed):
    assert ids(snapshot, typed) == ids(snapshot, "Hàn Quốc")
    assert len(ids(snapshot, typed)) == 4


@pytest.mark.parametrize("typed", ["thỏa thuận", "thoả thuận", "thoa thuan", "THỎA THUẬN"])
def test_agreement_is_found_with_either_tone_placement_or_none(snapshot, typed):
    assert ids(snapshot, typed) == ids(snapshot, "thỏa thuận") != set()


def test_names_are_found(snapshot):
    gyeongsangbuk = ids(snapshot, "Gyeongsangbuk")
    assert len(gyeongsangbuk) == 2 and seed_id("004_64cdec0dc2746c9a.txt") in gyeongsangbuk
    assert len(ids(snapshot, "Imsil")) == 1 and len(ids(snapshot, "Samsung")) == 1


def test_syllables_must_stand_together_in_order(snapshot):
    assert ids(snapshot, "Điện Biên") == set()
    assert ids(snapshot, '"Quốc Hàn"') == set()


def test_words_are_anded_and_operators_work(snapshot):
    assert len(ids(snapshot, "Mimasaka")) == 1
    assert ids(snapshot, "Mimasaka Imsil") == set()
    assert len(ids(snapshot, "Mimasaka OR Imsil")) == 2
    assert ids(snapshot, "hợp tác -Mimasaka") == ids(snapshot, "hợp tác") - ids(snapshot, "Mimasaka")
    assert ids(snapshot, "title:Imsil") == ids(snapshot, "Imsil")
    assert ids(snapshot, "title:Samsung") == set()


def test_facet_counts_are_disjunctive(snapshot):
    result = search(snapshot, SearchRequest("hợp tác", {"country": ("Nhật Bản",)}))
    countries = {f["value"]: f["count"] for f in result.facets["country"]}
    assert result.total == 1
    assert countries["Hàn Quốc"] == 4 and countries["Nhật Bản"] == 1
    provinces = {f["value"]: f["count"] for f in result.facets["province"]}
    assert provinces == {"Yên Bái": 1}


def test_values_of_one_facet_are_ored_and_facets_anded(snapshot):
    both = search(snapshot, SearchRequest("", {"country": ("Nhật Bản", "Hàn Quốc")}))
    assert both.total == 5
    narrowed = search(snapshot, SearchRequest("", {"country": ("Hàn Quốc",), "province": ("Bình Phước",)}))
    assert narrowed.total == 1
    assert search(snapshot, SearchRequest("", {"country": ("Atlantis",)})).total == 0


def test_an_empty_query_lists_everything_newest_first(snapshot):
    result = search(snapshot, SearchRequest(""))
    dates = [h.published for h in result.hits]
    assert result.total == 5 and dates == sorted(dates, reverse=True)
    oldest = search(snapshot, SearchRequest("", sort="oldest"))
    assert [h.published for h in oldest.hits] == sorted(dates)


def test_snippets_mark_the_matches_in_escaped_text(snapshot):
    result = search(snapshot, SearchRequest("han quoc"))
    assert all("<mark>" in h.snippet for h in result.hits)
    assert all(h.score > 0 for h in result.hits)


@pytest.fixture(scope="module")
def homographs(tmp_path_factory):
    """Two releases whose words differ only by their tones: bán hàng (selling), bàn hạng (a table class)."""
    from indexer.pipeline import index_paths
    from indexer.snapshot import Snapshots
    from indexer.store import IndexStore

    folder = tmp_path_factory.mktemp("homographs")
    texts = {
        "table": "Nhà hàng giới thiệu bàn hạng nhất cho khách đoàn. Bàn hạng nhất có thêm hoa tươi.",
        "sales": "Doanh nghiệp tỉnh tăng cường bán hàng sang thị trường Hàn Quốc trong quý tới.",
        "shops": "Các cửa hàng mở thêm quầy bán hàng lưu động phục vụ người dân.",
    }
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(f"Thông cáo số {len(name)} về hoạt động\n\n{text}\n", "utf-8")
    index_paths(IndexStore(folder / "index"), [folder])
    return Snapshots(IndexStore(folder / "index")).current()


def table(snap) -> str:
    """The id of the release about a table class (bàn hạng) in the homographs' crawl."""
    return release_id(snap.generation.parents[1] / "table.txt")


def test_exact_diacritics_rank_above_folded_matches(homographs):
    assert [h.id for h in search(homographs, SearchRequest("bàn hạng")).hits][0] == table(homographs)
    assert [h.id for h in search(homographs, SearchRequest("bán hàng")).hits][-1] == table(homographs)


def test_bare_words_prefer_the_reading_the_corpus_uses_most(homographs):
    result = search(homographs, SearchRequest("ban hang"))
    assert [h.id for h in result.hits][-1] == table(homographs) and result.total == 3
    assert result.suggestion == "bán hàng"


def test_no_suggestion_when_the_query_has_diacritics_or_nothing_better(homographs):
    assert search(homographs, SearchRequest("bán hàng")).suggestion is None
    assert search(homographs, SearchRequest("xyz")).suggestion is None


def test_paging_past_the_end_is_empty_not_an_error(snapshot):
    result = search(snapshot, SearchRequest("hợp tác", page=50))
    assert result.hits == [] and result.total == 5


@pytest.mark.parametrize(
    "request_",
    [
        SearchRequest("x" * 1001),
        SearchRequest(page=0),
        SearchRequest(per_page=101),
        SearchRequest(sort="best"),
    ],
)
def test_out_of_range_requests_are_refused_with_a_reason(snapshot, request_):
    with pytest.raises(BadRequest):
        search(snapshot, request_)


@pytest.mark.parametrize("typed", ['((( "', "title:", "\x00", "AND OR NOT", ")))"])
def test_malformed_queries_get_an_answer(snapshot, typed):
    assert search(snapshot, SearchRequest(typed)).total >= 0


def test_the_seeds_suggest_the_accented_country(snapshot):
    assert search(snapshot, SearchRequest("han quoc")).suggestion == "hàn quốc"


def test_facet_values_with_equal_counts_are_in_vietnamese_alphabetical_order(snapshot):
    values = [f["value"] for f in search(snapshot, SearchRequest("")).facets["province_2025"]]
    assert values == ["Đồng Nai", "Hồ Chí Minh", "Lào Cai", "Thái Nguyên", "Tuyên Quang"]
