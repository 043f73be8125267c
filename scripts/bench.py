"""Benchmark the whole path on real news: segmentation floor, indexing, re-indexing, queries.

Run by hand (`scripts/bench`, or `scripts/bench --sizes 8000`), never in CI.  Every
figure is measured in this run, and ratios are against baselines run in the same
process: stock pyvi on one core for indexing, straightforward Whoosh (`groupedby`
facets and its default highlighter) for queries.  Articles are read in place from
../shared/news and written only to a temporary folder.
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
NEWS = ROOT.parent / "shared" / "news" / "vi_news.jsonl.xz"
THONGCAO = str(Path(sys.executable).parent / "thongcao")

# A fixed mix: one word, several words, a phrase, no diacritics, an empty query with facets.
QUERIES = [
    ("xuất khẩu", {}),
    ("bóng đá", {}),
    ("giá vàng tăng mạnh", {}),
    ("chính phủ hỗ trợ doanh nghiệp", {}),
    ('"thị trường chứng khoán"', {}),
    ('"Hà Nội"', {}),
    ("gia vang", {}),
    ("xuat khau nong san", {}),
    ("", {"country": ("Hoa Kỳ",)}),
    ("", {"province": ("Hà Nội",), "country": ("Trung Quốc",)}),
]


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


def breakdown(crawl: Path, pyvi_per_doc: float, sample: int = 500) -> None:
    """Where one core's time goes per document: extraction, segmentation, Whoosh add, commit."""
    from indexer import sources
    from indexer.documents import Rejected
    from indexer.extract import build_document
    from indexer.store import IndexStore, fields

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
    from indexer.store import Analysed, IndexStore, texts

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


def tree_memory(pid: int) -> int:
    """Memory of a process and all its descendants, in bytes: the sum of their proportional
    set sizes, so pages forked workers share with their parent count once, not once each."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += _pss(current)
        stack.extend(children.get(current, []))
    return total


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def timed_index(args: list[str]) -> tuple[float, int, dict]:
    """Wall time, peak memory of the whole process tree, and the --json report."""
    started = time.perf_counter()
    process = subprocess.Popen([THONGCAO, "index", *args, "--json"], stdout=subprocess.PIPE, text=True)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_memory(process.pid))
        time.sleep(0.25)
    report = json.loads(process.stdout.read())
    return time.perf_counter() - started, peak, report


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return f"p50 {statistics.median(ordered) * 1000:7.1f} ms  p95 {p95 * 1000:7.1f} ms"


def query_latency(index: Path, rounds: int) -> tuple[list[float], list[float]]:
    """thongcao's search() against straightforward Whoosh, same index, same queries."""
    from whoosh import sorting
    from whoosh.highlight import ContextFragmenter
    from whoosh.query import Every

    from indexer.query import compile_query, parse
    from indexer.search import SearchRequest, search
    from indexer.snapshot import Snapshots
    from indexer.store import IndexStore

    snap = Snapshots(IndexStore(index)).current()
    ours, plain = [], []
    facets = {name: sorting.FieldFacet(name, allow_overlap=True, maptype=sorting.Count)
              for name in ("country", "province", "year")}  # fmt: skip
    for _ in range(rounds):
        for q, filters in QUERIES:
            started = time.perf_counter()
            search(snap, SearchRequest(q, filters))
            ours.append(time.perf_counter() - started)
            started = time.perf_counter()
            node = parse(q)
            wq = compile_query(node, snap.searcher.reader()) if node else Every()
            results = snap.searcher.search(wq, limit=10, groupedby=facets)
            results.fragmenter = ContextFragmenter(maxchars=110, surround=45)
            [results.groups(name) for name in facets]
            [hit.highlights("text", top=3) for hit in results[:10]]
            plain.append(time.perf_counter() - started)
    return ours, plain


def http_latency(index: Path, rounds: int) -> list[float]:
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
        samples = []
        for _ in range(rounds):
            for q, filters in QUERIES:
                params = [("q", q)] + [(k, v) for k, values in filters.items() for v in values]
                started = time.perf_counter()
                urllib.request.urlopen(base + urllib.parse.urlencode(params), timeout=30).read()
                samples.append(time.perf_counter() - started)
        return samples
    finally:
        server.terminate()
        server.wait()


def cold_search_seconds(index: Path) -> float:
    started = time.perf_counter()
    subprocess.run([THONGCAO, "search", "hợp tác", "--json", "--index", str(index)], check=True,
                   capture_output=True)  # fmt: skip
    return time.perf_counter() - started


def disk_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def bench(size: int, work: Path, rounds: int) -> None:
    print(f"\n== {size} articles ==", flush=True)
    crawl, texts = write_crawl(size, work)
    chars = sum(map(len, texts))
    print(f"text: {chars / 1e6:.1f} M characters", flush=True)
    floor = stock_pyvi_seconds(texts)
    print(f"stock pyvi, one core:        {floor:8.1f} s  ({chars / floor / 1000:.0f} k chars/s)", flush=True)
    breakdown(crawl, floor / len(texts))
    index = work / f"index-{size}"
    seconds, peak, report = timed_index([str(crawl), "--index", str(index)])
    print(f"thongcao index (full):       {seconds:8.1f} s  = {seconds / floor:.2f} x stock pyvi; "
          f"{report['documents']} documents, {len(report['rejected'])} rejected", flush=True)  # fmt: skip
    print(f"peak memory (tree, PSS):     {peak / 2**20:8.0f} MiB", flush=True)
    again, _, report = timed_index([str(crawl), "--index", str(index)])
    print(f"re-index, unchanged:         {again:8.1f} s  = {again / seconds:.1%} of a full index "
          f"({report['unchanged']} unchanged)", flush=True)  # fmt: skip
    warm, _, _ = timed_index([str(crawl), "--index", str(index), "--rebuild"])
    print(f"rebuild, warm segment cache: {warm:8.1f} s  = {warm / seconds:.1%} of a full index "
          "(indexer.segcache)", flush=True)  # fmt: skip
    cache = sum(p.stat().st_size for p in index.glob("segments.sqlite*"))
    live = disk_bytes((index / "current").resolve())  # the previous generation is kept for readers
    print(f"index on disk:               {live / 2**20:8.0f} MiB "
          f"+ {cache / 2**20:.0f} MiB segment cache", flush=True)  # fmt: skip
    ours, plain = query_latency(index, rounds)
    print(f"query in process, thongcao:  {percentiles(ours)}")
    print(f"query in process, plain:     {percentiles(plain)}  (groupedby + default highlighter)")
    ratio = sorted(plain)[int(0.95 * (len(plain) - 1))] / sorted(ours)[int(0.95 * (len(ours) - 1))]
    print(f"p95 speed-up over plain:     {ratio:8.1f} x")
    print(f"query over HTTP:             {percentiles(http_latency(index, rounds))}")
    cold = statistics.median(cold_search_seconds(index) for _ in range(3))
    print(f"`thongcao search` cold:      {cold:8.2f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="8000,40000", help="comma-separated article counts")
    parser.add_argument("--rounds", type=int, default=5, help="times the query mix is asked")
    parser.add_argument("--keep", type=Path, help="keep the crawl and indexes in this folder")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="thongcao-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"{os.cpu_count()} cores; work folder {work}")
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            bench(size, work, args.rounds)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
