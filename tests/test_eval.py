"""The relevance harness (scripts/eval.py): its metrics and query builders on tiny inline data."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "eval.py"
_spec = importlib.util.spec_from_file_location("thongcao_eval", SCRIPT)
ev = importlib.util.module_from_spec(_spec)
sys.modules["thongcao_eval"] = ev  # dataclasses look their module up by name
_spec.loader.exec_module(ev)

Article, Query = ev.Article, ev.Query
FILLER = [Article(f"f{i}", f"Tin {i}", "Hôm nay trời đẹp và có gió, của ai đã đi.") for i in range(6)]


def mds(cluster: int, n: int, title: str) -> Article:
    return Article(f"{ev.TOPIC_PREFIX}cluster_{cluster}/{n}", title, "Nội dung bài báo.")


def test_reciprocal_rank_is_one_over_the_first_relevant_rank_within_k():
    assert ev.reciprocal_rank(["a", "b", "c"], {"b"}) == 0.5
    assert ev.reciprocal_rank(["a", "b", "c"], {"c", "a"}) == 1.0
    assert ev.reciprocal_rank(["a", "b", "c"], {"z"}) == 0.0
    assert ev.reciprocal_rank(["a", "b", "c"], {"c"}, k=2) == 0.0


def test_recall_is_the_share_of_relevant_ids_in_the_top_k():
    assert ev.recall(["a", "b"], {"b", "z"}) == 0.5
    assert ev.recall(["a", "b", "c"], {"c"}, k=2) == 0.0
    assert ev.recall(["a"], {"a"}) == 1.0  # known-item: the hit rate
    assert ev.recall(["a"], set()) == 0.0


def test_evaluate_averages_folds_queries_and_counts_a_crash_as_a_miss():
    asked: list[str] = []

    def rank(q: str) -> list[str]:
        asked.append(q)
        if q == "boom":
            raise IndexError("list index out of range")
        return ["x", "a"]

    queries = [Query("Đà Nẵng", ("a",)), Query("boom", ("a",))]
    failures: list[str] = []
    assert ev.evaluate(rank, queries, True, failures) == (0.25, 0.5)
    assert asked == ["Da Nang", "boom"]
    assert len(failures) == 1 and "IndexError" in failures[0]


def test_windows_keep_whole_words_within_a_clause():
    parts = [["Hàn_Quốc", "và", "Nhật_Bản"], ["hợp_tác"]]
    assert list(ev.windows(parts, (3,))) == [("Hàn_Quốc", "và"), ("và", "Nhật_Bản")]
    assert ev.clauses("Campuchia: Phe đối lập") == [["Campuchia"], ["Phe", "đối", "lập"]]
    assert ev.folded(("Đà_Nẵng", "mở")) == "da nang mo"


def test_known_item_query_is_unique_to_its_headline_and_deterministic():
    articles = [
        Article("a", "Bão số 3 đổ bộ Quảng Ninh", "Bão gây mưa lớn."),
        Article("b", "Bão số 4 suy yếu ở Quảng Ninh", "Bão yếu dần."),
        Article("c", "Giá vàng hôm nay tăng mạnh", "Vàng tăng."),
        Article("d", "Giá vàng hôm nay giảm", "Vàng tăng."),  # c and d share a text: neither is a target
        mds(1, 1, "Phe đối lập Campuchia biểu tình"),  # reserved for the topic set
        *FILLER,
    ]
    df = ev.document_frequency(articles)
    queries = ev.known_item_queries(articles, df, count=5, rare=0.5, segment=ev.clauses)
    assert queries == ev.known_item_queries(articles, df, count=5, rare=0.5, segment=ev.clauses)
    assert sorted(q.relevant for q in queries) == [("a",), ("b",)]
    titles = {a.id: ev.folded(a.title.split()) for a in articles}
    for q in queries:
        words = ev.folded(q.q.split())
        assert 3 <= len(q.q.split()) <= 5
        assert [i for i, t in titles.items() if words in t] == list(q.relevant)


def test_topic_query_is_the_phrase_most_cluster_headlines_share():
    articles = [
        mds(1, 1, "Phe đối lập Campuchia lại biểu tình"),
        mds(1, 2, "Campuchia: Phe đối lập biểu tình mới"),
        mds(1, 3, "Ông Hun Sen nói về đàm phán"),
        mds(2, 1, "Giá lúa tăng mạnh"),
        mds(2, 2, "Giá lúa lại tăng"),
        mds(3, 1, "Một bài lẻ loi"),
        *FILLER,
    ]
    queries = ev.topic_queries(articles, ev.document_frequency(articles), segment=ev.clauses)
    assert sorted(queries, key=lambda q: q.relevant) == [
        Query("Phe đối lập", tuple(f"{ev.TOPIC_PREFIX}cluster_1/{n}" for n in (1, 2, 3))),
        Query("Giá lúa", (f"{ev.TOPIC_PREFIX}cluster_2/1", f"{ev.TOPIC_PREFIX}cluster_2/2")),
    ]  # the longest of the phrases two headlines share; a one-article cluster names no event


def test_topic_query_avoids_phrases_used_outside_the_cluster():
    articles = [
        mds(1, 1, "Phe đối lập Campuchia lại biểu tình"),
        mds(1, 2, "Campuchia: Phe đối lập biểu tình mới"),
        Article("x", "Phe đối lập Thái Lan họp", "Nội dung."),
        *FILLER,
    ]
    df = ev.document_frequency(articles)
    assert [q.q for q in ev.topic_queries(articles, df, segment=ev.clauses)] == ["biểu tình"]
    articles.append(Article("y", "Sinh viên biểu tình", "Nội dung."))
    assert ev.topic_queries(articles, df, outside=0, segment=ev.clauses) == []


def test_pick_corpus_keeps_every_judged_article_and_file_order():
    articles = [Article(str(i), f"t{i}", "x") for i in range(20)]
    sets = {"known-item": [Query("q", ("17",))], "topic": [Query("r", ("3", "9"))]}
    corpus = ev.pick_corpus(articles, sets, 6)
    ids = [a.id for a in corpus]
    assert len(ids) == 6 and {"3", "9", "17"} <= set(ids)
    assert ids == sorted(ids, key=int)
    assert ev.pick_corpus(articles, sets, 2) == [articles[3], articles[9], articles[17]]


def test_query_sets_round_trip_through_json(tmp_path):
    sets = {"known-item": [Query("Đà Nẵng mở", ("a",))], "topic": [Query("giá lúa", ("b", "c"))]}
    ev.save_query_sets(sets, tmp_path)
    assert ev.load_query_sets(tmp_path) == sets
    assert ev.load_query_sets(tmp_path / "missing") is None
