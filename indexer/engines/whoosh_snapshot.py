"""The Whoosh engine's snapshot (indexer/engines/base.py's `Snapshot`): a searcher plus the
arrays built once for it: live documents, dates and facet postings.

Whoosh rebuilds its facet maps on every grouped search; counting with numpy over
per-searcher (document, value) arrays costs one gather and one bincount instead.  A Snapshot is
immutable: after a commit or a swap, `Snapshots.current()` hands out a new one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from indexer.engines.base import Renewing
from indexer.engines.whoosh_engine import Engine
from indexer.index.store import FACETS
from indexer.search import grouping
from indexer.search.grouping import Groups

UNKNOWN_YEAR = "unknown"  # the year facet's value for releases no date could be trusted for


@dataclass
class FacetPostings:
    """For one facet: its values, and each (document, value) pair as two parallel arrays.

    Pairs, not a value × document matrix: a facet of a thousand localities over 40,000
    documents would be 40 MB a snapshot, and counting would touch all of it.
    """

    values: list[str]
    docs: np.ndarray  # int64
    codes: np.ndarray  # int64, the value's position in `values`
    index: dict[str, int] = field(default_factory=dict)
    _by_story: tuple[np.ndarray, Groups | None] | None = field(default=None, repr=False, compare=False)

    def counts(self, base: np.ndarray, stories: np.ndarray | None) -> np.ndarray:
        """Per value, the stories (documents, when `stories` is None) in `base` carrying it.

        The first search sorts its own pairs; from the second on, the facet's pairs are
        grouped by (story, value) once (grouping.pairs_by_story) and each count is a gather:
        a command-line search, one a snapshot, never pays for grouping all of them.  Two
        threads may both build the groups; either result is the same."""
        size = len(self.values)
        if stories is None:
            return grouping.counts(self.docs, self.codes, size, base, None)
        cached = self._by_story
        if cached is None or cached[0] is not stories:
            self._by_story = (stories, None)
            return grouping.counts(self.docs, self.codes, size, base, stories)
        if cached[1] is None:
            cached = (stories, grouping.pairs_by_story(self.docs, self.codes, size, stories))
            self._by_story = cached
        return grouping.grouped_counts(cached[1], size, base)

    def mask(self, chosen: tuple[str, ...], size: int) -> np.ndarray:
        """Documents carrying any of the chosen values (values of one facet are OR-ed)."""
        picked = [self.index[v] for v in chosen if v in self.index]
        found = np.zeros(size, dtype=bool)
        found[self.docs[np.isin(self.codes, picked)]] = True
        return found

    @classmethod
    def of(cls, name: str, values: list[str], docs: list[np.ndarray], live: np.ndarray) -> FacetPostings:
        """A facet's postings from each value's documents, live ones only, whatever engine
        read them; the year facet gains UNKNOWN_YEAR for the live documents no year holds."""
        if name == "year":
            dated = np.zeros(live.size, dtype=bool)
            for found in docs:
                dated[found] = True
            values = [*values, UNKNOWN_YEAR]
            docs = [*docs, np.flatnonzero(live & ~dated)]
        codes = [np.full(len(d), i, dtype=np.int64) for i, d in enumerate(docs)]
        docs_all = np.concatenate(docs) if docs else np.zeros(0, dtype=np.int64)
        codes_all = np.concatenate(codes) if codes else np.zeros(0, dtype=np.int64)
        kept = live[docs_all]
        return cls(values, docs_all[kept], codes_all[kept], {v: i for i, v in enumerate(values)})


def date_known_years(dates: np.ndarray, year: FacetPostings) -> None:
    """A release whose year alone is known ("Tháng 3 năm 2023") dates as YYYY0000: it sorts
    after that year's dated releases and before the undated (0), and a range of whole years
    holds it (indexer.search.timeline).  Every engine's snapshot fills `dates` so."""
    for code, value in enumerate(year.values):
        if value.isdigit():
            docs = year.docs[year.codes == code]
            undated = docs[dates[docs] == 0]
            dates[undated] = int(value) * 10000


class Snapshot:
    """One point-in-time view of the index, safe to share between threads."""

    def __init__(self, searcher, generation: Path | None) -> None:
        self.searcher = searcher
        self.generation = generation
        reader = searcher.reader()
        self.size = reader.doc_count_all()
        self.live = np.zeros(self.size, dtype=bool)
        self.live[list(reader.all_doc_ids())] = True
        self.engine = Engine(reader, self.live)
        self.dates = self._dates(reader)
        self.facets = {name: self._facet(reader, name) for name in FACETS}
        self._date_known_years()
        self.stories = self._stories(reader)
        self.story_sizes = np.bincount(self.stories[self.live], minlength=self.size)
        # None when no two live documents share a story: counting then skips the grouping.
        self.grouped = self.stories if self.story_sizes.max(initial=0) > 1 else None

    def _dates(self, reader) -> np.ndarray:
        if self.size == 0 or not reader.has_column("date"):
            return np.zeros(self.size, dtype=np.int64)
        column = reader.column_reader("date")
        return np.fromiter((column[n] for n in range(self.size)), dtype=np.int64, count=self.size)

    def _date_known_years(self) -> None:
        date_known_years(self.dates, self.facets["year"])

    def _stories(self, reader) -> np.ndarray:
        """Each document's story as a small integer (its own number in an index without stories)."""
        if self.size == 0 or "story" not in reader.schema or not reader.has_column("story"):
            return np.arange(self.size)
        column = reader.column_reader("story", translate=False)  # bytes group as well as text
        keys: dict[object, int] = {}
        ordinals = (keys.setdefault(column[n], len(keys)) for n in range(self.size))
        return np.fromiter(ordinals, dtype=np.int64, count=self.size)

    def copies(self, docnum: int) -> int:
        """How many other live documents tell the same story."""
        return int(self.story_sizes[self.stories[docnum]]) - 1

    def _facet(self, reader, name: str) -> FacetPostings:
        """A facet's postings.  No value is ever blank (a document without a source simply has
        none); documents without a year are the one value UNKNOWN_YEAR, which a filter can pick."""
        if name not in reader.schema:  # an index written before this facet existed
            return FacetPostings([], np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
        terms = (v.decode("utf-8") if isinstance(v, bytes) else v for v in reader.lexicon(name))
        values = [v for v in terms if v.strip() and v != UNKNOWN_YEAR]
        docs = [self.engine.documents(name, value) for value in values]
        return FacetPostings.of(name, values, docs, self.live)

    def stored(self, docnum: int) -> dict:
        return self.searcher.stored_fields(docnum)

    def vocabulary(self):
        """Whoosh's reader answers what planning asks (doc_frequency, expand_prefix, `in`)."""
        return self.searcher.reader()

    def document_number(self, doc_id: str) -> int | None:
        return self.searcher.document_number(id=doc_id) if doc_id else None

    def story_numbers(self, story: str) -> list[int]:
        return list(self.searcher.document_numbers(story=story))

    def close(self) -> None:
        self.searcher.close()


class Snapshots(Renewing):
    """Hands out the current Snapshot, renewing it when the index changed on disk."""

    def _stale(self, snap: Snapshot, generation: Path | None) -> bool:
        return snap.generation != generation or not snap.searcher.up_to_date()

    def _open(self, generation: Path | None) -> Snapshot:
        return Snapshot(self.store.open(generation, shared=True).searcher(), generation)
