"""The tantivy engine behind the seam (indexer/engines/base.py), tested beside Whoosh's.

`thongcao index --engine tantivy` chooses it (indexer.engines.choice).  `TantivyStore` is an
`IndexStore` (same folder layout, generations, writer lock and swap;
`indexer.index.pipeline.index_paths` writes through it), and `TantivySnapshots(store).current()`
hands out a `TantivySnapshot` that `indexer.search.run` reads like the Whoosh one.

- **Tokens are thongcao's.**  Every analysed field is given to tantivy pre-tokenized
  (`PreTokenizedString`), with the positions thongcao's analysis gives, so the gap left at
  a sentence break (indexer.analysis.analyzers.numbered) stops phrases as it does in Whoosh; pyvi's
  words keep their `_`, folding stays `indexer.text.fold`.  The schema names the built-in
  `whitespace` tokenizer for these fields, which no query ever runs.
- **Mixed sequences.**  A phrase typed partly with diacritics ("Ha Nội") needs one syllable
  from the exact field and another from the folded field at the next position, and a
  tantivy phrase stays in one field.  So each folded field (`title_fold`, `text_fold`) also
  holds, at the same position, every exact syllable that differs from its folded form
  (never a folded term: those have no diacritics), and the phrase runs there.  Folded
  terms' document frequencies are unchanged; field lengths count both.
- **Dense numbers.**  Live documents in indexing order, as Whoosh numbers them: each document
  carries `seq`, a fast field the writer counts up (never below any live `seq` or
  `story_seq`), and a snapshot numbers 0..size-1 by it from one `all_query` search sorted in
  tantivy; a hit's number is its `seq` looked up there.  Not address order: segment ids are
  random and merges reorder them, so ties between equal scores would fall differently after a
  merge.  Deleted documents get no number: `size` is the live count and `live` is all true.
- **Stories as numbers.**  `story_seq` is the `seq` of the story's first copy (its first
  document put, kept while any copy lives), so a snapshot reads every document's story from a
  fast field instead of sorting 100,000s of story strings (2.5 s at 184,000 releases).
- **Arrays beside the commit.**  Reading every facet's (document, value) pairs, the dates and
  the stories out of tantivy is most of opening a snapshot (0.4 s at 200,000 releases), so
  the writer saves them after its commit as `arrays-OPSTAMP.npz` in the generation, and a
  snapshot of that commit loads them (`_Arrays`), with the `seq`s, so that it reads a stored
  release's address only when asked for it.  A missing, stale or broken file costs only the
  reading it saves: an opstamp names one commit (tantivy never reuses one), and the file's
  `seq`s must fit the searcher's (as many, the same lowest and highest).
- **Queries.**  A plan becomes one tantivy query (`TantivyEngine.query`): a syllable a term query, a
  run of syllables a phrase, AND / OR / NOT a boolean query, the title ×3 a boost.  Every
  match comes back with its BM25 score (tantivy's, per field, summed: not Whoosh's BM25F).
"""

from __future__ import annotations

import functools
import itertools
import json
import os
import sys
import tempfile
import threading
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import tantivy
from tantivy import Document, FieldType, Occur, Order, PreTokenizedString, Query, Token
from whoosh.fields import STORED

from indexer.analysis.analyzers import Tokenizer, folded, joined_words, positioned
from indexer.documents import Document as Release
from indexer.engines.base import Renewing, Scope
from indexer.engines.whoosh_snapshot import UNKNOWN_YEAR, FacetPostings, date_known_years
from indexer.errors import IndexMissing
from indexer.facets.facet_fields import FACETS as FACET_FIELDS
from indexer.facets.facet_fields import SEPARATOR
from indexer.index.store import _SCHEMA as WHOOSH_SCHEMA
from indexer.index.store import IndexStore, plain_fields, tokens
from indexer.search.proximity import starts_in_text, within_window
from indexer.search.query import All, Exclude, Near, Plan, Sequence
from indexer.text import fold

TOKENIZER = "whitespace"  # never run: every analysed field is pre-tokenized
POSITIONAL = ("title", "title_fold", "title_word", "text", "text_fold", "text_word")
ANALYSED = (*POSITIONAL, "word_fold")
FOLDED_TWINS = {"title_fold": "title", "text_fold": "text"}  # also hold the exact syllables
# Whoosh's stored-only fields (store.schema), so a field added there is stored here too.
STORED_TEXT = tuple(
    name
    for name, field in WHOOSH_SCHEMA.items()
    if type(field) is STORED and name not in ("versions", "minhash")
)
TITLE_BOOST = 3.0  # as Whoosh's title fields' field_boost
HEAP = 256_000_000  # the writer's memory, split between its threads
THREADS = 2  # the machine's cores
WINDOW_PARTS = 6  # words of a proximity query paired to find candidates (15 pairs a field)
NEAR_PARTS = 3  # as indexer.engines.whoosh_engine: words a query needs before "all but one" means anything
CACHED_PAIRS = 100_000
LOOKUPS = 64  # stored documents found by their seq before a snapshot reads every address
SEQ, STORY_SEQ = "seq", "story_seq"
ASCENDING = {"order_by_field": SEQ, "order": Order.Asc}  # a search's hits in indexing order


def schema() -> tantivy.Schema:
    """store.schema()'s fields in tantivy's terms."""
    builder = tantivy.SchemaBuilder()
    for name in ANALYSED:
        option = "position" if name in POSITIONAL else "freq"
        builder.add_text_field(
            name, stored=name in ("title", "text"), tokenizer_name=TOKENIZER, index_option=option
        )
    builder.add_text_field("id", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_unsigned_field(SEQ, fast=True)  # indexing order: the snapshot's numbers (_Numbering)
    builder.add_unsigned_field(STORY_SEQ, fast=True)
    builder.add_text_field("story", stored=True, fast=True, tokenizer_name="raw", index_option="basic")
    builder.add_integer_field("date", indexed=True, fast=True)
    for facet in FACET_FIELDS:  # stored as Whoosh stores them ("a,b"), indexed a term a value
        builder.add_text_field(facet.name, stored=True, fast=True, tokenizer_name="raw", index_option="basic")
    for name in STORED_TEXT:
        builder.add_text_field(name, stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("versions", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_bytes_field("minhash", stored=True)
    return builder.build()


# Whoosh's fields; besides them tantivy has SEQ and STORY_SEQ, the engine's own numbers.
FIELD_NAMES = (*ANALYSED, "id", "story", "date", *(f.name for f in FACET_FIELDS), *STORED_TEXT,
               "versions", "minhash")  # fmt: skip


# Writing


@dataclass(frozen=True)
class Pretokenized:
    """One analysed field as tantivy takes it (a folded field with its twin's accented
    syllables merged in), worked out in the pipeline's workers by `tantivy_fields`: decoding
    Whoosh's postings in the one writing process cost 4 ms a document."""

    tokens: list[str]
    positions: list[int]


def tantivy_fields(doc: Release, tokenizer: Tokenizer | None = None) -> dict[str, object]:
    """A document as TantivyWriter takes it (TantivyStore.analyse)."""
    found = {
        name: list(zip(words, places if places is not None else range(len(words)), strict=True))
        for name, (words, places) in tokens(doc, tokenizer).items()
    }
    return {**plain_fields(doc), **_pretokenized(found)}


def _pretokenized(pairs: dict[str, list[tuple[str, int]]]) -> dict[str, Pretokenized]:
    """The folded fields' exact syllables merged in; a folded field's tokens stand one for one
    with its exact field's, each that syllable folded, so no syllable is folded again here."""
    for twin, exact in FOLDED_TWINS.items():
        accented = [(e, at) for (e, at), (f, _) in zip(pairs[exact], pairs[twin], strict=True) if e != f]
        pairs[twin] = sorted(pairs[twin] + accented, key=lambda pair: pair[1])
    return {name: Pretokenized([t for t, _ in got], [at for _, at in got]) for name, got in pairs.items()}


def _raw_tokens(document: Mapping[str, object], name: str) -> list[tuple[str, int]]:
    """One analysed field's (token, position) pairs from the raw input store.texts gives."""
    text = str(document.get(name) or "")
    if name in ("title", "text", "title_fold", "text_fold"):
        words, places = positioned(text)
        return list(zip(folded(words) if name.endswith("_fold") else words, places, strict=True))
    words = joined_words(text)
    return [(w, i) for i, w in enumerate(folded(words) if name == "word_fold" else words)]


def _string(text: str, words: list[str], positions: list[int]) -> PreTokenizedString:
    return PreTokenizedString(text, [Token(w, at, 0, 0) for w, at in zip(words, positions, strict=True)])


def tantivy_document(document: Mapping[str, object], seq: int, story_seq: int) -> Document:
    """The tantivy document for what `tantivy_fields` gives, or for a dict of store.texts' raw
    inputs with the same other fields; `seq` and `story_seq` are the writer's (TantivyWriter)."""
    doc = Document()
    doc.add_unsigned(SEQ, seq)
    doc.add_unsigned(STORY_SEQ, story_seq)
    if isinstance(document.get("title"), Pretokenized):
        analysed = {name: document[name] for name in ANALYSED}
    else:
        analysed = _pretokenized({name: _raw_tokens(document, name) for name in ANALYSED})
    for name in ANALYSED:
        stored = document.get(f"_stored_{name}", document.get(name)) if name in ("title", "text") else ""
        found = analysed[name]
        doc.add_pre_tokenized_text(name, _string(str(stored or ""), found.tokens, found.positions))
    doc.add_text("id", str(document["id"]))
    doc.add_text("story", str(document.get("story") or document["id"]))
    doc.add_integer("date", int(document.get("date") or 0))
    for facet in FACET_FIELDS:
        raw = str(document.get(facet.name) or "")
        values = [v.strip() for v in raw.split(SEPARATOR)] if facet.many else [raw]
        kept = [v for v in values if v.strip()]
        doc.add_pre_tokenized_text(facet.name, _string(raw, kept, list(range(len(kept)))))
    for name in STORED_TEXT:
        if document.get(name) is not None:  # Whoosh stores no None either
            doc.add_text(name, str(document[name]))
    for version in document.get("versions") or ():
        doc.add_text("versions", str(version))
    if document.get("minhash") is not None:
        doc.add_bytes("minhash", bytes(document["minhash"]))
    return doc


class TantivyWriter:
    """One run's changes (base.Writer): nothing visible before `commit`, all of it after.

    tantivy applies a delete to every document added before it, committed or not, so `put`
    (delete by id, then add) keeps one document per id even within a run, as store.Writer does.
    A document put gets the next `seq`, and its story's `story_seq`: the one its live copies
    hold, else the one given earlier in this run, else its own `seq`.
    """

    def __init__(self, ix: TantivyIndex, problems: list[str] | None = None) -> None:
        self._ix = ix
        self.problems = problems if problems is not None else []
        self._writer = ix.index.writer(HEAP, THREADS)
        ix.index.reload()
        self._searcher = ix.index.searcher()  # what is committed: the writer lock keeps it so
        self._schema = ix.index.schema
        self._next = max(_highest(self._searcher, SEQ), _highest(self._searcher, STORY_SEQ)) + 1
        self._stories: dict[str, int] = {}

    def put(self, document: Mapping[str, object]) -> None:
        doc_id = str(document["id"])
        seq, self._next = self._next, self._next + 1
        story_seq = self._story_seq(str(document.get("story") or doc_id), seq)
        self._writer.delete_documents_by_term("id", doc_id)
        self._writer.add_document(tantivy_document(document, seq, story_seq))

    def _story_seq(self, story: str, seq: int) -> int:
        if story not in self._stories:
            query = Query.term_query(self._schema, "story", story)
            hits = self._searcher.search(query, limit=1, count=False).hits
            held = self._searcher.fast_field_values(STORY_SEQ, [hits[0][1]])[0] if hits else seq
            self._stories[story] = held
        return self._stories[story]

    def delete(self, doc_id: str) -> None:
        self._writer.delete_documents_by_term("id", doc_id)

    def commit(self) -> None:
        """Commit (tantivy swaps meta.json atomically), drop files no commit needs any more,
        let merges finish before the writer lock goes, and save the commit's arrays."""
        stamp = self._writer.commit()
        self._writer.garbage_collect_files()
        self._finish()
        self._save(stamp)

    def cancel(self) -> None:
        """Drop the run's changes.  A run that changed nothing leaves the committed index with
        its arrays if it has none (one written before they were saved, or killed between its
        commit and their saving); a run cancelled by an error only drops its changes, so that
        the error is what the caller sees, at once."""
        self._writer.rollback()
        self._finish()
        stamp = _opstamp(self._ix.folder)
        failing = sys.exc_info()[0] is not None
        if not failing and stamp is not None and not _Arrays.path(self._ix.folder, stamp).exists():
            self._save(stamp)

    def _save(self, stamp: int) -> None:
        """The arrays are a shortcut for readers: a disk that refuses them fails no run (what
        was committed stays committed), the run's report says why."""
        self._ix.index.reload()
        try:
            _Arrays.save(TantivySnapshot(self._ix, None, stamp, cached=False), self._ix.folder, stamp)
        except OSError as exc:
            where = _Arrays.path(self._ix.folder, stamp)
            self.problems.append(f"could not save {where}: {exc.strerror or exc}")

    def _finish(self) -> None:
        self._writer.wait_merging_threads()
        self._writer = self._searcher = None  # tantivy's own writer lock is released with the writer


def _highest(searcher, field: str, order: Order = Order.Desc) -> int:
    """The greatest (Order.Asc: the least) value of an unsigned fast field among live
    documents (0 for none)."""
    if not searcher.num_docs:
        return 0
    top = searcher.search(Query.all_query(), limit=1, count=False, order_by_field=field, order=order)
    return int(top.hits[0][0])


# Where generations live


@dataclass
class TantivyIndex:
    """What TantivyStore.open and create_generation give: an index and its folder."""

    index: tantivy.Index
    folder: Path


class TantivyStore(IndexStore):
    """IndexStore's layout (DIR/current → gen-NNNN, writer.lock, swap) over tantivy indexes."""

    engine = "tantivy"
    analyse = staticmethod(tantivy_fields)

    def exists(self) -> bool:
        return self.current.exists() and (self.current / "meta.json").exists()

    def open(self, generation: Path | None = None, shared: bool = False) -> TantivyIndex:
        if not self.exists():
            raise IndexMissing(f"no index at {self.path}: run `thongcao index` first")
        folder = Path(generation or self.current.resolve())
        return TantivyIndex(tantivy.Index.open(str(folder)), folder)

    def outdated(self) -> bool:
        """True when the current index's schema is not the one this version writes (a field
        missing, or one indexed or stored otherwise): only a rebuild fits."""
        if not self.exists():
            return False
        meta = json.loads((self.current / "meta.json").read_text("utf-8"))
        return _by_name(meta.get("schema", [])) != _written_schema()

    def create_generation(self) -> TantivyIndex:
        folder = self.new_folder()
        return TantivyIndex(tantivy.Index(schema(), path=str(folder), reuse=False), folder)

    def writer(self, ix: TantivyIndex) -> TantivyWriter:
        return TantivyWriter(ix, self.cleanup_failures)

    def folder(self, ix: TantivyIndex) -> Path:
        return ix.folder

    def stored_documents(self, ix: TantivyIndex, names: tuple[str, ...] | None = None) -> Iterator[dict]:
        """Every document's stored fields, or only those `names` (converting a whole document to
        a dict, its text included, was half of reading it)."""
        ix.index.reload()
        searcher = ix.index.searcher()
        if searcher.num_docs:
            for _, address in searcher.search(Query.all_query(), limit=searcher.num_docs, count=False).hits:
                doc = searcher.doc(address)
                yield _stored(doc) if names is None else _picked(doc, names)

    def doc_count(self) -> int:
        return self.open().index.searcher().num_docs

    def opstamp(self, generation: Path) -> int | None:
        """The last commit's stamp in a generation: a snapshot is renewed when it changes."""
        return _opstamp(generation)


def _stored(doc: Document) -> dict:
    """A document's stored fields in the shape Whoosh gives them."""
    fields = doc.to_dict()
    stored = {name: values[0] for name, values in fields.items() if values and name != "versions"}
    stored["versions"] = tuple(fields.get("versions", ()))
    return stored


def _picked(doc: Document, names: tuple[str, ...]) -> dict:
    """Some of a document's stored fields, shaped as `_stored` shapes them (absent ones left out)."""
    picked = {name: doc.get_first(name) for name in names if name != "versions"}
    picked = {name: value for name, value in picked.items() if value is not None}
    if "versions" in names:
        picked["versions"] = tuple(doc.get_all("versions"))
    return picked


def _by_name(fields: list[dict]) -> dict[str, dict]:
    return {entry["name"]: entry for entry in fields}


@functools.cache
def _written_schema() -> dict[str, dict]:
    """schema() as tantivy writes it in meta.json, from an empty index made for the purpose."""
    with tempfile.TemporaryDirectory(prefix="thongcao-schema-") as folder:
        tantivy.Index(schema(), path=folder, reuse=False)
        return _by_name(json.loads((Path(folder) / "meta.json").read_text("utf-8"))["schema"])


# Reading


class TantivyVocabulary:
    """What planning asks of the index's terms (base.Vocabulary); deleted documents count
    until a merge drops them, as in Whoosh."""

    def __init__(self, searcher) -> None:
        self.searcher = searcher

    def doc_frequency(self, fieldname: str, text: str) -> int:
        try:
            return self.searcher.doc_freq(fieldname, text)
        except ValueError:  # no such field
            return 0

    def expand_prefix(self, fieldname: str, prefix: str) -> list[str]:
        """The field's terms starting so; of a folded field, only folded ones: the accented
        syllables it also holds (for mixed phrases) are no words of its vocabulary."""
        try:
            found = sorted(term for term, _ in self.searcher.terms_with_prefix(fieldname, prefix))
        except ValueError:
            return []
        return [t for t in found if fold(t) == t] if fieldname.endswith("_fold") else found

    def __contains__(self, term: tuple[str, str]) -> bool:
        return self.doc_frequency(*term) > 0


class _Numbering:
    """Dense numbers for live documents, in `seq` (indexing) order: the same after every
    merge and every run, as Whoosh's.  A hit's number is its `seq` found in the sorted list,
    read by tantivy for the whole batch (attribute reads of each address cost twice that).

    Given the `seq`s (a commit's saved arrays), a number's address is looked up by its `seq`
    (0.3 ms) until LOOKUPS have been, then every address is read at once (0.1 s at 200,000):
    a command-line search shows ten releases and need not pay for all."""

    def __init__(self, searcher, schema, seqs: np.ndarray | None = None) -> None:
        self.searcher = searcher
        self.schema = schema
        self.size = searcher.num_docs
        self._addresses: list | None = None
        self._lookups = 0
        self._lock = threading.Lock()
        if seqs is None:
            self.seqs, self._addresses = self._read()
        else:
            self.seqs = seqs

    def _read(self) -> tuple[np.ndarray, list]:
        count = self.size
        everything = Query.all_query()
        hits = self.searcher.search(everything, limit=count, count=False, **ASCENDING).hits if count else []
        return np.fromiter((seq for seq, _ in hits), dtype=np.uint64, count=count), [a for _, a in hits]

    @property
    def addresses(self) -> list:
        with self._lock:
            if self._addresses is None:
                _, self._addresses = self._read()
            return self._addresses

    def address(self, number: int):
        if self._addresses is None and self._lookups < LOOKUPS:
            self._lookups += 1
            seq = int(self.seqs[number])
            query = Query.range_query(self.schema, SEQ, FieldType.Unsigned, seq, seq)
            return self.searcher.search(query, limit=1, count=False).hits[0][1]
        return self.addresses[number]

    def numbers(self, hits) -> np.ndarray:
        if not hits:
            return np.zeros(0, dtype=np.int64)
        seqs = np.array(self.searcher.fast_field_values(SEQ, [a for _, a in hits]), dtype=np.uint64)
        return np.searchsorted(self.seqs, seqs).astype(np.int64)


class TantivySnapshot:
    """One point-in-time view of a tantivy index (base.Snapshot)."""

    def __init__(
        self, ix: TantivyIndex, generation: Path | None, opstamp: int | None = None, cached: bool = True
    ) -> None:
        self.index = ix.index
        self.generation = generation
        self.opstamp = opstamp
        self.searcher = ix.index.searcher()
        self.schema = ix.index.schema
        saved = _Arrays.load(ix.folder, opstamp, self.searcher) if cached else None
        self.numbering = _Numbering(self.searcher, self.schema, saved.seqs if saved is not None else None)
        self.size = self.numbering.size
        self.live = np.ones(self.size, dtype=bool)
        self.engine = TantivyEngine(self)
        if saved is not None:
            self.dates, self.facets, self.stories = saved.dates, saved.facets, saved.stories
        else:
            self.dates = self._dates()
            self.facets = {facet.name: self._facet(facet.name) for facet in FACET_FIELDS}
            self._date_known_years()
            self.stories = self._stories()
        self.story_sizes = np.bincount(self.stories[self.live], minlength=self.size)
        self.grouped = self.stories if self.story_sizes.max(initial=0) > 1 else None
        self._vocabulary = TantivyVocabulary(self.searcher)

    def search(self, query) -> tuple[np.ndarray, np.ndarray]:
        """Every live document the query matches (dense numbers), and its score."""
        if not self.size:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        hits = self.searcher.search(query, limit=self.size, count=False).hits
        scores = np.fromiter((score for score, _ in hits), dtype=np.float32, count=len(hits))
        return self.numbering.numbers(hits), scores

    def members(self, query) -> np.ndarray:
        """The numbers of every live document the query matches, ascending, unscored: tantivy
        sorts them by seq and hands each seq back, so no address is read from Python."""
        if not self.size:
            return np.zeros(0, dtype=np.int64)
        hits = self.searcher.search(query, limit=self.size, count=False, **ASCENDING).hits
        seqs = np.fromiter((seq for seq, _ in hits), dtype=np.uint64, count=len(hits))
        return np.searchsorted(self.numbering.seqs, seqs).astype(np.int64)

    def _dates(self) -> np.ndarray:
        if not self.size:
            return np.zeros(0, dtype=np.int64)
        values = self.searcher.fast_field_values("date", self.numbering.addresses)
        return np.fromiter((v or 0 for v in values), dtype=np.int64, count=self.size)

    def _date_known_years(self) -> None:
        date_known_years(self.dates, self.facets["year"])

    def _stories(self) -> np.ndarray:
        """Each document's story as a small integer, from the story_seq fast field."""
        if not self.size:
            return np.zeros(0, dtype=np.int64)
        keys = np.array(self.searcher.fast_field_values(STORY_SEQ, self.numbering.addresses), dtype=np.uint64)
        _, ordinals = np.unique(keys, return_inverse=True)
        return ordinals.astype(np.int64)

    def _facet(self, name: str) -> FacetPostings:
        """As the Whoosh snapshot's: values in term order, none blank; the year's UNKNOWN_YEAR."""
        values = sorted(
            t for t, _ in self.searcher.terms_with_prefix(name, "") if t.strip() and t != UNKNOWN_YEAR
        )
        docs = [self.members(Query.term_query(self.schema, name, value)) for value in values]
        return FacetPostings.of(name, values, docs, self.live)

    def copies(self, docnum: int) -> int:
        return int(self.story_sizes[self.stories[docnum]]) - 1

    def stored(self, docnum: int) -> dict:
        return _stored(self.searcher.doc(self.numbering.address(docnum)))

    def vocabulary(self) -> TantivyVocabulary:
        return self._vocabulary

    def document_number(self, doc_id: str) -> int | None:
        if not doc_id:
            return None
        found = self.members(Query.term_query(self.schema, "id", doc_id))
        return int(found[0]) if found.size else None

    def story_numbers(self, story: str) -> list[int]:
        return self.members(Query.term_query(self.schema, "story", story)).tolist()

    def close(self) -> None:
        """tantivy's searcher has no close: its segment files stay mapped until the searcher
        and index are collected, so a closed snapshot lets go of both."""
        self.searcher = self.index = self._vocabulary = None


@dataclass
class _Arrays:
    """A snapshot's seqs, dates, facets and stories, as saved beside the commit they were read from."""

    seqs: np.ndarray
    dates: np.ndarray
    facets: dict[str, FacetPostings]
    stories: np.ndarray

    PREFIX = "arrays-"

    @classmethod
    def path(cls, folder: Path, stamp: int) -> Path:
        return folder / f"{cls.PREFIX}{stamp}.npz"

    @classmethod
    def save(cls, snap: TantivySnapshot, folder: Path, stamp: int) -> None:
        """Written whole under a temporary name, then renamed: a reader finds all of it or none."""
        arrays = {"seqs": snap.numbering.seqs, "dates": snap.dates, "stories": snap.stories}
        for name, facet in snap.facets.items():
            arrays[f"{name}.values"] = np.array(facet.values, dtype=str)
            arrays[f"{name}.docs"], arrays[f"{name}.codes"] = facet.docs, facet.codes
        path = cls.path(folder, stamp)
        partial = path.with_suffix(".partial")
        try:
            with partial.open("wb") as out:
                np.savez(out, **arrays)
            os.replace(partial, path)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        for old in folder.glob(f"{cls.PREFIX}*"):
            if old != path:
                old.unlink(missing_ok=True)

    @classmethod
    def load(cls, folder: Path, stamp: int | None, searcher) -> _Arrays | None:
        """The arrays saved for this commit, or None (none saved, another commit's, broken):
        the opstamp is read again after the searcher opened, so both are of one commit, and
        the saved `seq`s must be as many as the searcher's documents, ascending, between the
        same lowest and highest."""
        if stamp is None or _opstamp(folder) != stamp:
            return None
        try:
            with cls.path(folder, stamp).open("rb") as file, np.load(file, allow_pickle=False) as saved:
                seqs = saved["seqs"]
                if seqs.dtype != np.uint64 or seqs.size != searcher.num_docs:
                    return None
                if not _bounds_of(seqs, searcher):
                    return None
                facets = {}
                for facet in FACET_FIELDS:
                    values = saved[f"{facet.name}.values"].tolist()
                    index = {value: code for code, value in enumerate(values)}
                    docs, codes = saved[f"{facet.name}.docs"], saved[f"{facet.name}.codes"]
                    facets[facet.name] = FacetPostings(values, docs, codes, index)
                return cls(seqs, saved["dates"], facets, saved["stories"])
        except (OSError, KeyError, ValueError, zipfile.BadZipFile):
            return None


def _bounds_of(seqs: np.ndarray, searcher) -> bool:
    """Whether ascending `seqs` run from the searcher's lowest `seq` to its highest."""
    if not seqs.size:
        return True
    if not (np.diff(seqs.astype(np.int64)) > 0).all():
        return False
    return _highest(searcher, SEQ, Order.Asc) == int(seqs[0]) and _highest(searcher, SEQ) == int(seqs[-1])


def _opstamp(folder: Path) -> int | None:
    """The opstamp of a tantivy index folder's last commit (None when unreadable)."""
    try:
        return json.loads((folder / "meta.json").read_text("utf-8")).get("opstamp")
    except (OSError, ValueError):
        return None


class TantivySnapshots(Renewing):
    """Hands out the current TantivySnapshot, renewed after a commit or a swap."""

    def _stale(self, snap: TantivySnapshot, generation: Path | None) -> bool:
        stamp = self.store.opstamp(generation) if generation else None
        return snap.generation != generation or snap.opstamp != stamp

    def _open(self, generation: Path | None) -> TantivySnapshot:
        stamp = self.store.opstamp(generation) if generation else None
        return TantivySnapshot(self.store.open(generation), generation, stamp)


# Plans


class TantivyEngine:
    """Plans (indexer.search.query) answered as tantivy queries over one snapshot (base.Evaluator).

    The matches are indexer.engines.whoosh_engine's: a Sequence matches where its syllables stand side by
    side in one of its fields (typed ones as typed, bare ones in any reading); it scores
    as its folded form, plus its exact form and pyvi's joined word ×weight where those are
    found too; a run's words side by side score more and filter nothing.
    """

    def __init__(self, snapshot: TantivySnapshot) -> None:
        self.snapshot = snapshot
        self.schema = snapshot.schema
        self._beside: dict[tuple[str, str], int] = {}
        self._lock = threading.Lock()

    def run(self, plan: Plan, scope: Scope | None = None) -> tuple[np.ndarray, np.ndarray]:
        return self._dense(self._scoped(self.query(plan), scope))

    def _scoped(self, query, scope: Scope | None):
        """The query within the scope's date range and filters, which add nothing to a score:
        tantivy then skips what no filter lets through (a superset of the scope: see _limits)."""
        limits = self._limits(scope) if scope is not None else []
        if not limits:
            return query
        return Query.boolean_query([(Occur.Must, query)] + [(Occur.Must, _unscored(q)) for q in limits])

    def _limits(self, scope: Scope) -> list:
        """Queries every document of the scope matches.  A release dated by its year alone has
        no `date` (the snapshot dates it YYYY0000 from its year facet), so a range also lets
        through the years it spans; "unknown" year is no term, so that filter is left out (and
        counts as one a document holds)."""
        limits = []
        if scope.start is not None or scope.end is not None:
            dated = Query.range_query(self.schema, "date", FieldType.Integer, scope.start, scope.end)
            first, last = (scope.start or 0) // 10000, (scope.end or 99_999_999) // 10000
            known = self.snapshot.facets["year"].values
            years = [y for y in known if y.isdigit() and first <= int(y) <= last]
            if years:
                undated = Query.term_set_query(self.schema, "year", years)
                dated = Query.boolean_query([(Occur.Should, dated), (Occur.Should, undated)])
            limits.append(dated)
        runnable = [
            Query.term_set_query(self.schema, name, list(values))
            for name, values in scope.filters.items()
            if values and UNKNOWN_YEAR not in values
        ]
        needed = len(runnable) - scope.spare
        if needed == len(runnable):
            limits += runnable
        elif needed > 0:
            limits.append(Query.boolean_query([(Occur.Should, q) for q in runnable], needed))
        return limits

    def _near(self, plan: Near):
        """Words near each other: tantivy finds the documents holding every part, and their
        stored text says which have them close (indexer.search.proximity, the same test the Whoosh
        engine makes of its positions); those, by id, scored as the parts are."""
        every = Query.boolean_query([(Occur.Must, self.query(p)) for p in plan.parts])
        window = self._window(plan)
        if window is None:
            held, _ = self._dense(every)
        else:
            within = Query.boolean_query([(Occur.Must, every), (Occur.Must, _unscored(window))])
            if len(plan.parts) == 2 and all(len(part.folded) == 1 for part in plan.parts):
                return within  # two syllables in either order: the window is the answer
            held, _ = self._dense(within)
        close = []
        for docnum in np.flatnonzero(held).tolist():
            stored = self.snapshot.stored(docnum)
            for field in plan.parts[0].fields:
                text = str(stored.get(field) or "")
                starts = starts_in_text(text, field, [part.matched(field) for part in plan.parts])
                if within_window(starts, plan.within):
                    close.append(str(stored["id"]))
                    break
        if not close:
            return Query.empty_query()
        chosen = _unscored(Query.term_set_query(self.schema, "id", close))
        return Query.boolean_query([(Occur.Must, chosen), (Occur.Must, every)])

    def _window(self, plan: Near):
        """A query every document with the parts close together matches, so that few stored
        texts are read (reading all that hold the parts took a minute at 200,000 releases):
        in one field, the first syllables of each two parts within `within` of each other,
        either way round, as two-syllable phrases of the folded twin field with tantivy's slop.
        Two syllables only: with more, tantivy's slop may miss a chain that is there.  None
        where the phrases could miss a match: parts sharing a syllable (they may overlap), or
        more than WINDOW_PARTS of them."""
        syllables = [fold(term) for part in plan.parts for term in part.folded]
        if plan.within < 1 or len(plan.parts) > WINDOW_PARTS or len(set(syllables)) < len(syllables):
            return None
        fields = []
        for field in plan.parts[0].fields:
            heads = [part.matched(field)[0][1] for part in plan.parts]
            pairs = []
            for a, b in itertools.combinations(heads, 2):
                either = [Query.phrase_query(self.schema, field + "_fold", pair, slop=plan.within - 1)
                          for pair in ([a, b], [b, a])]  # fmt: skip
                pairs.append((Occur.Must, Query.boolean_query([(Occur.Should, q) for q in either])))
            fields.append((Occur.Should, Query.boolean_query(pairs)))
        return Query.boolean_query(fields)

    def near(self, plan: Plan, scope: Scope | None = None) -> tuple[np.ndarray, np.ndarray] | None:
        """Documents holding every word of an AND query but one (and none it excludes): at
        least n-1 of its words, less those holding all n."""
        if not isinstance(plan, All) or plan.operator != "and":
            return None
        positive = [self.query(p) for p in plan.items if not isinstance(p, Exclude)]
        if len(positive) < NEAR_PARTS:
            return None
        excluded = [(Occur.MustNot, self.query(p.item)) for p in plan.items if isinstance(p, Exclude)]
        some = Query.boolean_query([(Occur.Should, q) for q in positive] + excluded, len(positive) - 1)
        found, scores = self._dense(self._scoped(some, scope))
        every, _ = self._dense(self._scoped(Query.boolean_query([(Occur.Must, q) for q in positive]), scope))
        found &= ~every
        return found, np.where(found, scores, 0).astype(np.float32)

    def beside(self, first: str, second: str) -> int:
        """In how many documents syllable `first` stands right before `second`, in a title or text."""
        with self._lock:
            if (first, second) in self._beside:
                return self._beside[first, second]
        either = [(Occur.Should, self._phrase(f, (first, second))) for f in ("title", "text")]
        count = self.snapshot.searcher.search(Query.boolean_query(either), limit=1, count=True).count
        with self._lock:
            if len(self._beside) >= CACHED_PAIRS:
                self._beside.clear()
            self._beside[first, second] = count
        return count

    def _dense(self, query) -> tuple[np.ndarray, np.ndarray]:
        size = self.snapshot.size
        numbers, scores = self.snapshot.search(query)
        found = np.zeros(size, dtype=bool)
        found[numbers] = True
        dense = np.zeros(size, dtype=np.float32)
        dense[numbers] = scores
        return found, dense

    def query(self, plan: Plan):
        """A plan as one tantivy query."""
        if isinstance(plan, Sequence):
            return self._sequence(plan)
        if isinstance(plan, Exclude):
            return self._all_but(self.query(plan.item))
        if isinstance(plan, Near):
            return self._near(plan)
        if plan.operator == "or":
            return Query.boolean_query([(Occur.Should, self.query(p)) for p in plan.items])
        clauses = [(Occur.Must, self.query(p)) for p in plan.items if not isinstance(p, Exclude)]
        if not clauses:
            clauses.append((Occur.Must, _unscored(Query.all_query())))
        clauses += [(Occur.MustNot, self.query(p.item)) for p in plan.items if isinstance(p, Exclude)]
        query = Query.boolean_query(clauses)
        if plan.together is None:
            return query
        return _scored_by(query, [self._in_field(plan.together, field) for field in plan.together.fields])

    def _all_but(self, query):
        """Every live document but the query's, scored 0 (as indexer.engines.whoosh_engine scores an
        exclusion)."""
        return Query.boolean_query([(Occur.Must, _unscored(Query.all_query())), (Occur.MustNot, query)])

    def _sequence(self, plan: Sequence):
        per_field = [self._in_field(plan, field) for field in plan.fields]
        return (
            per_field[0]
            if len(per_field) == 1
            else Query.boolean_query([(Occur.Should, q) for q in per_field])
        )

    def _in_field(self, plan: Sequence, field: str):
        """A Sequence in one field (with its _fold and _word twins): must match as `matched`
        says, scores as the folded form plus the exact form and the joined word ×weight."""
        required = plan.required or (None,) * len(plan.folded)
        folded_q = self._phrase(field + "_fold", plan.folded)
        if all(required):
            matching, extra = Query.boost_query(self._phrase(field, required), plan.weight), [folded_q]
        elif any(required):  # typed and bare syllables: the exact ones stand in the folded field too
            mixed = self._phrase(
                field + "_fold", tuple(t or b for t, b in zip(required, plan.folded, strict=True))
            )
            matching, extra = _unscored(mixed), [folded_q]
        else:
            matching, extra = folded_q, []
            if plan.exact:
                extra.append(Query.boost_query(self._phrase(field, plan.exact), plan.weight))
        if plan.exact and len(plan.exact) > 1:
            word = Query.term_query(self.schema, field + "_word", "_".join(plan.exact))
            extra.append(Query.boost_query(word, plan.weight))
        query = _scored_by(matching, extra)
        return Query.boost_query(query, TITLE_BOOST) if field == "title" else query

    def _phrase(self, field: str, parts: tuple[str, ...]):
        if len(parts) == 1:
            return Query.term_query(self.schema, field, parts[0])
        return Query.phrase_query(self.schema, field, list(parts))


def _scored_by(query, extras: list):
    """The query's matches, each scored also by those of `extras` it matches.  Nested one
    optional clause a level, not one boolean of them all: tantivy scores several optional
    clauses as a union, which reads each one's matches 4,096 documents at a time around every
    required match (all of the index, for common syllables); a lone optional clause is only
    advanced to the documents that match.  The sum, the score, is the same."""
    for extra in extras:
        query = Query.boolean_query([(Occur.Must, query), (Occur.Should, extra)])
    return query


def _unscored(query):
    """The query's matches, scored 0: they filter and add nothing to the rank."""
    return Query.const_score_query(query, 0.0)
