"""Distinct queries built from the corpus, for scripts/bench and scripts/load.

A fixed list of ten queries asked five times measures the engine's caches, not what a
reader gets.  `queries` draws, with a seeded generator, a few hundred distinct queries from
the headlines of the articles an index holds, cut into words by pyvi (indexer.analysis.analyzers):
one word, a run of 2-4 words, a "quoted phrase" of 1-3 words, 1-3 words typed without
diacritics (indexer.text.fold), each with or without facet filters, and empty queries
with filters only.  A query of more than one word holds at least one word of two or more
syllables, so runs like "là để" are rare.  The headlines are
read in place from ../shared/news at run time and only held in memory: no news text is
written anywhere.

>>> mix = queries(["Hà Nội mở rộng đường vành đai 4", "Giá vàng hôm nay tăng mạnh"] * 3,
...               {"country": ["Hoa Kỳ"], "year": ["2021", "2020"]}, count=20, seed=1)
>>> len(mix) == len(set((q, tuple(sorted(f.items()))) for q, f in mix)) == 20
True
>>> mix == queries(["Hà Nội mở rộng đường vành đai 4", "Giá vàng hôm nay tăng mạnh"] * 3,
...                {"country": ["Hoa Kỳ"], "year": ["2021", "2020"]}, count=20, seed=1)
True
"""

from __future__ import annotations

import json
import lzma
import random
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from indexer.analysis.analyzers import segment_all  # noqa: E402
from indexer.text import fold  # noqa: E402

NEWS = ROOT.parent / "shared" / "news" / "vi_news.jsonl.xz"
KINDS = (("one", 3), ("several", 3), ("phrase", 2), ("bare", 3), ("facets only", 1))
FILTERED = 0.3  # the share of queries with words that also carry facet filters
TOP_VALUES = 20  # filters pick among each facet's most frequent values
_WORD = re.compile(r"[^\W\d_]+(?:_[^\W\d_]+)*")  # pyvi's words of letters only: no numbers, no marks

Query = tuple[str, dict[str, tuple[str, ...]]]


def headlines(count: int, news: Path = NEWS) -> list[str]:
    """The titles of the first `count` articles of the news set (those an index of `count` holds)."""
    titles = []
    with lzma.open(news, "rt", encoding="utf-8") as source:
        for number, line in enumerate(source):
            if number >= count:
                break
            titles.append(json.loads(line).get("title") or "")
    return titles


def queries(titles: Sequence[str], values: Mapping[str, Sequence[str]], count: int = 300,
            seed: int = 1) -> list[Query]:  # fmt: skip
    """`count` distinct (query, filters) pairs drawn from `titles`; `values` are each facet's
    values, most frequent first.  The same arguments give the same list."""
    rng = random.Random(seed)
    clauses = [c for c in (_clauses(t) for t in segment_all(list(titles))) if c]
    pool = {name: list(found[:TOP_VALUES]) for name, found in sorted(values.items()) if found}
    kinds, weights = zip(*KINDS, strict=True)
    seen: set = set()
    out: list[Query] = []
    for _ in range(count * 50):  # bounded: a tiny corpus may not have `count` distinct queries
        if len(out) >= count:
            break
        kind = rng.choices(kinds, weights)[0]
        if kind == "facets only":
            if not pool:
                continue
            q, filters = "", _filters(rng, pool)
        else:
            q = _words(rng, rng.choice(rng.choice(clauses)), kind)
            filters = _filters(rng, pool) if pool and rng.random() < FILTERED else {}
        key = (q, tuple(sorted(filters.items())))
        if (q or filters) and key not in seen:
            seen.add(key)
            out.append((q, filters))
    return out


def _clauses(segmented: str) -> list[list[tuple[str, bool]]]:
    """A segmented headline's runs of words between numbers and punctuation, each word with
    whether it says something (two or more syllables, or a name: capitalised, not first)."""
    clauses, run = [], []
    for number, token in enumerate([*segmented.split(), "."]):
        if _WORD.fullmatch(token):
            run.append((token, "_" in token or (number > 0 and token[:1].isupper())))
            continue
        if any(telling for _, telling in run):
            clauses.append(run)
        run = []
    return clauses


def _words(rng: random.Random, clause: list[tuple[str, bool]], kind: str) -> str:
    """A run of a headline's words, as one kind of query, holding a word that says something."""
    size = {"one": 1, "several": rng.randint(2, 4), "phrase": rng.randint(1, 3), "bare": rng.randint(1, 3)}
    length = min(len(clause), size[kind])
    starts = [i for i in range(len(clause) - length + 1) if any(t for _, t in clause[i : i + length])]
    start = rng.choice(starts)
    run = " ".join(word for word, _ in clause[start : start + length]).replace("_", " ")
    if kind == "bare":
        return fold(run).lower()
    if rng.random() < 0.5:  # half typed in lower case, as people do
        run = run.lower()
    return f'"{run}"' if kind == "phrase" else run


def _filters(rng: random.Random, pool: Mapping[str, list[str]]) -> dict[str, tuple[str, ...]]:
    """One or two facets, each with one value (sometimes two, OR-ed)."""
    chosen = rng.sample(sorted(pool), k=min(len(pool), rng.choice((1, 1, 2))))
    filters = {}
    for name in chosen:
        picked = rng.sample(pool[name], k=min(len(pool[name]), rng.choice((1, 1, 1, 2))))
        filters[name] = tuple(sorted(picked))
    return filters


def with_dates(mix: Sequence[Query], years: Sequence[str], share: float, seed: int = 1) -> list[Query]:
    """The mix with a date range (`from`/`to`, as the URL gives them) added to `share` of its
    queries: a year, a span of years, or a span of months.  Its own generator, so the
    queries themselves stay those `queries` drew.

    >>> dated = with_dates([("hợp tác", {}), ("", {"year": ("2020",)})], ["2019", "2020"], 1.0)
    >>> all(set(f) >= {"from", "to"} for _, f in dated) and dated[0][0] == "hợp tác"
    True
    """
    known = sorted(y for y in years if y.isdigit())
    if not known:
        return list(mix)
    rng = random.Random(seed * 7919)
    out = []
    for q, filters in mix:
        if rng.random() < share:
            first = rng.choice(known)
            shape = rng.choice(("year", "years", "months"))
            if shape == "year":
                span = (first, first)
            elif shape == "years":
                span = (first, str(min(int(first) + rng.randint(1, 3), int(known[-1]))))
            else:
                month = rng.randint(1, 10)
                span = (f"{first}-{month:02d}", f"{first}-{month + rng.randint(1, 2):02d}")
            filters = {**filters, "from": (span[0],), "to": (span[1],)}
        out.append((q, filters))
    return out


def describe(mix: Sequence[Query]) -> str:
    """How many of each shape, for the printed output."""
    phrase = sum(q.startswith('"') for q, _ in mix)
    bare = sum(bool(q) and not q.startswith('"') and fold(q) == q for q, _ in mix)
    empty = sum(not q for q, _ in mix)
    filtered = sum(bool(set(f) - {"from", "to"}) for _, f in mix)
    dated = sum("from" in f for _, f in mix)
    words = [len(q.split()) for q, _ in mix if q and not q.startswith('"')]
    one = sum(n <= 2 for n in words)
    return (f"{len(mix)} distinct queries: {one} of 1-2 syllables, {len(words) - one} of 3 or more, "
            f"{phrase} quoted phrases, {bare} without diacritics, {empty} empty with facets only; "
            f"{filtered} with facet filters, {dated} with a date range")  # fmt: skip


def date_bounds(filters: dict[str, tuple[str, ...]]) -> tuple[int | None, int | None]:
    """A mix entry's date range (its `from`/`to`) as YYYYMMDD bounds, as search() reads them."""
    return request(("", filters)).date_range()


def request(entry: tuple[str, dict[str, tuple[str, ...]]]):
    """A mix entry (query, filters with `from`/`to`) as the SearchRequest the API makes of it."""
    from indexer.search.run import SearchRequest

    q, filters = entry
    facets = {name: values for name, values in filters.items() if name not in ("from", "to")}
    since, until = filters.get("from", ("",))[0], filters.get("to", ("",))[0]
    return SearchRequest(q, facets, date_from=since, date_to=until)
