"""Choosing the engine: a new index takes --engine (or $THONGCAO_ENGINE), an existing one keeps
its own, --rebuild --engine converts, and every command and the server follow the index."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from indexer.engines.choice import engine_of
from tests.conftest import CORPUS, cli_json, run_cli

QUERIES = ["hợp tác", "han quoc", "Gyeong*", '"Tuyên Quang Imsil"~10', "title:Imsil -Samsung"]


def ids(index: Path, q: str) -> list[str]:
    return [hit["id"] for hit in cli_json("search", q, "--per-page", "50", index=index)["hits"]]


def test_a_tantivy_index_answers_every_command_as_a_whoosh_one(tmp_path):
    whoosh, tantivy = tmp_path / "whoosh", tmp_path / "tantivy"
    assert cli_json("index", str(CORPUS), index=whoosh)["added"] == 5
    assert cli_json("index", str(CORPUS), "--engine", "tantivy", index=tantivy)["added"] == 5
    assert (engine_of(whoosh), engine_of(tantivy)) == ("whoosh", "tantivy")
    for q in QUERIES:
        assert sorted(ids(whoosh, q)) == sorted(ids(tantivy, q)), q
    doc_id = ids(tantivy, "Imsil")[0]
    shown = cli_json("show", doc_id, index=tantivy)
    assert shown["title"] == cli_json("show", doc_id, index=whoosh)["title"] and shown["related"]
    listed = tmp_path / "list.txt"
    listed.write_text("Imsil\nhợp tác\n", "utf-8")
    assert cli_json("batch", str(listed), index=tantivy) == cli_json("batch", str(listed), index=whoosh)
    assert cli_json("index", str(CORPUS), index=tantivy)["unchanged"] == 5  # increments stay tantivy


def test_the_environment_chooses_for_a_new_index_and_an_existing_one_keeps_its_own(tmp_path):
    index = tmp_path / "index"
    env = {**os.environ, "THONGCAO_ENGINE": "tantivy", "THONGCAO_INDEX": str(index)}
    command = [str(Path(sys.executable).parent / "thongcao"), "index", str(CORPUS), "--json"]
    subprocess.run(command, env=env, check=True, capture_output=True)
    assert engine_of(index) == "tantivy"
    kept = run_cli("index", str(CORPUS), "--engine", "whoosh", "--json", index=index)
    assert kept.returncode == 0 and engine_of(index) == "tantivy"
    assert "is a tantivy index and stays one; --rebuild --engine whoosh converts it" in kept.stderr
    converted = cli_json("index", str(CORPUS), "--rebuild", "--engine", "whoosh", index=index)
    assert converted["added"] == 5 and engine_of(index) == "whoosh"
    bad = run_cli("index", str(CORPUS), "--engine", "lucene", index=index)
    assert bad.returncode == 2 and "invalid choice" in bad.stderr


def test_a_running_server_follows_a_conversion(tmp_path):
    from indexer.engines.choice import run_store
    from indexer.index.pipeline import index_paths
    from webui.app import create_app

    index = tmp_path / "index"
    index_paths(run_store(index, None, False)[0], [CORPUS])
    client = create_app(index, {"TESTING": True}).test_client()
    before = client.get("/api/search?q=hợp+tác").get_json()
    index_paths(run_store(index, "tantivy", True)[0], [CORPUS], rebuild=True)
    assert engine_of(index) == "tantivy"
    after = client.get("/api/search?q=hợp+tác").get_json()
    assert after["total"] == before["total"]
    assert {h["id"] for h in after["hits"]} == {h["id"] for h in before["hits"]}
