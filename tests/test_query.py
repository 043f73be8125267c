import json
from urllib.parse import quote

import pytest

from indexer.search.query import MAX_DEPTH, All, Exclude, Terms, compile_query, marks_for, parse, query_words
from tests.conftest import cli_json, run_cli


def test_plain_words_form_one_run_so_they_are_segmented_together():
    assert parse("hợp tác Nhật Bản") == Terms("hợp tác Nhật Bản")


def test_phrases_operators_and_the_title_field():
    assert parse('"Hàn Quốc" OR title:Imsil -Samsung') == All(
        (Terms("Hàn Quốc", phrase=True), All((Terms("Imsil", "title"), Exclude(Terms("Samsung"))))), "or"
    )
    assert parse("title:(Hàn Quốc)") == Terms("Hàn Quốc", "title")
    assert parse("NOT Mỹ") == Exclude(Terms("Mỹ"))


@pytest.mark.parametrize("typed", ['((( "', ")))", "OR AND NOT", '""', "-", "\x00\x00", "title:("])
def test_malformed_queries_parse_to_nothing_rather_than_failing(typed):
    assert parse(typed) is None


def test_malformed_queries_keep_their_words():
    assert parse('hợp tác ((( "Hàn') == All((Terms("hợp tác"), Terms("Hàn", phrase=True)))
    assert parse("title:") == Terms("title")


def test_accented_runs_are_segmented_by_pyvi():
    assert query_words("Thỏa thuận hợp tác", reader=None) == ["thoả_thuận", "hợp_tác"]


def test_bare_runs_are_grouped_by_the_words_the_index_holds(snapshot):
    reader = snapshot.vocabulary()
    assert query_words("han quoc thoa thuan", reader) == ["han_quoc", "thoa_thuan"]
    assert query_words("han quoc", reader=None) == ["han", "quoc"]


@pytest.mark.parametrize("engine", ["whoosh"], indirect=True)  # compile_query: the Whoosh baseline's query
def test_a_multi_syllable_word_becomes_a_phrase_of_its_syllables(snapshot):
    compiled = compile_query(parse("Thái Nguyên"), snapshot.vocabulary())
    assert "Phrase" in repr(compiled) and "thái" in repr(compiled)


def test_marks_are_the_query_words_as_syllables_without_excluded_ones(snapshot):
    marks = marks_for(parse('Hàn Quốc "hợp tác" -Samsung'), snapshot.vocabulary())
    assert marks.exact == {("hàn", "quốc"), ("hợp", "tác")}
    assert marks.folded == {("han", "quoc"), ("hop", "tac")} and marks.accented


def test_bare_queries_are_marked_by_the_words_the_index_holds(snapshot):
    marks = marks_for(parse("han quoc"), snapshot.vocabulary())
    assert marks.folded == {("han", "quoc")} and not marks.accented


# --- Nesting: deeper than MAX_DEPTH, the parentheses are ignored, everywhere -----------------

DEEP = "(" * 330 + "hợp tác"  # 337 characters: within a search's length limit


def test_parentheses_nest_up_to_a_bound():
    nested = "(" * MAX_DEPTH + "Hàn Quốc OR Lào" + ")" * MAX_DEPTH
    assert parse(nested) == All((Terms("Hàn Quốc"), Terms("Lào")), "or")
    assert depth(parse("-(" * MAX_DEPTH + "Lào")) == MAX_DEPTH
    assert depth(parse("-(" * (MAX_DEPTH + 1) + "Lào")) <= 1  # the signs, without their groups


def depth(node) -> int:
    """How many Excludes wrap the query's words."""
    return 1 + depth(node.item) if isinstance(node, Exclude) else 0


@pytest.mark.parametrize(
    "typed, words",
    [
        (DEEP, "hợp tác"),
        (DEEP + ")" * 330, "hợp tác"),
        ("title:(" * 330 + "hợp tác", "hợp tác"),
        ("((Lào " * 99 + "hợp tác", "Lào " * 99 + "hợp tác"),
    ],
)
def test_a_deeper_query_is_its_words(typed, words):
    assert parse(typed) == Terms(words)


def test_every_endpoint_searches_a_deep_query_as_its_words(client):
    plain = client.get("/api/search", query_string={"q": "hợp tác", "per_page": 100}).get_json()
    deep = client.get("/api/search", query_string={"q": DEEP, "per_page": 100}).get_json()
    assert deep["total"] == plain["total"] > 0 and deep["hits"] == plain["hits"]
    page = client.get("/", query_string={"q": DEEP})
    assert page.status_code == 200 and f"{plain['total']} kết quả" in page.get_data(as_text=True)
    feed = client.get("/feed.atom", query_string={"q": DEEP})
    assert feed.status_code == 200 and feed.data.count(b"<entry>") == plain["total"]
    doc = client.get(f"/doc/{quote(plain['hits'][0]['id'], safe='')}", query_string={"q": DEEP})
    assert doc.status_code == 200 and "<mark>hợp tác</mark>" in doc.get_data(as_text=True).lower()
    rows = json.loads(client.get("/export.json", query_string={"q": DEEP}).get_data(as_text=True))
    assert {row["id"] for row in rows} >= {hit["id"] for hit in plain["hits"]}
    csv_lines = client.get("/export.csv", query_string={"q": DEEP}).get_data(as_text=True).splitlines()
    assert len(csv_lines) == 1 + len(rows)


def test_the_command_line_searches_a_deep_query_as_its_words(seed_index):
    deep = cli_json("search", DEEP, index=seed_index)
    assert deep == {**cli_json("search", "hợp tác", index=seed_index), "query": DEEP}
    shown = run_cli("search", DEEP, index=seed_index)
    assert shown.returncode == 0 and "RecursionError" not in shown.stderr


# --- Proximity and prefixes ------------------------------------------------------------------


def test_a_phrase_with_a_distance_and_a_prefix_parse():
    assert parse('"Samsung Bắc Ninh"~10') == Terms("Samsung Bắc Ninh", phrase=True, near=10)
    assert parse("Gyeong* hợp tác") == All((Terms("Gyeong", prefix=True), Terms("hợp tác")))
    assert parse("Gy*") == Terms("Gy*")  # two letters: the word typed, not a prefix
    assert parse('"Hàn Quốc"~') == Terms("Hàn Quốc", phrase=True)  # no distance: the phrase


def titles(snapshot, q: str) -> set[str]:
    from indexer.search.run import SearchRequest, search

    return {hit.title for hit in search(snapshot, SearchRequest(q, per_page=50)).hits}


def test_words_within_n_syllables_of_each_other_in_any_order(snapshot):
    imsil = "Đẩy mạnh hơn nữa mối quan hệ hợp tác giữa Tuyên Quang và huyện Imsil, tỉnh Jeollabuk, Hàn Quốc"
    assert titles(snapshot, '"Tuyên Quang Imsil"~10') == {imsil}  # "Tuyên Quang và huyện Imsil"
    assert titles(snapshot, '"Imsil Tuyên Quang"~10') == {imsil}  # either order
    assert titles(snapshot, '"tuyen quang imsil"~10') == {imsil}  # without diacritics
    assert titles(snapshot, '"Tuyên Quang Imsil"~2') == set()  # four syllables apart: too far
    assert titles(snapshot, '"Tuyên Quang Imsil"') == set()  # as a phrase they never stand together


def test_a_prefix_finds_every_syllable_it_starts_with_bare_or_accented(snapshot):
    gyeong = titles(snapshot, "Gyeong*")
    assert gyeong and gyeong == titles(snapshot, "gyeong*")
    assert gyeong == titles(snapshot, "Gyeongsangbuk") | titles(snapshot, "Gyeongju")
    accented = titles(snapshot, "Tuyê*")  # tuyên, as typed
    assert accented == titles(snapshot, "Tuyên") and accented < titles(snapshot, "tuye*")  # + tuyển …
    assert titles(snapshot, "Zzyx*") == set()  # no syllable starts so


def test_a_cut_expansion_is_said_on_the_page_the_terminal_and_not_hidden(client, monkeypatch, seed_index):
    from indexer.search import query

    monkeypatch.setattr(query, "MAX_EXPANSION", 1)
    page = client.get("/?q=Gyeong*").get_data(as_text=True)
    assert "Gyeong*: tìm theo 1 âm tiết bắt đầu như vậy, là những âm tiết dùng nhiều nhất" in page
    monkeypatch.undo()
    assert "Gyeong*: tìm theo 2 âm tiết bắt đầu như vậy." in client.get("/?q=Gyeong*").get_data(as_text=True)
    shown = run_cli("search", "Gyeong*", index=seed_index).stdout
    assert "(Gyeong*: 2 syllables)" in shown


def test_the_api_and_the_command_line_answer_proximity_and_prefixes_alike(client, seed_index):
    for q in ('"Tuyên Quang Imsil"~10', "Gyeong*", "Jeolla* -Imsil"):
        api = client.get("/api/search?q=" + quote(q)).get_json()
        cli = cli_json("search", q, index=seed_index)
        assert api["total"] == cli["total"] > 0
        assert [h["id"] for h in api["hits"]] == [h["id"] for h in cli["hits"]]
