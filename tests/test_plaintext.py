"""How plain-text extraction behaves, on the five crawled seeds and on small made-up texts."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from indexer.documents import Extracted
from indexer.extract.plaintext import (
    Byline,
    extract_text,
    is_chrome_line,
    is_dateline,
    is_end_marker,
    parse_byline,
)

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

# seed prefix: title, start of the first paragraph, end of the last one, source, url
SEEDS = {
    "000": (
        "Đẩy mạnh hơn nữa mối quan hệ hợp tác giữa Tuyên Quang và huyện Imsil, tỉnh Jeollabuk, Hàn Quốc",
        "Tiếp tục chương trình thăm và làm việc tại Hàn Quốc, chiều 30-8,",
        "tăng cường hơn nữa hoạt động giao lưu kết nghĩa Nhân dân.",
        "Báo Tuyên Quang",
        None,
    ),
    "001": (
        "Bí thư Tỉnh ủy Thái Nguyên tiếp và làm việc với Đoàn công tác của tỉnh Gyeongsangbuk-do (Hàn Quốc)",
        "Ngày 10/8, tại Thái Nguyên, Bí thư Tỉnh ủy Nguyễn Thanh Hải",
        "hỗ trợ trang thiết bị y tế và đào tạo chuyên sâu về y tế; xây dựng nông thôn mới...",
        "Báo Xây Dựng",
        "https://baoxaydung.com.vn/bi-thu-tinh-uy-thai-nguyen-tiep-va-lam-viec-voi-doan-cong-tac-cua-tinh"
        "-gyeongsangbuk-do-han-quoc-358872.html",
    ),
    "002": (
        "Bình Phước thăm và làm việc với Chính quyền tỉnh Jeollanam, Hàn Quốc",
        "Trong khuôn khổ chương trình làm việc tại Hàn Quốc, trưa ngày 14/4/2023,",
        "kêu gọi nhà đầu tư Hàn Quốc đến với tỉnh Bình Phước chúng tôi và ngược lại.",
        None,  # "Nguồn tin: NGUYỄN THỊ HẰNG" credits a reporter, not a publisher
        None,
    ),
    "003": (
        "Tỉnh Yên Bái và Thành phố Mimasaka (Nhật Bản) triển khai thoả thuận hợp tác trong thời gian tới",
        "CTTĐT - Sáng 21/11, UBND tỉnh Yên Bái đã có buổi làm việc",
        "nhằm đáp ứng yêu cầu về tuyển dụng của thị trường Nhật Bản…",
        "Cổng thông tin điện tử",  # from the "CTTĐT - " lead credit
        None,
    ),
    "004": (
        "Đẩy mạnh hiệu quả hợp tác giữa TP Hồ Chí Minh và tỉnh Gyeongsangbuk, Hàn Quốc",
        "Chiều 7/3, ông Lê Thanh Liêm, Phó Chủ tịch Thường trực UBND Thành phố Hồ Chí Minh",
        "góp phần tăng cường sự hiểu biết, tình đoàn kết giữa nhân dân hai địa phương.",
        "TTXVN",
        None,
    ),
}
DATELINES = {"002": "Thứ hai - 17/04/2023 15:13", "003": "21/11/2023 13:17:17"}
CHROME = (
    "sct",
    "Welcome",
    "Đường dây nóng",
    "Tin trong tỉnh",
    "Xem cỡ chữ",
    "Tin cùng chuyên mục",
    "Thống kê truy cập",
    "Đang truy cập",
    "lượt xem",
    "Thấp nhất",
    "Frankfurt",
    "Nguyễn Đức Chung",
    "Chia sẻ",
    "Những tin",
    "Tổng số điểm",
    "ioffice",
    "Bạn đã không sử dụng Site",
    "Theo Báo",
    "Nguồn",
    "(TTXVN)",
    "Việt Hoan",
    "Thanh Thủy",
    "15oC",
    "English",
)


def seed(prefix: str) -> Extracted:
    (path,) = CORPUS.glob(f"{prefix}_*.txt")
    return extract_text(path.read_text(encoding="utf-8"))


def paragraphs(extracted: Extracted) -> list[str]:
    """The article's paragraphs, without the dateline kept at the head of the text."""
    parts = extracted.text.split("\n\n")
    return [p for p in parts if not is_dateline(p)]


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_seed_title_source_and_url(prefix: str) -> None:
    title, _, _, source, url = SEEDS[prefix]
    extracted = seed(prefix)
    assert (extracted.title, extracted.source, extracted.url) == (title, source, url)
    assert extracted.meta_dates == ()


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_seed_body_runs_from_first_to_last_real_paragraph(prefix: str) -> None:
    _, first, last, _, _ = SEEDS[prefix]
    body = paragraphs(seed(prefix))
    assert body[0].startswith(first)
    assert body[-1].endswith(last)


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_seed_body_has_no_portal_chrome(prefix: str) -> None:
    extracted = seed(prefix)
    assert [word for word in CHROME if word in extracted.text] == []
    assert extracted.title not in extracted.text.split("\n\n")


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_seed_text_is_clean_paragraphs(prefix: str) -> None:
    parts = seed(prefix).text.split("\n\n")
    assert all(p and p == p.strip() and "\n" not in p for p in parts)
    assert all(a != b for a, b in zip(parts, parts[1:], strict=False))  # seed 001 repeats captions


@pytest.mark.parametrize("prefix", sorted(SEEDS))
def test_seed_dateline_opens_the_text_without_ui_words(prefix: str) -> None:
    head = seed(prefix).text.split("\n\n")[0]
    assert (head == DATELINES[prefix]) if prefix in DATELINES else not is_dateline(head)


def test_plain_text_without_chrome() -> None:
    body = "Sáng nay, hai tỉnh đã ký kết.\n\nLễ ký diễn ra tại Hà Nội."
    title = "Hai tỉnh ký thoả thuận hợp tác"
    assert extract_text(f"{title}\n\n{body}") == Extracted(title, body)


def test_title_alone_gives_an_empty_body() -> None:
    assert extract_text("Hai tỉnh ký thoả thuận hợp tác\n") == Extracted("Hai tỉnh ký thoả thuận hợp tác", "")


@pytest.mark.parametrize("content", ["", "   \n\n\t\xa0\n"])
def test_empty_content_gives_empty_title_and_text(content: str) -> None:
    assert extract_text(content) == Extracted(title="", text="")


def test_text_opening_with_a_paragraph_lends_its_first_sentence_as_title() -> None:
    lead = "Sáng 21/11, TP. Hồ Chí Minh đã tiếp đoàn công tác của tỉnh Gyeongsangbuk. Hai bên trao đổi."
    extracted = extract_text(lead + "\n\nĐoạn thứ hai của bài.")
    assert extracted.title == "Sáng 21/11, TP. Hồ Chí Minh đã tiếp đoàn công tác của tỉnh Gyeongsangbuk"
    assert extracted.text == lead + "\n\nĐoạn thứ hai của bài."


def test_a_long_opening_paragraph_is_cut_on_a_word_for_the_title() -> None:
    lead = "Hai bên nhất trí tăng cường hợp tác " * 20 + "trong thời gian tới."
    extracted = extract_text(lead)
    assert len(extracted.title) <= 201 and extracted.title.endswith("…")
    assert lead.startswith(extracted.title[:-1] + " ")
    assert extracted.text == lead


def test_chrome_before_the_headline_is_skipped() -> None:
    content = (
        "Chào mừng quý khách đến với Cổng thông tin\n• Hotline: 0243.123.456\nTrang chủ\n"
        "Tin tức >> Đối ngoại\nCổng thông tin điện tử tỉnh Yên Bái\n\n"
        "Yên Bái đón đoàn công tác Nhật Bản\n\nSáng 21/11, tỉnh đã tiếp đoàn."
    )
    expected = Extracted("Yên Bái đón đoàn công tác Nhật Bản", "Sáng 21/11, tỉnh đã tiếp đoàn.")
    assert extract_text(content) == expected


def test_dateline_is_kept_clean_and_the_repeated_headline_dropped() -> None:
    title = "Yên Bái đón đoàn Nhật Bản"
    content = f"{title}\n21/11/2023 13:17 | In bài | Chia sẻ\nXem cỡ chữ\n{title}\nLead."
    assert extract_text(content).text == "21/11/2023 13:17\n\nLead."


def test_a_sentence_starting_with_theo_is_body_text() -> None:
    content = "Hai tỉnh ký kết hợp tác\n\nTheo kế hoạch, hai bên sẽ ký thoả thuận.\n\nTheo Báo Yên Bái"
    extracted = extract_text(content)
    assert (extracted.text, extracted.source) == ("Theo kế hoạch, hai bên sẽ ký thoả thuận.", "Báo Yên Bái")


def test_a_credit_in_mid_article_does_not_end_it() -> None:
    middle = ["Kim ngạch tăng 12%.", "Nguồn: Tổng cục Thống kê"] + [f"Đoạn số {i} của bài." for i in range(8)]
    extracted = extract_text("Kim ngạch thương mại Việt - Hàn tăng mạnh\n\n" + "\n\n".join(middle))
    assert extracted.text.split("\n\n") == middle and extracted.source is None


def test_byline_ends_the_article_before_an_unrelated_teaser() -> None:
    content = (
        "Hai tỉnh ký kết hợp tác\n\nĐoạn chính của bài.\n\nMinh Anh (TTXVN)\n"
        "Tin khác về Hà Nội hôm nay\n\nMột đoạn của tin khác.\n\nChia sẻ:"
    )
    expected = Extracted("Hai tỉnh ký kết hợp tác", "Đoạn chính của bài.", source="TTXVN")
    assert extract_text(content) == expected


def test_source_line_with_only_a_url_gives_the_host() -> None:
    content = "Hai tỉnh ký kết hợp tác\n\nĐoạn chính.\n\nNguồn: https://www.baoyenbai.com.vn/12/a.htm"
    extracted = extract_text(content)
    assert (extracted.source, extracted.url) == ("baoyenbai.com.vn", "https://www.baoyenbai.com.vn/12/a.htm")


def test_lead_credit_names_the_agency_when_no_byline_does() -> None:
    content = "Hai tỉnh ký kết hợp tác\n\n(TTXVN) - Sáng nay, hai tỉnh ký kết.\n\nĐoạn sau."
    assert extract_text(content).source == "TTXVN"


@pytest.mark.parametrize(
    ("line", "chrome"),
    [
        ("sct", True),
        ("Welcome to Yen Bai Portal", True),
        ("• Đường dây nóng: 02163.818.555", True),
        ("Tin trong tỉnh >> Chính trị", True),
        ("Trang chủ", True),
        ("Thứ Năm, 23/11/2023", True),
        ("Yên Bái đón đoàn công tác Nhật Bản", False),
        ("Cổng thông tin điện tử tỉnh ra mắt giao diện mới", False),
    ],
)
def test_is_chrome_line(line: str, chrome: bool) -> None:
    assert is_chrome_line(line) is chrome


@pytest.mark.parametrize(
    ("line", "marker"),
    [
        ("Tin cùng chuyên mục", True),
        ("Tin liên quan:", True),
        ("Bình luận (3)", True),
        ("1.845 lượt xem", True),
        ("Click để đánh giá bài viết", True),
        ("Bình luận về kết quả, ông Liêm nói thêm.", False),
        ("Xem thêm: Hai tỉnh ký kết hợp tác", False),
    ],
)
def test_is_end_marker(line: str, marker: bool) -> None:
    assert is_end_marker(line) is marker


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        ("Theo Báo Tuyên Quang", Byline("Báo Tuyên Quang", None, 2)),
        ("Theo baochinhphu.vn", Byline("baochinhphu.vn", None, 2)),
        ("Nguồn: Báo Bình Phước", Byline("Báo Bình Phước", None, 2)),
        ("Xuân Khu (TTXVN)", Byline("TTXVN", None, 1)),
        ("Xuân Khu/TTXVN", Byline("TTXVN", None, 1)),
        ("Việt Hoan - Kim Oanh", Byline()),
        ("Theo kế hoạch, hai bên sẽ ký kết.", None),
        ("Nguồn vốn của dự án đã được bố trí đầy đủ.", None),
        ("Quang cảnh buổi làm việc.", None),
    ],
)
def test_parse_byline(line: str, byline: Byline | None) -> None:
    assert parse_byline(line) == byline


def test_never_raises_on_mangled_input() -> None:
    rng = random.Random(20231121)
    lines = [line for path in sorted(CORPUS.glob("*.txt")) for line in path.read_text("utf-8").splitlines()]
    junk = ["", " ", "•", ">>", "(", ")", "Nguồn:", "Theo", "http://", "17/04/2023", "\u200b", "TP.", "…"]
    for _ in range(300):
        picked = rng.sample(lines, rng.randint(0, 12)) + rng.sample(junk, rng.randint(0, 5))
        rng.shuffle(picked)
        extracted = extract_text("\n".join(picked))
        assert isinstance(extracted.title, str) and isinstance(extracted.text, str)


def test_a_text_whose_title_the_crawl_gave_is_all_body():
    content = "Đoàn công tác tới thăm tỉnh và làm việc với lãnh đạo địa phương.\n\nHai bên ký biên bản."
    found = extract_text(content, title="Tỉnh đón đoàn công tác")
    assert found.title == "Tỉnh đón đoàn công tác"
    assert found.text == content
    repeated = "Tỉnh đón đoàn công tác\n\n" + content
    assert extract_text(repeated, title="Tỉnh đón đoàn công tác").text == content


def test_a_one_line_article_mentioning_a_phone_or_arrows_is_not_chrome():
    line = (
        "Khách hàng có thể gọi tổng đài Viettel: 18008098 để được hỗ trợ >> xem thêm chi tiết về gói "
        "cước mới áp dụng từ tháng này cho thuê bao trả trước và trả sau trên toàn quốc, theo nhà mạng."
    )
    assert extract_text(line, title="Viettel ra mắt gói cước mới").text == line


def test_a_one_paragraph_release_under_a_short_headline_is_a_release() -> None:
    body = "Ngọn lửa bùng lên trong kho hàng; báo chí đưa tin ngay trong đêm."
    found = extract_text(f"Cháy kho hàng\n\n{body}\n")
    assert (found.title, found.text) == ("Cháy kho hàng", body)
