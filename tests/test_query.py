import pytest

from indexer.query import All, Exclude, Terms, compile_query, marks_for, parse, query_words


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
    reader = snapshot.searcher.reader()
    assert query_words("han quoc thoa thuan", reader) == ["han_quoc", "thoa_thuan"]
    assert query_words("han quoc", reader=None) == ["han", "quoc"]


def test_a_multi_syllable_word_becomes_a_phrase_of_its_syllables(snapshot):
    compiled = compile_query(parse("Điện Biên"), snapshot.searcher.reader())
    assert "Phrase" in repr(compiled) and "điện" in repr(compiled)


def test_marks_are_the_query_words_as_syllables_without_excluded_ones(snapshot):
    marks = marks_for(parse('Hàn Quốc "hợp tác" -Samsung'), snapshot.searcher.reader())
    assert marks.exact == {("hàn", "quốc"), ("hợp", "tác")}
    assert marks.folded == {("han", "quoc"), ("hop", "tac")} and marks.accented


def test_bare_queries_are_marked_by_the_words_the_index_holds(snapshot):
    marks = marks_for(parse("han quoc"), snapshot.searcher.reader())
    assert marks.folded == {("han", "quoc")} and not marks.accented
