"""One indexing run: crawl → extract → analyse → write, incrementally.

A document is re-extracted only when its bytes (or this pipeline's version) changed,
so re-indexing an unchanged crawl costs a read and a hash per file.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from indexer import sources
from indexer.documents import Rejected
from indexer.segcache import SegmentCache
from indexer.store import IndexStore
from indexer.stories import StoryFinder
from indexer.workers import Job, prepared

# Bump when extraction or analysis changes, so the next run re-indexes every document.
PIPELINE_VERSION = "1"

Progress = Callable[[int, str], None]


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

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["rejected"] = [{"path": r.path, "reason": r.reason} for r in self.rejected]
        data["seconds"] = round(self.seconds, 3)
        return data


def index_paths(
    store: IndexStore,
    paths: Iterable[str | Path],
    *,
    rebuild: bool = False,
    prune: bool = False,
    progress: Progress | None = None,
    workers: int | None = None,
) -> IndexReport:
    """Index the crawl under `paths` into `store`; raises IndexLocked if another run writes."""
    started = time.monotonic()
    report = IndexReport()
    with store.locked():
        rebuild = rebuild or store.outdated()  # an index from before a new field: only a rebuild fits it
        ix = store.create_generation() if rebuild or not store.exists() else store.open()
        known, stored = ({}, []) if rebuild else _indexed(ix)
        stories = _Stories(stored)
        seen: set[str] = set()
        broken: set[str] = set()
        segments = SegmentCache.begin(store.segments)  # before the pool forks; None if unusable
        writer = ix.writer(limitmb=256)
        try:
            jobs = _changed(sources.read(paths), known, seen, broken, report, progress)
            for (item, _), result in prepared(jobs, workers, segments):
                if isinstance(result, Rejected):
                    report.rejected.append(result)
                    continue
                if item.origin in known:
                    writer.delete_by_term("origin", item.origin)
                    report.updated += 1
                else:
                    report.added += 1
                result["story"] = stories.assign(result["id"], result["minhash"])
                writer.update_document(**result)
            if prune:
                for origin in sorted(set(known) - seen):
                    if origin.split("#")[0] not in broken:
                        writer.delete_by_term("origin", origin)
                        report.deleted += 1
        except BaseException:
            writer.cancel()
            raise
        if report.added or report.updated or report.deleted or rebuild:
            writer.commit()
        else:
            writer.cancel()
        if rebuild or not store.current.exists():
            store.swap(Path(ix.storage.folder))
        report.documents = store.open().doc_count()
        if segments:
            segments.finish()
    report.seconds = time.monotonic() - started
    return report


def _changed(items, known, seen, broken, report, progress) -> Iterator[Job]:
    """The items whose bytes changed since they were indexed; the rest are only counted."""
    for count, item in enumerate(items, start=1):
        if progress:
            progress(count, getattr(item, "origin", None) or item.path)
        if isinstance(item, Rejected):
            report.rejected.append(item)
            broken.add(item.origin or item.path)
            continue
        seen.add(item.origin)
        version = f"{PIPELINE_VERSION}:{item.digest}"
        if known.get(item.origin) == version:
            report.unchanged += 1
        else:
            yield item, version


class _Stories:
    """A StoryFinder built on the first new or changed document: an unchanged run never
    imports datasketch (and scipy), 1.6 s."""

    def __init__(self, stored: list[dict]) -> None:
        self.stored = stored
        self.finder: StoryFinder | None = None

    def assign(self, doc_id: str, minhash: bytes | None) -> str:
        if self.finder is None:
            self.finder = StoryFinder.of(self.stored)
        return self.finder.assign(doc_id, minhash)


def _indexed(ix) -> tuple[dict[str, str], list[dict]]:
    """One pass over the stored documents: origin → digest, to skip unchanged inputs, and
    each one's id, story and MinHash, so that new copies can join their story."""
    known: dict[str, str] = {}
    stored: list[dict] = []
    with ix.searcher() as searcher:
        for fields in searcher.all_stored_fields():
            known[fields["origin"]] = fields["digest"]
            stored.append({k: fields.get(k) for k in ("id", "minhash", "story")})
    return known, stored
