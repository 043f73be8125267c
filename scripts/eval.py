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
story (built at every run, never stored: its words come from article bodies): the same
  clusters asked as a journalist types (issue 12), 2-6 content words about the event in any
  order, not a cut of one headline. The words are pyvi's, held by most of the cluster's
  articles (more than half, at least two), repeated in them and rare elsewhere (tf·idf, df
  from a seeded sample of 2,000 other articles; none in over 10% of them, none with a digit),
  spelled as the articles spell them most often. A name pyvi cut in pieces is one term
  ("Đắk" "Nông" are written side by side); the terms are shuffled (seed 2026), and an order
  that is a run of a member's headline is shuffled again.
lookalikes: one accented syllable with look-alikes once folded (lúa: lựa, lửa, lừa, lụa),
  judged by precision: the share of a query's hits that hold the typed syllable (any case,
  either tone placement), among its top 10 and among every document it matches, averaged
  over the syllables. Common words, not news text, so they are listed here (LOOKALIKES).

Every set is cut into two fixed halves by a hash of the query's cluster (or target article,
or syllable): "tuning" for choosing constants, "held-out" to check that a change found on
the first carries over. Both are reported; tune nothing on the held-out half.

Rankers: thongcao (`index_paths` over a JSONL file in a temp dir, then `search()`);
"plain" Whoosh, with one field (headline + text), RegexTokenizer(r"\w+") | LowercaseFilter()
and BM25F; "folded", the same plus CharsetFilter(accent_map) (tones stripped, đ→d, as Aleph
and Datashare fold); "plain×3" and "folded×3", the same analysis over two fields, the
headline boosted ×3 as thongcao boosts it, so the table tells what the boost earns from what
Vietnamese analysis earns. The references AND the query's tokens (in either field), as
thongcao ANDs words.
Metrics: MRR@10, and recall@10 (the share of relevant articles in the top 10; for
known-item queries, the hit rate; for topic and story queries, story recall).
--docs N indexes every judged article plus a seeded sample of the rest. thongcao indexes
about 23 articles/s on this 2-core machine (pyvi in a pool, one Whoosh writer), so the
default 8,000 keeps a run from a fresh clone under 15 minutes. The references are built
meanwhile in a second process.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import lzma
import math
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
from importlib import import_module
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer
from whoosh.fields import ID, TEXT, Schema
from whoosh.query import And, Or, Term
from whoosh.support.charset import accent_map

from indexer.text import fold, nfc, normalize

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "news" / "vi_news.jsonl.xz"
EVALDATA = Path(__file__).resolve().parent / "evaldata"
SET_FILES = {"known-item": "known_item.json", "topic": "topic.json"}
TOPIC_PREFIX = "vmds-baomoi:"
SEED, K, DEFAULT_DOCS = 2026, 10, 8000
STORY_DF_SAMPLE, STORY_COMMON = 2000, 0.1
# Common syllables that fold onto others in the corpus: lúa (rice) is lựa, lửa, lừa, lụa bare;
# bão (storm) is báo, bảo; dầu (oil) is đầu; thuế (tax) is thuê; cháy (burn) is chạy; and so on.
LOOKALIKES = ("lúa", "bão", "mưa", "cá", "sữa", "dầu", "thuế", "cháy", "nổ", "lũ",
              "gà", "bắt", "chợ", "bò", "mỏ", "đất", "lửa", "cảng", "sóng", "đảo")
HALVES = ("tuning", "held-out")
# Each reference: (folded?, headline boost); thongcao boosts headlines ×3 (indexer/index/store.py).
REFERENCES = {"plain": (False, 1.0), "folded": (True, 1.0), "plain×3": (False, 3.0), "folded×3": (True, 3.0)}
Ranker = Callable[..., list[str]]  # (query, k=K) → the ids of its top k hits; k=None: every match


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


def cluster_of(article_id: str) -> str | None:
    """The VietnameseMDS cluster an article was judged in ("cluster_12"), or None."""
    return article_id[len(TOPIC_PREFIX) :].split("/")[0] if article_id.startswith(TOPIC_PREFIX) else None


def clusters(articles: Iterable[Article]) -> dict[str, list[Article]]:
    """Each VietnameseMDS cluster's articles, in file order."""
    out: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        if (name := cluster_of(a.id)) is not None:
            out[name].append(a)
    return out


def topic_queries(articles: Sequence[Article], df: Counter[str], count: int = 100, seed: int = SEED,
                  outside: int = 3, segment: Segmenter = pyvi_clauses) -> list[Query]:
    """Per event cluster, the headline phrase most members share and others rarely use."""
    sizes, total = (2, 3, 4, 5, 6), len(articles)
    titles, queries = title_counts(articles, sizes), []
    for _, members in sorted(clusters(articles).items()):
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


# A story query (see top): pyvi words of every cluster member, with "" where punctuation cuts a run.
WORD, SYLLABLE = re.compile(r"[^\W_]+(?:_[^\W_]+)*"), re.compile(r"[^\W_]+")
Words = Callable[[Article], list[str]]


def word_tokens(segmented: str) -> list[str]:
    """Segmented text as normalised pyvi words and "" for each punctuation mark (side by side is adjacent)."""
    return [normalize(t) if WORD.fullmatch(t) else "" for t in segmented.split()]


def article_words(a: Article) -> list[str]:
    """An article's pyvi words (indexer.analysis.analyzers, pyvi's exact cut), headline first."""
    from indexer.analysis.analyzers import segment

    return word_tokens(segment(a.title + "\n\n" + a.text))


def word_df(articles: Sequence[Article], size: int = STORY_DF_SAMPLE, seed: int = SEED,
            words: Words = article_words) -> tuple[Counter[str], int]:
    """How many of a seeded sample of articles outside the clusters hold each pyvi word, and the
    sample's size: segmenting all 40,163 would take minutes at every run, and rare is rare in 2,000."""
    rest = [a for a in articles if cluster_of(a.id) is None]
    sample = random.Random(seed).sample(rest, min(size, len(rest)))
    df: Counter[str] = Counter()
    for a in sample:
        df.update(set(words(a)) - {""})
    return df, len(sample)


def overlaps(a: str, b: str) -> bool:
    """One word's syllables are a run of the other's (thẩm_mỹ, thẩm_mỹ_viện): both say nothing new."""
    short, long = sorted((a.split("_"), b.split("_")), key=len)
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


def neighbours(docs: Sequence[Sequence[str]], fits: Collection[str], need: int) -> dict[str, str]:
    """Syllable → the syllable most articles write right after it, where both are one-syllable
    words that fit, at least `need` articles do, and each is the other's likeliest neighbour:
    the links of a name pyvi left in pieces (Đắk + Nông, al + Qaeda). Longer words are left
    apart: syndicated copies share whole sentences, which are no name."""
    pieces = {w for w in fits if "_" not in w}
    pairs = Counter(p for doc in docs for p in set(zip(doc, doc[1:], strict=False))
                    if p[0] in pieces and p[1] in pieces)
    ranked = sorted((p for p, n in pairs.items() if n >= need and p[0] != p[1]), key=lambda p: (-pairs[p], p))
    after: dict[str, str] = {}
    before: dict[str, str] = {}
    for a, b in ranked:
        after.setdefault(a, b)
        before.setdefault(b, a)
    return {a: b for a, b in after.items() if before[b] == a}


def story_terms(docs: Sequence[Sequence[str]], df: Counter[str], total: int, count: int,
                common: float = STORY_COMMON) -> list[list[str]]:
    """The count terms a journalist would name, best first. A word fits when most articles hold
    it (more than half, at least two), it has no digit and at most `common` of the df sample
    holds it; fits rank by repetition and rarity (Σ log(1 + tf) × idf). A term is a fit with up
    to two more written next to it (see `neighbours`); none is a part of another."""
    need = max(2, len(docs) // 2 + 1)
    tfs = [Counter(w for w in doc if w) for doc in docs]
    held = Counter(w for tf in tfs for w in tf)

    def score(w: str) -> float:
        return math.log((total + 1) / (df[w] + 1)) * sum(math.log1p(tf[w]) for tf in tfs)

    fits = {w for w, n in held.items() if n >= need and len(w) > 1 and not any(c.isdigit() for c in w)
            and df[w] <= common * total}
    after = neighbours(docs, fits, need)
    before = {b: a for a, b in after.items()}
    terms: list[list[str]] = []
    for w in sorted(fits, key=lambda w: (-score(w), w)):
        if len(terms) == count:
            break
        term = [w]
        while len(term) < 3 and term[0] in before and before[term[0]] not in term:
            term.insert(0, before[term[0]])
        while len(term) < 3 and term[-1] in after and after[term[-1]] not in term:
            term.append(after[term[-1]])
        if not any(overlaps(x, y) for x in term for t in terms for y in t):
            terms.append(term)
    return terms


def surface_forms(texts: Iterable[str]) -> dict[str, str]:
    """Each normalised syllable → its spelling most used in the texts, lower case: the articles
    write hóa, pyvi's dictionary hoá, and a journalist types what they read."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for text in texts:
        for s in SYLLABLE.findall(nfc(text).lower()):
            seen[normalize(s)][s] += 1
    return {s: spellings.most_common(1)[0][0] for s, spellings in seen.items()}


def syllable_run(text: str) -> str:
    """A text's folded syllables between spaces, so a run of syllables is a substring."""
    return f" {' '.join(key(s) for s in SYLLABLE.findall(text))} "


def headline_cut(q: str, titles: Iterable[str]) -> bool:
    """The query, folded, is a run of syllables of one of the headlines."""
    return any(syllable_run(q) in syllable_run(t) for t in titles)


def story_query(members: Sequence[Article], df: Counter[str], total: int, rng: random.Random,
                words: Words = article_words) -> str | None:
    """2-6 terms the members share (`story_terms`), shuffled and spelled as typed; None when
    fewer than two fit or every order tried is a run of a member's headline."""
    count, docs = rng.randint(2, 6), [words(a) for a in members]
    terms = story_terms(docs, df, total, count)
    if len(terms) < 2:
        return None
    spelled = surface_forms(a.title + "\n" + a.text for a in members)
    for _ in range(20):
        rng.shuffle(terms)
        q = " ".join(spelled.get(s, s) for term in terms for w in term for s in w.split("_"))
        if not headline_cut(q, (a.title for a in members)):
            return q
    return None


def story_queries(articles: Sequence[Article], seed: int = SEED, words: Words = article_words,
                  df_sample: int = STORY_DF_SAMPLE) -> list[Query]:
    """One story query per cluster that yields one, clusters in name order, one seeded draw each."""
    df, total = word_df(articles, df_sample, seed, words)
    rng, queries = random.Random(seed), []
    for _, members in sorted(clusters(articles).items()):
        if (q := story_query(members, df, total, rng, words)) is not None:
            queries.append(Query(q, tuple(a.id for a in members)))
    return queries


def half(query: Query) -> str:
    """The query's fixed half, by a hash of its cluster (else its target, else its words): a
    cluster's topic and story queries fall together, and no run or seed moves a query across."""
    group = (cluster_of(query.relevant[0]) or query.relevant[0]) if query.relevant else query.q
    return HALVES[hashlib.sha256(group.encode()).digest()[0] & 1]


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


def reference_folder(work: Path, name: str) -> Path:
    """Where a reference's index is kept ("plain×3" → plainx3: a plain file name)."""
    return work / name.replace("×", "x")


def build_reference(jsonl: Path, folder: Path, folded: bool, title_boost: float = 1.0) -> float:
    """A BM25F index, built aside and renamed into place; returns the seconds it took.

    Unboosted, one field (headline + text), as a plain deployment indexes a page; boosted,
    the headline in a field of its own weighing title_boost, the text in another, as thongcao.
    """
    start, part = time.monotonic(), folder.with_name(folder.name + ".part")
    shutil.rmtree(part, ignore_errors=True)
    part.mkdir(parents=True)
    analyzer = reference_analyzer(folded)
    fields = {"content": TEXT(analyzer=analyzer)}
    if title_boost != 1.0:
        fields["title"] = TEXT(analyzer=analyzer, field_boost=title_boost)
    schema = Schema(id=ID(stored=True, unique=True), **fields)
    writer = whoosh_index.create_in(str(part), schema).writer(limitmb=256)
    with writer, open(jsonl, encoding="utf-8") as lines:
        for r in map(json.loads, lines):
            if "title" in fields:
                writer.add_document(id=r["id"], title=r["title"], content=r["text"])
            else:
                writer.add_document(id=r["id"], content=r["title"] + "\n" + r["text"])
    part.rename(folder)
    return time.monotonic() - start


def reference_ranker(folder: Path, folded: bool) -> Ranker:
    """The query's tokens, analysed like the documents, AND-ed (each in any field) and ranked by BM25F."""
    searcher, analyzer = whoosh_index.open_dir(str(folder)).searcher(), reference_analyzer(folded)
    fields = [f for f in ("title", "content") if f in searcher.schema]

    def rank(q: str, k: int | None = K) -> list[str]:
        terms = [Or([Term(f, t.text) for f in fields]) for t in analyzer(q)]
        return [hit["id"] for hit in searcher.search(And(terms), limit=k)] if terms else []

    return rank


def thongcao_ids(corpus: Iterable[Article], jsonl: Path) -> dict[str, str]:
    """Each article's id in thongcao's index, mapped to its own: the hash of its URL, or of its
    line's place in the JSONL when it has none (indexer.crawl.identity)."""
    from indexer.crawl.identity import absolute, doc_id, url_key

    where = absolute(jsonl)
    return {doc_id(url_key(a.url) or f"{where}#{a.id}"): a.id for a in corpus}


def thongcao_ranker(folder: Path, ids: dict[str, str]) -> Ranker:
    """thongcao's own search(), or every document it matches (an export's, copies included);
    a hit's id mapped back to the article's (see `thongcao_ids`)."""
    from indexer.engines.whoosh_snapshot import Snapshots
    from indexer.index.store import IndexStore
    from indexer.search.run import SearchRequest, iter_matches, search

    snap = Snapshots(IndexStore(folder)).current()

    def rank(q: str, k: int | None = K) -> list[str]:
        if k is None:
            return [ids.get(h.id, h.id) for h in iter_matches(snap, SearchRequest(q=q), copies=True)]
        result = search(snap, SearchRequest(q=q, per_page=k))  # the page: its hits, then "gần đúng"
        return [ids.get(h.id, h.id) for h in result.hits + result.near][:k]

    return rank


def write_jsonl(corpus: Iterable[Article], path: Path) -> None:
    """The articles as thongcao's JSONL input, with their real URLs."""
    path.parent.mkdir(parents=True)
    with open(path, "w", encoding="utf-8") as out:
        for a in corpus:
            record = {"id": a.id, "title": a.title, "text": a.text, "url": a.url, "published": a.date}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def build_indexes(corpus: Sequence[Article], judged: Collection[str], work: Path) -> None:
    """The references in a second process while thongcao indexes here.

    Under --keep, the references are reused while the corpus is the same (one missing is
    built, as after a reference was added to this script). thongcao's index is
    always brought up to date: its incremental run re-indexes only what the library's
    pipeline version (or schema) says is stale.
    """
    from indexer.index.pipeline import index_paths
    from indexer.index.store import IndexStore

    marker, jsonl = work / "corpus.ids", work / "news" / "articles.jsonl"
    ids = "\n".join(a.id for a in corpus)
    same = marker.exists() and marker.read_text() == ids
    if not same:
        for folder in (work / "news", work / "thongcao", *(reference_folder(work, n) for n in REFERENCES)):
            shutil.rmtree(folder, ignore_errors=True)
        write_jsonl(corpus, jsonl)
    with ProcessPoolExecutor(max_workers=1) as pool:
        refs = {name: pool.submit(build_reference, jsonl, reference_folder(work, name), *how)
                for name, how in REFERENCES.items() if not reference_folder(work, name).exists()}
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


Results = dict[tuple[str, bool, str], dict[str, tuple[float, float]]]  # (set, bare, half) → ranker → figures
PARTS = (*HALVES, "both")


def halves(queries: Sequence[Query]) -> dict[str, list[Query]]:
    """The queries of each half, tuning first."""
    return {h: [q for q in queries if half(q) == h] for h in HALVES}


def weighted(figures: Sequence[tuple[float, ...]], sizes: Sequence[int]) -> tuple[float, ...]:
    """Means over parts of a set, as means over the whole set."""
    total = max(sum(sizes), 1)
    return tuple(sum(f * n for f, n in zip(column, sizes, strict=True)) / total
                 for column in zip(*figures, strict=True))


def run_rankers(rankers: dict[str, Ranker], sets: dict[str, list[Query]]) -> Results:
    """Every set, as typed and bare, each half apart and both, through every ranker; prints
    timings and crashes."""
    results: Results = {}
    for name, queries in sets.items():
        parts = halves(queries)
        for bare in (False, True):
            for ranker, rank in rankers.items():
                start, failed = time.monotonic(), []
                figures = [evaluate(rank, some, bare, failed) for some in parts.values()]
                figures.append(weighted(figures, [len(some) for some in parts.values()]))
                for h, f in zip(PARTS, figures, strict=True):
                    results.setdefault((name, bare, h), {})[ranker] = f
                crashes = f"; {len(failed)} raised (scored as misses): {failed[0]}" if failed else ""
                took = time.monotonic() - start
                print(f"  {ranker} {name}{' bare' if bare else ''}: {took:.1f} s{crashes}")
    return results


def set_sizes(sets: dict[str, list[Query]]) -> dict[tuple[str, str], int]:
    """(set, half or both) → how many queries."""
    return {(name, h): len(qs) if h == "both" else sum(half(q) == h for q in qs) for name, qs in sets.items()
            for h in PARTS}


def format_table(results: Results, sizes: dict[tuple[str, str], int]) -> str:
    """A Markdown table: rows set × (diacritics, none) × (each half, both); cells MRR@10 / recall@10."""
    rankers = list(next(iter(results.values())))
    lines = ["| query set | half | " + " | ".join(rankers) + " |", "|---|---|" + "---|" * len(rankers)]
    names = list(dict.fromkeys(name for name, _ in sizes))
    for name in names:
        for bare in (False, True):
            for h in PARTS:
                row = results[(name, bare, h)]
                lines.append(f"| {name}, {'none' if bare else 'diacritics'} | {h} ({sizes[(name, h)]}) | "
                             + " | ".join(f"{row[r][0]:.3f} / {row[r][1]:.3f}" for r in rankers) + " |")
    for name in names if "thongcao" in rankers else ():
        (m1, r1), (m0, r0) = (results[(name, bare, "both")]["thongcao"] for bare in (True, False))
        kept = f"{m1 / m0:.0%} of its MRR@10, {r1 / r0:.0%} of its recall@10" if m0 and r0 else "n/a"
        lines.append(f"thongcao, {name} without diacritics: {kept} with diacritics")
    return "\n".join(lines)


# --- precision of accented syllables ------------------------------------------------------

def lookalike_syllables(texts: dict[str, str], typed: Sequence[str]) -> dict[str, set[str]]:
    """Each text's syllables that fold like a typed one, as the index normalises them (lower
    case, pyvi's tone placement): read once, so judging thousands of hits is a set lookup."""
    wanted = {key(s) for s in typed}
    return {i: {s for s in SYLLABLE.findall(normalize(t)) if key(s) in wanted} for i, t in texts.items()}


def readings(held: dict[str, set[str]], typed: Sequence[str]) -> dict[str, Counter[str]]:
    """For each typed syllable, how many texts hold each syllable folding like it: its look-alikes."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for syllables in held.values():
        for s in syllables:
            counts[key(s)][s] += 1
    return {s: counts[key(s)] for s in typed}


def precision(rank: Ranker, syllable: str, held: dict[str, set[str]], k: int | None,
              failures: list[str]) -> tuple[int, int]:
    """Of the query's top k hits (None: every match), how many hold the typed syllable, and how many."""
    try:
        ranked = rank(syllable, k)
    except Exception as exc:  # as in evaluate: no hits, noted
        failures.append(f"{syllable!r}: {type(exc).__name__}: {exc}")
        ranked = []
    return sum(normalize(syllable) in held.get(i, ()) for i in ranked), len(ranked)


def mean_share(counts: Iterable[tuple[int, int]]) -> str:
    """The mean over syllables of their hits' share holding the syllable (each syllable weighs
    the same, however many hits it has); syllables without hits are left out."""
    shares = [good / hits for good, hits in counts if hits]
    return f"{sum(shares) / len(shares):.3f}" if shares else "no hits"


def lookalike_report(rankers: dict[str, Ranker], corpus: Sequence[Article],
                     syllables: Sequence[str] = LOOKALIKES) -> str:
    """Each syllable's look-alikes in the indexed corpus, then a Markdown table of precision by
    half: over the top 10 hits, then over every document matched."""
    held = lookalike_syllables({a.id: a.title + "\n" + a.text for a in corpus}, syllables)
    lines = []
    for s, counts in readings(held, syllables).items():
        others = ", ".join(f"{r} {n}" for r, n in counts.most_common() if r != normalize(s))
        lines.append(f"{s} in {counts[normalize(s)]} articles; look-alikes in: {others}")
    parts = {h: [q.q for q in some] for h, some in halves([Query(s, ()) for s in syllables]).items()}
    parts["both"] = list(syllables)
    figures: dict[tuple[str, int | None], dict[str, tuple[int, int]]] = {}
    for ranker, rank in rankers.items():
        failed: list[str] = []
        for k in (K, None):
            figures[(ranker, k)] = {s: precision(rank, s, held, k, failed) for s in syllables}
        if failed:
            print(f"  {ranker} lookalikes: {len(failed)} raised (scored as no hits): {failed[0]}")
    lines += [f"| accented syllable: top {K} / all hits | " + " | ".join(rankers) + " |",
              "|---|" + "---|" * len(rankers)]
    for h, some in parts.items():
        label = f"{h} ({', '.join(some)})" if h != "both" else f"both ({len(some)})"
        cells = (" / ".join(mean_share(figures[(r, k)][s] for s in some) for k in (K, None)) for r in rankers)
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
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
    sets["story"] = story_queries(articles)
    corpus = pick_corpus(articles, sets, args.docs)
    judged = {i for queries in sets.values() for q in queries for i in q.relevant}
    print(f"{len(articles)} articles read, {len(sets['story'])} story queries built, {len(corpus)} to index "
          f"({len(judged)} judged relevant), {time.monotonic() - started:.0f} s; thongcao from "
          f"{Path(import_module('indexer').__file__).parent}")
    work = args.keep or Path(tempfile.mkdtemp(prefix="thongcao-eval-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        build_indexes(corpus, judged, work)
        ids = thongcao_ids(corpus, work / "news" / "articles.jsonl")
        rankers = {"thongcao": thongcao_ranker(work / "thongcao", ids),
                   **{name: reference_ranker(reference_folder(work, name), folded)
                      for name, (folded, _) in REFERENCES.items()}}
        print(format_table(run_rankers(rankers, sets), set_sizes(sets)))
        print(lookalike_report(rankers, corpus))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    cpu = sum(resource.getrusage(who).ru_utime for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    print(f"total {time.monotonic() - started:.0f} s wall, {cpu:.0f} s CPU")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
