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
    (b, r) = BANDS[threshold]; two texts are candidates when one band is equal.  Memory is
    what limits an archive here (32 dicts of byte-string buckets held 820 MiB for 184,000
    signatures, this 310 MiB), so everything is numpy but the newest few thousand documents' bands:

    - signatures, one uint32 row per document ordinal, in blocks of BLOCK rows (growing an
      array by doubling held twice the rows at times, and a copy of all of them);
    - each band as a 64-bit key (band number and minima mixed; a key shared by chance only
      adds a candidate, which must still score THRESHOLD), sorted with its ordinal, plus a
      dict of the recent keys, merged into the sorted arrays every RECENT of them;
    - a changed document gets a new ordinal, and its old one is marked dead, not removed.
    """

    RECENT = 1 << 18  # band keys held in the dict before a merge: about 25 MiB
    BLOCK = 1 << 14  # signatures a block: 8 MiB

    def __init__(self, threshold: float = THRESHOLD) -> None:
        if threshold not in BANDS:
            raise ValueError(f"no LSH bands for threshold {threshold}: BANDS has {sorted(BANDS)}")
        bands, rows = BANDS[threshold]
        self.threshold = threshold
        self._bands = [slice(4 * rows * i, 4 * rows * (i + 1)) for i in range(bands)]
        self._shape = (bands, rows)
        self._blocks: list[np.ndarray] = []
        self._alive = np.zeros(0, dtype=bool)
        self._count = 0
        self._ids: list[str] = []
        self._stories: list[str] = []
        self._ordinals: dict[str, int] = {}  # a live document's ordinal
        self._keys = np.zeros(0, dtype=np.uint64)  # sorted
        self._members = np.zeros(0, dtype=np.int32)  # the ordinal beside each key
        self._recent: dict[int, int | list[int]] = {}
        self._recent_count = 0

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
        keys = self._band_keys(minhash)
        found = self._candidate_ordinals(keys)
        if found.size:
            rows = np.stack([self._blocks[o // self.BLOCK][o % self.BLOCK] for o in found.tolist()])
            equal = rows == np.frombuffer(minhash, "<u4")
            scores = equal.mean(axis=1)
            for at in sorted(range(found.size), key=lambda i: self._ids[found[i]]):
                if scores[at] >= best:
                    best, story = float(scores[at]), self._stories[found[at]]
        self._add(doc_id, minhash, story, keys)
        return story

    def same_story(self, first: bytes | None, second: bytes | None) -> bool:
        """Whether a text with signature `second` would join the story of `first` (band, then score)."""
        if first is None or second is None:
            return False
        banded = any(first[band] == second[band] for band in self._bands)
        return banded and similarity(first, second) >= self.threshold

    def _candidates(self, minhash: bytes) -> set[str]:
        return {self._ids[o] for o in self._candidate_ordinals(self._band_keys(minhash)).tolist()}

    def _band_keys(self, minhash: bytes) -> np.ndarray:
        """Each band's minima and its number mixed into one 64-bit key (splitmix64's steps)."""
        bands, rows = self._shape
        minima = np.frombuffer(minhash, "<u4")[: bands * rows].reshape(bands, rows).astype(np.uint64)
        key = np.arange(bands, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        for row in range(rows):
            key = (key ^ minima[:, row]) * np.uint64(0xBF58476D1CE4E5B9)
            key ^= key >> np.uint64(31)
        return key

    def _candidate_ordinals(self, keys: np.ndarray) -> np.ndarray:
        """The live documents sharing a band key, as sorted ordinals."""
        found: list[int] = []
        if self._keys.size:
            starts = np.searchsorted(self._keys, keys, side="left")
            ends = np.searchsorted(self._keys, keys, side="right")
            hit = ends > starts
            for start, end in zip(starts[hit].tolist(), ends[hit].tolist(), strict=True):
                found += self._members[start:end].tolist()
        for key in keys.tolist():
            members = self._recent.get(key)
            if isinstance(members, int):
                found.append(members)
            elif members:
                found += members
        if not found:
            return np.zeros(0, dtype=np.int64)
        ordinals = np.unique(np.array(found, dtype=np.int64))
        return ordinals[self._alive[ordinals]]

    def _add(self, doc_id: str, minhash: bytes, story: str, keys: np.ndarray | None = None) -> None:
        ordinal = self._count
        if ordinal % self.BLOCK == 0:
            self._blocks.append(np.zeros((self.BLOCK, NUM_PERM), dtype=np.uint32))
            self._alive = np.concatenate([self._alive, np.zeros(self.BLOCK, dtype=bool)])
        self._blocks[-1][ordinal % self.BLOCK] = np.frombuffer(minhash, "<u4")
        self._alive[ordinal] = True
        self._count += 1
        self._ids.append(doc_id)
        self._stories.append(story)
        self._ordinals[doc_id] = ordinal
        for key in (self._band_keys(minhash) if keys is None else keys).tolist():
            members = self._recent.get(key)
            if members is None:
                self._recent[key] = ordinal
            elif isinstance(members, int):
                self._recent[key] = [members, ordinal]
            else:
                members.append(ordinal)
        self._recent_count += len(self._bands)
        if self._recent_count >= self.RECENT:
            self._merge()

    def _merge(self) -> None:
        """The recent keys into the sorted arrays: one insertion pass, not a re-sort."""
        pairs = [(k, o) for k, m in self._recent.items() for o in ([m] if isinstance(m, int) else m)]
        keys = np.array([k for k, _ in pairs], dtype=np.uint64)
        members = np.array([o for _, o in pairs], dtype=np.int32)
        order = np.argsort(keys, kind="stable")
        keys, members = keys[order], members[order]
        at = np.searchsorted(self._keys, keys, side="right")
        self._keys = np.insert(self._keys, at, keys)
        self._members = np.insert(self._members, at, members)
        self._recent, self._recent_count = {}, 0

    def _forget(self, doc_id: str) -> None:
        ordinal = self._ordinals.pop(doc_id, None)
        if ordinal is not None:
            self._alive[ordinal] = False
