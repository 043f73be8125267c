"""Real processes side by side: `thongcao serve` answers through an index run and shows its
documents after the commit without a restart; a second `thongcao index` is refused."""

from __future__ import annotations

import json
import shutil
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from indexer.engines.choice import snapshots_for
from indexer.search.run import SearchRequest, search
from tests.conftest import _serving, release_id
from tests.crashkit import files, phase, start
from tests.synthetic import write_crawl

pytestmark = pytest.mark.usefixtures("engine")  # every test here runs on both engines


@pytest.fixture
def index(seed_index, tmp_path):
    """A private copy of the corpus index, for runs that write to it."""
    copy = tmp_path / "index"
    shutil.copytree(seed_index, copy, symlinks=True)
    return copy


def get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        with error:
            return error.code, {}


def listed_total(index) -> int:
    """How many hits an empty query lists, read straight from the index."""
    snap = snapshots_for(index).current()
    try:
        return search(snap, SearchRequest()).total
    finally:
        snap.close()


def test_serve_answers_through_an_index_run_and_shows_its_documents_after_the_commit(index, tmp_path):
    crawl = write_crawl(tmp_path / "more.jsonl", 80)
    server = _serving(index, tmp_path / "serve.log")
    base = next(server)
    try:
        listing = f"{base}/api/search?per_page=1"
        status, first = get(listing)
        assert status == 200
        run = start(index, str(crawl))
        totals, failures, requests = [], [], 0
        queries = ["", "Hàn Quốc", "han quoc", '"du lịch biển"', "nông nghiệp -Lào"]
        while run.poll() is None or len(totals) < 3 or totals[-1] == first["total"]:
            q = queries[requests % len(queries)]
            params = urllib.parse.urlencode({"q": q, "page": 1 + requests % 3})
            status, data = get(f"{base}/api/search?{params}")
            requests += 1
            if status != 200:
                failures.append((q, status))
            elif not q:
                totals.append(data["total"])
            assert requests < 5000, "the new documents never showed up"
        out, err = run.communicate()
        assert run.returncode == 0, err
        assert failures == []
        assert json.loads(out)["documents"] == first["total"] + 80
        # Only two states were ever served: before the commit and after it, never in between.
        # (The listing's total is what a fresh reader of the index finds: copies of one
        # story may be folded together, so it need not be documents + 80.)
        assert set(totals) == {first["total"], listed_total(index)} and totals == sorted(totals)
        assert totals[-1] > first["total"]
        status, doc = get(f"{base}/api/doc/{release_id('https://sonoivu.example.vn/thong-cao/00000.html')}")
        assert status == 200 and doc["url"].endswith("00000.html")
    finally:
        server.close()


FIRST_RUN = 600  # releases: seconds of writing, so the second run's try lands inside it (80 did not)


def test_a_second_run_is_refused_while_the_first_writes_and_the_index_stays_intact(index, tmp_path):
    first_crawl = write_crawl(tmp_path / "first.jsonl", FIRST_RUN)
    second_crawl = write_crawl(tmp_path / "second.jsonl", 10, start=5000)
    before = files(index)
    first = start(index, str(first_crawl))
    try:
        while first.poll() is None and phase(index, before) == "starting":
            time.sleep(0.01)
        assert first.poll() is None, "the first run ended before the second could try"
        second = start(index, str(second_crawl))
        out, err = second.communicate(timeout=120)
    finally:
        first_out, first_err = first.communicate(timeout=300)
    assert second.returncode == 1 and out == ""
    assert err == (
        f"thongcao: the index at {index} is being written by another `thongcao index`; "
        "try again when it has finished\n"
    )
    assert first.returncode == 0, first_err
    assert json.loads(first_out)["added"] == FIRST_RUN
    snap = snapshots_for(index).current()
    try:
        urls = [snap.stored(n).get("url") or "" for n in range(snap.size) if snap.live[n]]
    finally:
        snap.close()
    assert len(urls) == 5 + FIRST_RUN and not any(u.endswith(("/05000.html", "/05009.html")) for u in urls)
    assert sum(u.endswith("/00599.html") for u in urls) == 1  # the first run's last release is there
