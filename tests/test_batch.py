"""Batch search: a list of terms counted in one request, as the search box counts each."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import cli_json, run_cli


@pytest.fixture
def client(seed_index):
    """A client over corpus/ alone, the index the command line is given too."""
    from webui.app import create_app

    return create_app(seed_index, {"TESTING": True}).test_client()


TERMS = ["Imsil", "Gyeongsangbuk", "hợp tác", '"Tuyên Quang Imsil"~10', "Gyeong*", "han quoc", "Zzyx"]


def test_each_row_is_what_the_search_gives_for_that_term_and_those_filters(client):
    body = {"terms": TERMS, "country": ["Hàn Quốc"], "from": "2023"}
    rows = client.post("/api/batch", json=body).get_json()["rows"]
    assert [row["term"] for row in rows] == TERMS
    for row in rows:
        asked = {"q": row["term"], "country": "Hàn Quốc", "from": "2023"}
        data = client.get("/api/search", query_string=asked).get_json()
        assert row["total"] == data["total"] and row["facets"] == data["facets"], row["term"]


def test_a_batch_is_bounded_and_bad_bodies_are_400s_not_500s(client):
    assert client.post("/api/batch", json={"terms": ["x"] * 1001}).status_code == 400
    assert client.post("/api/batch", json={"terms": "Imsil"}).status_code == 400
    assert client.post("/api/batch", data="not json").status_code == 400
    assert client.post("/api/batch", json={"terms": ["Imsil"], "from": "yesterday"}).status_code == 400
    huge = client.post("/api/batch", data="x" * (5 * 2**20), content_type="application/json")
    assert huge.status_code == 413


def test_the_command_line_answers_a_file_or_stdin_as_the_api_does(client, seed_index, tmp_path):
    listed = tmp_path / "names.txt"
    listed.write_text("\n".join(["Imsil", "", "  hợp tác  ", "Zzyx"]) + "\n", "utf-8-sig")
    from_file = cli_json("batch", str(listed), "--country", "Hàn Quốc", index=seed_index)
    api = client.post("/api/batch", json={"terms": ["Imsil", "hợp tác", "Zzyx"], "country": "Hàn Quốc"})
    assert from_file == api.get_json()
    command = [str(Path(sys.executable).parent / "thongcao"), "batch", "-", "--index", str(seed_index)]
    piped = subprocess.run(command, input="hợp tác\nImsil\n", capture_output=True, text=True, check=True)
    lines = piped.stdout.splitlines()
    assert re.match(r"\s+5  hợp tác  · .*Hàn Quốc \(4\)", lines[0]) and re.match(r"\s+1  Imsil", lines[1])
    assert "No such file" in run_cli("batch", str(tmp_path / "missing.txt"), index=seed_index).stderr


def test_the_page_shows_the_table_and_downloads_it(client):
    page = client.post("/batch", data={"terms": "Imsil\nhợp tác\nZzyx", "country": "Hàn Quốc"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "3 dòng" in html
    assert '<a href="/?q=Imsil&amp;country=H%C3%A0n+Qu%E1%BB%91c">Imsil</a>' in html
    assert "Không rõ năm (1)" in html  # the year facet's unknown value, named as on the search page
    listed = io.BytesIO("Imsil\nhợp tác\n".encode("utf-16"))  # a list saved by Windows tools
    upload = client.post("/batch.csv", data={"file": (listed, "a.txt")})
    named = r'filename="thongcao-danh-sach-\d{4}-\d\d-\d\d\.csv"'
    assert re.search(named, upload.headers["Content-Disposition"])
    rows = list(csv.DictReader(io.StringIO(upload.get_data(as_text=True).lstrip("\ufeff"))))
    assert [(r["term"], r["total"]) for r in rows] == [("Imsil", "1"), ("hợp tác", "5")]
    assert client.post("/batch", data={"terms": "\n".join(["x"] * 1001)}).status_code == 400


def test_the_search_page_links_the_batch_page_with_its_filters(client):
    html = client.get("/?q=hợp+tác&country=Hàn+Quốc").get_data(as_text=True)
    link = r'<a class="batch-link" href="/batch\?country=H%C3%A0n\+Qu%E1%BB%91c"[^>]*>Tìm theo danh sách</a>'
    assert re.search(link, html)
    form = client.get("/batch?country=H%C3%A0n+Qu%E1%BB%91c").get_data(as_text=True)
    assert '<input type="hidden" name="country" value="Hàn Quốc">' in form
