"""What is not the article: bylines, credits, captions and related headlines make no facet.

Each sentence is written for this test in the shape the papers of ../shared/news print.
"""

from __future__ import annotations

from indexer.documents import Document, SourceItem
from indexer.extract.apparatus import article_only
from indexer.extract.build import build_document


def facets_of(title: str, body: str) -> Document:
    doc = build_document(SourceItem("/crawl/tin.txt", "text", f"{title}\n\n{body}"), "d")
    assert isinstance(doc, Document)
    return doc


def test_the_reporters_name_on_the_last_line_is_no_province():
    body = ("Sáng nay, Quốc hội thảo luận dự án Luật Đất đai sửa đổi. Nhiều đại biểu đề nghị làm rõ "
            "cơ chế thu hồi đất và bồi thường cho người dân.\nThái Bình")
    assert "Thái Bình" not in article_only(body)
    assert facets_of("Quốc hội thảo luận Luật Đất đai", body).provinces == ()


def test_a_newspaper_cited_as_the_source_is_not_where_the_story_happens():
    body = ("Tối 3/5, một xe khách lật trên quốc lộ 1A đoạn qua huyện Mỹ Tú, tỉnh Sóc Trăng, khiến "
            "hai người bị thương (theo báo PL TP.HCM). Công an tỉnh Sóc Trăng đang điều tra.")
    assert facets_of("Xe khách lật, hai người bị thương", body).provinces == ("Sóc Trăng",)


def test_an_inline_related_headline_is_not_the_story():
    body = ("Một máy bay nhỏ rơi xuống khu dân cư ở California, Mỹ [Máy bay huấn luyện của không quân "
            "Italy rơi xuống biển] khiến hai người thiệt mạng. Nhà chức trách Mỹ đang điều tra.")
    assert "Italy" not in article_only(body)
    assert facets_of("Máy bay rơi ở California", body).countries == ("Hoa Kỳ",)


def test_photo_captions_make_no_facet():
    body = ("Đoàn công tác tỉnh Lạng Sơn làm việc với chính quyền huyện Bằng Tường về thông quan hàng "
            "hóa. Xe chở hàng chờ qua cửa khẩu Hữu Nghị. Ảnh: Ngọc An. Hai bên thống nhất kéo dài giờ "
            "làm việc của cửa khẩu. Lạng Sơn cũng đề nghị phía bạn tăng chuyến tàu.\n"
            "Tàu du lịch trên vịnh Hạ Long, Quảng Ninh (Ảnh: Hải Anh)")
    own = article_only(body)
    assert "Ngọc An" not in own and "Quảng Ninh" not in own
    assert facets_of("Lạng Sơn bàn thông quan với Bằng Tường", body).provinces == ("Lạng Sơn",)


def test_captions_in_every_form_the_papers_print():
    """The caption and its credit go; a credit glued to the next sentence takes a word or two
    of it, which costs the facets nothing."""
    for caption, rest in [
        ("Hiện trường vụ cháy ở Hải Dương. Ảnh: Trần Hà. ", "Lực lượng cứu hỏa có mặt kịp thời."),
        ("Cảnh sát phong tỏa hiện trường ở Munich, Đức. Ảnh minh họa: Reuters ", "Nhà chức trách cho biết"),
        ("Khách tham quan tại cảng Nha Trang - Ảnh: T.THỊNH", "Ban quản lý cảng cho biết"),
        ("Nhà lãnh đạo thị sát ở Bình Nhưỡng. (Ảnh: Getty) ", "Hãng thông tấn đưa tin"),
    ]:
        own = article_only(f"Câu mở đầu. {caption}{rest}")
        assert own.startswith("Câu mở đầu.") and own.endswith(rest[-9:])
        assert not any(word in own for word in ("Hải Dương", "Đức", "Nha Trang", "Bình Nhưỡng", "Ảnh"))


def test_related_blocks_and_a_charity_appeal_make_no_facet():
    body = ("Bệnh nhân đang điều trị tại Bệnh viện Đà Nẵng, gia đình không còn khả năng chi trả.\n"
            "Tin liên quan\nHà Nội mưa lớn, nhiều tuyến phố ngập\nQuảng Nam sạt lở núi\n"
            "Mọi sự giúp đỡ xin gửi về: Báo điện tử, số 48 Giải Phóng, Hà Nội. Số tài khoản: 0011, "
            "chi nhánh TP.HCM.")
    own = article_only(body)
    assert own == "Bệnh nhân đang điều trị tại Bệnh viện Đà Nẵng, gia đình không còn khả năng chi trả."
    assert facets_of("Cần giúp đỡ bệnh nhân nghèo", body).provinces == ("Đà Nẵng",)


def test_a_credit_or_a_compilers_name_that_ends_the_text_is_cut():
    assert article_only("Ba đội dẫn đầu bảng. Theo Bongdaplus") == "Ba đội dẫn đầu bảng."
    assert article_only("Kết thúc bài.\n\nHà Thu (tổng hợp)") == "Kết thúc bài."
    assert article_only("Kỹ sư thiết kế. MINH PHƯƠNG (Theo Quartz, Dân trí)") == "Kỹ sư thiết kế."


def test_the_text_stays_searchable_as_crawled():
    body = "Đoàn tỉnh Bắc Ninh thăm Hàn Quốc, ký kết hợp tác. Đoàn chụp ảnh ở Seoul. Ảnh: Thái Bình.\nHết."
    doc = facets_of("Bắc Ninh thăm Hàn Quốc", body)
    assert "Ảnh: Thái Bình" in doc.text and doc.provinces == ("Bắc Ninh",)
