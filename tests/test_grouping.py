"""Counting by story without sorting the matches: every way agrees with the plain definition."""

import numpy as np
import pytest

from indexer.search import grouping


def random_index(seed: int, size: int = 400, values: int = 7, density: float = 0.5):
    rng = np.random.default_rng(seed)
    stories = rng.integers(0, size // 3, size)  # about three copies a story
    docs = np.sort(rng.integers(0, size, 2 * size))  # a document may carry several values
    codes = rng.integers(0, values, docs.size)
    base = rng.random(size) < density
    return stories, docs, codes, base, values


def stories_per_value(stories, docs, codes, base, values) -> list[int]:
    held = [set() for _ in range(values)]
    for doc, code in zip(docs.tolist(), codes.tolist(), strict=True):
        if base[doc]:
            held[code].add(int(stories[doc]))
    return [len(s) for s in held]


@pytest.mark.parametrize("density", [0.5, 0.02])  # groups found by a reduceat, or marked
@pytest.mark.parametrize("seed", range(8))
def test_a_story_counts_once_for_a_value_however_many_copies_carry_it(seed, density):
    stories, docs, codes, base, values = random_index(seed, density=density)
    expected = stories_per_value(stories, docs, codes, base, values)
    assert grouping.counts(docs, codes, values, base, stories).tolist() == expected
    grouped = grouping.pairs_by_story(docs, codes, values, stories)
    assert grouping.grouped_counts(grouped, values, base).tolist() == expected


@pytest.mark.parametrize("seed", range(8))
def test_totals_and_first_copies_are_the_plain_ones(seed):
    stories, _, _, base, _ = random_index(seed)
    assert grouping.distinct(base, stories) == len(set(stories[base].tolist()))
    order = np.random.default_rng(seed).permutation(np.flatnonzero(base))
    seen, first = set(), []
    for at, doc in enumerate(order.tolist()):
        if stories[doc] not in seen:
            seen.add(stories[doc])
            first.append(at)
    assert grouping.first_per_story(order, stories).tolist() == first


def test_an_empty_facet_and_an_empty_search_count_nothing():
    empty = np.zeros(0, dtype=np.int64)
    grouped = grouping.pairs_by_story(empty, empty, 3, np.array([0, 1]))
    assert grouping.grouped_counts(grouped, 3, np.array([True, True])).tolist() == [0, 0, 0]
    assert grouping.first_per_story(empty, np.array([0, 1])).tolist() == []
    assert grouping.distinct(np.zeros(2, dtype=bool), np.array([0, 1])) == 0


def test_a_facet_counts_alike_on_its_first_search_and_once_its_pairs_are_grouped():
    from indexer.engines.whoosh_snapshot import FacetPostings

    stories, docs, codes, base, values = random_index(3)
    per_value = [docs[codes == code] for code in range(values)]
    facet = FacetPostings.of("country", [f"v{n}" for n in range(values)], per_value, np.ones(base.size, bool))
    expected = stories_per_value(stories, facet.docs, facet.codes, base, values)
    assert [facet.counts(base, stories).tolist() for _ in range(3)] == [expected] * 3
    assert facet._by_story[1] is not None  # grouped from the second search on
