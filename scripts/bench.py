"""Benchmark the whole path on real news: segmentation floor, indexing, re-indexing, queries.

Run by hand (`scripts/bench`, or `scripts/bench --sizes 8000`), never in CI.  Every
figure is measured in this run, and ratios are against baselines run in the same
process.  Articles are read in place from ../shared/news and written only to a
temporary folder.

Indexing is compared with stock pyvi on one core.

Queries are a few hundred distinct ones drawn, seeded, from the indexed headlines
(scripts/querymix.py: words, runs of words, quoted phrases, unaccented forms, facet
filters, empty queries with facets), each asked

- cold: once, on a fresh snapshot (a fresh Whoosh searcher for the baseline) with every
  lru_cache of `indexer` and the segmenter's syllable cache cleared; opening is timed
  apart.  The process, pyvi's model and the OS file cache stay warm (dropping the file
  cache needs root);
- first ask: once each, in turn, on one long-lived snapshot (searcher), as a server meets
  varied traffic: later queries find what earlier ones left in the caches;
- warm: again, on that same snapshot (searcher), `--rounds` times.

The query baseline, and where one core's time goes in Whoosh's writing, are in
scripts/whoosh_baseline.py.
"""

from __future__ import annotations

import argparse
import json
import lzma
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import bigcrawl  # noqa: E402  (scripts/, beside this file)
import querymix  # noqa: E402
from querymix import request  # noqa: E402
from treememory import Memory, tree_memory  # noqa: E402
from whoosh_baseline import breakdown, plain_search  # noqa: E402

NEWS = ROOT.parent / "shared" / "news" / "vi_news.jsonl.xz"
THONGCAO = str(Path(sys.executable).parent / "thongcao")
VI_NEWS = 40_163  # articles in vi_news: larger crawls come from scripts/bigcrawl
PYVI_SAMPLE = 10_000  # past vi_news, stock pyvi's baseline is measured on this many texts, then scaled
DATED = 0.15  # the share of queries that also carry a date range
MIX_TITLES = 40_000  # queries are drawn from at most this many headlines, evenly spaced


def write_crawl(size: int, folder: Path) -> tuple[Path, list[str]]:
    """The first `size` articles as a JSONL crawl, plus their text for the pyvi baseline."""
    crawl = folder / f"news-{size}.jsonl"
    texts = []
    with lzma.open(NEWS, "rt", encoding="utf-8") as source, crawl.open("w", encoding="utf-8") as out:
        for number, line in enumerate(source):
            if number >= size:
                break
            record = json.loads(line)
            keep = {k: record.get(k) for k in ("id", "title", "text", "url", "source")}
            keep["published"] = record.get("date")
            out.write(json.dumps(keep, ensure_ascii=False) + "\n")
            texts.append(record["title"] + "\n" + record["text"])
    return crawl, texts


def stock_pyvi_seconds(texts: list[str]) -> float:
    """The floor we compare against: stock pyvi, one call per article, on one core."""
    from pyvi import ViTokenizer

    started = time.perf_counter()
    for text in texts:
        ViTokenizer.tokenize(text)
    return time.perf_counter() - started


def timed_index(args: list[str]) -> tuple[float, Memory, dict]:
    """Wall time, the process tree's memory when it was greatest, and the --json report."""
    started = time.perf_counter()
    process = subprocess.Popen([THONGCAO, "index", *args, "--json"], stdout=subprocess.PIPE, text=True)
    peak = Memory()
    while process.poll() is None:
        peak = max(peak, tree_memory(process.pid), key=lambda m: m.total)
        time.sleep(0.25)
    report = json.loads(process.stdout.read())
    return time.perf_counter() - started, peak, report


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))]


def figures(samples: list[float]) -> str:
    return (f"p50 {percentile(samples, 0.5) * 1000:7.1f} ms  p95 {percentile(samples, 0.95) * 1000:7.1f} ms  "
            f"mean {statistics.fmean(samples) * 1000:7.1f} ms  n={len(samples)}")  # fmt: skip


def ratios(plain: list[float], ours: list[float]) -> str:
    """How many times longer the baseline took: at the median, the 95th percentile, on average."""
    p50 = percentile(plain, 0.5) / percentile(ours, 0.5)
    p95 = percentile(plain, 0.95) / percentile(ours, 0.95)
    mean = statistics.fmean(plain) / statistics.fmean(ours)
    return f"p50 {p50:5.1f} x   p95 {p95:5.1f} x   mean {mean:5.1f} x"


def clear_caches() -> None:
    """Forget what earlier queries left in the process: every lru_cache of `indexer` (query
    words, readings, snippet patterns, normalised syllables) and the segmenter's syllables."""
    for name, module in list(sys.modules.items()):
        if name == "indexer" or name.startswith("indexer."):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()
    segmenter = sys.modules.get("indexer.analysis.segmenter")
    if segmenter is not None and segmenter._default is not None:
        segmenter._default._facts.clear()


def facet_values(snap) -> dict[str, list[str]]:
    """Each facet's values in the index, most documents first."""
    import numpy as np

    values = {}
    for name, facet in snap.facets.items():
        counts = np.bincount(facet.codes, minlength=len(facet.values))
        order = sorted(range(len(facet.values)), key=lambda i: (-counts[i], facet.values[i]))
        values[name] = [facet.values[i] for i in order if counts[i]]
    return values


def query_latency(index: Path, mix: list, rounds: int, engine: str, cold_limit: int | None = None) -> None:
    """thongcao's search() and, on Whoosh, the baseline on the same index and queries: cold,
    first ask, warm.  tantivy's figures stand beside Whoosh's, run on the same mix.

    In each pass the two sides take turns query by query (which goes first alternates), so
    both meet the same load on a shared machine."""
    from indexer.engines.choice import snapshots_of, store_for
    from indexer.search.run import search

    store = store_for(index, engine)
    sides = ("ours", "plain") if engine == "whoosh" else ("ours",)

    def ours(snap, entry) -> tuple[float, int]:
        started = time.perf_counter()
        total = search(snap, request(entry)).total
        return time.perf_counter() - started, total

    split: list[tuple[float, float, int]] = []  # warm: (whole search, in the engine, stories found)

    def plain(searcher, entry) -> tuple[float, int]:
        started = time.perf_counter()
        total = plain_search(searcher, *entry)
        return time.perf_counter() - started, total

    def opened(make):
        clear_caches()
        started = time.perf_counter()
        made = make()
        return made, time.perf_counter() - started

    cold: dict[str, list[float]] = {"ours": [], "plain": [], "open ours": [], "open plain": []}
    for number, entry in enumerate(mix[:cold_limit]):
        for side in sides if number % 2 == 0 else sides[::-1]:
            if side == "ours":
                snap, seconds = opened(lambda: snapshots_of(store).current())
                taken, _ = ours(snap, entry)
                snap.close()
            else:
                searcher, seconds = opened(lambda: store.open(store.generation()).searcher())
                taken, _ = plain(searcher, entry)
                searcher.close()
            cold[side].append(taken)
            cold["open " + side].append(seconds)
    if cold_limit is not None and cold_limit < len(mix):
        print(f"  (cold: the first {cold_limit} queries of the mix, each on a snapshot of its own)")
    print(f"cold, thongcao ({engine}):      {figures(cold['ours'])}")
    opening = f"a snapshot {statistics.fmean(cold['open ours']) * 1000:.0f} ms"
    if engine == "whoosh":
        print(f"cold, baseline:              {figures(cold['plain'])}")
        print(f"cold, baseline / thongcao:   {ratios(cold['plain'], cold['ours'])}")
        opening += f", a Whoosh searcher {statistics.fmean(cold['open plain']) * 1000:.0f} ms"
    print(f"  (opening, not counted above: {opening}, on average)", flush=True)

    clear_caches()
    snap = snapshots_of(store).current()
    searcher = store.open(store.generation()).searcher() if engine == "whoosh" else None
    passes: list[dict[str, list[float]]] = []
    totals: dict[str, list[int]] = {"ours": [], "plain": []}
    timer = snap.engine = _Timed(snap.engine)
    for _ in range(1 + rounds):
        times: dict[str, list[float]] = {"ours": [], "plain": []}
        totals = {"ours": [], "plain": []}
        for number, entry in enumerate(mix):
            for side in sides if number % 2 == 0 else sides[::-1]:
                before = timer.seconds
                taken, total = ours(snap, entry) if side == "ours" else plain(searcher, entry)
                times[side].append(taken)
                totals[side].append(total)
                if side == "ours" and passes:
                    split.append((taken, timer.seconds - before, total))
        passes.append(times)
    first, warm = passes[0], {side: [t for p in passes[1:] for t in p[side]] for side in ("ours", "plain")}
    print(f"first ask, one snapshot, thongcao: {figures(first['ours'])}")
    if engine == "whoosh":
        print(f"first ask, one searcher, baseline: {figures(first['plain'])}")
        print(f"first ask, baseline / thongcao:    {ratios(first['plain'], first['ours'])}")
    print(f"warm ({rounds} more round{'s' * (rounds > 1)}), thongcao: {figures(warm['ours'])}")
    slowest = sorted(split, reverse=True)[: max(1, len(split) // 10)]
    print(f"  (warm, the slowest tenth: {statistics.fmean(t for t, _, _ in slowest) * 1000:.0f} ms a query, "
          f"{statistics.fmean(e for _, e, _ in slowest) * 1000:.0f} ms of it in the engine's evaluator "
          f"(matches and scores); {statistics.fmean(n for _, _, n in slowest):,.0f} stories found on "
          "average)", flush=True)  # fmt: skip
    if engine == "whoosh":
        print(f"warm, baseline:              {figures(warm['plain'])}")
        print(f"warm, baseline / thongcao:   {ratios(warm['plain'], warm['ours'])}")
        same = sum(a == b for a, b in zip(totals["ours"], totals["plain"], strict=True))
        print(f"  (the two sides found the same number of stories for {same} of {len(mix)} queries; Whoosh "
              "matches a superset where a word mixes typed and bare syllables)", flush=True)  # fmt: skip
        searcher.close()
    snap.close()


class _Timed:
    """A snapshot's evaluator that adds up the time searches spend in it (below the seam)."""

    def __init__(self, engine) -> None:
        self.engine, self.seconds = engine, 0.0

    def __getattr__(self, name: str):
        found = getattr(self.engine, name)
        if name not in ("run", "near", "beside"):
            return found

        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return found(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started

        return timed


def http_latency(index: Path, mix: list, rounds: int) -> tuple[list[float], list[float]]:
    """Each query over HTTP on a freshly started server, once (first ask), then `rounds` more times."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([THONGCAO, "serve", "--index", str(index), "--port", str(port)],
                              stderr=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}/api/search?"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "q=", timeout=5).read()
                break
            except OSError:
                time.sleep(0.1)
        passes = []
        for _ in range(1 + rounds):
            samples = []
            for q, filters in mix:
                params = [("q", q)] + [(k, v) for k, values in filters.items() for v in values]
                started = time.perf_counter()
                urllib.request.urlopen(base + urllib.parse.urlencode(params), timeout=30).read()
                samples.append(time.perf_counter() - started)
            passes.append(samples)
        return passes[0], [t for p in passes[1:] for t in p]
    finally:
        server.terminate()
        server.wait()


def cold_search_seconds(index: Path, q: str) -> float:
    started = time.perf_counter()
    subprocess.run([THONGCAO, "search", q, "--json", "--index", str(index)], check=True,
                   capture_output=True)  # fmt: skip
    return time.perf_counter() - started


def disk_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def queries_for(index: Path, titles: list[str], count: int, seed: int) -> list:
    """The distinct query mix for an index of these headlines' articles; a share dated."""
    from indexer.engines.choice import snapshots_for

    snap = snapshots_for(index).current()
    values = facet_values(snap)
    snap.close()
    step = max(1, len(titles) // MIX_TITLES)  # pyvi segments every headline drawn from: bounded
    mix = querymix.queries(titles[::step], values, count, seed)
    return querymix.with_dates(mix, values.get("year", []), DATED, seed)


def crawl_for(size: int, work: Path, write: bool) -> tuple[Path, list[str], list[str]]:
    """The crawl of `size` articles: the first `size` of vi_news, as every earlier run of this
    benchmark, up to its 40,163; past that, scripts/bigcrawl's real articles and variants.
    Its path, texts (for pyvi's baseline; empty when not written) and headlines."""
    if size <= VI_NEWS:
        if write:
            crawl, texts = write_crawl(size, work)
            return crawl, texts, querymix.headlines(size, NEWS)
        return work / f"news-{size}.jsonl", [], querymix.headlines(size, NEWS)
    path = work / f"big-{size}.jsonl"
    if write:
        _, texts = bigcrawl.write(size, path)
        return path, texts, [t.split("\n", 1)[0] for t in texts]
    if path.exists():  # the kept crawl: its headlines, without making it again
        with path.open(encoding="utf-8") as kept:
            return path, [], [json.loads(line)["title"] for line in kept]
    return path, [], bigcrawl.headlines(size)


def pyvi_floor(texts: list[str]) -> tuple[float, str]:
    """Stock pyvi's one-core time on these texts: measured whole up to vi_news's size (every
    earlier run of this benchmark), past that on an even sample of PYVI_SAMPLE texts and
    scaled by characters (said in the label): half an hour of pyvi alone at 200,000."""
    if len(texts) <= VI_NEWS:
        return stock_pyvi_seconds(texts), "stock pyvi, one core:       "
    step = len(texts) / PYVI_SAMPLE
    sample = [texts[int(i * step)] for i in range(PYVI_SAMPLE)]
    seconds = stock_pyvi_seconds(sample) * sum(map(len, texts)) / sum(map(len, sample))
    return seconds, f"stock pyvi, one core (from {PYVI_SAMPLE} texts, scaled by characters):"


def bench(size: int, work: Path, rounds: int, count: int, seed: int, engines: list[str],
          queries_only: bool = False, cold_limit: int | None = None) -> None:  # fmt: skip
    print(f"\n== {size} articles ==", flush=True)
    crawl, texts, titles = crawl_for(size, work, write=not queries_only)
    if not queries_only:
        chars = sum(map(len, texts))
        paragraphs = [p for t in texts for p in t.split("\n") if p.strip()]
        distinct = len(set(paragraphs))
        print(f"text: {chars / 1e6:.1f} M characters; {len(paragraphs)} paragraphs, {distinct} distinct "
              f"({distinct / len(paragraphs):.0%}: the rest the segment cache finds again)",
              flush=True)  # fmt: skip
        floor, label = pyvi_floor(texts)
        print(f"{label} {floor:8.1f} s  ({chars / floor / 1000:.0f} k chars/s)", flush=True)
        if "whoosh" in engines and size <= VI_NEWS:
            breakdown(crawl, floor / len(texts))
    for engine in engines:
        index = work / (f"index-{size}" if engine == "whoosh" else f"index-{size}-{engine}")
        print(f"\n-- {engine}, {size} articles --", flush=True)
        if queries_only:
            print(f"queries only, on the index kept at {index}", flush=True)
        else:
            build(crawl, index, engine, floor, rebuild=size <= VI_NEWS)
        measure_queries(index, engine, titles, rounds, count, seed, cold_limit)


def build(crawl: Path, index: Path, engine: str, floor: float, rebuild: bool) -> None:
    """Index the crawl from nothing, again unchanged, and (asked) rebuilt with a warm cache."""
    seconds, peak, report = timed_index([str(crawl), "--index", str(index), "--engine", engine])
    print(f"thongcao index (full):       {seconds:8.1f} s  = {seconds / floor:.2f} x stock pyvi; "
          f"{report['documents']} documents, {len(report['rejected'])} rejected", flush=True)  # fmt: skip
    print(f"peak memory (tree, PSS):     {peak}", flush=True)
    again, _, report = timed_index([str(crawl), "--index", str(index)])
    print(f"re-index, unchanged:         {again:8.1f} s  = {again / seconds:.1%} of a full index "
          f"({report['unchanged']} unchanged)", flush=True)  # fmt: skip
    if rebuild:
        warm, _, _ = timed_index([str(crawl), "--index", str(index), "--rebuild"])
        print(f"rebuild, warm segment cache: {warm:8.1f} s  = {warm / seconds:.1%} of a full index "
              "(indexer.analysis.segcache)", flush=True)  # fmt: skip
    cache = sum(p.stat().st_size for p in index.glob("segments.sqlite*"))
    live = disk_bytes((index / "current").resolve())  # the previous generation is kept for readers
    print(f"index on disk:               {live / 2**20:8.0f} MiB "
          f"+ {cache / 2**20:.0f} MiB segment cache", flush=True)  # fmt: skip


def measure_queries(index: Path, engine: str, titles: list[str], rounds: int, count: int, seed: int,
                    cold_limit: int | None = None) -> None:  # fmt: skip
    mix = queries_for(index, titles, count, seed)
    print(f"queries: {querymix.describe(mix)} (seed {seed})")
    if engine == "whoosh":
        print("baseline: thongcao's plan run by Whoosh's own matchers, not a plain Whoosh deployment "
              "(same filters and date ranges, 6 facets by groupedby, disjunctive, counted by story; no "
              "suggestion, widened count, timeline or near block; see scripts/whoosh_baseline.py)",
              flush=True)  # fmt: skip
    print(f"load average before the queries: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"(1, 5, 15 min) on {os.cpu_count()} cores", flush=True)  # fmt: skip
    query_latency(index, mix, rounds, engine, cold_limit)
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    first, warm = http_latency(index, mix, rounds)
    print(f"HTTP, first ask, new server: {figures(first)}")
    print(f"HTTP, warm:                  {figures(warm)}")
    typed = [q for q, _ in mix if q][:3]
    cold = statistics.median(cold_search_seconds(index, q) for q in typed)
    print(f"`thongcao search` in a new process (median of 3 queries): {cold:.2f} s", flush=True)


def sizes_and_engines(sizes: str, engines: list[str]) -> list[tuple[int, list[str]]]:
    """Each size with the engines measured at it: Whoosh at 200,000 would take hours, tantivy one."""
    runs = []
    for entry in sizes.split(","):
        size, _, only = entry.partition(":")
        runs.append((int(size), only.split("+") if only else engines))
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="8000,40000",
                        help="comma-separated article counts; SIZE:ENGINE measures one engine at that size "
                             "(e.g. 8000,40000,200000:tantivy, the issue's whole run)")  # fmt: skip
    parser.add_argument("--engine", default="whoosh,tantivy",
                        help="comma-separated engines, measured on the same crawl and queries")  # fmt: skip
    parser.add_argument("--queries", type=int, default=300, help="distinct queries, each asked once cold")
    parser.add_argument("--rounds", type=int, default=1, help="times the queries are asked again, warm")
    parser.add_argument("--seed", type=int, default=1, help="seed of the query mix")
    parser.add_argument("--keep", type=Path, help="keep the crawl and indexes in this folder")
    parser.add_argument("--cold-limit", type=int,
                        help="ask only this many queries on snapshots of their own (opening one takes "
                             "seconds at 200,000); a new server's first asks stay cold")  # fmt: skip
    parser.add_argument("--queries-only", action="store_true",
                        help="measure queries on the indexes a --keep folder already holds")  # fmt: skip
    args = parser.parse_args()
    if args.queries_only and not args.keep:
        parser.error("--queries-only needs --keep DIR, the folder of an earlier run")
    work = args.keep or Path(tempfile.mkdtemp(prefix="thongcao-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"{os.cpu_count()} cores; work folder {work}")
    try:
        for size, engines in sizes_and_engines(args.sizes, args.engine.split(",")):
            bench(size, work, args.rounds, args.queries, args.seed, engines, args.queries_only,
                  args.cold_limit)  # fmt: skip
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
