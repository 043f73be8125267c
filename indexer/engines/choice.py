"""Which engine an index folder holds, and the store and snapshots that read and write it.

A generation says what wrote it (tantivy's `meta.json`, Whoosh's table of contents), so the
choice needs no record of its own and changes atomically with the `current` link: a
`--rebuild --engine X` that is killed before its swap leaves the old engine in charge.  A new
index takes `--engine`, else $THONGCAO_ENGINE, else Whoosh; an existing one keeps its own.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from indexer.engines.whoosh_snapshot import Snapshots
from indexer.errors import ThongcaoError
from indexer.index.store import IndexStore

ENGINES = ("whoosh", "tantivy")
DEFAULT = "whoosh"


def engine_of(path: str | os.PathLike[str]) -> str | None:
    """The engine of the index's current generation, None when there is no index."""
    current = Path(path) / "current"
    if (current / "meta.json").exists():
        return "tantivy"
    return "whoosh" if IndexStore(path).exists() else None


def asked_engine(option: str | None) -> str | None:
    """The engine a person asked for: the option, else $THONGCAO_ENGINE; None for neither."""
    asked = option or os.environ.get("THONGCAO_ENGINE") or None
    if asked is not None and asked not in ENGINES:
        raise ThongcaoError(f"unknown engine {asked!r}: choose one of {', '.join(ENGINES)}")
    return asked


def store_for(path: str | os.PathLike[str], engine: str) -> IndexStore:
    if engine == "tantivy":
        from indexer.engines.tantivy_engine import TantivyStore  # imported only where used

        return TantivyStore(path)
    return IndexStore(path)


def run_store(
    path: str | os.PathLike[str], option: str | None, rebuild: bool
) -> tuple[IndexStore, str | None]:
    """The store an indexing run writes, and a note when the engine asked for is not used."""
    existing, asked = engine_of(path), asked_engine(option)
    if existing and not rebuild:
        note = None
        if asked and asked != existing:
            note = (
                f"the index at {path} is a {existing} index and stays one; "
                f"--rebuild --engine {asked} converts it"
            )
        return store_for(path, existing), note
    return store_for(path, asked or existing or DEFAULT), None


class EngineSnapshots:
    """The current snapshot of whatever engine the index holds now: a server started before
    `--rebuild --engine X` reads the converted index after its swap, as after any rebuild."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = path
        self._by_engine: dict[str, object] = {}
        self._lock = threading.Lock()

    def current(self):
        engine = engine_of(self.path) or DEFAULT
        with self._lock:
            snapshots = self._by_engine.get(engine)
            if snapshots is None:
                snapshots = self._by_engine[engine] = _snapshots(self.path, engine)
        return snapshots.current()


def _snapshots(path: str | os.PathLike[str], engine: str):
    return snapshots_of(store_for(path, engine))


def snapshots_of(store: IndexStore):
    """The renewing snapshots of one store, of the engine the store writes."""
    if store.engine == "tantivy":  # imported only where used
        from indexer.engines.tantivy_engine import TantivySnapshots

        return TantivySnapshots(store)
    return Snapshots(store)


def snapshots_for(path: str | os.PathLike[str]) -> EngineSnapshots:
    """The snapshots of the index at `path`, whichever engine it holds."""
    return EngineSnapshots(path)
