"""Examples of dating a release: metadata, Vietnamese datelines, and the year its text implies."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from indexer.dates import DateInfo, find_date, parse_meta_date

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def seed(prefix: str) -> str:
    (path,) = CORPUS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


# --- metadata ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-01T09:51:00+07:00", date(2026, 3, 1)),
        ("2026-03-07T00:01:00", date(2026, 3, 7)),
        ("2026-03-07T08:52:11.000 +07:00", date(2026, 3, 7)),
        ("2026-03-07T08:52:11+0700", date(2026, 3, 7)),
        ("2026-03-07", date(2026, 3, 7)),
        ("2026/03/07", date(2026, 3, 7)),
        ("07/03/2026 08:05", date(2026, 3, 7)),  # Vietnamese day/month/year
        ("Thứ Bảy, 07/03/2026 - 08:05", date(2026, 3, 7)),
        ("Sat, 07 Mar 2026 08:05:00 +0700", date(2026, 3, 7)),  # RSS pubDate
        ("2026-03-06T20:30:00Z", date(2026, 3, 7)),  # 03:30 on the 7th in Hà Nội
    ],
)
def test_meta_dates_in_the_forms_sites_use(value: str, expected: date) -> None:
    assert parse_meta_date(value) == expected


@pytest.mark.parametrize(
    "value",
    ["", "   ", "soon", "2026-13-01", "2026-02-30", "32/01/2026", "0001-01-01T00:00:00",
     "2026-03-07T25:00:00+07:00", "2026-03-07T10:00:00+99:00", "Mon, 99 Foo 2026", "452,714,435"],
)  # fmt: skip
def test_garbage_meta_date_is_none_not_an_error(value: str) -> None:
    assert parse_meta_date(value) is None


def test_metadata_beats_the_dateline() -> None:
    text = "Thứ hai - 17/04/2023 15:13\nNội dung."
    assert find_date(text, ["2023-04-18T07:00:00+07:00"]) == DateInfo(date(2023, 4, 18), 2023, "metadata")


def test_unparsable_metadata_falls_through_to_the_text() -> None:
    text = "Thứ hai - 17/04/2023 15:13\nNội dung."
    assert find_date(text, ["", "không rõ", "17/04/2023"]) == DateInfo(date(2023, 4, 17), 2023, "metadata")
    assert find_date(text, ["", "không rõ"]) == DateInfo(date(2023, 4, 17), 2023, "dateline")


# --- the five seed releases, whole (portal chrome included) ------------------------------------


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        # "chiều 30-8"; past: "Năm 2022", "Tháng 3 năm 2023"
        ("000", DateInfo(date(2023, 8, 30), 2023, "text")),
        # "Ngày 10/8"; "từ năm 2005 đến nay" + "gần 18 năm qua" = 2023, above 2019 and 2015
        ("001", DateInfo(date(2023, 8, 10), 2023, "text")),
        # "Thứ hai - 17/04/2023 15:13", not "trưa ngày 14/4/2023", 1992 or 2009 from the body
        ("002", DateInfo(date(2023, 4, 17), 2023, "dateline")),
        # "21/11/2023 13:17:17" line above "Sáng 21/11"
        ("003", DateInfo(date(2023, 11, 21), 2023, "dateline")),
        # "Chiều 7/3"; "trong năm 2018, hai địa phương cần ..."; the appended article's 2021 is ignored
        ("004", DateInfo(date(2018, 3, 7), 2018, "text")),
    ],
)
def test_seed_releases(prefix: str, expected: DateInfo) -> None:
    assert find_date(seed(prefix)) == expected


def test_seeds_as_cleaned_bodies() -> None:
    """In production the extractor hands over the article alone; the answers stay the same."""
    body_002 = seed("002").split("\n", 4)[4].split("Nguồn tin:")[0]
    body_004 = seed("004").split("Xuân Khu (TTXVN)")[0]
    assert body_002.startswith("Thứ hai - 17/04/2023")
    assert find_date(body_002) == DateInfo(date(2023, 4, 17), 2023, "dateline")
    assert find_date(body_004) == DateInfo(date(2018, 3, 7), 2018, "text")
    assert find_date(seed("000").split("Theo Báo")[0]) == DateInfo(date(2023, 8, 30), 2023, "text")


# --- datelines ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thứ hai - 17/04/2023 15:13\nBình Phước thăm Jeollanam", date(2023, 4, 17)),
        ("Chủ nhật, 05/03/2023\nTin", date(2023, 3, 5)),
        ("21/11/2023 13:17:17 Xem cỡ chữ\nCTTĐT - Sáng 21/11, UBND tỉnh làm việc", date(2023, 11, 21)),
        ("Trong khuôn khổ chuyến thăm, trưa ngày 14/4/2023, Đoàn công tác đã làm việc", date(2023, 4, 14)),
        ("Ngày 5 tháng 9 năm 2024, hai bên ký kết", date(2024, 9, 5)),
        ("10-8-2023\nHai tỉnh ký kết", date(2023, 8, 10)),
        ("2023-08-10\nHai tỉnh ký kết", date(2023, 8, 10)),
        ("Ngày đăng: 10/08/2023\nHai tỉnh ký kết", date(2023, 8, 10)),
    ],
)
def test_full_datelines(text: str, expected: date) -> None:
    assert find_date(text) == DateInfo(expected, expected.year, "dateline")


def test_month_year_dateline_gives_the_year_only() -> None:
    assert find_date("Tháng 3 năm 2023") == DateInfo(None, 2023, "dateline")


def test_the_top_dateline_wins_over_dates_in_the_body() -> None:
    text = "Chiều 7/3/2018, hai bên gặp nhau.\n\nTrước đó, ngày 22/12/1992, hai nước thiết lập quan hệ."
    assert find_date(text) == DateInfo(date(2018, 3, 7), 2018, "dateline")


def test_a_date_inside_a_sentence_is_not_a_dateline() -> None:
    text = "Hai nước thiết lập quan hệ ngoại giao ngày 22/12/1992 và nâng cấp vào tháng 10/2009."
    assert find_date(text) == DateInfo(None, None, None)


@pytest.mark.parametrize(
    "text", ["Ngày 31/2, hai bên gặp nhau. Năm 2022", "Sáng 12/13/2023", "Ngày 10/8/1066"]
)
def test_impossible_dates_are_ignored(text: str) -> None:
    assert find_date(text) == DateInfo(None, None, None)


# --- the year of a yearless dateline -------------------------------------------------------------


def test_no_year_evidence_leaves_the_year_unknown() -> None:
    text = "Ngày 10/8, tại Thái Nguyên, Bí thư Tỉnh ủy đã tiếp Đoàn công tác tỉnh Gyeongsangbuk-do."
    assert find_date(text) == DateInfo(None, None, None)


def test_numbers_are_not_years() -> None:
    text = "Chiều 7/3, tổng vốn đạt 80,6 tỷ USD với 1.183 dự án; 452,714,435 lượt truy cập; 15oC."
    assert find_date(text) == DateInfo(None, None, None)


def test_future_references_are_not_the_publication_year() -> None:
    text = (
        "Sáng 21/11, hai tỉnh làm việc. Năm 2022, hai tỉnh ký kết thỏa thuận hợp tác. "
        "Quy hoạch tầm nhìn đến năm 2045; giai đoạn 2021-2025; kế hoạch năm 2025; đến năm 2030 sẽ hoàn thành."
    )
    assert find_date(text) == DateInfo(date(2022, 11, 21), 2022, "text")


def test_span_to_now_gives_the_year() -> None:
    text = "Chiều 30-8, hai bên gặp nhau. Từ năm 2005 đến nay, suốt 18 năm qua, hợp tác tốt. Năm 2019 ..."
    assert find_date(text) == DateInfo(date(2023, 8, 30), 2023, "text")


def test_anniversary_gives_the_year() -> None:
    text = "Tối 22/12, lễ kỷ niệm 30 năm thiết lập quan hệ ngoại giao hai nước (1992-2022) diễn ra."
    assert find_date(text) == DateInfo(date(2022, 12, 22), 2022, "text")


def test_contradicting_exact_years_give_no_year() -> None:
    text = "Ngày 10/8, trong năm 2018, hai bên cần phối hợp. Kỷ niệm 30 năm (1992-2022)."
    assert find_date(text) == DateInfo(None, None, None)


def test_a_past_event_later_in_the_year_than_the_dateline_rules_that_year_out() -> None:
    # Published on 5/3 of a year after 2022, but which one the text does not say.
    assert find_date("Sáng 5/3, hai bên gặp. Tháng 9 năm 2022, hai bên ký kết.") == DateInfo(None, None, None)
    assert find_date("Sáng 5/10, hai bên gặp. Tháng 9 năm 2022, hai bên ký kết.") == DateInfo(
        date(2022, 10, 5), 2022, "text"
    )


def test_appended_related_article_is_not_evidence() -> None:
    text = "Chiều 7/3, hai bên gặp nhau. Năm 2017, Lễ hội thành công.\nTin liên quan\nNgày 1/3, năm 2021."
    assert find_date(text) == DateInfo(date(2017, 3, 7), 2017, "text")
