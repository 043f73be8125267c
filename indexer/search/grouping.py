"""Syndicated copies counted once: totals, facet counts and result lists by story, not by document.

Each document carries a story ordinal (the snapshot's `stories` array; copies of one text
share it, see indexer/index/stories.py).  A search shows one hit per story, so every number it
gives counts stories: `distinct` for totals, `counts` for facet values (a story counts once
for a value if any of its matching copies has it), `first_per_story` for result lists (the
first copy in the requested order stands for its story).  Exports list every copy instead,
`by_story`: a story's copies together, where its first stands.  `stories=None` means no two
documents share a story, and everything reduces to plain document counts.
"""

from __future__ import annotations

import numpy as np


def distinct(mask: np.ndarray, stories: np.ndarray | None) -> int:
    """How many stories have a document in `mask`.

    >>> distinct(np.array([True, True, False, True]), np.array([0, 0, 1, 2]))
    2
    """
    if stories is None:
        return int(mask.sum())
    return int(np.unique(stories[mask]).size)


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
    keys = np.unique(stories[docs[kept]] * size + codes[kept])
    return np.bincount(keys % size, minlength=size)


def first_per_story(docnums: np.ndarray, stories: np.ndarray | None) -> np.ndarray:
    """Positions in `docnums` (already in display order) of each story's first document.

    >>> stories = np.array([0, 0, 0, 1, 0, 1, 0, 2, 0, 3])  # documents 3 and 5 are copies
    >>> first_per_story(np.array([7, 3, 5, 9]), stories).tolist()
    [0, 1, 3]
    """
    if stories is None or not len(docnums):
        return np.arange(len(docnums))
    _, first = np.unique(stories[docnums], return_index=True)
    return np.sort(first)


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
