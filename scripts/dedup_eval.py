r"""Measure the syndicated-copy threshold (indexer/index/stories.py) on real articles.

The articles are ../shared/news/vi_news.jsonl.xz, read in place; no text is written anywhere.

Copies (positives): a random article (120+ words) and a copy of it made the way outlets
re-publish a release, one kind per pair, in equal shares:
  headline  a new headline, the body unchanged (headlines are not shingled, so this is a check)
  trimmed   the last 20-50% of the words cut, as outlets shorten a release
  byline    a dateline "(TTXVN) - " before and "Theo Báo …" / "Nguồn: URL" lines after
  all       new headline, last 10-30% cut and a byline
  edited    all of the above plus 3% of the words replaced, as a copy-editor touches a text
Different stories (negatives), the hard kind: two articles of the same category (the only
topic label the corpus has, on ~5,000 of its articles) sharing the most rare words (in at most
1% of the articles), at least 5.  Pairs whose texts are near-identical are dropped from the
negatives and counted: the corpus itself holds syndicated copies.
Same event, other outlet: every pair within a VietnameseMDS cluster (`vmds-baomoi:cluster_N`,
2-5 reports of one 2013 event by different outlets).  Mostly independent reports, but some
outlets reprint TTXVN, so these are reported apart ("same event"), not counted as errors.

For each threshold the script prints precision and recall of "B joins A's story" through
`StoryFinder.same_story`: LSH banding (so band misses count) then estimated Jaccard ≥ threshold.

    scripts/dedup_eval                 # 600 copies, up to 600 negatives, seed 2026
    scripts/dedup_eval --pairs 1000 --seed 7
"""

from __future__ import annotations

import argparse
import json
import lzma
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from indexer.index.stories import StoryFinder, shingles, signature  # noqa: E402

NEWS = ROOT.parent / "shared" / "news" / "vi_news.jsonl.xz"
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
KINDS = ("headline", "trimmed", "byline", "all", "edited")
OUTLETS = ("Báo Tuyên Quang", "TTXVN", "Báo Nhân Dân", "Cổng TTĐT tỉnh Yên Bái", "Báo Tin tức")
_WORD = re.compile(r"\w+")


def load(path: Path) -> list[dict]:
    with lzma.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def trim(text: str, share: float) -> str:
    words = text.split(" ")
    return " ".join(words[: max(1, int(len(words) * (1 - share)))])


def byline(text: str, rng: random.Random) -> str:
    outlet = rng.choice(OUTLETS)
    return f"(TTXVN) - {text}\n\nTheo {outlet}\nNguồn: https://example.vn/{rng.randrange(10**6)}.html"


def edit(text: str, share: float, vocabulary: list[str], rng: random.Random) -> str:
    words = text.split(" ")
    for i in rng.sample(range(len(words)), int(len(words) * share)):
        words[i] = rng.choice(vocabulary)
    return " ".join(words)


def copy_of(text: str, kind: str, vocabulary: list[str], rng: random.Random) -> str:
    if kind == "headline":
        return text
    if kind == "trimmed":
        return trim(text, rng.uniform(0.2, 0.5))
    if kind == "byline":
        return byline(text, rng)
    copied = byline(trim(text, rng.uniform(0.1, 0.3)), rng)
    return edit(copied, 0.03, vocabulary, rng) if kind == "edited" else copied


def negatives(articles: list[dict], limit: int, rng: random.Random) -> tuple[list[tuple[str, str]], int]:
    """Same-category pairs sharing the most rare words; and how many near-identical pairs were dropped."""
    labelled = [a for a in articles if a.get("category") and len(a["text"].split()) >= 120]
    words = [set(_WORD.findall(a["text"].lower())) for a in labelled]
    frequency = Counter(w for ws in words for w in ws)
    ceiling = max(2, len(labelled) // 100)
    rare = [{w for w in ws if frequency[w] <= ceiling and not w.isdigit()} for ws in words]
    by_category: dict[str, list[int]] = defaultdict(list)
    for i, article in enumerate(labelled):
        by_category[article["category"]].append(i)
    pairs, copies = [], 0
    order = list(range(len(labelled)))
    rng.shuffle(order)
    for i in order:
        if len(pairs) >= limit:
            break
        best = max((j for j in by_category[labelled[i]["category"]] if j != i),
                   key=lambda j: len(rare[i] & rare[j]), default=None)
        if best is None or len(rare[i] & rare[best]) < 5:
            continue
        a, b = shingles(labelled[i]["text"]), shingles(labelled[best]["text"])
        if len(a & b) / max(1, len(a | b)) >= 0.5:
            copies += 1  # the corpus's own syndicated copy: not a different story
            continue
        pairs.append((labelled[i]["text"], labelled[best]["text"]))
    return pairs, copies


def same_event(articles: list[dict]) -> list[tuple[str, str]]:
    """Every pair of reports within one VietnameseMDS cluster."""
    clusters: dict[str, list[str]] = defaultdict(list)
    for article in articles:
        if article["id"].startswith("vmds-"):
            clusters[article["id"].split(":")[1].split("/")[0]].append(article["text"])
    return [(a, b) for texts in clusters.values() for i, a in enumerate(texts) for b in texts[i + 1 :]]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=600)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    articles = load(NEWS)
    long_enough = [a for a in articles if len(a["text"].split()) >= 120]
    vocabulary = sorted({w for a in rng.sample(long_enough, 200) for w in a["text"].split(" ")})
    positives = []
    for n, article in enumerate(rng.sample(long_enough, args.pairs)):
        kind = KINDS[n % len(KINDS)]
        positives.append((kind, article["text"], copy_of(article["text"], kind, vocabulary, rng)))
    negative_pairs, corpus_copies = negatives(articles, args.pairs, rng)
    signed_pos = [(kind, signature(a), signature(b)) for kind, a, b in positives]
    signed_neg = [(signature(a), signature(b)) for a, b in negative_pairs]
    signed_event = [(signature(a), signature(b)) for a, b in same_event(articles)]
    print(f"{len(positives)} copies ({', '.join(KINDS)}: {args.pairs // len(KINDS)} each), "
          f"{len(negative_pairs)} different stories on one topic; "
          f"{corpus_copies} same-topic pairs were the corpus's own copies and left out; "
          f"{len(signed_event)} same-event pairs")
    print("threshold  precision  recall  " + "  ".join(f"{k:>8}" for k in KINDS) + "  false+  same event")
    for threshold in THRESHOLDS:
        finder = StoryFinder(threshold)
        caught = Counter(kind for kind, a, b in signed_pos if finder.same_story(a, b))
        false = sum(finder.same_story(a, b) for a, b in signed_neg)
        found = sum(caught.values())
        precision = found / (found + false) if found + false else 1.0
        recall = found / len(signed_pos)
        shares = "  ".join(f"{caught[k] / (len(signed_pos) / len(KINDS)):8.2f}" for k in KINDS)
        event = sum(finder.same_story(a, b) for a, b in signed_event)
        print(f"{threshold:9.1f}  {precision:9.3f}  {recall:6.3f}  {shares}  {false:6d}  {event:10d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
