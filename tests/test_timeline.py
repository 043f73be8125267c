"""The date range (`from`, `to`) and the timeline, on the library, the API, the CLI, the feed and
the exports; undated releases: the year "unknown", last when sorted by date, in no range."""

from __future__ import annotations

import csv
import io
import json
import random
import re
import xml.etree.ElementTree as ET

import pytest

from indexer.engines.choice import snapshots_for
from indexer.errors import BadRequest
from indexer.search.run import SearchRequest, search
from tests.conftest import cli_json, new_store

pytestmark = pytest.mark.usefixtures("engine")  # every test here runs on both engines

ATOM = "{http://www.w3.org/2005/Atom}"


WORDS = (
    "hợp tác đầu tư thương mại du lịch nông nghiệp giáo dục y tế cảng biển lao động văn hóa "
    "khoa học công nghệ môi trường năng lượng giao thông xây dựng tài chính ngân hàng thể thao"
).split()


def body(topic: str, partner: str) -> str:
    """A release of its own words (stories are told apart by their shingles), naming its partner."""
    rng = random.Random(topic)
    words = " ".join(rng.choice(WORDS) for _ in range(80))
    return f"Tỉnh Quảng Ninh và đối tác {partner} thảo luận về {topic}. {words}."


RECORDS = [  # id, date field and value, partner, topic
    ("a", "date", "2023-04-03", "Hàn Quốc", "năng lượng tái tạo"),
    ("b", "published", "20/04/2023", "Nhật Bản", "du lịch biển"),
    ("c", "datePublished", "2023-06-10T09:00:00+07:00", "Hàn Quốc", "chế biến thủy sản"),
    ("c2", "pubDate", "Sun, 11 Jun 2023 08:00:00 +0700", "Hàn Quốc", "chế biến thủy sản"),  # c's copy
    ("d", None, None, "Hàn Quốc", "giáo dục nghề nghiệp"),  # undated, no source
    ("f", "time", 1577750400, "Lào", "y tế cơ sở"),  # 2019-12-31 in Hà Nội, as Unix seconds
]


@pytest.fixture(scope="module")
def dated_index(tmp_path_factory):
    from indexer.index.pipeline import index_paths

    folder = tmp_path_factory.mktemp("dated")
    lines = []
    for key, field, value, partner, topic in RECORDS:
        record = {
            "id": key,
            "url": f"https://bao.example/{key}",
            "title": f"Hợp tác {topic} với {partner} ({key})",
        }
        record["text"] = body(topic, partner)
        if field:
            record[field] = value
            record["source"] = "Báo Quảng Ninh"
        lines.append(json.dumps(record, ensure_ascii=False))
    (folder / "crawl.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    index = folder / "index"
    report = index_paths(new_store(index), [folder / "crawl.jsonl"])
    assert not report.rejected and report.documents == len(RECORDS)
    return index


@pytest.fixture(scope="module")
def snap(dated_index):
    return snapshots_for(dated_index).current()


@pytest.fixture
def client(dated_index):
    from webui.app import create_app

    return create_app(dated_index, {"TESTING": True}).test_client()


def titles(snap, **request) -> list[str]:
    return [hit.title[-3:].strip("() ") for hit in search(snap, SearchRequest(per_page=50, **request)).hits]


# --- the range ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date_from", "date_to", "expected"),
    [
        ("2023-04", "2023-04", ["b", "a"]),  # a month, both ends included
        ("2023-04-03", "2023-04-03", ["a"]),  # a day
        ("2023-04-04", "", ["c2", "b"]),  # from a day on (c and its newer copy c2 are one hit)
        ("", "2023", ["c2", "b", "a", "f"]),  # up to the end of a year
        ("2019", "2019", ["f"]),
        ("2024", "", []),
        ("2023-05", "2023-05", []),
    ],
)
def test_the_range_keeps_releases_inside_it_and_never_the_undated(snap, date_from, date_to, expected):
    assert titles(snap, sort="newest", date_from=date_from, date_to=date_to) == expected


@pytest.mark.parametrize("bad", ["2023-13", "April", "23", "2023-4", "2023-04-32", "2023-00"])
def test_a_date_in_another_form_is_refused_with_the_forms_it_takes(snap, bad):
    with pytest.raises(BadRequest, match="YYYY, YYYY-MM or YYYY-MM-DD"):
        search(snap, SearchRequest(date_from=bad))


def test_the_range_combines_with_facets_and_their_counts_follow_it(snap):
    june = search(snap, SearchRequest(date_from="2023-06", date_to="2023-06"))
    assert {f["value"]: f["count"] for f in june.facets["country"]} == {"Hàn Quốc": 1}  # c and c2: one story
    korea_spring = SearchRequest(filters={"country": ("Hàn Quốc",)}, date_from="2023-04", date_to="2023-05")
    assert search(snap, korea_spring).total == 1  # a
    assert {f["value"]: f["count"] for f in search(snap, korea_spring).facets["country"]} == {
        "Hàn Quốc": 1,
        "Nhật Bản": 1,
    }


# --- the timeline ------------------------------------------------------------------------------


def test_a_short_span_is_counted_per_month_a_long_one_per_year(snap):
    korea = search(snap, SearchRequest("Hàn Quốc"))
    assert korea.timeline == [
        {"period": "2023-04", "count": 1},
        {"period": "2023-05", "count": 0},
        {"period": "2023-06", "count": 1},  # c and its copy: one story
    ]
    everything = search(snap, SearchRequest(""))
    assert [(p["period"], p["count"]) for p in everything.timeline] == [
        ("2019", 1), ("2020", 0), ("2021", 0), ("2022", 0), ("2023", 3)
    ]  # fmt: skip


@pytest.mark.parametrize("q", ["", "Hàn Quốc", "hợp tác"])
def test_each_bar_counts_exactly_the_hits_its_range_gives(snap, q):
    result = search(snap, SearchRequest(q))
    for bar in result.timeline:
        ranged = search(snap, SearchRequest(q, date_from=bar["period"], date_to=bar["period"]))
        assert ranged.total == bar["count"], bar
    undated = search(snap, SearchRequest(q, filters={"year": ("unknown",)})).total
    assert sum(bar["count"] for bar in result.timeline) == result.total - undated


def test_no_hits_no_timeline(snap):
    assert search(snap, SearchRequest("Atlantis")).timeline == []


# --- undated releases --------------------------------------------------------------------------


def test_undated_releases_are_the_year_unknown_and_no_facet_value_is_blank(snap):
    result = search(snap, SearchRequest(""))
    assert {f["value"]: f["count"] for f in result.facets["year"]} == {"2023": 3, "2019": 1, "unknown": 1}
    assert all(f["value"].strip() for values in result.facets.values() for f in values)
    assert titles(snap, filters={"year": ("unknown",)}) == ["d"]
    (undated,) = search(snap, SearchRequest(filters={"year": ("unknown",)})).hits
    assert (undated.published, undated.year) == (None, None)


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_sorting_by_date_puts_the_undated_last(snap, sort):
    assert titles(snap, sort=sort)[-1] == "d"


# --- the same on every surface -----------------------------------------------------------------


def test_the_api_gives_the_range_and_the_timeline(client, snap):
    data = client.get("/api/search?q=H%C3%A0n+Qu%E1%BB%91c&from=2023-06&to=2023-06").get_json()
    assert data["total"] == 1 and data["timeline"] == [{"period": "2023-06", "count": 1}]
    request = SearchRequest("Hàn Quốc", date_from="2023-06", date_to="2023-06")
    assert data == json.loads(json.dumps(search(snap, request).to_dict()))
    refused = client.get("/api/search?from=yesterday")
    assert refused.status_code == 400 and "YYYY-MM-DD" in refused.get_json()["error"]


def test_the_command_line_gives_what_the_api_gives(client, dated_index):
    api = client.get("/api/search?q=hop+tac&from=2023&to=2023-04").get_json()
    assert cli_json("search", "hop tac", "--from", "2023", "--to", "2023-04", index=dated_index) == api
    assert api["total"] == 2


def test_the_feed_keeps_to_the_range_and_dates_the_undated_by_when_they_were_indexed(client):
    june = ET.fromstring(client.get("/feed.atom?from=2023-06").data)
    assert [e.findtext(f"{ATOM}updated") for e in june.iter(f"{ATOM}entry")] == [
        "2023-06-11T00:00:00Z"
    ]  # c2, the newer copy of c
    feed = ET.fromstring(client.get("/feed.atom?country=H%C3%A0n+Qu%E1%BB%91c").data)
    entries = list(feed.iter(f"{ATOM}entry"))
    last = entries[-1]  # the undated release, after every dated one
    assert last.find(f"{ATOM}category[@term='undated']") is not None
    assert last.findtext(f"{ATOM}updated") not in ("2023-06-11T00:00:00Z", "2023-04-03T00:00:00Z")
    assert last.findtext(f"{ATOM}updated").endswith("Z") and len(last.findtext(f"{ATOM}updated")) == 20
    assert "lập chỉ mục" in feed.findtext(f"{ATOM}subtitle")  # and the feed says so


def test_exports_keep_to_the_range_copies_included(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/export.csv?from=2023-06-01&to=2023-06-30").text)))
    assert sorted(row["title"][-3:].strip("() ") for row in rows) == ["c", "c2"]
    assert len(client.get("/export.json?from=2019&to=2019").get_json()) == 1


# --- the page ------------------------------------------------------------------------------------


def test_the_page_draws_the_timeline_each_bar_a_link_to_its_range(client):
    html = client.get("/?q=H%C3%A0n+Qu%E1%BB%91c").get_data(as_text=True)
    chart = html[html.index('<svg class="timeline-chart"') : html.index("</svg>")]
    assert 'aria-labelledby="timeline-caption"' in chart
    links = re.findall(r'<a class="bar" href="([^"]+)" data-period="([^"]+)" aria-label="([^"]+)"', chart)
    assert [(period, label) for _, period, label in links] == [
        ("2023-04", "4/2023: 1 tin"),
        ("2023-06", "6/2023: 1 tin"),
    ]
    assert all("from=" + period in url and "to=" + period in url for url, period, _ in links)
    assert "<title>5/2023: 0 tin</title>" in chart  # the empty month is drawn, not linked
    assert re.search(r'<text class="count"[^>]*>1</text>', chart)  # counts as text: no colour needed
    table = html[html.index('<details class="timeline-table">') :]
    assert "<td>1</td>" in table and ">4/2023</a>" in table  # the text alternative


def test_the_page_keeps_the_range_in_its_form_and_offers_to_remove_it(client):
    html = client.get("/?from=2023-04&to=2023-06").get_data(as_text=True)
    assert 'name="from" value="2023-04"' in html and 'name="to" value="2023-06"' in html
    assert "Thời gian: từ 4/2023 đến 6/2023" in " ".join(html.split())
    assert "3 kết quả" in html


def test_the_page_names_the_unknown_year_and_refuses_a_malformed_date_with_a_reason(client):
    html = client.get("/").get_data(as_text=True)
    assert 'value="unknown"' in html and "Không rõ năm" in html
    refused = client.get("/?from=h%C3%B4m+qua")
    assert refused.status_code == 400 and "YYYY-MM-DD" in refused.get_data(as_text=True)
