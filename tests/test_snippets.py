import re

import pytest

from indexer.search.snippets import LEAD_CHARS, SCAN_CHARS, SNIPPET_CHARS, Marks, lead, marked_text, snippet

KOREA = Marks(frozenset({("hàn", "quốc")}), frozenset({("han", "quoc")}), accented=True)
BARE_KOREA = Marks(frozenset({("han", "quoc")}), frozenset({("han", "quoc")}), accented=False)


def test_a_word_is_marked_where_its_syllables_stand_together():
    assert snippet("Hàn và Quốc; Hàn Quốc", KOREA) == "Hàn và Quốc; <mark>Hàn Quốc</mark>"


def test_text_typed_without_marks_is_marked_through_the_folded_forms():
    assert snippet("Đoàn thăm Hàn Quốc", BARE_KOREA) == "Đoàn thăm <mark>Hàn Quốc</mark>"


def test_an_accented_query_marks_only_what_it_matched():
    assert "<mark>" not in snippet("Han Quoc khong dau", KOREA)  # "Hàn Quốc" typed: not han quoc
    storm = Marks(frozenset({("bão",)}), frozenset({("bao",)}), True)
    assert snippet("Báo chí đưa tin bão số 3 và bảo đảm an toàn.", storm).count("<mark>") == 1
    mixed = Marks(frozenset({("ha", "nội")}), frozenset({("ha", "noi")}), True)  # "Ha Nội"
    marked = "<mark>Hà Nội</mark>, <mark>Hạ Nội</mark> và hà nổi."
    assert snippet("Hà Nội, Hạ Nội và hà nổi.", mixed) == marked


def test_every_character_of_the_document_is_escaped():
    marked = snippet('Tin <script>"x"</script> & Hàn Quốc', KOREA)
    assert marked == "Tin &lt;script&gt;&quot;x&quot;&lt;/script&gt; &amp; <mark>Hàn Quốc</mark>"


def test_long_texts_give_a_few_short_passages():
    text = ("Hàn Quốc " + "chữ " * 60) * 10
    marked = snippet(text, KOREA)
    assert 2 <= marked.count(" … ") + 1 <= 3 and len(marked) < 600


def test_no_match_gives_the_escaped_lead():
    text = "<b>" + "chữ " * 200
    assert snippet(text, KOREA) == lead(text)
    assert lead(text).startswith("&lt;b&gt;") and len(lead(text)) <= LEAD_CHARS + 20


def test_the_document_page_marks_every_occurrence():
    marked = marked_text("Hàn Quốc, <Hàn Quốc>", KOREA)
    assert marked == "<mark>Hàn Quốc</mark>, &lt;<mark>Hàn Quốc</mark>&gt;"


def test_the_document_page_marks_matches_past_the_snippets_scan():
    text = "Hàn Quốc " + "chữ " * SCAN_CHARS + "cuối cùng, Hàn Quốc."
    assert marked_text(text, KOREA).endswith("cuối cùng, <mark>Hàn Quốc</mark>.")
    assert marked_text(text, KOREA).count("<mark>") == 2
    assert snippet(text, KOREA).count("<mark>") == 1  # a hit's snippet reads only the opening


def test_a_letter_that_changes_length_leaves_only_its_own_line_unmarked():
    text = "İstanbul và Hàn Quốc\nHàn Quốc"  # "İ" lower-cases to two characters
    assert marked_text(text, KOREA) == "İstanbul và Hàn Quốc\n<mark>Hàn Quốc</mark>"


def test_a_snippet_starts_at_the_sentence_of_its_match():
    text = "Đoàn đã đến Hà Nội từ hôm qua. Sáng nay, hai bên bàn hợp tác với Hàn Quốc về du lịch. Sau đó"
    assert snippet(text, KOREA) == "Sáng nay, hai bên bàn hợp tác với <mark>Hàn Quốc</mark> về du lịch."


@pytest.mark.parametrize(
    "chrome",
    ["15:13\n", "15:13 ", "21/11/2023\n", "Thứ hai - 17/04/2023 15:13\n\n", "Trang chủ | Tin tức\n"],
)
def test_leftover_page_chrome_never_opens_a_snippet(chrome):
    text = chrome + "Đoàn công tác tỉnh Bình Phước thăm Hàn Quốc."
    assert snippet(text, KOREA) == "Đoàn công tác tỉnh Bình Phước thăm <mark>Hàn Quốc</mark>."
    assert lead(text) == "Đoàn công tác tỉnh Bình Phước thăm Hàn Quốc."


def test_a_match_in_a_menu_gives_no_passage():
    text = "Trang chủ | Hàn Quốc | Nhật Bản\nĐoàn thăm Hàn Quốc."
    assert snippet(text, KOREA) == "Đoàn thăm <mark>Hàn Quốc</mark>."


def test_sentences_next_to_each_other_read_as_one_paragraph():
    text = "Đoàn thăm Hàn Quốc.\n\nHai bên ký kết với Hàn Quốc."
    both = "Đoàn thăm <mark>Hàn Quốc</mark>. Hai bên ký kết với <mark>Hàn Quốc</mark>."
    assert snippet(text, KOREA) == both


def test_deep_in_a_long_sentence_its_opening_words_come_first():
    text = "Trước đó, đoàn công tác " + "và các sở ngành " * 20 + "đã sang Hàn Quốc ký kết."
    marked = snippet(text, KOREA)
    opening, rest = marked.split(" … ")
    assert text.startswith(opening) and len(opening) <= 60
    assert rest.endswith("đã sang <mark>Hàn Quốc</mark> ký kết.") and len(rest) < 100


def test_a_snippet_of_many_matches_stays_short_and_starts_at_a_sentence():
    text = " ".join(f"Câu số {n} nói về dự án của doanh nghiệp Hàn Quốc tại tỉnh." for n in range(40))
    marked = snippet(text, KOREA)
    assert marked.startswith("Câu số ") and len(re.sub("</?mark>", "", marked)) <= SNIPPET_CHARS
