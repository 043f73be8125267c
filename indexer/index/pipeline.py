"""One indexing run: crawl → extract → analyse → write, incrementally.

A document is re-extracted only when its bytes (or this pipeline's version) changed,
so re-indexing an unchanged crawl costs a read and a hash per file.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from indexer.analysis.segcache import SegmentCache
from indexer.crawl import sources
from indexer.crawl.identity import below
from indexer.crawl.sources import Read
from indexer.documents import Rejected, SourceItem
from indexer.errors import PruneRefused
from indexer.index.store import IndexStore
from indexer.index.stories import StoryFinder
from indexer.index.workers import Job, prepared

# Bump when extraction or analysis changes, so the next run re-indexes every document.
PIPELINE_VERSION = "3"  # 2: positions leave a gap at sentence breaks; 3: dates only on strong evidence
# The copies of one release remembered as already seen (a page re-fetched daily: its last few).
KEPT_VERSIONS = 16

Progress = Callable[[int, str], None]
ConfirmPrune = Callable[[int, int], bool]


@dataclass
class IndexReport:
    """What a run did, in the shape `thongcao index --json` prints."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    rejected: list[Rejected] = field(default_factory=list)
    documents: int = 0
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)  # not in --json's fixed shape: said on stderr

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        del data["problems"]
        data["rejected"] = [{"path": r.path, "reason": r.reason} for r in self.rejected]
        data["seconds"] = round(self.seconds, 3)
        return data


def index_paths(
    store: IndexStore,
    paths: Iterable[str | Path],
    *,
    rebuild: bool = False,
    prune: bool = False,
    confirm_prune: ConfirmPrune | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
) -> IndexReport:
    """Index the crawl under `paths` into `store`; raises IndexLocked if another run writes.

    With `prune`, documents whose source is gone are deleted, but only below the paths that
    were read.  A prune that would delete more than half the index happens only when
    `confirm_prune(deleting, indexed)` says yes; otherwise nothing is written (PruneRefused).
    """
    started = time.monotonic()
    report = IndexReport()
    with store.locked():
        rebuild = rebuild or store.outdated()  # an index from before a new field: only a rebuild fits it
        if rebuild or not store.exists():
            ix = store.create_generation()
        else:
            store.clear_leftovers()  # a killed rebuild's half-built generation goes with the next run
            ix = store.open()
        indexed = {} if rebuild else _indexed(store.stored_documents(ix, INDEXED))
        crawl = sources.Crawl(paths)
        run = _Run(indexed)
        stories = _Stories(list(indexed.values()))
        segments = SegmentCache.begin(store.segments)  # before the pool forks; None if unusable
        writer = store.writer(ix)
        try:
            jobs = run.changed(crawl, report, progress)
            for (item, version), result in prepared(jobs, workers, segments, store.analyse):
                document = result if isinstance(result, Rejected) else run.written(item, version, result)
                if isinstance(document, Rejected):
                    report.rejected.append(document)
                    continue
                document["story"] = stories.assign(document["id"], document["minhash"])
                writer.put(document)
            gone = run.gone(crawl) if prune else []
            if len(gone) * 2 > len(indexed) and not (
                confirm_prune and confirm_prune(len(gone), len(indexed))
            ):
                raise PruneRefused(
                    f"--prune would delete {len(gone)} of the {len(indexed)} documents in {store.path} "
                    "(more than half); nothing was changed. Check the paths, or confirm with --yes."
                )
            for key in gone:
                writer.delete(indexed[key].id)
        except BaseException:
            writer.cancel()
            raise
        report.added, report.updated, report.unchanged = run.counts()
        report.deleted = len(gone)
        if report.added or report.updated or report.deleted or rebuild:
            writer.commit()
        else:
            writer.cancel()
        if rebuild or not store.current.exists():
            store.swap(store.folder(ix))
        report.documents = store.doc_count()
        report.problems = list(store.cleanup_failures)
        if segments:
            segments.finish()
    report.seconds = time.monotonic() - started
    return report


INDEXED = ("key", "id", "file", "versions", "minhash", "story")  # what a run reads of each document


@dataclass(frozen=True)
class _Indexed:
    """What a run needs to know of a stored document (see `_indexed`)."""

    id: str
    file: str
    versions: tuple[str, ...]
    minhash: bytes | None
    story: str | None


class _Run:
    """Which documents of one run are new, changed, unchanged or gone, by key.

    One key is one release (indexer.crawl.identity): a copy whose bytes were never indexed under
    its key replaces the one that was (of several in a crawl, the last in crawl order wins),
    and a copy indexed once before never comes back, so a crawl holding two fetches of one
    page is "unchanged" on every later run, whichever order it reads them in.
    """

    def __init__(self, indexed: dict[str, _Indexed]) -> None:
        self.indexed = indexed
        self.owners = {doc.id: key for key, doc in indexed.items()}
        self.versions = {key: list(doc.versions) for key, doc in indexed.items()}
        self.seen: set[str] = set()
        self.states: dict[str, str] = {}

    def changed(self, items: Iterable[Read], report: IndexReport, progress: Progress | None) -> Iterator[Job]:
        """The items whose bytes are new under their key; the rest are only counted."""
        for count, item in enumerate(items, start=1):
            if progress:
                progress(count, getattr(item, "origin", None) or item.path)
            if isinstance(item, Rejected):
                report.rejected.append(item)
                continue
            key = item.key
            self.seen.add(key)
            version = f"{PIPELINE_VERSION}:{item.digest}"
            if version in self.versions.get(key, ()):
                self.states.setdefault(key, "unchanged")
            else:
                yield item, version

    def written(self, item: SourceItem, version: str, document: dict) -> dict | Rejected:
        """The document to write for a prepared item, with the copies its key has had; refused
        when its id is another key's (80-bit hashes: never seen, but never overwritten)."""
        key = item.key
        owner = self.owners.setdefault(str(document["id"]), key)
        if owner != key:
            return Rejected(item.origin, f"id {document['id']} is already {owner}'s", item.file)
        earlier = [v for v in self.versions.get(key, ()) if v != version]
        self.versions[key] = [version, *earlier][:KEPT_VERSIONS]
        self.states[key] = "updated" if key in self.indexed else "added"
        return {**document, "versions": tuple(self.versions[key])}

    def gone(self, crawl: sources.Crawl) -> list[str]:
        """The indexed keys not met in this crawl although their file lies below a path it read
        (and not below a file or folder that could not be read this time)."""
        broken = list(crawl.broken)
        return sorted(
            key
            for key, doc in self.indexed.items()
            if key not in self.seen and below(doc.file, crawl.roots) and not below(doc.file, broken)
        )

    def counts(self) -> tuple[int, int, int]:
        """Added, updated and unchanged releases: keys, not copies."""
        states = list(self.states.values())
        return states.count("added"), states.count("updated"), states.count("unchanged")


class _Stories:
    """A StoryFinder built on the first new or changed document: an unchanged run never
    loads every stored signature into LSH buckets (about 2 s at 40,000 documents)."""

    def __init__(self, stored: list[_Indexed]) -> None:
        self.stored = stored
        self.finder: StoryFinder | None = None

    def assign(self, doc_id: str, minhash: bytes | None) -> str:
        if self.finder is None:
            known = ({"id": d.id, "minhash": d.minhash, "story": d.story} for d in self.stored)
            self.finder = StoryFinder.of(known)
        return self.finder.assign(doc_id, minhash)


def _indexed(stored: Iterable[dict]) -> dict[str, _Indexed]:
    """One pass over the stored documents, by key: the copies already indexed, to skip them;
    the file each came from, to prune; id, story and MinHash, so new copies join their story."""
    indexed: dict[str, _Indexed] = {}
    for fields in stored:
        indexed[fields["key"]] = _Indexed(
            fields["id"],
            fields["file"],
            tuple(fields["versions"]),
            fields.get("minhash"),
            fields.get("story"),
        )
    return indexed
