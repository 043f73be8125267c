import json
from pathlib import Path

from indexer.crawl.sources import read, read_jsonl
from indexer.documents import Rejected, SourceItem
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


def _index_json(crawl, index) -> dict:
    """`thongcao index --json` in its own process, bounded in time: a FIFO read would hang."""
    import subprocess
    import sys

    command = [str(Path(sys.executable).parent / "thongcao"), "index", "--index", str(index), "--json"]
    done = subprocess.run([*command, str(crawl)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_only_regular_files_are_read_and_symlinks_only_within_the_folder(tmp_path):
    import os

    from tests.conftest import cli_json

    crawl, outside = tmp_path / "crawl", tmp_path / "outside"
    crawl.mkdir(), outside.mkdir()
    release = (
        "Quảng Trị hợp tác với Lào\n\nTỉnh Quảng Trị và tỉnh Savannakhet của Lào ký kết biên bản hợp tác.\n"
    )
    (crawl / "release.txt").write_text(release, "utf-8")
    (crawl / "sub").mkdir()
    (crawl / "sub" / "link.txt").symlink_to("../release.txt")  # stays inside: read
    (outside / "secret.txt").write_text("Mật khẩu\n\nMật khẩu quản trị của máy chủ là hunter2.\n", "utf-8")
    (crawl / "secret.txt").symlink_to(outside / "secret.txt")
    (crawl / "passwd.txt").symlink_to("/etc/passwd")
    (crawl / "zero.txt").symlink_to("/dev/zero")
    (crawl / "elsewhere").symlink_to(outside, target_is_directory=True)
    os.mkfifo(crawl / "fifo.txt")
    report = _index_json(crawl, tmp_path / "index")
    reasons = {r["path"].split("/crawl/")[1]: r["reason"] for r in report["rejected"]}
    assert reasons == {
        "elsewhere": "symlink to a folder outside the crawl folder",
        "fifo.txt": "not a regular file (a FIFO)",
        "passwd.txt": "symlink to a file outside the crawl folder (not followed)",
        "secret.txt": "symlink to a file outside the crawl folder (not followed)",
        "zero.txt": "symlink to a file outside the crawl folder (not followed)",
    }
    assert report["added"] == 2  # release.txt, and sub/link.txt which points at it
    for word in ("hunter2", "root", "Mật khẩu"):
        assert cli_json("search", word, index=tmp_path / "index")["total"] == 0, word


def test_a_special_file_named_on_the_command_line_is_rejected_not_read(tmp_path):
    import os

    os.mkfifo(tmp_path / "fifo.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    good, bad = _by_kind(list(read([tmp_path / "fifo.txt", tmp_path / "zero.txt"])))
    assert good == [] and bad == {
        "fifo.txt": "not a regular file (a FIFO)",
        "zero.txt": "not a regular file (a device)",
    }


def test_a_deeply_nested_json_line_is_one_rejected_line(tmp_path):
    crawl = tmp_path / "crawl.jsonl"
    record = json.dumps(
        {"text": "Tỉnh Quảng Trị và tỉnh Savannakhet của Lào ký kết hợp tác."}, ensure_ascii=False
    )
    crawl.write_text("[" * 1000 + "\n" + record + "\n" + '{"text": "a", "x": ' + "[" * 5000 + "\n", "utf-8")
    good, bad = _by_kind(list(read([crawl])))
    assert [g.content for g in good] == [json.loads(record)["text"]]
    assert bad == {
        "crawl.jsonl:1": "line 1: invalid JSON (nested too deeply)",
        "crawl.jsonl:3": "line 3: invalid JSON (nested too deeply)",
    }
