"""Fuzzing the crawl reader with broken, odd and oversized files: every input is a document or
a rejection with a reason, and no file stops the run."""

from __future__ import annotations

import gzip
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from indexer.crawl.sources import MAX_DOCUMENT_BYTES, read
from indexer.documents import Rejected, SourceItem
from indexer.extract.build import build_document
from tests.conftest import DATA

PORTAL = (DATA / "warc" / "portal.warc.gz").read_bytes()
THONGCAO = Path(sys.executable).parent / "thongcao"


def read_bytes_as(name: str, data: bytes) -> list[SourceItem | Rejected]:
    """What `read` makes of one file holding `data`."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        items = list(read([path]))
    for item in items:
        assert isinstance(item, SourceItem | Rejected)
        if isinstance(item, Rejected):
            assert item.reason.strip(), item
    return items


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
FIELD = st.sampled_from(["id", "url", "title", "text", "html", "published", "source"])
RECORDS = st.dictionaries(FIELD, JSON_VALUES | st.text(max_size=200), max_size=7)
LINES = st.lists(
    st.one_of(
        RECORDS.map(lambda r: json.dumps(r, ensure_ascii=False).encode()),
        JSON_VALUES.map(lambda v: json.dumps(v).encode()),
        st.binary(max_size=60),
    ),
    max_size=8,
)


@given(LINES)
def test_jsonl_with_random_lines(lines):
    items = read_bytes_as("crawl.jsonl", b"\n".join(line.replace(b"\n", b" ") for line in lines))
    assert len(items) <= max(1, len(lines))


@given(st.integers(0, len(PORTAL)), st.lists(st.tuples(st.integers(0, len(PORTAL) - 1), st.integers(0, 255))))
def test_a_warc_cut_anywhere_or_with_bytes_flipped(cut, flips):
    data = bytearray(PORTAL)
    for where, value in flips:
        data[where] = value
    read_bytes_as("portal.warc.gz", bytes(data[:cut]))  # (a cut between gzip members is a valid WARC)


@given(st.integers(0, len(gzip.decompress(PORTAL))))
def test_an_uncompressed_warc_cut_anywhere(cut):
    read_bytes_as("portal.warc", gzip.decompress(PORTAL)[:cut])


@given(
    st.binary(max_size=600), st.sampled_from(["a.txt", "a.html", "a.htm", "a.warc", "a.warc.gz", "a.jsonl"])
)
def test_any_bytes_under_any_name(data, name):
    read_bytes_as(name, data)


def test_html_without_a_body_is_rejected_for_having_no_article():
    pages = [
        "<html><head><title>Chỉ có tiêu đề</title></head></html>",
        "<html><body></body></html>",
        "<!doctype html><meta charset=utf-8><script>var a = '<p>';</script>",
    ]
    for page in pages:
        (item,) = read_bytes_as("page.html", page.encode())
        result = build_document(item, "v") if isinstance(item, SourceItem) else item
        assert isinstance(result, Rejected) and result.reason


def test_a_hundred_thousand_nested_divs_are_extracted_in_linear_time():
    page = "<html><body>" + "<div>" * 100_000 + "<p>Đoàn công tác tỉnh Quảng Trị thăm Lào và bàn hợp tác.</p>"
    (item,) = read_bytes_as("deep.html", (page + "</div>" * 100_000 + "</body></html>").encode())
    started = time.monotonic()
    document = build_document(item, "v")
    assert time.monotonic() - started < 60
    assert not isinstance(document, Rejected) and "Quảng Trị" in document.text


def test_files_of_50_mb_are_rejected_as_too_large_quickly_and_in_little_memory(tmp_path):
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    sentence = "Tỉnh Quảng Trị và tỉnh Savannakhet của Lào ký kết biên bản hợp tác. ".encode()
    huge = sentence * (50 * 1024 * 1024 // len(sentence) + 1)
    (crawl / "dump.txt").write_bytes(huge)
    (crawl / "dump.html").write_bytes(b"<html><body><p>" + huge + b"</p></body></html>")
    record = {"url": "https://example.vn/dump", "text": huge.decode()}
    (crawl / "dump.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    (crawl / "ok.txt").write_text("Quảng Trị hợp tác với Lào\n\n" + sentence.decode() * 3, "utf-8")
    started = time.monotonic()
    done = subprocess.run(
        [str(THONGCAO), "index", "--index", str(tmp_path / "index"), "--json", str(crawl)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    seconds = time.monotonic() - started
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    reasons = {r["path"].split("/")[-1]: r["reason"] for r in report["rejected"]}
    limit = f"limit {MAX_DOCUMENT_BYTES} for one document"
    assert reasons["dump.txt"] == f"file too large: {len(huge)} bytes ({limit})"
    assert reasons["dump.html"].startswith("file too large")
    assert reasons["dump.jsonl:1"].startswith("line 1: record too large: ")
    assert report["added"] == 1 and report["documents"] == 1
    assert seconds < 60 and peak_mib < 1024, (seconds, peak_mib)
