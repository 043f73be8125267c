"""The seam: what thongcao asks of the engine that stores and searches its index.

Above the seam, and the same whatever the engine: parsing and planning a query (with its
readings and suggestion), the date range and the timeline, facet counts (disjunctive, one
per story), story grouping, ordering, snippets, the web, the feed and the CLI.  They work
on dense document numbers 0..size-1 and numpy arrays over them, so an engine only has to
say, for one point-in-time snapshot:

  vocabulary  which terms the index holds and in how many documents (planning reads bare
              words as their likeliest accented form, and groups syllables into words)
  evaluator   a plan's matches and BM25 scores, the "gần đúng" near misses, and how often
              two syllables stand side by side (the suggestion)
  arrays      which numbers are live, each one's date (YYYYMMDD, 0 when unknown), each
              facet's (document, value) pairs, each one's story
  documents   stored fields by number, a number by id, the numbers of a story

and, for writing: analysed documents put, documents deleted by id, all of it committed at
once or not at all, in generations a reader never sees half-written (indexer/index/store.py).

docs/engines.md says what each engine (Whoosh today, tantivy and OpenSearch on paper)
does behind it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np


class Vocabulary(Protocol):
    """The terms of a snapshot, as planning and marking ask about them."""

    def doc_frequency(self, fieldname: str, text: str) -> int: ...

    def expand_prefix(self, fieldname: str, prefix: str) -> Iterable[str]: ...

    def __contains__(self, term: tuple[str, str]) -> bool: ...


@dataclass(frozen=True)
class Scope:
    """The documents a search can show (its date range, its facet filters) handed to the
    evaluator, so an engine can leave the rest unevaluated: a filtered query on a large index
    need not score every match of its words.  The caller still ANDs `mask` in, so an engine
    may report matches outside the scope, and one that cannot use it ignores it."""

    mask: np.ndarray  # bool, one per number: exactly the scope
    start: int | None = None  # the date range as indexer.search.timeline bounds it (None: open)
    end: int | None = None
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # facet: values OR-ed
    spare: int = 0  # how many of the filters a document may fail (each facet is counted without its own)


class Evaluator(Protocol):
    """Plans (indexer.search.query) answered over a snapshot's document numbers."""

    def run(self, plan: object, scope: Scope | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Matching documents (bool, one per number) and their scores (float32): every match
        in the scope (None: everywhere), with the same scores as without it."""
        ...

    def near(self, plan: object, scope: Scope | None = None) -> tuple[np.ndarray, np.ndarray] | None:
        """Documents holding every part of the plan but one (every one in the scope), and their
        scores; None when the plan has too few parts for that to mean anything."""
        ...

    def beside(self, first: str, second: str) -> int:
        """In how many documents the folded syllable `second` follows `first`."""
        ...


class FacetValues(Protocol):
    """One facet's values and its (document, value) pairs."""

    values: list[str]
    docs: np.ndarray  # int64 document numbers
    codes: np.ndarray  # int64 positions in `values`
    index: dict[str, int]

    def mask(self, chosen: tuple[str, ...], size: int) -> np.ndarray: ...

    def counts(self, base: np.ndarray, stories: np.ndarray | None) -> np.ndarray:
        """Per value, how many stories (documents when `stories` is None) in `base` carry it
        (indexer.search.grouping: the Whoosh snapshot's FacetPostings serves both engines)."""
        ...


class Snapshot(Protocol):
    """One point-in-time view of an index, shared by every thread of a server."""

    generation: Path | None
    size: int  # document numbers run 0..size-1, deleted ones included
    live: np.ndarray  # bool: not deleted
    dates: np.ndarray  # int64 YYYYMMDD; YYYY0000 when only the year is known; 0 when unknown
    facets: Mapping[str, FacetValues]
    stories: np.ndarray  # int64: each document's story as an ordinal below `size` (grouping counts on it)
    grouped: np.ndarray | None  # `stories`, or None when no story has two live copies
    engine: Evaluator

    def vocabulary(self) -> Vocabulary: ...

    def stored(self, docnum: int) -> dict: ...

    def copies(self, docnum: int) -> int: ...

    def document_number(self, doc_id: str) -> int | None: ...

    def story_numbers(self, story: str) -> list[int]: ...

    def close(self) -> None:
        """Let go of the files a snapshot holds open, for one a caller opened for itself."""


class Writer(Protocol):
    """One indexing run's changes: none is visible until `commit`, all of them after it."""

    def put(self, document: Mapping[str, object]) -> None: ...

    def delete(self, doc_id: str) -> None: ...

    def commit(self) -> None: ...

    def cancel(self) -> None: ...


class Renewing:
    """Hands out one snapshot to every caller, opening a new one once the index moved on:
    each engine says what `_stale` means for it and how to `_open` a generation."""

    def __init__(self, store) -> None:
        self.store = store
        self._snapshot = None
        self._lock = threading.Lock()

    def current(self):
        with self._lock:
            # The folder resolved once, then opened: resolving again after opening could
            # label an old generation's reader with a new name if a rebuild swapped between.
            generation = self.store.generation()
            if self._snapshot is None or self._stale(self._snapshot, generation):
                self._snapshot = self._open(generation)
            return self._snapshot

    def _stale(self, snap, generation: Path | None) -> bool:
        raise NotImplementedError

    def _open(self, generation: Path | None):
        raise NotImplementedError
