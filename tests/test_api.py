"""The JSON API: exactly the library's result, 400s and 404s as {"error": ...}, never a 500."""

from __future__ import annotations

import re

import pytest

from indexer.engines.choice import snapshots_for
from indexer.search.run import SearchRequest, search
from tests.conftest import cli_json, seed_id

YEN_BAI = seed_id("003_66be082b74e51ac7.txt")
HIT_KEYS = {
    "id",
    "title",
    "url",
    "source",
    "published",
    "year",
    "countries",
    "provinces",
    "snippet",
    "score",
    "province_2025",
    "locality",
    "story",
    "copies",
}


def get_json(client, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/json"
    return response.get_json()


def counts(data: dict, facet: str) -> dict[str, int]:
    return {item["value"]: item["count"] for item in data["facets"][facet]}


def test_search_returns_the_librarys_result_unchanged(client, web_index):
    data = get_json(client, "/api/search?q=hợp+tác&country=Hàn+Quốc&page=2&per_page=2&sort=newest")
    request = SearchRequest("hợp tác", {"country": ("Hàn Quốc",), "province": (), "year": ()}, 2, 2, "newest")
    assert data == search(snapshots_for(web_index).current(), request).to_dict()
    keys = {"query", "total", "page", "per_page", "hits", "facets", "timeline", "suggestion", "widened"}
    assert set(data) == keys
    assert all(set(hit) == HIT_KEYS for hit in data["hits"])


def test_search_matches_the_command_line(client, web_index):
    data = get_json(client, "/api/search?q=hợp+tác&country=Nhật+Bản&country=Lào")
    assert data == cli_json("search", "hợp tác", "--country", "Nhật Bản", "--country", "Lào", index=web_index)


def test_one_country_finds_yen_bai_and_still_counts_the_others(client):
    data = get_json(client, "/api/search?q=hợp+tác&country=Nhật+Bản")
    assert [hit["id"] for hit in data["hits"]] == [YEN_BAI]
    assert counts(data, "country") == {"Hàn Quốc": 4, "Lào": 2, "Nhật Bản": 1}
    assert counts(data, "province") == {"Yên Bái": 1}


def test_values_of_one_facet_are_ored_and_facets_anded(client):
    both = get_json(client, "/api/search?q=hợp+tác&country=Nhật+Bản&country=Lào")
    assert both["total"] == 3
    anded = get_json(client, "/api/search?q=hợp+tác&country=Nhật+Bản&country=Lào&province=Yên+Bái")
    assert [hit["id"] for hit in anded["hits"]] == [YEN_BAI]


def test_unknown_facet_values_give_zero_hits(client):
    data = get_json(client, "/api/search?country=Atlantis&year=abc")
    assert data["total"] == 0 and data["hits"] == []


def test_every_snippet_is_escaped_html_with_marks(client):
    data = get_json(client, "/api/search?q=hợp+tác&per_page=100")
    assert data["total"] == 7
    assert all("<mark>" in hit["snippet"] for hit in data["hits"])
    assert all("<img" not in hit["snippet"] and "<script" not in hit["snippet"] for hit in data["hits"])


@pytest.mark.parametrize(
    "query",
    ["page=abc", "per_page=10000", "page=-1", "per_page=0", "page=1.5", "sort=best", "q=" + "x" * 5000],
)
def test_bad_parameters_are_400_with_a_json_error(client, query):
    data = get_json(client, "/api/search?" + query, status=400)
    assert set(data) == {"error"} and data["error"]


@pytest.mark.parametrize("q", ['((( "', "title:", "%00", "AND OR NOT", "-", '"', ")(", "%FF"])
def test_malformed_queries_are_searched_as_words(client, q):
    data = get_json(client, "/api/search?q=" + q)
    if q == "%00":  # a NUL alone is dropped: an empty query, which lists everything
        assert data["total"] == get_json(client, "/api/search")["total"] > 0
    else:  # no word of the others is in the corpus
        assert (data["total"], data["hits"], data["facets"]["country"]) == (0, [], [])


def test_a_document_as_json(client):
    doc = get_json(client, f"/api/doc/{YEN_BAI}")
    assert doc["title"].startswith("Tỉnh Yên Bái và Thành phố Mimasaka")
    assert doc["countries"] == ["Nhật Bản"] and doc["published"] == "2023-11-21"
    assert set(doc) == HIT_KEYS - {"snippet", "score"} | {"text", "related"}  # as INTERFACE.md says
    assert doc["related"] and all(set(r) == HIT_KEYS - {"snippet", "score"} for r in doc["related"])


def test_document_ids_are_short_and_url_safe_whatever_the_source(client):
    hits = get_json(client, "/api/search?per_page=50")["hits"]
    assert len(hits) == 7 and all(re.fullmatch("[a-z2-7]{16}", hit["id"]) for hit in hits)
    for hit in hits:  # seeds (a URL in the text), JSONL records with a javascript: URL and none
        assert get_json(client, "/api/doc/" + hit["id"])["title"] == hit["title"]


def test_an_unknown_document_is_a_404_with_a_json_error(client):
    assert "error" in get_json(client, "/api/doc/no-such-release.txt", status=404)
    assert "error" in get_json(client, "/api/no-such-endpoint", status=404)


def test_a_missing_index_is_a_503_not_a_500(tmp_path):
    from webui.app import create_app

    client = create_app(tmp_path / "nothing-here", {"TESTING": True}).test_client()
    assert "error" in get_json(client, "/api/search", status=503)
    assert client.get("/").status_code == 503
