"""Atom feeds and the OpenSearch description parse as XML and hold one entry per match."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from webui.app import DEFAULT_BASE_URL as BASE

A = "{http://www.w3.org/2005/Atom}"
OS = "{http://a9.com/-/spec/opensearch/1.1/}"


def get_feed(client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    return ET.fromstring(response.data)


def test_one_entry_per_match_newest_first(client):
    feed = get_feed(client, "/feed.atom?q=hợp+tác&country=Hàn+Quốc")
    total = client.get("/api/search?q=hợp+tác&country=Hàn+Quốc").get_json()["total"]
    entries = feed.findall(f"{A}entry")
    assert feed.tag == f"{A}feed" and len(entries) == total == 4
    for entry in entries:
        for child in ("id", "title", "updated", "summary"):
            assert entry.find(f"{A}{child}").text
        assert entry.find(f"{A}link").get("href").startswith(f"{BASE}/doc/")
        assert "<mark>" in entry.find(f"{A}summary").text
    undated = [entry.find(f"{A}category[@term='undated']") is not None for entry in entries]
    assert undated == sorted(undated) and any(undated)  # the undated after the dated
    dated = [entry for entry, flag in zip(entries, undated, strict=True) if not flag]
    published = [entry.find(f"{A}updated").text for entry in dated]
    assert published == sorted(published, reverse=True)  # newest first
    assert feed.find(f"{A}updated").text == max(entry.find(f"{A}updated").text for entry in entries)


def test_the_feed_describes_itself(client):
    feed = get_feed(client, "/feed.atom?q=Mimasaka")
    assert feed.find(f"{A}title").text == "thongcao: Mimasaka"
    assert feed.find(f"{A}author/{A}name").text == "thongcao"
    rels = {link.get("rel"): link.get("href") for link in feed.findall(f"{A}link")}
    assert rels["alternate"] == f"{BASE}/?q=Mimasaka"
    assert rels["self"].startswith(f"{BASE}/feed.atom?q=Mimasaka")


def test_hostile_entries_are_text_and_never_javascript_links(client):
    feed = get_feed(client, "/feed.atom?country=Lào")
    entries = feed.findall(f"{A}entry")
    assert len(entries) == 2
    titles = {entry.find(f"{A}title").text for entry in entries}
    assert any("<img src=x onerror=alert(1)>" in title for title in titles)  # as text, escaped in XML
    for entry in entries:
        assert "<img" not in entry.find(f"{A}summary").text  # the HTML summary holds only escaped text
        hrefs = [link.get("href") for link in entry.findall(f"{A}link")]
        assert not [h for h in hrefs if not h.startswith("http")]


def test_control_characters_do_not_break_the_xml(client):
    feed = get_feed(client, "/feed.atom?q=%00h%E1%BB%A3p%01t%C3%A1c")
    assert feed.find(f"{A}title").text.startswith("thongcao:")


def test_an_empty_query_feeds_every_document(client):
    assert len(get_feed(client, "/feed.atom").findall(f"{A}entry")) == 7


def test_a_too_long_query_is_a_400(client):
    assert client.get("/feed.atom?q=" + "x" * 5000).status_code == 400


def test_opensearch_description(client):
    response = client.get("/opensearch.xml")
    assert response.mimetype == "application/opensearchdescription+xml"
    root = ET.fromstring(response.data)
    assert root.find(f"{OS}ShortName").text == "thongcao"
    templates = {url.get("type"): url.get("template") for url in root.findall(f"{OS}Url")}
    assert templates["text/html"] == f"{BASE}/?q={{searchTerms}}"
    assert templates["application/atom+xml"] == f"{BASE}/feed.atom?q={{searchTerms}}"


def test_absolute_links_never_come_from_the_host_header(client):
    for url in ("/feed.atom?q=Lào", "/opensearch.xml", "//feed.atom?q=Lào"):
        response = client.get(url, headers={"Host": "evil.example", "X-Forwarded-Host": "evil.example"})
        assert b"evil.example" not in response.data and "evil.example" not in str(response.headers)
    feed = get_feed(client, "/feed.atom?q=Lào")
    hrefs = [link.get("href") for link in feed.iter(f"{A}link") if link.get("rel") != "related"]
    assert hrefs and all(href.startswith(BASE + "/") for href in hrefs)


def test_the_base_url_may_name_a_path_where_a_proxy_mounts_the_app(web_index):
    from webui.app import create_app

    client = create_app(
        web_index, {"TESTING": True}, base_url="https://tim.example.vn/thongcao/"
    ).test_client()
    feed = get_feed(client, "/feed.atom?q=Lào")
    assert feed.find(f"{A}id").text == "https://tim.example.vn/thongcao/feed.atom?q=L%C3%A0o"
    page = client.get("/thongcao/?q=Lào").get_data(as_text=True)  # as a proxy that keeps the path passes it
    assert 'href="/thongcao/feed.atom?q=L%C3%A0o"' in page and client.get("/?q=Lào").status_code == 200
