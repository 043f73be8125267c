"""Query plans evaluated with numpy over the Whoosh index's own postings.

Whoosh's matchers walk a phrase one candidate at a time through Python span objects;
that was 90% of a query (0.1-0.4 s at 8,000 documents).  Here every clause is a dense
array over the snapshot's documents: posting lists are read block by block into numpy
(and kept, a bounded number of postings, for the next query), a sequence of syllables
is matched by intersecting (document, position) keys, and BM25 scores are summed per
document, so matching, counting and ranking are one pass.  Positions are decoded only
for documents that hold every syllable the whole query needs.
"""

from __future__ import annotations

import dataclasses
import pickle
import sys
import threading
from collections import OrderedDict
from dataclasses import dataclass
from itertools import chain
from math import log

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

from indexer.engines.base import Scope
from indexer.search.proximity import within_window
from indexer.search.query import All, Exclude, Near, Plan, Sequence

B, K1 = 0.75, 1.2  # Whoosh's BM25F defaults, which the ranking was tuned with
CACHED_BYTES = 96 * 2**20  # posting lists kept per snapshot, with their raw or decoded positions
CACHED_PAIRS = 100_000  # syllable pairs counted for suggestions (Engine.beside)
NEAR_PARTS = 3  # words a query needs before "all but one" still says what it is about
_BYTES_HEADER = sys.getsizeof(b"")  # a bytes object's size beyond its data (33 on CPython)
_LENGTH_BYTES = np.array([byte_to_length(b) if b else 0 for b in range(256)], dtype=np.float32)


@dataclass
class Postings:
    """One term's posting list across segments: documents, weights (frequency × field boost)
    and, in positional fields, the encoded positions of each."""

    docs: np.ndarray  # int64, ascending
    weights: np.ndarray  # float32
    values: list[bytes] | None
    _decoded: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None  # counts, starts, positions
    _lock: threading.Lock = dataclasses.field(default_factory=threading.Lock, repr=False)
    _raw_bytes: int = 0  # what `values` holds: each bytes object's data and header, the list's slot

    def __post_init__(self) -> None:
        if self.values:
            self._raw_bytes = sum(map(len, self.values)) + (_BYTES_HEADER + 8) * len(self.values)

    def nbytes(self) -> int:
        """Memory held now: it changes once when the positions are decoded (and the raw values
        dropped), so a cache re-weighs a list each time it hands it out."""
        decoded = self._decoded
        held = self.docs.nbytes + self.weights.nbytes
        return held + (sum(a.nbytes for a in decoded) if decoded else self._raw_bytes if self.values else 0)

    def positions(self, at: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For postings `at`: how many positions each has, and all of them in order.

        When a query needs most of a list, all of it is decoded and kept for the next
        query; a few postings of a long list are decoded alone.
        """
        with self._lock:  # a server's threads share it: one decodes, the others wait for it
            if self._decoded is None and 2 * at.size < self.docs.size:
                return _decode([self.values[i] for i in at.tolist()])
            if self._decoded is None:
                counts, flat = _decode(self.values)
                self._decoded = counts, np.cumsum(counts) - counts, flat
                self.values, self._raw_bytes = None, 0
            counts, starts, flat = self._decoded
        wanted = counts[at]
        offsets = np.arange(int(wanted.sum())) - np.repeat(np.cumsum(wanted) - wanted, wanted)
        return wanted, flat[np.repeat(starts[at], wanted) + offsets]


def _close_together(starts: list[np.ndarray], within: int) -> list[int]:
    """The documents in which one start of every list lies within `within` of the others
    (indexer.search.proximity), from keys (document << 32) | position.

    >>> _close_together([np.array([1 << 32 | 3, 2 << 32 | 1]), np.array([1 << 32 | 9, 2 << 32 | 40])], 6)
    [1]
    """
    owners = [keys >> 32 for keys in starts]
    shared = owners[0]
    for other in owners[1:]:
        shared = np.intersect1d(shared, other)
    return [
        docnum
        for docnum in np.unique(shared).tolist()
        if within_window(
            [(keys[mine == docnum] & 0xFFFFFFFF).tolist() for keys, mine in zip(starts, owners, strict=True)],
            within,
        )
    ]


def _decode(values: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """Whoosh's Positions values (a count, then a pickled list of gaps) → counts, positions.

    The pickles are joined into one list of lists, so Python unpickles once, not once a
    posting; a value in any other shape is unpickled alone.
    """
    if all(v.startswith(b"\x80\x02]", 4) and v.endswith(b".") for v in values):
        gaps = pickle.loads(b"\x80\x02(" + b"".join([v[6:-1] for v in values]) + b"l.")
    else:
        gaps = [pickle.loads(v[4:] if v.endswith(b".") else v[4:] + b".") for v in values]
    counts = np.fromiter(map(len, gaps), dtype=np.int64, count=len(gaps))
    flat = np.fromiter(chain.from_iterable(gaps), dtype=np.int64, count=int(counts.sum()))
    running = np.r_[0, np.cumsum(flat)]
    first = np.cumsum(counts) - counts  # where each posting's gaps start
    return counts, running[1:] - np.repeat(running[first], counts)


_EMPTY = Postings(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32), [])


class Engine:
    """Evaluates plans against one reader; shared by a snapshot's threads."""

    def __init__(self, reader, live: np.ndarray) -> None:
        self.reader = reader
        self.live = live
        self.size = len(live)
        # An index with no documents has one EmptyReader leaf, without Whoosh's term table.
        self._leaves = [(leaf, offset) for leaf, offset in reader.leaf_readers() if leaf.doc_count_all()]
        self._cache: OrderedDict[tuple[str, str], Postings] = OrderedDict()
        self._weighed: dict[tuple[str, str], int] = {}  # each kept list's bytes when last handed out
        self._cached = 0  # their sum
        self._lengths: dict[str, np.ndarray] = {}
        self._beside: dict[tuple[str, str], int] = {}
        self._lock = threading.Lock()

    def run(self, plan: Plan, scope: Scope | None = None) -> tuple[np.ndarray, np.ndarray]:
        """Which live documents (in the scope) match the plan, and each one's score."""
        return self._evaluate(plan, self._within(scope) & self._bound(plan))

    def _within(self, scope: Scope | None) -> np.ndarray:
        return self.live if scope is None else self.live & scope.mask

    def near(self, plan: Plan, scope: Scope | None = None) -> tuple[np.ndarray, np.ndarray] | None:
        """Documents holding every word of an AND query but one (and none it excludes), and
        their scores: the "gần đúng" block shown under fewer than a page of full matches.
        None for a query of fewer than NEAR_PARTS words, or not a plain AND."""
        if not isinstance(plan, All) or plan.operator != "and":
            return None
        positive = [p for p in plan.items if not isinstance(p, Exclude)]
        if len(positive) < NEAR_PARTS:
            return None
        within = self._within(scope)
        held = np.zeros(self.size, dtype=np.int64)
        scores = np.zeros(self.size, dtype=np.float32)
        for item in positive:
            matched, score = self._evaluate(item, within & self._bound(item))
            held += matched
            scores += score
        found = within & (held == len(positive) - 1)
        for item in plan.items:
            if isinstance(item, Exclude):
                found &= ~self._evaluate(item.item, found)[0]
        return found, np.where(found, scores, 0).astype(np.float32)

    # Matching

    def _bound(self, plan: Plan) -> np.ndarray:
        """Documents holding every syllable the plan needs somewhere: a cheap superset of
        its matches, so positions are decoded only where they can matter."""
        if isinstance(plan, Sequence):
            found = np.ones(self.size, dtype=bool)
            terms = [plan.matched(field) for field in plan.fields]
            for at in range(len(plan.folded)):
                anywhere = np.zeros(self.size, dtype=bool)
                for matched in terms:
                    anywhere[self.postings(*matched[at]).docs] = True
                found &= anywhere
            return found
        if isinstance(plan, Near):
            return np.logical_and.reduce([self._bound(p) for p in plan.parts])
        if isinstance(plan, All):
            bounds = [self._bound(p) for p in plan.items if not isinstance(p, Exclude)]
            if not bounds or (plan.operator == "or" and len(bounds) < len(plan.items)):
                return np.ones(self.size, dtype=bool)  # "a OR -b" can match anything
            return np.logical_or.reduce(bounds) if plan.operator == "or" else np.logical_and.reduce(bounds)
        return np.ones(self.size, dtype=bool)

    def _evaluate(self, plan: Plan, within: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if isinstance(plan, Sequence):
            return self._sequence(plan, within)
        if isinstance(plan, Near):
            return self._near(plan, within)
        if isinstance(plan, Exclude):
            excluded, _ = self._evaluate(plan.item, within)
            return within & ~excluded, np.zeros(self.size, dtype=np.float32)
        if plan.operator == "or":
            found = np.zeros(self.size, dtype=bool)
            scores = np.zeros(self.size, dtype=np.float32)
            for item in plan.items:
                matched, score = self._evaluate(item, within)
                found |= matched
                scores += score
            return found, scores
        found, scores = within.copy(), np.zeros(self.size, dtype=np.float32)
        for item in (p for p in plan.items if not isinstance(p, Exclude)):
            matched, score = self._evaluate(item, found)
            found &= matched
            scores += score
        for item in (p for p in plan.items if isinstance(p, Exclude)):
            excluded, _ = self._evaluate(item.item, found)
            found &= ~excluded
        if plan.together is not None:
            _, together = self._sequence(plan.together, found & self._bound(plan.together))
            scores += together
        return found, np.where(found, scores, 0).astype(np.float32)

    def _sequence(self, plan: Sequence, within: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """A word or phrase in any field: each syllable typed with diacritics as typed, each
        bare one in any reading; scored as its folded form, and the exact form and pyvi's
        joined word add to the score where they are found too."""
        found = np.zeros(self.size, dtype=bool)
        scores = np.zeros(self.size, dtype=np.float32)
        candidates = np.flatnonzero(within)
        for field in plan.fields:
            docs, tf = self._matches(plan.matched(field), candidates)
            if not docs.size:
                continue
            found[docs] = True
            scores[docs] += self._bm25(field + "_fold", docs, tf, self._df(field + "_fold", plan.folded))
            if plan.exact:
                exact, exact_tf = self._occurrences(field, plan.exact, docs)
                scores[exact] += plan.weight * self._bm25(field, exact, exact_tf, self._df(field, plan.exact))
            if plan.exact and len(plan.exact) > 1:
                word = self.postings(field + "_word", "_".join(plan.exact))
                at = _members(word.docs, docs)
                if at.size:
                    word_docs = word.docs[at]
                    scores[word_docs] += plan.weight * self._bm25(
                        field + "_word", word_docs, word.weights[at], df=word.docs.size
                    )
        return found, scores

    def _near(self, plan: Near, within: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Documents where every part stands within `plan.within` syllables of the others, in
        one field and in any order; scored as the parts would be together."""
        found = np.zeros(self.size, dtype=bool)
        candidates = within.copy()
        for part in plan.parts:
            candidates &= self._sequence(part, candidates)[0]
        among = np.flatnonzero(candidates)
        for field in plan.parts[0].fields:
            starts = [self._starts(part.matched(field), among) for part in plan.parts]
            for docnum in _close_together(starts, plan.within):
                found[docnum] = True
        scores = np.zeros(self.size, dtype=np.float32)
        for part in plan.parts:
            scores += self._sequence(part, found)[1]
        return found, np.where(found, scores, 0).astype(np.float32)

    def _starts(self, terms: tuple[tuple[str, str], ...], among: np.ndarray) -> np.ndarray:
        """Where the (field, term) pairs stand side by side in the documents of `among`:
        (document << 32) | position of the first, ascending."""
        lists = [self.postings(name, term) for name, term in terms]
        docs = among
        for postings in lists:
            docs = postings.docs[_members(postings.docs, docs)]
        keys = None
        for offset, postings in enumerate(lists):
            counts, positions = postings.positions(np.searchsorted(postings.docs, docs))
            owners = np.repeat(docs.astype(np.int64), counts) << 32
            shifted = positions - offset
            own = owners[shifted >= 0] | shifted[shifted >= 0]
            keys = own if keys is None else own[_members(own, keys)]
        return keys if keys is not None else np.zeros(0, dtype=np.int64)

    def _occurrences(self, field: str, parts: tuple[str, ...], among: np.ndarray) -> tuple[np.ndarray, ...]:
        """The documents of `among` where `parts` stand side by side in `field`, and how often."""
        return self._matches(tuple((field, part) for part in parts), among)

    def _matches(self, terms: tuple[tuple[str, str], ...], among: np.ndarray) -> tuple[np.ndarray, ...]:
        """The documents of `among` where the (field, term) pairs stand side by side, and how
        often.  A field's exact and folded twins share positions, so one sequence may take
        some syllables from each."""
        field, parts = terms[0][0], tuple(term for _, term in terms)
        lists = [self.postings(name, term) for name, term in terms]
        docs = among
        for postings in lists:
            docs = postings.docs[_members(postings.docs, docs)]
        if len(parts) == 1 or not docs.size:
            at = np.searchsorted(lists[0].docs, docs)
            return docs, lists[0].weights[at] if docs.size else np.zeros(0, dtype=np.float32)
        keys = None
        for offset, postings in enumerate(lists):
            counts, positions = postings.positions(np.searchsorted(postings.docs, docs))
            starts = np.repeat(np.arange(docs.size, dtype=np.int64), counts) << 32
            shifted = positions - offset
            own = starts[shifted >= 0] | shifted[shifted >= 0]  # ascending: documents, then positions
            keys = own if keys is None else own[_members(own, keys)]
        per_doc = np.bincount((keys >> 32).astype(np.int64), minlength=docs.size)
        hit = per_doc > 0
        return docs[hit], (per_doc[hit] * self._boost(field)).astype(np.float32)

    def beside(self, first: str, second: str) -> int:
        """How many live documents hold syllable `first` right before `second`, in a title or
        a text: how the suggestion tells which readings of bare words go together.  Kept per
        snapshot (a bare query asks up to 25 pairs a word boundary, the next query the same)."""
        with self._lock:
            if (first, second) in self._beside:
                return self._beside[first, second]
        among = np.flatnonzero(self.live)
        found = [self._occurrences(field, (first, second), among)[0] for field in ("title", "text")]
        count = int(np.union1d(*found).size)
        with self._lock:
            if len(self._beside) >= CACHED_PAIRS:
                self._beside.clear()
            self._beside[first, second] = count
        return count

    # Scoring

    def _df(self, field: str, parts: tuple[str, ...]) -> int:
        """A sequence's document frequency, as its rarest syllable's: exact for one syllable,
        an upper bound for more, and the same whatever else the query asks (the matches
        found are only those within the rest of the query)."""
        return min(self.postings(field, part).docs.size for part in parts)

    def _bm25(self, field: str, docs: np.ndarray, tf: np.ndarray, df: int) -> np.ndarray:
        if not docs.size:
            return np.zeros(0, dtype=np.float32)
        total = self.reader.doc_count_all()
        idf = log(total / (df + 1)) + 1.0
        lengths = self._field_lengths(field)
        average = (self.reader.field_length(field) / total) or 1.0
        dl = lengths[docs]
        return (idf * tf * (K1 + 1) / (tf + K1 * ((1 - B) + B * dl / average))).astype(np.float32)

    def _boost(self, field: str) -> float:
        return float(getattr(self.reader.schema[field].format, "field_boost", 1.0))

    def _field_lengths(self, field: str) -> np.ndarray:
        """Each document's length in `field`, as Whoosh stores it (one byte, log-scaled)."""
        with self._lock:
            if field not in self._lengths:
                lengths = np.zeros(self.size, dtype=np.float32)
                for leaf, offset in self._leaves:
                    count = leaf.doc_count_all()
                    lengths[offset : offset + count] = _LENGTH_BYTES[_length_bytes(leaf, field, count)]
                self._lengths[field] = lengths
            return self._lengths[field]

    # Postings

    def postings(self, field: str, term: str) -> Postings:
        """A term's postings, read once and kept until newer ones fill `CACHED_BYTES`."""
        key = (field, term)
        with self._lock:
            postings = self._cache.get(key)
            if postings is not None:
                self._cache.move_to_end(key)
                self._weigh(key, postings)  # its positions may have been decoded since
                return postings
        postings = self._read(field, term)
        with self._lock:
            if key not in self._cache:
                self._cache[key] = postings
                self._weigh(key, postings)
        return postings

    def _weigh(self, key: tuple[str, str], postings: Postings) -> None:
        """Count a kept list at its current size, then drop the least recently used over the bound."""
        size = postings.nbytes()
        self._cached += size - self._weighed.get(key, 0)
        self._weighed[key] = size
        while self._cached > CACHED_BYTES and len(self._cache) > 1:
            old, _ = self._cache.popitem(last=False)
            self._cached -= self._weighed.pop(old)

    def documents(self, field: str, term: str) -> np.ndarray:
        """The documents holding a term, read in blocks and not kept: facet values, once a snapshot."""
        return self._read(field, term).docs

    def _read(self, field: str, term: str) -> Postings:
        if field not in self.reader.schema:
            return _EMPTY
        fmt = self.reader.schema[field].format
        positional = fmt.fixed_value_size() is None
        docs, weights, values = [], [], []
        for leaf, offset in self._leaves:
            try:
                matcher = leaf._terms.matcher(field, leaf._text_to_bytes(field, term), fmt, scorer=None)
            except TermNotFound:
                continue
            for block_docs, block_weights, block_values in _blocks(matcher, positional):
                docs.append(block_docs + offset)
                weights.append(block_weights)
                values.extend(block_values)
        if not docs:
            return _EMPTY
        return Postings(np.concatenate(docs), np.concatenate(weights), values if positional else None)


def _blocks(matcher, positional: bool):
    """(docs, weights, values) a block at a time, decoded with numpy, from Whoosh's W3 codec.

    Deleted documents are included (the snapshot's `live` array removes them).  Every
    posting list is in blocks: the W3 codec inlines in the term index only lists shorter
    than `inlinelimit`, 1 by default, so none (and above 1 Whoosh 2.7 fails to write).
    """
    while matcher.is_active():
        matcher._read_data()
        raw_ids, raw_weights, raw_values = matcher._data[:3]
        ids = np.asarray(raw_ids, dtype=np.int64)
        docs = ids if matcher._byteids else np.cumsum(ids)
        if raw_weights is None or isinstance(raw_weights, float):
            weights = np.full(docs.size, raw_weights or 1.0, dtype=np.float32)
        else:
            weights = np.asarray(raw_weights, dtype=np.float32)
        yield docs, weights, list(raw_values) if positional else []
        matcher._next_block()


def _length_bytes(leaf, field: str, count: int) -> np.ndarray:
    """A segment's length column for `field` in one read (Whoosh reads it a byte per call)."""
    column = leaf._perdoc._cached_reader(f"_{field}_len", LENGTHS_COLUMN)
    found = np.zeros(count, dtype=np.uint8)
    if column is not None:
        raw = column._dbfile.get(column._basepos, min(column._count, count))
        found[: len(raw)] = np.frombuffer(raw, dtype=np.uint8)
    return found


def _members(haystack: np.ndarray, needles: np.ndarray) -> np.ndarray:
    """Indexes into `haystack` of the `needles` it holds; both ascending, without repeats.

    >>> _members(np.array([2, 4, 6, 8]), np.array([1, 4, 8, 9])).tolist()
    [1, 3]
    """
    if not haystack.size or not needles.size:
        return np.zeros(0, dtype=np.int64)
    at = np.searchsorted(haystack, needles)
    inside = at < haystack.size
    at, needles = at[inside], needles[inside]
    return at[haystack[at] == needles]
