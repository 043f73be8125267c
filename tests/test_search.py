import unicodedata

import pytest

from indexer.errors import BadRequest
from indexer.search.run import SearchRequest, search
from tests.conftest import release_id, seed_id

pytestmark = pytest.mark.usefixtures("engine")  # every test here runs on both engines


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


def test_an_empty_query_lists_everything_newest_first_the_undated_last(snapshot):
    result = search(snapshot, SearchRequest(""))
    dates = [h.published for h in result.hits]
    dated = [d for d in dates if d]
    assert result.total == 5 and dates == sorted(dated, reverse=True) + [None] * (5 - len(dated))
    oldest = search(snapshot, SearchRequest("", sort="oldest"))
    assert [h.published for h in oldest.hits] == sorted(dated) + [None] * (5 - len(dated))


def test_snippets_mark_the_matches_in_escaped_text(snapshot):
    result = search(snapshot, SearchRequest("han quoc"))
    assert all("<mark>" in h.snippet for h in result.hits)
    assert all(h.score > 0 for h in result.hits)


@pytest.fixture(scope="module")
def homographs(tmp_path_factory, engine):
    """Two releases whose words differ only by their tones: bán hàng (selling), bàn hạng (a table class)."""
    from indexer.engines.choice import snapshots_for
    from indexer.index.pipeline import index_paths
    from tests.conftest import new_store

    folder = tmp_path_factory.mktemp("homographs")
    texts = {
        "table": "Nhà hàng giới thiệu bàn hạng nhất cho khách đoàn. Bàn hạng nhất có thêm hoa tươi.",
        "sales": "Doanh nghiệp tỉnh tăng cường bán hàng sang thị trường Hàn Quốc trong quý tới.",
        "shops": "Các cửa hàng mở thêm quầy bán hàng lưu động phục vụ người dân.",
    }
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(f"Thông cáo số {len(name)} về hoạt động\n\n{text}\n", "utf-8")
    index_paths(new_store(folder / "index", engine), [folder])
    return snapshots_for(folder / "index").current()


def table(snap) -> str:
    """The id of the release about a table class (bàn hạng) in the homographs' crawl."""
    return release_id(snap.generation.parents[1] / "table.txt")


def test_accents_typed_are_accents_meant(homographs):
    assert [h.id for h in search(homographs, SearchRequest("bàn hạng")).hits] == [table(homographs)]
    selling = search(homographs, SearchRequest("bán hàng"))
    assert selling.total == 2 and table(homographs) not in [h.id for h in selling.hits]
    assert search(homographs, SearchRequest("BÀN HẠNG")).total == 1


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


@pytest.mark.parametrize(
    "typed, words",
    [('((( "', ""), ("title: Imsil", "title Imsil"), ("\x00Imsil", "Imsil"), ("AND OR", ""), (")Lào", "Lào")],
)
def test_malformed_queries_are_searched_as_their_words(snapshot, typed, words):
    answer = search(snapshot, SearchRequest(typed))
    expected = search(snapshot, SearchRequest(words)).total if words else 0  # nothing to look for
    assert answer.total == expected and len(answer.hits) == expected


def test_the_seeds_suggest_the_accented_country(snapshot):
    assert search(snapshot, SearchRequest("han quoc")).suggestion == "hàn quốc"


def test_facet_values_with_equal_counts_are_in_vietnamese_alphabetical_order(snapshot):
    values = [f["value"] for f in search(snapshot, SearchRequest("")).facets["province_2025"]]
    assert values == ["Đồng Nai", "Hồ Chí Minh", "Lào Cai", "Thái Nguyên", "Tuyên Quang"]


@pytest.fixture(scope="module")
def lookalikes(tmp_path_factory, engine):
    """Releases whose words fold alike: lúa / lửa / lụa, bão / báo / bảo, Hà Nội / hà nổi."""
    from indexer.engines.choice import snapshots_for
    from indexer.index.pipeline import index_paths
    from tests.conftest import new_store

    folder = tmp_path_factory.mktemp("lookalikes")
    texts = {
        "rice": ("Nông dân Thái Bình gặt lúa sớm", "Nông dân gặt lúa sớm để tránh bão số 3."),
        "fire": ("Cháy lớn tại một kho hàng ven đô", "Ngọn lửa bùng lên trong kho; báo chí đưa tin."),
        "silk": ("Làng nghề Vạn Phúc nhận đơn hàng mới", "Làng lụa đảm bảo chất lượng cho đơn hàng."),
        "capital": ("Thành phố mở rộng tuyến xe buýt", "Hà Nội mở rộng tuyến xe buýt, hoà vào mạng lưới."),
        "float": ("Sau trận mưa lớn ở tỉnh Hà Nam", "Con hà nổi trên mặt sông sau trận mưa lớn."),
        "victory": ("Kỷ niệm chiến thắng Điện Biên Phủ", "Lễ kỷ niệm chiến thắng diễn ra trọng thể."),
        "border": ("Ngành điện lắp trạm biến áp mới", "Trạm được lắp ở vùng biên giới phía bắc."),
        "agenda": ("Bản tin chiều nay của đài tỉnh", "Đoàn về Hà. Nội dung buổi làm việc gồm ba phần."),
    }
    for name, (title, text) in texts.items():
        (folder / f"{name}.txt").write_text(f"{title}\n\n{text}\n", "utf-8")
    index_paths(new_store(folder / "index", engine), [folder])
    return snapshots_for(folder / "index").current()


NAMES = ("rice", "fire", "silk", "capital", "float", "victory", "border", "agenda")


def names(snap, q: str) -> set[str]:
    """Which of the lookalikes' releases a query finds (all of them on one page)."""
    result = search(snap, SearchRequest(q, per_page=50))
    assert result.total == len(result.hits)
    by_id = {release_id(snap.generation.parents[1] / f"{name}.txt"): name for name in NAMES}
    return {by_id[hit.id] for hit in result.hits}


@pytest.mark.parametrize(
    "typed, found",
    [
        ("lúa", {"rice"}),
        ("LÚA", {"rice"}),
        ("lửa", {"fire"}),
        ("lụa", {"silk"}),
        ("lua", {"rice", "fire", "silk"}),
        ("bão", {"rice"}),
        ("báo", {"fire"}),
        ("bảo", {"silk"}),
        ("bao", {"rice", "fire", "silk"}),
    ],
)
def test_a_syllable_typed_with_accents_matches_that_syllable_only(lookalikes, typed, found):
    assert names(lookalikes, typed) == found


def test_a_query_may_mix_accented_and_bare_syllables(lookalikes):
    assert names(lookalikes, "Ha Nội") == {"capital"}  # Nội as typed; Ha any reading
    assert names(lookalikes, "ha noi") == {"capital", "float"}
    assert names(lookalikes, "hà nổi") == {"float"}
    assert names(lookalikes, '"Ha Nội"') == {"capital"}


def test_either_tone_placement_and_nfd_are_the_same_syllable(lookalikes):
    assert names(lookalikes, "hòa") == names(lookalikes, "hoà") == names(lookalikes, "HÒA") == {"capital"}
    assert names(lookalikes, "lu\u0323a") == {"silk"}  # lụa typed as NFD


def test_facets_and_snippets_follow_the_accents_typed(lookalikes):
    result = search(lookalikes, SearchRequest("bão"))
    assert sum(f["count"] for f in result.facets["year"]) == result.total == 1
    assert "<mark>bão</mark>" in result.hits[0].snippet


def test_an_accented_query_finding_less_than_a_page_says_what_its_bare_words_find(lookalikes):
    result = search(lookalikes, SearchRequest("lúa"))
    assert result.total == 1 and result.widened == {"query": "lua", "total": 3}
    assert search(lookalikes, SearchRequest("lúa", per_page=1)).widened is None  # a full page
    assert search(lookalikes, SearchRequest("lua")).widened is None  # typed bare already
    assert search(lookalikes, SearchRequest("Vạn Phúc")).widened is None  # nothing more without accents


@pytest.mark.parametrize(
    "place, partner",
    [
        ("Thái Nguyên", "Gyeongsangbuk-do"),
        ("Yên Bái", "Mimasaka"),
        ("Tuyên Quang", "Imsil"),
        ("Bình Phước", "Jeollanam"),
        ("Hồ Chí Minh", "Gyeongju"),
        ("Hàn Quốc", "Samsung"),
    ],
)
def test_unquoted_words_are_a_set_whatever_order_they_are_typed_in(snapshot, place, partner):
    from indexer.text import fold

    for first, second in ((place, partner), (fold(place), fold(partner))):
        found = ids(snapshot, f"{first} {second}")
        assert len(found) == 1 and ids(snapshot, f"{second} {first}") == found


def test_a_query_word_binds_its_syllables_only_where_the_index_holds_that_word(snapshot):
    from indexer.search.query import query_words

    reader = snapshot.vocabulary()
    assert query_words("Thái Nguyên Gyeongsangbuk", reader) == ["thái_nguyên", "gyeongsangbuk"]
    assert query_words("Hồ Chí Minh Gyeongju", reader) == ["hồ_chí_minh", "gyeongju"]
    assert ids(snapshot, "Điện Biên") == set()  # still a word: its syllables stand together or not at all


def test_a_name_the_index_holds_only_inside_a_longer_word_still_binds_its_syllables(lookalikes):
    assert names(lookalikes, "Điện Biên") == names(lookalikes, "dien bien") == {"victory"}
    assert names(lookalikes, "Biên Điện") == {"victory", "border"}  # no such word: two words, any order


def test_phrases_and_words_do_not_run_across_a_sentence_break(lookalikes):
    assert names(lookalikes, '"Hà Nội"') == names(lookalikes, "Hà Nội") == {"capital"}  # not "Hà. Nội dung"
    assert names(lookalikes, "ha noi") == {"capital", "float"}
    assert names(lookalikes, "nội dung") == {"agenda"}
    assert names(lookalikes, '"xe buýt hoà"') == {"capital"}  # "xe buýt, hoà vào": a comma is no break


def test_under_a_page_of_hits_releases_missing_one_word_come_gan_dung_uncounted(lookalikes):
    result = search(lookalikes, SearchRequest("nông dân gặt lúa bão"))
    assert result.total == 1 and not result.near  # every word in the one release
    tried = search(lookalikes, SearchRequest("nông dân gặt lúa lửa"))  # no release holds both
    by_id = {release_id(lookalikes.generation.parents[1] / f"{name}.txt"): name for name in NAMES}
    assert tried.total == 0 and [by_id[h.id] for h in tried.near] == ["rice"]
    assert "near" not in tried.to_dict()  # the page's block, not (yet) the API's
    assert not search(lookalikes, SearchRequest("lúa lửa")).near  # two words: one alone says little
    assert not search(lookalikes, SearchRequest("nông dân gặt lúa lửa", page=2)).near


def test_words_typed_side_by_side_rank_first_where_they_stand_so(tmp_path):
    from indexer.engines.choice import snapshots_of
    from indexer.index.pipeline import index_paths
    from tests.conftest import new_store

    releases = {
        "reversed": ("Số phận của Liverpool và Arsenal cuối mùa giải", "Hai đội Liverpool và Arsenal."),
        "typed": ("Arsenal và Liverpool chia điểm ở vòng đấu 24", "Hai đội Arsenal và Liverpool."),
    }
    for name, (title, text) in releases.items():
        (tmp_path / f"{name}.txt").write_text(f"{title}\n\n{text}\n", "utf-8")
    store = new_store(tmp_path / "index")
    index_paths(store, [tmp_path])
    snap = snapshots_of(store).current()
    for typed, first in (("Arsenal và Liverpool", "typed"), ("Liverpool và Arsenal", "reversed")):
        hits = search(snap, SearchRequest(typed)).hits
        assert len(hits) == 2 and hits[0].id == release_id(tmp_path / f"{first}.txt"), typed


def test_the_search_layer_sits_above_the_engine_seam():
    """search() reads a Snapshot through indexer/engines/base.py only: importing it loads no
    Whoosh store, snapshot or evaluator, so another engine can stand behind the seam."""
    import subprocess
    import sys

    code = (
        "import sys, indexer.search.run; print(' '.join(m for m in sys.modules if m.startswith('indexer.')))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "indexer.search.run" in loaded.split()
    whoosh = {"indexer.index.store", "indexer.engines.whoosh_snapshot", "indexer.engines.whoosh_engine"}
    assert not whoosh & set(loaded.split())


@pytest.mark.parametrize("seed", range(5))
def test_a_page_sorts_only_the_head_of_the_matches_and_finds_the_full_orders_first(seed):
    """run._head sorts the matches up to a partition's cut, growing it until enough: whatever
    it returns is the start of the full order, ties included."""
    import numpy as np

    from indexer.search.run import _head

    rng = np.random.default_rng(seed)
    primary = rng.integers(0, 40, 5000).astype(np.float32)  # many ties on every score
    tie = rng.permutation(5000)
    full = np.lexsort((tie, primary))
    for wanted in (1, 10, 300, 2500, 6000):
        head = _head(primary, tie, lambda head, wanted=wanted: head.size >= wanted)
        assert head.tolist() == full[: head.size].tolist()
        assert head.size >= min(wanted, 5000)
