"""Syndicated copies: one release re-published by several outlets, grouped into a story at index time.

shingles: the body's words, folded and lower-cased (so tone placement, case and a copy typed
      without marks agree), in overlapping runs of SHINGLE words.  The headline is left out:
      outlets rewrite it.  A body of fewer than MIN_SHINGLES runs gets no signature and is
      never grouped (short texts share boilerplate by chance).
signature: MinHash (datasketch, NUM_PERM permutations) of that set, 4 bytes a permutation,
      stored with the document so a later run can compare new texts with it.
StoryFinder: LSH banding over the signatures (the bands datasketch's MinHashLSH picks); a new
      text joins the story of its most similar document when their estimated Jaccard similarity
      is at least THRESHOLD, else it starts a story keyed by its own id.  Copies keep the story key of the
      first copy indexed, so a later run's copy joins the story already shown.

THRESHOLD was measured, not guessed: scripts/dedup_eval builds copies of real articles from
../shared/news (changed headline, trimmed ending, added byline, all three, light edits) and
pairs of different articles on the same topic (same category, the most shared rare words),
then reports precision and recall per threshold; see the README for the figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np

from indexer.text import fold

SHINGLE = 5  # words per shingle
NUM_PERM = 128
SCHEME = "affine32"  # datasketch 2's hashing scheme: stored signatures are only comparable within one
MIN_SHINGLES = 10
THRESHOLD = 0.4  # scripts/dedup_eval: precision 0.998, recall 0.988 (0.5: 1.000, 0.930)
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """The set of overlapping word runs of a text, folded and lower-cased.

    >>> sorted(shingles("Hợp tác với Hàn Quốc", 3))
    [b'hop tac voi', b'tac voi han', b'voi han quoc']
    """
    words = _WORD.findall(fold(text).lower())
    return {" ".join(words[i : i + size]).encode() for i in range(max(0, len(words) - size + 1))}


def signature(text: str) -> bytes | None:
    """The MinHash signature of a body, as bytes to store; None for a body too short to group."""
    found = shingles(text)
    if len(found) < MIN_SHINGLES:
        return None
    from datasketch import MinHash  # imported here: only indexing pays for it (and scipy's)

    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    minhash.update_batch(list(found))
    return minhash.hashvalues.astype("<u4").tobytes()


def similarity(a: bytes, b: bytes) -> float:
    """The estimated Jaccard similarity of two signatures: the share of equal minima."""
    return float(np.mean(np.frombuffer(a, "<u4") == np.frombuffer(b, "<u4")))


class StoryFinder:
    """Which story a document belongs to, given every document indexed before it.

    Candidates come from LSH banding: the signature is cut into b bands of r minima, with
    (b, r) chosen by datasketch's MinHashLSH for THRESHOLD; two texts are candidates when one
    band is equal.  Bands are kept as byte strings, so loading a large index's signatures is
    a few dict inserts per document (building datasketch MinHash objects costs 0.6 ms each).
    """

    def __init__(self, threshold: float = THRESHOLD) -> None:
        from datasketch import MinHashLSH

        chosen = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.threshold = threshold
        self._bands = [slice(4 * chosen.r * i, 4 * chosen.r * (i + 1)) for i in range(chosen.b)]
        # A bucket holds one document's ordinal, or a list of them: most bands of most texts
        # are unique, and a set a bucket was 426 MiB at 40,000 documents (this is 150 MiB).
        self._buckets: list[dict[bytes, int | list[int]]] = [{} for _ in self._bands]
        self._ordinals: dict[str, int] = {}
        self._ids: list[str] = []
        self._signatures: dict[str, bytes] = {}
        self._stories: dict[str, str] = {}

    @classmethod
    def of(cls, stored: Iterable[dict], threshold: float = THRESHOLD) -> StoryFinder:
        """A finder that knows already-indexed documents (their stored id, story and minhash)."""
        finder = cls(threshold)
        for fields in stored:
            if fields.get("minhash"):
                finder._add(fields["id"], fields["minhash"], fields.get("story") or fields["id"])
        return finder

    def assign(self, doc_id: str, minhash: bytes | None) -> str:
        """The story key for a new (or changed) document, which is remembered for the next ones."""
        self._forget(doc_id)  # a changed document is compared afresh
        if minhash is None:
            return doc_id
        best, story = self.threshold, doc_id
        for other in sorted(self._candidates(minhash)):
            score = similarity(minhash, self._signatures[other])
            if score >= best:
                best, story = score, self._stories[other]
        self._add(doc_id, minhash, story)
        return story

    def same_story(self, first: bytes | None, second: bytes | None) -> bool:
        """Whether a text with signature `second` would join the story of `first` (band, then score)."""
        if first is None or second is None:
            return False
        banded = any(first[band] == second[band] for band in self._bands)
        return banded and similarity(first, second) >= self.threshold

    def _candidates(self, minhash: bytes) -> set[str]:
        found: set[int] = set()
        for band, buckets in zip(self._bands, self._buckets, strict=True):
            members = buckets.get(minhash[band])
            if isinstance(members, int):
                found.add(members)
            elif members:
                found.update(members)
        return {self._ids[o] for o in found}

    def _add(self, doc_id: str, minhash: bytes, story: str) -> None:
        ordinal = self._ordinals.setdefault(doc_id, len(self._ids))
        if ordinal == len(self._ids):
            self._ids.append(doc_id)
        for band, buckets in zip(self._bands, self._buckets, strict=True):
            key = minhash[band]
            members = buckets.get(key)
            if members is None:
                buckets[key] = ordinal
            elif isinstance(members, int):
                if members != ordinal:
                    buckets[key] = [members, ordinal]
            elif ordinal not in members:
                members.append(ordinal)
        self._signatures[doc_id] = minhash
        self._stories[doc_id] = story

    def _forget(self, doc_id: str) -> None:
        minhash = self._signatures.pop(doc_id, None)
        if minhash is None:
            return
        ordinal = self._ordinals[doc_id]
        for band, buckets in zip(self._bands, self._buckets, strict=True):
            key = minhash[band]
            members = buckets[key]
            if members == ordinal:
                del buckets[key]
            elif isinstance(members, list):
                members.remove(ordinal)
        del self._stories[doc_id]
