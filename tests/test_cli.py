"""The `thongcao` command as a user runs it: a subprocess, its exit code and its output."""

import json

import pytest

from tests.conftest import CORPUS, DATA, cli_json, run_cli

pytestmark = pytest.mark.usefixtures("engine")  # every test here runs on both engines


def test_index_prints_counts_then_search_and_show_read_them_back(tmp_path):
    index = tmp_path / "index"
    report = cli_json("index", str(CORPUS), index=index)
    assert {k: report[k] for k in ("added", "updated", "unchanged", "deleted", "documents")} == {
        "added": 5,
        "updated": 0,
        "unchanged": 0,
        "deleted": 0,
        "documents": 5,
    }
    assert report["rejected"] == [] and 0 < report["seconds"] < 300

    found = cli_json("search", "Imsil", index=index)
    assert found["total"] == 1 and found["page"] == 1
    (hit,) = found["hits"]
    assert hit["countries"] == ["Hàn Quốc"] and hit["provinces"] == ["Tuyên Quang"]
    assert "<mark>Imsil</mark>" in hit["snippet"]
    assert set(found["facets"]) >= {"country", "province", "year"}

    shown = cli_json("show", hit["id"], index=index)
    assert shown["title"] == hit["title"] and "Imsil" in shown["text"]
    assert "snippet" not in shown and "score" not in shown


def test_a_rerun_reports_every_document_unchanged(tmp_path):
    index = tmp_path / "index"
    cli_json("index", str(CORPUS), index=index)
    again = cli_json("index", str(CORPUS), index=index)
    assert (again["added"], again["unchanged"], again["documents"]) == (0, 5, 5)


def test_search_filters_on_the_command_line(tmp_path):
    index = tmp_path / "index"
    cli_json("index", str(CORPUS), index=index)
    found = cli_json("search", "hợp tác", "--country", "Nhật Bản", "--per-page", "5", index=index)
    assert found["total"] == 1 and found["per_page"] == 5
    assert found["hits"][0]["provinces"] == ["Yên Bái"]


def test_rejected_inputs_are_listed_and_the_run_still_succeeds(tmp_path):
    done = run_cli("index", str(DATA / "crawl"), str(tmp_path / "gone"), "--json", index=tmp_path / "index")
    assert done.returncode == 0
    rejected = {r["path"].rsplit("/", 1)[-1]: r["reason"] for r in json.loads(done.stdout)["rejected"]}
    assert rejected["gone"] == "no such file or directory" and "empty.txt" in rejected


def test_human_output_names_the_counts_and_the_rejects(tmp_path):
    done = run_cli("index", str(DATA / "crawl"), index=tmp_path / "index")
    assert done.returncode == 0
    assert "5 added, 0 updated, 0 unchanged, 0 deleted, 4 rejected" in done.stdout
    assert "empty.txt: empty file" in done.stdout


def test_errors_are_messages_with_a_non_zero_exit(tmp_path):
    missing = run_cli("search", "x", index=tmp_path / "nothing")
    assert missing.returncode == 1 and "no index at" in missing.stderr
    cli_json("index", str(CORPUS), index=tmp_path / "index")
    unknown = run_cli("show", "no-such-id", index=tmp_path / "index")
    assert unknown.returncode == 1 and "no document with id 'no-such-id'" in unknown.stderr
    bad_page = run_cli("search", "x", "--page", "0", index=tmp_path / "index")
    assert bad_page.returncode == 1 and "page must be between" in bad_page.stderr


def test_a_prune_of_most_of_the_index_is_refused_in_json_mode_and_done_with_yes(crawl, tmp_path):
    index = tmp_path / "index"
    cli_json("index", str(crawl), index=index)
    for path in sorted(crawl.glob("*.txt"))[:3]:
        path.unlink()
    refused = run_cli("index", str(crawl), "--prune", "--json", index=index)
    assert (refused.returncode, refused.stdout) == (1, "")
    assert "would delete 3 of the 5 documents" in refused.stderr and "--yes" in refused.stderr
    assert cli_json("index", str(crawl), index=index)["documents"] == 5  # nothing was deleted
    done = cli_json("index", str(crawl), "--prune", "--yes", index=index)
    assert (done["deleted"], done["documents"]) == (3, 2)


def test_a_prune_of_most_of_the_index_asks_at_a_terminal(crawl, tmp_path):
    import os
    import pty
    import subprocess
    import sys
    from pathlib import Path

    index = tmp_path / "index"
    cli_json("index", str(crawl), index=index)
    for path in sorted(crawl.glob("*.txt"))[:4]:
        path.unlink()
    for answer, deleted in ((b"n\n", "0 deleted"), (b"y\n", "4 deleted")):
        keyboard, terminal = pty.openpty()
        run = subprocess.Popen(
            [Path(sys.executable).parent / "thongcao", "index", "--index", str(index), str(crawl), "--prune"],
            stdin=terminal,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        os.write(keyboard, answer)
        out, err = run.communicate(timeout=120)
        os.close(keyboard), os.close(terminal)
        assert "will delete 4 of the 5 documents" in out and "Delete? [y/N]" in out
        if deleted == "0 deleted":
            assert run.returncode == 1 and "nothing was changed" in err
        else:
            assert run.returncode == 0 and "4 deleted" in out and "1 documents" in out


def test_plain_output_stars_the_query_in_titles_and_snippets(tmp_path):
    record = {
        "title": "Tỉnh Gangwon thăm Bắc Ninh",
        "text": "15:13\nSáng 17/4, đoàn công tác tỉnh Gangwon đến Bắc Ninh. Hai bên bàn về đầu tư.",
    }
    (tmp_path / "crawl.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", "utf-8")
    index = tmp_path / "index"
    cli_json("index", str(tmp_path / "crawl.jsonl"), index=index)
    done = run_cli("search", "gangwon", index=index)
    assert done.returncode == 0
    assert "\n1. Tỉnh *Gangwon* thăm Bắc Ninh\n" in done.stdout
    assert "\n   Sáng 17/4, đoàn công tác tỉnh *Gangwon* đến Bắc Ninh.\n" in done.stdout


def test_the_index_folder_may_be_named_before_or_after_the_command(tmp_path):
    index = str(tmp_path / "index")
    assert run_cli("--index", index, "index", "--json", str(CORPUS)).returncode == 0
    before = run_cli("--index", index, "search", "Imsil", "--json")
    after = run_cli("search", "--index", index, "Imsil", "--json")
    assert json.loads(before.stdout) == json.loads(after.stdout) and json.loads(after.stdout)["total"] == 1


def test_output_cut_short_by_a_pipe_ends_quietly(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    crawl, index = tmp_path / "crawl", tmp_path / "index"
    crawl.mkdir()
    body = "Tỉnh Quảng Ninh hợp tác với Nhật Bản về du lịch biển và cảng biển. " * 4000  # 280 KB
    (crawl / "long.txt").write_text("Quảng Ninh hợp tác với Nhật Bản về du lịch\n\n" + body, "utf-8")
    cli_json("index", str(crawl), index=index)
    (hit,) = cli_json("search", "Quảng Ninh", index=index)["hits"]
    thongcao = Path(sys.executable).parent / "thongcao"
    pipe = f"'{thongcao}' show --index '{index}' --json {hit['id']} | head -c 10 >/dev/null"
    done = subprocess.run(["bash", "-o", "pipefail", "-c", pipe], capture_output=True, text=True, timeout=120)
    assert (done.stderr, done.returncode) == ("", 0)


def test_an_input_meeting_a_bug_is_rejected_by_its_type_and_verbose_shows_it(tmp_path, monkeypatch, capsys):
    from indexer import cli
    from indexer.index import workers

    def broken(item, digest):
        raise TypeError("a bug in extraction")

    monkeypatch.setattr(workers, "build_document", broken)
    index, seed = str(tmp_path / "index"), str(CORPUS / "000_eb25f7a71b7afa55.txt")
    assert cli.main(["index", "--index", index, seed]) == 0
    quiet = capsys.readouterr().out
    assert "extraction failed: TypeError: a bug in extraction" in quiet and "Traceback" not in quiet
    assert cli.main(["index", "--index", index, "--verbose", seed]) == 0
    loud = capsys.readouterr().out
    assert "Traceback (most recent call last)" in loud and 'raise TypeError("a bug in extraction")' in loud
