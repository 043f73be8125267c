"""Syndicated copies counted once: totals, facet counts and result lists by story, not by document.

Each document carries a story ordinal (the snapshot's `stories` array; copies of one text
share it, see indexer/index/stories.py).  A search shows one hit per story, so every number it
gives counts stories: `distinct` for totals, `counts` for facet values (a story counts once
for a value if any of its matching copies has it), `first_per_story` for result lists (the
first copy in the requested order stands for its story).  Exports list every copy instead,
`by_story`: a story's copies together, where its first stands.  `stories=None` means no two
documents share a story, and everything reduces to plain document counts.

None of these sorts the matches of a search: a sort (np.unique) a facet was most of a broad
query's time at 184,000 releases.  Stories are small integers, so `distinct` and
`first_per_story` mark them in an array of their own; a facet's (story, value) pairs are
grouped once a snapshot (`Groups`), and a search counts them with one gather and one reduceat.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np

SPARSE = 8  # Groups.any_in marks groups while fewer than one member in this many is in the mask


@dataclass(frozen=True)
class Groups:
    """Documents in groups, sorted once: `members` group after group, each group starting at
    `starts` and carrying a `labels` entry.  Which groups have a member in a mask is then
    O(members), whatever the mask.

    >>> groups = Groups.of(np.array([0, 1, 2, 3]), np.array([7, 5, 7, 9]))  # 0 and 2 share key 7
    >>> groups.labels.tolist(), groups.any_in(np.array([False, False, True, False])).tolist()
    ([5, 7, 9], [False, True, False])
    """

    members: np.ndarray
    starts: np.ndarray
    labels: np.ndarray

    @classmethod
    def of(cls, docs: np.ndarray, keys: np.ndarray) -> Groups:
        """The documents grouped by equal key, each group labelled with its key."""
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]]) if ordered.size else order
        return cls(docs[order], starts, ordered[starts])

    def any_in(self, mask: np.ndarray) -> np.ndarray:
        """Per group, whether one of its documents is in `mask`: the groups of the members in it
        marked when they are few (a typical search: 0.2 ms for 230,000 pairs, against 1.4 for
        a reduceat over every group), a reduceat when they are many."""
        if not self.members.size:
            return np.zeros(0, dtype=bool)
        hit = mask[self.members]
        if np.count_nonzero(hit) * SPARSE > hit.size:
            return np.logical_or.reduceat(hit, self.starts)
        marked = np.zeros(self.starts.size, dtype=bool)
        marked[self.owners[hit]] = True
        return marked

    @functools.cached_property
    def owners(self) -> np.ndarray:
        """Each member's group."""
        sizes = np.diff(np.r_[self.starts, self.members.size])
        return np.repeat(np.arange(self.starts.size, dtype=np.int32), sizes)


def pairs_by_story(docs: np.ndarray, codes: np.ndarray, size: int, stories: np.ndarray) -> Groups:
    """A facet's (document, value) pairs grouped by (story, value): a story counts once for a
    value however many of its copies carry it.  Labels are the value codes."""
    groups = Groups.of(docs, stories[docs] * size + codes)
    return Groups(groups.members, groups.starts, groups.labels % size)


def distinct(mask: np.ndarray, stories: np.ndarray | None) -> int:
    """How many stories have a document in `mask`.

    >>> distinct(np.array([True, True, False, True]), np.array([0, 0, 1, 2]))
    2
    """
    if stories is None:
        return int(mask.sum())
    seen = np.zeros(stories.size, dtype=bool)  # story ordinals are below the document count
    seen[stories[mask]] = True
    return int(np.count_nonzero(seen))


def counts(docs: np.ndarray, codes: np.ndarray, size: int, base: np.ndarray,
           stories: np.ndarray | None) -> np.ndarray:  # fmt: skip
    """Per facet value (`size` of them): how many stories have a document in `base` carrying
    it; `docs` and `codes` are the facet's (document, value) pairs.

    >>> docs, codes = np.array([0, 1, 2]), np.array([0, 0, 1])  # documents 0 and 1 have value 0
    >>> counts(docs, codes, 2, np.array([True, True, True]), np.array([0, 0, 1])).tolist()
    [1, 1]
    """
    kept = base[docs]
    if stories is None:
        return np.bincount(codes[kept], minlength=size)
    story, codes = stories[docs[kept]], codes[kept]
    # A story whose pairs here all carry one value counts once for it; only the pairs of stories
    # with several values are sorted to find their distinct ones.
    low, high = np.full(stories.size, size), np.full(stories.size, -1)
    np.minimum.at(low, story, codes)
    np.maximum.at(high, story, codes)
    one = (high >= 0) & (low == high)
    several = ~one[story]
    keys = np.unique(story[several] * size + codes[several])
    return np.bincount(low[one], minlength=size) + np.bincount(keys % size, minlength=size)


def grouped_counts(groups: Groups, size: int, base: np.ndarray) -> np.ndarray:
    """`counts` over pairs grouped once (`pairs_by_story`): per value, the stories in `base`.

    >>> docs, codes, stories = np.array([0, 1, 2]), np.array([0, 0, 1]), np.array([0, 0, 1])
    >>> grouped_counts(pairs_by_story(docs, codes, 2, stories), 2, np.array([True, True, True])).tolist()
    [1, 1]
    """
    return np.bincount(groups.labels[groups.any_in(base)], minlength=size)


def first_per_story(docnums: np.ndarray, stories: np.ndarray | None) -> np.ndarray:
    """Positions in `docnums` (already in display order) of each story's first document.

    >>> stories = np.array([0, 0, 0, 1, 0, 1, 0, 2, 0, 3])  # documents 3 and 5 are copies
    >>> first_per_story(np.array([7, 3, 5, 9]), stories).tolist()
    [0, 1, 3]
    """
    if stories is None or not len(docnums):
        return np.arange(len(docnums))
    at = np.arange(len(docnums))
    first = np.full(stories.size, len(docnums))
    np.minimum.at(first, stories[docnums], at)
    return at[first[stories[docnums]] == at]


def by_story(docnums: np.ndarray, stories: np.ndarray | None) -> np.ndarray:
    """Positions in `docnums` (already in display order) of every document, each story's copies
    right after its first: stories in the order `first_per_story` lists them, copies in theirs.

    >>> stories = np.array([0, 0, 0, 1, 0, 1, 0, 2, 0, 3])  # documents 3 and 5 are copies
    >>> by_story(np.array([7, 3, 9, 5]), stories).tolist()
    [0, 1, 3, 2]
    """
    if stories is None or not len(docnums):
        return np.arange(len(docnums))
    _, first, story = np.unique(stories[docnums], return_index=True, return_inverse=True)
    return np.argsort(first[story], kind="stable")
