"""Syndicated copies: one release re-published by several outlets, grouped into a story at index time.

shingles: the body's words, folded and lower-cased (so tone placement, case and a copy typed
      without marks agree), in overlapping runs of SHINGLE words.  The headline is left out:
      outlets rewrite it.  A body of fewer than MIN_SHINGLES runs gets no signature and is
      never grouped (short texts share boilerplate by chance).
signature: MinHash (NUM_PERM permutations, numpy) of that set, 4 bytes a permutation, stored
      with the document so a later run can compare new texts with it.  The hashing is datasketch
      2's "affine32" MinHash bit for bit, so signatures stored when datasketch computed them
      keep their meaning (tests/test_stories.py pins one).
StoryFinder: LSH banding over the signatures (BANDS: the bands datasketch's MinHashLSH picks); a new
      text joins the story of its most similar document when their estimated Jaccard similarity
      is at least THRESHOLD, else it starts a story keyed by its own id.  Copies keep the story key of the
      first copy indexed, so a later run's copy joins the story already shown.

THRESHOLD was measured, not guessed: scripts/dedup_eval builds copies of real articles from
../shared/news (changed headline, trimmed ending, added byline, all three, light edits) and
pairs of different articles on the same topic (same category, the most shared rare words),
then reports precision and recall per threshold; see the README for the figures.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import numpy as np

from indexer.text import fold

SHINGLE = 5  # words per shingle
NUM_PERM = 128
# The hashing below, named after datasketch 2's MinHash(scheme="affine32", seed=1) that it reproduces
# bit for bit.  Stored signatures are only comparable within one scheme: change the name (and
# re-index) if the hashing changes.
SCHEME = "affine32"
MIN_SHINGLES = 10
THRESHOLD = 0.4  # scripts/dedup_eval: precision 0.998, recall 0.988 (0.5: 1.000, 0.930)
# LSH bands (b bands of r minima) per threshold: the (b, r) datasketch 2's MinHashLSH picked for
# NUM_PERM = 128, written down once.  It takes, among b * r <= 128, the pair minimising the chance
# that a pair below the threshold shares a band plus the chance that one above shares none,
#   integral over s in [0, t] of 1 - (1 - s^r)^b  +  integral over s in [t, 1] of (1 - s^r)^b
# (tests/test_stories.py recomputes it).  THRESHOLD's is (32, 4); the others are for scripts/dedup_eval.
BANDS = {
    0.2: (28, 2),
    0.3: (37, 3),
    0.4: (32, 4),
    0.5: (25, 5),
    0.6: (18, 7),
    0.7: (14, 9),
    0.8: (9, 13),
    0.9: (5, 25),
}
_WORD = re.compile(r"\w+")
# Permutations h -> a * h + b mod 2^32, a odd (a bijection), drawn as datasketch draws them: numpy's
# legacy RandomState stream, which numpy keeps frozen, with datasketch's default seed 1.
_draw = np.random.RandomState(1)
_A = _draw.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
_B = _draw.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
del _draw
_ROWS = 4096  # shingles hashed per matrix op: a long text costs at most 2 MiB at a time


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
    # Each shingle's 32-bit hash: the first 4 bytes of its SHA-1, little-endian (a digest is 5 words).
    digests = b"".join([hashlib.sha1(shingle).digest() for shingle in found])
    hashes = _fmix32(np.frombuffer(digests, "<u4")[::5])
    minima = np.full(NUM_PERM, 0xFFFFFFFF, np.uint32)
    for start in range(0, hashes.size, _ROWS):
        # shingles x permutations, wrapping around 2^32, then the least of each permutation
        permuted = hashes[start : start + _ROWS, None] * _A + _B
        np.minimum(minima, permuted.min(axis=0), out=minima)
    return minima.astype("<u4").tobytes()


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's finalizer (a bijection on 32-bit words), mixing the hashes before permuting."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def similarity(a: bytes, b: bytes) -> float:
    """The estimated Jaccard similarity of two signatures: the share of equal minima."""
    return float(np.mean(np.frombuffer(a, "<u4") == np.frombuffer(b, "<u4")))


class StoryFinder:
    """Which story a document belongs to, given every document indexed before it.

    Candidates come from LSH banding: the signature is cut into b bands of r minima, with
    (b, r) = BANDS[threshold]; two texts are candidates when one band is equal.  Bands are
    kept as byte strings, so loading a large index's signatures is a few dict inserts per
    document.
    """

    def __init__(self, threshold: float = THRESHOLD) -> None:
        if threshold not in BANDS:
            raise ValueError(f"no LSH bands for threshold {threshold}: BANDS has {sorted(BANDS)}")
        bands, rows = BANDS[threshold]
        self.threshold = threshold
        self._bands = [slice(4 * rows * i, 4 * rows * (i + 1)) for i in range(bands)]
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
