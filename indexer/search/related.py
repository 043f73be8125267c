"""Related releases: the same subject from other dates or outlets, for a release's page.

A release's subject is in its rarest meaningful words: pyvi's words of its headline and
lead, each weighed by how rare it is in the archive (idf) and how often the release uses it;
the KEY_WORDS best are asked as one OR query, and releases that share its places (countries,
partner localities, provinces) score more.  Its own story's copies are left out: they have
their own list.  Words found in one release only (a typo, a name nobody else writes) and
words in more than COMMON of them ("năm", "tỉnh") say nothing of a subject.
"""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np

from indexer.engines.base import Snapshot
from indexer.facets.facet_fields import PLACES
from indexer.search import grouping
from indexer.search.query import any_of, query_words
from indexer.text import fold

MAX_RELATED = 10
KEY_WORDS = 12
COMMON = 0.05  # a word in more than this share of releases is no subject
LEAD_CHARS = 3000  # the headline and this much of the body: where a release says what it is about
PLACE_BONUS = 0.25  # the score grows by this much for each place shared
_LETTERS = re.compile(r"[^\W\d_]{2,}")


def key_words(title: str, text: str, vocabulary, size: int) -> list[str]:
    """The release's KEY_WORDS rarest meaningful words (pyvi's, "_"-joined), best first."""
    counts = Counter(
        w for w in query_words(f"{title}\n{text[:LEAD_CHARS]}", vocabulary) if _LETTERS.search(w)
    )
    counts.update({w: 2 for w in query_words(title, vocabulary) if w in counts})  # the headline counts more
    weighed = []
    for word, count in counts.items():
        field = "word_fold" if "_" in word else "text_fold"
        df = vocabulary.doc_frequency(field, fold(word).lower())
        if 2 <= df <= max(3, COMMON * size):  # 3: in a small archive a story's copies share words too
            weighed.append((count * math.log(size / df), word))
    return [word for _, word in sorted(weighed, reverse=True)[:KEY_WORDS]]


def related(snap: Snapshot, docnum: int, limit: int = MAX_RELATED) -> list[int]:
    """Up to `limit` documents about the same subject, best first, one a story, none of its own."""
    stored = snap.stored(docnum)
    words = key_words(stored.get("title") or "", stored.get("text") or "", snap.vocabulary(), snap.size)
    if not words:
        return []
    matches, scores = snap.engine.run(any_of(words, snap.vocabulary()))
    shared = np.zeros(snap.size, dtype=np.float32)
    for facet in (f for f in PLACES if f.name != "province_2025"):  # its old province counts once
        postings = snap.facets[facet.name]
        mine = postings.codes[postings.docs == docnum]
        shared[postings.docs[np.isin(postings.codes, mine)]] += 1
    scores = scores * (1 + PLACE_BONUS * shared)
    matches &= snap.live
    if snap.grouped is not None:
        matches &= snap.grouped != snap.grouped[docnum]
    matches[docnum] = False
    found = np.flatnonzero(matches)
    found = found[np.lexsort((found, -scores[found]))]
    kept = grouping.first_per_story(found, snap.grouped)[:limit]
    return [int(found[i]) for i in kept]
