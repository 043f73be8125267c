"""GET /export.csv and /export.json: every hit of a search, all pages, streamed."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.test_api import HIT_KEYS, get_json

SEARCHES = ["q=hợp+tác", "q=&sort=oldest", "q=Hàn+Quốc&country=Hàn+Quốc&sort=newest", "country=Atlantis"]


def exported_json(client, query: str) -> list[dict]:
    response = client.get("/export.json?" + query)
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.is_streamed
    return json.loads(response.get_data(as_text=True))


def exported_csv(client, query: str) -> list[dict]:
    response = client.get("/export.csv?" + query)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert 'filename="thongcao.csv"' in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")  # so a spreadsheet reads the accents
    return list(csv.DictReader(io.StringIO(text[1:])))


@pytest.mark.parametrize("query", SEARCHES)
def test_the_export_holds_every_hit_in_the_searchs_order(client, query):
    everything = get_json(client, f"/api/search?{query}&per_page=100")
    rows = exported_json(client, query + "&per_page=2")  # page size does not cut an export
    assert len(rows) == everything["total"] == len(exported_csv(client, query))
    assert [row["id"] for row in rows] == [hit["id"] for hit in everything["hits"]]


def test_rows_are_the_hits_fields_but_the_snippet(client):
    hits = get_json(client, "/api/search?q=hợp+tác&per_page=100")["hits"]
    rows = exported_json(client, "q=hợp+tác")
    assert all(set(row) == HIT_KEYS - {"snippet"} for row in rows)
    assert rows == [{k: v for k, v in hit.items() if k != "snippet"} for hit in hits]


def test_csv_cells_hold_lists_joined(client):
    row = next(r for r in exported_csv(client, "q=Imsil"))
    assert row["locality"] == "Imsil; Jeollabuk-do" and row["source"] == "Báo Tuyên Quang"
    assert list(row) == [k for k in exported_json(client, "q=Imsil")[0]]


def test_bad_parameters_are_400_with_a_json_error(client):
    assert "error" in get_json(client, "/export.csv?sort=best", status=400)
    assert "error" in get_json(client, "/export.json?page=abc", status=400)


def test_the_search_page_links_its_exports(client):
    page = client.get("/?q=hợp+tác&country=Lào").get_data(as_text=True)
    assert 'href="/export.csv?q=h%E1%BB%A3p+t%C3%A1c&amp;country=L%C3%A0o"' in page
    assert 'href="/export.json?q=h%E1%BB%A3p+t%C3%A1c&amp;country=L%C3%A0o"' in page
