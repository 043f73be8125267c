r"""Relevance harness: thongcao against plain Whoosh on real Vietnamese news.

Ranking changes should be judged by numbers on real articles, not by eye. The corpus is
../shared/news/vi_news.jsonl.xz (40,163 articles), read in place. scripts/evaldata/ keeps
only article ids and queries a few words long, never article text. The sets are built from
the whole corpus once (`--write-queries`, seed 2026) and reused, so "before" and "after"
ask the same questions. Each query is asked as typed and folded (indexer.text.fold).

known_item.json: a reader recalls a few headline words and wants that article. The targets
  are random articles whose text is not duplicated and whose headline has 20 words or
  fewer. The query is 3-5 syllables of whole words (pyvi's cut) from one clause of the
  headline. Folded, it appears in no other headline of the corpus, so the target is
  unambiguous. One of its syllables is in at most 2% of the articles, and neither end is a
  bare number or a one-syllable word found in most articles (đã, của).
topic.json: a reader names an event and wants every report of it. Relevance is human and
  independent of any ranker: VietnameseMDS (`vmds-baomoi:cluster_N/…`) annotators grouped
  2-5 articles from different outlets on one 2013 event, and every member is relevant. The
  query is the 2-6 syllable phrase shared by the most member headlines (at least two and at
  least half of them) that appears in at most 3 other headlines of the corpus. Relevance does
  not require the phrase, so members worded differently must still be found: a ranker that
  only matches headlines cannot score 1 by construction. The rest of the corpus is mostly
  2017 news, so unjudged reports of the same events are rare.

Rankers: thongcao (`index_paths` over a JSONL file in a temp dir, then `search()`);
"plain" Whoosh, with one field (headline + text), RegexTokenizer(r"\w+") | LowercaseFilter()
and BM25F; "folded", the same plus CharsetFilter(accent_map) (tones stripped, đ→d, as Aleph
and Datashare fold). The references AND the query's tokens, as thongcao ANDs words.
Metrics: MRR@10, and recall@10 (the share of relevant articles in the top 10; for
known-item queries, the hit rate).
--docs N indexes every judged article plus a seeded sample of the rest. thongcao indexes
about 23 articles/s on this 2-core machine (pyvi in a pool, one Whoosh writer), so the
default 8,000 keeps a run from a fresh clone under 15 minutes. The references are built
meanwhile in a second process.
"""

from __future__ import annotations

import argparse
import json
import lzma
import random
import re
import resource
import shutil
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer
from whoosh.fields import ID, TEXT, Schema
from whoosh.query import And, Term
from whoosh.support.charset import accent_map

from indexer.text import fold

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "news" / "vi_news.jsonl.xz"
EVALDATA = Path(__file__).resolve().parent / "evaldata"
SET_FILES = {"known-item": "known_item.json", "topic": "topic.json"}
TOPIC_PREFIX = "vmds-baomoi:"
SEED, K, DEFAULT_DOCS = 2026, 10, 8000
RANKERS = ("thongcao", "plain", "folded")
Ranker = Callable[[str], list[str]]


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    text: str
    url: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Query:
    q: str
    relevant: tuple[str, ...]


def load_articles(path: Path = NEWS) -> list[Article]:
    """Every article of the dump, in file order, read in place from the xz file."""
    with lzma.open(path, "rt", encoding="utf-8") as lines:
        rows = (json.loads(line) for line in lines if line.strip())
        return [Article(r["id"], r.get("title") or "", r.get("text") or "", r.get("url"), r.get("date"))
                for r in rows]


# --- query sets -------------------------------------------------------------------------

@cache
def key(word: str) -> str:
    """The folded lower-case form words are compared in, so tones never split counts."""
    return fold(word).lower()


def clauses(title: str) -> list[list[str]]:
    """A headline's clauses (cut at punctuation) as lists of whitespace words."""
    return [words for part in re.split(r"[^\w\s]+", title) if (words := part.split())]


def pyvi_clauses(title: str) -> list[list[str]]:
    """A headline's clauses as pyvi words ("xe_buýt"), so queries hold whole words as people type."""
    from pyvi import ViTokenizer  # only query building needs it

    out: list[list[str]] = [[]]
    for token in ViTokenizer.tokenize(title).split():
        if re.fullmatch(r"[^\W_]+(?:_[^\W_]+)*", token):
            out[-1].append(token)
        else:
            out.append([])
    return [words for words in out if words]


def windows(parts: list[list[str]], sizes: Sequence[int]) -> Iterator[tuple[str, ...]]:
    """Runs of consecutive words within a clause whose syllable count is one of sizes."""
    for words in parts:
        for i in range(len(words)):
            for j in range(i + 1, len(words) + 1):
                length = sum(w.count("_") + 1 for w in words[i:j])
                if length in sizes:
                    yield tuple(words[i:j])
                if length >= max(sizes):
                    break


def folded(gram: Sequence[str]) -> str:
    """The comparison form of a run of words: folded syllables joined by spaces."""
    return " ".join(key(s) for w in gram for s in w.split("_"))


def spell(gram: Sequence[str]) -> str:
    """A run of words as a person types it."""
    return " ".join(gram).replace("_", " ")


def firm_edges(gram: Sequence[str], df: Counter[str], total: int) -> bool:
    """No bare number and no one-syllable word found in over half the articles (đã, của) at either end."""
    return not any(w.isdigit() or ("_" not in w and df[key(w)] > total / 2) for w in (gram[0], gram[-1]))


def title_counts(articles: Iterable[Article], sizes: Sequence[int]) -> Counter[str]:
    """How many headlines contain each folded run of syllables of the given lengths."""
    counts: Counter[str] = Counter()
    for a in articles:
        counts.update({folded(g) for g in windows(clauses(a.title), sizes)})
    return counts


def document_frequency(articles: Iterable[Article]) -> Counter[str]:
    """How many articles (headline or text) contain each folded word: how telling a word is."""
    df: Counter[str] = Counter()
    for a in articles:
        df.update({key(w) for w in set(re.findall(r"\w+", (a.title + " " + a.text).lower()))})
    return df


Segmenter = Callable[[str], list[list[str]]]


def known_item_queries(articles: Sequence[Article], df: Counter[str], count: int = 200, seed: int = SEED,
                       rare: float = 0.02, segment: Segmenter = pyvi_clauses) -> list[Query]:
    """3-5 syllables of whole headline words only the target's headline holds (see top)."""
    sizes, total = (3, 4, 5), len(articles)
    titles = title_counts(articles, sizes)
    texts = Counter(a.text for a in articles)
    pool = [a for a in articles if not a.id.startswith(TOPIC_PREFIX) and texts[a.text] == 1
            and len(a.title.split()) <= 20 and not a.title.rstrip().endswith(".")]
    rng, queries = random.Random(seed), []
    for a in rng.sample(pool, len(pool)):
        fits = [g for g in windows(segment(a.title), sizes)
                if titles[folded(g)] == 1 and firm_edges(g, df, total)
                and min(df[s] for s in folded(g).split()) <= rare * total]
        if fits:
            queries.append(Query(spell(rng.choice(fits)), (a.id,)))
            if len(queries) == count:
                break
    return queries


def topic_queries(articles: Sequence[Article], df: Counter[str], count: int = 100, seed: int = SEED,
                  outside: int = 3, segment: Segmenter = pyvi_clauses) -> list[Query]:
    """Per event cluster, the headline phrase most members share and others rarely use."""
    sizes, total = (2, 3, 4, 5, 6), len(articles)
    titles, queries = title_counts(articles, sizes), []
    clusters: dict[str, list[Article]] = defaultdict(list)  # "cluster_12" → its articles
    for a in articles:
        if a.id.startswith(TOPIC_PREFIX):
            clusters[a.id[len(TOPIC_PREFIX) :].split("/")[0]].append(a)
    for _, members in sorted(clusters.items()):
        spelled: dict[str, str] = {}
        for a in members:
            for g in windows(segment(a.title), sizes):
                if firm_edges(g, df, total):
                    spelled.setdefault(folded(g), spell(g))
        shared = Counter(f for a in members for f in {folded(g) for g in windows(clauses(a.title), sizes)})
        need = max(2, (len(members) + 1) // 2)
        fits = [(shared[f], shared[f] - titles[f], len(f.split()), f) for f in spelled
                if shared[f] >= need and titles[f] - shared[f] <= outside]
        if fits:
            queries.append(Query(spelled[max(fits)[-1]], tuple(a.id for a in members)))
    return random.Random(seed).sample(queries, min(count, len(queries)))


def save_query_sets(sets: dict[str, list[Query]], folder: Path = EVALDATA) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, queries in sets.items():
        rows = [{"q": q.q, "relevant": list(q.relevant)} for q in queries]
        (folder / SET_FILES[name]).write_text(json.dumps(rows, ensure_ascii=False, indent=0) + "\n")


def load_query_sets(folder: Path = EVALDATA) -> dict[str, list[Query]] | None:
    """The stored sets, or None when any is missing (then they are built and written)."""
    if not all((folder / f).exists() for f in SET_FILES.values()):
        return None
    return {name: [Query(r["q"], tuple(r["relevant"])) for r in json.loads((folder / f).read_text())]
            for name, f in SET_FILES.items()}


def pick_corpus(articles: Sequence[Article], sets: dict[str, list[Query]], size: int,
                seed: int = SEED) -> list[Article]:
    """Every judged article plus a seeded sample of the others, in file order."""
    judged = {i for queries in sets.values() for q in queries for i in q.relevant}
    rest = [a.id for a in articles if a.id not in judged]
    chosen = judged | set(random.Random(seed).sample(rest, max(0, min(len(rest), size - len(judged)))))
    return [a for a in articles if a.id in chosen]


# --- indexes and rankers ----------------------------------------------------------------

def reference_analyzer(folded: bool):
    """What a plain Whoosh deployment would use: syllables, lower case, maybe accent folding."""
    chain = RegexTokenizer(r"\w+") | LowercaseFilter()
    return chain | CharsetFilter(accent_map) if folded else chain


def build_reference(jsonl: Path, folder: Path, folded: bool) -> float:
    """A one-field (headline + text) BM25F index; returns the seconds it took."""
    start = time.monotonic()
    folder.mkdir(parents=True)
    schema = Schema(id=ID(stored=True, unique=True), content=TEXT(analyzer=reference_analyzer(folded)))
    writer = whoosh_index.create_in(str(folder), schema).writer(limitmb=256)
    with writer, open(jsonl, encoding="utf-8") as lines:
        for record in map(json.loads, lines):
            writer.add_document(id=record["id"], content=record["title"] + "\n" + record["text"])
    return time.monotonic() - start


def reference_ranker(folder: Path, folded: bool) -> Ranker:
    """The query's tokens, analysed like the documents, AND-ed and ranked by BM25F."""
    searcher, analyzer = whoosh_index.open_dir(str(folder)).searcher(), reference_analyzer(folded)

    def rank(q: str) -> list[str]:
        terms = [Term("content", t.text) for t in analyzer(q)]
        return [hit["id"] for hit in searcher.search(And(terms), limit=K)] if terms else []

    return rank


def thongcao_ids(corpus: Iterable[Article], jsonl: Path) -> dict[str, str]:
    """Each article's id in thongcao's index, mapped to its own: the hash of its URL, or of its
    line's place in the JSONL when it has none (indexer.identity)."""
    from indexer.identity import absolute, doc_id, url_key

    where = absolute(jsonl)
    return {doc_id(url_key(a.url) or f"{where}#{a.id}"): a.id for a in corpus}


def thongcao_ranker(folder: Path, ids: dict[str, str]) -> Ranker:
    """thongcao's own search(); a hit's id mapped back to the article's (see `thongcao_ids`)."""
    from indexer.search import SearchRequest, search
    from indexer.snapshot import Snapshots
    from indexer.store import IndexStore

    snap = Snapshots(IndexStore(folder)).current()
    return lambda q: [ids.get(h.id, h.id) for h in search(snap, SearchRequest(q=q, per_page=K)).hits]


def write_jsonl(corpus: Iterable[Article], path: Path) -> None:
    """The articles as thongcao's JSONL input, with their real URLs."""
    path.parent.mkdir(parents=True)
    with open(path, "w", encoding="utf-8") as out:
        for a in corpus:
            record = {"id": a.id, "title": a.title, "text": a.text, "url": a.url, "published": a.date}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def build_indexes(corpus: Sequence[Article], judged: Collection[str], work: Path) -> None:
    """The references in a second process while thongcao indexes here.

    Under --keep, the references are reused while the corpus is the same. thongcao's index is
    always brought up to date: its incremental run re-indexes only what the library's
    pipeline version (or schema) says is stale.
    """
    from indexer.pipeline import index_paths
    from indexer.store import IndexStore

    marker, jsonl = work / "corpus.ids", work / "news" / "articles.jsonl"
    ids = "\n".join(a.id for a in corpus)
    same = marker.exists() and marker.read_text() == ids
    if not same:
        for sub in ("news", *RANKERS):
            shutil.rmtree(work / sub, ignore_errors=True)
        write_jsonl(corpus, jsonl)
    with ProcessPoolExecutor(max_workers=1) as pool:
        refs = {} if same else {name: pool.submit(build_reference, jsonl, work / name, name == "folded")
                                for name in RANKERS[1:]}
        report = index_paths(IndexStore(work / "thongcao"), [jsonl.parent])
        lost = sum(r.path.split("#", 1)[-1] in judged for r in report.rejected)
        print(f"thongcao index: {report.added + report.updated} indexed, {report.unchanged} unchanged, "
              f"{len(report.rejected)} rejected ({lost} judged relevant), {report.seconds:.0f} s")
        for name, future in refs.items():
            print(f"{name} index: {future.result():.0f} s")
    marker.write_text(ids)


# --- metrics and report -----------------------------------------------------------------

def reciprocal_rank(ranked: Sequence[str], relevant: Collection[str], k: int = K) -> float:
    """1/rank of the first relevant id within the top k, else 0."""
    return next((1 / rank for rank, i in enumerate(ranked[:k], 1) if i in relevant), 0.0)


def recall(ranked: Sequence[str], relevant: Collection[str], k: int = K) -> float:
    """Share of the relevant ids found in the top k (the hit rate when one id is relevant)."""
    return len(set(ranked[:k]) & set(relevant)) / len(relevant) if relevant else 0.0


def evaluate(rank: Ranker, queries: Sequence[Query], bare: bool, failures: list[str]) -> tuple[float, float]:
    """Mean MRR@k and recall@k, queries asked as typed or folded; a crash is a miss, noted in failures."""
    mrr = rec = 0.0
    for query in queries:
        q = fold(query.q) if bare else query.q
        try:
            ranked = rank(q)
        except Exception as exc:  # a library bug must not hide the other figures
            failures.append(f"{q!r}: {type(exc).__name__}: {exc}")
            ranked = []
        mrr, rec = mrr + reciprocal_rank(ranked, query.relevant), rec + recall(ranked, query.relevant)
    return mrr / max(len(queries), 1), rec / max(len(queries), 1)


Results = dict[tuple[str, bool], dict[str, tuple[float, float]]]


def run_rankers(rankers: dict[str, Ranker], sets: dict[str, list[Query]]) -> Results:
    """Every set, as typed and bare, through every ranker; prints timings and crashes."""
    results: Results = {}
    for name, queries in sets.items():
        for bare in (False, True):
            results[(name, bare)] = {}
            for ranker, rank in rankers.items():
                start, failed = time.monotonic(), []
                results[(name, bare)][ranker] = evaluate(rank, queries, bare, failed)
                crashes = f"; {len(failed)} raised (scored as misses): {failed[0]}" if failed else ""
                took = time.monotonic() - start
                print(f"  {ranker} {name}{' bare' if bare else ''}: {took:.1f} s{crashes}")
    return results


def format_table(results: Results, sizes: dict[str, int]) -> str:
    """Rows: set × (diacritics, none); columns: MRR@10 and recall@10 per ranker."""
    lines = [f"{'query set':<32}" + "".join(f"{name:>20}" for name in RANKERS),
             f"{'':<32}" + f"{'MRR@10':>12}{'R@10':>8}" * len(RANKERS)]
    for (name, bare), row in results.items():
        label = f"{name} ({sizes[name]}), {'no diacritics' if bare else 'diacritics'}"
        lines.append(f"{label:<32}" + "".join(f"{row[r][0]:>12.3f}{row[r][1]:>8.3f}" for r in RANKERS))
    for name in sizes:
        (m1, r1), (m0, r0) = results[(name, True)]["thongcao"], results[(name, False)]["thongcao"]
        kept = f"{m1 / m0:.0%} of its MRR@10, {r1 / r0:.0%} of its recall@10" if m0 and r0 else "n/a"
        lines.append(f"thongcao, {name} without diacritics: {kept} with diacritics")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--docs", type=int, default=DEFAULT_DOCS, help="articles to index (%(default)s)")
    parser.add_argument("--keep", type=Path, help="keep indexes here; reuse them for the same corpus")
    parser.add_argument("--write-queries", action="store_true", help="rebuild scripts/evaldata/")
    parser.add_argument("--news", type=Path, default=NEWS, help="the news dump (xz JSON Lines)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    articles = load_articles(args.news)
    sets = None if args.write_queries else load_query_sets()
    if sets is None:
        df = document_frequency(articles)
        sets = {"known-item": known_item_queries(articles, df), "topic": topic_queries(articles, df)}
        save_query_sets(sets)
    corpus = pick_corpus(articles, sets, args.docs)
    judged = {i for queries in sets.values() for q in queries for i in q.relevant}
    print(f"{len(articles)} articles read, {len(corpus)} to index ({len(judged)} judged relevant), "
          f"{time.monotonic() - started:.0f} s")
    work = args.keep or Path(tempfile.mkdtemp(prefix="thongcao-eval-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        build_indexes(corpus, judged, work)
        ids = thongcao_ids(corpus, work / "news" / "articles.jsonl")
        rankers = {"thongcao": thongcao_ranker(work / "thongcao", ids),
                   **{name: reference_ranker(work / name, name == "folded") for name in RANKERS[1:]}}
        print(format_table(run_rankers(rankers, sets), {name: len(qs) for name, qs in sets.items()}))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    cpu = sum(resource.getrusage(who).ru_utime for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    print(f"total {time.monotonic() - started:.0f} s wall, {cpu:.0f} s CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
