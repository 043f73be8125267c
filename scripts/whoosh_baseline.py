"""Whoosh's own ways, measured beside thongcao's by scripts/bench: where one core's time goes
when Whoosh writes, Whoosh's multiprocess writers, and the query baseline.

The query baseline is thongcao's plan run by Whoosh's own matchers, not a plain Whoosh
deployment: `indexer.search.query.compile_query` turns the same parsed query into Whoosh
Phrase/Term/Or queries over the exact, folded and word fields (one a plain Whoosh
install would not have), and Whoosh's searcher runs them with the same facet filters
(`filter=`; values of one facet OR-ed), counts all six facets with `groupedby` (each
chosen facet again under the other filters, as thongcao's disjunctive counts do), counts
stories (a `story` facet for the total; facet values per story through the story
column), sorts empty queries newest first, keeps one copy a story on the page, and
highlights with its default highlighter.  It does not do thongcao's suggestion, widened
count, timeline or "gần đúng" block.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from querymix import date_bounds

PER_PAGE = 10  # search()'s page (SearchRequest.per_page)


def breakdown(crawl: Path, pyvi_per_doc: float, sample: int = 500) -> None:
    """Where one core's time goes per document: extraction, segmentation, Whoosh add, commit."""
    from indexer.crawl import sources
    from indexer.documents import Rejected
    from indexer.extract.build import build_document
    from indexer.index.store import IndexStore, fields

    items = [item for _, item in zip(range(sample), sources.read([crawl]), strict=False)]
    started = time.perf_counter()
    docs = [build_document(item, "bench") for item in items]
    extract = (time.perf_counter() - started) / len(items)
    docs = [doc for doc in docs if not isinstance(doc, Rejected)]
    started = time.perf_counter()
    prepared = [fields(doc) for doc in docs]
    segmenting = (time.perf_counter() - started) / len(items)
    with tempfile.TemporaryDirectory() as folder:
        writer = IndexStore(Path(folder)).create_generation().writer(limitmb=256)
        started = time.perf_counter()
        for row in prepared:
            writer.add_document(**row)
        adding = (time.perf_counter() - started) / len(items)
        started = time.perf_counter()
        writer.commit()
        commit = (time.perf_counter() - started) / len(items)
    print(f"per document, one core, {len(items)}-document sample (stock pyvi: {pyvi_per_doc * 1000:.1f} ms):")
    for name, value in (("extraction + facets", extract), ("segmentation + analysis", segmenting),
                        ("Whoosh add (filing)", adding), ("Whoosh commit", commit)):  # fmt: skip
        print(f"  {name:24} {value * 1000:7.1f} ms  = {value / pyvi_per_doc:.2f} x stock pyvi")
    writers(docs, prepared, adding + commit)


def writers(docs: list, prepared: list[dict], one_writer: float) -> None:
    """Whoosh's own multiprocess writer against thongcao's single writer.

    thongcao analyses texts in its extraction pool and hands one writer finished postings;
    Whoosh's `procs` writer takes raw texts and analyses and writes them in its own
    processes (multisegment: no final merge into one segment).
    """
    from indexer.index.store import Analysed, IndexStore, texts

    raw = [{k: v for k, v in row.items() if not isinstance(v, Analysed) and not k.startswith("_stored_")}
           | texts(doc) for doc, row in zip(docs, prepared, strict=True)]  # fmt: skip
    print(f"  writer process, thongcao (postings ready):       {one_writer * 1000:5.1f} ms a document")
    for options in ({"procs": 2}, {"procs": 2, "multisegment": True}):
        with tempfile.TemporaryDirectory() as folder:
            writer = IndexStore(Path(folder)).create_generation().writer(limitmb=128, **options)
            started = time.perf_counter()
            for row in raw:
                writer.add_document(**row)
            writer.commit()
            seconds = (time.perf_counter() - started) / len(raw)
        label = ", ".join(f"{k}={v}" for k, v in options.items())
        print(f"  Whoosh {label} (analysing raw texts): {seconds * 1000:5.1f} ms a document", flush=True)


def plain_search(searcher, q: str, filters: dict[str, tuple[str, ...]]) -> int:
    """The baseline (see the module's docstring): thongcao's plan run by Whoosh's own
    matchers, with the same filters, the six facets counted by story, one copy a story on
    the page, and Whoosh's highlighter.  Returns the number of stories found."""
    from whoosh import query as wq
    from whoosh import sorting
    from whoosh.highlight import ContextFragmenter

    from indexer.facets.facet_fields import FACETS
    from indexer.search.query import compile_query, parse

    reader = searcher.reader()
    span = date_bounds(filters)
    filters = {name: values for name, values in filters.items() if name not in ("from", "to")}
    node = parse(q)
    if node is not None:
        query, sortedby = compile_query(node, reader), None
    else:  # nothing typed: every document, newest first (thongcao's order for an empty query)
        query, sortedby = wq.Every(), sorting.FieldFacet("date", reverse=True)
    chosen = {name: values for name, values in filters.items() if values}

    def restrict(skip: str | None = None):
        parts = [wq.Or([wq.Term(name, v) for v in values]) for name, values in chosen.items() if name != skip]
        if span != (None, None):
            parts.append(wq.NumericRange("date", *span))
        return wq.And(parts) if parts else None

    def facet(name: str):
        many = next(f.many for f in FACETS if f.name == name)
        return sorting.FieldFacet(name, allow_overlap=many, maptype=sorting.UnorderedList)

    stories = reader.column_reader("story")

    def by_story(groups: dict) -> dict:
        return {value: len({stories[d] for d in docs}) for value, docs in groups.items() if value}

    grouped = {f.name: facet(f.name) for f in FACETS if f.name not in chosen}
    grouped["_story"] = sorting.FieldFacet("story", maptype=sorting.Count)
    limit = 3 * PER_PAGE
    while True:
        results = searcher.search(query, limit=limit, filter=restrict(), groupedby=grouped, sortedby=sortedby)
        total = len(results.groups("_story"))
        page, seen = [], set()
        for hit in results:
            if stories[hit.docnum] not in seen:
                seen.add(stories[hit.docnum])
                page.append(hit)
        if len(page) >= min(PER_PAGE, total) or limit >= len(results):
            break
        limit *= 4  # too many copies of a few stories on top: ask for a longer list
    counts = {name: by_story(results.groups(name)) for name in grouped if name != "_story"}
    for name in chosen:  # a chosen facet is counted under the other facets' filters only
        other = searcher.search(query, limit=1, filter=restrict(name), groupedby={name: facet(name)})
        counts[name] = by_story(other.groups(name))
    results.fragmenter = ContextFragmenter(maxchars=110, surround=45)
    [hit.highlights("text", top=3) for hit in page[:PER_PAGE]]
    return total
