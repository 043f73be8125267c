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
        known = {} if rebuild else _known_documents(ix)
        seen: set[str] = set()
        broken: set[str] = set()
        writer = ix.writer(limitmb=256)
        stories = _Stories(ix)
        try:
            jobs = _changed(sources.read(paths), known, seen, broken, report, progress)
            for (item, _), result in prepared(jobs, workers):
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
    """The index's StoryFinder, loaded on the first new or changed document (a run with none pays nothing)."""

    def __init__(self, ix) -> None:
        self.ix = ix
        self.finder: StoryFinder | None = None

    def assign(self, doc_id: str, minhash: bytes | None) -> str:
        if self.finder is None:
            with self.ix.searcher() as searcher:
                self.finder = StoryFinder.of(searcher.all_stored_fields())
        return self.finder.assign(doc_id, minhash)


def _known_documents(ix) -> dict[str, str]:
    """origin → stored digest of every indexed document, to skip unchanged inputs."""
    with ix.searcher() as searcher:
        return {f["origin"]: f["digest"] for f in searcher.all_stored_fields()}
