"""The HTML pages through Flask's test client: search, facets, documents, hostile input."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest

from indexer.search.snippets import SCAN_CHARS
from tests.conftest import seed_id

pytestmark = pytest.mark.usefixtures("engine")  # every test here runs on both engines

YEN_BAI = seed_id("003_66be082b74e51ac7.txt")
THAI_NGUYEN_URL = "https://baoxaydung.com.vn/bi-thu-tinh-uy-thai-nguyen-tiep-va-lam-viec-voi-doan-cong-tac-cua-tinh-gyeongsangbuk-do-han-quoc-358872.html"  # noqa: E501


class Page(HTMLParser):
    """The parts of a page the tests look at: links, checkboxes, scripts, styles, marks."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.checkboxes: dict[tuple[str, str], bool] = {}
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if "href" in attributes:
            self.hrefs.append(attributes["href"] or "")
        if tag == "input" and attributes.get("type") == "checkbox":
            self.checkboxes[(attributes["name"], attributes["value"])] = "checked" in attributes


def get_page(client, url: str, status: int = 200) -> tuple[str, Page]:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    html = response.get_data(as_text=True)
    return html, Page(html)


def test_search_page_keeps_the_query_and_shows_hits(client):
    html, page = get_page(client, "/?q=hợp+tác")
    assert 'value="hợp tác"' in html
    assert "kết quả cho “hợp tác”" in html
    assert f"/doc/{YEN_BAI}?q=h%E1%BB%A3p+t%C3%A1c" in page.hrefs
    assert '<time datetime="2023-11-21">21/11/2023</time>' in html
    assert html.count('<p class="snippet">') == html.count('<li class="hit">') > 0


def test_every_snippet_has_a_mark(client):
    html, _ = get_page(client, "/?q=hợp+tác&per_page=100")
    snippets = html.split('<p class="snippet">')[1:]
    assert len(snippets) == 7
    assert all("<mark>" in s.split("</p>")[0] for s in snippets)


def test_a_country_filter_keeps_the_other_countries_counts(client):
    html, page = get_page(client, "/?q=hợp+tác&country=Nhật+Bản")
    assert "1 kết quả" in html
    assert f"/doc/{YEN_BAI}?q=h%E1%BB%A3p+t%C3%A1c" in page.hrefs
    assert page.checkboxes[("country", "Nhật Bản")] is True
    assert page.checkboxes[("country", "Hàn Quốc")] is False
    assert re.search(r'<span class="value">Hàn Quốc</span>\s*<span class="count">4</span>', html)


def test_two_countries_give_the_union(client):
    html, page = get_page(client, "/?q=hợp+tác&country=Nhật+Bản&country=Lào")
    assert "3 kết quả" in html
    assert page.checkboxes[("country", "Nhật Bản")] and page.checkboxes[("country", "Lào")]


def test_chosen_values_are_removable_one_by_one_or_all_at_once(client):
    _, page = get_page(client, "/?q=Lào&country=Nhật+Bản&country=Lào&year=2023&sort=newest")
    assert "/?q=L%C3%A0o&country=L%C3%A0o&year=2023&sort=newest" in page.hrefs
    assert "/?q=L%C3%A0o&country=Nh%E1%BA%ADt+B%E1%BA%A3n&country=L%C3%A0o&sort=newest" in page.hrefs
    assert "/?q=L%C3%A0o&sort=newest" in page.hrefs


def test_an_empty_query_lists_every_document_newest_first(client):
    html, _ = get_page(client, "/")
    assert "7 kết quả" in html
    dates = [chunk.split('"', 1)[0] for chunk in html.split('<time datetime="')[1:]]
    assert dates == sorted(dates, reverse=True) and dates[0] == "2024-01-02"


def test_pages_link_to_each_other(client):
    html, page = get_page(client, "/?per_page=2&page=2")
    assert '<ol class="hits" start="3">' in html
    assert "/?per_page=2" in page.hrefs and "/?per_page=2&page=3" in page.hrefs
    assert 'aria-current="page"' in html


def test_the_page_links_to_its_json_twin_feed_and_opensearch(client):
    html, page = get_page(client, "/?q=Mimasaka&country=Lào&per_page=5")
    links = {(a.get("rel"), a.get("type")): a.get("href") for tag, a in page.tags if tag == "link"}
    assert links[("alternate", "application/atom+xml")] == "/feed.atom?q=Mimasaka&country=L%C3%A0o"
    assert links[("alternate", "application/json")] == "/api/search?q=Mimasaka&country=L%C3%A0o&per_page=5"
    assert links[("search", "application/opensearchdescription+xml")] == "/opensearch.xml"


@pytest.mark.parametrize("url", ["/?q=Lào", "/?q=alert", "/?country=Lào&per_page=100", "/feed.atom?q=Lào"])
def test_hostile_documents_are_shown_as_text(client, url):
    html, page = get_page(client, url)
    assert "<img src=x" not in html and "<script>alert" not in html and "<b onmouseover" not in html
    if url.startswith("/feed.atom"):  # an HTML summary inside XML: escaped for each, twice
        assert "&amp;lt;img src=x onerror=" in html
    else:
        assert "&lt;img src=x onerror=" in html and "&amp;lt;" not in html
    assert not [h for h in page.hrefs if h.strip().lower().startswith("javascript:")]


def test_a_hostile_document_page_has_no_javascript_link(client, hostile_ids):
    html, page = get_page(client, f"/doc/{hostile_ids[0]}?q=Lào")
    assert "<img src=x" not in html and "<script>alert" not in html
    assert "Thông cáo &lt;img src=x onerror=alert(1)&gt; &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<dd class="url">javascript:alert(1)</dd>' in html
    assert not [h for h in page.hrefs if h.strip().lower().startswith("javascript:")]
    assert "<mark>Lào</mark>" in html


def test_the_document_page_marks_the_query_in_the_whole_text(client):
    html, page = get_page(client, f"/doc/{YEN_BAI}?q=mimasaka")
    assert "<h1>Tỉnh Yên Bái và Thành phố Mimasaka (Nhật Bản)" in html
    assert html.count("<mark>Mimasaka</mark>") >= 3
    assert f"/api/doc/{YEN_BAI}" in page.hrefs


def test_a_page_links_the_original_by_its_url_and_a_record_without_one_has_a_page(client, hostile_ids):
    html, page = get_page(client, f"/doc/{seed_id('001_5afb966c1325a250.txt')}")
    assert "Thái Nguyên" in html
    assert THAI_NGUYEN_URL in page.hrefs  # the original, an https link
    html, _ = get_page(client, f"/doc/{hostile_ids[1]}")
    assert "&lt;script&gt;alert(2)&lt;/script&gt; Hợp tác với Lào" in html


def test_an_unknown_document_is_a_404_page(client):
    html, _ = get_page(client, "/doc/no-such-release.txt", status=404)
    assert "Không tìm thấy tài liệu" in html


@pytest.mark.parametrize(
    "query, status",
    [
        ("page=abc", 400),
        ("per_page=10000", 400),
        ("page=-1", 400),
        ("page=99999999999999999999", 400),
        ("sort=sideways", 400),
        ("q=" + "a" * 5000, 400),
        ("q=%00hợp%00tác", 200),
        ('q=((( "', 200),
        ("q=title:", 200),
        ("q=%FF%FE", 200),
        ("year=abc&country=Atlantis", 200),
        ("page=500", 200),
    ],
)
def test_bad_input_gives_a_message_never_a_500(client, query, status):
    html, _ = get_page(client, "/?" + query, status=status)
    if status == 400:
        assert 'class="error" role="alert"' in html


def test_every_response_carries_the_security_headers(client):
    for url in ("/", "/doc/nope", "/api/search", "/feed.atom", "/static/style.css"):
        with client.get(url) as response:
            headers = response.headers
        policy = headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert "unsafe-inline" not in policy
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"]


def test_pages_have_no_inline_scripts_or_styles(client):
    for url in ("/?q=hợp+tác&country=Nhật+Bản", f"/doc/{YEN_BAI}", "/nope", "/?page=abc"):
        response = client.get(url)
        page = Page(response.get_data(as_text=True))
        for _, attrs in page.tags:
            assert "style" not in attrs and not [name for name in attrs if name.startswith("on")]
        assert all(attrs.get("src") for tag, attrs in page.tags if tag == "script")
        assert "style" not in [tag for tag, _ in page.tags]


def test_a_bare_query_suggests_its_accented_form(client):
    page = client.get("/?q=han+quoc").get_data(as_text=True)
    assert "Có phải bạn muốn tìm" in page and "hàn quốc</a>" in page
    assert client.get("/api/search?q=han+quoc").get_json()["suggestion"] == "hàn quốc"


def test_the_sidebar_says_counts_count_stories(client):
    html, _ = get_page(client, "/?q=hợp+tác")
    assert "Số đếm tính theo tin: một thông cáo và các bản tương tự của nó tính là một." in html
    assert "kèm các bản tương tự (mỗi tài liệu một dòng)" in html  # what the export holds


# --- A crafted crawl: control characters, and a text far longer than a snippet reads -------

CONTROLS = "".join(map(chr, [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)]))
LONG_TEXT = "Tỉnh Nghệ An tổ chức hội nghị xúc tiến đầu tư. " * 5000 + "Cuối cùng, đoàn Gyeongju ký biên bản."
DATELINED = "Thứ hai - 17/04/2023 15:13\n\nSáng 17/4, đoàn tỉnh Gangwon đến Bắc Ninh. Hai bên bàn đầu tư."


@pytest.fixture(scope="module")
def crafted(tmp_path_factory):
    """A client over three releases: one with raw control characters, one of 240,000
    characters, one opening with a portal's dateline."""
    import json

    from indexer.index.pipeline import index_paths
    from tests.conftest import new_store
    from webui.app import create_app

    folder = tmp_path_factory.mktemp("views")
    records = [
        {
            "title": "Thông\x07 cáo\x1b về\x9b hợp tác\x00 với Lào",
            "source": "Báo\x08 Lào\x7f Cai",
            "text": "Đoàn\x01 công tác tỉnh Điện Biên\x9c thăm Lào, bàn hợp tác\x1b về nông nghiệp.\n"
            "Hai bên\x02 thống nhất\x0c mở rộng hợp tác\x80 về du lịch.",
            "url": "https://a.example.vn/1",
            "published": "2024-02-03",
        },
        {"title": "Nghệ An xúc tiến đầu tư", "text": LONG_TEXT, "url": "https://a.example.vn/2"},
        {"title": "Tỉnh Gangwon thăm Bắc Ninh", "text": DATELINED, "url": "https://a.example.vn/3"},
    ]
    (folder / "crawl.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    assert not index_paths(new_store(folder / "index"), [folder / "crawl.jsonl"]).rejected
    return create_app(folder / "index", {"TESTING": True}).test_client()


def first_hit(client, q: str) -> dict:
    return client.get("/api/search", query_string={"q": q}).get_json()["hits"][0]


def test_pages_show_no_control_characters(crafted):
    hit = first_hit(crafted, "hợp tác Lào")
    assert set(hit["title"] + hit["source"]) & set(CONTROLS)  # the index keeps what was crawled
    for url in ("/?q=hợp+tác+Lào", f"/doc/{hit['id']}?q=hợp+tác", f"/doc/{hit['id']}"):
        html, _ = get_page(crafted, url)
        assert not set(html) & set(CONTROLS), url
        text = re.sub("</?mark>", "", html)  # the search page marks the title's words
        assert "Thông cáo về hợp tác với Lào" in text and "Báo Lào Cai" in text
    html, _ = get_page(crafted, f"/doc/{hit['id']}?q=hợp+tác")
    assert "bàn <mark>hợp tác</mark> về nông nghiệp.\n\nHai bên thống nhất" in html  # lines kept


def test_the_document_page_marks_matches_to_the_end_of_a_long_text(crafted):
    hit = first_hit(crafted, "Gyeongju")
    assert len(LONG_TEXT) > SCAN_CHARS
    html, _ = get_page(crafted, f"/doc/{hit['id']}?q=Gyeongju")
    assert "Cuối cùng, đoàn <mark>Gyeongju</mark> ký biên bản." in html


def test_an_accented_query_finding_few_links_the_same_words_without_accents(client):
    accented = client.get("/api/search?q=báo").get_json()
    widened = accented["widened"]
    assert widened["query"] == "bao" and widened["total"] > accented["total"]
    html, page = get_page(client, "/?q=báo")
    assert "/?q=bao" in page.hrefs and f"{widened['total']} kết quả (bao)" in html
    assert 'class="widened"' not in get_page(client, "/?q=bao")[0]


def test_a_hit_title_is_marked_like_its_snippet_which_opens_past_the_dateline(crafted):
    html, _ = get_page(crafted, "/?q=gangwon")
    assert ">Tỉnh <mark>Gangwon</mark> thăm Bắc Ninh</a></h3>" in html
    snippet = "Sáng 17/4, đoàn tỉnh <mark>Gangwon</mark> đến Bắc Ninh."
    assert f'<p class="snippet">{snippet}</p>' in html
    hit = first_hit(crafted, "gangwon")  # the API's title stays plain text
    assert (hit["title"], hit["snippet"]) == ("Tỉnh Gangwon thăm Bắc Ninh", snippet)


def test_a_title_is_escaped_and_marked_only_for_a_query(crafted):
    html, _ = get_page(crafted, "/?q=Lào")
    assert ">Thông cáo về hợp tác với <mark>Lào</mark></a></h3>" in html
    html, _ = get_page(crafted, "/")
    assert ">Tỉnh Gangwon thăm Bắc Ninh</a></h3>" in html and "<mark>" not in html


def test_a_page_short_of_hits_shows_the_releases_missing_one_word_apart(client):
    html, page = get_page(client, "/?q=Imsil+Tuyên+Quang+Mimasaka")  # no release names all three
    assert "0 kết quả" in html and "Gần đúng: có mọi từ bạn gõ trừ một" in html
    imsil = seed_id("000_eb25f7a71b7afa55.txt")
    assert any(href.startswith(f"/doc/{imsil}") for href in page.hrefs)
    assert "Gần đúng" not in get_page(client, "/?q=Imsil")[0]


def test_a_page_past_the_last_says_so_and_links_to_the_last(client):
    total = client.get("/api/search?q=hợp+tác&per_page=2").get_json()["total"]
    last = -(-total // 2)
    page = client.get(f"/?q=hợp+tác&per_page=2&page={last + 3}").get_data(as_text=True)
    assert f"{total} kết quả chỉ có {last} trang" in page and "Không tìm thấy thông cáo nào" not in page
    assert f'page={last}">Về trang cuối ({last})</a>' in html.unescape(page)
