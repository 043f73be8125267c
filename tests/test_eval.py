"""The relevance harness (scripts/eval.py): its metrics and query builders on tiny inline data."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "eval.py"
_spec = importlib.util.spec_from_file_location("thongcao_eval", SCRIPT)
ev = importlib.util.module_from_spec(_spec)
sys.modules["thongcao_eval"] = ev  # dataclasses look their module up by name
_spec.loader.exec_module(ev)

Article, Query = ev.Article, ev.Query
FILLER = [Article(f"f{i}", f"Tin {i}", "Hôm nay trời đẹp và có gió, của ai đã đi.") for i in range(6)]


def mds(cluster: int, n: int, title: str, text: str = "Nội dung bài báo.") -> Article:
    return Article(f"{ev.TOPIC_PREFIX}cluster_{cluster}/{n}", title, text)


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


def test_word_tokens_normalise_pyvi_words_and_mark_punctuation():
    assert ev.word_tokens("Thỏa_thuận với Hàn_Quốc , Đắk Nông .") == [
        "thoả_thuận", "với", "hàn_quốc", "", "đắk", "nông", ""]


def test_overlaps_when_one_word_is_a_run_of_the_other():
    assert ev.overlaps("thẩm_mỹ", "thẩm_mỹ_viện") and ev.overlaps("mỹ_viện", "thẩm_mỹ_viện")
    assert not ev.overlaps("mỹ", "thẩm_viện") and not ev.overlaps("hàn_quốc", "quốc_hội")


def test_story_terms_are_shared_by_most_articles_telling_and_distinct():
    docs = [["lũ", "cuốn", "cầu_treo", "ở", "đắk", "nông", "", "cầu_treo", "hỏng", "2013"],
            ["cầu_treo", "ở", "đắk", "nông", "bị", "lũ", "cuốn", "2013"],
            ["lũ", "làm", "sập", "cầu_treo", "cầu"]]
    df = Counter({"ở": 90, "bị": 80, "làm": 70, "lũ": 2, "cầu": 3})  # in a sample of 100
    assert ev.story_terms(docs, df, 100, 2) == [["cầu_treo"], ["lũ", "cuốn"]]
    assert ev.story_terms(docs, df, 100, 9) == [["cầu_treo"], ["lũ", "cuốn"], ["đắk", "nông"]]
    # cầu_treo is in every article, twice in one; lũ in every one but also elsewhere; cuốn, đắk
    # and nông in two. lũ cuốn and đắk nông are written side by side in two of the three, so
    # each is one term. ở is in most articles but too common, 2013 has a digit, hỏng, sập and
    # cầu are in one article only.
    assert ev.story_terms(docs, df + Counter({"cầu_treo": 11}), 100, 9) == [["lũ", "cuốn"], ["đắk", "nông"]]


def test_neighbours_link_only_words_that_are_each_others_likeliest():
    docs = [["đắk", "nông", "lũ"], ["đắk", "nông", "", "lũ"], ["đắk", "lắk", "nông", "lũ"]]
    assert ev.neighbours(docs, {"đắk", "nông", "lũ", "lắk"}, 2) == {"đắk": "nông", "nông": "lũ"}
    assert ev.neighbours(docs, {"đắk", "nông", "lắk"}, 3) == {}


def test_surface_forms_and_headline_cuts():
    forms = ev.surface_forms(["Hóa trang", "hóa chất, Hoá học", "THỎA thuận"])
    assert forms["hoá"] == "hóa" and forms["thoả"] == "thỏa" and forms["trang"] == "trang"
    assert ev.headline_cut("nong dak lũ", ["Lũ ở Đắk Nông: lũ lớn"]) is False
    assert ev.headline_cut("dak nong LŨ", ["Lũ ở Đắk Nông: lũ lớn"]) is True  # folded, punctuation ignored
    assert ev.headline_cut("nông lũ", ["Đắk Nông lũ"]) and not ev.headline_cut("ông lũ", ["Đắk Nông lũ"])


def story_cluster() -> list[Article]:
    return [
        mds(1, 1, "Lũ cuốn trôi cầu treo ở Đắk Nông", "Lũ cuốn trôi cầu_treo ở Đắk Nông . Dân hóa_giải ."),
        mds(1, 2, "Đắk Nông: sập cầu treo", "Cầu_treo ở Đắk Nông bị lũ cuốn . Hóa_giải khó ."),
        mds(1, 3, "Cầu treo hỏng vì lũ", "Lũ làm sập cầu_treo tại Đắk Nông , hóa_giải ."),
        mds(2, 1, "Giá lúa tăng", "Giá lúa tăng ."),
        mds(2, 2, "Giá lúa lại tăng", "Giá lúa lại tăng ."),
        *[Article(f"f{i}", "Tin", "Hôm_nay trời đẹp ở Hà_Nội , dân tăng_gia .") for i in range(6)],
    ]


def test_story_queries_name_the_event_in_shuffled_words_spelled_as_the_articles():
    def words(a):
        return ev.word_tokens(a.title + " . " + a.text)

    articles = story_cluster()
    queries = ev.story_queries(articles, words=words)
    assert queries == ev.story_queries(articles, words=words)  # seeded
    story = next(q for q in queries if q.relevant[0].endswith("cluster_1/1"))
    assert story.relevant == tuple(a.id for a in articles[:3])
    typed = story.q.split()
    assert 2 <= len(typed) and set(typed) <= {"lũ", "cuốn", "cầu", "treo", "đắk", "nông", "hóa", "giải"}
    assert "đắk nông" in story.q or "đắk" not in typed  # a name is never split
    assert not ev.headline_cut(story.q, [a.title for a in articles[:3]])
    assert "hoá" not in story.q  # the articles write hóa, pyvi's dictionary hoá


def test_halves_are_fixed_and_keep_a_cluster_together():
    topic = Query("Phe đối lập", (f"{ev.TOPIC_PREFIX}cluster_1/1", f"{ev.TOPIC_PREFIX}cluster_1/2"))
    story = Query("campuchia biểu tình", (f"{ev.TOPIC_PREFIX}cluster_1/2",))
    assert ev.half(topic) == ev.half(story) in ev.HALVES
    known = [Query("q", (f"baomoi:{i}",)) for i in range(200)]
    parts = ev.halves(known)
    assert 70 < len(parts["tuning"]) < 130 and len(parts["tuning"]) + len(parts["held-out"]) == 200
    assert parts == ev.halves(list(reversed(known))[::-1])
    assert ev.half(Query("lúa", ())) == ev.half(Query("lúa", ()))


def test_weighted_gives_the_whole_set_mean():
    assert ev.weighted([(1.0, 0.5), (0.0, 1.0)], [3, 1]) == (0.75, 0.625)
    assert ev.weighted([(0.0, 0.0), (1.0, 1.0)], [0, 2]) == (1.0, 1.0)


def test_precision_counts_hits_holding_the_typed_syllable():
    texts = {"a": "Giá LÚA tăng", "b": "Lửa cháy rừng", "c": "Thỏa thuận về lúa", "d": "Hoà bình"}
    held = ev.lookalike_syllables(texts, ["lúa", "hòa"])
    assert held == {"a": {"lúa"}, "b": {"lửa"}, "c": {"lúa"}, "d": {"hoà"}}  # as the index writes them
    ranked = {"lúa": ["a", "b", "c"], "hòa": ["d", "c"], "bão": []}

    def rank(q: str, k: int | None = ev.K) -> list[str]:
        return ranked[q][:k]

    failures: list[str] = []
    assert ev.precision(rank, "lúa", held, None, failures) == (2, 3)
    assert ev.precision(rank, "lúa", held, 1, failures) == (1, 1)
    assert ev.precision(rank, "hòa", held, None, failures) == (1, 2)  # either tone placement
    assert ev.precision(rank, "bão", held, None, failures) == (0, 0) and not failures
    assert ev.precision(rank, "lụa", held, None, failures) == (0, 0) and failures
    assert ev.readings(held, ["lúa"]) == {"lúa": Counter({"lúa": 2, "lửa": 1})}
    assert ev.mean_share([(2, 3), (1, 1), (0, 0)]) == "0.833" and ev.mean_share([(0, 0)]) == "no hits"


def test_references_and_the_title_boosted_one(tmp_path):
    jsonl = tmp_path / "news" / "articles.jsonl"
    ev.write_jsonl([Article("body", "Tin tức", "Giá lúa tăng ở Đồng Tháp , lúa lúa"),
                    Article("title", "Giá lúa tăng", "Tin ở Đồng Tháp"),
                    Article("other", "Lửa", "Giá tăng")], jsonl)
    for name, (folded, boost) in ev.REFERENCES.items():
        ev.build_reference(jsonl, ev.reference_folder(tmp_path, name), folded, boost)
    rank = {name: ev.reference_ranker(ev.reference_folder(tmp_path, name), folded)
            for name, (folded, _) in ev.REFERENCES.items()}
    assert rank["plain"]("lúa đồng tháp") == ["body", "title"]  # more lúa in the body wins
    assert rank["plain×3"]("lúa đồng tháp") == ["title", "body"]  # the headline weighs three times
    assert rank["plain×3"]("lúa lửa") == [] and sorted(rank["folded×3"]("lua")) == ["body", "other", "title"]
    assert not list(tmp_path.glob("*.part"))


def test_run_rankers_reports_each_half_and_both_as_a_markdown_table():
    cluster = [f"{ev.TOPIC_PREFIX}cluster_{n}/1" for n in range(8)]
    sets = {"story": [Query(f"q{n}", (c,)) for n, c in enumerate(cluster)]}
    sets["story"][0] = Query("Đà Nẵng", (cluster[0],))

    def thongcao(q: str) -> list[str]:
        return cluster[:1] if ev.fold(q) == "Da Nang" else [cluster[int(q[1:])]]

    rankers = {"thongcao": thongcao, "plain": lambda q: [] if q == ev.fold(q) else cluster[:1]}
    results = ev.run_rankers(rankers, sets)
    sizes = ev.set_sizes(sets)
    assert sizes[("story", "tuning")] + sizes[("story", "held-out")] == sizes[("story", "both")] == 8
    assert results[("story", False, "both")]["thongcao"] == (1.0, 1.0)
    assert results[("story", True, "both")]["plain"] == (0.0, 0.0)
    assert results[("story", False, "both")]["plain"] == (0.125, 0.125)
    table = ev.format_table(results, sizes).splitlines()
    assert table[0] == "| query set | half | thongcao | plain |"
    tuning = sizes[("story", "tuning")]
    assert table[2].startswith(f"| story, diacritics | tuning ({tuning}) | 1.000 / 1.000 |")
    assert len(table) == 2 + 6 + 1 and table[-1].startswith("thongcao, story without diacritics: 100%")


def test_lookalike_report_gives_each_rankers_precision_by_half():
    corpus = [Article("a", "Giá lúa", "Lúa tăng"), Article("b", "Lửa", "Cháy"), Article("c", "Bão", "Mưa")]
    hits = {"lúa": ["a"], "bão": ["c"]}
    rankers = {"thongcao": lambda q, k=ev.K: hits.get(q, []), "folded": lambda q, k=ev.K: ["a", "b", "c"][:k]}
    report = ev.lookalike_report(rankers, corpus, ["lúa", "bão"]).splitlines()
    assert report[0] == "lúa in 1 articles; look-alikes in: lửa 1"
    assert report[2] == "| accented syllable: top 10 / all hits | thongcao | folded |"
    assert report[-1] == "| both (2) | 1.000 / 1.000 | 0.333 / 0.333 |"
