import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from indexer.crawl.sources import MAX_DOCUMENT_BYTES
from indexer.crawl.warc import read_warc
from indexer.documents import Rejected, SourceItem
from tests import warcfile
from tests.conftest import DATA

BODY = "Tỉnh Bắc Ninh và Hàn Quốc ký kết hợp tác về công nghiệp điện tử, đào tạo nghề và lao động."


def _split(items):
    good = [i for i in items if isinstance(i, SourceItem)]
    return good, [r.reason for r in items if isinstance(r, Rejected)]


def test_warc_responses_are_read_with_their_urls_and_other_records_skipped():
    good, bad = _split(list(read_warc(DATA / "warc" / "portal.warc.gz", "portal.warc.gz")))
    assert [g.url for g in good] == [
        "https://portal.example.vn/bac-ninh-han-quoc",
        "https://portal.example.vn/hue-phap",
    ]
    assert all(g.kind == "html" and "<article>" in g.content for g in good) and not bad


def test_a_truncated_warc_keeps_the_records_before_the_break():
    good, bad = _split(list(read_warc(DATA / "warc" / "truncated.warc.gz", "truncated.warc.gz")))
    assert [g.url for g in good] == ["https://portal.example.vn/bac-ninh-han-quoc"]
    assert bad == ["broken WARC after 1 responses: the gzip stream is truncated"]


PEAK = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], check=True)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024, file=sys.stderr)\n"
)


def index_measured(tmp_path, crawl) -> tuple[dict, int]:
    """`thongcao index --json CRAWL` in a fresh process: its report and its peak memory in MiB."""
    thongcao = Path(sys.executable).parent / "thongcao"
    command = [sys.executable, "-c", PEAK, str(thongcao), "index", "--json", str(crawl)]
    index = ["--index", str(tmp_path / "index")]
    done = subprocess.run([*command, *index], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout), int(done.stderr.split()[-1])


@pytest.mark.parametrize("name, encoded", [("bomb.warc.gz", False), ("bomb.warc", True)])
def test_a_response_inflating_to_a_gigabyte_is_read_only_past_the_limit(tmp_path, name, encoded):
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    after = warcfile.response("https://portal.example.vn/sau", warcfile.page("Tin sau", BODY))
    records = [warcfile.inflating("https://portal.example.vn/bom", 1 << 30, encoded=encoded)]
    records.append(gzip.compress(after) if name.endswith(".gz") else after)
    (crawl / name).write_bytes(b"".join(records))
    assert (crawl / name).stat().st_size < 2 << 20  # a gigabyte in under 2 MB
    report, peak_mib = index_measured(tmp_path, crawl)
    limit = f"over {MAX_DOCUMENT_BYTES} bytes (limit {MAX_DOCUMENT_BYTES} for one document)"
    assert report["rejected"] == [
        {"path": f"{crawl / name}#https://portal.example.vn/bom", "reason": f"response too large: {limit}"}
    ]
    assert report["added"] == 1  # the record after it is indexed
    assert peak_mib < 400, peak_mib  # read whole, the body alone would be 1,024 MiB


def test_a_reason_quoting_a_broken_record_is_one_line_not_the_record(tmp_path):
    garbage = tmp_path / "garbage.warc"
    garbage.write_bytes(b"x" * (8 << 20) + b"\r\n")
    (rejected,) = read_warc(garbage, str(garbage))
    assert rejected.reason.startswith("broken WARC after 0 responses: ") and len(rejected.reason) <= 300
