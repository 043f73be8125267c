from indexer.documents import Rejected, SourceItem
from indexer.warc import read_warc
from tests.conftest import DATA


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
