"""URL parameters, the links built from them, and whole-text highlighting."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from indexer.errors import BadRequest
from indexer.store import FACETS
from webui import links
from webui.highlight import highlight_text
from webui.params import lenient_request, search_request, url_params


def args(query: str) -> MultiDict:
    return MultiDict([part.split("=", 1) for part in query.split("&") if part])


def test_repeated_facets_keep_their_order_without_blanks_or_repeats():
    request = search_request(args("q=a&country=Lào&country=&country=Hàn Quốc&country=Lào&year=2023"))
    assert set(request.filters) == set(FACETS)
    chosen = {name: values for name, values in request.filters.items() if values}
    assert chosen == {"country": ("Lào", "Hàn Quốc"), "year": ("2023",)}
    assert (request.page, request.per_page, request.sort) == (1, 10, "relevance")


@pytest.mark.parametrize("query", ["page=abc", "page=1.0", "per_page=١٢", "page=1_000", "page=" + "9" * 30])
def test_numbers_that_are_not_numbers_are_bad_requests(query):
    with pytest.raises(BadRequest, match="must be a whole number"):
        search_request(args(query))


def test_the_library_still_validates_ranges():
    with pytest.raises(BadRequest, match="per_page"):
        search_request(args("per_page=10000"))


def test_nul_characters_are_dropped_from_the_query():
    assert search_request(args("q=h\x00a")).q == "ha"


def test_a_lenient_request_keeps_what_can_be_shown_again():
    request = lenient_request(args("q=x&page=abc&sort=up&country=Lào"))
    assert (request.q, request.sort, request.filters["country"]) == ("x", "relevance", ("Lào",))


def test_url_params_leave_defaults_out():
    request = search_request(args("q=&country=Lào&page=1&per_page=10&sort=relevance"))
    assert url_params(request) == {"country": ["Lào"]}
    assert url_params(request, page=3, country=None) == {"page": 3}


def test_pagination_shows_a_window_and_the_ends(app):
    with app.test_request_context():
        pages = links.pagination(search_request(args("page=10")), total=200)
    numbers = [page.get("number") for page in pages["pages"]]
    assert numbers == [1, None, 8, 9, 10, 11, 12, None, 20]
    assert pages["prev_url"] == "/?page=9" and pages["next_url"] == "/?page=11"
    assert pages["first_number"] == 91


def test_one_page_needs_no_pagination(app):
    with app.test_request_context():
        pages = links.pagination(search_request(args("")), total=3)
    assert pages["pages"] == [] and pages["prev_url"] is None and pages["next_url"] is None


def test_facet_panels_fold_long_lists_but_keep_chosen_values(app):
    values = [{"value": f"v{i:02d}", "count": 50 - i} for i in range(15)]
    request = search_request(args("province=v14"))
    with app.test_request_context():
        (panel,) = links.facet_panels(request, {"province": values})
    assert [item["value"] for item in panel["items"]][-2:] == ["v09", "v14"]
    assert len(panel["more"]) == 4 and panel["items"][-1]["selected"]


def test_highlighting_marks_whole_words_in_the_whole_text_and_escapes_it():
    text = "Hợp tác <b>với</b> Hàn Quốc.\nHàn Quốc & Nhật Bản, " + "x " * 20000 + "cuối Hàn"
    marked = highlight_text(text, "hàn quốc", reader=None)
    assert marked.startswith("Hợp tác &lt;b&gt;với&lt;/b&gt; <mark>Hàn Quốc</mark>.\n")
    assert marked.endswith("cuối Hàn")
    assert highlight_text(text, "han", reader=None).endswith("cuối <mark>Hàn</mark>")
    assert highlight_text(text, "han", reader=None).count("<mark>") == 3


def test_highlighting_without_a_match_or_query_only_escapes():
    assert highlight_text("a <b>", "", reader=None) == "a &lt;b&gt;"
    assert highlight_text("a <b>", "zzz", reader=None) == "a &lt;b&gt;"
    assert highlight_text("a <b>", '((( "', reader=None) == "a &lt;b&gt;"


@pytest.mark.parametrize(
    "url, link",
    [
        ("https://example.vn/a?b=1", "https://example.vn/a?b=1"),
        (" HTTP://example.vn/ ", "HTTP://example.vn/"),
        ("javascript:alert(1)", None),
        (" javascript:alert(1)", None),
        ("java\tscript:alert(1)", None),
        ("http://a.vn/\njavascript:x", None),
        ("data:text/html,<script>", None),
        ("//evil.example/", None),
        ("000_x.txt", None),
        (None, None),
    ],
)
def test_only_web_urls_become_links(url, link):
    assert links.web_link(url) == link
