import unicodedata

import pytest

from indexer.text import fold, has_diacritics, nfc, normalize, normalize_tones


@pytest.mark.parametrize(
    ("typed", "pyvi_style"),
    [
        ("hòa", "hoà"),
        ("khỏe", "khoẻ"),
        ("thủy", "thuỷ"),
        ("ủy", "uỷ"),
        ("tùy", "tuỳ"),
        ("Hòa Bình", "Hoà Bình"),
    ],
)
def test_open_oa_oe_uy_syllables_take_the_tone_on_the_second_vowel(typed, pyvi_style):
    assert normalize_tones(typed) == pyvi_style
    assert normalize_tones(pyvi_style) == pyvi_style


@pytest.mark.parametrize("word", ["hoàn", "thuyền", "quý", "huỳnh", "khuỷu", "suýt", "hoài", "thuở", "toán"])
def test_other_syllables_keep_their_marks(word):
    assert normalize_tones(word) == word


def test_nfd_input_is_composed_before_anything_else():
    decomposed = unicodedata.normalize("NFD", "Thỏa thuận")
    assert normalize(decomposed) == "thoả thuận"
    assert nfc(decomposed) == "Thỏa thuận"


def test_folding_strips_every_mark_and_maps_d_bar():
    assert fold("ĐẨY MẠNH hợp tác Đà Nẵng") == "DAY MANH hop tac Da Nang"
    assert not has_diacritics("han quoc") and has_diacritics("HÀN QUỐC")
