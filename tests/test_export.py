"""GET /export.csv and /export.json: every hit of a search, all pages, streamed."""

from __future__ import annotations

import csv
import io
import json
import random
import re
from collections import Counter
from itertools import groupby

import pytest

from tests.test_api import HIT_KEYS, get_json

pytestmark = pytest.mark.usefixtures("engine")  # every test here runs on both engines

SEARCHES = ["q=hợp+tác", "q=&sort=oldest", "q=Hàn+Quốc&country=Hàn+Quốc&sort=newest", "country=Atlantis"]


def exported_json(client, query: str) -> list[dict]:
    response = client.get("/export.json?" + query)
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert response.is_streamed
    return json.loads(response.get_data(as_text=True))


def exported_csv(client, query: str) -> list[dict]:
    response = client.get("/export.csv?" + query)
    assert response.status_code == 200 and response.mimetype == "text/csv"
    named = r'filename="thongcao-[a-z0-9-]+-\d{4}-\d\d-\d\d\.csv"'
    assert re.search(named, response.headers["Content-Disposition"])
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")  # so a spreadsheet reads the accents
    return list(csv.DictReader(io.StringIO(text[1:])))


@pytest.mark.parametrize("query", SEARCHES)
def test_without_copies_the_export_holds_every_hit_in_the_searchs_order(client, query):
    everything = get_json(client, f"/api/search?{query}&per_page=100")
    rows = exported_json(client, query + "&per_page=2")  # page size does not cut an export
    assert len(rows) == everything["total"] == len(exported_csv(client, query))
    assert [row["id"] for row in rows] == [hit["id"] for hit in everything["hits"]]


def test_json_rows_are_the_hits_fields_but_the_snippet(client):
    hits = get_json(client, "/api/search?q=hợp+tác&per_page=100")["hits"]
    rows = exported_json(client, "q=hợp+tác")
    assert all(set(row) == HIT_KEYS - {"snippet"} for row in rows)
    assert rows == [{k: v for k, v in hit.items() if k != "snippet"} for hit in hits]


def test_the_csv_snippet_is_plain_text_and_the_file_is_named_for_the_query_and_day(client):
    from indexer.extract.dates import today_in_vietnam

    response = client.get("/export.csv?q=hợp+tác+Lào")
    name = f"thongcao-hop-tac-lao-{today_in_vietnam().isoformat()}.csv"
    assert response.headers["Content-Disposition"] == f'attachment; filename="{name}"'
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True)[1:])))
    assert rows and all("hợp tác" in r["snippet"].lower() and "<mark>" not in r["snippet"] for r in rows)


def test_csv_cells_hold_lists_joined(client):
    row = next(r for r in exported_csv(client, "q=Imsil"))
    assert row["locality"] == "Imsil; Jeollabuk-do" and row["source"] == "Báo Tuyên Quang"
    assert list(row) == [*exported_json(client, "q=Imsil")[0], "snippet", "category"]


def test_bad_parameters_are_400_with_a_json_error(client):
    assert "error" in get_json(client, "/export.csv?sort=best", status=400)
    assert "error" in get_json(client, "/export.json?page=abc", status=400)


def test_the_search_page_links_its_exports(client):
    page = client.get("/?q=hợp+tác&country=Lào").get_data(as_text=True)
    assert 'href="/export.csv?q=h%E1%BB%A3p+t%C3%A1c&amp;country=L%C3%A0o"' in page
    assert 'href="/export.json?q=h%E1%BB%A3p+t%C3%A1c&amp;country=L%C3%A0o"' in page


# --- A crawl of templated copies, and cells a spreadsheet would run -------------------------

STORIES, COPIES = 4, 30  # 120 documents: more than a page of the API can hold
FORMULAS = {  # title → source, most starting with a character a spreadsheet reads as a formula
    '=HYPERLINK("http://x","y")': "@SUM(1+1)",
    "+cmd|' /C calc'!A0 hợp tác": "+Báo Quảng Ninh",
    "-2+3 thông cáo": "-Báo Đà Nẵng",
    "@SUM(A1) hợp tác": "Báo Cần Thơ",
}


def templated_copies() -> list[dict]:
    """COPIES near-identical releases of each of STORIES bodies: a new number, title and source."""
    from tests.synthetic import release

    records = []
    for story in range(STORIES):
        body = release(random.Random(story), story)["text"]
        for copy in range(COPIES):
            records.append(
                {
                    "url": f"https://bao{copy}.example.vn/tin-{story}-{copy}.html",
                    "title": f"Thông cáo {story} đăng lại lần {copy}",
                    "text": f"{body}\nBản đăng lại số {copy}.",
                    "source": f"Báo số {copy}",
                    "published": "2024-03-01",
                }
            )
    return records


def formula_records() -> list[dict]:
    """Releases on Gyeongju whose title and source a spreadsheet would run."""
    places = ("Quảng Ninh", "Đà Nẵng", "Cần Thơ", "Nghệ An")
    text = "Tỉnh {} tiếp đoàn công tác thành phố Gyeongju, bàn việc số {}."
    return [
        {"title": title, "source": source, "text": text.format(place, n), "url": f"https://x.example.vn/{n}"}
        for n, ((title, source), place) in enumerate(zip(FORMULAS.items(), places, strict=True))
    ]


@pytest.fixture(scope="module")
def crafted(tmp_path_factory, engine):
    """A test client over the templated copies and the formula records, and its document count."""
    from indexer.index.pipeline import index_paths
    from tests.conftest import new_store
    from webui.app import create_app

    folder = tmp_path_factory.mktemp("export")
    crawl = folder / "crawl.jsonl"
    lines = (json.dumps(r, ensure_ascii=False) + "\n" for r in templated_copies() + formula_records())
    crawl.write_text("".join(lines), "utf-8")
    report = index_paths(new_store(folder / "index", engine), [crawl])
    assert not report.rejected
    return create_app(folder / "index", {"TESTING": True}).test_client(), report.documents


@pytest.mark.parametrize("query", ["q=", "q=đăng+lại&sort=oldest", "q=bản+đăng&per_page=1&page=3"])
def test_the_export_has_every_document_copies_included_with_its_story(crafted, query):
    client, documents = crafted
    searched = get_json(client, f"/api/search?{query.split('&per_page')[0]}&per_page=100")
    assert searched["total"] < 10  # the copies are grouped: a few stories on the page
    rows = exported_json(client, query)
    assert len(rows) == len({row["id"] for row in rows}) == (documents if query == "q=" else STORIES * COPIES)
    assert len(rows) == len(exported_csv(client, query))
    stories = Counter(row["story"] for row in rows)
    assert len(stories) == searched["total"]
    assert all(row["copies"] == stories[row["story"]] - 1 for row in rows)


def test_each_hit_is_followed_by_its_copies(crafted):
    client, _ = crafted
    hits = get_json(client, "/api/search?q=đăng+lại&per_page=100")["hits"]
    rows = exported_csv(client, "q=đăng+lại")
    runs = [(story, len(list(run))) for story, run in groupby(row["story"] for row in rows)]
    assert runs == [(hit["story"], hit["copies"] + 1) for hit in hits]  # a run of rows a story
    assert [rows[0]["id"], rows[0]["story"]] == [hits[0]["id"], hits[0]["story"]]


def test_csv_cells_that_would_run_as_formulas_start_with_a_quote(crafted):
    client, _ = crafted
    rows = {row["url"]: row for row in exported_csv(client, "q=Gyeongju")}
    objects = {row["url"]: row for row in exported_json(client, "q=Gyeongju")}
    assert len(rows) == len(FORMULAS)
    for url, row in rows.items():
        title, source = objects[url]["title"], objects[url]["source"]  # JSON: as they are
        assert title in FORMULAS and source == FORMULAS[title]
        assert row["title"] == "'" + title
        assert row["source"] == (source if source == "Báo Cần Thơ" else "'" + source)
        assert row["url"] == url and row["story"] == objects[url]["story"]  # the rest as they are


def test_the_csv_gives_each_release_its_section_where_the_crawl_named_one(tmp_path):
    import json as jsonlib

    from indexer.index.pipeline import index_paths
    from tests.conftest import new_store
    from webui.app import create_app

    crawl = tmp_path / "crawl.jsonl"
    records = [
        {
            "title": "Hợp tác với Lào",
            "text": "Tỉnh Điện Biên hợp tác với Lào về nông nghiệp và y tế.",
            "category": "Kinh tế",
            "url": "https://a.vn/1",
        },
        {
            "title": "Giao lưu với Lào",
            "text": "Đoàn văn công tỉnh Sơn La giao lưu với Lào tại Viêng Chăn.",
            "url": "https://a.vn/2",
        },
    ]
    crawl.write_text("".join(jsonlib.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    page = tmp_path / "page.html"
    page.write_text(
        '<html><head><meta property="article:section" content="Thời sự">'
        "<title>Hội nghị với Lào</title></head><body><article><h1>Hội nghị với Lào</h1>"
        "<p>Tỉnh Nghệ An tổ chức hội nghị hợp tác với các tỉnh của Lào về thương mại.</p>"
        "</article></body></html>",
        "utf-8",
    )
    index_paths(new_store(tmp_path / "index"), [crawl, page])
    client = create_app(tmp_path / "index", {"TESTING": True}).test_client()
    text = client.get("/export.csv?q=Lào&sort=oldest").get_data(as_text=True).lstrip("\ufeff")
    sections = {row["title"]: row["category"] for row in csv.DictReader(io.StringIO(text))}
    assert sections == {"Hợp tác với Lào": "Kinh tế", "Giao lưu với Lào": "", "Hội nghị với Lào": "Thời sự"}
