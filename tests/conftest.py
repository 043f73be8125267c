"""Shared fixtures: the seed corpus indexed once per session, and the CLI as a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]

# Fuzz tests (tests/test_fuzz_*.py) run a bounded number of examples; HYPOTHESIS_PROFILE=thorough
# for a long hunt.  No example database: nothing is written into the work tree.
settings.register_profile(
    "ci", max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("thorough", max_examples=5000, deadline=None, database=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
CORPUS = ROOT / "corpus"
DATA = ROOT / "tests" / "data"
SHARED = ROOT.parent / "shared"


def shared(*parts: str) -> Path:
    """A path under ../shared (the real pages and news, read in place, never committed).

    Missing in a bare clone: the test is skipped, saying which folder it needs.  CI always
    has it (`.ci/run` runs with CI set), so there its absence fails the test instead of
    letting a green run hide tests that never ran.
    """
    path = SHARED.joinpath(*parts)
    if not path.exists():
        reason = f"needs {path}: ../shared beside the project (the real pages and news; not in a bare clone)"
        if os.environ.get("CI"):
            pytest.fail(reason + ", and CI must have it")
        pytest.skip(reason)
    return path


def release_id(where: str | Path) -> str:
    """The id a release is stored under: from its URL, or from its file's absolute path."""
    from indexer.crawl.identity import absolute, doc_id, url_key

    return doc_id(url_key(str(where)) or absolute(where))


def seed_id(name: str) -> str:
    """A seed's id in the indexes built from corpus/."""
    return release_id(CORPUS / name)


ENGINES = ("whoosh", "tantivy")


@pytest.fixture(scope="session", params=ENGINES)
def engine(request) -> str:
    """The engine under the index a test builds or reads: every test that touches an index
    runs once with each, so both engines answer to the same suite (issue 15)."""
    return request.param


@pytest.fixture(autouse=True)
def _engine_for_new_indexes(request, monkeypatch) -> None:
    """A test that runs with an engine creates its indexes with it, in this process and in
    the `thongcao` subprocesses it starts ($THONGCAO_ENGINE, as a user would set it)."""
    if "engine" in request.fixturenames:
        monkeypatch.setenv("THONGCAO_ENGINE", request.getfixturevalue("engine"))
    else:
        monkeypatch.delenv("THONGCAO_ENGINE", raising=False)


def new_store(path: Path, engine: str | None = None):
    """An index folder's store for `engine` (by default the test's, from $THONGCAO_ENGINE), as
    `thongcao index --engine` makes it."""
    from indexer.engines.choice import DEFAULT, store_for

    return store_for(path, engine or os.environ.get("THONGCAO_ENGINE") or DEFAULT)


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory, engine) -> Path:
    """An index of corpus/ built once per engine, read-only for the tests that share it."""
    from indexer.index.pipeline import index_paths

    path = tmp_path_factory.mktemp(f"seed-{engine}") / "index"
    index_paths(new_store(path, engine), [CORPUS])
    return path


@pytest.fixture
def crawl(tmp_path):
    """A private copy of the seeds that a test may edit."""
    folder = tmp_path / "crawl"
    shutil.copytree(CORPUS, folder)
    return folder


@pytest.fixture
def store(tmp_path, engine):
    """An index folder of the test's own, not yet written."""
    return new_store(tmp_path / "index", engine)


@pytest.fixture(scope="session")
def snapshot(seed_index):
    from indexer.engines.choice import snapshots_for

    return snapshots_for(seed_index).current()


def run_cli(*args: str, index: Path | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """Run `thongcao` exactly as a user does: a separate process, its own stdout and exit code."""
    env = dict(os.environ)
    if index is not None:
        env["THONGCAO_INDEX"] = str(index)
    command = [str(Path(sys.executable).parent / "thongcao"), *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def cli_json(*args: str, index: Path | None = None) -> dict:
    done = run_cli(*args, "--json", index=index)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


# --- The web UI: corpus/ plus hostile records, an app and its test client -----------------

HOSTILE_MARKUP = "<img src=x onerror=alert(1)> <script>alert(1)</script>"
HOSTILE_RECORDS = [
    {
        "title": f"Thông cáo {HOSTILE_MARKUP} về hợp tác với Lào",
        "text": f"Tỉnh Điện Biên hợp tác với Lào. {HOSTILE_MARKUP} Nội dung thông cáo đủ dài.\n"
        "Đoạn thứ hai có \" ' & và dấu < > lẻ.",
        "url": "javascript:alert(1)",
        "published": "2024-01-02",
        "source": "<b onmouseover=alert(1)>Nguồn</b>",
    },
    {
        "html": "<html><head><title>&lt;script&gt;alert(2)&lt;/script&gt; Hợp tác với Lào</title></head>"
        "<body><article><h1>&lt;script&gt;alert(2)&lt;/script&gt; Hợp tác với Lào</h1><p>Đoàn công tác "
        "tỉnh Điện Biên thăm Lào, &lt;img src=x onerror=alert(2)&gt; bàn hợp tác về nông nghiệp.</p>"
        "<script>alert(3)</script></article></body></html>",
    },
]


@pytest.fixture(scope="session")
def web_index(tmp_path_factory, engine) -> Path:
    """corpus/ plus two hostile records (markup in title, body and source; a javascript: URL)."""
    from indexer.index.pipeline import index_paths

    folder = tmp_path_factory.mktemp(f"web-{engine}")
    crawl = folder / "hostile.jsonl"
    crawl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in HOSTILE_RECORDS), "utf-8")
    path = folder / "index"
    report = index_paths(new_store(path, engine), [CORPUS, crawl])
    assert not report.rejected and report.documents == 7
    return path


@pytest.fixture(scope="session")
def hostile_ids(web_index) -> list[str]:
    """The ids of HOSTILE_RECORDS in web_index: neither has a web address, so each is its line."""
    from indexer.crawl.identity import absolute, doc_id

    crawl = absolute(web_index.parent / "hostile.jsonl")
    return [doc_id(f"{crawl}#{line}") for line in (1, 2)]


@pytest.fixture
def app(web_index):
    from webui.app import create_app

    return create_app(web_index, {"TESTING": True})


@pytest.fixture
def client(app):
    return app.test_client()


def _serving(index: Path, log: Path, *options: str, env: dict[str, str] | None = None):
    """Run `thongcao serve` (with `options`, and `env` added to the environment) on a free
    loopback port until the generator is closed; yields its base URL."""
    import socket
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    command = [str(Path(sys.executable).parent / "thongcao"), "serve", "--index", str(index)]
    with open(log, "w") as stderr:
        command += ["--host", "127.0.0.1", "--port", str(port), *options]
        process = subprocess.Popen(command, stderr=stderr, env={**os.environ, **(env or {})})
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                pytest.fail(f"thongcao serve exited with {process.returncode}: {log.read_text()}")
            try:
                with urllib.request.urlopen(base + "/api/search?per_page=1", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("thongcao serve did not answer within 60 s")
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def live_server(web_index, tmp_path_factory):
    """`thongcao serve` over the web index (with the hostile records); yields its base URL."""
    yield from _serving(web_index, tmp_path_factory.mktemp("serve") / "stderr.log")


@pytest.fixture(scope="session")
def seed_server(seed_index, tmp_path_factory):
    """`thongcao serve` over corpus/ alone; yields its base URL."""
    yield from _serving(seed_index, tmp_path_factory.mktemp("serve") / "stderr.log")
