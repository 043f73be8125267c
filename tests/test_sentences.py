import pytest

from indexer.analysis.sentences import past_chrome, sentence_starts


def opening(text: str) -> str:
    return text[past_chrome(text, 0) :]


def test_sentences_start_after_a_full_stop_a_question_an_exclamation_or_a_line_break():
    text = "Đoàn đến. Hai bên ký kết? Có! “Tốt.” Sau đó\nDòng mới"
    assert [text[i:][:4] for i in sentence_starts(text)] == ["Đoàn", "Hai ", "Có! ", "“Tốt", "Sau ", "Dòng"]


def test_an_abbreviation_an_initial_or_a_lower_case_word_goes_on_the_same_sentence():
    text = "Đoàn đến TP. Hồ Chí Minh, gặp ThS. Lê Văn A. Bình, v.v. và về."
    assert sentence_starts(text) == [0]


@pytest.mark.parametrize(
    "chrome",
    [
        "15:13\n",
        "15:13 ",
        "21/11/2023 13:17:17\n",
        "21/11/2023\n",
        "Thứ hai - 17/04/2023 15:13\n\n",
        "Chủ nhật, 02/01/2024, 08:00 (GMT+7)\n",
        "Cập nhật lúc 15:13 ",
        "Trang chủ | Tin tức | Quốc tế\n",
        "Tin trong tỉnh >> Chính trị\n",
        "15:13\n21/11/2023\nTrang chủ » Thời sự\n",
    ],
)
def test_chrome_before_a_sentence_is_stepped_over(chrome):
    assert opening(chrome + "Đoàn công tác đến Hà Nội.") == "Đoàn công tác đến Hà Nội."


@pytest.mark.parametrize(
    "prose",
    [
        "17/4/2023, Đoàn công tác đến Hà Nội.",
        "Sáng 17/4, đoàn công tác đến lúc 15:13.",
        "Năm 2023 - 2024, hai bên ký kết.",
        "- Đoàn công tác đến Hà Nội.",
        "«Hàn Quốc» là đối tác lớn.",
    ],
)
def test_a_date_opening_prose_and_a_bullet_are_not_chrome(prose):
    assert opening(prose) == prose


def test_text_of_nothing_but_chrome_has_nothing_left():
    assert opening("Thứ hai - 17/04/2023 15:13\n") == ""
