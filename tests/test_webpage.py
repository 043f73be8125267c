"""indexer.extract.webpage on the nine real article pages (read in place from ../shared/html)
and on tiny pages."""

from __future__ import annotations

import csv
import datetime
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.documents import Extracted
from indexer.extract.dates import parse_meta_date
from indexer.extract.webpage import extract_html
from tests.conftest import SHARED, shared

PAGES_DIR = SHARED / "html"
needs_pages = pytest.mark.usefixtures("shared_pages")


@dataclass(frozen=True)
class Page:
    """One saved article and what a reader sees on it."""

    file: str
    headline: str
    lead: str  # a phrase of the sapo, the paragraph printed under the headline
    chrome: tuple[str, ...]  # menu, footer, login and related-news strings found elsewhere on the page
    published: datetime.date  # INDEX.tsv's `published`; baodautu's from its "post-time" byline


MARCH_7 = datetime.date(2026, 3, 7)
ARTICLES = [
    Page("baochinhphu_article.html", "Chính sách mới có hiệu lực từ tháng 3/2026",
         lead="Tháng 3/2026 có nhiều chính sách mới có hiệu lực",
         chrome=("Tải ứng dụng", "Ghi rõ nguồn", "Khởi nghiệp", "BÁO ĐIỆN TỬ CHÍNH PHỦ"),
         published=datetime.date(2026, 3, 1)),
    Page("baodautu_article.html",
         "Xử phạt Giám đốc tài chính Tập đoàn Tiên Sơn Thanh Hoá vì thao túng cổ phiếu",
         lead="đã sử dụng 30 tài khoản chứng khoán",
         chrome=("Liên hệ quảng cáo", "Tổng biên tập", "TIN LIÊN QUAN", "Hợp đồng tương lai VN30"),
         published=MARCH_7),
    Page("cafef_article.html",
         "Thời điểm nâng hạng cận kề, MBS điểm tên 30 cổ phiếu Việt Nam có khả năng lọt rổ chỉ số FTSE",
         lead="Dự kiến Việt Nam có thể thu hút",
         chrome=("Liên hệ quảng cáo", "Copyright", "TIN MỚI", "Hotline"),
         published=MARCH_7),
    Page("cafef_article_batdongsan.html",
         "Tăng hỗ trợ, giảm áp lực tài chính khi chuyển mục đích sử dụng đất",
         lead="Bộ Tài chính cho biết các quy định mới về tiền sử dụng đất",
         chrome=("Liên hệ quảng cáo", "Copyright", "TIN MỚI", "Hotline"),
         published=MARCH_7),
    Page("dantri_article.html", "Giá vàng giảm, vẫn cao hơn thế giới gần 20 triệu đồng/lượng",
         lead="Giá vàng trong nước tiếp tục giảm",
         chrome=("Liên hệ quảng cáo", "Tổng biên tập", "Đọc nhiều", "Bản quyền"),
         published=MARCH_7),
    Page("nld_article.html", "Những sai sót hộ kinh doanh thường gặp khi thực hiện quy định mới về thuế",
         lead="Không ít hộ kinh doanh chưa quen",
         chrome=("Đăng nhập", "Gửi bình luận", "Tin liên quan", "HOTLINE"),
         published=MARCH_7),
    Page("tuoitre_article.html", "Chiến sự đẩy giá hoa nhập khẩu dịp 8-3 tăng mạnh",
         lead="các shop hoa ghi nhận tình trạng hoa nhập khẩu khan hiếm",
         chrome=("Đăng nhập", "Gửi bình luận", "Copyright", "xuất khẩu Việt lao đao"),
         published=MARCH_7),
    Page("vietnamnet_article.html", "Cổ phiếu FLC được giao dịch trở lại",
         lead="đã được giao dịch trở lại thông qua hệ thống lưu ký",
         chrome=("Liên hệ quảng cáo", "Tổng biên tập", "Tải ứng dụng", "Tin nổi bật"),
         published=MARCH_7),
    Page("vnexpress_article.html", "Cách các nước đối phó cú sốc năng lượng từ Trung Đông",
         lead="Thái Lan hạn chế xuất khẩu nhiên liệu",
         chrome=("Trở lại Kinh doanh", "Copy link thành công", "Danh mục", "Lãnh tụ Iran bị hạ sát"),
         published=MARCH_7),
]  # fmt: skip


def _index() -> dict[str, dict[str, str]]:
    """INDEX.tsv's rows by file name: where each saved page came from."""
    with (PAGES_DIR / "INDEX.tsv").open(encoding="utf-8", newline="") as handle:
        return {row["file"]: row for row in csv.DictReader(handle, delimiter="\t")}


def _extract(page: str) -> Extracted:
    return extract_html((PAGES_DIR / page).read_text(encoding="utf-8"))


@needs_pages
@pytest.mark.parametrize("page", ARTICLES, ids=lambda page: page.file.removesuffix(".html"))
def test_article_page(page: Page) -> None:
    found = _extract(page.file)
    assert found.title == page.headline
    assert page.lead in found.text.split("\n\n")[0]  # the sapo opens the text
    assert not [chrome for chrome in page.chrome if chrome in found.text]
    assert found.url == _index()[page.file]["page_url"]  # the page's canonical link
    assert found.source
    assert parse_meta_date(found.meta_dates[0]) == page.published


@needs_pages
def test_index_dates_agree_with_the_table() -> None:
    index = _index()
    for page in ARTICLES:
        if index[page.file]["published"] != "None":
            assert parse_meta_date(index[page.file]["published"]) == page.published


@needs_pages
@pytest.mark.parametrize(
    "file", ["baochinhphu_list.html", "vnexpress_list.html", "dantri_homepage.html", "tuoitre_list.html"]
)
def test_listing_pages_give_a_result_too(file: str) -> None:
    found = _extract(file)
    assert found.title and found.url


def test_paragraphs_lead_first_without_chrome() -> None:
    page = """<html><head><title>Khai mạc hội chợ - Báo Mẫu</title></head><body>
      <div class="menu"><a href="/">Trang chủ</a> <a href="/kt">Kinh tế</a></div>
      <div class="login-box">Đăng nhập | Đăng ký</div>
      <h1>Khai mạc hội chợ</h1>
      <h2 class="detail-sapo">Sáng 7/3, hội chợ hàng Việt khai mạc tại Hà Nội với 300 gian hàng.</h2>
      <div class="content">
        <p>Hội chợ kéo dài đến hết ngày 12/3 với nhiều sản phẩm của các tỉnh phía Bắc.</p>
        <div class="share-buttons">Chia sẻ Facebook</div>
        <p>Ban tổ chức dự kiến đón khoảng 50.000 lượt khách tham quan mua sắm.<br>Vào cửa tự do.</p>
        <ul><li><a href="/a">Tin cũ một</a></li><li><a href="/b">Tin cũ hai</a></li></ul>
        <script>var ads = 1;</script><style>p {color: red}</style>
        <div class="box-comment">Bình luận của bạn đọc</div>
      </div>
      <footer>© Báo Mẫu. Liên hệ quảng cáo</footer></body></html>"""
    found = extract_html(page)
    assert found.title == "Khai mạc hội chợ"
    assert found.text.split("\n\n") == [
        "Sáng 7/3, hội chợ hàng Việt khai mạc tại Hà Nội với 300 gian hàng.",
        "Hội chợ kéo dài đến hết ngày 12/3 với nhiều sản phẩm của các tỉnh phía Bắc.",
        "Ban tổ chức dự kiến đón khoảng 50.000 lượt khách tham quan mua sắm.",
        "Vào cửa tự do.",
    ]


def test_portal_page_in_a_form_with_br_lines() -> None:
    page = """<html><body><form id="aspnetForm"><div class="menu"><a href="/">Trang chủ</a></div>
      <table><tr><td class="left"><a href="/1">Tin khác</a></td><td class="content">
      Ngày 5/3/2026, Ủy ban nhân dân tỉnh tổ chức hội nghị xúc tiến đầu tư.<br>
      Hội nghị thu hút hơn 200 đại biểu tham dự.<br></td></tr></table>
      <div class="footer">Bản quyền thuộc Cổng thông tin điện tử tỉnh</div></form></body></html>"""
    assert extract_html(page).text == (
        "Ngày 5/3/2026, Ủy ban nhân dân tỉnh tổ chức hội nghị xúc tiến đầu tư.\n\n"
        "Hội nghị thu hút hơn 200 đại biểu tham dự."
    )


@pytest.mark.parametrize(
    ("head", "title"),
    [
        ('<meta property="og:title" content="Giá vàng giảm">', "Giá vàng giảm tiếp"),  # the h1 wins
        ('<meta property="og:title" content="Giá vàng giảm mạnh">', "Giá vàng giảm tiếp"),
        ("<title>Giá vàng giảm - Báo Mẫu</title>", "Giá vàng giảm tiếp"),
    ],
)
def test_title_prefers_the_article_h1(head: str, title: str) -> None:
    assert extract_html(f"<head>{head}</head><h1>Giá vàng giảm tiếp</h1>").title == title


def test_title_ignores_a_logo_h1_and_strips_the_site_name() -> None:
    page = '<head><title>Giá vàng giảm | Báo Mẫu</title><meta property="og:site_name" content="Báo Mẫu">'
    assert extract_html(page + "</head><h1>Báo Mẫu</h1>").title == "Giá vàng giảm"


@pytest.mark.parametrize(
    ("head", "argument", "url"),
    [
        ('<link rel="canonical" href="https://a.vn/1"><meta property="og:url" content="https://a.vn/2">',
         "https://a.vn/3", "https://a.vn/1"),
        ('<meta property="og:url" content="https://a.vn/2">', "https://a.vn/3", "https://a.vn/2"),
        ("", "https://a.vn/3", "https://a.vn/3"),
        ("", None, None),
        ('<link rel="canonical" href="/tin/1.htm">', "https://a.vn/x?utm=1", "https://a.vn/tin/1.htm"),
    ],
)  # fmt: skip
def test_url_canonical_then_og_url_then_argument(head: str, argument: str | None, url: str | None) -> None:
    assert extract_html(f"<head>{head}</head><p>x</p>", argument).url == url


def _ld(*blocks: str) -> str:
    return "".join(f'<script type="application/ld+json">{block}</script>' for block in blocks)


@pytest.mark.parametrize(
    ("blocks", "dates", "source"),
    [
        (['{"@type": "NewsArticle", "datePublished": "2026-03-07T08:00:00+07:00",'
          ' "publisher": {"@type": "Organization", "name": "Báo Mẫu"}}'],
         ("2026-03-07T08:00:00+07:00",), "Báo Mẫu"),
        (['[{"@type": "BreadcrumbList"}, {"@type": "NewsArticle", "datePublished": "2026-03-01"}]'],
         ("2026-03-01",), "a.vn"),
        (['{"@graph": [{"@id": "#org", "name": "Báo Mẫu"},'
          ' {"datePublished": "2026-02-01", "publisher": {"@id": "#org"}}]}'], ("2026-02-01",), "Báo Mẫu"),
        (['{"datePublished": "2026-01-05", "headline": "a "quoted" word"}', "{oops"],
         ("2026-01-05",), "a.vn"),
        (["[" * 5000, "null", '"text"', "1e999999"], (), "a.vn"),
    ],
)  # fmt: skip
def test_json_ld_lists_graphs_and_malformed_blocks(blocks: list[str], dates: tuple, source: str) -> None:
    found = extract_html(f"<head>{_ld(*blocks)}</head><p>x</p>", "https://www.a.vn/1")
    assert (found.meta_dates, found.source) == (dates, source)


def test_meta_dates_in_priority_order() -> None:
    page = (
        '<head><meta name="pubdate" content="2026-03-04"><meta property="og:site_name" content="Mẫu">'
        '<meta property="article:published_time" content="2026-03-01T09:00:00+07:00">'
        + _ld('{"datePublished": "2026-03-02"}')
        + '</head><time datetime="2026-03-03">3/3</time><span class="post-time">05/03/2026 08:47</span>'
    )
    assert extract_html(page).meta_dates == (
        "2026-03-01T09:00:00+07:00", "2026-03-02", "2026-03-03", "2026-03-04", "05/03/2026 08:47",
    )  # fmt: skip


@pytest.mark.parametrize(
    "html",
    ["", "   ", "<html>", "<<<>>>", "\x00\x01", "https://example.com/a.html", "a.html",
     "<?xml version='1.0'?><rss><item><title>x</title></item></rss>", "<p><p><table><td><li>",
     "<div>" * 20000 + "x", "<b>" * 20000 + "x", "<h1>" * 5000, "<p>" + "<a>x" * 5000,
     "<html><head><title>Chỉ có tiêu đề</title></head></html>", "<meta property='og:title'>"],
    ids=lambda html: repr(html[:24]),
)  # fmt: skip
def test_garbage_never_raises(html: str) -> None:
    assert isinstance(extract_html(html), Extracted)


def test_text_is_clean_of_controls_and_zero_width() -> None:
    assert extract_html("<p>Hà\u200b Nội\x01 &amp;nbsp;mùa\xa0xuân</p>").text == "Hà Nội mùa xuân"


_TOKENS = [
    "<div>", "</div>", "<p>", "</p>", "<h1>", "<a href='/x'>", "</a>", "<br>", "<script>", "Tin", " ", "]",
    "<meta property='og:title' content='T'>", "<link rel=canonical href=':'>", "<time datetime>",
    '<script type="application/ld+json">{"@graph": [', "&#xD800;", "<!--", "<![CDATA[",
]  # fmt: skip
_MARKUP = st.lists(st.sampled_from(_TOKENS) | st.text(max_size=5), max_size=40).map("".join)


@settings(max_examples=150, deadline=None)
@given(_MARKUP, st.none() | st.text())
def test_any_markup_gives_a_result(html: str, url: str | None) -> None:
    assert isinstance(extract_html(html, url), Extracted)


@pytest.fixture
def shared_pages():
    """The real pages live beside the project, in ../shared/html; CI has them too."""
    shared("html")


def test_a_bug_in_extraction_surfaces_instead_of_passing_for_a_page_without_text(monkeypatch):
    import indexer.extract.webpage as webpage

    def broken(soup, meta):
        raise AttributeError("a bug in the body finder")

    monkeypatch.setattr(webpage, "_body", broken)
    with pytest.raises(AttributeError, match="a bug in the body finder"):
        extract_html("<html><body><p>Tỉnh Quảng Trị hợp tác với Lào.</p></body></html>")
