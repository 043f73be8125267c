"""`thongcao serve` as a real process over HTTP (waitress), and `scripts/serve`'s shape."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request

from tests.conftest import ROOT, run_cli, seed_id


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, dict(error.headers), error.read()


def test_the_api_answers_over_http(live_server):
    query = urllib.parse.urlencode([("q", "hợp tác"), ("country", "Nhật Bản")])
    status, headers, body = fetch(f"{live_server}/api/search?{query}")
    assert status == 200 and headers["Content-Type"] == "application/json"
    data = json.loads(body)
    assert [hit["id"] for hit in data["hits"]] == [seed_id("003_66be082b74e51ac7.txt")]
    assert headers["Server"] == "thongcao"
    assert headers["X-Frame-Options"] == "DENY"


def test_pages_feeds_and_errors_over_http(live_server):
    status, headers, body = fetch(f"{live_server}/?q=Mimasaka")
    assert status == 200 and "<mark>Mimasaka</mark>" in body.decode()
    assert fetch(f"{live_server}/feed.atom")[0] == 200
    assert fetch(f"{live_server}/doc/nope")[0] == 404
    status, _, body = fetch(f"{live_server}/api/search?page=abc")
    assert status == 400 and "error" in json.loads(body)


def test_serve_without_an_index_says_how_to_make_one(tmp_path):
    done = run_cli("serve", "--port", "1", index=tmp_path / "missing")
    assert done.returncode == 1
    assert "run `thongcao index` first" in done.stderr


def test_scripts_serve_indexes_then_serves_with_overrides():
    script = (ROOT / "scripts" / "serve").read_text()
    assert 'ensure_venv "."' in script
    assert script.index("thongcao index") < script.index('exec .venv/bin/thongcao serve "$@"')
    assert (ROOT / "scripts" / "serve").stat().st_mode & 0o111
