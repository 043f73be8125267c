"""Whoosh and tantivy side by side: building, opening and searching the same crawl.

By hand, never in CI: `.venv/bin/python scripts/bench_tantivy.py [--sizes 2000] [--queries 200]`.
Measured on the seed corpus and on the first N articles of ../shared/news (read in place;
the crawl is written to a temporary folder, never into the repo).  Prints, asserts nothing
but that both engines find the same number of results for every query.

- build: `index_paths` into an empty store (pyvi included, each store its own segment
  cache, so both pay it); write: the crawl prepared as each engine takes it (its store's `analyse`), put and
  committed by each engine's writer alone;
- open: a new snapshot (arrays, facets, numbering);
- cold: each query on a fresh snapshot with thongcao's caches cleared (opening not timed);
- first ask / warm: every query once, then again, on one long-lived snapshot.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

import querymix  # noqa: E402
from bench import write_crawl  # noqa: E402

from indexer.engines.tantivy_engine import TantivySnapshots, TantivyStore  # noqa: E402
from indexer.engines.whoosh_snapshot import Snapshots  # noqa: E402
from indexer.index.pipeline import index_paths  # noqa: E402
from indexer.index.store import IndexStore  # noqa: E402
from indexer.search.query import parse, plan  # noqa: E402
from indexer.search.run import SearchRequest, search  # noqa: E402

NEWS = ROOT.parent / "shared" / "news" / "vi_news.jsonl.xz"
ENGINES = {"whoosh": (IndexStore, Snapshots), "tantivy": (TantivyStore, TantivySnapshots)}


def news_crawl(size: int, folder: Path) -> Path:
    """The first `size` articles as a JSONL crawl, as scripts/bench writes it."""
    return write_crawl(size, folder)[0]


def clear_caches() -> None:
    for name, module in list(sys.modules.items()):
        if name == "indexer" or name.startswith("indexer."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def disk(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and p.name != "segments.sqlite")


def ms(samples: list[float]) -> str:
    samples = sorted(samples)
    p90 = samples[min(len(samples) - 1, int(len(samples) * 0.9))]
    return (
        f"median {statistics.median(samples) * 1e3:7.2f} ms  p90 {p90 * 1e3:7.2f} ms  "
        f"mean {statistics.fmean(samples) * 1e3:7.2f} ms"
    )


def write_only(crawl: Path, work: Path) -> None:
    """The engines' writers alone, on the same prepared documents."""
    from indexer.crawl import sources
    from indexer.index.pipeline import PIPELINE_VERSION
    from indexer.index.workers import prepared

    jobs = [(item, f"{PIPELINE_VERSION}:{item.digest}") for item in sources.Crawl([crawl])]
    for name, (store_type, _) in ENGINES.items():
        store = store_type(work / f"write-{name}")
        docs = [result for _, result in prepared(jobs, analyse=store.analyse) if isinstance(result, dict)]
        ix = store.create_generation()
        started = time.perf_counter()
        writer = store.writer(ix)
        for doc in docs:
            writer.put({**doc, "story": doc["id"]})
        writer.commit()
        print(
            f"  write {name:8} {time.perf_counter() - started:7.2f} s for {len(docs)} documents", flush=True
        )


def bench(label: str, crawl: Path, titles: list[str], work: Path, count: int) -> None:
    print(f"\n== {label} ==", flush=True)
    stores = {}
    for name, (store_type, _) in ENGINES.items():
        store = store_type(work / f"{label}-{name}")
        started = time.perf_counter()
        report = index_paths(store, [crawl])
        seconds = time.perf_counter() - started
        stores[name] = store
        print(f"  build {name:8} {seconds:7.2f} s  {report.documents} documents, "
              f"{disk(store.path) / 2**20:.1f} MiB on disk", flush=True)  # fmt: skip
    write_only(crawl, work / label)
    snaps = {}
    for name, (_, snapshots) in ENGINES.items():
        opened = []
        for _ in range(3):
            started = time.perf_counter()
            snaps[name] = snapshots(stores[name]).current()
            opened.append(time.perf_counter() - started)
        print(f"  open  {name:8} {min(opened) * 1e3:7.1f} ms (best of 3)", flush=True)
    values = {}
    for facet_name, facet in snaps["whoosh"].facets.items():
        counts = np.bincount(facet.codes, minlength=len(facet.values))
        values[facet_name] = [facet.values[i] for i in np.argsort(-counts, kind="stable") if counts[i]]
    mix = querymix.queries(titles, values, count, seed=1)
    print(f"  {len(mix)} queries ({querymix.describe(mix)})", flush=True)
    totals: dict[str, list[int]] = {}
    for name, (_, snapshots) in ENGINES.items():
        cold, first, warm, engine_only = [], [], [], []
        for q, filters in mix[:60]:
            snap = snapshots(stores[name]).current()  # a new Snapshots: a new snapshot
            clear_caches()
            started = time.perf_counter()
            search(snap, SearchRequest(q, filters=filters))
            cold.append(time.perf_counter() - started)
        clear_caches()
        snap = snapshots(stores[name]).current()
        found = []
        for samples in (first, warm, warm):
            for q, filters in mix:
                started = time.perf_counter()
                result = search(snap, SearchRequest(q, filters=filters))
                samples.append(time.perf_counter() - started)
                if samples is first:
                    found.append(result.total)
        for q, _ in mix:
            node = parse(q)
            if node is None:
                continue
            p = plan(node, snap.vocabulary())
            started = time.perf_counter()
            snap.engine.run(p)
            engine_only.append(time.perf_counter() - started)
        totals[name] = found
        print(f"  {name:8} cold (60)  {ms(cold)}", flush=True)
        print(f"  {name:8} first ask  {ms(first)}", flush=True)
        print(f"  {name:8} warm       {ms(warm)}", flush=True)
        print(f"  {name:8} run() only {ms(engine_only)}  (warm, plan not timed)", flush=True)
    differ = sum(a != b for a, b in zip(totals["whoosh"], totals["tantivy"], strict=True))
    print(f"  totals differ on {differ} of {len(mix)} queries", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[2000])
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-tantivy-") as tmp:
        work = Path(tmp)
        corpus = ROOT / "corpus"
        seed_titles = [p.read_text("utf-8").strip().splitlines()[0] for p in sorted(corpus.glob("*.txt"))]
        bench("seed corpus", corpus, seed_titles, work, min(args.queries, 40))
        for size in args.sizes:
            crawl = news_crawl(size, work)
            bench(f"{size} news articles", crawl, querymix.headlines(size, NEWS), work, args.queries)


if __name__ == "__main__":
    main()
