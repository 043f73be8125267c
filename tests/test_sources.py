from indexer.documents import Rejected, SourceItem
from indexer.sources import read
from tests.conftest import CORPUS, DATA


def _by_kind(items):
    good = [i for i in items if isinstance(i, SourceItem)]
    bad = {r.path.split("/")[-1]: r.reason for r in items if isinstance(r, Rejected)}
    return good, bad


def test_a_folder_is_walked_in_order_with_paths_relative_to_it():
    items = list(read([CORPUS]))
    assert [i.origin for i in items] == sorted(p.name for p in CORPUS.glob("*.txt"))
    assert all(i.kind == "text" and i.digest for i in items)


def test_a_dirty_crawl_yields_the_good_inputs_and_says_why_the_rest_failed():
    good, bad = _by_kind(list(read([DATA / "crawl", DATA / "missing.txt"])))
    assert {g.origin for g in good} == {
        "broken.html",
        "declared_cp1258.html",
        "legacy_cp1258.txt",
        "records.jsonl#vinh-long-1",
        "windows_utf16.txt",
    }
    assert bad["empty.txt"] == "empty file"
    assert bad["binary.txt"].startswith("binary file")
    assert bad["missing.txt"] == "no such file or directory"
    assert bad["records.jsonl:2"].startswith("line 2: invalid JSON")
    assert bad["records.jsonl:3"] == "line 3: no `text` or `html`"


def test_jsonl_fields_travel_with_the_item():
    (record,) = [i for i in read([DATA / "crawl" / "records.jsonl"]) if isinstance(i, SourceItem)]
    assert record.url == "https://example.vn/vinh-long-uc"
    assert record.published == "2024-04-02" and record.source == "Cổng TTĐT Vĩnh Long"
