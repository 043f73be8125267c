from indexer.documents import Rejected, SourceItem
from indexer.sources import read, read_jsonl
from tests.conftest import CORPUS, DATA


def _by_kind(items):
    good = [i for i in items if isinstance(i, SourceItem)]
    bad = {r.path.split("/")[-1]: r.reason for r in items if isinstance(r, Rejected)}
    return good, bad


def test_a_folder_is_walked_in_order_each_file_known_by_its_absolute_path():
    items = list(read([CORPUS]))
    assert [i.origin for i in items] == sorted(str(p.resolve()) for p in CORPUS.glob("*.txt"))
    assert all(i.kind == "text" and i.digest for i in items)


def test_a_dirty_crawl_yields_the_good_inputs_and_says_why_the_rest_failed():
    good, bad = _by_kind(list(read([DATA / "crawl", DATA / "missing.txt"])))
    assert {g.origin.split("/crawl/")[1] for g in good} == {
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


def _records(path):
    return [(i.origin.rsplit("/")[-1], i.content, i.title) for i in read([path]) if isinstance(i, SourceItem)]


def test_a_utf8_jsonl_crawl_is_read_a_line_at_a_time_never_whole(tmp_path, monkeypatch):
    import codecs
    import json
    from pathlib import Path

    lines = [json.dumps({"id": n, "title": f"Thông cáo {n}", "text": f"Hà Nội\u2028và Huế, bản {n}."},
                        ensure_ascii=False) for n in range(3)]  # fmt: skip
    crawl = tmp_path / "crawl.jsonl"
    crawl.write_bytes(codecs.BOM_UTF8 + "\r\n".join(lines).encode("utf-8") + b"\n")
    whole = read_jsonl(crawl.read_bytes(), str(crawl), "crawl.jsonl")
    decoded_whole = [(i.origin, i.content, i.title) for i in whole]
    monkeypatch.setattr(Path, "read_bytes", lambda self: (_ for _ in ()).throw(AssertionError("read whole")))
    assert _records(crawl) == decoded_whole
    assert decoded_whole[0] == ("crawl.jsonl#0", "Hà Nội\u2028và Huế, bản 0.", "Thông cáo 0")


def test_a_jsonl_crawl_in_another_encoding_is_still_decoded_whole(tmp_path):
    import json

    crawl = tmp_path / "crawl.jsonl"
    crawl.write_text(json.dumps({"id": 1, "text": "Hàn Quốc hợp tác"}, ensure_ascii=False) + "\n", "utf-16")
    assert _records(crawl) == [("crawl.jsonl#1", "Hàn Quốc hợp tác", None)]
