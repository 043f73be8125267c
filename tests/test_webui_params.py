"""URL parameters, the links built from them, and whole-text highlighting."""

from __future__ import annotations

import pytest
from werkzeug.datastructures import MultiDict

from indexer.errors import BadRequest
from indexer.index.store import FACETS
from indexer.search.run import MAX_QUERY_CHARS
from webui import links
from webui.highlight import highlight_text
from webui.params import (
    MAX_FACET_VALUES,
    MAX_VALUE_CHARS,
    facet_filters,
    lenient_request,
    search_request,
    url_params,
)


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


# --- Bounds: what a hostile URL can make a request do ---------------------------------------

HOSTILE_COUNTRIES = [("country", f"Xứ {n}") for n in range(2000)]  # none of them in the index


def test_a_facet_keeps_at_most_a_few_dozen_values_the_index_holds():
    held = {f"v{n}" for n in range(100)}
    asked = MultiDict([("country", f"v{n}") for n in range(99, -1, -1)] + HOSTILE_COUNTRIES)
    kept = facet_filters(asked, {"country": held})["country"]
    assert kept == tuple(f"v{n}" for n in range(99, 99 - MAX_FACET_VALUES, -1))
    assert facet_filters(MultiDict(HOSTILE_COUNTRIES), {"country": held})["country"] == ("Xứ 0",)
    assert len(facet_filters(MultiDict(HOSTILE_COUNTRIES))["country"]) == MAX_FACET_VALUES  # without an index
    assert facet_filters(args("year=" + "9" * 100_000))["year"] == ("9" * MAX_VALUE_CHARS,)


def test_thousands_of_unknown_values_cost_what_one_does(client):
    one = client.get("/", query_string=[("country", "Lào")])
    many = client.get("/", query_string=[*HOSTILE_COUNTRIES, ("country", "Lào")])
    assert many.status_code == 200 and len(many.data) < len(one.data) + 1000  # was 71 MB
    assert 'value="Lào" checked>' in many.get_data(as_text=True)
    data = client.get("/api/search", query_string=[*HOSTILE_COUNTRIES, ("country", "Lào")]).get_json()
    assert data == client.get("/api/search", query_string=[("country", "Lào")]).get_json()
    unknown = client.get("/api/search", query_string=HOSTILE_COUNTRIES).get_json()
    assert unknown["total"] == 0 and unknown["facets"]["country"][-1] == {"value": "Xứ 0", "count": 0}
    feed = client.get("/feed.atom", query_string=HOSTILE_COUNTRIES)
    assert feed.status_code == 200 and len(feed.data) < 2000


def test_many_chosen_values_of_a_facet_are_removed_together(app):
    request = search_request(args("&".join(f"country=v{n:02d}" for n in range(25)) + "&year=2023"))
    with app.test_request_context():
        chosen = links.chosen_filters(request)
    assert [(c["value"], c["remove_url"]) for c in chosen] == [
        ("25 giá trị", "/?year=2023"),
        ("2023", "/?" + "&".join(f"country=v{n:02d}" for n in range(25))),
    ]


def test_the_document_page_holds_its_query_to_a_searchs_length(client):
    doc_id = client.get("/api/search?per_page=1").get_json()["hits"][0]["id"]
    assert client.get(f"/doc/{doc_id}", query_string={"q": "hợp tác " * 125}).status_code == 200
    refused = client.get(f"/doc/{doc_id}", query_string={"q": "hợp tác " * 30_000})  # 240 KB
    assert refused.status_code == 400 and len(refused.data) < 4000
    assert f"limit {MAX_QUERY_CHARS}" in refused.get_data(as_text=True)


def test_a_refused_query_is_shown_again_once_and_cut_to_the_limit(client):
    response = client.get("/", query_string={"q": "x" * 100_000})
    assert response.status_code == 400 and len(response.data) < 16 * MAX_QUERY_CHARS  # was 803 KB
    assert f'value="{"x" * MAX_QUERY_CHARS}"' in response.get_data(as_text=True)
