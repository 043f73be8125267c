"""Extraction and segmentation on every core, feeding the one process that writes.

pyvi dominates the cost of a document; Whoosh allows a single writer.  Items go to a
process pool in bounded batches (so memory stays flat on a crawl of any size) and
come back as the engine's writer takes them (`IndexStore.analyse`), in order, while the
next batch is worked on.
"""

from __future__ import annotations

import multiprocessing
import os
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from itertools import islice

from indexer.analysis.segcache import SegmentCache
from indexer.documents import Rejected, SourceItem
from indexer.extract.build import build_document
from indexer.index.store import fields

Analyse = Callable[..., dict[str, object]]  # (Document, tokenizer) -> the writer's fields

BATCH = 64

Job = tuple[SourceItem, str]
Prepared = dict[str, object] | Rejected


def prepare(job: Job, segments: SegmentCache | None = None, analyse: Analyse = fields) -> Prepared:
    """One item → the fields to write, or why it cannot be indexed (runs in a worker)."""
    item, digest = job
    try:
        document = build_document(item, digest)
        if isinstance(document, Rejected):
            return document
        return analyse(document, segments.tokenize if segments else None)
    except Exception as exc:  # a bug met by one odd input must not stop the crawl, nor hide
        reason = f"extraction failed: {type(exc).__name__}: {exc}"
        return Rejected(item.origin, reason, item.file, traceback.format_exc())


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def prepared(
    jobs: Iterable[Job],
    workers: int | None = None,
    segments: SegmentCache | None = None,
    analyse: Analyse = fields,
) -> Iterator[tuple[Job, Prepared]]:
    """Each job with its result, in input order; `segments` memoises segmentation.

    A run smaller than one batch is done in this process: a pool's start-up (forking
    and loading pyvi's model in each worker) would cost more than it saves.  The cache
    handle travels with each task; every worker opens its own connection to it.
    """
    workers = workers or default_workers()
    stream = iter(jobs)
    first = list(islice(stream, BATCH))
    task = partial(prepare, segments=segments, analyse=analyse)
    if workers == 1 or len(first) < BATCH:
        yield from ((job, task(job)) for job in _chain(first, stream))
        return
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        pending: deque = deque()
        batch = first
        while batch:
            pending.append((batch, pool.map_async(task, batch, chunksize=4)))
            batch = list(islice(stream, BATCH))
            if len(pending) > 1 or not batch:
                done, result = pending.popleft()
                yield from zip(done, result.get(), strict=True)
        while pending:
            done, result = pending.popleft()
            yield from zip(done, result.get(), strict=True)


def _chain(first: list[Job], rest: Iterator[Job]) -> Iterator[Job]:
    yield from first
    yield from rest
