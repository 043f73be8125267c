"""The index on disk: schema, generations, the writer lock and atomic swaps.

Layout of an index folder::

    DIR/current -> gen-0003     a symlink, replaced atomically by --rebuild
    DIR/gen-0003/               a Whoosh index
    DIR/writer.lock             held by the one `thongcao index` allowed at a time
    DIR/segments.sqlite         segmented paragraphs, shared by generations (indexer.analysis.segcache)

Readers resolve ``current`` on every refresh, so a rebuild is swapped in under a
running server without a restart, and a killed run leaves the last commit intact.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import sys
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema
from whoosh.formats import Frequency, Positions
from whoosh.system import pack_uint

from indexer.analysis.analyzers import (
    Tokenizer,
    folded,
    folded_syllable_analyzer,
    folded_word_analyzer,
    joined_words,
    positioned,
    segment_all,
    syllable_analyzer,
    word_analyzer,
)
from indexer.analysis.segcache import FILENAME as SEGMENTS
from indexer.documents import Document
from indexer.engines.whoosh_threads import SharedStorage
from indexer.errors import IndexLocked, IndexMissing
from indexer.facets.facet_fields import FACETS as FACET_FIELDS
from indexer.facets.facet_fields import NAMES as FACETS
from indexer.facets.facet_fields import SEPARATOR
from indexer.index.forklocks import not_inherited

__all__ = ["FACETS", "SEPARATOR", "IndexStore", "fields", "plain_fields", "schema", "texts", "tokens"]


Posting = tuple[bytes, int, float, bytes]  # term, frequency, weight, encoded positions


@dataclass(frozen=True)
class Analysed:
    """One field of one document, already analysed: Whoosh's (term, frequency, weight,
    encoded positions) for each of its terms, as `Field.index` gives them."""

    postings: tuple[Posting, ...]


class AnalysedText(TEXT):
    """A TEXT field that also takes its postings computed elsewhere.

    Analysing a text (tokens, NFC, tone placement, folding, encoding positions) was 90%
    of Whoosh's `add_document`, in the one process that writes; `fields()` does it in the
    worker that extracted the document, and the writer only files the postings.
    """

    def index(self, value, **kwargs):
        if isinstance(value, Analysed):
            return value.postings
        return super().index(value, **kwargs)


def schema() -> Schema:
    """Display fields are stored; each text has exact, folded and word twins for ranking."""
    syllables, folded = syllable_analyzer(), folded_syllable_analyzer()
    words, folded_words = word_analyzer(), folded_word_analyzer()
    return Schema(
        id=ID(stored=True, unique=True),  # indexer.crawl.identity: the hash of `key`
        key=STORED(),  # the URL, or the absolute path (and record) of a document without one
        origin=STORED(),  # where the copy indexed was read: `file`, and the record within it
        file=STORED(),  # the crawl file, absolute: a prune looks only below the paths it read
        versions=STORED(),  # the indexed copy's pipeline:digest first, then earlier copies'
        title=AnalysedText(analyzer=syllables, stored=True, field_boost=3.0),
        title_fold=AnalysedText(analyzer=folded, field_boost=3.0),
        title_word=AnalysedText(analyzer=words, field_boost=3.0),
        text=AnalysedText(analyzer=syllables, stored=True),
        text_fold=AnalysedText(analyzer=folded),
        text_word=AnalysedText(analyzer=words),
        word_fold=AnalysedText(analyzer=folded_words, phrase=False),
        url=STORED(),
        category=STORED(),  # the outlet's section for it, from the crawl or the page
        published=STORED(),
        year_source=STORED(),
        indexed=STORED(),  # when this copy was indexed (UTC, ISO 8601): an undated release's only time
        date=NUMERIC(int, bits=32, sortable=True),
        story=ID(stored=True, sortable=True),  # the id of the first copy of a syndicated story
        minhash=STORED(),  # its text's MinHash, so later runs can find its copies (indexer.index.stories)
        **{facet.name: facet.field_type() for facet in FACET_FIELDS},
    )


def texts(doc: Document, tokenizer: Tokenizer | None = None) -> dict[str, str]:
    """Each text field's input, as Whoosh's own TEXT fields would take it; segmentation
    (pyvi, or its cache) happens here, once."""
    title_words, text_words = segment_all([doc.title, doc.text], tokenizer)
    return {
        "title": doc.title,
        "title_fold": doc.title,
        "title_word": title_words,
        "text": doc.text,
        "text_fold": doc.text,
        "text_word": text_words,
        "word_fold": title_words + " " + text_words,
    }


Tokens = tuple[list[str], list[int] | None]  # a field's tokens, and their positions (None: 0, 1, 2 …)


def tokens(doc: Document, tokenizer: Tokenizer | None = None) -> dict[str, Tokens]:
    """Each analysed field's tokens and their positions (None: one after another), what every
    engine indexes; segmentation (pyvi, or its cache) happens here, once."""
    raw = texts(doc, tokenizer)
    (title, title_at), (text, text_at) = positioned(doc.title), positioned(doc.text)
    title_words, text_words = joined_words(raw["title_word"]), joined_words(raw["text_word"])
    return {
        "title": (title, title_at),
        "title_fold": (folded(title), title_at),
        "title_word": (title_words, None),
        "text": (text, text_at),
        "text_fold": (folded(text), text_at),
        "text_word": (text_words, None),
        "word_fold": (folded(title_words + text_words), None),
    }


def fields(doc: Document, tokenizer: Tokenizer | None = None) -> dict[str, object]:
    """The Whoosh fields of one document, its texts already analysed (see AnalysedText)."""
    found = tokens(doc, tokenizer)
    analysed = {name: Analysed(_postings(_SCHEMA[name].format, *found[name])) for name in found}
    return {**analysed, **plain_fields(doc)}


def plain_fields(doc: Document) -> dict[str, object]:
    """A document's fields that need no analysis, the same for every engine."""
    published = doc.published.isoformat() if doc.published else None
    return {
        "_stored_title": doc.title,
        "_stored_text": doc.text,
        "id": doc.id,
        "key": doc.key,
        "origin": doc.origin,
        "file": doc.file,
        "versions": (doc.digest,),
        "url": doc.url,
        "category": doc.category,
        "published": published,
        "year_source": doc.year_source,
        "indexed": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "date": int(published.replace("-", "")) if published else 0,
        "story": doc.story or doc.id,
        "minhash": doc.minhash,
        **{facet.name: facet.index_value(doc) for facet in FACET_FIELDS},
    }


_SCHEMA = schema()


def _postings(fmt, tokens: list[str], positions: list[int] | None) -> tuple[Posting, ...]:
    """What `Field.index` gives for text whose analyzer yields `tokens` at `positions`
    (None: one after another), without running Whoosh's token objects through its chain
    (the equality test in tests/test_store.py holds the two to the same bytes)."""
    places: dict[str, list[int]] = defaultdict(list)
    for position, token in zip(positions or range(len(tokens)), tokens, strict=True):
        places[token].append(position)
    boost = fmt.field_boost
    if type(fmt) is Positions:
        return tuple((t.encode(), len(p), len(p) * boost, fmt.encode(p)) for t, p in places.items())
    if type(fmt) is Frequency:
        return tuple((t.encode(), len(p), len(p) * boost, pack_uint(len(p))) for t, p in places.items())
    raise TypeError(f"no fast analysis for {type(fmt).__name__}")


class Writer:
    """Whoosh's writer, holding one document per id even within one run.

    Whoosh's `update_document` replaces only committed documents: a second copy of one URL
    in the same crawl (a WARC re-fetch) would be stored beside the first.  The copies this
    run added are remembered by their number in the new segment and marked deleted when
    replaced, so the commit holds the last one only.
    """

    def __init__(self, ix) -> None:
        self._writer = ix.writer(limitmb=256)
        self._added: dict[str, int] = {}

    def put(self, document: dict[str, object]) -> None:
        """Add a document, replacing any other with its id (committed, or added this run)."""
        doc_id = str(document["id"])
        self._forget(doc_id)
        self._added[doc_id] = self._writer.docnum
        self._writer.update_document(**document)

    def delete(self, doc_id: str) -> None:
        self._forget(doc_id)
        self._writer.delete_by_term("id", doc_id)

    def _forget(self, doc_id: str) -> None:
        number = self._added.pop(doc_id, None)
        if number is not None:
            self._writer.newsegment.delete_document(number - self._writer.docbase)

    def commit(self) -> None:
        self._writer.commit()

    def cancel(self) -> None:
        self._writer.cancel()


class IndexStore:
    """One index folder: where its current generation lives and who may write to it."""

    engine = "whoosh"  # what writes its generations (indexer.engines.choice)
    # A document as this store's writer takes it, worked out in the pipeline's workers.
    analyse = staticmethod(fields)

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.current = self.path / "current"
        self.segments = self.path / SEGMENTS
        self.cleanup_failures: list[str] = []  # what could not be removed or saved beside a commit, and why

    def exists(self) -> bool:
        return self.current.exists() and whoosh_index.exists_in(self.current)

    def open(self, generation: Path | None = None, shared: bool = False):
        """The current Whoosh index (or the `generation` folder given), for reading or
        incremental writing; `shared`: read-only, its searchers safe to share between threads
        (indexer/engines/whoosh_threads.py)."""
        if not self.exists():
            raise IndexMissing(f"no index at {self.path}: run `thongcao index` first")
        folder = str(generation or self.current.resolve())
        return SharedStorage(folder).open_index() if shared else whoosh_index.open_dir(folder)

    def outdated(self) -> bool:
        """True when the current index lacks a field this version writes (a new facet, stories)
        or has one of another type or format: such an index cannot be updated in place, only
        rebuilt."""
        if not self.exists():
            return False
        current = self.open().schema  # fields() analyses for this version's formats: they must match
        return any(
            name not in current or type(current[name]) is not type(f) or current[name].format != f.format
            for name, f in _SCHEMA.items()
        )

    def generation(self) -> Path | None:
        """The folder `current` points to now: readers compare it to notice a swap."""
        return self.current.resolve() if self.current.exists() else None

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the writer lock for a whole run, so two runs never interleave."""
        self.path.mkdir(parents=True, exist_ok=True)
        with open(self.path / "writer.lock", "w") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise IndexLocked(
                    f"the index at {self.path} is being written by another `thongcao index`; "
                    "try again when it has finished"
                ) from None
            with not_inherited(self.path):  # a killed run's forked workers must not keep it
                yield

    def clear_leftovers(self) -> None:
        """Remove generations newer than `current`: leftovers of killed rebuilds (a run holds
        the writer lock, so none is being written).  Every run does this first."""
        live = self.generation()
        for number in self._numbers():
            if live is None or number > int(live.name[4:]):
                self._remove(self.path / f"gen-{number:04d}")

    def _remove(self, folder: Path) -> None:
        """Delete an old generation; one that cannot go (permissions, a full disk, a busy mount)
        stays and is reported, never silently kept: the index is right either way, the disk not."""
        try:
            shutil.rmtree(folder)
        except OSError as exc:
            self.cleanup_failures.append(f"could not remove {folder}: {exc.strerror or exc}")

    def _numbers(self) -> list[int]:
        return [int(p.name[4:]) for p in self.path.glob("gen-*") if p.name[4:].isdigit()]

    def create_generation(self):
        """A fresh empty index beside the current one, to be swapped in when complete."""
        return whoosh_index.create_in(str(self.new_folder()), schema())

    def new_folder(self) -> Path:
        """An empty generation folder; its number is new even to cleared leftovers, so no
        reader ever meets a reused name."""
        number = max(self._numbers(), default=0) + 1
        self.clear_leftovers()
        folder = self.path / f"gen-{number:04d}"
        folder.mkdir(parents=True)
        return folder

    # What indexer.index.pipeline asks of the index it writes (another engine's store overrides them).

    def writer(self, ix) -> Writer:
        return Writer(ix)

    def folder(self, ix) -> Path:
        return Path(ix.storage.folder)

    def stored_documents(self, ix, names: tuple[str, ...] | None = None) -> Iterator[dict]:
        """Every document's stored fields, or only those `names`."""
        with ix.searcher() as searcher:
            for stored in searcher.all_stored_fields():
                yield stored if names is None else {k: stored[k] for k in names if k in stored}

    def doc_count(self) -> int:
        return self.open().doc_count()

    def swap(self, folder: Path) -> None:
        """Point `current` at a finished generation atomically, and drop all but the last one.

        The previous generation is kept for one more swap, since a server may still
        be reading it.
        """
        previous = self.generation()
        link = self.path / "current.new"
        if link.is_symlink() or link.exists():
            link.unlink()
        link.symlink_to(folder.name)
        os.replace(link, self.current)
        # Keep what `current` pointed to, not the second-newest folder: after a killed
        # rebuild that would be the half-built leftover, and the live one would go.
        keep = {folder.name, previous.name if previous else None}
        for old in self.path.glob("gen-*"):
            if old.name not in keep:
                self._remove(old)


# Indexes written before the subpackage layout (2026-11-29) pickled their field type as
# `indexer.store.AnalysedText`: reading such an index finds it here, so an archive built
# then opens as it is, without a rebuild.
sys.modules.setdefault("indexer.store", sys.modules[__name__])
