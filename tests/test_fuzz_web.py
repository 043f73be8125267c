"""Fuzzing every endpoint's parameters through Flask's test client: never a 500, no path
tricks through /doc/<id>, and a UI that cannot write (every write method is a 405, and no
request changes the index)."""

from __future__ import annotations

import os
import urllib.parse

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indexer.engines.choice import snapshots_for
from indexer.search.run import MAX_PER_PAGE, MAX_QUERY_CHARS
from tests.conftest import new_store, seed_id

pytestmark = pytest.mark.usefixtures("engine")  # every test here runs on both engines

ANSWERS = {200, 400, 404}
PATH_TRICKS = [
    "../../../etc/passwd",
    "..%2f..%2f..%2fetc%2fpasswd",
    "%2e%2e/%2e%2e/etc/passwd",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/etc/passwd",
    "//etc/passwd",
    "....//....//etc/passwd",
    "%00",
    "a%00b",
    "..\\..\\windows\\win.ini",
    "C:%5cWindows%5cwin.ini",
    "~root/.ssh/id_rsa",
    "corpus/../../pyproject.toml",
    "%252e%252e%252fetc",
    ".",
    "..",
]


def on_disk(index) -> tuple[int, object, dict[str, float]]:
    """Document count, generation, and every file's size and mtime: all a write would touch."""
    snap = snapshots_for(index).current()
    try:
        count = int(snap.live.sum())
    finally:
        snap.close()
    stamps = {}
    for folder, _, names in os.walk(index):
        for name in names:
            stat = os.stat(os.path.join(folder, name))
            stamps[os.path.join(folder, name)] = (stat.st_size, stat.st_mtime_ns)
    return count, new_store(index).generation(), stamps


@pytest.fixture(scope="module")
def web(web_index):
    """A test client over the web index, and the index as it was before any request."""
    from webui.app import create_app

    app = create_app(web_index, {"TESTING": True})
    before = on_disk(web_index)
    yield app, app.test_client(), before


def get_rules(app) -> list[str]:
    """Every GET endpoint the app serves, with `<...>` for a path parameter."""
    return sorted(r.rule for r in app.url_map.iter_rules() if "GET" in r.methods and r.endpoint != "static")


NAMES = st.sampled_from(
    ["q", "country", "province", "year", "page", "per_page", "sort", "province_2025", "locality", "source"]
) | st.text(max_size=8)
VALUES = st.one_of(
    st.text(max_size=40),
    st.integers(-(10**20), 10**20).map(str),
    st.sampled_from(
        ["", " ", "0", "-1", "1e3", "0x10", "١٢", "NaN", "relevance", "newest", "Nhật Bản", "2023"]
    ),
    st.text(min_size=MAX_QUERY_CHARS - 2, max_size=MAX_QUERY_CHARS + 2),
)
PARAMS = st.lists(st.tuples(NAMES, VALUES), max_size=8)
RAW_QUERY = st.text(alphabet="%&=+;#?/abcqpe0129FfZz\u00e0 ", max_size=40)


def fetch(client, url: str, **kwargs):
    response = client.get(url, **kwargs)
    body = response.get_data()  # streams (exports) run to their end here
    return response.status_code, body, response


@given(st.data(), PARAMS)
def test_any_parameters_on_any_endpoint(web, data, params):
    app, client, _ = web
    rule = data.draw(st.sampled_from(get_rules(app)))
    path = rule.replace(
        "<path:doc_id>", urllib.parse.quote(data.draw(st.text(min_size=1, max_size=30)), safe="")
    )
    status, body, response = fetch(client, path, query_string=urllib.parse.urlencode(params))
    assert status in ANSWERS, (path, params, status, body[:300])
    if status == 400 and rule == "/api/search":
        assert response.json["error"]


@given(st.data(), RAW_QUERY)
def test_any_raw_query_string(web, data, raw):
    app, client, _ = web
    rule = data.draw(st.sampled_from(get_rules(app))).replace("<path:doc_id>", "nope")
    status, body, _ = fetch(client, f"{rule}?{raw}")
    assert status in ANSWERS, (rule, raw, status, body[:300])


@pytest.mark.parametrize("trick", PATH_TRICKS)
@pytest.mark.parametrize("prefix", ["/doc/", "/api/doc/"])
def test_path_tricks_through_doc_ids_are_ids_that_do_not_exist(web, prefix, trick):
    _, client, _ = web
    status, body, _ = fetch(client, prefix + trick)
    assert status == 404, body[:300]
    assert b"root:" not in body and b"[project]" not in body


@given(st.text(min_size=1, max_size=40))
def test_any_document_id_is_found_or_a_404(web, doc_id):
    _, client, _ = web
    for prefix in ("/doc/", "/api/doc/"):
        status, body, _ = fetch(client, prefix + urllib.parse.quote(doc_id, safe="/"))
        assert status in {200, 404}, (doc_id, status, body[:300])


def test_limits_are_a_message_on_the_page_and_a_400_on_the_api(web):
    _, client, _ = web
    for query in ({"q": "a" * (MAX_QUERY_CHARS + 1)}, {"per_page": MAX_PER_PAGE + 1}):
        status, body, _ = fetch(client, "/", query_string=query)
        assert status == 400 and b'class="error" role="alert"' in body
        status, _, response = fetch(client, "/api/search", query_string=query)
        assert status == 400 and response.json["error"]
    assert fetch(client, "/", query_string={"q": "a" * MAX_QUERY_CHARS, "per_page": MAX_PER_PAGE})[0] == 200


# Reads that take a list in their body (a batch of terms): POST, but they change nothing.
POSTED_READS = {"/batch", "/batch.csv", "/api/batch"}


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_no_endpoint_accepts_a_write_method(web, method):
    app, client, _ = web
    posted = {r.rule for r in app.url_map.iter_rules() if "POST" in r.methods}
    assert posted == POSTED_READS  # a new POST endpoint must be looked at, and listed here
    for rule in [*get_rules(app), "/static/style.css", "/api/index", "/admin"]:
        path = rule.replace("<path:doc_id>", seed_id("003_66be082b74e51ac7.txt"))
        response = client.open(path, method=method, data={"q": "x", "text": "injected"})
        if method == "POST" and path in POSTED_READS:
            assert response.status_code in {200, 400}, (method, path, response.status_code)
            continue
        assert response.status_code in {405, 404}, (method, path, response.status_code)
        if not path.startswith(("/api/index", "/admin")):
            assert response.status_code == 405, (method, path)


def test_no_request_changed_the_index(web, web_index):
    """Run last in this module: after every fuzzed request, the index is as it was."""
    _, _, before = web
    assert on_disk(web_index) == before
