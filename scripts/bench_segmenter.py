#!/usr/bin/env python3
"""Check indexer.analysis.segmenter against stock pyvi on the vi_news corpus, and time both on one core.

    .venv/bin/python scripts/bench_segmenter.py [--limit N] [--unit article|paragraph]

Every unit (an article's title and text, or each of their lines) goes through both
tokenizers; outputs must be equal string for string.  Prints mismatches (the first few with
the tokens around the first difference), chars per CPU second of each, the speed-up and
import times (wall clock in fresh interpreters, best of three).  The corpus is read in place, never copied.
"""

from __future__ import annotations

import argparse
import json
import lzma
import os
import subprocess
import sys
import time
from collections.abc import Iterator

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = "/work/shared/news/vi_news.jsonl.xz"
IMPORTS = {
    "pyvi (import ViTokenizer)": "from pyvi import ViTokenizer",
    "segmenter (import)": "import indexer.analysis.segmenter",
    "segmenter (import + Segmenter())": "from indexer.analysis.segmenter import Segmenter; Segmenter()",
}


def import_seconds(statement: str, runs: int = 3) -> float:
    """Best wall time of `statement` in a fresh interpreter: what a cold start pays."""
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    times = []
    for _ in range(runs):
        cmd = [sys.executable, "-c", code]
        done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True)
        times.append(float(done.stdout))
    return min(times)


def units(path: str, limit: int | None, unit: str) -> Iterator[str]:
    """Titles and texts of the first `limit` articles, whole or line by line."""
    with lzma.open(path, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f):
            if limit is not None and n >= limit:
                return
            article = json.loads(line)
            for field in (article.get("title") or "", article.get("text") or ""):
                yield from (field.split("\n") if unit == "paragraph" else [field])


def first_difference(expected: str, got: str, context: int = 4) -> str:
    """The tokens around the first one that differs, pyvi's then ours."""
    a, b = expected.split(" "), got.split(" ")
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    lo = max(0, i - context)
    return f"  token {i}\n  pyvi: {' '.join(a[lo : i + context])}\n  ours: {' '.join(b[lo : i + context])}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N articles (default: all)")
    parser.add_argument("--unit", choices=["article", "paragraph"], default="article")
    parser.add_argument("--corpus", default=CORPUS)
    parser.add_argument("--show", type=int, default=5, help="mismatches to print in full")
    parser.add_argument("--no-imports", action="store_true", help="skip the import-time measurement")
    args = parser.parse_args()

    if hasattr(os, "sched_setaffinity"):  # one core, whatever else the machine runs
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    if not args.no_imports:
        for name, statement in IMPORTS.items():
            print(f"{name:34s} {import_seconds(statement):6.3f} s", flush=True)

    sys.path.insert(0, ROOT)
    from pyvi import ViTokenizer

    from indexer.analysis.segmenter import Segmenter

    ours = Segmenter()
    stock_time = our_time = 0.0
    chars = count = mismatches = 0
    clock = time.process_time  # CPU time: what a busy, shared machine does not inflate
    for text in units(args.corpus, args.limit, args.unit):
        t0 = clock()
        expected = ViTokenizer.tokenize(text)
        t1 = clock()
        got = ours.tokenize(text)
        t2 = clock()
        stock_time += t1 - t0
        our_time += t2 - t1
        chars += len(text)
        count += 1
        if expected != got:
            mismatches += 1
            if mismatches <= args.show:
                print(f"MISMATCH #{mismatches} (unit {count}, {len(text)} chars)")
                print(first_difference(expected, got))
        if count % 10_000 == 0:
            print(f"... {count} units, {mismatches} mismatches", file=sys.stderr, flush=True)

    print(f"units: {count} ({args.unit}s, limit {args.limit or 'none'}), chars: {chars}")
    print(f"mismatches: {mismatches}")
    print(f"stock pyvi: {stock_time:8.1f} CPU s  {chars / stock_time:10,.0f} chars/s")
    print(f"segmenter:  {our_time:8.1f} CPU s  {chars / our_time:10,.0f} chars/s")
    print(f"speed-up:   {stock_time / our_time:.2f}x")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
