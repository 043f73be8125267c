r"""Measure related releases (indexer/search/related.py) on the event clusters of ../shared/news.

VietnameseMDS's clusters (`vmds-baomoi:cluster_N/…` in vi_news, 628 articles) group reports of
one 2013 event by different outlets.  The index holds every cluster article and, around them,
DISTRACTORS other articles of vi_news; for each cluster article, the figure is the share of
its cluster's other articles (those not folded into its own story as syndicated copies: they
have their own list) found among its 10 related releases, out of at most 10.  Beside it, a
baseline: the 10 best hits of its headline typed as a query.  Read in place; the index is
written to a temporary folder only.

    scripts/related_eval
    scripts/related_eval --distractors 8000
"""

from __future__ import annotations

import argparse
import json
import lzma
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from indexer.engines.whoosh_snapshot import Snapshots  # noqa: E402
from indexer.index.pipeline import index_paths  # noqa: E402
from indexer.index.store import IndexStore  # noqa: E402
from indexer.search.related import related  # noqa: E402
from indexer.search.run import SearchRequest, search  # noqa: E402

NEWS = ROOT.parent / "shared" / "news" / "vi_news.jsonl.xz"
PREFIX = "vmds-baomoi:cluster_"


def read(distractors: int) -> tuple[list[dict], dict[str, str]]:
    """Every cluster article and the first `distractors` others; each cluster article's cluster."""
    kept, clusters = [], {}
    others = 0
    with lzma.open(NEWS, "rt", encoding="utf-8") as source:
        for line in source:
            record = json.loads(line)
            key = str(record.get("id") or "")
            if key.startswith(PREFIX):
                clusters[key] = key[len(PREFIX) :].split("/", 1)[0]
                kept.append(record)
            elif others < distractors:
                others += 1
                kept.append(record)
    return kept, clusters


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--distractors", type=int, default=3000, help="other articles around them")
    args = parser.parse_args()
    if not NEWS.exists():
        print(f"no {NEWS}: the shared news folder is needed", file=sys.stderr)
        return 1
    records, clusters = read(args.distractors)
    folder = Path(tempfile.mkdtemp(prefix="thongcao-related-"))
    crawl = folder / "news.jsonl"
    crawl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    started = time.perf_counter()
    index_paths(IndexStore(folder / "index"), [crawl])
    took = time.perf_counter() - started
    print(f"indexed {len(records)} articles ({len(clusters)} in clusters) in {took:.0f} s")
    snap = Snapshots(IndexStore(folder / "index")).current()
    numbers: dict[str, int] = {}
    for docnum in range(snap.size):
        origin = str(snap.stored(docnum).get("origin") or "")
        key = origin.rsplit("#", 1)[-1]
        if key in clusters and snap.live[docnum]:
            numbers[key] = docnum
    members = defaultdict(set)
    for key, docnum in numbers.items():
        members[clusters[key]].add(docnum)
    story = snap.grouped if snap.grouped is not None else None
    ours, base, seconds = [], [], []
    for key, docnum in numbers.items():
        others = {n for n in members[clusters[key]] if n != docnum}
        if story is not None:
            others = {n for n in others if story[n] != story[docnum]}
        if not others:
            continue
        began = time.perf_counter()
        found = related(snap, docnum)
        seconds.append(time.perf_counter() - began)
        ours.append(len(others & set(found)) / min(10, len(others)))
        title = snap.stored(docnum).get("title") or ""
        hits = search(snap, SearchRequest(title, per_page=12)).hits
        ranked = [snap.document_number(h.id) for h in hits]
        ranked = [n for n in ranked if n != docnum and (story is None or story[n] != story[docnum])][:10]
        base.append(len(others & set(ranked)) / min(10, len(others)))
    print(f"{len(ours)} cluster articles with other reports of their event (not their own copies)")
    print(f"related releases: {statistics.mean(ours):.3f} of the cluster's others among the 10")
    print(f"baseline (the headline as a query): {statistics.mean(base):.3f}")
    print(f"time a release: median {1000 * statistics.median(seconds):.0f} ms, "
          f"p95 {1000 * sorted(seconds)[int(0.95 * (len(seconds) - 1))]:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
