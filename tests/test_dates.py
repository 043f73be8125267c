"""Examples of dating a release: metadata, the dateline at its head, and unknown when evidence is weak."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from indexer.crawl.sources import DATE_FIELDS, _jsonl_item, _record_date
from indexer.documents import SourceItem
from indexer.extract.build import build_document
from indexer.extract.dates import DateInfo, find_date, parse_meta_date
from indexer.extract.plaintext import extract_text
from tests.conftest import shared

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
        ("1772843400", date(2026, 3, 7)),  # Unix seconds, as a string
        (1772843400, date(2026, 3, 7)),  # and as a JSON number
    ],
)
def test_meta_dates_in_the_forms_sites_use(value: str, expected: date) -> None:
    assert parse_meta_date(value) == expected


@pytest.mark.parametrize(
    "value",
    ["", "   ", "soon", "2026-13-01", "2026-02-30", "32/01/2026", "0001-01-01T00:00:00",
     "2026-03-07T25:00:00+07:00", "2026-03-07T10:00:00+99:00", "Mon, 99 Foo 2026", "452,714,435",
     True, None, 10**30],
)  # fmt: skip
def test_garbage_meta_date_is_none_not_an_error(value: object) -> None:
    assert parse_meta_date(value) is None


def test_metadata_beats_the_dateline() -> None:
    text = "Thứ hai - 17/04/2023 15:13\nNội dung."
    assert find_date(text, ["2023-04-18T07:00:00+07:00"]) == DateInfo(date(2023, 4, 18), 2023, "metadata")


def test_unparsable_metadata_falls_through_to_the_text() -> None:
    text = "Thứ hai - 17/04/2023 15:13\nNội dung."
    assert find_date(text, ["", "không rõ", "17/04/2023"]) == DateInfo(date(2023, 4, 17), 2023, "metadata")
    assert find_date(text, ["", "không rõ"]) == DateInfo(date(2023, 4, 17), 2023, "posted")


# --- the five seed releases, as extraction hands them over ---------------------------------------


def body(prefix: str) -> str:
    """A seed's article as the extractor gives it to dating: the portal's dateline line first."""
    return extract_text(seed(prefix)).text


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("000", DateInfo(None, None, None)),  # "chiều 30-8": a day and month are not a year
        ("001", DateInfo(None, None, None)),  # "Ngày 10/8", and "từ năm 2005 đến nay" is not evidence
        ("002", DateInfo(date(2023, 4, 17), 2023, "posted")),  # "Thứ hai - 17/04/2023 15:13"
        ("003", DateInfo(date(2023, 11, 21), 2023, "posted")),  # "21/11/2023 13:17:17" above "Sáng 21/11"
        ("004", DateInfo(None, None, None)),  # "Chiều 7/3"; "trong năm 2018, ... cần" is not its date
    ],
)
def test_seed_releases(prefix: str, expected: DateInfo) -> None:
    assert find_date(body(prefix)) == expected


# --- datelines at the head ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thứ hai - 17/04/2023 15:13\nBình Phước thăm Jeollanam", date(2023, 4, 17)),
        ("Thứ Hai, 12/05/2025 14:30\nTin", date(2025, 5, 12)),
        ("Chủ nhật, 05/03/2023\nTin", date(2023, 3, 5)),
        ("21/11/2023 13:17:17\nCTTĐT - Sáng 21/11, UBND tỉnh làm việc", date(2023, 11, 21)),
        ("Thứ sáu, 01/03/2024 - 08:05 (GMT+7)\nTin", date(2024, 3, 1)),
        ("2023-08-10\nHai tỉnh ký kết", date(2023, 8, 10)),
        ("Ngày đăng: 10/08/2023\nHai tỉnh ký kết", date(2023, 8, 10)),
    ],
)
def test_a_posting_stamp_at_the_head_is_the_date_it_was_posted(text: str, expected: date) -> None:
    assert find_date(text) == DateInfo(expected, expected.year, "posted")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ngày 14/4/2023, Đoàn công tác đã làm việc", date(2023, 4, 14)),
        ("(TTXVN) Sáng 14/4/2023, Thủ tướng tiếp Đại sứ", date(2023, 4, 14)),
        ("Hà Nội, ngày 14/4/2023 - Bộ Ngoại giao thông báo", date(2023, 4, 14)),
        ("CTTĐT - Chiều 14-4-2023, UBND tỉnh làm việc", date(2023, 4, 14)),
        ("Ngày 5 tháng 9 năm 2024, hai bên ký kết", date(2024, 9, 5)),
    ],
)
def test_full_datelines(text: str, expected: date) -> None:
    assert find_date(text) == DateInfo(expected, expected.year, "dateline")


@pytest.mark.parametrize(
    "text",
    [
        "Ngày 31/12/2020, ông Vụ trưởng đã ký văn bản thông báo kết quả thanh tra trường cao đẳng.",
        "Ngày 2/1/2024, UBND tỉnh ban hành Quyết định số 12/QĐ-UBND về giá đất.",
        "Sáng 5/6/2023, Bộ Y tế có công văn gửi các địa phương về phòng dịch.",
    ],
)
def test_a_dateline_that_reports_a_document_is_the_documents_date_not_the_releases(text: str) -> None:
    assert find_date(text) == DateInfo(None, None, None)


def test_a_posting_stamp_dates_a_release_about_a_document() -> None:
    text = "Thứ ba, 09/01/2024 10:00\nNgày 2/1/2024, UBND tỉnh ban hành Quyết định số 12/QĐ-UBND."
    assert find_date(text) == DateInfo(date(2024, 1, 9), 2024, "posted")


def test_a_month_and_year_on_a_line_of_their_own_give_the_year_only() -> None:
    assert find_date("Tháng 3 năm 2023\nHai tỉnh ký kết") == DateInfo(None, 2023, "dateline")
    assert find_date("Tháng 5/2012, Facebook niêm yết trên sàn") == DateInfo(None, None, None)  # narrates


def test_the_head_dateline_wins_over_dates_in_the_body() -> None:
    text = "Chiều 7/3/2018, hai bên gặp nhau.\n\nTrước đó, ngày 22/12/1992, hai nước thiết lập quan hệ."
    assert find_date(text) == DateInfo(date(2018, 3, 7), 2018, "dateline")


@pytest.mark.parametrize(
    "text",
    [
        "Hai nước thiết lập quan hệ ngoại giao ngày 22/12/1992 và nâng cấp vào tháng 10/2009.",  # in passing
        "Trong khuôn khổ chuyến thăm, trưa ngày 14/4/2023, Đoàn công tác đã làm việc",  # not at the head
        "Hai tỉnh ký kết.\nNgày 14/4/2023, Đoàn công tác đã làm việc",  # a later line
        "Từ ngày 01/3/2021 đến ngày 15/5/2021, trường nhận hồ sơ",  # a period, not a dateline
        "Hôm 17/12/2024, báo iDNES đăng bài phỏng vấn",
        "Theo Nghị định số 15/2020/NĐ-CP ngày 3/2/2020 của Chính phủ",  # a law's date
    ],
)
def test_a_date_that_is_not_at_the_head_is_not_a_dateline(text: str) -> None:
    assert find_date(text) == DateInfo(None, None, None)


@pytest.mark.parametrize(
    "text", ["Ngày 31/2/2023, hai bên gặp nhau.", "Sáng 12/13/2023", "Ngày 10/8/1066, trận Hastings"]
)
def test_impossible_dates_are_ignored(text: str) -> None:
    assert find_date(text) == DateInfo(None, None, None)


# --- weak evidence leaves the year unknown -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Ngày 10/8, tại Thái Nguyên, Bí thư Tỉnh ủy đã tiếp Đoàn công tác.",  # a day and month
        "Chiều 7/3, tổng vốn đạt 80,6 tỷ USD với 1.183 dự án; 452,714,435 lượt truy cập.",  # numbers
        "Sáng 21/11, hai tỉnh làm việc. Năm 2022, hai tỉnh ký kết thỏa thuận hợp tác.",  # in passing
        "Đến năm 2030, tỉnh phấn đấu trở thành trung tâm logistics của vùng.",  # a plan
        "Chiều 30-8, hai bên gặp nhau. Từ năm 2005 đến nay, suốt 18 năm qua, hợp tác tốt.",
        "Tối 22/12, lễ kỷ niệm 30 năm thiết lập quan hệ ngoại giao hai nước (1992-2022) diễn ra.",
    ],
)
def test_years_in_passing_plans_and_yearless_datelines_give_no_year(text: str) -> None:
    assert find_date(text) == DateInfo(None, None, None)


def test_plans_after_a_dateline_do_not_unseat_it() -> None:
    text = "Ngày 14/4/2023, tỉnh họp. Phấn đấu đến năm 2030 ...; giai đoạn 2021-2025; tầm nhìn đến năm 2045."
    assert find_date(text) == DateInfo(date(2023, 4, 14), 2023, "dateline")


def test_a_head_date_the_text_narrates_past_is_a_story_not_the_release_date() -> None:
    text = "Ngày 24/12/2008, thầy trò HLV Calisto hành quân đến Rajamangala. Năm 2019, họ trở lại."
    assert find_date(text) == DateInfo(None, None, None)


# --- never after the day it was indexed ---------------------------------------------------------


def test_dates_after_the_day_indexed_are_refused() -> None:
    indexed = date(2025, 6, 1)
    assert find_date("Ngày 14/4/2027, hai bên ký kết", latest=indexed) == DateInfo(None, None, None)
    assert find_date("Ngày 14/4/2025, hai bên ký kết", latest=indexed).year == 2025


def test_a_future_metadata_date_gives_way_to_the_next_candidate() -> None:
    fetched = date(2024, 5, 2)  # a WARC-Date: the page existed then
    found = find_date("Nội dung.", ["2030-04-27", "2024-05-01T10:00:00+07:00"], latest=fetched)
    assert found == DateInfo(date(2024, 5, 1), 2024, "metadata")
    assert find_date("Nội dung.", ["2030-04-27"], latest=fetched) == DateInfo(None, None, None)


# --- wherever a crawl puts the date -------------------------------------------------------------

BODY = "Hai tỉnh ký kết thỏa thuận hợp tác trong lĩnh vực nông nghiệp và du lịch."
TODAY = date(2026, 11, 29)


def dated_record(field: str, value: object) -> object:
    """A JSONL record's document, dated by `field` alone."""
    record = {"title": "Hai tỉnh ký kết", "text": BODY, field: value}
    return build_document(_jsonl_item(record, "crawl.jsonl", 1, "crawl.jsonl:1"), "v", TODAY)


@pytest.mark.parametrize("field", DATE_FIELDS)
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-10-01", date(2020, 10, 1)),
        ("2025-04-08T15:09:00+07:00", date(2025, 4, 8)),
        ("08/04/2025", date(2025, 4, 8)),
        (1744099740, date(2025, 4, 8)),  # Unix seconds: 15:09 in Hà Nội
        ("1744099740", date(2025, 4, 8)),
    ],
)
def test_every_jsonl_date_field_in_every_form(field: str, value: object, expected: date) -> None:
    doc = dated_record(field, value)
    assert (doc.published, doc.year, doc.year_source) == (expected, expected.year, "metadata")


def test_a_jsonl_date_after_the_day_indexed_is_refused() -> None:
    doc = dated_record("date", "2030-04-27")
    assert (doc.published, doc.year, doc.year_source) == (None, None, None)


@pytest.mark.parametrize(
    "markup",
    [
        '<meta property="article:published_time" content="2025-05-12T14:30:00+07:00">',
        '<span itemprop="datePublished" content="2025-05-12">12/5</span>',
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2025-05-12"}</script>',
        '<time datetime="2025-05-12T07:30:00Z">12/5</time>',
        '<div class="byline">Thứ Hai, 12/05/2025 14:30</div>',  # a Vietnamese byline, any element
    ],
)
def test_html_dates_wherever_the_page_prints_them(markup: str) -> None:
    html = f"<html><body><h1>Hai tỉnh ký kết</h1>{markup}<p>{BODY}</p></body></html>"
    doc = build_document(SourceItem("a.html", "html", html), "v", TODAY)
    assert (doc.published, doc.year_source) == (date(2025, 5, 12), "metadata")


def test_the_warc_date_bounds_the_page_date_from_above() -> None:
    """A page fetched on 2 May 2024 was published by then: a later date it claims is refused."""
    html = (
        '<html><head><meta property="article:published_time" content="2030-04-27">'
        '</head><body><h1>Hai tỉnh ký kết</h1><time datetime="2024-05-01">1/5</time>'
        f"<p>{BODY}</p></body></html>"
    )
    item = SourceItem("a.warc#1", "html", html, fetched="2024-05-02T03:00:00Z")
    assert build_document(item, "v", TODAY).published == date(2024, 5, 1)
    html_without = html.replace('<time datetime="2024-05-01">1/5</time>', "")
    undated = build_document(SourceItem("a.warc#1", "html", html_without, fetched="2024-05-02"), "v", TODAY)
    assert (undated.published, undated.year) == (None, None)  # never the fetch date itself


def test_every_dated_record_of_the_shared_news_reads_its_own_date() -> None:
    """Dates from metadata must be right every time: 5,220 real records, their `date` as crawled."""
    import json
    import lzma

    with lzma.open(shared("news", "vi_news.jsonl.xz"), "rt", encoding="utf-8") as lines:
        dated = [record for line in lines if isinstance((record := json.loads(line)).get("date"), str)]
    assert len(dated) > 5000
    read = {r["id"]: find_date("", [_record_date(r)], TODAY).published for r in dated}
    assert [r["date"] for r in dated if read[r["id"]] != date.fromisoformat(r["date"][:10])] == []


def test_a_warc_record_brings_its_fetch_date_as_the_bound(tmp_path) -> None:
    from indexer.crawl.warc import read_warc
    from tests import warcfile

    page = (
        '<html><head><meta property="article:published_time" content="2030-04-27"></head>'
        f"<body><h1>Hai tỉnh ký kết</h1><p>{BODY}</p></body></html>"
    ).encode()
    path = warcfile.write(tmp_path / "crawl.warc.gz", [warcfile.response("https://bao.example/a", page)])
    (item,) = read_warc(path, str(path))
    assert item.fetched == "2024-05-12T08:00:00Z"  # the crawler's WARC-Date
    doc = build_document(item, "v", TODAY)
    assert (doc.published, doc.year) == (None, None)  # the page's 2030 is after it was fetched
