"""Shared fixtures: the seed corpus indexed once per session, and the CLI as a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
DATA = ROOT / "tests" / "data"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory) -> Path:
    """An index of corpus/ built once, read-only for the tests that share it."""
    from indexer.pipeline import index_paths
    from indexer.store import IndexStore

    path = tmp_path_factory.mktemp("seed") / "index"
    index_paths(IndexStore(path), [CORPUS])
    return path


@pytest.fixture(scope="session")
def snapshot(seed_index):
    from indexer.snapshot import Snapshots
    from indexer.store import IndexStore

    return Snapshots(IndexStore(seed_index)).current()


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
