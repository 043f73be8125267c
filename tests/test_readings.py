"""Readings of bare words: the suggestion picks them together, from what stands side by side."""

from __future__ import annotations

import pytest

from indexer.analysis.readings import readings_in_context, word_readings
from indexer.search.query import parse, suggestion

pytestmark = pytest.mark.usefixtures("engine")  # every test here runs on both engines

RELEASES = {  # báo and biến động are the most used readings alone; bão and biển đông in context
    "notice": ("Sở Y tế thông báo lịch tiêm chủng mới", "Sở thông báo lịch tiêm. Báo chí được mời dự họp."),
    "press": ("Báo chí địa phương đưa tin về hội chợ", "Nhiều tờ báo đưa tin. Ban tổ chức thông báo thêm."),
    "warning": ("Cảnh báo mưa lớn ở vùng núi phía bắc", "Trung tâm khí tượng cảnh báo mưa lớn."),
    "storm": ("Bão lũ miền Trung gây thiệt hại nặng", "Đợt bão lũ miền Trung làm hư hỏng nhiều nhà dân."),
    "relief": ("Hỗ trợ người dân vùng bão lũ miền Trung", "Các tỉnh gửi hàng cứu trợ bão lũ miền Trung."),
    "gold": ("Giá vàng biến động mạnh trong tuần", "Thị trường biến động. Giá cả biến động theo tỷ giá."),
    "stocks": ("Chứng khoán biến động sau phiên họp", "Cổ phiếu biến động mạnh. Nhà đầu tư lo ngại."),
    "rates": ("Tỷ giá biến động trong quý ba", "Đồng nội tệ biến động nhẹ so với quý trước."),
    "summit": ("Hội nghị bàn về tình hình Biển Đông", "Bàn về Biển Đông, Trung Quốc và ASEAN cùng tham dự."),
    "patrol": ("Tuần tra bảo vệ ngư dân trên biển", "Ở Biển Đông, Trung Quốc tăng cường tuần tra."),
}


@pytest.fixture(scope="module")
def snap(tmp_path_factory, engine):
    from indexer.engines.choice import snapshots_of
    from indexer.index.pipeline import index_paths
    from tests.conftest import new_store

    folder = tmp_path_factory.mktemp("readings")
    for name, (title, text) in RELEASES.items():
        (folder / f"{name}.txt").write_text(f"{title}\n\n{text}\n", "utf-8")
    store = new_store(folder / "index", engine)
    assert index_paths(store, [folder]).added == len(RELEASES)
    return snapshots_of(store).current()


@pytest.mark.parametrize(
    "typed, alone, together",
    [
        ("bao lu mien trung", "báo lũ miền trung", "bão lũ miền trung"),
        ("bien dong trung quoc", "biến động trung quốc", "biển đông trung quốc"),
    ],
)
def test_the_suggestion_reads_a_query_as_a_whole_not_word_by_word(snap, typed, alone, together):
    reader = snap.vocabulary()
    assert suggestion(parse(typed), reader) == alone  # each word its most used reading
    assert suggestion(parse(typed), reader, snap.engine.beside) == together


def test_a_word_alone_keeps_its_most_used_reading(snap):
    reader = snap.vocabulary()
    assert word_readings(reader, "bao")[0][1] == "báo"
    assert suggestion(parse("bien dong"), reader, snap.engine.beside) == "biến động"


def test_a_word_without_readings_keeps_its_place(snap):
    reader = snap.vocabulary()
    chosen = readings_in_context(reader, ["bao", "xyzzy", "lu"], snap.engine.beside)
    assert chosen[1] is None and len(chosen) == 3


def test_the_search_result_carries_the_suggestion_in_context(snap):
    from indexer.search.run import SearchRequest, search

    assert search(snap, SearchRequest("bao lu mien trung")).suggestion == "bão lũ miền trung"


class CountingReader:
    """A reader whose every syllable has five readings, counting the lookups made of it."""

    def __init__(self) -> None:
        self.lookups = 0

    def doc_frequency(self, field: str, term: str) -> int:
        self.lookups += 1
        return 1 + len(term) % 7


def test_a_long_bare_word_costs_a_bounded_number_of_lookups_once():
    from indexer.analysis.readings import MAX_COMBINATIONS, TOP

    reader = CountingReader()
    word_readings(reader, "thanh_pho_ho_chi")
    syllables = 4
    assert reader.lookups <= MAX_COMBINATIONS + syllables * 18  # not TOP ** 4 = 625 and more
    assert TOP**syllables > MAX_COMBINATIONS
    before = reader.lookups
    word_readings(reader, "thanh_pho_ho_chi")
    assert reader.lookups == before  # asked again (the suggestion after the plan): kept
