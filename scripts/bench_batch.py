r"""Measure batch search: 1,000 terms over an index of real news, cold and warm.

The index holds the first N articles of ../shared/news/vi_news.jsonl.xz (built into a
temporary folder, or `--index` reuses one built from the same articles, e.g. by
`scripts/bench --keep`).  The terms are distinct words of two or more syllables from those
articles' headlines (pyvi's words, seeded), as a journalist's list of names and phrases.
Printed, each in this process:

  cold       indexer.search.batch.batch on a fresh snapshot: every posting list read once
  warm       the same list again on the same snapshot
  baseline   the same terms as 1,000 separate searches (what one request a term would cost
             without HTTP: search() with its hits, snippets and suggestion), fresh snapshot

No news text is written anywhere but the temporary index.

    scripts/bench_batch --size 8000
    scripts/bench_batch --size 40000 --index /tmp/keep/index-40000
"""

from __future__ import annotations

import argparse
import json
import lzma
import random
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from indexer.analysis.analyzers import segment_all, words  # noqa: E402
from indexer.engines.whoosh_snapshot import Snapshots  # noqa: E402
from indexer.index.pipeline import index_paths  # noqa: E402
from indexer.index.store import IndexStore  # noqa: E402
from indexer.search.batch import batch  # noqa: E402
from indexer.search.run import SearchRequest, search  # noqa: E402

NEWS = ROOT.parent / "shared" / "news" / "vi_news.jsonl.xz"


def articles(count: int) -> list[dict]:
    found = []
    with lzma.open(NEWS, "rt", encoding="utf-8") as source:
        for line in source:
            if len(found) >= count:
                break
            found.append(json.loads(line))
    return found


def terms_from(titles: list[str], count: int, seed: int) -> list[str]:
    """Distinct multi-syllable words of the headlines, as typed: "Hà Nội", "đầu tư"."""
    seen: dict[str, None] = {}
    for segmented in segment_all(titles):
        for word in words(segmented):
            if "_" in word and any(c.isalpha() for c in word):
                seen.setdefault(word.replace("_", " "), None)
    pool = sorted(seen)
    random.Random(seed).shuffle(pool)
    return pool[:count]


def timed(work) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=8000, help="articles indexed")
    parser.add_argument("--terms", type=int, default=1000, help="terms in the batch")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--index", type=Path, help="an index of the same first SIZE articles, reused")
    args = parser.parse_args()
    if not NEWS.exists():
        print(f"no {NEWS}: the shared news folder is needed", file=sys.stderr)
        return 1
    news = articles(args.size)
    terms = terms_from([a.get("title") or "" for a in news], args.terms, args.seed)
    index = args.index
    if index is None:
        folder = Path(tempfile.mkdtemp(prefix="thongcao-batch-"))
        crawl = folder / "news.jsonl"
        crawl.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in news), "utf-8")
        seconds, report = timed(lambda: index_paths(IndexStore(folder / "index"), [crawl]))
        print(f"indexed {report.documents} articles in {seconds:.0f} s")
        index = folder / "index"
    store = IndexStore(index)
    request = SearchRequest()
    cold, rows = timed(lambda: batch(Snapshots(store).current(), terms, request))
    snap = Snapshots(store).current()
    batch(snap, terms, request)
    warm, _ = timed(lambda: batch(snap, terms, request))
    fresh = Snapshots(store).current()
    baseline, _ = timed(lambda: [search(fresh, replace(request, q=t)) for t in terms])
    found = sum(1 for row in rows if row.total)
    print(f"{len(terms)} terms over {args.size} articles ({found} found in at least one release)")
    print(f"batch, cold (fresh snapshot): {cold:.2f} s ({1000 * cold / len(terms):.2f} ms a term)")
    print(f"batch, warm:                  {warm:.2f} s ({1000 * warm / len(terms):.2f} ms a term)")
    print(f"baseline, {len(terms)} searches, cold: {baseline:.2f} s ({baseline / cold:.1f}x the batch)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
